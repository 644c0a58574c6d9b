"""Glossary matches inside a longer organisation the recogniser found: which yield to it,
which come back, and how a swallowed glossary body names the whole.

Used by reader/glossary/decide.py, per sentence:

- :func:`place_and_body_words`: a glossary place and a glossary body tiling one segmenter
  word (美国苹果公司, 日本共同社) are both read in it;
- :func:`yield_to_headed_orgs`: a glossary place or organisation inside a longer
  organisation that ends like one, or that the recogniser would force, is part of its name
  (深圳市 in 深圳市人大常委会), unless the organisation is a place before a named body;
- :func:`returned_matches`: a match whose organisation the screen dropped comes back;
- :func:`glossary_headed`: a swallowed glossary body plus organisation suffixes keeps the
  glossary's English (新浪 + 公司 "Sina Company").
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from reader.glossary.judge import Candidate, Entity
from reader.model import GlossaryHit

Span = tuple[int, int]


def yield_to_headed_orgs(
    candidates: list[Candidate],
    entities: Sequence[Entity],
    simplified: str,
    limit: float,
    forces: Callable[[Entity], bool],
) -> list[Candidate]:
    """A glossary place or organisation inside a longer organisation the recogniser
    found is part of that organisation's name, when the organisation ends like one
    (reader/data/org_endings.tsv: 桃园 in 桃园地检署, 深圳市 in 深圳市人大常委会, 日本 in
    日本政府) or the recogniser is sure enough of it to force it (湖北 in 湖北卫视,
    光大银行 in 中国光大银行沈阳分行). Persons stay. On CLUENER train's tuning part the
    glossary's shorter name was the wrong span there more often than not (DATA.md,
    sixth round)."""
    from reader.glossary.org_endings import (
        ends_like_an_organisation,
        get_endings,
        get_generic_tails,
    )

    endings = get_endings()
    orgs = [
        e
        for e in entities
        if e.type == "ORG"
        and e.confidence >= limit
        and (forces(e) or ends_like_an_organisation(simplified[e.start : e.end], endings))
    ]
    if not orgs:
        return candidates
    generic = get_generic_tails()
    orgs = [e for e in orgs if not _place_before_a_named_body(e, candidates)]
    return [
        c
        for c in candidates
        if c.hit.type == "person"
        or not any(
            e.start <= c.hit.start
            and c.hit.end <= e.end
            and e.end - e.start > c.hit.end - c.hit.start
            # the name plus a description (DeepSeek主体公司, 阿里巴巴子公司) is no
            # longer name: the glossary's stays
            and not (e.start == c.hit.start and simplified[c.hit.end : e.end] in generic)
            for e in orgs
        )
    ]


def returned_matches(
    yielded: Sequence[Candidate], found: Sequence[Entity], taken: Collection[Span]
) -> tuple[list[Candidate], list[Candidate]]:
    """``yielded`` split into the matches still inside a shown organisation and those whose
    organisation is gone (and that overlap no shown name or kept match)."""
    orgs = [(e.start, e.end) for e in found if e.type == "ORG"]
    names = [*((e.start, e.end) for e in found), *taken]
    inside, returned = [], []
    for c in yielded:
        a, b = c.hit.start, c.hit.end
        if any(x <= a and b <= y for x, y in orgs) or any(x < b and a < y for x, y in names):
            inside.append(c)
        else:
            returned.append(c)
    return inside, returned


def place_and_body_words(
    words: Sequence[Span], classified: Sequence[Candidate]
) -> set[tuple[int, int]]:
    """Spans of glossary bodies that end a segmenter word a glossary place begins, the two
    tiling it (jieba's dictionary holds 美国哈佛大学, 日本共同社, 韩国三星电子 as words):
    the body may be read inside the word, as the place heading it already is (see
    ``crosses_words``). Both unambiguous; the body one English wherever it is written
    (``_place_before_a_named_body``)."""
    places = {
        (c.hit.start, c.hit.end)
        for c in classified
        if c.hit.type == "place" and not c.ambiguous and not c.blocked
    }
    if not places:
        return set()
    word_at = dict(words)
    return {
        (c.hit.start, c.hit.end)
        for c in classified
        if c.hit.type in _NAMED_BODY_TYPES
        and c.hit.en
        and not c.ambiguous
        and not c.blocked
        and any(
            (a, c.hit.start) in places and word_at.get(a) == c.hit.end
            for a in range(max(0, c.hit.start - _LONGEST_PLACE), c.hit.start - 1)
        )
    }


_LONGEST_PLACE = 8  # characters of a place heading a body in one word (美利坚合众国)


def _place_before_a_named_body(entity: Entity, candidates: Sequence[Candidate]) -> bool:
    """Whether the recogniser's organisation is exactly a glossary place followed by a
    glossary company, newspaper or university that has one English of its own (日本共同社:
    Japan's Kyodo News; 美国哈佛大学). The place only says where that one body is: both
    names stay, where the organisation would have taken CC-CEDICT's English of its tail
    ("Kyōdō") or gone to the translator whole. A body that exists once per place (人大常委会,
    公安局: agencies) is no such name: 深圳市人大常委会 stays one organisation."""
    places = {
        c.hit.end
        for c in candidates
        if c.hit.type == "place" and c.hit.start == entity.start and c.hit.end < entity.end
    }
    return any(
        c.hit.start in places
        and c.hit.end == entity.end
        and c.hit.type in _NAMED_BODY_TYPES
        and c.hit.en
        and not c.ambiguous
        for c in candidates
    )


def glossary_headed(
    yielded: Sequence[Candidate], found: Sequence[Entity], text: str, simplified: str
) -> tuple[list[GlossaryHit], list[Entity]]:
    """An organisation the recogniser found that is a glossary organisation it swallowed
    plus only organisation suffixes or a government tail (新浪 + 公司, 某银行 + 分行): shown
    with the glossary's English plus the tail's (Sina Company), where it was left to the
    translator. An ambiguous head (新浪 "new wave") counts: the recogniser's organisation
    ending in a suffix is the context that makes it the name. The span stays the recogniser's; an unknown tail (中国政法大学 +
    传播法中心) keeps the whole name with the translator."""
    from reader.glossary.render_names import organisation_tail_english

    composed: list[GlossaryHit] = []
    rest: list[Entity] = []
    for e in found:
        heads = [
            c.hit
            for c in yielded
            if e.type == "ORG"
            and c.hit.start == e.start
            and c.hit.end < e.end
            and c.hit.type in _BODY_TYPES
            and c.hit.en
        ]
        tail = organisation_tail_english(simplified[heads[0].end : e.end]) if heads else ""
        if not tail:
            rest.append(e)
            continue
        composed.append(
            GlossaryHit(
                start=e.start,
                end=e.end,
                term=text[e.start : e.end],
                en=f"{heads[0].en} {tail}",
                type=heads[0].type,
                # the English is the glossary entry's, not made up: its file stays the source
                source_file=heads[0].source_file,
                source="glossary",
                note=f"glossary {heads[0].term} + organisation suffix",
                confidence=e.confidence,
                forced=False,
            )
        )
    return composed, rest


# Glossary types that head an organisation's longer name (新浪 + 公司); a product or brand
# plus 公司 is the company's name in the glossary when it has one.
_BODY_TYPES = frozenset({"company", "org", "university", "lab", "investor", "media", "agency"})
# Of those, the types whose entry names one body wherever it is written (a company, a
# newspaper, a university), unlike an agency or an "org" that each place has its own of.
_NAMED_BODY_TYPES = _BODY_TYPES - {"org", "agency"}
