"""Character-aligned OpenCC conversion for the pinyin engine and dictionary look-up.

g2pM's vocabulary and pypinyin's phrase dictionary are keyed mostly on Simplified forms, so
Traditional text is read through its t2s form. Readings are per character, so the
conversion must keep every character in place: whole-text conversion (phrase-aware) is used
when it keeps the length, otherwise each character is converted on its own.
"""

from __future__ import annotations

import threading
from typing import Any

_lock = threading.Lock()
_converters: dict[str, Any] = {}


def _converter(config: str) -> Any:
    conv = _converters.get(config)
    if conv is None:
        with _lock:
            conv = _converters.get(config)
            if conv is None:
                from opencc import OpenCC

                conv = OpenCC(config)
                _converters[config] = conv
    return conv


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
