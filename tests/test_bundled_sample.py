"""Annotation of the project's own samples (present in every clone): the behaviours
test_annotate.py checks on the shared articles, so a clone without ../shared covers them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.pipeline import Options, annotate_path

from conftest import BUNDLED_SAMPLE, BUNDLED_TRADITIONAL

SAMPLES = pytest.mark.parametrize(
    "sample", [BUNDLED_SAMPLE, BUNDLED_TRADITIONAL], ids=["simplified", "traditional"]
)


@SAMPLES
def test_offsets_tile_and_sentences_are_clean(sample: Path) -> None:
    article = annotate_path(str(sample), Options())
    sentences = list(article.sentences())
    assert len(sentences) >= 10
    for i, s in enumerate(sentences):
        assert s.index == i
        assert s.text == article.text[s.start : s.end] and s.text.strip() == s.text
        assert s.tokens[0].start == s.start and s.tokens[-1].end == s.end
        assert all(a.end == b.start for a, b in zip(s.tokens, s.tokens[1:], strict=False))
        assert "".join(t.converted for t in s.tokens) == s.converted
        assert len(s.converted) == len(s.text)
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))


@SAMPLES
def test_json_names_pinyin_and_script(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annotate", "--format", "json", str(sample)]) == 0
    data = json.loads(capsys.readouterr().out)
    traditional = sample == BUNDLED_TRADITIONAL
    assert data["script"] == ("traditional" if traditional else "simplified")
    assert data["title"] == ("杭州的幾家科技公司" if traditional else "杭州的几家科技公司")
    tokens = [t for s in data["sentences"] for t in s["tokens"]]
    names = {t["text"]: t["glossary"]["en"] for t in tokens if t["glossary"]}
    unitree = "宇樹科技" if traditional else "宇树科技"
    assert names[unitree] == "Unitree Robotics"
    assert names["阿里巴巴"] == "Alibaba"
    hangzhou = next(t for t in tokens if t["text"] == "杭州")
    assert hangzhou["pinyin"] == "hángzhōu"
    joined = "\n".join(s["text"] for s in data["sentences"])
    assert not re.search(r"<[a-zA-Z/!][^>]*>", joined) and "---" not in joined


def test_stdin_reads_like_the_file() -> None:
    args = [sys.executable, "-m", "reader", "annotate", "--format", "json"]
    from_file = subprocess.run(
        [*args, str(BUNDLED_TRADITIONAL)], capture_output=True, text=True, check=True
    )
    from_stdin = subprocess.run(
        [*args, "-"],
        input=BUNDLED_TRADITIONAL.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=True,
    )
    a, b = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
    assert b["text"] == a["text"] and b["title"] == a["title"]
    assert [s["text"] for s in b["sentences"]] == [s["text"] for s in a["sentences"]]
