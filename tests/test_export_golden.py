"""Golden files: each export format of the hand-built articles, byte for byte.

A deliberate format change: regenerate with ``READER_UPDATE_GOLDEN=1 pytest
tests/test_export_golden.py`` and review the diff of tests/golden/export/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_export import fake_lookup, simplified_article, traditional_article

from reader import __version__
from reader.export import render

GOLDEN = Path(__file__).parent / "golden" / "export"
CASES = {
    "traditional": traditional_article,
    "traditional-gloss": lambda: traditional_article(method="gloss"),
    "simplified": simplified_article,
}
FORMATS = {"md": "md", "html": "html", "json": "json", "tsv": "tsv", "anki": "anki.txt"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, fmt: str) -> None:
    article = CASES[case]()
    opts = {"all_vocab": True, "min_count": 1, "lookup": fake_lookup} if fmt == "anki" else {}
    out = render(article, fmt, **opts)
    out = out.replace(f'content="reader {__version__}"', 'content="reader VERSION"')
    path = GOLDEN / f"{case}.{FORMATS[fmt]}"
    if os.environ.get("READER_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert path.is_file(), f"missing {path}; run with READER_UPDATE_GOLDEN=1"
    assert out == path.read_text(encoding="utf-8")
