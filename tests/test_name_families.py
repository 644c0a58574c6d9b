"""Families of false names (reader/glossary/name_families.py), on our own sentences.

Unit checks give the screen a recogniser's spans directly (no model needed); the pipeline
checks run the shipped recogniser and show that real names beside each family stay names.
"""

from __future__ import annotations

import pytest
from found_entity import Found

from reader.glossary.name_families import parse_families, screen
from reader.model import Block, LoadedText, Meta
from reader.pipeline import Options, annotate
from reader.resources import Resources


def spans_of(text: str, *named: tuple[str, str, float]) -> list[Found]:
    out = []
    for name, kind, confidence in named:
        at = text.index(name)
        out.append(Found(at, at + len(name), kind, confidence))
    return out


def kept(text: str, named: list[Found], lac=None) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(text[e.start : e.end], e.type) for e in screen(named, text, lac)]


def test_reign_periods_are_not_names_but_a_person_before_years_is() -> None:
    text = "崇德元年，皇太极封其长子。嘉庆八年二月下诏。王小明十年前来过。"
    named = spans_of(text, ("崇德", "ORG", 0.7), ("嘉庆", "ORG", 0.7), ("王小明", "PER", 0.99))
    assert kept(text, named) == [("王小明", "PER")]


def test_a_ruler_run_into_his_reign_period_keeps_the_ruler() -> None:
    text = "南朝宋文帝元嘉四年，他出任太守。"
    assert kept(text, spans_of(text, ("宋文帝元嘉", "PER", 0.95))) == [("宋文帝", "PER")]


def test_relations_and_titles_after_a_surname_are_not_names() -> None:
    text = "陈母才得知郭神父和陈公博的事。"
    named = spans_of(text, ("陈母", "PER", 1.0), ("郭神父", "PER", 0.97), ("陈公博", "PER", 1.0))
    assert kept(text, named) == [("陈公博", "PER")]  # 公博 is a given name


def test_a_religion_is_no_person_an_emperor_with_a_reign_is() -> None:
    text = "巴哈伊信仰在伊朗受到迫害，孙权下诏。"
    named = spans_of(text, ("巴哈伊", "PER", 1.0), ("孙权", "PER", 0.98))
    assert kept(text, named) == [("孙权", "PER")]


def test_a_place_typed_as_a_person_becomes_a_place() -> None:
    text = "英军在加兹尼得到了补给，马克思写道。"
    named = spans_of(text, ("加兹尼", "PER", 0.93), ("马克思", "PER", 0.99))
    assert kept(text, named) == [("加兹尼", "LOC"), ("马克思", "PER")]


def test_a_country_typed_as_an_unsure_organisation_is_a_place_a_sure_club_stays() -> None:
    text = "立陶宛宣布独立。热那亚本赛季主场全胜。"
    lac = [(0, 3, "LOC"), (3, 5, "v"), (8, 11, "LOC"), (11, 14, "r")]
    named = spans_of(text, ("立陶宛", "ORG", 0.96), ("热那亚", "ORG", 0.99))
    assert kept(text, named, lac) == [("立陶宛", "LOC"), ("热那亚", "ORG")]


def test_an_organisation_lac_sees_no_name_in_needs_more_confidence() -> None:
    text = "农商行发放贷款。"
    no_name = [(0, 3, "n"), (3, 5, "v")]
    lac_org = [(0, 3, "ORG"), (3, 5, "v")]
    assert kept(text, spans_of(text, ("农商行", "ORG", 0.8)), no_name) == [("农商行", "ORG")]
    cut = [(0, 2, "ORG"), (2, 5, "n")]  # LAC's name cuts across the span
    assert kept(text, spans_of(text, ("农商行", "ORG", 0.8)), cut) == []
    assert kept(text, spans_of(text, ("农商行", "ORG", 0.8)), lac_org) == [("农商行", "ORG")]
    assert kept(text, spans_of(text, ("农商行", "ORG", 0.95)), cut) == [("农商行", "ORG")]
    # without LAC's analysis (the fast recogniser) the rule does not apply
    assert kept(text, spans_of(text, ("农商行", "ORG", 0.8)), None) == [("农商行", "ORG")]


def test_persons_need_no_agreement() -> None:
    text = "记者陈雷柱报道。"
    lac = [(0, 2, "n"), (2, 5, "n"), (5, 7, "v")]
    assert kept(text, spans_of(text, ("陈雷柱", "PER", 0.8)), lac) == [("陈雷柱", "PER")]


def test_a_bad_row_names_the_file_and_line() -> None:
    with pytest.raises(ValueError, match=r"families.tsv:2: bad name-family row"):
        parse_families("kind\tvalue\treason\nkin\n", "families.tsv")
    with pytest.raises(ValueError, match="not a number"):
        parse_families("setting\tdisagreement_floor_ORG\thigh\twhy\n", "families.tsv")


def test_pipeline_families_and_their_real_neighbours(names_in) -> None:  # type: ignore[no-untyped-def]
    found = names_in("陈母才得知秦父竟是杀夫仇人，仆射窦易直说宋申锡当诛。")
    assert "陈母" not in found and "秦父" not in found
    assert found.get("宋申锡") == "person"
    found = names_in("巴哈伊信仰在伊朗受到迫害。")
    assert "巴哈伊" not in found and found.get("伊朗") == "place"
    found = names_in("英军在加兹尼得到了大量补给，孙权下诏。")
    assert found.get("加兹尼") == "place" and found.get("孙权") == "person"
    found = names_in("立陶宛宣布独立后，苏联派兵镇压。")
    assert found.get("立陶宛") in (None, "place") and found.get("苏联") in (None, "place")


def test_pipeline_auto_name_hits_sit_on_their_tokens(names_in) -> None:  # type: ignore[no-untyped-def]
    resources = Resources()
    text = "他说，王小明和李白都来了。"
    loaded = LoadedText(text=text, blocks=(Block(0, len(text)),), meta=Meta())
    article = annotate(loaded, Options(glossary=resources.glossary(use_user=False)), resources)
    named = [t for t in article.tokens() if t.glossary is not None]
    assert named and all((t.glossary.start, t.glossary.end) == (t.start, t.end) for t in named)


def test_a_nations_forces_are_no_organisation_a_named_army_is() -> None:
    text = "日军与瑞军交战，红军和新军赶到，王军来了。"
    named = spans_of(
        text,
        ("日军", "ORG", 0.9),
        ("瑞军", "ORG", 0.99),
        ("红军", "ORG", 0.99),
        ("新军", "ORG", 0.99),
        ("王军", "PER", 0.99),
    )
    assert kept(text, named) == [("红军", "ORG"), ("新军", "ORG"), ("王军", "PER")]


def test_a_people_is_no_organisation() -> None:
    text = "鲜卑与匈奴交战，北约发表声明。"
    named = spans_of(text, ("鲜卑", "ORG", 0.9), ("匈奴", "ORG", 0.9), ("北约", "ORG", 0.99))
    assert kept(text, named) == [("北约", "ORG")]


def test_names_a_dictionary_lists_are_not_asked_for_agreement() -> None:
    text = "农商行发放贷款。"
    cut = [(0, 2, "ORG"), (2, 5, "n")]
    named = spans_of(text, ("农商行", "ORG", 0.8))
    assert [(e.start, e.end) for e in screen(named, text, cut, agreement=False)] == [(0, 3)]


def test_a_person_said_to_be_a_place_is_a_place_a_known_person_is_not() -> None:
    text = "大学迁至贝桑松。袁豹，陈郡阳夏（今河南太康）人。他抵达马克思故居。"
    named = spans_of(
        text,
        ("贝桑松", "PER", 0.99),
        ("袁豹", "PER", 0.99),
        ("陈郡阳夏", "PER", 1.0),
        ("马克思", "PER", 0.99),
    )
    assert kept(text, named) == [
        ("贝桑松", "LOC"),
        ("袁豹", "PER"),
        ("陈郡阳夏", "LOC"),
        ("马克思", "PER"),  # CC-CEDICT knows the person
    ]


def test_a_name_run_on_into_a_verb_keeps_the_person_before_it() -> None:
    text = "蓝天蔚率北伐军登陆，窦宪兴兵北伐，率土之滨。"
    named = spans_of(text, ("蓝天蔚率北伐军", "ORG", 0.95), ("窦宪兴兵", "PER", 0.89))
    assert kept(text, named) == [("蓝天蔚", "PER"), ("窦宪", "PER")]
    text = "北伐军率部南下。"  # no person before the verb: nothing is left
    assert kept(text, spans_of(text, ("北伐军率部", "ORG", 0.95))) == []


def test_a_nations_armed_service_is_no_organisation_a_named_armys_branch_is() -> None:
    text = "印度海军与叙利亚军队交战，拜占庭帝国军队和黎巴嫩政府军撤退，中国人民解放军海军赶到。"
    named = spans_of(
        text,
        ("印度海军", "ORG", 0.99),
        ("叙利亚军队", "ORG", 0.99),
        ("拜占庭帝国军队", "ORG", 0.99),
        ("黎巴嫩政府军", "ORG", 0.99),
        ("中国人民解放军海军", "ORG", 0.99),
    )
    assert kept(text, named) == [("中国人民解放军海军", "ORG")]


def test_a_club_named_after_an_army_and_an_unknown_head_stay() -> None:
    text = "莫斯科中央陆军击败了对手，星火海军也来了。"
    named = spans_of(text, ("莫斯科中央陆军", "ORG", 0.99), ("星火海军", "ORG", 0.99))
    assert kept(text, named) == [("莫斯科中央陆军", "ORG"), ("星火海军", "ORG")]


def test_lacs_place_before_an_armed_service_makes_it_a_nations_forces() -> None:
    text = "后来拜占廷军队收复了城池。"
    named = spans_of(text, ("拜占廷军队", "ORG", 0.99))
    assert kept(text, named) == [("拜占廷军队", "ORG")]  # no CC-CEDICT entry, no LAC
    lac = [(0, 2, "d"), (2, 5, "LOC"), (5, 7, "n")]
    assert kept(text, named, lac) == []


def test_an_event_is_no_organisation_its_committee_is() -> None:
    text = "在夏季奥林匹克运动会之前，国际奥林匹克委员会开会，世界博览会开幕。"
    named = spans_of(
        text,
        ("奥林匹克运动会", "ORG", 0.99),
        ("国际奥林匹克委员会", "ORG", 0.99),
        ("世界博览会", "ORG", 0.9),
    )
    assert kept(text, named) == [("国际奥林匹克委员会", "ORG")]


def test_a_sentence_defining_a_place_makes_its_opening_name_a_place() -> None:
    text = "沙尔捷费里耶尔（）是法国科雷兹省的一个市镇。"
    named = spans_of(text, ("沙尔捷", "ORG", 0.9), ("费里耶尔", "PER", 0.9))
    assert kept(text, named) == [("沙尔捷", "LOC"), ("费里耶尔", "LOC")]
    text = "覃恩堂，位于中华人民共和国湖南省。"
    assert kept(text, spans_of(text, ("覃恩堂", "PER", 0.9))) == [("覃恩堂", "LOC")]


def test_a_sentence_defining_a_person_or_his_office_keeps_the_person() -> None:
    text = "王小明（1900年－1980年）是中国的一位作家，生于北京的一个村庄。"
    assert kept(text, spans_of(text, ("王小明", "PER", 0.99))) == [("王小明", "PER")]
    text = "陈大文位于香港的办公室很小。"  # his office lies there, not he
    assert kept(text, spans_of(text, ("陈大文", "PER", 0.99))) == [("陈大文", "PER")]
    text = "红星中学，位于北京市。"  # an organisation lies somewhere too
    assert kept(text, spans_of(text, ("红星中学", "ORG", 0.99))) == [("红星中学", "ORG")]
    text = "张三和沃莫尔是法国的一个市镇的居民。"  # not the opening name
    assert kept(text, spans_of(text, ("沃莫尔", "PER", 0.9))) == [("沃莫尔", "PER")]


def test_a_name_listed_beside_places_is_a_place_a_body_there_stays() -> None:
    text = "马赛、图卢兹、里昂和巴黎爆发冲突，中国和美国政府谈判。"
    named = spans_of(text, ("里昂", "ORG", 0.985), ("美国政府", "ORG", 0.99))
    lac = [(0, 2, "LOC"), (2, 3, "w"), (3, 6, "LOC"), (6, 7, "w"), (7, 9, "ORG"), (9, 10, "c")]
    lac += [(10, 12, "LOC"), (17, 19, "LOC"), (19, 20, "c"), (20, 24, "ORG")]
    assert kept(text, named, lac) == [("里昂", "ORG"), ("美国政府", "ORG")]  # LAC: ORG
    lac[4] = (7, 9, "n")
    assert kept(text, named, lac) == [("里昂", "LOC"), ("美国政府", "ORG")]
    assert kept(text, named) == [("里昂", "ORG"), ("美国政府", "ORG")]  # no LAC, no rule


def test_a_title_makes_an_organisation_a_person_a_province_makes_it_a_place() -> None:
    text = "奥斯塔公爵来访，合不勒汗设宴，布良斯克州下辖新区，汗国灭亡。"
    named = spans_of(
        text,
        ("奥斯塔公爵", "ORG", 0.9),
        ("合不勒汗", "ORG", 0.9),
        ("布良斯克州", "ORG", 0.9),
        ("汗国", "ORG", 0.9),
    )
    assert kept(text, named) == [
        ("奥斯塔公爵", "PER"),
        ("合不勒汗", "PER"),
        ("布良斯克州", "LOC"),
        ("汗国", "ORG"),
    ]


def test_a_list_of_clubs_named_after_cities_stays_a_list_of_clubs() -> None:
    text = "本届联盟杯有塞维利亚、瓦伦西亚、沙尔克。"
    named = spans_of(text, ("瓦伦西亚", "ORG", 0.99), ("沙尔克", "ORG", 0.99))
    lac = [(6, 10, "LOC"), (10, 11, "w"), (11, 15, "LOC"), (15, 16, "w"), (16, 19, "LOC")]
    assert kept(text, named, lac) == [("瓦伦西亚", "ORG"), ("沙尔克", "ORG")]
    assert kept(text, named[:1], lac) == [("瓦伦西亚", "LOC")]  # alone among places


def test_a_surname_and_an_office_is_no_name_a_given_name_is() -> None:
    text = "大军南下再破薛郡长，王县长和李长江赶到。"
    named = spans_of(
        text, ("薛郡长", "PER", 0.95), ("王县长", "PER", 0.95), ("李长江", "PER", 0.99)
    )
    assert kept(text, named) == [("李长江", "PER")]


def test_a_plant_family_before_its_genus_is_no_name() -> None:
    text = "琼海叉柱花是爵床科叉柱花属的植物，德科是球员，拉科是球队。"
    named = spans_of(text, ("爵床科", "PER", 0.9), ("德科", "PER", 0.99), ("拉科", "ORG", 0.99))
    assert kept(text, named) == [("德科", "PER"), ("拉科", "ORG")]


def test_a_heading_qualified_by_a_state_is_a_place_by_an_office_a_person() -> None:
    text = "瑟马米什 (华盛顿州)"
    assert kept(text, spans_of(text, ("瑟马米什", "PER", 0.9))) == [("瑟马米什", "LOC")]
    text = "李烨 (成化进士)"
    assert kept(text, spans_of(text, ("李烨", "PER", 0.9))) == [("李烨", "PER")]


def test_names_a_sentence_counts_as_places_are_places_a_count_of_persons_is_not() -> None:
    text = "该区由阿米亚、贝洛和卡斯塔三个市镇组成，最后剩下两座城市——莫拉和塔尼。张伟和李娜两个人来了。"
    named = spans_of(
        text,
        ("贝洛", "PER", 0.8),
        ("卡斯塔", "PER", 0.8),
        ("莫拉", "PER", 0.8),
        ("塔尼", "PER", 0.8),
        ("张伟", "PER", 0.99),
        ("李娜", "PER", 0.99),
    )
    assert kept(text, named) == [
        ("贝洛", "LOC"),
        ("卡斯塔", "LOC"),
        ("莫拉", "LOC"),
        ("塔尼", "LOC"),
        ("张伟", "PER"),
        ("李娜", "PER"),
    ]


def test_an_invaded_land_or_a_capital_is_a_place_the_invader_a_person() -> None:
    text = "萨穆埃尔入侵马其洛亚，其省会特尔尼诺位于河畔。"
    named = spans_of(
        text, ("萨穆埃尔", "PER", 0.99), ("马其洛亚", "PER", 0.8), ("特尔尼诺", "PER", 0.8)
    )
    assert kept(text, named) == [("萨穆埃尔", "PER"), ("马其洛亚", "LOC"), ("特尔尼诺", "LOC")]


def test_a_garrison_is_a_place_an_emperor_a_person_an_institute_stays() -> None:
    text = "明廷设石门千户所，汉成帝下诏，石门研究所随后成立。"
    named = spans_of(
        text,
        ("石门千户所", "ORG", 0.8),
        ("汉成帝", "ORG", 0.7),
        ("石门研究所", "ORG", 0.9),
    )
    assert kept(text, named) == [("石门千户所", "LOC"), ("汉成帝", "PER"), ("石门研究所", "ORG")]


def test_a_championship_is_no_organisation_an_island_no_person() -> None:
    text = "2012年欧锦赛上，他代表国家队出场；女神住在塔里奥岛上，塔里奥前去寻找。"
    named = spans_of(text, ("欧锦赛", "ORG", 0.7), ("国家队", "ORG", 0.9), ("塔里奥", "PER", 0.8))
    later = text.rindex("塔里奥")
    named.append(Found(later, later + 3, "PER", 0.9))
    assert kept(text, named) == [("国家队", "ORG"), ("塔里奥", "LOC"), ("塔里奥", "PER")]


# fourteenth round (DATA.md "Fourteenth round")


def test_a_side_of_a_name_or_a_landing_at_it_makes_a_place_a_firm_stays() -> None:
    text = "从卡斯特罗以东直到内维翁，加来登陆作战开始；华为以东方为名，李明以北京为家。"
    named = spans_of(
        text,
        ("卡斯特罗", "ORG", 0.6),
        ("加来", "PER", 0.8),
        ("华为", "ORG", 0.95),
        ("李明", "PER", 0.95),
    )
    assert kept(text, named) == [
        ("卡斯特罗", "LOC"),
        ("加来", "LOC"),
        ("华为", "ORG"),
        ("李明", "PER"),
    ]
    text = "中国石油集团以东北为基地。"  # a body that ends like one keeps its type
    assert kept(text, spans_of(text, ("中国石油集团", "ORG", 0.9))) == [("中国石油集团", "ORG")]


def test_what_holds_a_settlement_is_a_place_what_owns_a_farm_is_a_body() -> None:
    text = "伊万诺夫卡村委员会（）是俄罗斯联邦阿穆尔州塔姆博夫区所属的一个村委员会。"
    named = spans_of(
        text, ("伊万诺夫卡村委员会", "ORG", 0.8), ("俄罗斯联邦阿穆尔州塔姆博夫区", "ORG", 0.8)
    )
    assert kept(text, named) == [
        ("伊万诺夫卡村委员会", "LOC"),
        ("俄罗斯联邦阿穆尔州塔姆博夫区", "LOC"),
    ]
    text = "这是林达集团所属的一个村庄式社区。"
    assert kept(text, spans_of(text, ("林达集团", "ORG", 0.9))) == [("林达集团", "ORG")]


def test_communities_a_sentence_counts_are_places_persons_it_counts_are_not() -> None:
    text = "下辖凤凰、金澄、青漪3个社区，张伟和李娜两个人住在那里。"
    named = spans_of(text, ("青漪", "PER", 0.8), ("张伟", "PER", 0.95), ("李娜", "PER", 0.95))
    assert kept(text, named) == [("青漪", "LOC"), ("张伟", "PER"), ("李娜", "PER")]


def test_a_surname_and_an_honorific_is_no_name_a_given_name_is() -> None:
    text = "陛下对孔卿宗族有恩，马君敷上奏，立宜臼为周天子；王君如与周天宇同来。"
    named = spans_of(
        text,
        ("孔卿", "PER", 0.8),
        ("马君", "PER", 0.8),
        ("周天子", "PER", 0.8),
        ("王君如", "PER", 0.95),
        ("周天宇", "PER", 0.95),
    )
    assert kept(text, named) == [("王君如", "PER"), ("周天宇", "PER")]


def test_an_age_of_the_earth_is_no_person() -> None:
    text = "普里阿邦期是始新世的最后一个阶段，达尔文研究过它。"
    named = spans_of(text, ("始新世", "PER", 0.8), ("达尔文", "PER", 0.95))
    assert kept(text, named) == [("达尔文", "PER")]


def test_tribes_cedict_knows_are_no_name_a_khan_of_them_is() -> None:
    text = "瓦剌与室韦交战，努尔哈赤统一了女真各部。"
    named = spans_of(text, ("瓦剌", "ORG", 0.7), ("室韦", "PER", 0.7), ("努尔哈赤", "PER", 0.99))
    assert kept(text, named) == [("努尔哈赤", "PER")]


def test_a_relation_after_zhi_or_parents_is_no_name_a_given_name_with_zhi_is() -> None:
    # seventeenth round: 之 "of" and a relation after what the recogniser took for a surname
    text = "他废黜了国王，改立国王之女为王，岳父母也赶来，王之涣与岳飞在场。"
    named = spans_of(
        text,
        ("王之女", "PER", 0.9),
        ("岳父母", "PER", 0.99),
        ("王之涣", "PER", 0.99),
        ("岳飞", "PER", 0.99),
    )
    assert kept(text, named) == [("王之涣", "PER"), ("岳飞", "PER")]


def test_a_person_before_a_tunnel_or_a_reservoir_is_a_place_a_person_after_it_is_not() -> None:
    # seventeenth round: what a tunnel, a bridge, a reservoir or a highway is named after
    text = "洪山隧道收费取消后，洪山明说，松坪水库也一样。"
    named = spans_of(text, ("洪山", "PER", 0.97), ("洪山明", "PER", 0.99), ("松坪", "PER", 0.8))
    assert kept(text, named) == [("洪山", "LOC"), ("洪山明", "PER"), ("松坪", "LOC")]


def test_schools_listed_by_their_field_are_no_names_one_founded_alone_is() -> None:
    # seventeenth round: a university's schools, named by their field only
    text = "学校设有三个学院：历史学院、环境科学学院和上海音乐学院。"
    named = spans_of(
        text,
        ("历史学院", "ORG", 0.9),
        ("环境科学学院", "ORG", 0.9),
        ("上海音乐学院", "ORG", 0.95),
    )
    assert kept(text, named) == [("上海音乐学院", "ORG")]
    alone = "1952年，政府成立环境科学学院。"
    assert kept(alone, spans_of(alone, ("环境科学学院", "ORG", 0.9))) == [("环境科学学院", "ORG")]
