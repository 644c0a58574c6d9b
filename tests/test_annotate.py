"""End-to-end annotation of the two sample articles (issue 2's must-shows)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.pipeline import Options, annotate_path
from reader.text_layout import cell_width

from conftest import SIMPLIFIED_SAMPLE, TRADITIONAL_SAMPLE

pytestmark = pytest.mark.shared  # the shared samples; the bundled one: test_bundled_sample.py


def annotate_json(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    assert main(["annotate", str(path), "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "sample", [SIMPLIFIED_SAMPLE, TRADITIONAL_SAMPLE], ids=["simplified", "traditional"]
)
def test_offsets_tiling_and_no_empty_or_duplicate_sentences(sample: Path) -> None:
    article = annotate_path(str(sample), Options())
    sentences = list(article.sentences())
    assert len(sentences) > 20
    seen = set()
    for i, s in enumerate(sentences):
        assert s.index == i
        assert s.text == article.text[s.start : s.end]
        assert s.text.strip() == s.text and s.text
        assert (s.start, s.end) not in seen
        seen.add((s.start, s.end))
        # tokens tile the sentence: contiguous, no gaps, concatenation is the sentence
        assert s.tokens[0].start == s.start and s.tokens[-1].end == s.end
        for a, b in zip(s.tokens, s.tokens[1:], strict=False):
            assert a.end == b.start
        assert "".join(t.text for t in s.tokens) == s.text
        assert all(t.text == article.text[t.start : t.end] for t in s.tokens)
        assert "".join(t.converted for t in s.tokens) == s.converted
    # sentences are in document order and don't overlap
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))


def test_simplified_sample_json_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    data = annotate_json(SIMPLIFIED_SAMPLE, capsys)
    assert data["title"] == "中国独角兽地图：杭州阿里巴巴创业环"
    assert data["script"] == "simplified"
    texts = [s["text"] for s in data["sentences"]]
    joined = "\n".join(texts)
    assert not re.search(r"<[a-zA-Z/!][^>]*>", joined), "HTML tag in sentence text"
    assert "http" not in joined and ".jpg" not in joined
    assert "版权所有" not in joined and "©" not in joined
    # the title is not repeated as body text
    assert texts.count("中国独角兽地图：杭州阿里巴巴创业环") <= 1
    for s in data["sentences"]:
        assert {"index", "start", "end", "text", "converted", "tokens"} <= s.keys()
        for t in s["tokens"]:
            assert {"text", "start", "end", "converted", "pinyin"} <= t.keys()


def test_traditional_sample_detected_and_converted(capsys: pytest.CaptureFixture[str]) -> None:
    data = annotate_json(TRADITIONAL_SAMPLE, capsys)
    assert data["script"] == "traditional"
    converted = "".join(s["converted"] for s in data["sentences"])
    assert "宇树科技" in converted and "辉达" in converted
    assert "宇樹科技" not in converted


def test_hang_in_bank_and_walking_differ(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("他在銀行工作。我們行走在路上。\n", encoding="utf-8")
    data = annotate_json(article, capsys, "--pinyin", "numbers")
    readings = {t["text"]: t["pinyin"] for s in data["sentences"] for t in s["tokens"]}
    assert readings["銀行"] == "yin2hang2"
    assert readings["行走"] == "xing2zou3"


def test_text_format_is_interlinear(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("标题\n我们在杭州工作。\n", encoding="utf-8")
    assert main(["annotate", str(article)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("我们"))
    assert "wǒmen" in lines[i - 1] and "hángzhōu" in lines[i - 1].lower()
    # pinyin column starts where its word starts (CJK is two cells wide)
    word_line = lines[i]
    assert cell_width(word_line[: word_line.index("在")]) == lines[i - 1].index("zài") == 6


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not an article"),
        (bytes(range(256)) * 4, "binary"),
        (b"", "empty"),
    ],
)
def test_bad_files_one_line_error(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    assert_one_line_error([str(bad)], message)


def test_missing_path_and_directory_and_undecodable(tmp_path: Path) -> None:
    assert_one_line_error([str(tmp_path / "nope.txt")], "no such file")
    assert_one_line_error([str(tmp_path)], "directory")
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("中文内容，这是一篇文章。".encode("gb18030"))
    assert_one_line_error([str(bad), "--encoding", "utf-8"], "utf-8")


def assert_one_line_error(args: list[str], needle: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "annotate", *args],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=120,
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert needle.lower() in lines[0].lower()


REQUIRED_NAMES = {
    "阿里巴巴": "Alibaba",
    "同盾科技": "Tongdun Technology",
    "宇树科技": "Unitree Robotics",
    "群核科技": "Manycore Tech",
    "强脑科技": "BrainCo",
    "云深处科技": "DEEP Robotics",
    "游戏科学": "Game Science",
    "DeepSeek": "DeepSeek",
    "海康威视": "Hikvision",
    "之江实验室": "Zhejiang Lab",
    "西湖大学": "Westlake University",
    "智东西": "Zhidx",
    "黄仁勋": "Jensen Huang",
}


def test_glossary_names_are_single_tokens_in_both_samples() -> None:
    from reader.annotate.script import convert
    from reader.glossary import load_glossary

    glossary = load_glossary()
    seen: dict[str, str] = {}
    for sample in (SIMPLIFIED_SAMPLE, TRADITIONAL_SAMPLE):
        article = annotate_path(str(sample), Options(glossary=glossary))
        found = 0
        for sentence in article.sentences():
            by_span = {(t.start, t.end): t for t in sentence.tokens}
            hits = glossary.find(sentence.text)
            for hit in hits:
                token = by_span.get((hit.start + sentence.start, hit.end + sentence.start))
                if token is not None and token.glossary is not None:
                    found += 1
                    seen[convert(token.text, "t2s")] = token.glossary.en
        # a few raw matches are dropped on purpose where they would cut a word in two
        # (下有苏杭 is one idiom, 西|湖北 a jieba cut)
        assert found >= 0.95 * sum(len(glossary.find(s.text)) for s in article.sentences())
        # names the glossary lacks are shown, but never given a made-up English rendering
        # unless they are persons or places by rule
        for t in article.tokens():
            if t.glossary and t.glossary.source == "auto" and t.glossary.en:
                assert t.glossary.type in ("person", "place"), t
    for term, english in REQUIRED_NAMES.items():
        assert seen.get(term) == english, term


def test_names_never_cut_words_in_two() -> None:
    from reader.glossary import load_glossary
    from reader.load import load_bytes
    from reader.pipeline import annotate

    text = (
        "在这个平台中，我们隆重庆祝。北京大学生在北京东城上课。小王坚持跑步。浙江省政府在西湖区。"
    )
    loaded = load_bytes(text.encode("utf-8"), "x.txt")
    article = annotate(loaded, Options(glossary=load_glossary()))
    names = {t.text: t.glossary.en for t in article.tokens() if t.glossary}
    assert "台中" not in names and "重庆" not in names and "京东" not in names
    assert "北京大学" not in names and "王坚" not in names
    assert names["北京"] == "Beijing"
    assert names["浙江省政府"] and names["西湖区"] == "Xihu District"


def test_stdin_reads_like_the_file() -> None:
    from_file = subprocess.run(
        [sys.executable, "-m", "reader", "annotate", "--format", "json", str(TRADITIONAL_SAMPLE)],
        capture_output=True,
        text=True,
        check=True,
    )
    from_stdin = subprocess.run(
        [sys.executable, "-m", "reader", "annotate", "--format", "json", "-"],
        input=TRADITIONAL_SAMPLE.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=True,
    )
    a, b = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
    assert b["text"] == a["text"] and b["title"] == a["title"]
    assert [s["text"] for s in b["sentences"]] == [s["text"] for s in a["sentences"]]


def test_quoted_and_phrase_ruled_product_names_only_in_context() -> None:
    from reader.glossary import load_glossary
    from reader.load import load_bytes
    from reader.pipeline import annotate

    glossary = load_glossary()

    def names(text: str) -> dict[str, str]:
        article = annotate(load_bytes(text.encode("utf-8"), "x.txt"), Options(glossary=glossary))
        return {t.text: t.glossary.en for t in article.tokens() if t.glossary}

    product = names("宇视科技推出了“梧桐”大模型，中昊芯英的芯片“刹那”，有道教育大模型。")
    assert product["梧桐"] == "Wutong" and product["刹那"] == "Chana"
    assert product["有道"] == "Youdao"
    ordinary = names("他说得很有道理，这一刹那我明白了。梧桐树下很凉快。")
    assert not {"有道", "刹那", "梧桐"} & ordinary.keys()


def test_text_without_chinese_is_shown_as_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "en.txt"
    article.write_text("Hello world, no Chinese here.\n", encoding="utf-8")
    assert main(["annotate", str(article)]) == 0
    out = capsys.readouterr().out
    assert "script: none" in out and "other script" not in out
    assert "Hello world, no Chinese here." in out.splitlines()
