"""The names step of the pipeline, per sentence: the name each token is (a glossary hit, or
a name the recogniser found rendered for the reader) and the names the suffix rules find
where neither named anything (宇树科技, 余杭区; persons too when there is no recogniser).

reader/pipeline.py runs it inside its segment pass; the decisions themselves live in
reader/glossary (decide, render_names, auto)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.model import GlossaryHit, Token

if TYPE_CHECKING:
    from reader.glossary.decide import NameDecider
    from reader.glossary.judge import Entity


def name_at(
    hits: dict[tuple[int, int], GlossaryHit],
    found: dict[tuple[int, int], Entity],
    a: int,
    b: int,
    sentence_text: str,
    readings: Sequence[str | None],
    start: int,
    decider: NameDecider,
    paragraph: str = "",
) -> GlossaryHit | None:
    """The name token ``[a, b)`` of a sentence is, in article offsets (None: not a name);
    ``paragraph``: the sentence's paragraph (a football report's cue may be a sentence away)."""
    from reader.glossary.club_context import as_club
    from reader.glossary.decide import place
    from reader.glossary.render_names import render_entity

    hit = hits.get((a, b))
    if hit is not None:
        # a city in a football sentence is its club (罗马客场: Roma)
        return place(as_club(hit, sentence_text, a, b, readings[a:b], paragraph), start)
    if (a, b) not in found:
        return None
    entity = found[(a, b)]
    sure = decider.forces(entity)
    hit = render_entity(
        sentence_text[a:b],
        entity.type,
        readings[a:b],
        entity.confidence,
        sure,
        decider.romanisation,
    )
    if hit is None:
        return None
    if hit.forced and not sure:
        hit = hit.judged(hit.confidence, False)  # shown as a name, translated freely
    # 大胜马略卡: Mallorca, the club
    hit = as_club(hit, sentence_text, a, b, readings[a:b], paragraph)
    return place(hit, start + a)  # rendered at 0..len(name): into the sentence, the article


def auto_names(
    tokens: list[Token],
    sentence_text: str,
    sentence_start: int,
    word_freq: Callable[[str], int | None],
    style: str,
    persons: bool = True,
) -> list[Token]:
    """Mark likely names the glossary lacks; a name jieba split (扎克|伯格) becomes one token."""
    from reader.annotate.pinyin import format_word
    from reader.glossary.auto import PLACE_INSTITUTION_NOTE, detect_names
    from reader.glossary.fold import fold

    found = detect_names(
        tokens, sentence_text, sentence_start, lambda w: word_freq(fold(w)), persons
    )
    if not persons:  # with the recogniser: an unknown organisation is left to the translator
        found = [_known_place_body(h) for h in found]
    if not found:
        return tokens
    out: list[Token] = []
    hits = sorted(found, key=lambda h: h.start)
    i = 0
    for hit in hits:
        while i < len(tokens) and tokens[i].end <= hit.start:
            out.append(tokens[i])
            i += 1
        group = []
        while i < len(tokens) and tokens[i].start < hit.end:
            group.append(tokens[i])
            i += 1
        if (
            not group
            or group[0].start != hit.start
            or group[-1].end != hit.end
            or any(t.glossary is not None for t in group[1:])
            or (group[0].glossary is not None and hit.note != PLACE_INSTITUTION_NOTE)
        ):
            out.extend(group)  # a hit that doesn't fall on token edges is not trusted
            continue
        readings = tuple(r for t in group for r in t.readings)
        out.append(
            Token(
                text="".join(t.text for t in group),
                start=hit.start,
                end=hit.end,
                converted="".join(t.converted for t in group),
                pinyin=format_word(readings, style) if any(readings) else "",
                readings=readings,
                pos=group[0].pos if len(group) == 1 else "nz",
                glossary=hit,
            )
        )
    out.extend(tokens[i:])
    return out


def _known_place_body(hit: GlossaryHit) -> GlossaryHit:
    """A rule-found organisation, with the recogniser on: left to the translator (its stem's
    pinyin is a guess), unless it is a place CC-CEDICT knows plus organisation suffixes
    (永康 + 分局 → Yongkang Branch), rendered as the recogniser's own spans are."""
    from reader.glossary.auto import PLACE_INSTITUTION_NOTE
    from reader.glossary.render_names import place_body_english

    if hit.type == "place" or hit.note == PLACE_INSTITUTION_NOTE:
        return hit
    english = place_body_english(hit.term)
    if english:
        return replace(hit, en=english, type="org", note="auto: CC-CEDICT", forced=False)
    return replace(hit, en="", note="auto: left to translator", forced=False)
