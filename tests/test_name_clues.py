"""Clues that tell what a span is (reader/glossary/name_clues.py, the sixteenth round)
through the false-name screen, on our own sentences: the recogniser's spans are given
directly (no model needed); CC-CEDICT's senses and the world-places table are read as
shipped. Each family has a real name of the same shape beside it that stays."""

from __future__ import annotations

import pytest
from found_entity import Found
from test_name_families import kept, spans_of

from reader.glossary.name_clues import parse_clues


def test_a_surname_and_a_title_of_address_is_no_person_a_given_name_is() -> None:
    text = "王将军带着朱太尉来访，王将凯和朱太文也在，付小姐在车上。"
    named = spans_of(
        text,
        ("王将军", "PER", 0.99),
        ("朱太尉", "PER", 0.98),
        ("王将凯", "PER", 0.99),
        ("朱太文", "PER", 0.99),
        ("付小姐", "PER", 0.97),
    )
    # 付小姐 "Ms. Fu" is a titled person (person_titles.tsv renders it)
    assert kept(text, named) == [("王将凯", "PER"), ("朱太文", "PER"), ("付小姐", "PER")]


def test_a_prince_after_an_organisation_is_a_person_a_body_ending_so_is_not() -> None:
    text = "主席威廉王子出席，北京大学王子楠讲话。"
    named = spans_of(text, ("威廉", "ORG", 0.9), ("北京大学", "ORG", 0.99))
    assert kept(text, named) == [("威廉", "PER"), ("北京大学", "ORG")]


def test_a_company_cedict_knows_is_an_organisation_a_person_it_knows_stays() -> None:
    text = "由于米高梅出现财政问题，迪士尼亲自出面。"
    named = spans_of(text, ("米高梅", "PER", 0.88), ("迪士尼", "PER", 0.9))
    assert kept(text, named) == [("米高梅", "ORG"), ("迪士尼", "PER")]


def test_a_religion_cedict_knows_is_no_name_a_person_ending_in_jiao_is() -> None:
    text = "拜火教曾是波斯的国教，王立教也信它。"
    named = spans_of(text, ("拜火教", "PER", 0.84), ("王立教", "PER", 0.95))
    assert kept(text, named) == [("王立教", "PER")]


def test_a_nations_forces_and_a_unit_are_no_body_a_named_fleet_is() -> None:
    text = "没有日军舰队能溜进港口，北洋舰队困守威海卫。"
    named = spans_of(text, ("日军舰队", "ORG", 0.99), ("北洋舰队", "ORG", 0.99))
    assert kept(text, named) == [("北洋舰队", "ORG")]


def test_another_name_of_a_species_is_no_person_outside_such_an_article_it_is() -> None:
    text = "山葛（学名：）又名葛麻姆，为豆科葛藤属下的一个种。"
    assert kept(text, spans_of(text, ("葛麻姆", "PER", 0.99))) == []
    text = "他的女儿又名葛丽丝，生于伦敦。"
    assert kept(text, spans_of(text, ("葛丽丝", "PER", 0.99))) == [("葛丽丝", "PER")]


def test_a_reign_period_in_arabic_numerals_is_no_name_a_person_before_years_is() -> None:
    text = "嘉庆19年（1814年），王伟3年前来过此地。"
    named = spans_of(text, ("嘉庆", "ORG", 0.54), ("王伟", "PER", 0.99))
    assert kept(text, named) == [("王伟", "PER")]


def test_a_ruler_run_into_his_reign_period_is_a_person_whatever_the_type() -> None:
    text = "汉献帝建安十七年，曹操西征。"
    assert kept(text, spans_of(text, ("汉献帝建安", "ORG", 0.6))) == [("汉献帝", "PER")]


def test_a_name_cut_inside_the_same_name_of_the_sentence_is_made_whole() -> None:
    text = "阁罗凤投靠吐蕃，赞普赐予阁罗凤封号；罗凤英另有其人。"
    first, cut = text.index("阁罗凤"), text.rindex("阁罗凤") + 1
    other = text.index("罗凤英")
    named = [
        Found(first, first + 3, "PER", 0.99),
        Found(cut, cut + 2, "PER", 0.91),
        Found(other, other + 3, "PER", 0.99),
    ]
    assert kept(text, named) == [("阁罗凤", "PER"), ("阁罗凤", "PER"), ("罗凤英", "PER")]


def test_a_person_cut_inside_a_city_of_the_world_is_that_city() -> None:
    text = "大学位于内夫谢希尔的北部，谢希尔曼教授在那里任教。"
    named = spans_of(text, ("谢希尔", "PER", 0.97), ("谢希尔曼", "PER", 0.97))
    assert kept(text, named) == [("内夫谢希尔", "LOC"), ("谢希尔曼", "PER")]


def test_a_leaders_generals_are_the_leader_a_ministry_that_will_act_stays() -> None:
    text = "韩游瑰部将请求相助，韩游瑰不许；国防部将举行演习。"
    named = spans_of(text, ("韩游瑰部", "ORG", 0.93), ("国防部", "ORG", 0.99))
    second = text.rindex("韩游瑰")
    lac = [(second, second + 3, "PER")]
    assert kept(text, named, lac) == [("韩游瑰", "PER"), ("国防部", "ORG")]


def test_an_office_alone_is_no_person_a_person_after_it_is() -> None:
    text = "汉殇帝任命黄门侍郎邓悝为虎贲中郎将。"
    named = spans_of(text, ("黄门侍郎", "PER", 0.9), ("邓悝", "PER", 0.99))
    assert kept(text, named) == [("邓悝", "PER")]


def test_a_fiefs_title_before_its_bearer_is_no_name_alone_it_stays() -> None:
    text = "还未出发，楚王司马玮作乱；申侯联合缯国。"
    named = spans_of(text, ("楚王", "PER", 0.83), ("申侯", "PER", 0.95))
    bearer = text.index("司马玮")
    lac = [(bearer, bearer + 3, "PER")]
    assert kept(text, named, lac) == [("申侯", "PER")]


def test_a_persons_class_is_the_person_when_lac_reads_them_apart() -> None:
    text = "最终，汪苏泷班获得称号，王小班也在场。"
    named = spans_of(text, ("汪苏泷班", "PER", 0.76), ("王小班", "PER", 0.99))
    at = text.index("汪苏泷")
    lac = [(at, at + 3, "PER"), (at + 3, at + 4, "n")]
    assert kept(text, named, lac) == [("汪苏泷", "PER"), ("王小班", "PER")]


def test_a_span_run_into_a_set_phrase_is_cut_before_it() -> None:
    text = "安史之乱是唐由盛转衰的转折点，王由盛先生也这样说。"
    named = spans_of(text, ("唐由盛", "PER", 0.99), ("王由盛", "PER", 0.99))
    assert kept(text, named) == [("王由盛", "PER")]


def test_a_classical_pronoun_and_an_adverb_is_no_person_a_surname_and_name_is() -> None:
    text = "汝今独得此二字，汝南的汝今明来信。"
    first = text.index("汝今")
    other = text.index("汝今明")
    named = [Found(first, first + 2, "PER", 0.8), Found(other, other + 3, "PER", 0.99)]
    assert kept(text, named) == [("汝今明", "PER")]


def test_a_storm_slowed_in_a_sentence_of_storms_is_no_person() -> None:
    text = "风暴北侧的高压脊减弱，促使伊莱亚娜的前进速度放缓。"
    assert kept(text, spans_of(text, ("伊莱亚娜", "PER", 0.91))) == []
    text = "会议拖延，促使伊莱亚娜的前进速度放缓。"
    assert kept(text, spans_of(text, ("伊莱亚娜", "PER", 0.91))) == [("伊莱亚娜", "PER")]


def test_a_region_an_office_is_named_after_is_a_place_a_person_is_not() -> None:
    text = "朵甘思属吐蕃等路宣慰使司都元帅府，又被称为朵甘思宣慰司，李明任职于此。"
    named = spans_of(text, ("朵甘思", "PER", 0.97), ("李明", "PER", 0.99))
    assert kept(text, named) == [("朵甘思", "LOC"), ("李明", "PER")]


def test_a_foreign_name_and_people_is_a_people_a_spokesman_is_not() -> None:
    text = "有人说，伊特鲁里亚人早在公元前就用牙桥；马克思人在伦敦。"
    named = spans_of(text, ("伊特鲁里亚", "PER", 0.94), ("马克思", "PER", 0.99))
    at = text.index("人早")
    assert kept(text, named, [(at, at + 1, "n")]) == [("马克思", "PER")]
    assert kept(text, named, [(at, at + 2, "n")]) == [("伊特鲁里亚", "PER"), ("马克思", "PER")]


def test_every_title_of_address_is_one_no_titled_person_is_rendered_by() -> None:
    from reader.glossary.name_clues import get_clues
    from reader.glossary.person_titles import get_titles

    assert get_clues().addresses and not get_clues().addresses & set(get_titles())


def test_a_bad_row_is_refused() -> None:
    with pytest.raises(ValueError, match="bad name-clue row"):
        parse_clues("address\t将军\n")


def test_one_of_the_nine_ministers_or_a_guard_office_alone_is_no_person() -> None:
    # seventeenth round (name_words.tsv office rows): the person follows the office
    text = "鸿胪卿周成病逝后，虎贲郎李勇护驾，赵监督叫来赵监文。"
    named = spans_of(
        text,
        ("鸿胪卿", "PER", 0.9),
        ("周成", "PER", 0.99),
        ("虎贲郎", "PER", 0.99),
        ("李勇", "PER", 0.99),
        ("赵监督", "PER", 0.9),
        ("赵监文", "PER", 0.99),
    )
    assert kept(text, named) == [("周成", "PER"), ("李勇", "PER"), ("赵监文", "PER")]


def test_a_foreign_people_inside_the_span_is_no_person_a_chinese_name_in_ren_is() -> None:
    text = "哥特人和阿瓦尔人先后南下，陈树人写过此事。"
    named = spans_of(text, ("阿瓦尔人", "PER", 0.9), ("陈树人", "PER", 0.99))
    assert kept(text, named) == [("陈树人", "PER")]


def test_a_fiefs_king_run_into_its_bearer_is_the_bearer_a_wang_after_a_place_stays() -> None:
    text = "众人挟持燕王慕容德，北上；会上，上海王林发言。"
    named = spans_of(text, ("王慕容德", "PER", 0.85), ("王林", "PER", 0.98))
    title, place = text.index("燕王"), text.index("上海")
    lac = [(title, title + 2, "n"), (place, place + 2, "LOC"), (place + 2, place + 4, "PER")]
    assert kept(text, named, lac) == [("慕容德", "PER"), ("王林", "PER")]


def test_a_king_and_one_character_of_a_ruling_house_is_no_person() -> None:
    # 王刘 of 济北康王刘宽: the house's surname is borne by the sentence's other persons
    text = "刘平是济北康王刘宽之孙，刘安之弟。"
    named = spans_of(text, ("刘平", "PER", 0.99), ("王刘", "PER", 0.8), ("刘安", "PER", 0.99))
    house = text.index("济北康")
    lac = [(house, house + 3, "PER")]
    assert kept(text, named, lac) == [("刘平", "PER"), ("刘安", "PER")]
    alone = "会上，上海王刘发言。"
    at = alone.index("上海")
    lac = [(at, at + 2, "LOC")]
    assert kept(alone, spans_of(alone, ("王刘", "PER", 0.8)), lac) == [("王刘", "PER")]


def test_a_band_cedict_knows_is_an_organisation() -> None:
    # seventeenth round: 披头士 "the Beatles (music band)"
    text = "那年披头士去了印度，列侬写了几首歌。"
    named = spans_of(text, ("披头士", "PER", 0.95), ("列侬", "PER", 0.99))
    assert kept(text, named) == [("披头士", "ORG"), ("列侬", "PER")]


def test_a_foreign_people_lac_reads_as_a_noun_is_no_body_a_club_it_names_is() -> None:
    # seventeenth round: 日尔曼人 typed an organisation
    text = "这首史诗出自阿瓦尔人之手，阿瓦尔人队主场获胜。"
    first = text.index("阿瓦尔人")
    club = text.index("阿瓦尔人队")
    named = [Found(first, first + 4, "ORG", 0.8), Found(club, club + 4, "ORG", 0.8)]
    lac = [(first, first + 4, "nz"), (club, club + 4, "ORG")]
    assert kept(text, named, lac) == [("阿瓦尔人", "ORG")]
    assert screen_starts(text, named, lac) == [club]


def screen_starts(text: str, named: list[Found], lac: list[tuple[int, int, str]]) -> list[int]:
    from reader.glossary.name_families import screen

    return [e.start for e in screen(named, text, lac)]
