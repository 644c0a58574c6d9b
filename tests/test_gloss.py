from __future__ import annotations

from reader.translate.gloss import gloss_word


def test_unknown_compound_is_glossed_by_its_dictionary_pieces() -> None:
    # 亿美元 is not a CC-CEDICT headword; 亿 + 美元 are.
    assert gloss_word("亿美元", "yìměiyuán") == "100 million American dollar"


def test_unknown_word_without_known_pieces_falls_back_to_pinyin() -> None:
    assert gloss_word("龘龘", "dádá") == "[dádá]"


def test_non_chinese_passes_through() -> None:
    assert gloss_word("DeepSeek-R1") == "DeepSeek-R1"
