"""Names the pipeline used to lose although the recogniser found them (issue 14, sixth round).

A scripted recogniser with the shipped kind of thresholds (shown ORG 0.48, forced ORG 0.98,
PER 0.74 / 0.96) pins each decision: a glossary place inside an organisation yields to it,
a name in Latin letters is shown as written when sure, a sure organisation CC-CEDICT knows as
a place stays an organisation. The sentences are made up for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_names_judge import Ent

from reader.glossary.latin_names import LATIN_NOTE, as_written, is_latin_name, render_latin
from reader.glossary.org_endings import ends_like_an_organisation, parse_endings
from reader.glossary.render_names import render_entity
from reader.model import Block, GlossaryHit, LoadedText, Meta
from reader.pipeline import Options, annotate
from reader.resources import Resources


class Tuned:
    """Entities by substring of the folded sentence the recogniser reads (Latin letters
    lower-cased: {"nba": ("ORG", 0.99)}), with tuned-looking thresholds."""

    thresholds = {"PER": 0.74, "ORG": 0.48, "LOC": 0.56, "PRODUCT": 0.42}
    force_thresholds = {"PER": 0.96, "ORG": 0.98, "LOC": 0.98, "PRODUCT": 0.42}

    def __init__(self, marks: dict[str, tuple[str, float]]) -> None:
        self.marks = marks

    def recognise(self, text, words=None, pos=None, lexicon_spans=None):  # type: ignore[no-untyped-def]
        out = []
        for term, (label, p) in self.marks.items():
            start = text.find(term)
            while start >= 0:
                out.append(Ent(start, start + len(term), label, p))
                start = text.find(term, start + 1)
        return out


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("recall-cache")


def hits(text: str, marks: dict[str, tuple[str, float]], cache: Path) -> dict[str, GlossaryHit]:
    res = Resources(cache_dir=cache, recogniser=Tuned(marks))
    loaded = LoadedText(text=text, blocks=(Block(0, len(text)),), meta=Meta())
    article = annotate(loaded, Options(glossary=res.glossary(use_user=False)), res)
    return {t.text: t.glossary for t in article.tokens() if t.glossary is not None}


# -- a glossary name inside an organisation -----------------------------------------------


def test_a_glossary_place_inside_an_organisation_ending_like_one_yields(cache: Path) -> None:
    text = "去年嘉兴市档案局修订了这份规划。"
    got = hits(text, {"嘉兴市档案局": ("ORG", 0.7)}, cache)
    assert got["嘉兴市档案局"].type == "org"
    assert "嘉兴" not in got and "嘉兴市" not in got
    # not found by the recogniser: the glossary's place stays
    assert hits(text, {}, cache)["嘉兴市"].en == "Jiaxing"


def test_an_unsure_organisation_ending_otherwise_leaves_the_place(cache: Path) -> None:
    text = "专家们到中国南昌调研了三天。"
    unsure = hits(text, {"中国南昌调研": ("ORG", 0.9)}, cache)
    assert unsure["中国"].en == "China"
    # sure enough to force: the recogniser's organisation wins (湖北卫视-like names)
    sure = hits(text, {"中国南昌调研": ("ORG", 0.99)}, cache)
    assert "中国" not in sure


def test_a_glossary_company_inside_a_sure_organisation_yields(cache: Path) -> None:
    text = "阿里巴巴西溪园区食堂今天开业。"
    got = hits(text, {"阿里巴巴西溪园区食堂": ("ORG", 0.99)}, cache)
    assert "阿里巴巴" not in got
    assert got["阿里巴巴西溪园区食堂"].type == "org"


def test_a_glossary_person_inside_an_organisation_stays(cache: Path) -> None:
    got = hits("马云公益基金会今年资助了乡村教师。", {"马云公益基金会": ("ORG", 0.99)}, cache)
    assert got["马云"].en == "Jack Ma"


def test_endings_rows_need_a_reason() -> None:
    assert parse_endings("ending\treason\n局\ta bureau\n") == ("局",)
    with pytest.raises(ValueError, match="ending or tail, reason"):
        parse_endings("局\n", "x.tsv")
    assert ends_like_an_organisation("杭州市政府", ("政府",))
    assert not ends_like_an_organisation("政府", ("政府",))  # the ending alone is no name
    assert not ends_like_an_organisation("中国南昌调研", ("政府", "局"))


# -- names in Latin letters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("NBA", True),
        ("Tim Cook", True),
        ("AT&T", True),
        ("J.P. Morgan", True),
        ("4Kings", True),
        ("ＮＢＡ", True),  # full-width
        ("A", False),  # one letter
        ("2024", False),  # no letters
        ("vet公司", False),  # mixed with Han
        ("库克", False),
    ],
)
def test_latin_names_are_told_apart(name: str, latin: bool) -> None:
    assert is_latin_name(name) == latin


def test_a_latin_name_renders_as_written_never_pinyin() -> None:
    person = render_entity("Tim Cook", "PER", [None] * 8, 0.99)
    assert person is not None
    assert (person.en, person.type, person.forced, person.note) == (
        "Tim Cook",
        "person",
        True,
        LATIN_NOTE,
    )
    org = render_entity("ＮＢＡ", "ORG", [None] * 3, 0.99)
    assert org is not None and (org.en, org.type) == ("NBA", "org")
    assert as_written("ＮＢＡ") == "NBA"
    assert render_latin("NBA", "LOC", 0.99) is None  # places and products: not this rule


def test_a_sure_latin_name_is_shown_and_kept_verbatim_in_mt(cache: Path) -> None:
    from reader.translate.run import sentence_terms

    text = "昨天NBA宣布了新规则，Tim Cook也到场了。"
    res = Resources(
        cache_dir=cache, recogniser=Tuned({"nba": ("ORG", 0.99), "tim cook": ("PER", 0.97)})
    )
    loaded = LoadedText(text=text, blocks=(Block(0, len(text)),), meta=Meta())
    article = annotate(loaded, Options(glossary=res.glossary(use_user=False)), res)
    got = {t.text: t.glossary for t in article.tokens() if t.glossary is not None}
    assert (got["NBA"].en, got["NBA"].type) == ("NBA", "org")
    assert (got["Tim Cook"].en, got["Tim Cook"].type) == ("Tim Cook", "person")
    # forced: the translator gets the name back exactly as written
    sentence = next(iter(article.sentences()))
    protected = {text[t.start : t.end]: t.en for t in sentence_terms(sentence)}
    assert protected["NBA"] == "NBA" and protected["Tim Cook"] == "Tim Cook"


def test_an_unsure_latin_name_is_not_shown(cache: Path) -> None:
    # at the shown-name threshold but below the forcing one: acronyms of no body (GDP, CEO)
    got = hits("昨天NBA宣布了新规则。", {"nba": ("ORG", 0.9)}, cache)
    assert "NBA" not in got
    assert "Tim Cook" not in hits("Tim Cook也到场了。", {"tim cook": ("PER", 0.9)}, cache)


def test_latin_words_the_recogniser_takes_for_persons_are_glossary_products(
    cache: Path,
) -> None:
    # a WeChat post about learning to code: "Python" read as a sure person
    got = hits("我最近在学Python和markdown。", {"python": ("PER", 0.99)}, cache)
    assert (got["Python"].type, got["Python"].en) == ("product", "Python")
    assert got["markdown"].type == "product"


# -- a sure organisation CC-CEDICT knows as a place ---------------------------------------


def test_a_sure_club_named_by_its_city_stays_an_organisation() -> None:
    sure = render_entity("拉齐奥", "ORG", [None] * 3, 0.99, sure=True)
    unsure = render_entity("拉齐奥", "ORG", [None] * 3, 0.9)
    assert sure is not None and unsure is not None
    assert (sure.type, unsure.type) == ("org", "place")
    assert sure.en == unsure.en != ""  # CC-CEDICT's English either way


def test_the_pipeline_asks_the_recogniser_how_sure_a_club_is(cache: Path) -> None:
    # no football word in the sentence (with one, the city is its club whatever the
    # recogniser's confidence: tests/test_club_context.py)
    text = "周六拉齐奥输给了对手。"
    assert hits(text, {"拉齐奥": ("ORG", 0.99)}, cache)["拉齐奥"].type == "org"
    assert hits(text, {"拉齐奥": ("ORG", 0.7)}, cache)["拉齐奥"].type == "place"


# -- a sure organisation written partly in Latin letters or digits ------------------------


@pytest.mark.parametrize(
    ("name", "mixed"),
    [
        ("沙尔克04", True),
        ("steam游戏平台", True),
        ("农商行”", False),
        ("NBA", False),
        ("杭州", False),
    ],
)
def test_mixed_names_are_told_apart(name: str, mixed: bool) -> None:
    from reader.glossary.latin_names import is_mixed_name

    assert is_mixed_name(name) == mixed


def test_a_sure_mixed_organisation_is_shown_and_left_to_the_translator(cache: Path) -> None:
    text = "昨晚steam游戏平台宣布降价。"
    sure = hits(text, {"steam游戏平台": ("ORG", 0.99)}, cache)["steam游戏平台"]
    assert (sure.type, sure.en, sure.forced) == ("org", "", False)  # no pinyin for "steam"
    assert "steam游戏平台" not in hits(text, {"steam游戏平台": ("ORG", 0.9)}, cache)


def test_an_organisation_in_han_and_digits_needs_no_forcing_confidence(cache: Path) -> None:
    # digits need no reading (recall9): shown at the shown-name threshold; Latin letters
    # still ask for the forcing threshold (steam游戏平台 above)
    text = "周末汉诺威96队客场输给了对手。"
    unsure = hits(text, {"汉诺威96队": ("ORG", 0.9)}, cache)["汉诺威96队"]
    assert (unsure.type, unsure.en, unsure.forced) == ("org", "", False)
    assert "steam游戏平台" not in hits(
        "昨晚steam游戏平台宣布降价。", {"steam游戏平台": ("ORG", 0.9)}, cache
    )


def test_latin_letters_are_told_apart() -> None:
    from reader.glossary.latin_names import has_latin_letters

    assert has_latin_letters("steam游戏平台") and has_latin_letters("ＥＡ公司")
    assert not has_latin_letters("汉诺威96队") and not has_latin_letters("３０９医院")


def test_a_company_plus_a_generic_description_keeps_the_glossary_company(cache: Path) -> None:
    """子公司, 主体公司 … after a glossary company describe it: no longer name, even when the
    recogniser is sure of the whole (reader/data/org_generic_tails.tsv)."""
    text = "据悉，阿里巴巴子公司上周宣布了新计划。"
    got = hits(text, {"阿里巴巴子公司": ("ORG", 0.99)}, cache)
    assert got["阿里巴巴"].en == "Alibaba"
    assert "阿里巴巴子公司" not in got
    # a real longer name still takes the company inside it
    named = hits("阿里巴巴影业集团发布了财报。", {"阿里巴巴影业集团": ("ORG", 0.99)}, cache)
    assert "阿里巴巴影业集团" in named and "阿里巴巴" not in named


def test_every_generic_tail_has_a_reason() -> None:
    from reader.glossary.org_endings import get_generic_tails

    with pytest.raises(ValueError, match="reason"):
        parse_endings("tail\treason\n子公司\n", "t.tsv")
    assert {"子公司", "主体公司"} <= get_generic_tails()


def test_a_place_before_a_named_body_keeps_both_names(cache: Path) -> None:
    # the place says where that one newspaper or company is: both names stay, with the
    # glossary's English, where the organisation took CC-CEDICT's "Kyōdō"
    got = hits("据日本共同社报道，会谈持续了两个小时。", {"日本共同社": ("ORG", 0.99)}, cache)
    assert got["日本"].en == "Japan"
    assert got["共同社"].en == "Kyodo News"
    assert "日本共同社" not in got


def test_a_place_before_an_agency_stays_one_organisation(cache: Path) -> None:
    # an agency exists once per place: 嘉兴市 + 档案局 is one body (the test above the
    # endings), whatever the glossary holds for the tail
    got = hits("去年嘉兴市档案局修订了这份规划。", {"嘉兴市档案局": ("ORG", 0.99)}, cache)
    assert "嘉兴市" not in got


def test_a_paragraph_is_its_line_and_bounded_on_one_huge_line() -> None:
    from reader.pipeline import _PARAGRAPH_REACH, _paragraph_of

    text = "第一段。\n罗马大胜切尔西。而上轮罗马德比中。\n第三段。"
    start = text.index("而")
    assert _paragraph_of(text, start, start + 5) == "罗马大胜切尔西。而上轮罗马德比中。"
    one_line = "字" * 50_000
    piece = _paragraph_of(one_line, 25_000, 25_010)
    assert len(piece) == 10 + 2 * _PARAGRAPH_REACH
