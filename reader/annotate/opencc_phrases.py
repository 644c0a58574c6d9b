"""OpenCC's s2t phrase dictionary read per text, not whole, at every start.

Simplified → Traditional (the other-script column of every Simplified article) goes through
OpenCC's ``STPhrases.txt``: 49,000 phrases, ~35 ms to unpickle at every start, although an
article meets a few hundred of them. Here the phrases are kept in a disk table
(reader.disktable) keyed by their first two characters, and before each conversion the
converter's phrase dict receives every phrase whose first two characters occur in the text.

OpenCC only asks whether a piece of the text it converts is a phrase (``piece in table``,
then ``table[piece]``), and a piece of the text has its first two characters in the text:
so each answer is the one the whole dictionary gives, and the conversion is the same.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import opencc

from reader.disktable import DiskTable, MemoryTable, open_table

PHRASES = "STPhrases.txt"  # the one dictionary read this way (s2t's first step)
_LENGTHS = "\x01lengths"  # the index's one non-phrase key: the longest and shortest key
_INDEX_VERSION = 1


class PhraseSubset:
    """The phrases of one OpenCC dictionary met so far (``table``), filled per text."""

    def __init__(self, path: Path, cache_dir: Path, stamp: object) -> None:
        """``stamp``: what the dictionary's table depends on (reader.annotate.script)."""
        from reader.annotate.script import opencc_dictionary

        def rows() -> list[tuple[str, str]]:
            longest, shortest, table = opencc_dictionary(path, cache_dir)
            heads: dict[str, list[str]] = {}
            for key, value in table.items():
                heads.setdefault(key[: min(2, shortest)], []).append(f"{key}\t{value}")
            return [(_LENGTHS, f"{longest} {shortest}")] + [
                (head, "\n".join(lines)) for head, lines in heads.items()
            ]

        index_stamp = (_INDEX_VERSION, stamp, _code_stamp())
        self._index: DiskTable | MemoryTable = open_table(
            cache_dir / f"opencc-{path.stem}-heads.table", index_stamp, rows
        )
        longest, shortest = (int(n) for n in (self._index.get(_LENGTHS) or "1 1").split())
        self.longest, self.shortest = longest, shortest
        self._head = min(2, shortest)
        self.table: dict[str, str] = {}
        self._heads_read: set[str] = set()
        self._lock = threading.Lock()

    def prepare(self, text: str) -> None:
        """Put into ``table`` every phrase that may occur in ``text``."""
        n = self._head
        heads = {text[i : i + n] for i in range(len(text) - n + 1)}
        with self._lock:
            new = heads - self._heads_read
            if not new:
                return
            self._heads_read |= new
            table, get = self.table, self._index.get
            for head in new:
                row = get(head)
                if row:
                    for line in row.split("\n"):
                        key, value = line.split("\t")
                        table[key] = value


def _code_stamp() -> tuple[int, int]:
    st = os.stat(__file__)
    return st.st_size, st.st_mtime_ns


class SubsetConverter(opencc.OpenCC):  # type: ignore[misc]
    """An OpenCC converter whose phrase dictionary is a :class:`PhraseSubset` filled with
    each text's phrases before the text is converted."""

    def __init__(self, config: str, dict_cache: dict[str, Any], phrases: PhraseSubset) -> None:
        super().__init__()  # no conversion yet: nothing read
        self._phrases = phrases
        # the key OpenCC reads the dictionary by (its own path join), so it never loads it
        key = os.path.join(os.path.dirname(opencc.__file__), "dictionary", PHRASES)
        dict.__setitem__(dict_cache, key, (phrases.longest, phrases.shortest, phrases.table))
        self.dict_cache = dict_cache
        self.set_conversion(config)

    def convert(self, string: str) -> str:
        self._phrases.prepare(string)
        return str(super().convert(string))
