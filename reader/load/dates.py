"""Normalise the many ways articles write dates into ISO 8601 strings."""

from __future__ import annotations

import datetime as dt
import re

_FULLWIDTH = str.maketrans("０１２３４５６７８９：／－．", "0123456789:/-.")
# 2020-10-27, 2020/10/27, 2020.10.27, 2020年10月27日, 109年10月27日 (ROC years), with a time.
_YMD = re.compile(
    r"(?P<y>\d{2,4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号號]?"
    r"(?:\s*(?:[T ]|\s)?\s*(?:[上下]午|早上|晚上)?\s*"
    r"(?P<H>\d{1,2})\s*[:：時时点點]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_EPOCH = re.compile(r"\d{10}(\d{3})?")


def _tz(value: str | None) -> dt.tzinfo | None:
    if not value:
        return None
    if value == "Z":
        return dt.UTC
    sign = 1 if value[0] == "+" else -1
    digits = value[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def format_datetime(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0) and value.tzinfo is None:
            return value.date().isoformat()
        text = value.isoformat(timespec="seconds")
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return value.isoformat()


def normalize_date(value: object) -> str:
    """ISO date or datetime for a date value of any common form; the input trimmed if unknown."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return format_datetime(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(str(int(value))) or str(value)
    text = str(value).strip().translate(_FULLWIDTH)
    if not text:
        return ""
    if _EPOCH.fullmatch(text):
        return _from_epoch(text) or text
    m = _YMD.search(text)
    if m:
        parsed = _from_match(m, text)
        if parsed:
            return parsed
    try:
        from dateutil import parser as dateparser

        return format_datetime(dateparser.parse(text, fuzzy=False))
    except (ValueError, OverflowError, TypeError, ImportError):
        return text


def find_date(text: str) -> str:
    """The first date written in a free text (a byline), ISO; '' if none."""
    m = _YMD.search(text.translate(_FULLWIDTH))
    return (_from_match(m, text) or "") if m else ""


def _from_epoch(text: str) -> str:
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    try:
        return format_datetime(dt.datetime.fromtimestamp(seconds, tz=dt.UTC))
    except (OverflowError, OSError, ValueError):
        return ""


def _from_match(m: re.Match[str], text: str) -> str:
    year = int(m["y"])
    if len(m["y"]) <= 3:
        if "年" not in text[m.start() : m.end()]:
            return ""
        year += 1911  # Taiwan's Minguo calendar (民國109年 = 2020)
    try:
        if m["H"] is None:
            return dt.date(year, int(m["m"]), int(m["d"])).isoformat()
        hour = int(m["H"])
        span = text[m.start() : m.end()]
        if ("下午" in span or "晚上" in span) and hour < 12:
            hour += 12
        value = dt.datetime(
            year, int(m["m"]), int(m["d"]), hour, int(m["M"]), int(m["S"] or 0), tzinfo=_tz(m["tz"])
        )
    except ValueError:
        return ""
    text_out = value.isoformat(timespec="seconds")
    return text_out[:-6] + "Z" if text_out.endswith("+00:00") else text_out
