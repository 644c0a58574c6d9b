"""Places named inside places (reader/glossary/place_chains.py) and places by their kind."""

from __future__ import annotations

from found_entity import Found

from reader.glossary.place_chains import places_after_places
from reader.glossary.render_names import render_entity
from reader.model import GlossaryHit


def _place(term: str, start: int) -> GlossaryHit:
    return GlossaryHit(
        start=start, end=start + len(term), term=term, en=term, type="place", source_file="t"
    )


def test_the_rest_of_an_address_after_glossary_places_is_a_place() -> None:
    text = "高雄市左营区一处民宅昨晚发生火警。"
    rest = places_after_places([Found(0, 6, "LOC", 0.99)], [_place("高雄市", 0)], text)
    assert [(e.start, e.end, e.type) for e in rest] == [(3, 6, "LOC")]
    # several glossary places at the head: the rest after the last one (a road)
    text = "上海市徐汇区漕溪北路"
    hits = [_place("上海市", 0), _place("徐汇区", 3)]
    rest = places_after_places([Found(0, 10, "LOC", 0.9)], hits, text)
    assert [(e.start, e.end) for e in rest] == [(6, 10)]


def test_no_rest_without_a_place_suffix_a_short_stem_or_a_glossary_head() -> None:
    hits = [_place("高雄市", 0)]
    # no place suffix: a phrase after the city, not a place
    assert places_after_places([Found(0, 7, "LOC", 0.9)], hits, "高雄市一处民宅") == []
    # a long stem is more of the address, not one place
    long = "岩手县岩手郡泷泽村"
    assert places_after_places([Found(0, 9, "LOC", 0.9)], [_place("岩手", 0)], long) == []
    # no glossary place at the head, or not a place the recogniser found
    assert places_after_places([Found(0, 6, "LOC", 0.9)], [], "高雄市左营区") == []
    assert places_after_places([Found(0, 6, "ORG", 0.9)], hits, "高雄市左营区") == []


def test_a_county_keeps_its_kind_where_the_dictionary_gives_only_the_stem() -> None:
    """CC-CEDICT renders 仙居县 "Xianju": the rule's "Xianju County" says the same and more;
    where the dictionary's English is no pinyin (内蒙古自治区 Inner Mongolia) it stays."""
    county = render_entity("仙居县", "LOC", [], 0.9)
    assert county is not None and county.en == "Xianju County"
    region = render_entity("内蒙古自治区", "LOC", [], 0.9)
    assert region is not None and region.en.startswith("Inner Mongolia")


def test_a_numeral_before_a_place_suffix_counts_places() -> None:
    """东北三省 is "the three northeastern provinces", not a province "Dongbeisan"; a name
    made of numerals (二七区, Erqi District) is still a name."""
    counted = render_entity("东北三省", "LOC", [], 0.9)
    assert counted is not None and counted.en == ""
    named = render_entity("二七区", "LOC", [], 0.9)
    assert named is not None and named.en.startswith("Erqi District")
