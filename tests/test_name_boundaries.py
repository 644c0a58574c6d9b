"""Wrong edges of a name (reader/glossary/name_boundaries.py) through the false-name screen,
on our own sentences: the recogniser's spans are given directly (no model needed)."""

from __future__ import annotations

from found_entity import Found
from test_name_families import kept, spans_of


def test_a_three_character_given_name_loses_the_word_it_ran_into() -> None:
    text = "后来陈国强娶周建平妹为妻，吴立新代刘明为太守。"
    named = spans_of(
        text, ("陈国强", "PER", 0.99), ("周建平妹", "PER", 0.9), ("吴立新代", "PER", 0.9)
    )
    assert kept(text, named) == [("陈国强", "PER"), ("周建平", "PER"), ("吴立新", "PER")]


def test_four_characters_stay_a_name_when_foreign_or_of_a_compound_surname() -> None:
    text = "贝克汉姆与欧阳伯之和司马相如之女见面。"
    named = spans_of(text, ("贝克汉姆", "PER", 0.99), ("欧阳伯之", "PER", 0.9))
    assert kept(text, named) == [("贝克汉姆", "PER"), ("欧阳伯之", "PER")]


def test_an_age_after_a_name_is_no_part_of_it() -> None:
    text = "永平元年，刘秀年六十二岁去世，王永年说过此事。"
    named = spans_of(text, ("刘秀年", "PER", 0.9), ("王永年", "PER", 0.95))
    assert kept(text, named) == [("刘秀", "PER"), ("王永年", "PER")]


def test_a_piece_of_a_place_word_is_that_place() -> None:
    text = "他生于纽约州肖托夸县的一个镇，李白故里在此。"
    at = text.index("肖托夸县")
    lac = [(at - 3, at, "LOC"), (at, at + 4, "LOC")]
    named = spans_of(text, ("肖托", "PER", 0.9), ("李白", "PER", 0.99))
    assert kept(text, named, lac) == [("肖托夸县", "LOC"), ("李白", "PER")]


def test_a_nations_armed_forces_are_no_organisation() -> None:
    text = "新加坡武装部队与中国人民解放军举行演习。"
    named = spans_of(text, ("新加坡武装部队", "ORG", 0.9), ("中国人民解放军", "ORG", 0.99))
    assert kept(text, named) == [("中国人民解放军", "ORG")]


def test_a_place_named_again_in_the_sentence_is_still_a_place() -> None:
    text = "它位于肖托夸县，地处肖托夸县东端；新济布科夫区的中心为新济布科夫。"
    first, second = text.index("肖托夸县"), text.rindex("肖托夸县")
    district = text.index("新济布科夫区")
    lac = [
        (first, first + 4, "LOC"),
        (second, second + 2, "PER"),
        (district, district + 6, "LOC"),
    ]
    at = text.rindex("新济布科夫")
    named = [Found(second, second + 2, "PER", 0.9), Found(at, at + 5, "ORG", 0.9)]
    assert kept(text, named, lac) == [("肖托夸县", "LOC"), ("新济布科夫", "LOC")]


def test_a_leaders_troops_are_the_leader() -> None:
    text = "唐军再败阿史那余部，中国人民解放军南下。"
    named = spans_of(text, ("阿史那余部", "ORG", 0.9), ("中国人民解放军", "ORG", 0.99))
    assert kept(text, named) == [("阿史那", "PER"), ("中国人民解放军", "ORG")]


def test_a_death_after_a_name_is_no_part_of_it() -> None:
    text = "次年，韩延卒，其子欧阳卒与王卒成同往。"
    named = spans_of(text, ("韩延卒", "PER", 0.9), ("王卒成", "PER", 0.9))
    assert kept(text, named) == [("韩延", "PER"), ("王卒成", "PER")]


def test_a_person_and_his_soldiers_is_the_person_a_name_in_jun_alone_is_not() -> None:
    # fourteenth round: 田丰兵攻打益都 … 击破田丰 "Tian Feng's soldiers attacked …"
    text = "孙坚兵攻打益都，王信击破孙坚；张建军与彭小兵同来。"
    first, later = text.index("孙坚兵"), text.rindex("孙坚")
    named = [Found(first, first + 3, "PER", 0.9), Found(later, later + 2, "PER", 0.95)]
    named += spans_of(text, ("张建军", "PER", 0.95), ("彭小兵", "PER", 0.95))
    assert kept(text, named) == [
        ("孙坚", "PER"),
        ("孙坚", "PER"),
        ("张建军", "PER"),
        ("彭小兵", "PER"),
    ]


def test_a_transfer_after_a_three_character_given_name_is_no_part_of_it() -> None:
    text = "一年后，韦渠牟迁任太府卿。"
    assert kept(text, spans_of(text, ("韦渠牟迁", "PER", 0.9))) == [("韦渠牟", "PER")]
