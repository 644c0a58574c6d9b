"""Bytes -> text: binary sniffing, BOMs, declared charsets, then detection.

Order: a BOM wins; a forced encoding must decode strictly; a charset the document declares
(HTML ``<meta charset>`` / XML declaration) is tried next; then strict UTF-8; then
charset-normalizer, whose Chinese answers are widened to the superset codecs (gb2312/gbk ->
gb18030, big5 -> cp950/big5hkscs) and cross-checked by how much common Chinese the text has.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from reader.errors import ReaderError
from reader.paths import package_data

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"BM", ""),  # checked more strictly below
    (b"RIFF", "a RIFF (audio/image) file"),
    (b"\x00\x00\x01\x00", "an icon file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!", "a RAR archive"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Declared/detected names -> the codec we actually use (supersets, so nothing fails to map).
_WIDEN = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "hz": "gb18030",
    "euc_cn": "gb18030",
    "gb18030": "gb18030",
    "big5": "cp950",
    "cp950": "cp950",
    "ms950": "cp950",
    "big5hkscs": "big5hkscs",
    "big5_hkscs": "big5hkscs",
    "x_mac_trad_chinese": "cp950",
    "x_mac_simp_chinese": "gb18030",
}
_CHINESE_CODECS = ("gb18030", "cp950", "big5hkscs")


def codec_name(name: str) -> str:
    """Python's canonical codec name, widened to the Chinese supersets; '' if unknown."""
    try:
        canonical = codecs.lookup(name.strip()).name
    except LookupError:
        return ""
    key = canonical.replace("-", "_").lower()
    return _WIDEN.get(key, canonical)


def sniff_binary(data: bytes, where: str) -> None:
    """Raise if the bytes are clearly not text (image/archive magic, NUL bytes)."""
    head = data[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            if magic == b"BM" and not (len(data) > 26 and data[6:10] == b"\0\0\0\0"):
                continue
            raise ReaderError(
                f"{where} is {what or 'a bitmap image'}, not an article; "
                "give a .txt, .md or .html file"
            )
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return
    if b"\x00" in data[:8192]:
        if _utf16_guess(data) is not None:
            return
        raise ReaderError(
            f"{where} looks like a binary file (it contains NUL bytes); "
            "give a .txt, .md or .html file"
        )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _utf16_guess(data: bytes) -> tuple[str, str] | None:
    """BOM-less UTF-16: the byte order under which the text reads as plausible text."""
    if len(data) < 2 or len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        text = _strict(data, enc)
        if text is None or _CONTROL.search(text[:4096]):
            continue
        score = chinese_score(text)
        if score >= 0.8 and (best is None or score > best[0]):
            best = (score, text, enc)
    return (best[1], "utf-16") if best else None


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    text = package_data("common_hanzi.txt").read_text(encoding="utf-8")
    lines = (ln for ln in text.splitlines() if not ln.startswith("#"))
    return frozenset(ch for ln in lines for ch in ln.strip())


def chinese_score(text: str) -> float:
    """Share of characters that are ASCII, CJK punctuation or common Hanzi (0..1)."""
    if not text:
        return 0.0
    common = _common_hanzi()
    sample = text[:20000]
    good = sum(1 for ch in sample if ch < "\x80" or ch in common or "\u3000" <= ch <= "\u303f")
    return good / len(sample)


def _strict(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _first_error(data: bytes, enc: str) -> str:
    try:
        data.decode(enc)
    except UnicodeDecodeError as exc:
        return f"byte {exc.start}"
    return "?"


def decode(
    data: bytes, where: str, forced: str | None = None, declared: str | None = None
) -> tuple[str, str]:
    """Return (text, encoding name). ``where`` names the source in error messages."""
    if forced:
        enc = codec_name(forced)
        if not enc:
            raise ReaderError(
                f"unknown encoding {forced!r} for {where}; use e.g. --encoding utf-8, gb18030 or big5"
            )
        if enc in ("utf_8", "utf-8") and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        if enc.startswith("utf_16") or enc.startswith("utf-16"):
            text = _strict(data, "utf-16")
        else:
            text = _strict(data, enc)
        if text is None:
            raise ReaderError(
                f"{where} is not valid {forced} (first bad byte at {_first_error(data, enc)}); "
                "try another --encoding or leave it out to auto-detect"
            )
        return text.lstrip("\ufeff"), enc
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], enc)
            if text is None:
                raise ReaderError(
                    f"{where} starts with a {enc} byte-order mark but is not valid {enc}; "
                    "fix the file or force one with --encoding"
                )
            return text, enc.replace("-le", "").replace("-be", "")
    if b"\x00" in data[:8192]:
        guess = _utf16_guess(data)
        if guess is not None:
            return guess
    if declared:
        enc = codec_name(declared)
        if enc:
            text = _strict(data, enc)
            if text is not None:
                return text, enc
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    return _detect(data, where)


def _detect(data: bytes, where: str) -> tuple[str, str]:
    import charset_normalizer

    candidates: list[str] = []
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        enc = codec_name(best.encoding)
        if enc:
            candidates.append(enc)
    for enc in _CHINESE_CODECS:
        if enc not in candidates:
            candidates.append(enc)
    scored: list[tuple[float, int, str, str]] = []
    for rank, enc in enumerate(candidates):
        text = _strict(data, enc)
        if text is None:
            continue
        score = chinese_score(text)
        if rank == 0 and enc not in _CHINESE_CODECS and score < 0.9:
            # charset-normalizer's non-Chinese guess only wins if Chinese codecs read worse.
            score -= 0.05
        scored.append((score, -rank, enc, text))
    # UTF-8 with a few broken bytes (a truncated character) beats a wrong codec.
    lenient = data.decode("utf-8", "replace")
    if lenient.count("\ufffd") <= max(1, len(lenient) // 1000):
        scored.append((chinese_score(lenient), -len(candidates), "utf-8", lenient))
    if not scored:
        raise ReaderError(
            f"cannot work out the text encoding of {where}; "
            "force one with --encoding (e.g. utf-8, gb18030, big5)"
        )
    scored.sort(reverse=True)
    score, _rank, enc, text = scored[0]
    if score < 0.5:  # every reading is mostly rare characters: garbage, not an article
        raise ReaderError(
            f"cannot work out the text encoding of {where} (it does not read as UTF-8, GB18030 "
            "or Big5 text); force one with --encoding if you know it"
        )
    return text, enc


_HTML_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first 4 KB, if any."""
    head = data[:4096]
    m = _XML_DECL.search(head) or _HTML_CHARSET.search(head)
    if not m:
        return None
    return m.group(1).decode("ascii", "replace")
