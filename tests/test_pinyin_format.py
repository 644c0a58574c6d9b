"""Display styles for tone-number readings and tone sandhi."""

from __future__ import annotations

import pytest

from reader.annotate.pinyin import apply_sandhi, format_syllable, format_word


@pytest.mark.parametrize(
    ("reading", "marks", "zhuyin"),
    [
        ("hang2", "háng", "ㄏㄤˊ"),
        ("lv4", "lǜ", "ㄌㄩˋ"),
        ("nve4", "nüè", "ㄋㄩㄝˋ"),
        ("le5", "le", "˙ㄌㄜ"),
        ("zhi1", "zhī", "ㄓ"),
        ("si4", "sì", "ㄙˋ"),
        ("yuan2", "yuán", "ㄩㄢˊ"),
        ("jiong3", "jiǒng", "ㄐㄩㄥˇ"),
        ("liu2", "liú", "ㄌㄧㄡˊ"),
        ("gui4", "guì", "ㄍㄨㄟˋ"),
        ("dun4", "dùn", "ㄉㄨㄣˋ"),
        ("jun1", "jūn", "ㄐㄩㄣ"),
        ("er2", "ér", "ㄦˊ"),
        ("r5", "r", "˙ㄦ"),
        ("m2", "ḿ", "ㄇˊ"),
        ("ou1", "ōu", "ㄡ"),
        ("wei4", "wèi", "ㄨㄟˋ"),
    ],
)
def test_format_syllable(reading: str, marks: str, zhuyin: str) -> None:
    assert format_syllable(reading, "marks") == marks
    assert format_syllable(reading, "numbers") == reading
    assert format_syllable(reading, "zhuyin") == zhuyin


def test_marks_and_zhuyin_agree_with_pypinyin_for_every_syllable() -> None:
    from pypinyin import Style, pinyin
    from pypinyin.constants import PINYIN_DICT

    readings: dict[str, str] = {}
    for code in list(PINYIN_DICT)[:: max(1, len(PINYIN_DICT) // 4000)]:
        ch = chr(code)
        tone3 = pinyin(ch, style=Style.TONE3, neutral_tone_with_five=True)[0][0]
        if tone3[-1:].isdigit() and tone3.isascii():
            readings.setdefault(tone3, ch)
    assert len(readings) > 500
    wrong = []
    for reading, ch in readings.items():
        marks = pinyin(ch, style=Style.TONE)[0][0]
        bopomofo = pinyin(ch, style=Style.BOPOMOFO, neutral_tone_with_five=True)[0][0]
        if format_syllable(reading, "marks") != marks:
            wrong.append((reading, format_syllable(reading, "marks"), marks))
        if reading[-1] != "5" and format_syllable(reading, "zhuyin") != bopomofo:
            wrong.append((reading, format_syllable(reading, "zhuyin"), bopomofo))
    assert not wrong, wrong[:20]


def test_format_word_styles() -> None:
    assert format_word(["yin2", "hang2"]) == "yínháng"
    assert format_word(["yin2", "hang2"], "numbers") == "yin2hang2"
    assert format_word(["yin2", "hang2"], "zhuyin") == "ㄧㄣˊ ㄏㄤˊ"
    with pytest.raises(ValueError):
        format_word(["yin2"], "ipa")


def test_erhua_and_latin_pass_through() -> None:
    assert format_word(["yi1", "dian3", "r5"]) == "yīdiǎnr"
    assert format_word([None, None, "da3", "yin4"], "marks", text="3D打印") == "3Ddǎyìn"
    assert format_word([None, "hao3"], "numbers", text="A好") == "Ahao3"
    assert format_word([None, None]) == ""


def _sandhi(words: list[tuple[str, str]]) -> list[str]:
    out = apply_sandhi([r.split() for _, r in words], [w for w, _ in words])
    return [" ".join(str(x) for x in w) for w in out]


def test_sandhi_bu() -> None:
    assert _sandhi([("不是", "bu4 shi4")]) == ["bu2 shi4"]
    assert _sandhi([("不", "bu4"), ("好", "hao3")]) == ["bu4", "hao3"]
    assert _sandhi([("好不好", "hao3 bu4 hao3")]) == ["hao3 bu5 hao3"]


def test_sandhi_yi() -> None:
    assert _sandhi([("一个", "yi1 ge4")]) == ["yi2 ge4"]
    assert _sandhi([("一", "yi1"), ("天", "tian1")]) == ["yi4", "tian1"]
    assert _sandhi([("看一看", "kan4 yi1 kan4")]) == ["kan4 yi5 kan4"]
    assert _sandhi([("第一", "di4 yi1")]) == ["di4 yi1"]
    assert _sandhi([("统一", "tong3 yi1")]) == ["tong3 yi1"]
    assert _sandhi([("一二三", "yi1 er4 san1")]) == ["yi1 er4 san1"]


def test_sandhi_third_tone() -> None:
    assert _sandhi([("你好", "ni3 hao3")]) == ["ni2 hao3"]
    assert _sandhi([("展览馆", "zhan3 lan3 guan3")]) == ["zhan2 lan2 guan3"]
    # across words, but not across punctuation (None)
    assert _sandhi([("我", "wo3"), ("很", "hen3"), ("好", "hao3")]) == ["wo2", "hen2", "hao3"]
    out = apply_sandhi([["hao3"], [None], ["hao3"]], ["好", "，", "好"])
    assert out == [["hao3"], [None], ["hao3"]]


def test_sandhi_rejects_mismatched_input() -> None:
    with pytest.raises(ValueError):
        apply_sandhi([["ni3", "hao3"]], ["你"])
    with pytest.raises(ValueError):
        apply_sandhi([["ni3"]], ["你", "好"])


@pytest.mark.parametrize(
    ("readings", "style", "expected"),
    [
        (["xi1", "an1"], "marks", "xī'ān"),
        (["xi1", "an1"], "numbers", "xi1'an1"),
        (["tian1", "an1", "men2"], "marks", "tiān'ānmén"),
        (["mo4", "er3"], "marks", "mò'ěr"),
        (["nv3", "er2"], "marks", "nǚ'ér"),
        (["hai3", "ou1"], "numbers", "hai3'ou1"),
        (["e2"], "marks", "é"),  # a word's first syllable takes none
        (["yin2", "hang2"], "marks", "yínháng"),  # y-, w- spellings need none
        (["ping2", "an1"], "zhuyin", "ㄆㄧㄥˊ ㄢ"),  # zhuyin separates syllables anyway
        ([None, "an1"], "marks", "3ān"),  # after a digit, not a syllable
    ],
)
def test_apostrophe_before_a_o_e_after_a_syllable(
    readings: list[str | None], style: str, expected: str
) -> None:
    text = "3安" if readings[0] is None else None
    assert format_word(readings, style, text) == expected
