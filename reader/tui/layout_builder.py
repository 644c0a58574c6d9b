"""The article's :class:`~reader.tui.layout.Layout`, built again after every change.

A short article is wrapped whole, reusing the rows of unchanged sentences. A long one
(a focus is given: the sentences round the viewport and the cursor) wraps only its focus;
every other sentence gets an estimated height from its length, and its lines are made only
when asked for. A 20 MB text has 290,000 sentences and two million lines: a list of a Line
per line took a second per re-layout, holding keys (and `q`) back; here a re-layout costs a
pass over the sentences' lengths.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from itertools import accumulate
from typing import overload

from reader.model import Sentence
from reader.tui.layout import (
    MARGIN,
    Column,
    Layout,
    Line,
    Rows,
    column_rows,
    column_widths,
    interlinear_rows,
    separators,
)

# Wrapped rows kept for sentences outside a long article's focus (they stay as wrapped
# while kept; beyond this the oldest go and are estimated until the reader comes back).
ROWS_KEPT = 4000


class LayoutBuilder:
    """Builds the article's :class:`Layout`, re-wrapping only sentences that changed.

    A translation arriving or a glossary edit replaces a few Sentence objects; rows of the
    others are reused (Sentences are immutable, so identity says "unchanged").
    """

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        # a wrapped sentence's lines (its blank line last), by index
        self._rows: dict[int, tuple[Sentence, tuple[Line, ...]]] = {}

    def build(
        self,
        paragraphs: Iterable[tuple[str, Sequence[Sentence]]],
        panes: Sequence[str],
        width: int,
        interlinear: bool,
        focus: Collection[int] | None = None,
    ) -> Layout:
        """Rows for every sentence; with ``focus`` (sentence indices), sentences outside it
        that were never wrapped get an estimated height instead (see Layout.estimated)."""
        key = (tuple(panes), width, interlinear)
        if key != self._key:
            self._rows.clear()
            self._key = key
        cols = (
            (Column("interlinear", MARGIN, width - 2 * MARGIN),)
            if interlinear
            else column_widths(panes, width)
        )
        blank = Line(-1, () if interlinear else separators(cols))
        flat: list[Sentence] = []
        headings: set[int] = set()
        for kind, sentences in paragraphs:
            if kind == "heading":
                headings.update(range(len(flat), len(flat) + len(sentences)))
            flat.extend(sentences)

        def wrapped(index: int) -> tuple[Line, ...]:
            sentence = flat[index]
            cached = self._rows.get(index)
            if cached is not None and cached[0] is sentence:
                return cached[1]
            if interlinear:
                rows = interlinear_rows(sentence, panes, width, index in headings)
            else:
                rows = column_rows(sentence, cols, index in headings)
            made = (*(Line(index, tuple(spans)) for spans in rows), blank)
            self._rows[index] = (sentence, made)
            return made

        if focus is None:
            made = [wrapped(index) for index in range(len(flat))]
            lines = [line for row in made for line in row]
            starts = [0, *accumulate(len(row) for row in made)]
            return Layout(width, interlinear, cols, lines, Rows(starts))
        return self._build_lazy(flat, focus, wrapped, blank, panes, width, interlinear, cols)

    def _build_lazy(
        self,
        flat: list[Sentence],
        focus: Collection[int],
        wrapped: Callable[[int], tuple[Line, ...]],
        blank: Line,
        panes: Sequence[str],
        width: int,
        interlinear: bool,
        cols: tuple[Column, ...],
    ) -> Layout:
        cache = self._rows
        for index in [i for i, (s, _) in cache.items() if i >= len(flat) or flat[i] is not s]:
            del cache[index]  # the sentence changed: wrapped again in focus, else estimated
        made = {i: wrapped(i) for i in sorted(focus) if 0 <= i < len(flat)}
        made.update((i, cache[i][1]) for i in cache if i not in made)
        # about one row of lines per `per_line` characters, per visible pane, and a blank
        per_line = max(8, (width if interlinear else min(c.width for c in cols)) // 2)
        height = len(panes) if interlinear else 2
        heights = [(1 + len(s.text) // per_line) * height + 1 for s in flat]
        for i, lines in made.items():
            heights[i] = len(lines)
        starts = [0, *accumulate(heights)]
        if len(cache) > ROWS_KEPT:
            # the oldest rows outside the focus go (a long read would keep them all)
            for i in [i for i in cache if i not in focus][: len(cache) - ROWS_KEPT // 2]:
                del cache[i]
        return Layout(
            width,
            interlinear,
            cols,
            LazyLines(starts, made, blank),
            Rows(starts),
            Estimated(len(flat), made),
        )


class LazyLines(Sequence[Line]):
    """A long article's lines: a wrapped sentence's own, an estimated one's made on demand
    (lines of its sentence without spans, then the blank line between rows)."""

    def __init__(self, starts: list[int], made: Mapping[int, tuple[Line, ...]], blank: Line):
        self._starts, self._made, self._blank = starts, made, blank

    def __len__(self) -> int:
        return self._starts[-1]

    @overload
    def __getitem__(self, y: int) -> Line: ...
    @overload
    def __getitem__(self, y: slice) -> list[Line]: ...
    def __getitem__(self, y: int | slice) -> Line | list[Line]:
        if isinstance(y, slice):
            return [self[k] for k in range(*y.indices(len(self)))]
        if y < 0:
            y += len(self)
        if not 0 <= y < len(self):
            raise IndexError(y)
        index = bisect_right(self._starts, y) - 1
        lines = self._made.get(index)
        if lines is not None:
            return lines[y - self._starts[index]]
        return self._blank if y == self._starts[index + 1] - 1 else Line(index, ())


class Estimated(Collection[int]):
    """The sentences of a long article with an estimated row: all but the wrapped ones."""

    def __init__(self, count: int, made: Mapping[int, object]) -> None:
        self._count, self._made = count, made

    def __contains__(self, index: object) -> bool:
        return isinstance(index, int) and 0 <= index < self._count and index not in self._made

    def __iter__(self) -> Iterator[int]:
        return (i for i in range(self._count) if i not in self._made)

    def __len__(self) -> int:
        return self._count - len(self._made)


def build_layout(
    paragraphs: Sequence[tuple[str, Sequence[Sentence]]],
    panes: Sequence[str],
    width: int,
    interlinear: bool,
) -> Layout:
    return LayoutBuilder().build(paragraphs, panes, width, interlinear)
