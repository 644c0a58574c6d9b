"""Countries named by one character each and paired (reader/data/country_pairs.tsv)."""

from __future__ import annotations

import pytest
from found_entity import Found

from reader.glossary.country_pairs import (
    country_pair_english,
    join_country_entities,
    parse_countries,
)
from reader.glossary.render_names import render_entity


def test_pairs_and_triples_of_listed_countries_get_english() -> None:
    assert country_pair_english("中德") == "China-Germany"
    assert country_pair_english("美俄") == "US-Russia"
    assert country_pair_english("英法德") == "UK-France-Germany"
    assert country_pair_english("中中") == ""  # a repeat is no pair
    assert country_pair_english("中巴") == ""  # 巴: Pakistan, Brazil or a minibus
    assert country_pair_english("中美欧日") == ""  # four is a list, not a pair
    assert country_pair_english("中") == ""


def test_the_recogniser_s_place_is_rendered_as_the_pair() -> None:
    hit = render_entity("中德", "LOC", [], 0.99)
    assert hit is not None and (hit.en, hit.type) == ("China-Germany", "place")
    # only places: an organisation named so is left to the dictionary or the translator
    org = render_entity("中德", "ORG", [], 0.99)
    assert org is None or org.en != "China-Germany"


def test_a_pair_cc_cedict_knows_reads_like_every_other_pair() -> None:
    # CC-CEDICT writes 中美 "China-USA" and 中欧 "Sino-European": one table writes them all
    for name, english in (("中美", "China-US"), ("中欧", "China-EU"), ("中日", "China-Japan")):
        hit = render_entity(name, "LOC", [], 0.99)
        assert hit is not None and hit.en == english


def test_adjacent_one_character_places_are_joined() -> None:
    text = "中美关系缓和，美方表示欢迎。"
    entities = [
        Found(0, 1, "LOC", 0.99),
        Found(1, 2, "LOC", 0.85),
        Found(6, 7, "LOC", 0.9),  # 美 of 美方: alone, unchanged
    ]
    joined = join_country_entities(entities, text)
    assert [(e.start, e.end, e.type) for e in joined] == [(0, 2, "LOC"), (6, 7, "LOC")]
    assert joined[0].confidence == pytest.approx(0.85)


def test_places_that_are_not_both_countries_or_not_adjacent_stay_apart() -> None:
    text = "中巴车和中、美"
    entities = [Found(0, 1, "LOC", 0.9), Found(1, 2, "LOC", 0.9)]  # 巴 is not listed
    assert len(join_country_entities(entities, text)) == 2
    apart = [Found(4, 5, "LOC", 0.9), Found(6, 7, "LOC", 0.9)]  # a list mark between
    assert len(join_country_entities(apart, text)) == 2
    person = [Found(0, 1, "LOC", 0.9), Found(1, 2, "PER", 0.9)]
    assert len(join_country_entities(person, "中美")) == 2


def test_rows_need_one_character_english_and_a_reason() -> None:
    assert parse_countries("char\tenglish\treason\n中\tChina\tthe state\n") == {"中": "China"}
    with pytest.raises(ValueError, match="bad row"):
        parse_countries("中国\tChina\ttwo characters\n")
    with pytest.raises(ValueError, match="bad row"):
        parse_countries("中\tChina\n")
