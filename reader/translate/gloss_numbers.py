"""Numbers in the word-by-word gloss: Chinese numerals, 亿/万 scales, dates and percentages.

A gloss reads a sentence word by word, so 5月21日 came out "5 month 21 day" and
百分之二十 "percent twenty". These read as an English reader writes them: "May 21",
"the 21st", "20 percent", "2024" (年 after a year is the year itself), and news text's
counting words too: 三成 "30 percent", 一季度 "1st quarter", 3月底 "end of March",
两万余 "over 20,000", 上涨120点 "120 points".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from reader.model import Token

_DIGIT_VALUES = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}
# the characters a Chinese numeral is written with (digits, units, scales): one definition
# for every reader of numerals in the gloss
NUMERAL_CHARS = "".join(_DIGIT_VALUES) + "".join(_UNIT_VALUES) + "万亿"
# the digits written one by one, as in a year (二〇一九): every digit but 两
SPELLED_DIGITS = {ch: str(value) for ch, value in _DIGIT_VALUES.items() if ch != "两"}
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def chinese_number(text: str) -> int | None:
    """三百 → 300, 十五 → 15, 两千零五 → 2005, 5 → 5; None if not a plain number."""
    if text.isdigit():
        return int(text)
    if not text or text[0] in "万亿":  # a bare scale is no number, nor 万一 "in case"
        return None
    total = section = digit = 0
    for ch in text:
        if ch in _DIGIT_VALUES:
            digit = _DIGIT_VALUES[ch]
        elif ch in _UNIT_VALUES:
            section += (digit or 1) * _UNIT_VALUES[ch]
            digit = 0
        elif ch in "万亿":
            total = (total + section + digit) * (10_000 if ch == "万" else 100_000_000)
            section = digit = 0
        else:
            return None
    return total + section + digit


# scales a word may open with after a number, longest first (1.5|万亿美元 "1.5 trillion US
# dollars", not 1.5 × 万 and a dropped 亿)
_SCALE = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "十亿": 10**9,
    "千万": 10**7,
    "百万": 10**6,
    "亿": 10**8,
    "万": 10**4,
}


def scale_prefix(word: str) -> str:
    """The scale ``word`` opens with (万亿 of 万亿美元, 亿 of 亿元), "" if none."""
    return next((scale for scale in _SCALE if word.startswith(scale)), "")


def scale_number(number: str, unit: str, shown: str) -> str | None:
    """``number`` × the scale ``unit`` (亿, 万, 万亿 …) in English words ("1 billion",
    "500 million", "30,000"); None when the number was not shown as is (Arabic as written,
    a Chinese numeral as its value: 三百|万辆 "3 million", 两万|亿元 "2 trillion") or isn't
    a plain number."""
    multiplier = _SCALE.get(unit)
    digits = number.replace(",", "").replace("，", "")
    if multiplier is None:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", digits) and shown == number:
        base = float(digits)
    elif (numeral := chinese_number(number)) is not None and shown in _shown_forms(numeral):
        base = float(numeral)
    else:
        return None
    value = base * multiplier
    return _in_millions(value) or f"{value:,.0f}"


def _shown_forms(value: int) -> tuple[str, ...]:
    """How the gloss may have written a Chinese numeral (numeral_words and its plain value)."""
    return (str(value), f"{value:,}", _in_millions(value, exact=True) or "")


_LARGE = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def _in_millions(value: float, exact: bool = False) -> str | None:
    """``value`` as "1.2 billion", "20 million" (two decimals at most); None below a
    million. ``exact``: only a size the value is a whole hundredth of (no rounding)."""
    for size, name in _LARGE:
        if value >= size and not (exact and value % (size // 100)):
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + f" {name}"
    return None


def month_name(n: int) -> str:
    """1 → "January" … 12 → "December"."""
    return _MONTHS[n - 1]


def ordinal(n: int) -> str:
    """21 → "21st", 12 → "12th", 23 → "23rd"."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def number_phrase(tokens: Sequence[Token], index: int, words: Sequence[str]) -> str | None:
    """The previous word re-read together with token ``index`` (a date unit after its
    number, a number after 百分之), "" to drop the previous word, or None when this token
    is no such pair. ``words`` holds the gloss so far; its last word is the previous token's.
    """
    if not index or not words:
        return None
    text, prev = tokens[index].text, tokens[index - 1].text
    if prev == "百分之":  # 百分之二十: "20 percent"
        value = chinese_number(text)
        return None if value is None else f"{value} percent"
    value = chinese_number(prev)
    if value is None or words[-1] != prev and words[-1] != str(value):
        return None  # the number was not shown as a number (a name, a word)
    if text in ("月", "月份") and 1 <= value <= 12:  # 3|月份 "March", not "3 month"
        return _MONTHS[value - 1]
    if text in ("日", "号") and 1 <= value <= 31:
        after_month = index >= 2 and tokens[index - 2].text == "月"
        return str(value) if after_month else f"the {ordinal(value)}"  # May 21 / the 21st
    if text == "年" and len(prev) == 4 and prev.isdigit():
        return prev  # 2024年: the year itself
    if text in MONTH_PARTS and 1 <= value <= 12:
        return f"{MONTH_PARTS[text]} {_MONTHS[value - 1]}"  # 3月底 "end of March"
    return None


# a part of a month after its number (3|月底): CC-CEDICT reads 月底 "end of the month"
MONTH_PARTS = {"月底": "end of", "月末": "end of", "月初": "early", "月中": "mid"}
_QUARTER = re.compile(r"(第)?([一二三四1-4])(季度|季)")


def quarter(text: str) -> int | None:
    """一季度, 第三季度, 第三季, 3季度 → the quarter (1–4); None otherwise. A bare 三季 without
    第 is three seasons, not a quarter."""
    match = _QUARTER.fullmatch(text)
    if match is None or (match.group(3) == "季" and not match.group(1)):
        return None
    return chinese_number(match.group(2))


def tenths(text: str) -> str | None:
    """三成 → "30 percent", 两成 "20 percent" (成 is a tenth; CC-CEDICT reads "succeed")."""
    if len(text) == 2 and text[1] == "成" and (value := chinese_number(text[0])) is not None:
        return f"{value * 10} percent" if 1 <= value <= 9 else None
    return None


def counting_sense(number: str, word: str, sense: str) -> str:
    """The table's sense of ``word`` after ``number``, but 点 after a number no clock shows
    (上涨120点, 下跌35.6点) is index points, not "o'clock"."""
    if word != "点":
        return sense
    value = chinese_number(number)
    if value is None and re.fullmatch(r"\d+\.\d+", number):
        return "points"
    return "points" if value is not None and value > 24 else sense


def percent_phrase(text: str) -> str | None:
    """百分之二十 (one token) → "20 percent"; None for anything else."""
    if not text.startswith("百分之"):
        return None
    rest = text[3:]
    value = chinese_number(rest)
    if value is not None:
        return f"{value} percent"
    return f"{rest} percent" if re.fullmatch(r"\d+(?:\.\d+)?", rest) else None


# the digits after 点 in a decimal, read one by one (六点二 6.2, 三点零五 3.05)
_DECIMAL_DIGITS = "".join(SPELLED_DIGITS)
_DECIMAL = re.compile(rf"([{NUMERAL_CHARS}]+)点([{_DECIMAL_DIGITS}]+)")
# what, right after the digits, makes 点 a clock's hour (六点|二十分 6:20, 六点五分 6:05)
_CLOCK_AFTER = ("十", "百", "分", "刻", "钟", "半")


def chinese_decimal(whole: str, digits: str) -> str | None:
    """六 + 二 → "6.2" (the numeral before 点 and the spelled digits after it); None when
    either part is no number."""
    value = chinese_number(whole)
    if value is None or not digits or any(d not in _DECIMAL_DIGITS for d in digits):
        return None
    return f"{value}." + "".join(SPELLED_DIGITS[d] for d in digits)


def split_decimal(whole: str, after: str) -> tuple[str, str] | None:
    """("6.2", "级") for 六 before 点 and 二级 after it: the decimal and what follows its
    digits; None for a clock time (二十分, 五分 after the hour) or no number."""
    digits = "".join(itertools.takewhile(lambda ch: ch in SPELLED_DIGITS, after))
    rest = after[len(digits) :]
    if rest[:1] in _CLOCK_AFTER:
        return None
    number = chinese_decimal(whole, digits)
    return None if number is None else (number, rest)


def decimal_words(text: str, following: str) -> str | None:
    """六点二 (one token) → "6.2"; None for anything else, or where ``following`` (the next
    token) makes it a clock time (六点二|十分 is 6:20)."""
    decimal = _DECIMAL.fullmatch(text)
    if decimal is None or following[:1] in _CLOCK_AFTER:
        return None
    return chinese_decimal(decimal.group(1), decimal.group(2))


def numeral_words(text: str) -> str | None:
    """A numeral written in Chinese (一千万, 三百, 两) in digits: "10 million", "300", "2";
    a numeral with 余/多 after it is "over" it (两万余 "over 20,000", 十多 "over 10"); None for
    anything else (Arabic numbers stay as written)."""
    if text.isdigit():
        return None
    if len(text) > 1 and text[-1] in "余多" and (rest := numeral_words(text[:-1])) is not None:
        return f"over {rest}"
    value = chinese_number(text)
    if value is None:
        return None
    return number_words(value)


def number_words(value: int) -> str:
    """20000 → "20,000", 100000000000 → "100 billion" (a count as a gloss writes it)."""
    return _in_millions(value, exact=True) or f"{value:,}"
