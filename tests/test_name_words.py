"""The tenth round's false-name families (reader/glossary/name_words.py) through the
false-name screen, on our own sentences: the recogniser's spans are given directly (no model
needed), with LAC's words where a rule reads them."""

from __future__ import annotations

import pytest
from found_entity import Found
from test_name_families import kept, spans_of

from reader.glossary.name_families import screen
from reader.glossary.name_words import parse_words


def test_a_descent_is_no_name_but_a_surname_before_yi_is() -> None:
    text = "陆裔工程师与韩裔选手见面，华裔金晓明获奖；蜀汉大臣张裔出使东吴。"
    named = spans_of(
        text,
        ("陆裔", "PER", 0.9),
        ("韩裔", "PER", 0.97),
        ("华裔金晓明", "PER", 0.8),
        ("张裔", "PER", 0.95),
    )
    assert kept(text, named) == [("金晓明", "PER"), ("张裔", "PER")]


def test_floors_are_no_place_but_a_village_named_by_a_number_is() -> None:
    text = "他们从四楼往三楼走，会议在三楼开，他住在下方二楼往一楼处，老家在五里村。"
    named = spans_of(
        text,
        ("四楼往三楼", "LOC", 0.9),
        ("下方二楼往一楼", "LOC", 1.0),
        ("五里村", "LOC", 0.9),
    )
    at = text.index("三楼开")
    named.insert(1, Found(at, at + 2, "LOC", 0.8))
    assert kept(text, named) == [("五里村", "LOC")]


def test_a_preposition_before_a_body_is_cut_off() -> None:
    text = "北城市东山分局接到报案，经东山分局西街派出所民警到场处理。"
    named = spans_of(text, ("北城市东山分局", "ORG", 0.6), ("经东山分局西街派出所", "ORG", 0.87))
    assert kept(text, named) == [("北城市东山分局", "ORG"), ("东山分局西街派出所", "ORG")]


def test_a_preposition_lac_reads_alone_is_cut_but_words_and_surnames_stay() -> None:
    text = "此案由西湖公安分局侦办，经济日报报道，于明德出庭。"
    at = text.index("由西湖")
    lac = [(at, at + 1, "p"), (at + 1, at + 7, "ORG")]
    named = spans_of(
        text, ("由西湖公安分局", "ORG", 0.9), ("经济日报", "ORG", 0.9), ("于明德", "PER", 0.9)
    )
    assert kept(text, named, lac) == [
        ("西湖公安分局", "ORG"),
        ("经济日报", "ORG"),
        ("于明德", "PER"),
    ]


def test_slang_for_a_look_is_no_name_but_a_person_called_so_is() -> None:
    text = "看到他那副可爱的亚子，大家都笑了。亚子是一位日本演员。"
    first, second = text.index("亚子"), text.rindex("亚子")
    named = [Found(first, first + 2, "PER", 0.9), Found(second, second + 2, "PER", 0.9)]
    assert kept(text, named) == [("亚子", "PER")]


def test_a_storms_name_is_no_person_but_a_forecaster_is() -> None:
    text = "热带风暴玛丽安迅速增强，飓风卡洛琳登陆后，气象学家卡洛琳说明了原因。"
    named = spans_of(text, ("玛丽安", "PER", 0.9), ("卡洛琳", "PER", 1.0))
    last = text.rindex("卡洛琳")
    named.append(Found(last, last + 3, "PER", 0.9))
    assert [(e.start, e.type) for e in screen(named, text, None)] == [(last, "PER")]


def test_a_states_people_are_no_person_nor_organisation() -> None:
    text = "赵人善于经商，坎斯克人向汗国纳税，赵人杰随后到来。"
    at = text.index("坎斯克人")
    lac = [(at, at + 3, "LOC"), (at + 3, at + 4, "n")]
    named = spans_of(text, ("赵人", "PER", 1.0), ("坎斯克人", "ORG", 0.97), ("赵人杰", "PER", 0.95))
    assert kept(text, named, lac) == [("赵人杰", "PER")]


def test_a_nations_fleet_and_military_police_are_no_organisation_but_a_named_fleet_is() -> None:
    text = "日本宪兵队破获电台，英国舰队驶入港口，北洋舰队随后出海。"
    named = spans_of(
        text,
        ("日本宪兵队", "ORG", 0.9),
        ("英国舰队", "ORG", 0.9),
        ("北洋舰队", "ORG", 0.9),
    )
    assert kept(text, named) == [("北洋舰队", "ORG")]


def test_a_party_member_is_no_organisation_but_the_party_is() -> None:
    text = "秘书：王立平（共产党员）、李新（共青团员），二人均属中国共产党。"
    named = spans_of(
        text, ("共产党员", "ORG", 0.8), ("共青团员", "ORG", 0.7), ("中国共产党", "ORG", 0.99)
    )
    assert kept(text, named) == [("中国共产党", "ORG")]


def test_a_body_s_legislator_member_or_spokesperson_is_no_organisation() -> None:
    text = "民进党立委、政协委员和外交部发言人都出席了。"
    named = spans_of(
        text, ("民进党立委", "ORG", 0.9), ("政协委员", "ORG", 0.8), ("外交部发言人", "ORG", 0.7)
    )
    assert kept(text, named) == []


def test_a_legislator_s_party_comes_back_as_the_glossary_s_name(names_in) -> None:  # type: ignore[no-untyped-def]
    # the run-on "organisation" 民进党立委 swallowed the party; dropped, it gives it back
    assert names_in("民进党立委王世坚质询经济部长。").get("民进党") == "org"


def test_titles_of_nobility_and_posthumous_names_are_no_persons() -> None:
    text = "高祖改封他为东成侯，又封北郡公，死后谥忠肃；其子封昭随后被召。"
    named = spans_of(
        text,
        ("东成侯", "PER", 0.9),
        ("封北郡", "ORG", 0.8),
        ("谥忠肃", "PER", 0.8),
        ("封昭", "PER", 0.9),
    )
    text2 = text.replace("改封他为", "改封为")
    named2 = spans_of(text2, ("东成侯", "PER", 0.9), ("封昭", "PER", 0.9))
    assert kept(text, named) == [("东成侯", "PER"), ("封昭", "PER")]
    assert kept(text2, named2) == [("封昭", "PER")]


def test_a_genus_between_its_family_and_its_rank_is_no_person() -> None:
    text = "它是菊科马兰蒿属的植物，发现者张科明属于少数派。"
    genus, subject = text.index("马兰蒿属的"), text.index("张科明")
    named = [Found(genus, genus + 3, "PER", 0.9), Found(subject, subject + 3, "PER", 0.8)]
    assert [e.start for e in screen(named, text, None)] == [subject]


def test_a_storm_is_no_person_and_its_landfall_is_a_place() -> None:
    text = "戈丽娅因风切变减弱，随后从莫桑贝登陆；气象学家戈丽娅说明了原因，李明从那里回来。"
    named = spans_of(text, ("戈丽娅", "PER", 0.9), ("莫桑贝", "PER", 0.9), ("李明", "PER", 0.99))
    later = text.rindex("戈丽娅")
    named.insert(2, Found(later, later + 3, "PER", 0.9))
    assert kept(text, named) == [("莫桑贝", "LOC"), ("戈丽娅", "PER"), ("李明", "PER")]


def test_an_edict_a_taboo_or_a_number_after_a_name_is_no_part_of_it() -> None:
    text = "窦穆矫称太后何丽华诏，为避太祖父周弘殷讳改名，历经王立新五任书记。"
    named = spans_of(
        text, ("何丽华诏", "PER", 0.9), ("周弘殷讳", "PER", 0.9), ("王立新五", "PER", 0.9)
    )
    assert kept(text, named) == [("何丽华", "PER"), ("周弘殷", "PER"), ("王立新", "PER")]


def test_a_bad_row_says_where() -> None:
    with pytest.raises(ValueError, match="name_words.tsv:2"):
        parse_words("kind\tvalue\treason\nslang\t亚子\n")


def test_pipeline_descent_floors_and_a_preposition(names_in) -> None:  # type: ignore[no-untyped-def]
    found = names_in("韓裔選手在比賽中奪冠，華裔作家李文清到場祝賀。")
    assert "韓裔" not in found and "華裔" not in found
    assert found.get("李文清") == "person"
    found = names_in("兩人在大樓南側四樓往三樓的樓梯間爭吵，警衛從一樓趕來。")
    assert not any("樓" in name for name in found)
    text = "台北市大安分局接獲通報，經大安分局和平派出所員警到場處理。"
    found = names_in(text)
    assert not any(name.startswith("經") for name in found)


def test_an_office_alone_is_no_person_but_a_name_with_its_surname_is() -> None:
    text = "许明官至卫尉，其妻封为东陵郡君，司徒雷登与中村一郎大佐会面。"
    named = spans_of(
        text,
        ("许明", "PER", 0.99),
        ("卫尉", "PER", 0.8),
        ("东陵郡君", "PER", 0.8),
        ("司徒雷登", "PER", 0.99),
        ("中村一郎", "PER", 0.95),
        ("大佐", "PER", 0.8),
    )
    assert kept(text, named) == [("许明", "PER"), ("司徒雷登", "PER"), ("中村一郎", "PER")]


def test_a_title_or_form_of_address_after_a_surname_is_no_name_a_given_name_is() -> None:
    text = "刘太后召见周大哥，王皇后与刘太平随后到来。"
    named = spans_of(
        text,
        ("刘太后", "PER", 0.9),
        ("周大哥", "PER", 0.8),
        ("王皇后", "PER", 0.9),
        ("刘太平", "PER", 0.95),
    )
    assert kept(text, named) == [("刘太平", "PER")]


def test_an_area_a_population_or_a_river_crossed_makes_a_place() -> None:
    text = "据统计，莫里斯顿的面积为20平方公里，大军渡过苏衮河；莫里斯的人口学研究很有名。"
    named = spans_of(text, ("莫里斯顿", "PER", 0.9), ("苏衮河", "PER", 0.8), ("莫里斯", "PER", 0.9))
    named[2] = Found(text.rindex("莫里斯"), text.rindex("莫里斯") + 3, "PER", 0.9)
    assert kept(text, named) == [("莫里斯顿", "LOC"), ("苏衮河", "LOC"), ("莫里斯", "PER")]


def test_a_compass_direction_before_a_wind_or_a_side_is_no_place() -> None:
    from found_entity import Found

    from reader.glossary.name_words import get_word_rules, word_edges

    rules = get_word_rules()
    text = "受东北季风影响，他在东北生活了十年。"
    assert word_edges(Found(1, 3, "LOC", 0.9), text, None, rules) is None  # 东北季风
    assert word_edges(Found(10, 12, "LOC", 0.9), text, None, rules) == (10, 12, "LOC")


def test_a_species_is_no_person_nor_organisation_but_its_finder_is() -> None:
    text = "银线草（学名：）是金粟兰科的植物，德国乳杆菌和林氏守宫由王立明发现。"
    named = spans_of(
        text,
        ("银线草", "PER", 0.8),
        ("德国乳杆菌", "ORG", 0.7),
        ("林氏守宫", "ORG", 0.6),
        ("王立明", "PER", 0.99),
    )
    assert kept(text, named) == [("王立明", "PER")]


def test_a_quoted_byname_is_no_person_but_the_person_after_it_is() -> None:
    text = "素有“铁人”之称的选手王进喜夺冠，他说“王进喜”不是他的外号。"
    named = spans_of(text, ("铁人", "PER", 0.8), ("王进喜", "PER", 0.99))
    later = text.rindex("王进喜")
    named.append(Found(later, later + 3, "PER", 0.9))
    assert kept(text, named) == [("王进喜", "PER"), ("王进喜", "PER")]


def test_a_title_run_into_a_fief_is_no_person_an_office_alone_neither() -> None:
    text = "太祖追封其妹为蔡国长公主，匈奴右贤王刘豹来降，王公贝勒随行，张长公来访。"
    named = spans_of(
        text,
        ("蔡国长", "PER", 0.9),
        ("右贤王", "PER", 0.8),
        ("刘豹", "PER", 0.99),
        ("王公贝勒", "PER", 0.7),
        ("张长公", "PER", 0.9),
    )
    assert kept(text, named) == [("刘豹", "PER"), ("张长公", "PER")]


def test_a_surname_and_the_word_surname_is_no_name_a_given_name_is() -> None:
    text = "钟姓源出于姬姓，钟姓人口众多，钟明姓氏学家如是说。"
    named = spans_of(text, ("钟姓源", "PER", 0.8), ("钟明", "PER", 0.99))
    assert kept(text, named) == [("钟明", "PER")]


# fourteenth round (DATA.md "Fourteenth round"): storms with no storm word before them


def test_a_storm_bringing_rain_or_weakening_is_no_person_a_politician_is() -> None:
    text = "此外，卡琳达在佛州南部经过期间也给该州带去降水。"
    assert kept(text, spans_of(text, ("卡琳达", "PER", 0.9))) == []
    text = "气旋的对流再度消减，约瑟琳再度弱化。"
    assert kept(text, spans_of(text, ("约瑟琳", "PER", 0.9))) == []
    text = "党内的争吵再度爆发，约瑟琳的地位再度弱化。"  # no storm in the sentence
    assert kept(text, spans_of(text, ("约瑟琳", "PER", 0.9))) == [("约瑟琳", "PER")]


def test_a_storm_by_its_influence_or_a_cause_is_no_person_a_chinese_name_is() -> None:
    text = "受亨瑞影响，多地有局部暴雨；风暴附近的低压槽令娜丁开始失去热带天气系统特征。"
    named = spans_of(text, ("亨瑞", "PER", 0.9), ("娜丁", "PER", 0.9))
    assert kept(text, named) == []
    text = "受李明影响，多地有局部暴雨。"
    assert kept(text, spans_of(text, ("李明", "PER", 0.9))) == [("李明", "PER")]
    text = "受亨瑞影响，他改学了经济。"  # no storm or rain in the sentence
    assert kept(text, spans_of(text, ("亨瑞", "PER", 0.9))) == [("亨瑞", "PER")]


def test_a_name_said_to_be_a_hurricane_is_no_person_a_visitor_is() -> None:
    text = "此外，艾米娅还是那年加勒比海的首场飓风；此外，布朗还是飓风过后首位到访的总统。"
    named = spans_of(text, ("艾米娅", "PER", 0.9), ("布朗", "PER", 0.9))
    assert kept(text, named) == [("布朗", "PER")]


def test_an_iris_is_no_person_a_given_name_with_its_first_character_is() -> None:
    text = "黄鸢尾是庐山植物园的栽培植物，黄鸢飞来看过。"
    named = spans_of(text, ("黄鸢尾", "PER", 0.8), ("黄鸢飞", "PER", 0.9))
    assert kept(text, named) == [("黄鸢飞", "PER")]


def test_a_president_strengthening_aid_after_a_typhoon_is_a_person() -> None:
    text = "台风过后，特朗普增强了援助。"
    assert kept(text, spans_of(text, ("特朗普", "PER", 0.95))) == [("特朗普", "PER")]


def test_a_people_cedict_does_not_know_is_no_name_a_person_of_its_shape_is() -> None:
    text = "薛延陀又击败了突厥，察哈尔部镶黄旗人薛延年与沙陀同行。"
    named = spans_of(
        text,
        ("薛延陀", "PER", 0.8),
        ("察哈尔部", "ORG", 0.7),
        ("薛延年", "PER", 0.95),
        ("沙陀", "ORG", 0.6),
    )
    assert kept(text, named) == [("薛延年", "PER")]
