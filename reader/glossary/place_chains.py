"""Places named inside places: 高雄市左營區, 上海市徐汇区漕溪北路.

The recogniser often marks a whole address as one place. The glossary knows its head (高雄市
Kaohsiung) and wins there, and the whole span, overlapping it, was dropped with the rest of
the address: 左營區 was never shown. What follows the glossary's places inside such a span is
a place of its own when it ends in a place suffix of reader/data/name_rules.tsv (a district,
county, town, road): 左營區 → Zuoying District.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.glossary.auto import get_name_rules
from reader.glossary.judge import PLACE_TYPES, Entity, NameSpan
from reader.model import GlossaryHit


def places_after_places(
    entities: Sequence[Entity], hits: Sequence[GlossaryHit], simplified: str
) -> list[Entity]:
    """For each recogniser place headed by glossary places (one after another from its
    start), the rest of it as a place when it is a stem plus place suffixes."""
    places = {h.start: h for h in hits if h.type in PLACE_TYPES}
    found: list[Entity] = []
    for e in entities:
        if e.type != "LOC" or e.start not in places:
            continue
        at = e.start
        while at in places and places[at].end < e.end:
            at = places[at].end
        if at == e.start or at in places or not _suffixed_place(simplified[at : e.end]):
            continue
        found.append(NameSpan(at, e.end, "LOC", e.confidence))
    return found


_MAX_STEM = 4  # a longer "stem" is more of the address (岩手县岩手郡泷泽 + 村) or a phrase


def _suffixed_place(name: str) -> bool:
    """A stem of two to four characters, itself no chain of places (no one-character place
    suffix inside), followed by one or two place suffixes (左营 + 区, 漕溪 + 北路)."""
    rules = get_name_rules()
    for stem_len in range(2, min(len(name), _MAX_STEM + 1)):
        units = rules.split_units(name[stem_len:])
        if not units or len(units) > 2 or any(rules.suffixes[u][1] != "place" for u in units):
            continue
        return not any(rules.suffixes.get(ch, ("", ""))[1] == "place" for ch in name[:stem_len])
    return False
