"""Foreign names that open with a Chinese surname are left to the translator, not pinyinised
(issue 14: 费利佩 is Felipe, not "Fei Lipei"); Chinese names keep their pinyin."""

from __future__ import annotations

import pytest

from reader.glossary.auto import TRANSLITERATION_NOTE
from reader.glossary.render_names import render_entity
from reader.glossary.transliteration import parse_odds, transliteration_odds


def person(name: str) -> tuple[str, str]:
    hit = render_entity(name, "PER", [None] * len(name), 0.9)
    assert hit is not None
    return hit.en, hit.note


@pytest.mark.parametrize("name", ["费利佩", "霍多夫", "乔戈什", "吉约姆"])
def test_transliterations_with_a_surname_are_left_to_the_translator(name: str):
    assert person(name) == ("", TRANSLITERATION_NOTE)


def test_a_transliteration_cc_cedict_defines_as_a_western_name_gets_it() -> None:
    # 柯林斯 is CC-CEDICT's "Collins (name)": the name in English, never pinyin
    assert person("柯林斯")[0] == "Collins"


@pytest.mark.parametrize(
    ("name", "pinyin"),
    [("张勇", "Zhang Yong"), ("李斌", "Li Bin"), ("雷军", "Lei Jun"), ("王刚", "Wang Gang")],
)
def test_chinese_names_keep_their_pinyin(name: str, pinyin: str):
    assert person(name)[0] == pinyin


def test_the_shipped_table_scores_transliteration_characters_above_given_name_ones():
    odds = transliteration_odds()
    assert odds.score("林斯") > odds.threshold > odds.score("永")
    assert not odds.is_foreign("")


def test_a_broken_table_says_where():
    with pytest.raises(ValueError, match=r"t.tsv:2: bad line"):
        parse_odds("setting\tthreshold\t1\n斯\tlots\n", "t.tsv")
    with pytest.raises(ValueError, match="setting unseen missing"):
        parse_odds("setting\tthreshold\t1\n", "t.tsv")


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("马拉多纳", "Maradona"),
        ("托尔金", "Tolkien"),
        ("维吉尔", "Virgil"),
        ("宋美龄", "Soong Mei-ling"),
    ],
)
def test_a_famous_bearer_s_name_is_written_as_the_article_writes_it(name: str, english: str):
    # a transliterated surname alone stays a surname (the article may mean another
    # Maradona); a Chinese name keeps the dictionary's whole name; an initial's full stop
    # does not end the name (J.R.R. Tolkien)
    assert person(name)[0] == english


@pytest.mark.parametrize(
    ("name", "english", "kind"),
    [("赫尔辛基", "Helsinki", "place"), ("联想", "Lenovo", "org"), ("国会", "", "org")],
)
def test_an_organisation_cc_cedict_knows_otherwise_gets_its_english(
    name: str, english: str, kind: str
):
    # the recogniser's "organisation" is a place CC-CEDICT defines as one, or a company it
    # defines by its trade; a word with one English per country (国会) stays with the MT
    hit = render_entity(name, "ORG", [None] * len(name), 0.9)
    assert hit is not None and (hit.en, hit.type) == (english, kind)
