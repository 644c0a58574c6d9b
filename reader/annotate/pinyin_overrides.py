"""Reading overrides kept as data (``reader/data/pinyin_overrides.tsv``).

Each non-comment line is ``pattern<TAB>readings[<TAB>note]``; patterns are written in
Simplified characters and matched against the sentence's Simplified form.

- A plain word (``觉得``): applies where a word span is exactly that word; ``readings`` gives
  one tone-number reading per character, ``-`` keeps what the engine chose for that character.
- ``re:REGEX``: searched in the whole sentence; the readings apply to the group named
  ``t`` if there is one, else group 1, else the whole match, one per character, ``-`` to
  keep. A pattern never changes a character whose word both dictionaries agree on
  (获得 de2 stays, whatever a 得 pattern says), so patterns can be written for loose text.

Word overrides always win; patterns win over the context model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.annotate.lazy_pattern import LazyPattern
from reader.errors import ReaderError

_READING = re.compile(r"[a-z]+[1-5]|-")


@dataclass(frozen=True, slots=True)
class Override:
    pattern: str
    readings: tuple[str | None, ...]  # None = keep
    regex: LazyPattern | None = None
    note: str = ""


@dataclass(slots=True)
class Overrides:
    words: dict[str, Override] = field(default_factory=dict)
    patterns: list[Override] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.words) + len(self.patterns)

    def apply(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        out: list[str | None],
        locked: set[int] | frozenset[int] = frozenset(),
    ) -> None:
        """Rewrite ``out`` (one reading per character of ``text``) in place; patterns skip
        the positions in ``locked``."""
        for ov in self.patterns:
            assert ov.regex is not None
            for m in ov.regex.finditer(text):
                group = "t" if "t" in m.re.groupindex else (1 if m.re.groups else 0)
                start = m.start(group)
                if start >= 0:
                    _put(out, start, ov.readings, locked)
        if self.words:
            for start, end in spans:
                hit = self.words.get(text[start:end])
                if hit is not None:
                    _put(out, start, hit.readings)


def _put(
    out: list[str | None],
    start: int,
    readings: tuple[str | None, ...],
    locked: set[int] | frozenset[int] = frozenset(),
) -> None:
    for k, reading in enumerate(readings):
        pos = start + k
        if reading is not None and pos < len(out) and pos not in locked:
            out[pos] = reading


def parse_overrides(lines: Sequence[str], source: str = "<overrides>") -> Overrides:
    result = Overrides()
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n").lstrip("\ufeff")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        where = f"{source}:{lineno}"
        if len(cols) < 2:
            raise ReaderError(f"{where}: expected 'pattern<TAB>readings'; fix the line")
        pattern, readings_col = cols[0].strip(), cols[1].strip()
        note = cols[2].strip() if len(cols) > 2 else ""
        parts = readings_col.split()
        if not parts or not all(_READING.fullmatch(p) for p in parts):
            raise ReaderError(
                f"{where}: readings must be tone-number syllables like 'de5' or '-'; "
                f"got {readings_col!r}"
            )
        readings = tuple(None if p == "-" else p for p in parts)
        if pattern.startswith("re:"):
            try:
                regex = LazyPattern(pattern[3:])
            except re.error as exc:
                raise ReaderError(f"{where}: bad regex {pattern[3:]!r} ({exc}); fix it") from None
            result.patterns.append(Override(pattern, readings, regex, note))
        else:
            if len(readings) != len(pattern):
                raise ReaderError(
                    f"{where}: {pattern!r} has {len(pattern)} characters but "
                    f"{len(readings)} readings; give one per character"
                )
            result.words[pattern] = Override(pattern, readings, None, note)
    return result


def load_overrides(path: Path | None = None) -> Overrides:
    if path is None:
        from reader.paths import package_data

        path = package_data("pinyin_overrides.tsv")
    if not path.exists():
        return Overrides()
    return parse_overrides(path.read_text(encoding="utf-8").splitlines(), str(path))
