"""Cut an over-long sentence at clause boundaries into pieces under a token budget.

The model degrades (and CTranslate2 truncates) on very long inputs, so instead of
truncating, a sentence longer than the budget is cut after ；： first, then ，, then 、,
and only as a last resort between characters, never inside a protected name. Pieces are
packed greedily so each stays as long as the budget allows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

# Boundary levels, strongest first: the mark stays at the end of its clause.
LEVELS: tuple[str, ...] = ("；;：:", "，,", "、")

Span = tuple[int, int]


def split_clauses(
    text: str,
    budget: int,
    count: Callable[[str], int],
    protected: Sequence[Span] = (),
) -> list[Span]:
    """Spans tiling ``text``, each ``count`` ≤ ``budget`` where boundaries allow."""
    if not text:
        return []
    return _split(text, (0, len(text)), budget, count, protected, 0)


def _inside(pos: int, protected: Sequence[Span]) -> bool:
    return any(a < pos < b for a, b in protected)


def _split(
    text: str,
    span: Span,
    budget: int,
    count: Callable[[str], int],
    protected: Sequence[Span],
    level: int,
) -> list[Span]:
    a, b = span
    if count(text[a:b]) <= budget:
        return [span]
    if level >= len(LEVELS):
        return _hard_split(text, span, budget, count, protected)
    marks = LEVELS[level]
    cuts = [i + 1 for i in range(a, b - 1) if text[i] in marks and not _inside(i + 1, protected)]
    if not cuts:
        return _split(text, span, budget, count, protected, level + 1)
    pieces = list(zip([a, *cuts], [*cuts, b], strict=True))
    out: list[Span] = []
    current: Span | None = None
    for piece in pieces:
        if current is not None and count(text[current[0] : piece[1]]) <= budget:
            current = (current[0], piece[1])
            continue
        if current is not None:
            out.append(current)
        if count(text[piece[0] : piece[1]]) > budget:
            out.extend(_split(text, piece, budget, count, protected, level + 1))
            current = None
        else:
            current = piece
    if current is not None:
        out.append(current)
    return out


def _hard_split(
    text: str, span: Span, budget: int, count: Callable[[str], int], protected: Sequence[Span]
) -> list[Span]:
    """No boundary left: cut between characters (outside names) as late as the budget allows."""
    out: list[Span] = []
    start, end = span
    while start < end:
        if count(text[start:end]) <= budget:
            out.append((start, end))
            break
        lo, hi = start + 1, end  # largest cut with count(text[start:cut]) <= budget
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count(text[start:mid]) <= budget:
                lo = mid
            else:
                hi = mid - 1
        cut = lo
        for pa, pb in protected:
            if pa < cut < pb:
                cut = pa if pa > start else pb
        out.append((start, cut))
        start = cut
    return out


CLAUSE_MARKS = "；;：:，,、"


def clause_spans(text: str, protected: Sequence[Span] = ()) -> list[Span]:
    """Spans tiling ``text``, cut after every clause mark outside a name (for clause repair)."""
    cuts = [
        i + 1
        for i in range(len(text) - 1)
        if text[i] in CLAUSE_MARKS and not _inside(i + 1, protected)
    ]
    return [(a, b) for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if a < b]
