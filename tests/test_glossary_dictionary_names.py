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
        # "the Great Hall of the People (in Beijing)": the name after the article
        ("人民大会堂", "LOC", "Great Hall of the People"),
        ("京杭大运河", "LOC", "Grand Canal"),
    ],
)
def test_dictionary_english_by_type(name: str, label: str, english: str) -> None:
    assert dictionary_english(name, label) == english


def test_one_word_after_the_article_is_no_place_name() -> None:
    # "the Chinese side (in an international venture)": a side, not a place "Chinese"
    assert dictionary_english("中方", "LOC") is None


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


def test_a_city_heading_a_government_tail_gets_english() -> None:
    """A known place, then a government, court or council tail (reader/data/org_tails_en.tsv)
    or a district inside it with its own body: English, not left to the translator."""
    cases = {
        "台北市政府": "Taipei City Government",  # 台北 + 市政府, not CC-CEDICT's 台北市 "Taibei"
        "高雄市議會": "Kaohsiung City Council",  # Traditional folded first
        "杭州市中级人民法院": "Hangzhou Intermediate People's Court",
        "台南市永康分局": "Tainan Yongkang Branch",  # a district of the city, then its body
        "台南市警永康分局": "Tainan City Police Yongkang Branch",
        "上海市公安局": "Shanghai Public Security Bureau",  # unchanged by the chain
    }
    for name, english in cases.items():
        hit = render_entity(name, "ORG", [], 0.6)
        assert hit is not None and (hit.en, hit.type) == (english, "org"), name


def test_a_bare_government_or_unknown_place_stays_with_the_translator() -> None:
    """日本政府: "Japan Government" is not English, so a bare 政府 has no row; a nation is
    no city with units inside it ("United States Yale University" is not English); an unknown
    place (鹽行) before a tail leaves the whole name to the translator; a place alone stays a
    place."""
    for name in (
        "日本政府",
        "永康分局鹽行派出所",
        "浙江大学医学院",
        "美国耶鲁大学",
        "中国国家统计局",
    ):
        hit = render_entity(name, "ORG", [], 0.6)
        assert hit is not None and hit.en == "", name
    city = render_entity("台北市", "LOC", [], 0.6)
    assert city is not None and city.type == "place"


def test_org_tails_table_rejects_a_row_without_english() -> None:
    from reader.glossary.org_endings import parse_tails_english

    assert parse_tails_english("tail\ten\treason\n市政府\tCity Government\twhy\n") == {
        "市政府": "City Government"
    }
    with pytest.raises(ValueError, match="x.tsv:1"):
        parse_tails_english("市政府\tCity Government\n", "x.tsv")


def test_a_chinese_name_that_looks_transliterated_keeps_the_dictionary_s_whole_name() -> None:
    """斯 is frequent in transliterations, so 李斯 looked foreign and kept only the last word
    of CC-CEDICT's "Li Si": the English is the name's own pinyin, so it is a Chinese name."""
    hit = render_entity("李斯", "PER", [], 0.9)
    assert hit is not None and hit.en == "Li Si"
    foreign = render_entity("马克思", "PER", [], 0.9)  # a real transliteration: unchanged
    assert foreign is not None and foreign.en == "Karl Marx"


def test_roads_are_rendered_by_their_kind() -> None:
    """A place the recogniser finds that ends in a kind of road: the stem in pinyin and the
    road's English, as Chinese road signs write it; a transliterated stem is left alone."""
    cases = {
        "文化路": "Wenhua Road",
        "漕溪北路": "Caoxi North Road",
        "长安街": "Chang'an Street",
        "世纪大道": "Shiji Avenue",
    }
    for name, english in cases.items():
        hit = render_entity(name, "LOC", [], 0.6)
        assert hit is not None and (hit.en, hit.type) == (english, "place"), name
    foreign = render_entity("罗斯福路", "LOC", [], 0.6)
    assert foreign is not None and foreign.en == ""


def test_a_western_given_name_is_never_pinyin() -> None:
    """乔治 is CC-CEDICT's "George (name)": a transliteration, not a Chinese name "Qiao Zhi"."""
    hit = render_entity("乔治", "PER", [], 0.9)
    assert hit is not None and hit.en == "George"
    chinese = render_entity("王小明", "PER", [], 0.9)
    assert chinese is not None and chinese.en == "Wang Xiaoming"


def test_a_term_cc_cedict_knows_whole_is_not_a_place_plus_a_tail() -> None:
    """龙山文化 is "Longshan culture", not the district 龙山 + 文化 ("Longshan District of
    Liaoyuan City Culture")."""
    hit = render_entity("龙山文化", "ORG", [], 0.9)
    assert hit is not None and hit.en == "Longshan culture"


def test_a_country_s_own_body_or_a_given_name_is_no_term_for_an_organisation() -> None:
    # 国民议会 is a common word ("national parliament") whose first sense is France's
    # Assemblée nationale; 威廉 is "William or Wilhelm (name)": neither names this body
    for name in ("国民议会", "威廉"):
        hit = render_entity(name, "ORG", [], 0.9)
        assert hit is None or hit.en in ("", "National Assembly"), name
