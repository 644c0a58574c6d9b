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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import ReaderError

_READING = re.compile(r"[a-z]+[1-5]|-")


class LazyPattern:
    """An override's regex, checked when the file is read and compiled on first use.

    Compiling the shipped patterns costs ~15 ms (their lookarounds over large character
    classes), most of a short ``reader pinyin`` line's pinyin setup, and most patterns never
    meet the one character they rewrite. So a pattern is compiled only once a text holds
    every character it needs (its literals outside lookarounds, alternatives and optional
    parts): a text without one cannot match, and skipping it changes nothing.
    """

    __slots__ = ("source", "needs", "_compiled")

    def __init__(self, source: str) -> None:
        """Raises re.error as ``re.compile(source)`` would."""
        self.source = source
        self.needs = _needed_characters(source)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)  # a race compiles twice: same result
        return self._compiled

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        for ch in self.needs:  # (a plain loop: this runs per pattern per sentence)
            if ch not in text:
                return iter(())
        return self.compiled.finditer(text)


def _needed_characters(source: str) -> frozenset[str]:
    """The literal characters every match of ``source`` contains. Reads the pattern with
    the parser ``re`` compiles it with (no private copy of the syntax); should that parser
    change, the pattern is compiled now and needs nothing (slower, the same result)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        tree = _parser.parse(source)
        c = _compiler  # the opcodes and limits, as the compiler sees them
        _check_lookbehinds(tree, c)
        if tree.state.flags & (re.IGNORECASE | re.VERBOSE):
            return frozenset()
        return frozenset(_literals(tree, c))
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - another parser: compile now, prefilter nothing
        re.compile(source)
        return frozenset()


def _literals(tree: Any, c: Any) -> Iterator[str]:
    """Literals on the pattern's main path: not inside a lookaround, a branch, a class or a
    repeat that may occur zero times."""
    for op, av in tree:
        if op is c.LITERAL:
            yield chr(av)
        elif op is c.SUBPATTERN and not (av[1] & re.IGNORECASE):
            yield from _literals(av[3], c)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            yield from _literals(av[2], c)
        elif op is c.ATOMIC_GROUP:
            yield from _literals(av, c)


def _check_lookbehinds(tree: Any, c: Any) -> None:
    """The one check ``re`` makes when compiling rather than parsing, made now so a bad
    pattern is still reported when the file is read."""
    for op, av in tree:
        if op in (c.ASSERT, c.ASSERT_NOT) and av[0] < 0:
            lo, hi = av[1].getwidth()
            if lo > c.MAXCODE:
                raise re.error("looks too much behind")
            if lo != hi:
                raise re.error("look-behind requires fixed-width pattern")
        for part in av if isinstance(av, (tuple, list)) else (av,):
            for sub in part if isinstance(part, list) else (part,):
                if hasattr(sub, "getwidth"):
                    _check_lookbehinds(sub, c)


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
