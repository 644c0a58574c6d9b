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
