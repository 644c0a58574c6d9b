"""A foreign city shown as a place in a football sentence is its club (reader/glossary/
club_context.py, reader/data/club_context.tsv; DATA.md, sixteenth round). The sentences are
made up for these tests; each club has a place of the same shape that stays a place."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_names_recall import hits

from reader.glossary.club_context import (
    as_club,
    get_club_cues,
    is_a_club,
    parse_club_context,
    spelled_in_pinyin,
)
from reader.model import GlossaryHit


def at(sentence: str, name: str) -> tuple[str, int, int]:
    start = sentence.index(name)
    return sentence, start, start + len(name)


@pytest.mark.parametrize(
    ("sentence", "name", "club"),
    [
        ("罗马客场被对手逼平，三轮未胜。", "罗马", True),  # an away game
        ("上赛季维冈两次输给了对手。", "维冈", True),
        ("升班马希洪主要输在进攻。", "希洪", True),
        ("罗马被对手逼平，三轮未胜。", "罗马", False),  # no football word
        ("本赛季的决赛将在罗马举行。", "罗马", False),  # in the city
        ("上轮罗马德比中主队落后。", "罗马", False),  # the city's derby
        ("进球最多的阿根廷前锋没有上场。", "阿根廷", False),  # a player's nationality
        ("欧洲平均盘口偏向主队。", "欧洲", False),  # a continent
        ("西西里岛已经成了主场球队的福地。", "西西里岛", False),  # an island
        ("本赛季英格兰足总杯决赛推迟。", "英格兰", False),  # the country's cup
        ("本报南特6月14日电 联赛第一轮", "南特", False),  # a newspaper's dateline
        ("球队一直在古巴和美国训练，联赛前回国。", "美国", False),  # training there
        ("主客场方式举办的中国乒乓球俱乐部甲级联赛", "中国", False),  # the country's sport
        # recall9: betting on matches and a score in digits are football writing too
        ("专家推荐：里昂主场可博胆，防平即可。", "里昂", True),
        ("上周六维冈以2比1力克对手。", "维冈", True),
        ("上周六维冈以二比一力克对手。", "维冈", False),  # no digits, no football word
        ("两军在罗马城外以少胜多。", "罗马", False),
    ],
)
def test_a_city_is_its_club_only_in_a_football_sentence(
    sentence: str, name: str, club: bool
) -> None:
    assert is_a_club(*at(sentence, name)) is club


def test_a_football_paragraph_makes_its_cities_clubs() -> None:
    # one match reported in two sentences: the cue is in the next one (recall9)
    first = "周末罗马大胜对手。"
    paragraph = first + "而上轮罗马德比中主队落后。"
    assert not is_a_club(*at(first, "罗马"))
    assert is_a_club(*at(first, "罗马"), paragraph=paragraph)
    # the words around the name still make it the place
    assert not is_a_club(*at("他在罗马住了十年。", "罗马"), paragraph="他在罗马住了十年。本赛季…")


def test_the_pipeline_reads_the_paragraph(cache: Path) -> None:
    assert hits("周末罗马大胜对手。赛后主教练很满意。", {}, cache)["罗马"].type == "org"
    assert hits("周末罗马大胜对手。", {}, cache)["罗马"].type == "place"


def test_traditional_script_reads_the_same_cues() -> None:
    assert is_a_club(*at("羅馬客場被對手逼平。", "羅馬"))


def place(term: str, en: str) -> GlossaryHit:
    return GlossaryHit(0, len(term), term, en, "place", "places.tsv")


def test_a_foreign_city_becomes_an_organisation_with_its_english() -> None:
    sentence = "罗马客场被对手逼平。"
    hit = as_club(place("罗马", "Rome"), *at(sentence, "罗马"), ("luo2", "ma3"))
    assert (hit.type, hit.en, hit.source_file) == ("org", "Rome", "places.tsv")


def test_a_chinese_city_stays_a_place() -> None:
    # Chinese clubs carry a sponsor's name: 成都 alone in a football sentence is the city
    sentence = "成都客场被对手逼平。"
    hit = as_club(place("成都", "Chengdu"), *at(sentence, "成都"), ("cheng2", "du1"))
    assert hit.type == "place"
    assert spelled_in_pinyin("Xi'an", ("xi1", "an1"))
    # CC-CEDICT's English opens with the pinyin: still a Chinese place
    assert spelled_in_pinyin("Yanbian Korean Autonomous Prefecture", ("yan2", "bian1"))
    assert not spelled_in_pinyin("Rome", ("luo2", "ma3"))
    assert not spelled_in_pinyin("Chengdu", (None, None))


def test_a_foreign_city_spelled_like_its_pinyin_is_still_foreign() -> None:
    # 米兰 Milan reads mi3 lan2: GeoNames' foreign city is no Chinese place (recall9)
    sentence = "米兰客场被对手逼平。"
    hit = as_club(place("米兰", "Milan"), *at(sentence, "米兰"), ("mi3", "lan2"))
    assert hit.type == "org"
    # a Chinese city of the same shape stays the city (never in GeoNames' table here)
    sentence = "西安客场被对手逼平。"
    assert as_club(place("西安", "Xi'an"), *at(sentence, "西安"), ("xi1", "an1")).type == "place"


def test_only_places_change() -> None:
    person = GlossaryHit(0, 2, "罗马", "Luo Ma", "person", "people.tsv")
    assert as_club(person, *at("罗马客场被对手逼平。", "罗马")) is person


def test_the_pipeline_shows_the_club(cache: Path) -> None:
    assert hits("罗马客场被对手逼平，三轮未胜。", {}, cache)["罗马"].type == "org"
    assert hits("本赛季的决赛将在罗马举行。", {}, cache)["罗马"].type == "place"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("club-cache")


def test_every_cue_has_a_known_kind_and_a_reason() -> None:
    assert get_club_cues()["sentence"]
    with pytest.raises(ValueError, match="cue, kind, reason"):
        parse_club_context("赛季\tsentence\n")
    with pytest.raises(ValueError, match="cue, kind, reason"):
        parse_club_context("赛季\tanywhere\ta season\n")
    assert parse_club_context("cue\tkind\treason\n赛季\tsentence\ta season\n")["sentence"] == (
        "赛季",
    )
