"""Countries named by one character each and paired: 中德 "China-Germany", 美俄 "US-Russia".

The recogniser marks such a pair as a place, which has no English of its own (CC-CEDICT
lacks most pairs), so it was shown "left to translator" and glossed "within virtue". The
characters and their English are data (reader/data/country_pairs.tsv, a reason per row).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reader import paths
from reader.glossary.judge import Entity, NameSpan

PAIRS_FILE = "country_pairs.tsv"


def parse_countries(text: str, source: str = PAIRS_FILE) -> dict[str, str]:
    """Character → the country's English; a row needs one character, English and a reason."""
    countries: dict[str, str] = {}
    for lineno, line, fields in paths.data_rows(text, "char"):
        if len(fields) < 3 or len(fields[0]) != 1 or not fields[1] or not fields[2]:
            raise ValueError(f"{source}:{lineno}: bad row {line!r} (char, English, reason)")
        countries[fields[0]] = fields[1]
    return countries


def get_countries() -> Mapping[str, str]:
    """The shipped table (immutable, parsed once per process)."""
    return paths.parsed_package_data(PAIRS_FILE, parse_countries)


def country_pair_english(folded: str, countries: Mapping[str, str] | None = None) -> str:
    """ "China-Germany" for 中德 (``folded``: the name in Simplified); "" unless it is two or
    three listed characters, none repeated."""
    table = countries if countries is not None else get_countries()
    if not 2 <= len(folded) <= 3 or len(set(folded)) != len(folded):
        return ""
    if not all(ch in table for ch in folded):
        return ""
    return "-".join(table[ch] for ch in folded)


def join_country_entities(entities: Sequence[Entity], text: str) -> list[Entity]:
    """The recogniser marks 中美 in 中美关系 as two places of one character (as its training
    data does); two or three such places side by side, each a listed country, are one pair
    (中美 "China-US"), with the smaller confidence. Others pass unchanged, in order."""
    countries = get_countries()
    out: list[Entity] = []
    for entity in entities:
        single = entity.type == "LOC" and entity.end - entity.start == 1
        if single and text[entity.start] in countries and out:
            last = out[-1]
            span = text[last.start : entity.end]
            if (
                last.type == "LOC"
                and last.end == entity.start
                and len(span) <= 3
                and all(ch in countries for ch in span)
                and country_pair_english(span, countries)
            ):
                confidence = min(last.confidence, entity.confidence)
                out[-1] = NameSpan(last.start, entity.end, "LOC", confidence)
                continue
        out.append(entity)
    return out
