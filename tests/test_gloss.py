from __future__ import annotations

from reader.translate.gloss import gloss_sentence, gloss_word


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
    assert line.startswith("October 27,")  # a date reads as one (was "10 month 27 day")
    assert "3 companies" in line and "500 million yuan" in line
    assert "moon" not in line and "dynasty" not in line


def test_common_word_sense_comes_before_a_proper_noun_entry() -> None:
    from reader.translate.gloss import short_sense

    # CC-CEDICT lists 时代 as Time magazine (Shi2 dai4) before "age; era" (shi2 dai4)
    assert short_sense("时代") == "age"


def test_dictionary_syntax_never_leaks() -> None:
    # "Mt Hua in Shaanxi, … 五嶽|五岳[Wu3 yue4]": the cross-reference is cut, the name kept
    assert gloss_word("华山") == "Mt Hua"
    for word in ("华山", "奶奶", "个", "越", "中", "原标题", "首波"):
        sense = gloss_word(word)
        assert "|" not in sense and "[" not in sense and "CL:" not in sense, (word, sense)


def test_notes_around_a_sense_do_not_make_it_a_particle() -> None:
    # "(informal) grandma (paternal grandmother)" is a word; "(coll.) boobies" is not the gloss
    assert gloss_word("奶奶") == "grandma"
    assert gloss_word("了") == ""


def test_proper_noun_entries_come_after_common_ones() -> None:
    assert gloss_word("波") == "wave"  # not "Poland"
    assert gloss_word("原") == "former"  # not "Hara"
    assert gloss_word("越南") == "Vietnam"  # a proper noun with no common entry stays


def test_wan_and_yi_after_a_number_are_scaled() -> None:
    from reader.load import load_bytes
    from reader.pipeline import Options, annotate

    text = "估值超过10亿美元，收入3万元。"
    line, _ = gloss_sentence(
        next(annotate(load_bytes(text.encode(), "x.txt"), Options()).sentences())
    )
    assert "1 billion US dollars" in line and "30,000 yuan" in line
    assert "hundred million" not in line and "ten thousand" not in line
