"""Tone sandhi: dictionary tones → spoken tones (opt-in; shown labelled).

Rules (Standard Mandarin, applied over a run of Han syllables; punctuation and non-Han break it):
- 不 bu4 → bu2 before a 4th tone (不是 bu2 shi4); → bu5 between a reduplicated verb (好不好).
- 一 yi1 → yi2 before a 4th tone (一个 yi2 ge4), yi4 before 1st/2nd/3rd (一天 yi4 tian1),
  yi5 between a reduplicated verb (看一看); unchanged when counting or ordinal (第一, 一二三,
  十一, 一月), at the end of a run, or before a non-Han character.
- Third tone: a 3rd tone directly followed by a 3rd tone becomes 2nd (你好 ni2 hao3,
  展览馆 zhan2 lan2 guan3), judged on the dictionary tones.
"""

from __future__ import annotations

from collections.abc import Sequence

_NUMERALS = set("零〇一二三四五六七八九十百千万亿两第")
_MONTH_ETC = set("月号日")  # 一月, 一号: counting, keep yi1


def _tone(reading: str | None) -> str:
    return reading[-1] if reading and reading[-1].isdigit() else ""


def _with_tone(reading: str, tone: str) -> str:
    return reading[:-1] + tone


def apply_sandhi(
    readings_per_word: Sequence[Sequence[str | None]], words: Sequence[str]
) -> list[list[str | None]]:
    """Spoken tones for consecutive words; ``words[i]`` is the text of ``readings_per_word[i]``."""
    if len(words) != len(readings_per_word):
        raise ValueError("apply_sandhi needs one word text per readings list")
    chars: list[str] = []
    orig: list[str | None] = []
    word_of: list[int] = []
    for w, (text, readings) in enumerate(zip(words, readings_per_word, strict=True)):
        if len(text) != len(readings):
            raise ValueError(f"word {text!r} has {len(readings)} readings")
        chars.extend(text)
        orig.extend(readings)
        word_of.extend([w] * len(text))
    out = list(orig)
    n = len(out)
    for i, (ch, reading) in enumerate(zip(chars, orig, strict=True)):
        if reading is None:
            continue
        prev_ch = chars[i - 1] if i > 0 else ""
        next_ch = chars[i + 1] if i + 1 < n else ""
        next_tone = _tone(orig[i + 1]) if i + 1 < n else ""
        if ch == "不" and reading == "bu4":
            if prev_ch and prev_ch == next_ch:
                out[i] = "bu5"
            elif next_tone == "4":
                out[i] = "bu2"
        elif ch == "一" and reading == "yi1":
            if prev_ch and prev_ch == next_ch and orig[i - 1] is not None:
                out[i] = "yi5"
            elif (
                prev_ch in _NUMERALS
                or next_ch in _NUMERALS
                or next_ch in _MONTH_ETC
                or not next_tone
            ):
                continue
            elif next_tone == "4" or (next_tone == "5" and next_ch == "个"):
                out[i] = "yi2"
            elif next_tone in "123":
                out[i] = "yi4"
        elif _tone(reading) == "3" and next_tone == "3":
            out[i] = _with_tone(reading, "2")
    result: list[list[str | None]] = [[] for _ in words]
    for w, reading in zip(word_of, out, strict=True):
        result[w].append(reading)
    return result
