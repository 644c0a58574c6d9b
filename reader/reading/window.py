"""Which sentences are annotated, and in what order: nearest the reading position first, and
for a very long article only a window around it.

An annotated sentence holds its words, readings, names and English: about 9 KB in the
reader, so the 290,000 sentences of a 20 MB text would take 2.5 GB. A reader reads a few
screens at a time, so beyond ``KEEP`` sentences the plan annotates only the ``WINDOW``
sentences around the reading position and lets the farthest go again (they return to the
outline's plain form, and are annotated afresh when the reader comes back).

Shared by the annotation thread (``take``) and the UI thread (``forget``, ``let_go``), so
its state is guarded by a lock; it holds indices only, never sentences.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

WINDOW = 16_000  # sentences annotated around the reading position of a very long article
KEEP = 24_000  # sentences kept annotated before the farthest are let go (no churn on a step)
BEFORE = 10  # sentences before the reading position annotated first (the screen above it)


class AnnotationPlan:
    """The annotated (or being annotated) sentence indices of one article of ``total``."""

    def __init__(self, total: int, window: int = WINDOW, keep: int = KEEP) -> None:
        if keep < window:
            raise ValueError(f"keep ({keep}) must be at least the window ({window})")
        self.total = total
        self.window = window
        self.keep = keep
        self._taken: set[int] = set()
        self._lock = threading.Lock()

    @property
    def windowed(self) -> bool:
        """Whether the article is too long to keep annotated whole."""
        return self.total > self.keep

    def span(self, centre: int, size: int) -> range:
        """``size`` sentences around ``centre``, shifted at the ends to stay that size."""
        if size >= self.total:
            return range(self.total)
        low = min(max(0, centre - size // 2), self.total - size)
        return range(low, low + size)

    def take(self, centre: int, count: int) -> list[int]:
        """Up to ``count`` sentences still to annotate, now marked taken: from ``BEFORE``
        sentences above ``centre`` onwards to the window's end, then back up from there
        to the window's start (nearest the reader first)."""
        centre = min(max(0, centre), max(0, self.total - 1))
        span = self.span(centre, self.window) if self.windowed else range(self.total)
        first = max(span.start, centre - BEFORE)
        out: list[int] = []
        with self._lock:
            for order in (range(first, span.stop), range(first - 1, span.start - 1, -1)):
                for i in order:
                    if i not in self._taken:
                        out.append(i)
                        if len(out) == count:
                            break
                if len(out) == count:
                    break
            self._taken.update(out)
        return out

    def forget(self, indices: Iterable[int]) -> None:
        """These sentences are no longer annotated (let go, or their part was stale)."""
        with self._lock:
            self._taken.difference_update(indices)

    def let_go(self, centre: int, annotated: Iterable[int]) -> list[int]:
        """The ``annotated`` sentences beyond the ``KEEP`` around ``centre`` (none while
        the whole article fits); the caller returns them to plain form and forgets them."""
        if not self.windowed:
            return []
        keep = self.span(centre, self.keep)
        return sorted(i for i in annotated if i not in keep)
