"""An unsure organisation LAC reads as a place plus common nouns ending in a body's word
(加拿大|政府) stays through the false-name screen's disagreement floor (reader/glossary/
place_bodies.py, reader/data/place_body_words.tsv; DATA.md, sixteenth round). Our own
sentences, LAC's analysis written by hand."""

from __future__ import annotations

import pytest
from found_entity import Found

from reader.glossary.name_families import screen
from reader.glossary.place_bodies import get_body_words, parse_body_words, place_headed_body


def org(text: str, name: str, confidence: float = 0.7) -> Found:
    at = text.index(name)
    return Found(at, at + len(name), "ORG", confidence)


def kept(text: str, entity: Found, lac: list[tuple[int, int, str]]) -> list[str]:
    return [text[e.start : e.end] for e in screen([entity], text, lac)]


def test_a_place_and_its_government_stays() -> None:
    text = "他向加拿大政府澄清。"
    lac = [(0, 1, "r"), (1, 2, "p"), (2, 5, "LOC"), (5, 7, "n"), (7, 9, "v"), (9, 10, "w")]
    assert kept(text, org(text, "加拿大政府"), lac) == ["加拿大政府"]


def test_a_place_and_nouns_ending_in_a_centre_stays() -> None:
    text = "武汉市住房保障管理中心负责人称"
    lac = [(0, 3, "LOC"), (3, 5, "n"), (5, 7, "vn"), (7, 9, "vn"), (9, 11, "n"), (11, 13, "v")]
    assert kept(text, org(text, "武汉市住房保障管理中心"), lac) == ["武汉市住房保障管理中心"]


def test_a_body_and_its_centre_stays() -> None:
    text = "招行信用卡中心的工作人员"
    lac = [(0, 2, "ORG"), (2, 5, "n"), (5, 7, "n"), (7, 8, "u"), (8, 12, "n")]
    assert kept(text, org(text, "招行信用卡中心"), lac) == ["招行信用卡中心"]


def test_a_place_and_an_everyday_word_is_still_dropped() -> None:
    # 社会 "society" ends in 会 as 商会 does, but names no body
    text = "只适合乌托邦社会。"
    lac = [(0, 1, "d"), (1, 3, "v"), (3, 6, "LOC"), (6, 8, "n"), (8, 9, "w")]
    assert kept(text, org(text, "乌托邦社会"), lac) == []


def test_a_body_word_after_a_verb_or_a_person_is_still_a_disagreement() -> None:
    text = "加拿大调查政府"
    verb = [(0, 3, "LOC"), (3, 5, "v"), (5, 7, "n")]
    assert not place_headed_body(org(text, text), text, verb)
    text = "李明政府"
    person = [(0, 2, "PER"), (2, 4, "n")]
    assert not place_headed_body(org(text, text), text, person)


def test_a_sure_organisation_never_needed_it_and_a_person_is_not_asked() -> None:
    text = "加拿大政府"
    lac = [(0, 3, "LOC"), (3, 5, "n")]
    assert place_headed_body(org(text, text), text, lac)
    assert not place_headed_body(Found(0, 5, "PER", 0.7), text, lac)


def test_every_body_word_has_a_reason() -> None:
    assert {"政府", "中心", "商会"} <= get_body_words()
    assert "社会" not in get_body_words()
    with pytest.raises(ValueError, match="word, reason"):
        parse_body_words("政府\n")
