"""Persons from Hong Kong written as Hong Kong writes them (reader/glossary/hong_kong.py,
reader/glossary/origin.py). The expected spellings are how these people's names are
registered (public figures, so the spelling can be checked); the rules know none of them."""

from __future__ import annotations

import pytest

from reader.glossary.hong_kong import hk_person, hk_syllable, parse_surnames
from reader.glossary.origin import article_origin, person_romanisation
from reader.glossary.render_names import render_entity
from reader.model import Romanisation


@pytest.mark.parametrize(
    ("name", "surname_len", "expected"),
    [
        ("陳大文", 1, "Chan Tai-man"),  # Hong Kong's "John Doe"
        ("李家超", 1, "Lee Ka-chiu"),  # aa → a, c → ch
        ("張國榮", 1, "Cheung Kwok-wing"),  # gw → kw
        ("曾蔭權", 1, "Tsang Yam-kuen"),  # j → y, yun → uen
        ("許冠傑", 1, "Hui Koon-kit"),  # un → oon
        ("梁振英", 1, "Leung Chun-ying"),  # the short a after z is u
        ("李嘉誠", 1, "Lee Ka-shing"),  # s → sh before ing
        ("霍英東", 1, "Fok Ying-tung"),  # d → t
        ("黃之鋒", 1, "Wong Chi-fung"),  # zi → chi
        ("何韻詩", 1, "Ho Wan-sze"),  # si → sze
        ("劉德華", 1, "Lau Tak-wah"),  # 華 is Wah
        ("歐陽震華", 2, "Au Yeung Chun-wah"),  # a compound surname, by custom
        ("林鄭月娥", 1, "Lam Cheng Yuet-ngo"),  # a married woman's two surnames
    ],
)
def test_government_style_cantonese(name: str, surname_len: int, expected: str) -> None:
    assert hk_person(name, surname_len) == expected


def test_jyutping_syllables_and_what_is_none() -> None:
    assert [hk_syllable(s) for s in ("gwok3", "zoeng1", "ceoi4", "seon3", "ng4")] == [
        "kwok",
        "cheung",
        "tsui",
        "shun",
        "ng",
    ]
    assert hk_syllable("xyz") is None
    # a character without a Cantonese reading: no guess, the caller keeps pinyin
    assert hk_person("陳大文", 1, readings=["can4", None, "man4"]) is None


def test_surname_rows_need_a_reason() -> None:
    assert parse_surnames("surname\tspelling\treason\n周\tChow\tby custom\n") == {"周": "Chow"}
    with pytest.raises(ValueError, match="bad row"):
        parse_surnames("周\tChow\n")


def test_an_article_from_hong_kong_gets_its_romanisation() -> None:
    texts = ["香港警務處今日表示，旺角有一名男子被捕。", "立法會議員陳家豪接受訪問。"]
    assert article_origin(texts, "traditional") == "hongkong"
    assert person_romanisation(Romanisation.AUTO, texts, "traditional") is (Romanisation.HONG_KONG)
    # Simplified script or a Taiwanese article: not Hong Kong's
    assert article_origin(texts, "simplified") == ""
    assert article_origin(["台北市政府與高雄市政府合作。"] * 2, "traditional") == "taiwan"
    hit = render_entity("陳家豪", "PER", [], 0.99, True, Romanisation.HONG_KONG)
    assert hit is not None and hit.en == "Chan Ka-ho"


def test_an_article_about_japan_or_korea_leaves_its_persons_to_the_translator() -> None:
    texts = ["日本首相石破茂在东京表示，日本将加强防卫。", "自民党干事长森山裕表示支持。"]
    assert article_origin(texts, "simplified") == "japan"
    assert person_romanisation(Romanisation.AUTO, texts, "simplified") is (Romanisation.TRANSLATOR)
    assert article_origin(["韩国总统在首尔会见了来访的朝鲜代表。"], "simplified") == "korea"
    # named once or twice in passing: a mainland article keeps pinyin
    assert article_origin(["中国和日本的贸易额增长了。"], "simplified") == ""
    hit = render_entity("林芳正", "PER", [], 0.99, True, Romanisation.TRANSLATOR)
    assert hit is not None and hit.en == "" and hit.type == "person"
