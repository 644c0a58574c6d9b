"""Fold text to one matching form: Simplified (OpenCC t2s data), lower-case Latin.

Matching needs one script on both sides, and offsets that point back into the original.
OpenCC's converter is ~25 ms for a 7,000-character article, which alone would eat the
matching budget, so the fold applies OpenCC's own tables directly: its character table
(TSCharacters, first candidate) through ``str.translate``, then the few phrase rules
whose result differs from the character table (乾隆 stays 乾隆, 瞭解 → 了解). Every
mapping is one character to one character, so ``len(fold(s)) == len(s)`` always and an
offset into the folded text is an offset into the original.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

_lock = threading.Lock()
_state: tuple[dict[int, str], re.Pattern[str] | None, dict[str, str]] | None = None


def _first_candidates(name: str) -> dict[str, str]:
    """One of OpenCC's dictionaries (read by its one owner, reader.annotate.script) with
    each key's first candidate."""
    from reader.annotate.script import opencc_dictionary

    return {key: value.split(" ")[0] for key, value in opencc_dictionary(name)[2].items()}


_DICTIONARIES = ("TSCharacters.txt", "TSPhrases.txt")
_CORRECTIONS = "opencc_fixes.tsv"  # reader's corrections to OpenCC's dictionaries, if any


def table_sources() -> tuple[Path, ...]:
    """The files the fold's tables are made from (OpenCC's two Traditional → Simplified
    dictionaries and reader's corrections to them): whatever keeps folded text (a cached
    glossary's keys) must be rebuilt when one of them changes."""
    from reader import paths
    from reader.annotate.script import _opencc_dir

    folder = _opencc_dir() / "dictionary"
    found = [folder / name for name in _DICTIONARIES] + [paths.package_data(_CORRECTIONS)]
    return tuple(p for p in found if p.is_file())


def _build() -> tuple[dict[int, str], re.Pattern[str] | None, dict[str, str]]:
    """The tables, kept in the cache dir while their sources and this code are unchanged
    (reading two OpenCC dictionaries and deriving them costs ~15 ms at every start, the
    pickle ~2 ms); the phrase pattern is compiled here (a compiled regex does not pickle)."""
    from reader import paths
    from reader.annotate import script
    from reader.fsutil import cached_pickle, files_stamp

    try:
        stamp = files_stamp(*table_sources(), Path(__file__), Path(script.__file__))
    except OSError:
        table, phrases = _derive()
    else:
        table, phrases = cached_pickle(paths.cache_dir() / "fold-tables.pickle", stamp, _derive)
    pattern = None
    if phrases:
        alternatives = sorted(phrases, key=lambda p: (-len(p), p))
        pattern = re.compile("|".join(map(re.escape, alternatives)))
    return table, pattern, phrases


def _derive() -> tuple[dict[int, str], dict[str, str]]:
    """The character table (Latin folded, OpenCC's Traditional → Simplified first candidates)
    and the phrase rules whose result differs from it."""
    table: dict[int, str] = {}
    # Latin: case-insensitive matching; full-width forms (ＡＢＣ１２３) fold to ASCII.
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0).lower()
    for key, value in _first_candidates(_DICTIONARIES[0]).items():
        if len(key) == 1 and len(value) == 1:
            table[ord(key)] = value
    phrases: dict[str, str] = {}
    for key, value in _first_candidates(_DICTIONARIES[1]).items():
        folded = key.translate(table)
        if len(value) == len(key) and folded != value:
            phrases[folded] = value
    return table, phrases


def _tables() -> tuple[dict[int, str], re.Pattern[str] | None, dict[str, str]]:
    global _state
    if _state is None:
        with _lock:
            if _state is None:
                _state = _build()
    return _state


def fold(text: str) -> str:
    """The matching form of ``text``: same length, Simplified, Latin lower-cased."""
    table, pattern, phrases = _tables()
    out = text.translate(table)
    if pattern is not None:
        out = pattern.sub(lambda m: phrases[m.group(0)], out)
    return out


def fold_many(texts: list[str]) -> list[str]:
    """:func:`fold` for many short strings in one pass (glossary terms)."""
    if any("\n" in t for t in texts):
        return [fold(t) for t in texts]
    return fold("\n".join(texts)).split("\n") if texts else []


def is_latin_word_char(ch: str) -> bool:
    """Characters that continue a Latin word (DeepSeek-V3 ends at '-', 36Kr at '的')."""
    return ch.isascii() and (ch.isalnum() or ch == "_")
