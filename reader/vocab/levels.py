"""HSK levels per word (HSK 3.0: 1–6 and the 7–9 band; HSK 2.0: 1–6) and frequency ranks.

Levels come from ``reader/data/hsk.tsv`` (built by tools/build_hsk.py from
drkameleon/complete-hsk-vocabulary, MIT; see reader/vocab/SOURCES.md). Keys are Simplified:
callers fold a word first (reader.vocab.words.fold_word), so Traditional text finds its level.

Frequency ranks come from jieba's own dictionary (the counts jieba segments with, shipped
in the jieba package): rank 1 is the most frequent word. They are read only when asked for.
"""

from __future__ import annotations

import enum
from functools import cached_property
from pathlib import Path


class HskSystem(enum.Enum):
    """Which HSK word list levels are shown in (a user setting)."""

    HSK3 = "3.0"
    HSK2 = "2.0"

    @property
    def levels(self) -> tuple[int, ...]:
        return (1, 2, 3, 4, 5, 6, 7) if self is HskSystem.HSK3 else (1, 2, 3, 4, 5, 6)

    @classmethod
    def parse(cls, text: str) -> HskSystem:
        value = text.strip().removeprefix("hsk").removeprefix("HSK")
        for s in cls:
            if value in (s.value, s.value[0]):
                return s
        raise ValueError(f"unknown HSK version {text!r}; use 3.0 or 2.0")


def level_label(level: int | None, system: HskSystem = HskSystem.HSK3) -> str:
    """'HSK 3', 'HSK 7–9' (HSK 3.0's advanced band), or 'off-list'."""
    if level is None:
        return "off-list"
    if system is HskSystem.HSK3 and level == 7:
        return "HSK 7–9"
    return f"HSK {level}"


def _columns(table: dict[str, tuple[int, int]]) -> tuple[tuple[str, ...], bytes]:
    return tuple(table), bytes(level for row in table.values() for level in row)


def _are_columns(found: object) -> bool:
    """Whether an unpickled value has the columns' shape (anything else is rebuilt)."""
    if not (isinstance(found, tuple) and len(found) == 2):
        return False
    words, levels = found
    return isinstance(words, tuple) and isinstance(levels, bytes) and len(levels) == 2 * len(words)


class Levels:
    """The HSK lists and frequency ranks, loaded from data files on first use."""

    def __init__(self, path: Path | None = None, cache_dir: Path | None = None) -> None:
        """``cache_dir``: where the shipped list is kept parsed (None: the user's cache dir);
        another ``path`` is parsed each time."""
        self._shipped = path is None
        if path is None:
            from reader.paths import package_data

            path = package_data("hsk.tsv")
        self.path = path
        self._cache_dir = cache_dir

    @cached_property
    def _table(self) -> dict[str, tuple[int, int]]:
        if not self._shipped:
            return self._parse()
        from reader import paths
        from reader.fsutil import cached_pickle, files_stamp

        try:
            stamp = files_stamp(self.path, Path(__file__))
        except OSError:  # the list missing: reading it says so
            return self._parse()
        # columns (the words, then both levels of each as bytes): ~3 ms to load where
        # parsing the 11,000 lines costs ~15 ms and a pickled dict ~7 ms
        words, levels = cached_pickle(
            (self._cache_dir or paths.cache_dir()) / "hsk-levels.pickle",
            stamp,
            lambda: _columns(self._parse()),
            accept=_are_columns,
        )
        return dict(zip(words, zip(levels[::2], levels[1::2], strict=True), strict=True))

    def _parse(self) -> dict[str, tuple[int, int]]:
        table: dict[str, tuple[int, int]] = {}
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if not line or line[0] == "#" or line.startswith("word\t"):
                continue
            word, hsk3, hsk2 = line.split("\t")
            table[word] = (int(hsk3), int(hsk2))
        return table

    def words(self) -> frozenset[str]:
        return frozenset(self._table)

    def level(self, word: str, system: HskSystem = HskSystem.HSK3) -> int | None:
        """The word's level in ``system`` (7 = HSK 3.0's 7–9 band), None when not listed."""
        row = self._table.get(word)
        if row is None:  # the lists write erhua forms (一下儿); texts often drop the 儿
            row = self._table.get(word + "儿")
        if row is None:
            return None
        value = row[0] if system is HskSystem.HSK3 else row[1]
        return value or None

    def words_up_to(self, level: int, system: HskSystem = HskSystem.HSK3) -> list[str]:
        """Every word of levels 1..``level`` in ``system``."""
        k = 0 if system is HskSystem.HSK3 else 1
        return [w for w, row in self._table.items() if 0 < row[k] <= level]

    @cached_property
    def _ranks(self) -> dict[str, int]:
        from importlib.util import find_spec

        spec = find_spec("jieba")
        if spec is None or not spec.submodule_search_locations:
            return {}
        path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
        counts: list[tuple[int, str]] = []
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                parts = line.split(" ", 2)
                if len(parts) >= 2 and parts[1].isdigit():
                    counts.append((-int(parts[1]), parts[0]))
        counts.sort()
        ranks: dict[str, int] = {}
        for rank, (_, word) in enumerate(counts, 1):
            ranks.setdefault(word, rank)
        return ranks

    def frequency_rank(self, word: str) -> int | None:
        """Rank by jieba's dictionary counts (1 = most frequent), None if jieba lacks it."""
        return self._ranks.get(word)
