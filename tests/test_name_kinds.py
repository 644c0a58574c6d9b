"""What a span is when the recogniser's type is wrong (reader/glossary/name_kinds.py, the
thirteenth round) through the false-name screen, on our own sentences: the recogniser's
spans are given directly (no model needed); CC-CEDICT's senses are read as shipped."""

from __future__ import annotations

from test_name_families import Span, kept, spans_of


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
    named += [Span(first, first + 2, "PER", 0.9), Span(second, second + 2, "ORG", 0.6)]
    assert kept(text, named) == [
        ("希波克拉底", "PER"),
        ("八路军", "ORG"),
        ("国际联盟", "ORG"),
        ("索尔", "PER"),
        ("索尔", "PER"),
    ]
