"""One action registry feeds the bindings, keymap remapping, help, palette and README table."""

from __future__ import annotations

import re
from pathlib import Path

from reader.tui.actions import (
    ACTIONS,
    help_rows,
    palette_actions,
    readme_table,
)
from reader.tui.app import ReaderApp, ReaderScreen

ROOT = Path(__file__).resolve().parents[1]


def test_readme_key_table_matches_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- keys:[^\n]*-->\n(.*?)\n<!-- /keys -->", readme, re.S)
    assert found, "README lacks the generated key table markers"
    assert found.group(1) == readme_table(), "run `python -m reader.tui.actions` into README"


def test_ids_are_unique_and_actions_exist() -> None:
    ids = [a.id for a in ACTIONS]
    assert len(ids) == len(set(ids))
    for a in ACTIONS:
        name = a.action.removeprefix("app.").split("(")[0]
        assert callable(getattr(ReaderApp, f"action_{name}", None)), a.action


def test_screen_bindings_come_from_the_registry() -> None:
    screen_bindings = ReaderScreen.BINDINGS
    assert [b.id for b in screen_bindings] == [a.binding_id for a in ACTIONS]  # type: ignore[union-attr]
    assert [b.key for b in screen_bindings] == [a.keys for a in ACTIONS]  # type: ignore[union-attr]
    shown = {b.id for b in screen_bindings if b.show}  # type: ignore[union-attr]
    assert shown == {a.binding_id for a in ACTIONS if a.footer}


def test_palette_and_help_show_remapped_keys() -> None:
    default = dict((name, text) for name, text, _ in palette_actions())
    assert default["Search"].endswith("(/)")
    assert default["Cycle pinyin style"].endswith("(p)")
    remapped = {"reader.search": "f", "reader.pinyin-style": "y,P"}
    palette = dict((name, text) for name, text, _ in palette_actions(remapped))
    assert palette["Search"].endswith("(f)")
    assert palette["Cycle pinyin style"].endswith("(y)")
    rows = help_rows(remapped)
    assert ("f", "Search") in rows and ("y, P", "Pinyin style") in rows
    assert ("/", "Search") not in rows


def test_palette_runs_registry_actions() -> None:
    actions = {name: action for name, _, action in palette_actions()}
    assert actions["Toggle pinyin pane"] == "app.toggle_pane('pinyin')"
    assert actions["Keys"] == "app.help"


async def test_arrow_and_page_keys_reach_the_registry_not_the_views_scrolling() -> None:
    """The focused article view has no scroll bindings of its own to shadow them."""
    from reader.pipeline import Options
    from reader.tui.app import make_app

    from conftest import BUNDLED_SAMPLE

    app = make_app(BUNDLED_SAMPLE, Options(), translator_factory=lambda: None, vocabulary=None)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")
        assert app.session.cursor.sentence == 2
        await pilot.press("up")
        assert app.session.cursor.sentence == 1
        await pilot.press("end")
        assert app.session.cursor.sentence == len(app.session.sentences) - 1
        await pilot.press("home")
        assert app.session.cursor.sentence == 0
