"""Names the glossary lacks rendered from CC-CEDICT's proper-noun entries."""

from __future__ import annotations

import pytest

from reader.glossary.auto import DICTIONARY_NOTE
from reader.glossary.dictionary_names import (
    dictionary_english,
    dictionary_organisation,
    organisation_spans,
    parse_org_words,
)
from reader.glossary.render_names import render_entity


@pytest.mark.parametrize(
    ("name", "label", "english"),
    [
        ("广州日报", "ORG", "Guangzhou Daily"),
        ("中国政法大学", "ORG", "China University of Political Science and Law"),
        ("新浪", "ORG", "Sina"),  # "Sina, Chinese web portal and online media company"
        ("得克萨斯", "LOC", "Texas"),
        ("马克思", "PER", "Karl Marx"),  # a lifespan makes it a person
    ],
)
def test_dictionary_english_by_type(name: str, label: str, english: str) -> None:
    assert dictionary_english(name, label) == english


def test_a_definition_of_another_kind_is_not_used() -> None:
    # CC-CEDICT's 特斯拉 is Nikola Tesla (and the unit): no rendering for the company
    assert dictionary_english("特斯拉", "ORG") is None
    # a city is not an organisation, a person is not a place
    assert dictionary_english("洛阳", "ORG") is None
    assert dictionary_english("马克思", "LOC") is None
    # an ethnic group is not a "group"
    assert dictionary_english("畲族", "ORG") is None


def test_only_words_known_solely_as_organisations() -> None:
    assert dictionary_organisation("广州日报") == "Guangzhou Daily"
    # everyday senses beside the name: left to the recogniser
    assert dictionary_organisation("联想") is None  # to associate / Lenovo
    assert dictionary_organisation("来电") is None  # incoming call
    assert dictionary_organisation("苹果") is None


def test_organisation_spans_skip_taken_and_word_uses() -> None:
    text = "广州日报记者说"
    words = [(0, 4), (4, 6), (6, 7)]
    assert organisation_spans(text, words, []) == [(0, 4, "Guangzhou Daily")]
    assert organisation_spans(text, words, [(0, 2)]) == []
    assert organisation_spans(text, words, [], word_uses={(0, 4)}) == []


def test_render_entity_uses_the_dictionary_for_organisations_and_places() -> None:
    org = render_entity("中国政法大学", "ORG", [], 0.9)
    assert org is not None and org.en == "China University of Political Science and Law"
    assert org.note == DICTIONARY_NOTE and org.type == "org"
    unknown = render_entity("街电科创", "ORG", [], 0.9)
    assert unknown is not None and unknown.en == ""  # left to the translator


def test_org_words_file_parses_with_reasons() -> None:
    words = parse_org_words("# c\nword\treason\nuniversity\tunis\nDaily\tpapers\n")
    assert words == frozenset({"university", "daily"})


def test_a_place_heading_organisation_suffixes_is_that_place_s_body() -> None:
    """The recogniser sometimes labels 永康分局 a place: a place CC-CEDICT knows followed
    only by organisation suffixes is rendered as the organisation whatever the label."""
    for label in ("LOC", "ORG"):
        hit = render_entity("永康分局", label, [], 0.6)
        assert hit is not None and (hit.en, hit.type) == ("Yongkang Branch", "org"), label
    place = render_entity("余杭区", "LOC", [], 0.6)  # a place suffix: still a place
    assert place is not None and place.type == "place" and place.en.startswith("Yuhang")
