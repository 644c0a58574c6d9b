"""Architecture contracts: the pipeline is headless, and `import reader` stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

PIPELINE_MODULES = [
    "reader.model",
    "reader.load",
    "reader.segment.sentences",
    "reader.segment.words",
    "reader.annotate.script",
    "reader.annotate.pinyin",
    "reader.annotate.dictionary",
    "reader.glossary",
    "reader.translate",
    "reader.export",
    "reader.pipeline",
    "reader.pipeline_names",
]


@pytest.mark.parametrize("module", PIPELINE_MODULES)
def test_pipeline_module_never_imports_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_import_reader_is_light() -> None:
    heavy = [
        "jieba",
        "pypinyin",
        "opencc",
        "ctranslate2",
        "argostranslate",
        "torch",
        "numpy",
        "textual",
    ]
    code = f"import sys, reader, reader.cli, reader.model; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_hand_made_hit_copies_agree_with_dataclasses_replace() -> None:
    """GlossaryHit.shifted/judged copy every field by hand (speed): a field added to the
    class without them would be lost, so they are compared with ``replace`` on a hit whose
    every field differs from its default."""
    from dataclasses import fields, replace

    from reader.model import GlossaryHit

    assert [f.name for f in fields(GlossaryHit)] == [
        "start",
        "end",
        "term",
        "en",
        "type",
        "source_file",
        "source",
        "note",
        "confidence",
        "forced",
    ], "a new GlossaryHit field: copy it in shifted() and judged() too"
    hit = GlossaryHit(3, 5, "宇树", "Unitree", "company", "x.tsv", "auto", "n", 0.4, False)
    assert hit.shifted(10) == replace(hit, start=13, end=15)
    assert hit.judged(0.9, True) == replace(hit, confidence=0.9, forced=True)
