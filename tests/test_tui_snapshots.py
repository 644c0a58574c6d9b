"""Snapshots of the reader's main screen (update with `pytest --snapshot-update`).

Deterministic: the built-in sample, a fixed glossary file, no auto names, the instant fake
translator, no clock, and the cursor is a highlighted token (nothing blinks).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import FakeTranslator, move_onto, settle

from reader.pipeline import Options
from reader.tui.app import make_app

GLOSSARY = (
    "zh\ten\ttype\n"
    "阿里巴巴\tAlibaba\tcompany\n"
    "深度求索\tDeepSeek\tcompany\n"
    "宇树科技\tUnitree Robotics\tcompany\n"
    "海康威视\tHikvision\tcompany\n"
    "通义千问\tQwen\tproduct\n"
    "杭州\tHangzhou\tplace\n"
)


@pytest.fixture
def sample_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from reader.cli.open import sample_path
    from reader.glossary import load_glossary

    glossary_file = tmp_path / "snapshot-glossary.tsv"
    glossary_file.write_text(GLOSSARY, encoding="utf-8")
    fake = FakeTranslator()
    return make_app(
        sample_path(),
        Options(auto_names=False),
        translator_factory=lambda: fake,
        glossary_factory=lambda: load_glossary(
            extra_files=[glossary_file], use_default=False, use_user=False
        ),
    )


async def _ready(pilot) -> None:
    await settle(pilot, pilot.app)
    await move_onto(pilot, pilot.app, "宇树科技")
    await pilot.pause()


def test_main_screen_wide(snap_compare, sample_app):
    assert snap_compare(sample_app, terminal_size=(160, 50), run_before=_ready)


def test_main_screen_narrow_interlinear(snap_compare, sample_app):
    assert snap_compare(sample_app, terminal_size=(100, 40), run_before=_ready)


def test_main_screen_120_columns(snap_compare, sample_app):
    """The width where four columns get narrow: titles shortened, not run together; the
    footer compact with Keys and Quit on screen."""
    assert snap_compare(sample_app, terminal_size=(120, 40), run_before=_ready)
