"""Matching: both scripts, longest match, deterministic overlaps, Latin terms, ambiguous terms."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.glossary import load_glossary
from reader.glossary.fold import fold
from reader.glossary.format import parse_tsv
from reader.glossary.store import Glossary

# Same paths as tests/conftest.py (not importable as a module in every pytest import mode).
from conftest import BUNDLED_SAMPLE, BUNDLED_TRADITIONAL, SIMPLIFIED_SAMPLE, TRADITIONAL_SAMPLE

BASIC = Path(__file__).parent / "data" / "glossary" / "basic.tsv"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(use_default=False, use_user=False, extra_files=[BASIC])


def names(g: Glossary, text: str) -> list[tuple[str, str]]:
    return [(text[h.start : h.end], h.en) for h in g.find(text)]


@pytest.mark.parametrize(
    "samples",
    [
        pytest.param(
            (TRADITIONAL_SAMPLE, SIMPLIFIED_SAMPLE), marks=pytest.mark.shared, id="shared"
        ),
        pytest.param((BUNDLED_TRADITIONAL, BUNDLED_SAMPLE), id="bundled"),
    ],
)
def test_fold_keeps_length_and_agrees_with_opencc_t2s(samples: tuple[Path, Path]) -> None:
    import opencc

    t2s = opencc.OpenCC("t2s")
    for sample in samples:
        text = sample.read_text(encoding="utf-8")
        folded = fold(text)
        assert len(folded) == len(text)
        reference = t2s.convert(text)
        assert len(reference) == len(text)
        han = [i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff"]
        differ = [i for i in han if folded[i] != reference[i]]
        assert differ == [], [text[i] for i in differ]
    assert fold("瞭解乾隆ＤｅｅｐＳｅｅｋ") == "了解乾隆deepseek"


def test_simplified_entry_matches_traditional_text_and_vice_versa(glossary: Glossary) -> None:
    # 之江实验室 is written Simplified in the file, 宇樹科技 Traditional.
    assert names(glossary, "之江實驗室與宇樹科技") == [
        ("之江實驗室", "Zhejiang Lab"),
        ("宇樹科技", "Unitree Robotics"),
    ]
    assert names(glossary, "之江实验室与宇树科技") == [
        ("之江实验室", "Zhejiang Lab"),
        ("宇树科技", "Unitree Robotics"),
    ]


def test_hits_carry_offsets_into_the_original_text_and_source(glossary: Glossary) -> None:
    text = "據報導，浙江大學的學生"
    (hit,) = glossary.find(text)
    assert text[hit.start : hit.end] == "浙江大學"
    assert (hit.term, hit.en, hit.type, hit.source) == (
        "浙江大学",
        "Zhejiang University",
        "university",
        "glossary",
    )
    assert hit.source_file == str(BASIC)
    alias = glossary.find("浙大")[0]
    assert alias.term == "浙江大学" and alias.en == "Zhejiang University"


def test_longest_match_wins(glossary: Glossary) -> None:
    assert names(glossary, "之江实验室") == [("之江实验室", "Zhejiang Lab")]
    assert names(glossary, "之江的实验室") == [("之江", "Zhijiang")]
    assert names(glossary, "西湖大学在西湖边") == [
        ("西湖大学", "Westlake University"),
        ("西湖", "West Lake"),
    ]


def test_overlaps_resolve_leftmost_longest_whatever_the_file_order(tmp_path: Path) -> None:
    lines = BASIC.read_text(encoding="utf-8").splitlines()
    header, rows = lines[1], [ln for ln in lines[2:] if ln and not ln.startswith("#")]
    text = "杭州湾区和湾区杭州湾"
    expected = [
        ("杭州湾", "Hangzhou Bay"),  # 杭州湾 vs 湾区 overlap: leftmost wins, then longest
        ("湾区", "Bay Area"),
        ("杭州湾", "Hangzhou Bay"),
    ]
    for seed in range(5):
        random.Random(seed).shuffle(rows)
        parsed = parse_tsv("\n".join([header, *rows]), f"shuffled{seed}.tsv")
        g = Glossary([parsed])
        assert names(g, text) == expected
        hits = g.find(text)
        assert all(a.end <= b.start for a, b in zip(hits, hits[1:], strict=False))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DeepSeek-V3发布", [("DeepSeek", "DeepSeek")]),
        ("deepseek和DEEPSEEK", [("deepseek", "DeepSeek"), ("DEEPSEEK", "DeepSeek")]),
        ("全角ＤｅｅｐＳｅｅｋ", [("ＤｅｅｐＳｅｅｋ", "DeepSeek")]),
        ("据36Kr报道", [("36Kr", "36Kr")]),
        ("MyDeepSeek and DeepSeeker", []),
        ("136Kr或36Kr2", []),
    ],
)
def test_latin_terms_case_insensitive_on_word_boundaries(
    glossary: Glossary, text: str, expected: list[tuple[str, str]]
) -> None:
    assert names(glossary, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "我联想到小时候的事情。",
        "祝你一路平安。",
        "他是个快手，做事很快。",
        "小米粥很好喝。",
        "这是一个新的时代的产品。",
        "看到这张照片，让人联想起过去。",
    ],
)
def test_ambiguous_term_used_as_ordinary_word_is_not_matched(glossary: Glossary, text: str) -> None:
    assert glossary.find(text) == []
    # ...but the look-up still offers the name.
    offered = {h.en for h in glossary.candidates(text)}
    assert offered & {"Lenovo", "Ping An", "Kuaishou", "Xiaomi", "Time"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("联想发布新款电脑。", [("联想", "Lenovo")]),
        ("聯想近日宣布裁員。", [("聯想", "Lenovo")]),  # gap word, Traditional
        ("联想集团的业绩", [("联想", "Lenovo")]),  # company suffix
        ("中国平安的股价", [("平安", "Ping An")]),  # explicit phrase rule
        ("快手科技上市", [("快手", "Kuaishou")]),
        ("他订阅了《时代》杂志", [("时代", "Time")]),  # wrapped in title marks
        ("收购快手的传闻", [("快手", "Kuaishou")]),  # word before
        (
            "联想、华为和小米都参加了。",
            [("联想", "Lenovo"), ("华为", "Huawei"), ("小米", "Xiaomi")],
        ),
        (
            "联想、小米和华为",  # a chain: 小米 anchors 联想 once it is accepted
            [("联想", "Lenovo"), ("小米", "Xiaomi"), ("华为", "Huawei")],
        ),
    ],
)
def test_ambiguous_term_matched_where_context_supports_a_name(
    glossary: Glossary, text: str, expected: list[tuple[str, str]]
) -> None:
    assert names(glossary, text) == expected


def test_candidates_include_overlaps(glossary: Glossary) -> None:
    spans = [(h.start, h.end, h.en) for h in glossary.candidates("之江实验室")]
    assert spans == [(0, 5, "Zhejiang Lab"), (0, 2, "Zhijiang")]


@pytest.mark.shared
def test_find_on_the_samples_with_the_fixture(glossary: Glossary) -> None:
    text = TRADITIONAL_SAMPLE.read_text(encoding="utf-8")
    found = {text[h.start : h.end] for h in glossary.find(text)}
    assert {"之江實驗室", "宇樹科技", "浙江大學", "DeepSeek", "西湖大學", "阿里巴巴"} <= found


def test_a_name_established_in_the_text_holds_for_its_other_occurrences(
    glossary: Glossary,
) -> None:
    text = "小米创始人雷军说，小米进入汽车市场。"
    assert names(glossary, text) == [("小米", "Xiaomi"), ("小米", "Xiaomi")]
    # Without the first sentence, the second gives no evidence.
    assert names(glossary, "小米进入汽车市场。") == []


def test_block_rules_beat_an_established_name(glossary: Glossary) -> None:
    text = "联想发布了新款笔记本电脑。看到广告，我联想到了大学时光。"
    assert names(glossary, text) == [("联想", "Lenovo")]


def test_established_across_a_document(glossary: Glossary) -> None:
    sentences = ["小米创始人雷军说。", "小米进入汽车市场。", "他喝了小米粥。"]
    assert glossary.established(sentences) == frozenset({"小米"})
    per_sentence = glossary.find_document(sentences)
    assert [
        [(s[h.start : h.end], h.en) for h in hits]
        for s, hits in zip(sentences, per_sentence, strict=True)
    ] == [
        [("小米", "Xiaomi")],
        [("小米", "Xiaomi")],
        [],  # 小米粥: a block rule
    ]
    assert glossary.find(sentences[1], glossary.established(sentences))[0].en == "Xiaomi"


def test_classify_is_the_same_with_or_without_the_documents_matches(glossary: Glossary) -> None:
    """established_by_rules keeps each sentence's matches for classify: the candidates must
    not depend on which document was read last."""
    texts = ["小米集团发布了新手机，联想到华为。", "宇樹科技在杭州。"]
    alone = [glossary.classify(t) for t in texts]
    glossary.established_by_rules(texts)
    assert [glossary.classify(t, fold(t)) for t in texts] == alone
    glossary.established_by_rules(["另一篇文章里只有阿里巴巴。"])
    assert [glossary.classify(t) for t in texts] == alone
    assert any(alone)
