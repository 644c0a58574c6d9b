"""The loader on the two shared sample articles (read from ../shared, never copied)."""

from __future__ import annotations

import re

import pytest

from reader.load import load_path

from conftest import SIMPLIFIED_SAMPLE, TRADITIONAL_SAMPLE

pytestmark = pytest.mark.shared


def _texts(loaded):  # type: ignore[no-untyped-def]
    return [loaded.text[b.start : b.end] for b in loaded.blocks]


def test_jekyll_sample_metadata() -> None:
    loaded = load_path(str(SIMPLIFIED_SAMPLE))
    front = SIMPLIFIED_SAMPLE.read_text(encoding="utf-8").split("---")[1]
    title = re.search(r'^title:\s*"(.+)"', front, re.M).group(1)  # type: ignore[union-attr]
    source = re.search(r"^from:\s*(\S+)", front, re.M).group(1)  # type: ignore[union-attr]
    author = re.search(r"^author:\s*(\S+)", front, re.M).group(1)  # type: ignore[union-attr]
    assert loaded.meta.title == title
    assert loaded.meta.source_url == source
    assert loaded.meta.author == author
    assert loaded.meta.date == "2020-10-26T19:30:00Z"
    assert loaded.meta.format == "jekyll-html"
    assert loaded.meta.encoding == "utf-8"


def test_jekyll_sample_text_is_clean() -> None:
    loaded = load_path(str(SIMPLIFIED_SAMPLE))
    texts = _texts(loaded)
    assert texts[0] == loaded.meta.title and loaded.blocks[0].kind == "heading"
    # The leading "[title](url)\n------" repeats the title: shown once.
    assert loaded.text.count(loaded.meta.title) == 1
    for forbidden in ("<", ">", "http", ".jpg", "referrerpolicy", "font-size", "1603740600000"):
        assert forbidden not in loaded.text
    for text in texts:
        assert text == text.strip(" \u3000\t") and text
    # Inline <strong>/<span> stay inside their paragraph.
    assert texts[1].startswith("山田周平：浙江杭州是阿里巴巴集团所在地")
    assert any("而杭州的独角兽企业支撑着既存企业的高效率化等，给人的印象是扎实" in t for t in texts)


def test_jekyll_sample_captions_are_captions() -> None:
    loaded = load_path(str(SIMPLIFIED_SAMPLE))
    captions = [
        t for b, t in zip(loaded.blocks, _texts(loaded), strict=True) if b.kind == "caption"
    ]
    assert captions == [
        "同盾科技与浙江大学共同进行AI研究",
        "搭载涂鸦信息技术（Tuya）的模块后，家电能轻松实现物联网化",
    ]


def test_jekyll_sample_copyright_line_is_dropped_byline_kept() -> None:
    """Decision: the closing 版权声明 is site boilerplate (the same on every nikkei.com
    article), not article text, so it is left out; the author line before it is kept."""
    loaded = load_path(str(SIMPLIFIED_SAMPLE))
    assert "版权" not in loaded.text and "转载" not in loaded.text
    assert _texts(loaded)[-1].startswith("本文作者为日本经济新闻")
    # Only the copyright line is left out (the repeated title is shown once, not dropped).
    assert loaded.dropped_chars == len(
        "版权声明：日本经济新闻社版权所有，未经授权不得转载或部分复制，违者必究。"
    )
    assert "版权声明" in loaded.full_text


def test_jekyll_sample_paragraph_count_matches_source() -> None:
    """Every non-empty <p> of the body is one block: nothing is lost or merged."""
    raw = SIMPLIFIED_SAMPLE.read_text(encoding="utf-8")
    paragraphs = [
        re.sub(r"<[^>]+>", "", p).strip(" \u3000\t") for p in re.findall(r"<p>(.*?)</p>", raw, re.S)
    ]
    paragraphs = [p for p in paragraphs if p]
    texts = _texts(loaded := load_path(str(SIMPLIFIED_SAMPLE)))
    body = [t for b, t in zip(loaded.blocks, texts, strict=True) if b.kind == "p"]
    assert body == paragraphs


def test_traditional_sample_one_block_per_line() -> None:
    loaded = load_path(str(TRADITIONAL_SAMPLE))
    raw = TRADITIONAL_SAMPLE.read_text(encoding="utf-8")
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    assert _texts(loaded) == lines
    assert loaded.meta.title == lines[0]
    assert loaded.blocks[0].kind == "heading"
    assert loaded.meta.format == "text" and loaded.meta.encoding == "utf-8"
    assert loaded.dropped_chars == 0
    kinds = {b.kind for b in loaded.blocks}
    assert kinds <= {"heading", "p", "caption"}
    assert any(
        t.startswith("▲")
        for t, b in zip(_texts(loaded), loaded.blocks, strict=True)
        if b.kind == "caption"
    )


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_traditional_sample_survives_reencoding(tmp_path, encoding: str) -> None:  # type: ignore[no-untyped-def]
    raw = TRADITIONAL_SAMPLE.read_text(encoding="utf-8")
    target = tmp_path / "article.txt"
    target.write_bytes(raw.encode(encoding))
    expected = load_path(str(TRADITIONAL_SAMPLE))
    loaded = load_path(str(target))
    assert loaded.text == expected.text
    assert loaded.blocks == expected.blocks
