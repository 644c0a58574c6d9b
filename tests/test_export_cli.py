"""`reader export` end to end on both sample articles, each format parsed back."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.cli import main

from conftest import (
    BUNDLED_SAMPLE,
    BUNDLED_TRADITIONAL,
    SIMPLIFIED_SAMPLE,
    TRADITIONAL_SAMPLE,
    have_shared,
)

pytest.importorskip("reader.pipeline")

SAMPLES = {
    "traditional": TRADITIONAL_SAMPLE,
    "simplified": SIMPLIFIED_SAMPLE,
    "bundled-traditional": BUNDLED_TRADITIONAL,
    "bundled-simplified": BUNDLED_SAMPLE,
}
# The shared samples skip (with a reason) when ../shared is absent; the bundled ones always run.
SAMPLE_PARAMS = [
    pytest.param(name, marks=[pytest.mark.shared] if not name.startswith("bundled") else [])
    for name in SAMPLES
]
SAMPLE = TRADITIONAL_SAMPLE if have_shared() else BUNDLED_TRADITIONAL  # for one-article tests
# An extra glossary so names are checked whatever the shipped glossaries hold.
GLOSSARY = (
    "zh\ten\ttype\taliases\tnote\n"
    "宇樹科技\tUnitree Robotics\tcompany\t宇树科技\t\n"
    "同盾科技\tTongdun Technology\tcompany\t同盾科技\t\n"
    "黃仁勳\tJensen Huang\tperson\t黄仁勋\t\n"
)


@pytest.fixture(scope="module")
def glossary_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("glossary") / "test-names.tsv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def articles(glossary_file: Path) -> dict[str, object]:
    """Each sample annotated the way the CLI does it (for counts to compare against)."""
    from reader.glossary import load_glossary
    from reader.pipeline import Options, annotate_path

    glossary = load_glossary(extra_files=(str(glossary_file),))
    return {
        name: annotate_path(str(path), Options(glossary=glossary))
        for name, path in SAMPLES.items()
        if path.exists()
    }


def export(sample: str, fmt: str, out: Path, glossary: Path, *extra: str) -> tuple[int, str]:
    argv = [
        "export",
        str(SAMPLES[sample]),
        "--format",
        fmt,
        "-o",
        str(out),
        "--no-translate",
        "--glossary",
        str(glossary),
        *extra,
    ]
    return main(argv), out.read_text(encoding="utf-8") if out.exists() else ""


def _han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("sample", SAMPLE_PARAMS)
def test_json_for_sample(sample: str, tmp_path: Path, glossary_file: Path, articles) -> None:
    rc, text = export(sample, "json", tmp_path / "a.json", glossary_file)
    assert rc == 0
    doc = json.loads(text)
    art = articles[sample]
    assert len(doc["sentences"]) == sum(1 for _ in art.sentences())
    assert sum(len(s["tokens"]) for s in doc["sentences"]) == sum(1 for _ in art.tokens())
    assert doc["script"] == sample.removeprefix("bundled-")
    for s in doc["sentences"]:
        assert doc["text"][s["start"] : s["end"]] == s["text"]
        assert s["translation"] is None
    names = {t["glossary"]["en"] for s in doc["sentences"] for t in s["tokens"] if t["glossary"]}
    assert ("Tongdun Technology" if sample == "simplified" else "Unitree Robotics") in names


@pytest.mark.parametrize("sample", SAMPLE_PARAMS)
def test_tsv_for_sample(sample: str, tmp_path: Path, glossary_file: Path, articles) -> None:
    rc, text = export(sample, "tsv", tmp_path / "a.tsv", glossary_file)
    assert rc == 0
    lines = text.rstrip("\n").split("\n")
    sentences = list(articles[sample].sentences())
    assert len(lines) == 1 + len(sentences)
    for line, s in zip(lines[1:], sentences, strict=True):
        fields = line.split("\t")
        assert len(fields) == 5
        assert fields[0] == " ".join(s.text.split("\t"))
        assert fields[4] in ("", "mt", "mt+name-fixed", "mt+pieces", "gloss", "copied")
        if _han(s.text):
            assert fields[2], f"no pinyin for {s.text}"


class RubyCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ruby = 0
        self.rt = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ruby":
            self.ruby += 1
        elif tag == "rt" and dict(attrs).get("class") != "x":
            self.rt += 1


@pytest.mark.parametrize("sample", SAMPLE_PARAMS)
def test_html_for_sample(sample: str, tmp_path: Path, glossary_file: Path, articles) -> None:
    rc, text = export(sample, "html", tmp_path / "a.html", glossary_file)
    assert rc == 0
    counter = RubyCounter()
    counter.feed(text)
    tokens = list(articles[sample].tokens())
    words = [t for t in tokens if _han(t.text)]
    assert counter.ruby == len(words)
    assert counter.rt == sum(1 for t in words for ch in t.text if "\u4e00" <= ch <= "\u9fff")
    from lxml import html as lhtml

    root = lhtml.document_fromstring(text)
    assert not root.xpath("//script | //img | //link | //@src")
    assert len(root.xpath("//span[contains(@class,'name')][@title]")) >= sum(
        1 for t in tokens if t.glossary
    )


@pytest.mark.parametrize("sample", SAMPLE_PARAMS)
def test_markdown_for_sample(sample: str, tmp_path: Path, glossary_file: Path, articles) -> None:
    rc, text = export(sample, "md", tmp_path / "a.md", glossary_file)
    assert rc == 0
    hits = [t.glossary for t in articles[sample].tokens() if t.glossary is not None]
    assert hits
    for hit in hits:
        assert hit.en.replace("*", "\\*").replace("_", "\\_") in text, hit.en
    wanted = {
        "traditional": "**宇樹科技** (Unitree Robotics)",
        "simplified": "**同盾科技**",
        "bundled-traditional": "**宇樹科技** (Unitree Robotics)",
        "bundled-simplified": "**宇树科技** (Unitree Robotics)",
    }[sample]
    assert wanted in text


@pytest.mark.parametrize("sample", SAMPLE_PARAMS)
def test_anki_for_sample(sample: str, tmp_path: Path, glossary_file: Path) -> None:
    rc, text = export(sample, "anki", tmp_path / "a.txt", glossary_file, "--all-vocab")
    assert rc == 0
    lines = text.rstrip("\n").split("\n")
    assert lines[0] == "#separator:tab" and lines[1] == "#html:true"
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert len(rows) >= 5 and all(len(r) == 6 for r in rows)
    words = [r[0] for r in rows]
    assert len(words) == len(set(words))
    assert "宇樹科技" not in words and "同盾科技" not in words  # names left out
    assert all(f"<b>{r[0]}</b>" in r[4] for r in rows)
    assert sum(1 for r in rows if r[3]) >= len(rows) * 0.7  # most have a definition


def test_stdout_and_format_from_file_name(tmp_path: Path, glossary_file: Path, capsys) -> None:
    rc = main(["export", str(SAMPLE), "-f", "tsv", "-o", "-", "--no-translate"])
    assert rc == 0
    out = capsys.readouterr().out
    assert out.startswith("original\tconverted\tpinyin\tenglish\tmethod\n")
    target = tmp_path / "page.html"
    rc = main(["export", str(SAMPLE), "-o", str(target), "--no-translate"])
    assert rc == 0 and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    rc = main(["export", str(SAMPLE), "-o", str(tmp_path / "x.doc")])
    err = capsys.readouterr().err
    assert rc == 2 and "--format" in err and "Traceback" not in err


def test_existing_file_needs_force(tmp_path: Path, capsys) -> None:
    out = tmp_path / "a.md"
    out.write_text("mine", encoding="utf-8")
    argv = ["export", str(SAMPLE), "-f", "md", "-o", str(out), "--no-translate"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--force" in err
    assert out.read_text(encoding="utf-8") == "mine"
    assert main([*argv, "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# ")
    assert os.listdir(tmp_path) == ["a.md"]  # no temp file left behind


def test_anki_needs_a_selection(tmp_path: Path, capsys) -> None:
    out = tmp_path / "deck.txt"
    assert main(["export", str(SAMPLE), "-f", "anki", "-o", str(out)]) == 2
    assert "--all-vocab" in capsys.readouterr().err and not out.exists()
    rc = main(
        [
            "export",
            str(SAMPLE),
            "-f",
            "anki",
            "-o",
            str(out),
            "--no-translate",
            "--words",
            "銀行,行走，杭州",
        ]
    )
    assert rc == 0
    rows = [r.split("\t") for r in out.read_text("utf-8").splitlines() if not r.startswith("#")]
    assert [r[0] for r in rows] == ["銀行", "行走", "杭州"]


def test_bad_input_is_one_line(tmp_path: Path, capsys) -> None:
    rc = main(["export", str(tmp_path / "missing.txt"), "-f", "md", "-o", str(tmp_path / "a.md")])
    err = capsys.readouterr().err
    assert rc != 0 and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "a.md").exists()


def test_translated_export_without_model_is_labelled_gloss(tmp_path: Path, capsys) -> None:
    translate = pytest.importorskip("reader.translate")
    if not hasattr(translate, "translate_article"):
        pytest.skip("reader.translate.translate_article not written yet")
    out = tmp_path / "a.md"
    assert main(["export", str(SAMPLE), "-f", "md", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "- English: gloss (no MT model installed)" in text
    assert "no translation model installed" in capsys.readouterr().err
    js = tmp_path / "a.json"
    assert main(["export", str(SAMPLE), "-f", "json", "-o", str(js)]) == 0
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert doc["model"] is None
    assert all(s["translation_method"] == "gloss" for s in doc["sentences"] if s["translation"])
    assert "stats" in doc
