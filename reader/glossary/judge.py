"""The glossary renders names, the recogniser judges them.

A glossary entry says how a name is written in English; whether a string in a sentence *is*
that name is decided here, from the trained recogniser's view of the sentence
(:mod:`reader.annotate.names_model`) and a few explicit, justified overrides:

- an entry flagged ``ambiguous`` (美的 "beautiful", 得到 "to get", 小米 "millet") is a name
  where the recogniser marks it as one (probability ≥ ``ACCEPT``), where an explicit context
  rule supports it (a suffix such as 集团, a list of other organisations: these are
  structural, the recogniser rarely sees lists of rare short names), or where the article
  established it as a name elsewhere *and* the recogniser does not rule it out here
  (≥ ``ESTABLISHED``); block rules (联想到, 一路平安) always win;
- an ambiguous entry the recogniser confidently calls another kind of name is not that
  entry (商汤 the king is a person, not SenseTime);
- an unambiguous entry still matches, unless the recogniser strongly rejects it
  (< ``REJECT``) where the term is an ordinary word (精诚合作 is not Systex); its type is
  the curated one (the recogniser's label for a well-known name is not trusted over it);
- a common person name (张勇, 李斌) is the famous person of the glossary only when that
  person's organisation is named in the article (``reader/data/person_context.tsv``);
  otherwise it is an ordinary name, rendered in pinyin like any other;
- only confident names are *forced* into the machine translation (``GlossaryHit.forced``);
  the rest are shown as names and translated freely.

Spans the recogniser finds that the glossary lacks become ``auto`` names (see
:func:`render_auto`): persons in pinyin, surname first; transliterations and unknown
organisations left to the translator; places by rule.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from reader.model import GlossaryHit

ACCEPT = 0.5  # the recogniser calls the span a name
ESTABLISHED = 0.2  # enough for a term the article showed to be a name elsewhere
REJECT = 0.05  # below this an ordinary word is not a plain entry's name either
AUTO_ACCEPT = 0.6  # an unknown name the recogniser finds is shown from this confidence
FORCE = 0.5  # an auto name is forced into MT only when rendered and this sure

# Glossary types each recogniser label is compatible with.
PERSON_TYPES = frozenset({"person"})
PLACE_TYPES = frozenset({"place"})
ORG_LIKE = frozenset(
    {"company", "org", "university", "lab", "investor", "media", "agency", "brand", "product"}
)
COMPATIBLE: dict[str, frozenset[str]] = {
    "PER": PERSON_TYPES,
    "LOC": PLACE_TYPES | frozenset({"org", "agency"}),  # 北京 in 北京市政府 is both
    "ORG": ORG_LIKE | PLACE_TYPES,  # 杭州 heads 杭州市政府; lists mix places and bodies
    "PRODUCT": ORG_LIKE,
}


class Entity(Protocol):
    """A name the recogniser found (read-only; reader.annotate.names_model.Entity)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def confidence(self) -> float: ...


@dataclass(frozen=True, slots=True)
class NameSpan:
    """An :class:`Entity` the pipeline makes itself: the recogniser's name retyped or cut by
    the false-name screen, two places joined (中美), the rest of an address, a name CC-CEDICT
    knows."""

    start: int
    end: int
    type: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Candidate:
    """A glossary hit in a sentence with what the context rules say about it."""

    hit: GlossaryHit  # offsets relative to the sentence
    ambiguous: bool
    supported: bool = False  # an explicit context rule makes it a name
    affiliations: tuple[str, ...] = ()  # a common person name: organisations that identify them
    blocked: bool = False  # a block rule makes it the ordinary word here: no name at all


def name_probability(entities: Sequence[Entity], start: int, end: int) -> tuple[float, str]:
    """How sure the recogniser is that ``[start, end)`` is a name, and as what label.

    The best entity weighted by how well it covers the span (intersection over union), so an
    entity that only brushes the span counts for little.
    """
    best, label = 0.0, ""
    for e in entities:
        inter = min(end, e.end) - max(start, e.start)
        if inter <= 0:
            continue
        union = max(end, e.end) - min(start, e.start)
        score = e.confidence * inter / union
        if score > best:
            best, label = score, e.type
    return best, label


def conflicting_type(entities: Sequence[Entity], start: int, end: int, gloss_type: str) -> bool:
    """The recogniser confidently calls the span a different kind of name."""
    for e in entities:
        if e.start <= start and end <= e.end and e.confidence >= ACCEPT:
            allowed = COMPATIBLE.get(e.type)
            if allowed is not None and gloss_type not in allowed:
                return True
    return False


def judge(
    candidates: Sequence[Candidate],
    entities: Sequence[Entity],
    established: Collection[str],
    document_terms: Callable[[str], bool],
    ordinary: Callable[[str], bool],
    fold: Callable[[str], str],
    word_uses: Collection[tuple[int, int]] = (),
) -> list[GlossaryHit]:
    """The candidates that are names here, with ``confidence`` and ``forced`` set.

    ``established``: folded terms shown to be names elsewhere in the article;
    ``document_terms(term)``: whether a (folded) term occurs anywhere in the article;
    ``ordinary(word)``: whether a word is an everyday dictionary word;
    ``word_uses``: spans the segmenter reads as a verb, adjective, adverb or function word
    (a name is a noun: 得到 in 我们得到了 is the verb, whatever the article said before).
    """
    kept: list[GlossaryHit] = []
    for c in candidates:
        if c.blocked:
            continue
        hit = c.hit
        p, _ = name_probability(entities, hit.start, hit.end)
        term = fold(hit.term)
        if c.affiliations:
            # a common name is this famous person only beside their organisation
            if not any(document_terms(fold(a)) for a in c.affiliations):
                continue
            kept.append(hit.judged(max(p, ACCEPT), True))
            continue
        if c.ambiguous:
            if conflicting_type(entities, hit.start, hit.end, hit.type):
                continue  # 商汤 the king: a person here, not the company
            if c.supported or p >= ACCEPT:
                kept.append(hit.judged(max(p, ACCEPT), True))
            elif term in established and (hit.start, hit.end) not in word_uses:
                # shown to be a name elsewhere in the article (by a rule that outranks the
                # recogniser), and not used as a verb or adjective here (得到了, 平安地)
                kept.append(hit.judged(max(p, ESTABLISHED), True))
            continue
        word_like = ordinary(hit.term)
        if word_like and p < REJECT and (hit.start, hit.end) in word_uses:
            continue  # an everyday word used as one (a verb, an adjective), no name seen
        forced = not word_like or p >= ACCEPT or c.supported
        kept.append(hit.judged(max(p, 0.0 if word_like else ACCEPT), forced))
    return kept


def unclaimed(
    entities: Sequence[Entity],
    taken: Sequence[tuple[int, int]],
    thresholds: Mapping[str, float] | None = None,
) -> list[Entity]:
    """Confident entities that overlap no glossary name, leftmost first; ``thresholds``
    per label (tuned with the recogniser's weights), else ``AUTO_ACCEPT``."""
    out: list[Entity] = []
    for e in sorted(entities, key=lambda e: (e.start, -e.end)):
        if e.confidence < (thresholds or {}).get(e.type, AUTO_ACCEPT) or e.end <= e.start:
            continue
        if any(a < e.end and e.start < b for a, b in taken):
            continue
        if out and out[-1].end > e.start:
            continue
        out.append(e)
    return out
