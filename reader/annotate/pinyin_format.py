"""Display forms of tone-number readings: tone marks, tone numbers, zhuyin (bopomofo).

Readings are CC-CEDICT-style syllables: lower-case letters, ü written ``v``, tone digit 1–5
(5 = neutral), e.g. ``"lv4"``, ``"le5"``; erhua ``儿`` after a word is ``"r5"``.
Pure string work, no dependencies, so the TUI can format without loading pypinyin.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from reader.model import PinyinStyle

STYLES = PinyinStyle.names()
# syllables that start with these letters take an apostrophe after another syllable
_APOSTROPHE_INITIALS = frozenset("aoe")

_COMBINING = {"1": "\u0304", "2": "\u0301", "3": "\u030c", "4": "\u0300"}
_ZHUYIN_TONE = {"1": "", "2": "ˊ", "3": "ˇ", "4": "ˋ", "5": ""}

_INITIALS = {
    "zh": "ㄓ", "ch": "ㄔ", "sh": "ㄕ", "b": "ㄅ", "p": "ㄆ", "m": "ㄇ", "f": "ㄈ", "d": "ㄉ",
    "t": "ㄊ", "n": "ㄋ", "l": "ㄌ", "g": "ㄍ", "k": "ㄎ", "h": "ㄏ", "j": "ㄐ", "q": "ㄑ",
    "x": "ㄒ", "r": "ㄖ", "z": "ㄗ", "c": "ㄘ", "s": "ㄙ",
}  # fmt: skip
_FINALS = {
    "a": "ㄚ", "o": "ㄛ", "e": "ㄜ", "ê": "ㄝ", "ai": "ㄞ", "ei": "ㄟ", "ao": "ㄠ", "ou": "ㄡ",
    "an": "ㄢ", "en": "ㄣ", "ang": "ㄤ", "eng": "ㄥ", "er": "ㄦ", "i": "ㄧ", "ia": "ㄧㄚ",
    "io": "ㄧㄛ", "ie": "ㄧㄝ", "iai": "ㄧㄞ", "iao": "ㄧㄠ", "iou": "ㄧㄡ", "ian": "ㄧㄢ",
    "in": "ㄧㄣ", "iang": "ㄧㄤ", "ing": "ㄧㄥ", "u": "ㄨ", "ua": "ㄨㄚ", "uo": "ㄨㄛ",
    "uai": "ㄨㄞ", "uei": "ㄨㄟ", "uan": "ㄨㄢ", "uen": "ㄨㄣ", "uang": "ㄨㄤ", "ueng": "ㄨㄥ",
    "ong": "ㄨㄥ", "v": "ㄩ", "ve": "ㄩㄝ", "van": "ㄩㄢ", "vn": "ㄩㄣ", "iong": "ㄩㄥ",
    "m": "ㄇ", "n": "ㄋ", "ng": "ㄫ", "hm": "ㄏㄇ", "hng": "ㄏㄫ", "r": "ㄦ",
}  # fmt: skip
# y-/w- spellings and abbreviations back to the full final
_Y_W = {
    "yi": "i", "ya": "ia", "yo": "io", "ye": "ie", "yai": "iai", "yao": "iao", "you": "iou",
    "yan": "ian", "yin": "in", "yang": "iang", "ying": "ing", "yong": "iong", "yu": "v",
    "yue": "ve", "yuan": "van", "yun": "vn", "wu": "u", "wa": "ua", "wo": "uo", "wai": "uai",
    "wei": "uei", "wan": "uan", "wen": "uen", "wang": "uang", "weng": "ueng",
}  # fmt: skip
_ABBREV = {"iu": "iou", "ui": "uei", "un": "uen"}


def split_tone(reading: str) -> tuple[str, str]:
    """``"hang2"`` → ``("hang", "2")``; a reading without a digit is neutral (tone 5)."""
    if reading and reading[-1] in "12345":
        return reading[:-1], reading[-1]
    return reading, "5"


def _mark_target(base: str) -> int:
    """Index of the letter that carries the tone mark (standard placement rules)."""
    for vowel in ("a", "e"):
        i = base.find(vowel)
        if i >= 0:
            return i
    i = base.find("ou")
    if i >= 0:
        return i
    for i in range(len(base) - 1, -1, -1):
        if base[i] in "iouvü":
            return i
    # syllabic nasals (m, n, ng, hm, hng): mark the nasal
    for i, ch in enumerate(base):
        if ch in "mn":
            return i
    return -1


@lru_cache(maxsize=4096)
def _marks(reading: str) -> str:
    base, tone = split_tone(reading)
    base = base.replace("u:", "ü").replace("v", "ü")
    if tone in _COMBINING:
        i = _mark_target(base)
        if i >= 0:
            base = base[: i + 1] + _COMBINING[tone] + base[i + 1 :]
    return unicodedata.normalize("NFC", base)


@lru_cache(maxsize=4096)
def _zhuyin(reading: str) -> str:
    base, tone = split_tone(reading.lower().replace("u:", "v").replace("ü", "v"))
    initial = ""
    if base not in _FINALS:
        for ini in ("zh", "ch", "sh", *_INITIALS):
            if base.startswith(ini) and len(base) > len(ini):
                initial, base = ini, base[len(ini) :]
                break
    final = _Y_W.get(base, base) if not initial else base
    if initial in ("j", "q", "x") and final.startswith("u"):
        final = "v" + final[1:]
    if initial:
        final = _ABBREV.get(final, final)
        if initial in ("j", "q", "x") and final == "uen":
            final = "vn"
    if initial in ("zh", "ch", "sh", "r", "z", "c", "s") and final == "i":
        body = _INITIALS[initial]  # zhi, chi, shi, ri, zi, ci, si: the initial alone
    elif final in _FINALS:
        body = _INITIALS.get(initial, "") + _FINALS[final]
    else:
        return reading  # not a pinyin syllable: leave it as written
    if tone == "5":
        return "˙" + body
    return body + _ZHUYIN_TONE[tone]


def format_syllable(reading: str, style: str = "marks") -> str:
    """One tone-number reading in ``style``: marks ``"háng"``, numbers ``"hang2"``, zhuyin ``"ㄏㄤˊ"``."""
    if style == "numbers":
        return reading
    if style == "zhuyin":
        return _zhuyin(reading)
    if style == "marks":
        return _marks(reading)
    raise ValueError(f"unknown pinyin style {style!r}; use one of {', '.join(STYLES)}")


def format_word(
    readings: Sequence[str | None], style: str = "marks", text: str | None = None
) -> str:
    """A word's readings as one display string.

    Marks and numbers join syllables without a space (``"yínháng"``, ``"yin2hang2"``),
    zhuyin separates them (``"ㄧㄣˊ ㄏㄤˊ"``). By the standard orthography rule, a syllable
    starting with a, o or e that follows another syllable gets an apostrophe, so the
    boundary stays readable (``"Xī'ān"``, ``"xi1'an1"``, ``"tiān'ānmén"``, ``"nǚ'ér"``). ``None`` (a non-Han character) is replaced by
    that character of ``text`` when given (``"3D打印"`` → ``"3Ddǎyìn"``) and dropped otherwise.
    """
    sep = " " if style == "zhuyin" else ""
    parts: list[str] = []
    latin_run = ""
    after_syllable = False
    for i, reading in enumerate(readings):
        if reading is None:
            if text is not None and i < len(text):
                latin_run += text[i]
            after_syllable = False
            continue
        if latin_run:
            parts.append(latin_run)
            latin_run = ""
        syllable = format_syllable(reading, style)
        if after_syllable and style != "zhuyin" and reading[:1] in _APOSTROPHE_INITIALS:
            syllable = "'" + syllable
        parts.append(syllable)
        after_syllable = True
    if latin_run:
        parts.append(latin_run)
    return sep.join(parts)
