"""Word-level readings: pypinyin's phrase dictionary and CC-CEDICT, per character.

For a run of Han characters (one word span, Simplified form) this gives, per character:
- ``reading``: what pypinyin reads for the word (same as ``pypinyin.pinyin([word])``: the
  word's phrase entry if it has one, otherwise pypinyin's own max-match segmentation into
  phrases, otherwise each character's most common reading);
- ``kind``: how that reading was settled (see KIND_*), which decides how much it is trusted;
- ``cedict``: the readings CC-CEDICT gives that position in entries for the whole word.

pypinyin's tables are read from its data files (no ``load_phrases_dict``: that would mutate
process-wide state other code may rely on), kept as a table in reader's cache dir.
Results are cached per word.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.annotate.dictionary import Dictionary

KIND_SINGLE = "single"  # a one-character word: pypinyin's default reading of the character
KIND_PHRASE = "phrase"  # the whole word is in pypinyin's phrase dictionary
KIND_SUBPHRASE = "subphrase"  # inside a phrase pypinyin found within a longer unknown word
KIND_OTHER = "other"  # a character of an unknown word read on its own

_EMPTY: frozenset[str] = frozenset()
# unknown words: also use CC-CEDICT's entry for the phrase pypinyin found inside (别着急 → 着急)
SUB_CEDICT = True


@dataclass(frozen=True, slots=True)
class WordReading:
    readings: tuple[str | None, ...]
    kinds: tuple[str, ...]
    cedict: tuple[frozenset[str], ...]


@lru_cache(maxsize=8192)
def _tone3(marked: str) -> str | None:
    from pypinyin.contrib.tone_convert import to_tone3

    out: str = to_tone3(marked, neutral_tone_with_five=True)
    out = out.lower().replace("ü", "v")
    return out if out and out[-1].isdigit() else None


_TABLE_VERSION = 1
_CHAR = "\x01"  # key prefix of a character's default reading (phrase keys are Han text)
_UNUSABLE = "=!"  # a phrase whose entry does not give one reading per character


def _pypinyin_dir() -> Path:
    """pypinyin's package dir, found without importing it (its import builds all tables)."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        from reader.errors import ReaderError

        raise ReaderError("pypinyin is not installed: pinyin needs it; pip install pypinyin")
    return Path(next(iter(spec.submodule_search_locations)))


def _table_stamp(folder: Path) -> tuple[object, ...]:
    files = ("phrases_dict.json", "pinyin_dict.json", "__init__.py")
    return (_TABLE_VERSION, str(folder), *((f, os.stat(folder / f)[6:9]) for f in files))


def _table_items() -> Iterator[tuple[str, str]]:
    """pypinyin's tables as rows: a phrase → "=" and its tone-number readings ("-": none),
    a prefix of phrases → "" (pypinyin's max-match walks prefixes), a character →
    its default reading."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    rows: dict[str, str] = {}
    for word, entry in PHRASES_DICT.items():
        if len(entry) == len(word):
            rows[word] = "=" + " ".join(_tone3(p[0]) or "-" for p in entry)
        else:
            rows[word] = _UNUSABLE
        for i in range(1, len(word)):
            rows.setdefault(word[:i], "")
    yield from rows.items()
    for code, marked in PINYIN_DICT.items():
        yield _CHAR + chr(code), _tone3(marked.split(",")[0]) or ""


class WordReader:
    """pypinyin + CC-CEDICT word readings with a bounded per-word cache (thread-safe).

    pypinyin's tables are read from a table in reader's cache dir (reader.disktable), built
    from pypinyin's own data files: importing pypinyin builds its phrase dictionary and
    max-match prefix set at every start (~0.4 s); a start here looks up only its words.
    """

    def __init__(
        self,
        cache_size: int = 50_000,
        cache_dir: Path | None = None,
        dictionary: Dictionary | None = None,
    ) -> None:
        """``dictionary``: CC-CEDICT (None: the default one)."""
        from reader import paths
        from reader.annotate.dictionary import default_dictionary
        from reader.disktable import open_table

        folder = _pypinyin_dir()
        cache = (cache_dir or paths.cache_dir()) / "pypinyin.table"
        self._table = open_table(cache, _table_stamp(folder), _table_items)
        self._rows: dict[str, str | None] = {}
        self.dictionary = dictionary if dictionary is not None else default_dictionary()
        self.dictionary.load()
        self._cache: dict[str, WordReading] = {}
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _row(self, key: str) -> str | None:
        """The table's row for ``key`` (memoised; None: neither a phrase nor a prefix)."""
        try:
            return self._rows[key]
        except KeyError:
            row = self._rows[key] = self._table.get(key)
            return row

    def char_default(self, ch: str) -> str | None:
        return self._row(_CHAR + ch) or None

    def _phrase(self, word: str) -> list[str | None] | None:
        row = self._row(word)
        if not row or row == _UNUSABLE:
            return None
        return [None if p == "-" else p for p in row[1:].split(" ")]

    def _max_match(self, text: str) -> Iterator[str]:
        """pypinyin's forward maximum matching over its phrases (``mmseg.seg.cut``, strict
        mode: only whole phrases, otherwise single characters)."""
        remain = text
        while remain:
            last_word, last_index = "", 0
            for index in range(len(remain)):
                word = remain[: index + 1]
                row = self._row(word)
                if row is not None:
                    if row.startswith("="):
                        last_word, last_index = word, index + 1
                    continue
                if last_word:
                    yield last_word
                    remain = remain[last_index:]
                else:
                    yield remain[0]
                    remain = remain[1:]
                break
            else:
                if last_word:
                    yield last_word
                    remain = remain[last_index:]
                else:
                    yield from remain
                    break

    def read(self, word: str) -> WordReading:
        """Readings of ``word`` (all Han characters, Simplified form)."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        result = self._read(word)
        with self._lock:
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[word] = result
        return result

    def _read(self, word: str) -> WordReading:
        readings: list[str | None] = []
        kinds: list[str] = []
        whole = self._phrase(word) if len(word) > 1 else None
        cedict = self._cedict(word)
        if whole is not None:
            readings, kinds = whole, [KIND_PHRASE] * len(word)
        elif len(word) == 1:
            readings, kinds = [self.char_default(word)], [KIND_SINGLE]
        else:
            sub_cedict: list[frozenset[str]] = []
            for part in self._max_match(word):
                sub = self._phrase(part) if len(part) > 1 else None
                if sub is not None:
                    readings += sub
                    kinds += [KIND_SUBPHRASE] * len(part)
                    sub_cedict += self._cedict(part)
                else:
                    readings += [self.char_default(ch) for ch in part]
                    kinds += [KIND_OTHER] * len(part)
                    sub_cedict += [_EMPTY] * len(part)
            # an unknown word: CC-CEDICT's entry for the phrase pypinyin found inside it
            if SUB_CEDICT:
                cedict = tuple(w or s for w, s in zip(cedict, sub_cedict, strict=True))
        return WordReading(tuple(readings), tuple(kinds), cedict)

    def _cedict(self, word: str) -> tuple[frozenset[str], ...]:
        if len(word) < 2:
            return (_EMPTY,) * len(word)
        sets: list[set[str]] = [set() for _ in word]
        for entry in self.dictionary.lookup_exact(word):
            syllables = entry.pinyin.split()
            if len(syllables) == len(word):
                for s, syl in zip(sets, syllables, strict=True):
                    s.add(syl)
        return tuple(frozenset(s) for s in sets)
