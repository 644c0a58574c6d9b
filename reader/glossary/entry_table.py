"""A built glossary's entries kept as columns, each :class:`Entry` made when first asked for.

A built glossary is kept in the cache dir (reader.resources) so a start unpickles it instead
of parsing the shipped files. Unpickling 9,000 frozen ``Entry`` objects was two thirds of
that (each one a constructor call setting eight slots: ~3.5 µs), although an annotated
article reads a few hundred of them. The table pickles as one tuple per field (strings
repeat across entries, so the pickle memo shares them) and makes an entry on first use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from reader.glossary.format import Entry

_FIELDS = ("zh", "en", "type", "aliases", "note", "flags", "source_file", "line")


class EntryTable(Sequence[Entry]):
    """An immutable sequence of entries, stored column by column. Thread-safe: an entry
    made twice by two threads at once is equal either way."""

    __slots__ = ("_columns", "_made", "_all")

    def __init__(self, columns: tuple[tuple[object, ...], ...]) -> None:
        if len(columns) != len(_FIELDS) or len({len(c) for c in columns}) > 1:
            raise ValueError("an entry table needs one column of equal length per field")
        self._columns = columns
        self._made: list[Entry | None] = [None] * len(columns[0])
        self._all: tuple[Entry, ...] | None = None

    @classmethod
    def of(cls, entries: Sequence[Entry]) -> EntryTable:
        columns = tuple(tuple(getattr(e, name) for e in entries) for name in _FIELDS)
        table = cls(columns)
        table._made = list(entries)
        return table

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Entry, ...]: ...

    def __getitem__(self, index: int | slice) -> Entry | tuple[Entry, ...]:
        if isinstance(index, slice):
            return self.all()[index]
        entry = self._made[index]
        if entry is None:
            entry = self._made[index] = Entry(*(column[index] for column in self._columns))  # type: ignore[arg-type]
        return entry

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.all())

    def all(self) -> tuple[Entry, ...]:
        """Every entry, in order (made once)."""
        if self._all is None:
            self._all = tuple(self[i] for i in range(len(self)))
        return self._all

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (EntryTable, (self._columns,))
