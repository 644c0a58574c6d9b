"""TUI at 100–120 columns and small dialogs: column titles never run together, the status
line and footer keep their essentials, long names don't push columns off, stdin has a title,
the open dialog lets you type after its directory."""

from __future__ import annotations

import pytest
from test_tui import FakeTranslator, settle, wait_for
from textual.widgets import DataTable, Input

from reader.glossary.names import NameRow
from reader.load import load_bytes
from reader.pipeline import Options
from reader.text_layout import cell_width, title_line, truncate
from reader.tui.app import ReaderApp, make_app
from reader.tui.screens import NamesScreen, OpenScreen

from conftest import BUNDLED_TRADITIONAL


def _app(translator: object | None = "fake") -> ReaderApp:
    fake = FakeTranslator()
    factory = (lambda: fake) if translator == "fake" else (lambda: None)
    return make_app(BUNDLED_TRADITIONAL, Options(), translator_factory=factory)


def test_title_line_picks_titles_that_fit() -> None:
    columns = [
        (1, ("Original · Simplified", "Original")),
        (16, ("Traditional · s2t", "Traditional", "s2t")),
        (32, ("Pinyin · marks", "Pinyin")),
    ]
    line = title_line(columns, 60)
    assert line == " Original       Traditional     Pinyin · marks"
    assert title_line([(0, ("abcdefghij",)), (5, ("x",))], 10) == "abc… x"
    assert truncate("Unitree Robotics Corporation", 10) == "Unitree R…"
    assert truncate("宇樹科技", 5) == "宇樹…"


@pytest.mark.parametrize("width", [100, 120, 160])
async def test_column_titles_are_apart_and_status_fits(width: int) -> None:
    app = _app(translator=None)  # the gloss notice is the longest status
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot, app)
        await pilot.pause()
        line = str(app.screen.query_one("#columns").visual)
        assert "SimplifiedTraditional" not in line and "s2tPinyin" not in line
        assert cell_width(line) <= width
        for x, _pane in app.view.column_titles():
            if x > 1:  # every title starts at its column, after a space
                assert line[x] != " " and line[x - 1] == " ", (x, line)
        status = app.screen.query_one("#status")
        text = str(status.visual)
        assert "sentence 1/" in text and "gloss" in text
        assert cell_width(text) <= status.content_region.width


@pytest.mark.parametrize("width", [100, 120])
async def test_footer_keeps_help_and_quit_on_screen(width: int) -> None:
    from textual.widgets._footer import FooterKey

    app = _app()
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot, app)
        await pilot.pause()
        keys = {k.key: k for k in app.screen.query(FooterKey)}
        for key in ("q", "question_mark", "slash", "w"):
            region = keys[key].region
            assert region.width > 0 and region.right <= width, (key, region)
        # every footer key sits left of the palette hint: nothing hidden under it
        palette = next(k for k in keys.values() if k.has_class("-command-palette"))
        others = [k for k in keys.values() if not k.has_class("-command-palette")]
        assert all(k.region.right <= palette.region.x for k in others)


async def test_footer_is_built_once_at_start_and_again_when_its_keys_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Focus, the screen stack and resizes all change the bindings at start-up; Textual's
    Footer rebuilt its keys after each (six times, main-thread time the first English waits
    for). ReaderFooter builds them once, and again only when the keys shown change."""
    from textual.widgets._footer import FooterKey

    from reader.tui.reader_screen import ReaderFooter

    builds: list[int] = []
    original = ReaderFooter.recompose

    async def counted(self: ReaderFooter) -> None:
        builds.append(1)
        await original(self)

    monkeypatch.setattr(ReaderFooter, "recompose", counted)
    app = _app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot, app)
        await pilot.pause()
        wide = {k.key for k in app.screen.query(FooterKey)}
        assert len(builds) == 1 and "q" in wide
        await pilot.resize_terminal(161, 40)  # same keys: no rebuild
        await pilot.pause()
        assert len(builds) == 1
        await pilot.resize_terminal(100, 40)  # fewer keys fit: rebuilt
        await pilot.pause()
        await pilot.pause()
        narrow = {k.key for k in app.screen.query(FooterKey)}
        assert len(builds) == 2 and narrow < wide and "q" in narrow


async def test_long_english_name_keeps_the_other_columns_on_screen() -> None:
    app = _app()
    long_en = "The Extraordinarily Long Official English Name Of A Robotics Company Ltd"
    rows = [
        NameRow(
            "宇樹科技",
            "宇樹科技",
            long_en,
            "company",
            "glossary",
            "/x/companies.tsv",
            2,
            (),
            0,
            3,
            0,
        ),
        NameRow("杭州", "杭州", "Hangzhou", "place", "glossary", "/x/places.tsv", 3, (), 0, 1, 0),
    ]
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, app)
        app.push_screen(NamesScreen(rows))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        await pilot.pause()
        assert table.virtual_size.width <= table.content_region.width
        cells = table.get_row_at(0)
        assert cells[1].endswith("…") and long_en.startswith(cells[1][:-1])
        assert cells[2:] == ["company", "companies.tsv", "2"]


async def test_stdin_title_is_not_dashes() -> None:
    loaded = load_bytes("今天天氣很好。我們去西湖散步。\n".encode(), name="-")
    app = make_app(loaded, Options(), translator_factory=lambda: FakeTranslator())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        assert app.title == "standard input"
        assert app.sub_title == ""
        assert "-" not in (app.title + app.sub_title)


async def test_open_dialog_types_after_the_directory() -> None:
    app = _app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OpenScreen))
        field = app.screen.query_one("#open-path", Input)
        start = field.value
        assert start.endswith("/") and start
        await pilot.press(*"x.md")
        assert field.value == start + "x.md"
