"""What counts as a Han character: the one definition every layer uses.

A character is Han here when it is a CJK ideograph a reader could meet in running text and
that can carry a reading (pinyin), a Simplified/Traditional counterpart or a dictionary entry.
Every block is listed below with the reason it is in or out, in the manner of pypinyin's
``constants.py``. Everything else in the package (pinyin, script conversion, glossary, exports,
the cursor) asks :func:`is_han` or uses :data:`HAN_CLASS`, :data:`HAN_RE`, :data:`HAN_RUN_RE`;
``tests/test_han.py`` fails if another range literal appears in ``reader/``.

This module imports nothing from the package so that even :mod:`reader.model` can use it.
"""

from __future__ import annotations

import functools
import re

# HAN_RE comes from __getattr__ (compiled on first use)
__all__ = ["HAN_CLASS", "HAN_RANGES", "HAN_RE", "HAN_RUN_RE", "has_han", "is_han"]  # noqa: F822

# (first, last) code points, inclusive. Ordered by how often they occur in Chinese text, so the
# common case is decided by the first comparison.
HAN_RANGES: tuple[tuple[int, int], ...] = (
    # CJK Unified Ideographs (U+4E00–U+9FFF, Unicode 1.1 … 14): nearly every character of
    # modern Chinese text, both Simplified and Traditional. In.
    (0x4E00, 0x9FFF),
    # CJK Unified Ideographs Extension A (U+3400–U+4DBF, Unicode 3.0): rare characters, some in
    # names and Cantonese/Hong Kong text; pypinyin and CC-CEDICT give readings for many. In.
    (0x3400, 0x4DBF),
    # U+3007 IDEOGRAPHIC NUMBER ZERO 〇 (read líng, as in 二〇二五年). Unicode marks it
    # Ideographic and it has a reading, unlike its neighbours in CJK Symbols and Punctuation
    # (U+3005 々 iteration mark, U+3006 〆 closing mark: no reading of their own; U+3021–3029
    # Hangzhou numerals: accounting symbols, not text). 〇 in, the others out.
    (0x3007, 0x3007),
    # CJK Compatibility Ideographs (U+F900–U+FAFF): duplicates kept for round-tripping legacy
    # Korean/Japanese/Big5 encodings (NFC maps most to their unified form), plus twelve genuine
    # unified ideographs (U+FA0E, FA0F, FA11, …) that have no other code point. They appear in
    # converted Big5 text and are read like their unified form. In.
    (0xF900, 0xFAFF),
    # Supplementary Ideographic Plane (U+20000–U+2FFFF) and Tertiary Ideographic Plane
    # (U+30000–U+3134F), one span:
    #   Extension B  U+20000–U+2A6DF  (Unicode 3.1) rare and historic characters, some in HK
    #                                 names (e.g. 𠮷); text from HKSCS sources uses them
    #   Extension C  U+2A700–U+2B73F  (5.2)
    #   Extension D  U+2B740–U+2B81F  (6.0)
    #   Extension E  U+2B820–U+2CEAF  (8.0)
    #   Extension F  U+2CEB0–U+2EBEF  (10.0)
    #   Extension I  U+2EBF0–U+2EE5F  (15.1)
    #   CJK Compatibility Ideographs Supplement U+2F800–U+2FA1F (3.1): compatibility duplicates
    #                                 from CNS 11643, same reason as the BMP compatibility block
    #   Extension G  U+30000–U+3134F  (13.0)
    # All ideographs; unassigned gaps between blocks hold no characters, so one span is exact
    # for any real text. In.
    (0x20000, 0x3134F),
    # CJK Unified Ideographs Extension H (U+31350–U+323AF, Unicode 15.0): ideographs, later than
    # the Unicode data of Python 3.11 but harmless to include. In.
    (0x31350, 0x323AF),
    # Out, on purpose:
    # - CJK Radicals Supplement (U+2E80–U+2EFF) and Kangxi Radicals (U+2F00–U+2FDF): dictionary
    #   index symbols, not characters of text (NFKC maps Kangxi radicals onto unified ideographs;
    #   we don't read them); Ideographic Description Characters (U+2FF0–U+2FFF) and CJK Strokes
    #   (U+31C0–U+31EF): structure/stroke notation.
    # - Bopomofo (U+3100–U+312F, U+31A0–U+31BF): phonetic symbols, the *output* of the zhuyin
    #   style, not Han.
    # - CJK Symbols and Punctuation other than 〇, full-width forms (U+FF00–U+FFEF): punctuation.
    # - Kana, Hangul: other scripts.
)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    parts = []
    for first, last in ranges:
        parts.append(re.escape(chr(first)) if first == last else f"{chr(first)}-{chr(last)}")
    return "".join(parts)


#: The body of a regex character class, to embed in larger patterns: ``f"[{HAN_CLASS}]"``,
#: ``f"[^\\s{HAN_CLASS}]"``.
HAN_CLASS: str = _char_class(HAN_RANGES)
#: A run of Han characters.
HAN_RUN_RE: re.Pattern[str] = re.compile(f"[{HAN_CLASS}]+")


def __getattr__(name: str) -> re.Pattern[str]:
    """``HAN_RE`` (one Han character), compiled when first asked for: a class this large
    takes ~2.5 ms to compile, which a start need not pay (has_han asks HAN_RUN_RE)."""
    if name == "HAN_RE":
        return _han_re()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _han_re() -> re.Pattern[str]:
    return re.compile(f"[{HAN_CLASS}]")


# The blocks above unpacked for is_han, which runs per character of whole articles: chained
# comparisons are ~5x faster than a loop over HAN_RANGES (a test checks they agree).
(_U0, _U1), (_A0, _A1), (_ZERO, _), (_C0, _C1), (_S0, _S1), (_H0, _H1) = HAN_RANGES


def is_han(ch: str) -> bool:
    """Whether the single character ``ch`` is a Han character (see the blocks above)."""
    cp = ord(ch)
    return (
        _U0 <= cp <= _U1
        or _A0 <= cp <= _A1
        or cp == _ZERO
        or _C0 <= cp <= _C1
        or _S0 <= cp <= _S1
        or _H0 <= cp <= _H1
    )


def has_han(text: str) -> bool:
    """Whether ``text`` contains at least one Han character."""
    return HAN_RUN_RE.search(text) is not None  # a run exactly where a character is
