from __future__ import annotations

from reader.translate.gloss import gloss_word


def test_unknown_compound_is_glossed_by_its_dictionary_pieces() -> None:
    # 亿美元 is not a CC-CEDICT headword; 亿 + 美元 are.
    assert gloss_word("亿美元", "yìměiyuán") == "100 million US dollars"


def test_unknown_word_without_known_pieces_falls_back_to_pinyin() -> None:
    assert gloss_word("龘龘", "dádá") == "[dádá]"


def test_non_chinese_passes_through() -> None:
    assert gloss_word("DeepSeek-R1") == "DeepSeek-R1"


def test_words_after_numbers_take_their_counting_sense() -> None:
    from reader.load import load_bytes
    from reader.pipeline import Options, annotate
    from reader.translate.gloss import gloss_sentence

    article = annotate(load_bytes("10月27日，3家公司募資5億元。".encode(), "x.txt"), Options())
    line, _ = gloss_sentence(next(article.sentences()))
    assert line.startswith("10 month 27 day")
    assert "3 companies" in line and "5 hundred million yuan" in line
    assert "moon" not in line and "dynasty" not in line


def test_common_word_sense_comes_before_a_proper_noun_entry() -> None:
    from reader.translate.gloss import short_sense

    # CC-CEDICT lists 时代 as Time magazine (Shi2 dai4) before "age; era" (shi2 dai4)
    assert short_sense("时代") == "age"
