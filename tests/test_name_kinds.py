"""What a span is when the recogniser's type is wrong (reader/glossary/name_kinds.py, the
thirteenth round) through the false-name screen, on our own sentences: the recogniser's
spans are given directly (no model needed); CC-CEDICT's senses are read as shipped."""

from __future__ import annotations

from found_entity import Found
from test_name_families import kept, spans_of


def test_a_pagoda_is_a_place_but_a_person_of_the_same_shape_is_not() -> None:
    text = "寺内建有吴山塔，韩凤楼、科琳塔与杨小塔一同参观。"
    named = spans_of(
        text,
        ("吴山塔", "PER", 0.8),
        ("韩凤楼", "PER", 0.95),
        ("科琳塔", "PER", 0.9),
        ("杨小塔", "PER", 0.9),
    )
    assert kept(text, named) == [
        ("吴山塔", "LOC"),
        ("韩凤楼", "PER"),
        ("科琳塔", "PER"),
        ("杨小塔", "PER"),
    ]


def test_a_dynasty_and_its_reign_period_is_no_person_a_surname_before_years_is() -> None:
    text = "唐贞观元年，他出任刺史；宋小明三年前来过。"
    named = spans_of(text, ("唐贞观", "PER", 0.9), ("宋小明", "PER", 0.95))
    assert kept(text, named) == [("宋小明", "PER")]


def test_a_dynasty_cedict_knows_is_no_person_a_person_of_that_dynasty_is() -> None:
    text = "刘宋末年，李自成起兵。"
    named = spans_of(text, ("刘宋", "PER", 0.9), ("李自成", "PER", 0.99))
    assert kept(text, named) == [("李自成", "PER")]


def test_an_organisation_known_by_a_lifetime_or_named_a_person_nearby_is_a_person() -> None:
    text = "希波克拉底提出四体液说；八路军开赴前线，国际联盟解散；索尔的锤子，索尔举起了它。"
    named = spans_of(
        text, ("希波克拉底", "ORG", 0.7), ("八路军", "ORG", 0.9), ("国际联盟", "ORG", 0.9)
    )
    first, second = text.index("索尔"), text.rindex("索尔")
    named += [Found(first, first + 2, "PER", 0.9), Found(second, second + 2, "ORG", 0.6)]
    assert kept(text, named) == [
        ("希波克拉底", "PER"),
        ("八路军", "ORG"),
        ("国际联盟", "ORG"),
        ("索尔", "PER"),
        ("索尔", "PER"),
    ]


# fourteenth round (DATA.md "Fourteenth round")


def test_an_organisation_with_a_relative_or_beside_persons_is_a_person() -> None:
    text = "移民局违背埃林父亲的要求，把埃林送回；微软父亲节促销。"
    named = spans_of(text, ("移民局", "ORG", 0.9), ("埃林", "ORG", 0.6), ("微软", "ORG", 0.9))
    later = text.rindex("埃林")
    named.insert(2, Found(later, later + 2, "ORG", 0.6))
    assert kept(text, named) == [
        ("移民局", "ORG"),
        ("埃林", "PER"),
        ("埃林", "PER"),
        ("微软", "ORG"),
    ]


def test_a_transliteration_listed_among_persons_is_one_a_firm_beside_one_is_not() -> None:
    text = "俄瑞斯忒斯、厄勒克特拉、克吕泰涅斯特拉都不是傀儡；耐克、乔丹签约。"
    named = spans_of(
        text,
        ("俄瑞斯忒斯", "ORG", 0.6),
        ("厄勒克特拉", "PER", 0.9),
        ("克吕泰涅斯特拉", "PER", 0.9),
        ("耐克", "ORG", 0.9),
        ("乔丹", "PER", 0.99),
    )
    assert kept(text, named) == [
        ("俄瑞斯忒斯", "PER"),
        ("厄勒克特拉", "PER"),
        ("克吕泰涅斯特拉", "PER"),
        ("耐克", "ORG"),
        ("乔丹", "PER"),
    ]


def test_chemical_elements_are_no_name_a_surname_before_one_is() -> None:
    text = "铱锇钌都是催化剂，金钢参观了工厂。"
    named = spans_of(text, ("铱锇钌", "PER", 0.8), ("金钢", "PER", 0.9))
    assert kept(text, named) == [("金钢", "PER")]


def test_a_dynasty_and_the_word_dynasty_is_no_person_a_given_name_in_it_is() -> None:
    text = "梁朝散骑常侍上奏，越南李朝求助，王朝阳与李超同行。"
    named = spans_of(
        text,
        ("梁朝", "PER", 0.8),
        ("李朝", "PER", 0.8),
        ("王朝阳", "PER", 0.95),
        ("李超", "PER", 0.95),
    )
    assert kept(text, named) == [("王朝阳", "PER"), ("李超", "PER")]


def test_a_pass_is_a_place_a_writer_without_a_surname_is_not() -> None:
    text = "龙王要黄沙关送上童男童女，月关写了小说。"
    named = spans_of(text, ("黄沙关", "PER", 0.8), ("月关", "PER", 0.9))
    assert kept(text, named) == [("黄沙关", "LOC"), ("月关", "PER")]


def test_a_kingdom_cedict_knows_is_no_person_its_emperor_is() -> None:
    # seventeenth round: 曹魏 "Cao Wei, the most powerful of the Three Kingdoms, …"
    text = "曹魏派使者封他为氐王，曹丕随后称帝。"
    named = spans_of(text, ("曹魏", "PER", 0.99), ("曹丕", "PER", 0.99))
    assert kept(text, named) == [("曹丕", "PER")]
