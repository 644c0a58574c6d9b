from __future__ import annotations

from pathlib import Path

import pytest

from reader.resources import default_resources
from reader.segment.sentences import split_sentences
from reader.segment.words import merge_spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他说：“好。”然后走了！真的？", ["他说：“好。”", "然后走了！", "真的？"]),
        ("我们等着……后来他来了。", ["我们等着……", "后来他来了。"]),
        ("「走吧！」她說。", ["「走吧！」", "她說。"]),
        ("（见附图。）下一句。", ["（见附图。）", "下一句。"]),
        ("DeepSeek-R1 有3.9 billion 参数。下一句", ["DeepSeek-R1 有3.9 billion 参数。", "下一句"]),
        (
            "网址是 https://example.com/a.html 欢迎。好",
            ["网址是 https://example.com/a.html 欢迎。", "好"],
        ),
        ("It costs $3.5 million. 然后呢?", ["It costs $3.5 million.", "然后呢?"]),
        ("杭州,離“中國矽谷”還有多遠?", ["杭州,離“中國矽谷”還有多遠?"]),
        ("没有标点的一句话", ["没有标点的一句话"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_spans_are_offsets_into_the_block_and_trimmed() -> None:
    text = "前言\n　　第一句。  第二句！\n"
    spans = split_sentences(text, 3, len(text))
    assert [text[a:b] for a, b in spans] == ["第一句。", "第二句！"]
    assert spans[0][0] == text.index("第一句")


def test_empty_or_blank_block_has_no_sentences() -> None:
    assert split_sentences("   \u3000 ") == []


def test_merge_spans_keeps_names_whole() -> None:
    # tokens: 宇树 | 科技 | 发布 ; name covers 0..4
    spans = [(0, 2), (2, 4), (4, 6)]
    assert merge_spans(spans, [(0, 4)]) == [(0, 4), (4, 6)]
    # a token crossing a name's edge is cut at the edge
    assert merge_spans([(0, 3), (3, 6)], [(1, 4)]) == [(0, 1), (1, 4), (4, 6)]


def test_user_words_stay_one_token() -> None:
    base = default_resources().segmenter
    text = "之江实验室和群核科技合作"
    seg = base.with_words(["之江实验室", "群核科技"])
    words = [text[a:b] for a, b in seg.cut(text)]
    assert "之江实验室" in words and "群核科技" in words
    assert "".join(words) == text
    # the base segmenter was not taught the words (no state leaks between runs)
    assert "群核科技" not in [text[a:b] for a, b in base.cut(text)]


def test_crosses_words_finds_names_cut_across_word_edges() -> None:
    from reader.segment.words import crosses_words

    # 在|这个|平台|中 : 台中 (5..7) starts inside 平台
    spans = [(0, 1), (1, 3), (3, 5), (5, 6)]
    assert crosses_words(spans, 4, 6)
    # 北京|大学生 : 北京大学 (0..4) ends inside a word that began inside it
    assert crosses_words([(0, 2), (2, 5)], 0, 4)
    # 浙江省政府 : 浙江 heads the word
    assert not crosses_words([(0, 5)], 0, 2)
    # aligned on both edges
    assert not crosses_words([(0, 2), (2, 4), (4, 6)], 2, 6)


def test_cell_width_counts_wide_zero_width_and_narrow_characters() -> None:
    from reader.text_layout import cell_width

    assert cell_width("宇树") == 4
    assert cell_width("AI") == 2
    assert cell_width("e\u0301") == 1  # e + combining acute
    assert cell_width("\u200d") == 0
    assert cell_width("😀") == 2


def test_urls_and_punctuated_latin_words_are_one_token_each() -> None:
    seg = default_resources().segmenter
    text = "网址是 https://example.com/a.b?c=d 。DeepSeek-R1 有3.9亿参数……他说——好。"
    words = [text[a:b] for a, b in seg.cut(text)]
    assert "https://example.com/a.b?c=d" in words
    assert "DeepSeek-R1" in words and "3.9" in words
    assert "……" in words and "——" in words
    assert "".join(words) == text
    # a full stop right after a URL stays outside it
    tail = "见 www.example.com."
    assert "www.example.com" in [tail[a:b] for a, b in seg.cut(tail)]


def test_emoji_sequences_and_flags_are_one_token() -> None:
    seg = default_resources().segmenter
    family = "👨\u200d👩\u200d👧"
    text = f"我爱杭州{family}！🇨🇳加油"
    words = [text[a:b] for a, b in seg.cut(text)]
    assert family in words and "🇨🇳" in words


_JIEBA_SAMPLES = [
    "杭州,离“中国硅谷”还有多远?之江实验室和群核科技都在余杭区。",
    "DeepSeek-R1 有3.9 billion 参数，网址是 https://example.com/a.html 欢迎。",
    "他说：“好。”然后走了！真的？  我们等着……后来他来了。",
    "宇树科技的王兴兴在2024年发布了人形机器人G1，售价9.9万元。",
    "马斯克说特斯拉的Optimus明年量产，扎克伯格不以为然。",
]


@pytest.mark.parametrize("text", _JIEBA_SAMPLES)
def test_own_dag_cut_gives_jiebas_words(text: str) -> None:
    """reader.segment.dag reads the tables directly but must cut exactly as jieba does,
    for the base segmenter and for one with words of its own (prefixes of base words too)."""
    from reader.segment.dag import WordTable, cut_words

    base = default_resources().segmenter
    derived = base.with_words(["之江实验室", "群核科技", "王兴兴", "扎克伯格", "余杭"])
    for seg in (base, derived):
        seg._prefill(text)
        table = WordTable({}, seg._tokenizer.FREQ, seg._tokenizer.total)
        assert cut_words(text, table) == list(seg._tokenizer.cut(text, HMM=True))


@pytest.mark.parametrize("text", _JIEBA_SAMPLES)
def test_a_cut_reading_the_table_as_it_goes_equals_one_over_a_prefilled_table(
    text: str, tmp_path: Path
) -> None:
    """Segmenter.cut reads words as its DAG scan meets them (no prefill pass): from a fresh
    segmenter, whose memo holds nothing yet, the words are those of a cut over a table
    prefilled with everything the text reaches (which the test above ties to jieba)."""
    from reader.resources import Resources
    from reader.segment.dag import WordTable, cut_words

    own = ["之江实验室", "群核科技", "王兴兴", "扎克伯格", "余杭"]

    def fresh(words: list[str]):  # type: ignore[no-untyped-def]
        seg = Resources(tmp_path / "cache").segmenter
        return seg.with_words(words, key="test") if words else seg

    for words in ([], own):
        prefilled = fresh(words)
        prefilled._prefill(text)
        full = WordTable({}, prefilled._tokenizer.FREQ, prefilled._tokenizer.total)
        lazy = fresh(words)
        as_it_goes = WordTable({}, {}, lazy._tokenizer.total, lazy._lookup)
        assert cut_words(text, as_it_goes) == cut_words(text, full)
        assert lazy._tokenizer.FREQ  # the scan memoised what it read
