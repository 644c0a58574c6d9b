from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLES = SHARED / "articles"
SIMPLIFIED_SAMPLE = ARTICLES / "nikkei-hangzhou-unicorn-map.md"
TRADITIONAL_SAMPLE = ARTICLES / "zhidx-hangzhou-silicon-valley.txt"
MODEL_PACKAGE = SHARED / "models" / "translate-zh_en-1_9-randomweights.argosmodel"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own READER_HOME and Argos packages dir: no test touches real user data."""
    home = tmp_path_factory.mktemp("reader-home")
    monkeypatch.setenv("READER_HOME", str(home))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "argos-packages"))
    return home
