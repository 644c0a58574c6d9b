"""`reader translate` on both sample articles through the production path.

The fixture package is installed with `reader model install`, then each sample goes
load → annotate → glossary → translate → JSON exactly as a user runs it. The model's
English is noise; alignment, names, cache hits and labelling are what is checked.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main

from argos_fixture import fixture_argosmodel
from conftest import (
    BUNDLED_SAMPLE,
    BUNDLED_TRADITIONAL,
    MODEL_PACKAGE,
    SHARED,
    SIMPLIFIED_SAMPLE,
    TRADITIONAL_SAMPLE,
    have_shared,
)

SAMPLES = [
    pytest.param(SIMPLIFIED_SAMPLE, marks=pytest.mark.shared, id="simplified"),
    pytest.param(TRADITIONAL_SAMPLE, marks=pytest.mark.shared, id="traditional"),
    pytest.param(BUNDLED_SAMPLE, id="bundled-simplified"),
    pytest.param(BUNDLED_TRADITIONAL, id="bundled-traditional"),
]
# One article of each script for the tests that need just one (bundled without ../shared).
SIMPLIFIED = SIMPLIFIED_SAMPLE if have_shared() else BUNDLED_SAMPLE
TRADITIONAL = TRADITIONAL_SAMPLE if have_shared() else BUNDLED_TRADITIONAL
# The real-shaped 1.9 package (random weights) in ../shared/models.
needs_shared_model = pytest.mark.shared(
    str(SIMPLIFIED_SAMPLE.relative_to(SHARED)), str(MODEL_PACKAGE.relative_to(SHARED))
)


@pytest.fixture(scope="session")
def argos_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_argosmodel(tmp_path_factory)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def translate_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, err = run(capsys, "translate", *argv, "--format", "json")
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    return doc


def rendering_counts(text: str, renderings: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for r in sorted(set(renderings), key=len, reverse=True):
        pattern = rf"(?<![A-Za-z0-9]){re.escape(r)}(?![A-Za-z0-9])"
        counts[r] = len(re.findall(pattern, text))
        text = re.sub(pattern, "\0", text)
    return counts


def names_of(sentence: dict[str, Any]) -> list[str]:
    """The renderings imposed on the translation: forced names with an English form."""
    return [
        t["glossary"]["en"]
        for t in sentence["tokens"]
        if t["glossary"] and t["glossary"]["forced"] and t["glossary"]["en"]
    ]


def latin_in_source(sentence: dict[str, Any], names: list[str]) -> Counter[str]:
    """Renderings already written in Latin in the source outside the names (e.g. "AI")."""
    text = sentence["text"]
    for tok in sentence["tokens"]:
        if tok["glossary"]:
            a, b = tok["start"] - sentence["start"], tok["end"] - sentence["start"]
            text = text[:a] + "\0" * (b - a) + text[b:]
    return rendering_counts(text, names)


@pytest.fixture
def installed(capsys: pytest.CaptureFixture[str], argos_package: Path) -> None:
    code, out, err = run(capsys, "model", "install", str(argos_package))
    assert code == 0, err


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_sentence_translated_with_every_name_exact(
    capsys: pytest.CaptureFixture[str], installed: None, sample: Path
) -> None:
    code, out, _ = run(capsys, "annotate", str(sample), "--format", "json")
    annotated = json.loads(out)
    doc = translate_json(capsys, str(sample))

    # Same document as `reader annotate`, one translation per sentence.
    assert [s["text"] for s in doc["sentences"]] == [s["text"] for s in annotated["sentences"]]
    assert set(annotated) <= set(doc)
    assert doc["model"].startswith("translate-zh_en-0_1@")
    total_names = 0
    for s in doc["sentences"]:
        assert isinstance(s["translation"], str) and s["translation"].strip(), s["text"]
        assert s["translation_method"] in ("mt", "mt+name-fixed", "mt+pieces", "copied")
        assert s["repaired"] == (s["translation_method"] in ("mt+name-fixed", "mt+pieces"))
        names = names_of(s)
        total_names += len(names)
        assert s["glossary_applied"] == names
        want = Counter(names) + latin_in_source(s, names)
        assert rendering_counts(s["translation"], names) == want, (s["text"], s["translation"])
    assert total_names >= 10  # the samples are full of company and place names
    stats = doc["stats"]
    assert stats["from_cache"] == 0
    assert stats["sent_to_model"] + stats["copied"] == len(doc["sentences"])
    assert stats["repaired"] >= 1  # random weights never copy a name: the repair path ran

    again = translate_json(capsys, str(sample))
    assert again["stats"]["sent_to_model"] == 0
    assert again["stats"]["from_cache"] == stats["sent_to_model"]
    assert [s["translation"] for s in again["sentences"]] == [
        s["translation"] for s in doc["sentences"]
    ]


def test_text_and_tsv_formats(capsys: pytest.CaptureFixture[str], installed: None) -> None:
    doc = translate_json(capsys, str(SIMPLIFIED))
    n = len(doc["sentences"])
    code, out, _ = run(capsys, "translate", str(SIMPLIFIED), "--format", "tsv")
    rows = out.rstrip("\n").split("\n")
    assert code == 0 and rows[0].startswith("index\tparagraph\tsource\ttranslation\tmethod")
    assert len(rows) == n + 1 and all(len(r.split("\t")) == 7 for r in rows)
    assert [r.split("\t")[3] for r in rows[1:]] == [s["translation"] for s in doc["sentences"]]
    code, out, err = run(capsys, "translate", str(SIMPLIFIED), "--verbose")
    assert code == 0 and "machine translation (translate-zh_en-0_1@" in out
    assert out.count("  → ") == n
    assert "0 sent to the model" in err and f"{n} sentences" in err


def test_no_model_glosses_labelled_with_one_install_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "translate", str(TRADITIONAL))
    assert code == 0
    assert err.count("no translation model installed") == 1 and err.count("\n") == 1
    assert "gloss (no MT model installed)" in err and "reader model install FILE.argosmodel" in err
    assert out.splitlines()[1] == "[gloss (no MT model installed)]"
    assert "≈ gloss:" in out and "→" not in out.replace("→ en", "")
    doc = translate_json(capsys, str(TRADITIONAL))
    assert doc["model"] is None and doc["stats"]["glossed"] == len(doc["sentences"])
    for s in doc["sentences"]:
        assert s["translation_method"] == "gloss" and s["translation"].strip()
        # a word-by-word gloss writes every name it knows, forced or not
        names = [t["glossary"]["en"] for t in s["tokens"] if t["glossary"] and t["glossary"]["en"]]
        assert s["glossary_applied"] == names
        assert all(
            rendering_counts(s["translation"], names)[r] >= k for r, k in Counter(names).items()
        )


@needs_shared_model
def test_shared_real_shaped_package_via_model_flag(capsys: pytest.CaptureFixture[str]) -> None:
    doc = translate_json(capsys, str(SIMPLIFIED_SAMPLE), "--model", str(MODEL_PACKAGE))
    assert doc["model"].startswith("translate-zh_en-1_9@")
    for s in doc["sentences"]:
        assert s["translation"].strip() and s["translation_method"] in (
            "mt",
            "mt+name-fixed",
            "mt+pieces",
            "gloss",
            "copied",
        )
        names = names_of(s)
        want = Counter(names) + latin_in_source(s, names)
        assert rendering_counts(s["translation"], names) == want


@needs_shared_model
def test_shared_package_via_install_and_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "model", "install", str(MODEL_PACKAGE))
    assert code == 0 and "installed zh→en 1.9" in out
    code, out, _ = run(capsys, "model", "list")
    assert code == 0 and re.search(
        r"zh→en\s+1\.9\s+Chinese → English\s+\S*translate-zh_en-1_9", out
    )
    article = tmp_path / "short.txt"
    article.write_text("阿里巴巴在杭州。\n\n今天天气很好，我们去西湖散步。\n", encoding="utf-8")
    doc = translate_json(capsys, str(article))
    assert doc["model"].startswith("translate-zh_en-1_9@")
    assert len(doc["sentences"]) == 2 and all(s["translation"].strip() for s in doc["sentences"])


def test_bad_model_path_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "translate", str(SIMPLIFIED), "--model", str(tmp_path / "nope"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no such file" in err and "Traceback" not in err
