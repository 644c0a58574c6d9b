"""Persons from Taiwan written as Taiwan writes them (reader/glossary/wade_giles.py,
reader/glossary/origin.py)."""

from __future__ import annotations

import pytest

from reader.glossary.origin import is_taiwanese, parse_markers, person_romanisation
from reader.glossary.render_names import render_entity
from reader.glossary.wade_giles import wade_giles_person, wade_giles_syllable
from reader.model import Romanisation


@pytest.mark.parametrize(
    ("surname", "given", "expected"),
    [
        (["xie"], ["ming", "jun"], "Hsieh Ming-chun"),  # x → hs, ie → ieh, j + un → chun
        (["qiu"], ["jun", "qin"], "Chiu Chun-chin"),  # q → ch (no apostrophe)
        (["chen"], ["jia", "ning"], "Chen Chia-ning"),
        (["lin"], ["you", "chang"], "Lin Yu-chang"),
        (["guo"], ["tai", "ming"], "Kuo Tai-ming"),  # g → k, uo stays after a velar
        (["zhuo"], ["rong", "tai"], "Cho Jung-tai"),  # zhuo → cho, r → j, ong → ung
        (["ke"], ["wen", "zhe"], "Ko Wen-che"),  # e after k is o
        (["lü"], ["xiu", "lian"], "Lu Hsiu-lien"),  # umlaut dropped, ian → ien
        (["su"], ["zi", "yun"], "Su Tzu-yun"),  # zi → tzu
        (["xue"], ["rui", "yuan"], "Hsueh Jui-yuan"),
        (["zhang"], ["ri", "xin"], "Chang Jih-hsin"),  # ri → jih
        (["cao"], ["si", "qi"], "Tsao Ssu-chi"),  # c → ts, si → ssu
        (["gui"], ["er"], "Kuei Erh"),
    ],
)
def test_passport_style_wade_giles(surname: list[str], given: list[str], expected: str) -> None:
    assert wade_giles_person(surname, given) == expected


def test_what_is_no_pinyin_syllable_stays() -> None:
    assert wade_giles_syllable("lv") == "lu"
    assert wade_giles_syllable("shi") == "shih"


def test_a_taiwanese_person_the_glossary_lacks() -> None:
    hit = render_entity("謝明俊", "PER", [], 0.95, romanisation=Romanisation.WADE_GILES)
    assert hit is not None and hit.en == "Hsieh Ming-chun" and "Wade-Giles" in hit.note
    titled = render_entity("張女", "PER", [], 0.95, romanisation=Romanisation.WADE_GILES)
    assert titled is not None and titled.en == "Ms. Chang"
    pinyin = render_entity("謝明俊", "PER", [], 0.95)  # the default: pinyin
    assert pinyin is not None and pinyin.en == "Xie Mingjun"
    foreign = render_entity("費利佩", "PER", [], 0.95, romanisation=Romanisation.WADE_GILES)
    assert foreign is not None and foreign.en == ""  # a transliteration: the translator's


def test_an_article_from_taiwan_is_told_by_its_places_and_script() -> None:
    taiwan = ["桃園市平鎮區一家輪胎行今天清晨發生大火。", "桃園市消防局獲報後派員搶救。"]
    assert is_taiwanese(taiwan, "traditional")
    assert not is_taiwanese(taiwan, "simplified")  # the script is Taiwan's too
    assert not is_taiwanese(["桃園市發生大火。"], "traditional")  # named once: not enough
    hongkong = ["香港特首在立法會表示，香港與台北合作。", "九龍和新界"]
    assert not is_taiwanese(hongkong, "traditional")
    assert person_romanisation(Romanisation.AUTO, taiwan, "traditional") is (
        Romanisation.WADE_GILES
    )
    assert person_romanisation(Romanisation.PINYIN, taiwan, "traditional") is (Romanisation.PINYIN)
    assert person_romanisation(Romanisation.AUTO, ["北京"], "simplified") is (Romanisation.PINYIN)


def test_marker_rows_need_a_kind_a_word_and_a_reason() -> None:
    markers = parse_markers("kind\tword\treason\ntaiwan\t臺北\tthe capital\n")
    assert markers.taiwan == ("台北",)  # matched on the fold
    with pytest.raises(ValueError, match="bad row"):
        parse_markers("macau\t澳門\tnot a kind\n")


def test_the_pipeline_writes_taiwanese_persons_in_wade_giles_and_obeys_the_choice() -> None:
    from reader.load.plain import load_text
    from reader.model import Meta
    from reader.pipeline import Options, annotate

    text = (
        "中央社記者邱俊欽桃園19日電，桃園市平鎮區一家輪胎行今天清晨發生大火。"
        "桃園市消防局表示，火勢已經撲滅。"
    )

    def persons(options: Options) -> dict[str, str]:
        article = annotate(load_text(text, Meta(), "test"), options)
        return {
            t.text: t.glossary.en
            for p in article.paragraphs
            for s in p.sentences
            for t in s.tokens
            if t.glossary is not None and t.glossary.type == "person"
        }

    assert persons(Options())["邱俊欽"] == "Chiu Chun-chin"
    assert persons(Options(romanisation=Romanisation.PINYIN))["邱俊欽"] == "Qiu Junqin"
