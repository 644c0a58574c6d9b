"""Auto names: persons, places and organisations the glossary lacks."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pytest

from reader.glossary.auto import detect_names, join_syllables, person_pinyin
from reader.glossary.fold import fold
from reader.model import GlossaryHit, Token


@lru_cache(maxsize=1)
def _pos_tokenizer():  # type: ignore[no-untyped-def]
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())


def segment(text: str, offset: int = 0) -> list[Token]:
    """jieba POS tokens of ``text`` (segmented in Simplified, offsets into the original)."""
    tokens, pos = [], 0
    for pair in _pos_tokenizer().cut(fold(text)):
        end = pos + len(pair.word)
        tokens.append(
            Token(text=text[pos:end], start=offset + pos, end=offset + end, pos=pair.flag)
        )
        pos = end
    return tokens


def auto(text: str) -> dict[str, tuple[str, str]]:
    return {
        text[h.start : h.end]: (h.en, h.type)
        for h in detect_names(segment(text), text, 0, _pos_tokenizer().tokenizer.FREQ.get)
    }


@pytest.mark.parametrize(
    ("text", "name", "en", "kind"),
    [
        ("途虎养车创始人蒋韬表示", "蒋韬", "Jiang Tao", "person"),
        ("王小明和李华在上班", "王小明", "Wang Xiaoming", "person"),
        ("王小明和李华在上班", "李华", "Li Hua", "person"),
        ("公司总部位于杭州市余杭区。", "余杭区", "Yuhang District", "place"),
        ("公司总部位于杭州市余杭区。", "杭州市", "Hangzhou", "place"),
        ("他住在浦东新区", "浦东新区", "Pudong New Area", "place"),
        (
            "杭州宇树科技股份有限公司发布了机器人",
            "宇树科技股份有限公司",
            "Yushu Technology Co., Ltd.",
            "company",
        ),
        ("蓝思科技与比亚迪汽车合作", "蓝思科技", "Lansi Technology", "company"),
        ("吉利集团的新车", "吉利集团", "Jili Group", "company"),
        ("浙江大学研究院参与", "浙江大学研究院", "Zhejiang University Research Institute", "org"),
        ("公司總部位於杭州市餘杭區。", "餘杭區", "Yuhang District", "place"),  # Traditional
    ],
)
def test_renderings(text: str, name: str, en: str, kind: str) -> None:
    assert auto(text)[name] == (en, kind)


def test_auto_hits_are_marked_auto() -> None:
    (hit,) = detect_names(segment("创始人蒋韬表示"), "创始人蒋韬表示", 0)
    assert (hit.source, hit.source_file, hit.term) == ("auto", "auto", "蒋韬")


@pytest.mark.parametrize(
    "name", ["马斯克", "奥尔特曼", "库克", "扎克伯格", "特朗普", "贝索斯", "纳德拉"]
)
def test_transliterations_are_left_to_the_translator(name: str) -> None:
    text = f"据报道，{name}表示"
    hits = detect_names(segment(text), text, 0, _pos_tokenizer().tokenizer.FREQ.get)
    assert [text[h.start : h.end] for h in hits] == [name]  # one hit, even if jieba cut it
    (hit,) = hits
    assert hit.en == "" and hit.type == "person"
    assert hit.note == "transliteration: left to translator"


def test_transliteration_with_a_name_dot() -> None:
    text = "埃隆·马斯克"
    token = Token(text=text, start=0, end=len(text), pos="nr")
    (hit,) = detect_names([token], text, 0)
    assert hit.en == "" and hit.note.startswith("transliteration")


def test_ordinary_words_get_no_rendering() -> None:
    assert auto("人工智能和新能源汽车是趋势，工业区很大。") == {}


def test_glossary_hits_are_never_overridden() -> None:
    text = "蒋韬在余杭区"
    tokens = segment(text)
    glossed = GlossaryHit(0, 2, "蒋韬", "Tao Jiang", "person", "people.tsv")
    tokens = [replace(t, glossary=glossed) if t.text == "蒋韬" else t for t in tokens]
    hits = detect_names(tokens, text, 0, _pos_tokenizer().tokenizer.FREQ.get)
    assert [text[h.start : h.end] for h in hits] == ["余杭区"]


def test_offsets_follow_the_tokens() -> None:
    text = "创始人蒋韬表示"
    hits = detect_names(segment(text, offset=100), text, 100)
    assert [(h.start, h.end) for h in hits] == [(103, 105)]


def test_pinyin_from_the_pipeline_readings_and_surname_readings() -> None:
    token = Token(text="曾乐", start=0, end=2, pos="nr", readings=("ceng2", "yue4"))
    (hit,) = detect_names([token], "曾乐", 0)
    assert hit.en == "Zeng Yue"  # 曾 as a surname is zeng; 乐 from the readings
    assert person_pinyin("欧阳娜娜", 2) == "Ouyang Nana"
    assert join_syllables(["xi", "an"]) == "Xi'an"
    assert person_pinyin("吕小安", 1) == "Lü Xiao'an"


def test_ordinary_words_jieba_tags_as_names_are_skipped() -> None:
    # jieba's dictionary tags these as person (nr) or place (ns) names.
    tokens = [
        Token(text="明星", start=0, end=2, pos="nr"),
        Token(text="康复", start=2, end=4, pos="nr"),
        Token(text="城市", start=4, end=6, pos="ns"),
        Token(text="时尚", start=6, end=8, pos="nz"),
        Token(text="科技", start=8, end=10, pos="n"),
    ]
    assert detect_names(tokens, "明星康复城市时尚科技", 0) == []
    # Not in CC-CEDICT, but frequent in the segmenter's dictionary: an ordinary word.
    word = [Token(text="高水平", start=0, end=3, pos="nr")]
    assert detect_names(word, "高水平", 0, lambda w: 91) == []
    assert detect_names(word, "高水平", 0, lambda w: None)[0].en == "Gao Shuiping"


def test_a_common_word_that_ends_like_a_place_is_no_place() -> None:
    # 大城市 "big city": 大城 is also a county, 市 a place suffix; the whole is an ordinary word
    assert "大城市" not in auto("很多年轻人离开大城市，回到家乡。")
    assert auto("他住在滕州市。")["滕州市"] == ("Tengzhou", "place")
