"""The other-script column converts along the word segmentation (no phrase across words)."""

from __future__ import annotations

import pytest

from reader.annotate.script import convert_aligned
from reader.segment.words import Segmenter


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("董宇辉发长信回应", "董宇輝發長信回應"),  # 发 the verb, not 发长 "long hair"
        ("他的头发很长", "他的頭髮很長"),
        ("他去理发了", "他去理髮了"),
        ("公司发布了新产品", "公司發佈了新產品"),
        ("我们一起去干活", "我們一起去幹活"),
        ("衣服已经晒干了", "衣服已經曬乾了"),
        ("房间很干净", "房間很乾淨"),
        ("后来他们走了", "後來他們走了"),
        ("皇后和国王", "皇后和國王"),
        ("我们后天再见", "我們後天再見"),
        ("孩子们在家里玩", "孩子們在家裡玩"),
        ("里面有人", "裡面有人"),
        ("我想吃面", "我想吃麵"),
        ("一碗面条", "一碗麵條"),
        ("我们要面对问题", "我們要面對問題"),
        ("台风明天登陆", "颱風明天登陸"),
        ("他站在舞台上", "他站在舞臺上"),
    ],
)
def test_s2tw_along_words(segmenter: Segmenter, text: str, expected: str) -> None:
    spans = segmenter.cut(text)
    pieces = convert_aligned(text, spans, "s2tw")
    assert [len(p) for p in pieces] == [b - a for a, b in spans]
    assert "".join(pieces) == expected


def test_t2s_keeps_offsets(segmenter: Segmenter) -> None:
    text = "董宇輝發長信回應"
    spans = [(0, 3), (3, 4), (4, 6), (6, 8)]
    assert "".join(convert_aligned(text, spans, "t2s")) == "董宇辉发长信回应"


def test_a_newline_inside_the_pieces_still_converts() -> None:
    text = "头发\n发展"
    spans = [(0, 2), (2, 3), (3, 5)]
    assert "".join(convert_aligned(text, spans, "s2t")) == "頭髮\n發展"


def test_the_pipelines_other_script_column_follows_the_words() -> None:
    """The annotated article converts along its tokens (the column a reader sees), not
    the sentence whole: 董宇辉|发|长信 keeps the verb 發 (发长 would be "long hair")."""
    from reader.model import Block, LoadedText, Meta
    from reader.pipeline import Options, annotate

    text = "董宇辉发长信回应。他的头发很长。我们一起去干活。"
    loaded = LoadedText(text=text, blocks=(Block(0, len(text)),), meta=Meta())
    article = annotate(loaded, Options())
    assert article.conversion.startswith("s2t")
    converted = "".join(t.converted for t in article.tokens())
    assert "董宇輝發長信" in converted
    assert "頭髮" in converted and "幹活" in converted


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
def test_opencc_phrase_errors_are_corrected_from_the_fixes_table(config: str) -> None:
    from reader.annotate.script import convert

    # OpenCC's STPhrases writes 徐汇区 with the 彙 of 词汇; reader/data/opencc_fixes.tsv
    # corrects it, and the 彙 of 词汇 itself stays.
    assert convert("上海市徐汇区漕溪北路", config) == "上海市徐匯區漕溪北路"
    assert convert("词汇", config) == "詞彙"


def test_every_opencc_fix_names_a_dictionary_and_keeps_lengths() -> None:
    from reader.annotate.script import _opencc_dir, opencc_fixes

    fixes = opencc_fixes()
    assert fixes, "the fixes table is empty"
    for file, rows in fixes.items():
        assert (_opencc_dir() / "dictionary" / file).is_file(), file
        assert all(len(key) == len(value) for key, value in rows.items())
