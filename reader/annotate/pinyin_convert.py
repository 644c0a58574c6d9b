"""Character-aligned OpenCC conversion for the pinyin engine and dictionary look-up.

g2pM's vocabulary and pypinyin's phrase dictionary are keyed mostly on Simplified forms, so
Traditional text is read through its t2s form. Readings are per character, so the
conversion must keep every character in place: whole-text conversion (phrase-aware) is used
when it keeps the length, otherwise each character is converted on its own.
"""

from __future__ import annotations

import functools
from typing import Any


def _converter(config: str) -> Any:
    from reader.annotate.script import _converter as opencc_converter

    return opencc_converter(config)  # one converter per config, owned by script.py


def convert_aligned(text: str, config: str = "t2s") -> str:
    """``text`` converted with OpenCC ``config``, guaranteed the same length as ``text``."""
    conv = _converter(config)
    out: str = conv.convert(text)
    if len(out) == len(text):
        return out
    chars = []
    for ch in text:
        c = conv.convert(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


@functools.cache
def _traditional_chars() -> frozenset[str]:
    """Characters OpenCC's t2s maps to something else (keys of its TSCharacters table)."""
    from reader.annotate.script import changed_chars

    try:
        return changed_chars("TSCharacters.txt")
    except OSError:
        return frozenset()


def to_simplified(text: str, triggers: frozenset[str] | None = None) -> str:
    """t2s, character-aligned. Only text containing a trigger character is converted
    (default: any character t2s changes); pass a narrower set of characters that never
    occur in Simplified text so that 閤 or 乾 in a Simplified sentence stay as written."""
    trad = _traditional_chars() if triggers is None else triggers
    if not trad or trad.isdisjoint(text):  # (one C loop over the characters)
        return text
    return convert_aligned(text, "t2s")


def traditional_only(simplified_vocab: frozenset[str] | set[str]) -> frozenset[str]:
    """Characters t2s changes that do not appear in ``simplified_vocab``."""
    return _traditional_chars() - frozenset(simplified_vocab)
