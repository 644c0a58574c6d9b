"""Glossary names survive machine translation: mask, translate, verify, repair.

Each protected name in a segment is replaced by its English rendering before the model
sees it ("阿里巴巴宣布…" → " Alibaba 宣布…"): OPUS-MT copies Latin names it meets in
Chinese text far more reliably than opaque tags, and a copied rendering needs no
unmasking. After decoding, every rendering must come back exactly as often as it was put
in (plus any occurrence already in the source); if one was dropped, altered or duplicated,
the segment is *repaired*: the source pieces between names are translated on their own and
joined with the renderings, so the result holds each rendering once per occurrence,
spelled exactly. (Immersive Translate and LibreTranslate's masking lose names silently;
verifying is the point.)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reader.han import is_han

# Bump when masking/verification changes: it is part of every cache key.
PROTECTION_VERSION = "p2"

# Local renderings of pieces that are only punctuation (never worth a model call).
PUNCTUATION = str.maketrans(
    {
        "，": ",",
        "、": ",",
        "。": ".",
        "；": ";",
        "：": ":",
        "！": "!",
        "？": "?",
        "（": "(",
        "）": ")",
        "【": "[",
        "】": "]",
        "「": "“",
        "」": "”",
        "『": "‘",
        "』": "’",
        "《": "“",
        "》": "”",
        "〈": "‘",
        "〉": "’",
        "—": "-",
        "…": "...",
        "　": " ",
    }
)


@dataclass(frozen=True, slots=True)
class Term:
    """A protected span of a segment's source text and the English it must become."""

    start: int
    end: int
    en: str
    applied: bool = True  # False: the rendering was already written in the source


@dataclass(frozen=True, slots=True)
class Segment:
    """One model input: source text, its protected names, and what the model is shown."""

    source: str
    terms: tuple[Term, ...]
    pieces: tuple[str, ...]  # model-ready source text between names (len(terms) + 1)
    masked: str

    @property
    def renderings(self) -> tuple[str, ...]:
        return tuple(t.en for t in self.terms)

    @property
    def applied(self) -> tuple[str, ...]:
        return tuple(t.en for t in self.terms if t.applied)


def with_source_copies(text: str, terms: Sequence[Term]) -> list[Term]:
    """Add, as protected terms, renderings the source already writes in Latin letters.

    "涂鸦智能（Tuya）": the glossary renders 涂鸦智能 as "Tuya" and "Tuya" is in the text
    too; a good translation has it twice, so the second copy is protected as well.
    """
    renderings = {t.en for t in terms}
    taken = [(t.start, t.end) for t in terms]
    extra = [
        Term(a, b, r, applied=False)
        for a, b, r in find_renderings(text, renderings)
        if not any(a < tb and ta < b for ta, tb in taken)
    ]
    return sorted([*terms, *extra], key=lambda t: t.start)


def has_han(text: str) -> bool:
    return any(is_han(ch) for ch in text)


def build_segment(
    source: str, terms: Sequence[Term], convert: Callable[[str], str] | None = None
) -> Segment:
    """Mask ``terms`` (sorted, non-overlapping, relative to ``source``) with their English."""
    pieces: list[str] = []
    cursor = 0
    for term in terms:
        piece = source[cursor : term.start]
        pieces.append(convert(piece) if convert and piece else piece)
        cursor = term.end
    tail = source[cursor:]
    pieces.append(convert(tail) if convert and tail else tail)
    parts: list[str] = [pieces[0]]
    for term, piece in zip(terms, pieces[1:], strict=True):
        parts.extend((f" {term.en} ", piece))
    masked = re.sub(r"\s+", " ", "".join(parts)).strip()
    return Segment(source=source, terms=tuple(terms), pieces=tuple(pieces), masked=masked)


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _occurrences(text: str, rendering: str) -> list[tuple[int, int]]:
    """Whole-word occurrences: "Ant" is not found in "Antarctic" (str.find, no regex to compile)."""
    found = []
    size = len(rendering)
    i = text.find(rendering)
    while i >= 0:
        before = text[i - 1] if i else ""
        after = text[i + size] if i + size < len(text) else ""
        edge_ok = not (_is_word_char(rendering[0]) and before and _is_word_char(before))
        edge_ok = edge_ok and not (_is_word_char(rendering[-1]) and after and _is_word_char(after))
        if edge_ok:
            found.append((i, i + size))
            i = text.find(rendering, i + size)
        else:
            i = text.find(rendering, i + 1)
    return found


def find_renderings(text: str, renderings: Iterable[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping occurrences, longest rendering first ("Alibaba Group" before "Alibaba")."""
    found: list[tuple[int, int, str]] = []
    taken = [False] * len(text)
    for r in sorted(set(renderings), key=lambda s: (-len(s), s)):
        if not r:
            continue
        for start, end in _occurrences(text, r):
            if not any(taken[start:end]):
                found.append((start, end, r))
                taken[start:end] = [True] * (end - start)
    return sorted(found)


def count_renderings(text: str, renderings: Iterable[str]) -> Counter[str]:
    return Counter(r for _, _, r in find_renderings(text, renderings))


def expected_counts(segment: Segment) -> Counter[str]:
    """How often each rendering must appear: once per name, plus occurrences already in the source."""
    want = Counter(segment.renderings)
    for piece in segment.pieces:
        want.update(count_renderings(piece, want))
    return want


def verify(output: str, segment: Segment) -> bool:
    """Did every protected name come back exactly as often as it went in?"""
    want = expected_counts(segment)
    return count_renderings(output, want) == want


def local_piece(piece: str) -> str | None:
    """A piece's English without the model when it has no Chinese (punctuation, numbers, Latin)."""
    if has_han(piece):
        return None
    return piece.translate(PUNCTUATION)


def _scrub(text: str, renderings: Sequence[str], allowed: Counter[str]) -> str:
    """Drop occurrences of protected renderings beyond ``allowed`` (the model invented them)."""
    seen: Counter[str] = Counter()
    cut: list[tuple[int, int]] = []
    for start, end, r in find_renderings(text, renderings):
        seen[r] += 1
        if seen[r] > allowed[r]:
            cut.append((start, end))
    for start, end in reversed(cut):
        text = text[:start] + text[end:]
    return text


def assemble(piece_outputs: Sequence[str], segment: Segment) -> str:
    """Join separately translated pieces with the renderings: the repair result."""
    renderings = segment.renderings
    parts: list[str] = []
    for i, out in enumerate(piece_outputs):
        allowed = count_renderings(segment.pieces[i], renderings)
        parts.append(_scrub(out, renderings, allowed))
        if i < len(segment.terms):
            parts.append(segment.terms[i].en)
    return tidy(" ".join(parts))


_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]}”’])")
_SPACE_AFTER = re.compile(r"([(\[{“‘])\s+")
_DOUBLE_PUNCT = re.compile(r"([,;:])(?:\s*[,;:])+")


def tidy(text: str) -> str:
    """Normalise spacing around joined pieces (no change to words)."""
    text = re.sub(r"\s+", " ", text).strip()
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    return _DOUBLE_PUNCT.sub(r"\1", text)
