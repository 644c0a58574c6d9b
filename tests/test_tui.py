"""Pilot tests of the Textual reader (App.run_test): both samples, the word cursor and
look-up panel, panes, search, glossary editing, export, positions, background work."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from reader.pipeline import Options
from reader.tui.app import ReaderApp, make_app
from reader.tui.article_view import ArticleView
from reader.tui.screens import (
    ConfirmScreen,
    ExportScreen,
    GlossaryScreen,
    HelpScreen,
    NamesScreen,
    SearchScreen,
)

from conftest import (
    BUNDLED_SAMPLE,
    BUNDLED_TRADITIONAL,
    SIMPLIFIED_SAMPLE,
    TRADITIONAL_SAMPLE,
    have_shared,
)

# The Traditional article most tests read: the shared sample when ../shared is beside the
# project, else the bundled one (tests written around words of the shared article are marked
# `shared` and skipped without it).
SAMPLE = TRADITIONAL_SAMPLE if have_shared() else BUNDLED_TRADITIONAL
OTHER_SAMPLE = SIMPLIFIED_SAMPLE if have_shared() else BUNDLED_SAMPLE  # a Simplified one

_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-'&]*(?:\s+[A-Za-z0-9][A-Za-z0-9.\-'&]*)*")


class FakeTranslator:
    """An instant, deterministic MT backend: keeps the Latin runs (the protected names)."""

    model_id = "fake-mt"
    source_code = "zh"
    max_source_tokens = 400

    def __init__(self, gate: threading.Event | None = None, padding: int = 0) -> None:
        self.gate = gate
        self.padding = padding  # extra words per output (long English makes taller rows)
        self.calls = 0

    def count_tokens(self, text: str) -> int:
        return len(text)

    def translate(self, texts: Sequence[str], fragments: bool = False) -> list[str]:
        self.calls += 1
        if self.gate is not None:
            self.gate.wait(30)
        pad = "".join(f" filler{i}" for i in range(self.padding))  # no loop to collapse
        return [translate_fake(t)[:-1] + pad + "." for t in texts]


def translate_fake(text: str) -> str:
    names = _LATIN.findall(text)
    return "EN: " + (" ".join(names) if names else "sentence") + "."


def new_app(path: Path | str = SAMPLE, translator: object | None = None, **kw) -> ReaderApp:
    fake = translator if translator is not None else FakeTranslator()
    return make_app(path, Options(), translator_factory=lambda: fake, **kw)


async def settle(pilot, app: ReaderApp, timeout: float = 120) -> None:
    """Wait until annotation, the dictionary and translation are all done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        s = app.session
        if (
            s.annotated
            and app.dictionary_ready
            and not app.translating
            and s.translated_count() == len(s.sentences)
        ):
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError(f"reader did not settle: {app.status_text()}")


def lookup_text(app: ReaderApp) -> str:
    return app.lookup.text


async def move_onto(pilot, app: ReaderApp, word: str, limit: int = 400) -> None:
    """Walk the cursor with j/l (sentence down, word right) until it is on ``word``."""
    s = app.session
    for _ in range(limit):
        if s.current_token().text == word:
            return
        if word in s.current_sentence().text:
            await pilot.press("l")
        else:
            await pilot.press("j")
    raise AssertionError(f"cursor never reached {word}")


# -- opening ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sample",
    [
        pytest.param(SIMPLIFIED_SAMPLE, marks=pytest.mark.shared, id="simplified"),
        pytest.param(TRADITIONAL_SAMPLE, marks=pytest.mark.shared, id="traditional"),
        pytest.param(BUNDLED_SAMPLE, id="bundled-simplified"),
        pytest.param(BUNDLED_TRADITIONAL, id="bundled-traditional"),
    ],
)
async def test_opens_both_samples(sample: Path):
    app = new_app(sample)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        s = app.session
        assert app.title == s.article.meta.title
        simplified = sample in (SIMPLIFIED_SAMPLE, BUNDLED_SAMPLE)
        assert s.article.script == ("simplified" if simplified else "traditional")
        layout = app.view.layout_data
        assert layout is not None and len(layout.rows) == len(s.sentences)
        shown = "".join(sp.text for ln in layout.lines for sp in ln.spans if sp.pane == "original")
        assert shown.replace(" ", "") == "".join(x.text for x in s.sentences).replace(" ", "")
        assert all(x.translation and x.translation.method != "gloss" for x in s.sentences)
        assert "model: fake-mt" in app.status_text()
        bar = app.screen.query_one("#progress")
        assert bar.total == len(s.sentences) and bar.progress == len(s.sentences)
        columns = str(app.screen.query_one("#columns").visual)
        assert "Pinyin" in columns and "English" in columns


async def test_article_is_readable_before_annotation_finishes():
    gate = threading.Event()
    app = new_app(translator=FakeTranslator(gate))
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        # The first paint has the sentences even if jieba and pinyin are still loading.
        layout = app.view.layout_data
        assert layout is not None and len(layout.rows) == len(app.session.sentences)
        gate.set()
        await settle(pilot, app)


# -- cursor and look-up -----------------------------------------------------------------------


async def test_cursor_onto_unitree_and_lookup_panel():
    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await move_onto(pilot, app, "宇樹科技")
        text = lookup_text(app)
        assert "宇樹科技" in text and "宇树科技" in text  # both scripts
        assert "Unitree Robotics" in text and "company" in text
        assert "companies.tsv" in text  # which glossary file
        assert "yǔshù" in text.replace(" ", "") or "yǔ shù" in text  # pinyin
        assert "EN: " in text  # the sentence's translation
        assert "Unitree Robotics" in app.session.current_sentence().translation.text
        assert "machine translation" in text
        await pilot.press("l")
        assert app.session.current_token().text != "宇樹科技"
        assert "Unitree Robotics" not in lookup_text(app).split("Sentence")[0]


async def test_gloss_label_without_a_model():
    app = make_app(SAMPLE, Options(), translator_factory=lambda: None)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        assert "gloss: no MT model installed" in app.status_text()
        assert "reader model install" in app.status_text()
        assert "gloss (no MT model installed)" in lookup_text(app)


async def test_click_moves_the_cursor():
    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        view = app.view
        layout = view.layout_data
        target = None
        for y, line in enumerate(layout.lines[: view.size.height]):
            for span in line.spans:
                if span.pane == "converted" and span.token > 2 and line.sentence == 2:
                    target = (span.x, y, line.sentence, span.token)
                    break
            if target:
                break
        assert target is not None
        x, y, sentence, token = target
        await pilot.click(ArticleView, offset=(x, y - round(view.scroll_y)))
        assert (app.session.cursor.sentence, app.session.cursor.token) == (sentence, token)


@pytest.mark.shared  # written around the shared article's words and length
async def test_shift_extends_selection_and_escape_clears():
    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await move_onto(pilot, app, "股價")
        await pilot.press("shift+right")
        assert app.session.selected_text() == "股價大漲"
        assert "股價大漲" in lookup_text(app) and "股价大涨" in lookup_text(app)
        await pilot.press("escape")
        assert app.session.anchor is None


async def test_keys_respond_while_translation_runs_and_quit_cancels():
    gate = threading.Event()
    fake = FakeTranslator(gate)
    app = new_app(translator=fake)
    async with app.run_test(size=(160, 50)) as pilot:
        deadline = time.monotonic() + 120
        while not (app.session.annotated and fake.calls) and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert app.translating and app.session.translated_count() < len(app.session.sentences)
        before = app.session.cursor
        await pilot.press("j", "j", "l")
        assert app.session.cursor != before  # the UI answered while the model was busy
        assert app.translating
        await pilot.press("q")
        assert app._cancel.is_set()
        gate.set()


# -- panes, modes, cycles ---------------------------------------------------------------------


async def test_toggle_panes_and_interlinear():
    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        panes = lambda: [c.pane for c in app.view.layout_data.columns]  # noqa: E731
        assert panes() == ["original", "converted", "pinyin", "english"]
        await pilot.press("2")
        assert panes() == ["original", "pinyin", "english"]
        assert "Simplified" not in str(app.screen.query_one("#columns").visual)
        await pilot.press("4", "3")
        assert panes() == ["original"]
        await pilot.press("1")  # the last pane stays
        assert panes() == ["original"]
        await pilot.press("2", "3", "4")
        assert panes() == ["original", "converted", "pinyin", "english"]
        await pilot.press("i")
        assert app.view.layout_data.interlinear
        await pilot.press("i")
        assert not app.view.layout_data.interlinear


async def test_column_titles_follow_a_resize():
    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        titles = lambda: str(app.screen.query_one("#columns").visual)  # noqa: E731
        assert "Pinyin" in titles() and "interlinear" not in titles()
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        await pilot.pause()
        assert app.view.layout_data.interlinear
        assert "interlinear" in titles() and "Pinyin ·" not in titles()
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        await pilot.pause()
        assert "Pinyin" in titles()


async def test_narrow_terminal_is_interlinear_with_lookup_below():
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, app)
        assert app.view.layout_data.interlinear
        assert app.screen.has_class("-narrow")
        lookup = app.lookup.region
        article = app.view.region
        assert lookup.y > article.y and lookup.width >= article.width - 2


async def test_cycle_conversion_and_pinyin_style():
    from reader.annotate.script import CONFIGS

    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        assert app.session.article.conversion == "t2s"
        await pilot.press("t")
        want = CONFIGS[(CONFIGS.index("t2s") + 1) % len(CONFIGS)]
        await wait_for(pilot, lambda: app.session.article.conversion == want)
        assert want in str(app.screen.query_one("#columns").visual)
        await pilot.press("p")
        await wait_for(pilot, lambda: app.session.article.pinyin_style == "numbers")
        si, ti = find(app, "宇樹科技")
        assert app.session.sentences[si].tokens[ti].pinyin == "yu3shu4ke1ji4"
        assert all(s.translation is not None for s in app.session.sentences)  # kept


async def wait_for(pilot, condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        await pilot.pause(0.05)
    await pilot.pause()


def find(app: ReaderApp, word: str) -> tuple[int, int]:
    for si, s in enumerate(app.session.sentences):
        for ti, t in enumerate(s.tokens):
            if t.text == word:
                return si, ti
    raise AssertionError(word)


# -- search -----------------------------------------------------------------------------------


@pytest.mark.shared  # written around the shared article's words and length
async def test_search_pinyin_chinese_and_next_previous():
    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"hangzhou", "enter")
        hits = app.session.search_state.hits
        assert len(hits) > 10
        assert "/hangzhou: 1/" in app.status_text()
        first = app.session.cursor
        assert "杭州" in "".join(
            t.text
            for t in app.session.sentences[first.sentence].tokens[first.token : first.token + 2]
        )
        await pilot.press("n")
        assert "/hangzhou: 2/" in app.status_text()
        await pilot.press("N")
        assert app.session.cursor == first
        # Simplified query, Traditional article:
        await pilot.press("slash")
        app.screen.query_one("#search-input").value = "宇树科技"
        await pilot.press("enter")
        assert app.session.current_token().text == "宇樹科技"
        # English:
        await pilot.press("slash")
        app.screen.query_one("#search-input").value = "unitree robotics"
        await pilot.press("enter")
        assert app.session.search_state.hits[0].kind == "english"


# -- glossary editing -------------------------------------------------------------------------


@pytest.mark.shared  # written around the shared article's words and length
async def test_add_glossary_term_is_applied_and_retranslated():
    from reader.paths import user_glossary_path

    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        # Select the span with a search (robust to how the segmenter cut it).
        await pilot.press("slash")
        app.screen.query_one("#search-input").value = "聚光燈下"
        await pilot.press("enter")
        assert app.session.selected_text() == "聚光燈下"
        await pilot.press("a")
        assert isinstance(app.screen, GlossaryScreen)
        assert app.screen.query_one("#glossary-zh").value == "聚光燈下"
        await pilot.press(*"Under the Spotlight")
        started = time.monotonic()
        await pilot.press("enter")
        await wait_for(pilot, lambda: _has(app, "聚光燈下", named=True))
        elapsed = time.monotonic() - started
        si, ti = find(app, "聚光燈下")
        token = app.session.sentences[si].tokens[ti]
        assert token.glossary is not None and token.glossary.en == "Under the Spotlight"
        assert token.glossary.source == "glossary"
        assert Path(token.glossary.source_file).name == "glossary.tsv"
        assert token.converted == "聚光灯下"
        await settle(pilot, app)
        assert "Under the Spotlight" in app.session.sentences[si].translation.text
        assert "Under the Spotlight" in user_glossary_path().read_text(encoding="utf-8")
        assert elapsed < 20  # re-annotating the affected sentences only


def _has(app: ReaderApp, word: str, named: bool = False) -> bool:
    return any(
        t.text == word and (t.glossary is not None or not named)
        for s in app.session.sentences
        for t in s.tokens
    )


@pytest.mark.shared  # written around the shared article's words and length
async def test_names_panel_and_accepting_a_name():
    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        assert isinstance(app.screen, NamesScreen)
        table = app.screen.query_one("#names-table")
        assert table.row_count == len(app.session.names()) > 10
        await pilot.press("enter")
        row = app.session.names()[0]
        assert (app.session.cursor.sentence, app.session.cursor.token) == (
            row.first_sentence,
            row.first_token,
        )
        await pilot.press("w", "a")  # accept / edit: the form, prefilled
        assert isinstance(app.screen, GlossaryScreen)
        assert app.screen.query_one("#glossary-en").value == row.en
        await pilot.press("escape")


# -- export, help, positions ------------------------------------------------------------------


async def test_export_asks_before_overwriting(tmp_path: Path):
    out = tmp_path / "out.md"
    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path").value = str(out)
        await pilot.press("enter")
        await wait_for(pilot, out.exists)
        text = out.read_text(encoding="utf-8")
        assert "Unitree Robotics" in text
        out.write_text("old", encoding="utf-8")
        await pilot.press("e")
        app.screen.query_one("#export-path").value = str(out)
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing written
        await pilot.pause(0.2)
        assert out.read_text(encoding="utf-8") == "old"
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: out.read_text(encoding="utf-8") != "old")


async def test_help_lists_every_binding():
    from reader.tui.app import ReaderScreen

    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").visual)
        for binding in ReaderScreen.BINDINGS:
            assert binding.description in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_reading_position_is_remembered(tmp_path: Path):
    from reader.paths import data_dir

    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await move_onto(pilot, app, "宇樹科技")
        spot = app.session.current_token().start
        await pilot.press("q")
    data = json.loads((data_dir() / "positions.json").read_text(encoding="utf-8"))
    assert list(data.values())[0]["offset"] == spot
    again = new_app()
    assert again.session.current_token().start == spot  # before any annotation
    async with again.run_test(size=(160, 50)) as pilot:
        await settle(pilot, again)
        assert again.session.current_token().text == "宇樹科技"


async def test_open_another_file():
    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("o")
        app.screen.query_one("#open-path").value = str(OTHER_SAMPLE)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.article.meta.path == str(OTHER_SAMPLE))
        await settle(pilot, app)
        assert app.session.article.script == "simplified"
        assert app.title == app.session.article.meta.title


async def test_open_missing_file_is_a_notice_not_a_crash(tmp_path: Path):
    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("o")
        app.screen.query_one("#open-path").value = str(tmp_path / "nope.txt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("no such file" in n.message for n in app._notifications))
        assert app.session.article.meta.path == str(SAMPLE)


# -- the `reader` command ---------------------------------------------------------------------


def test_cli_missing_file_is_one_line_before_the_app(capsys):
    from reader.cli import main

    assert main(["/nonexistent/article.txt"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("reader: ") and "\n" not in err and "no such file" in err


def test_cli_needs_a_terminal(capsys):
    from reader.cli import main

    assert main(["--sample"]) == 2
    assert "needs a terminal" in capsys.readouterr().err


def test_cli_rejects_unknown_conversion_and_missing_model(capsys):
    from reader.cli import main

    assert main([str(SAMPLE), "--to", "x2y"]) == 2
    assert "unknown conversion" in capsys.readouterr().err
    assert main([str(SAMPLE), "--model", "/no/model.argosmodel"]) == 2
    assert "--model" in capsys.readouterr().err


async def test_builtin_sample_opens_with_its_names():
    from reader.cli.open import sample_path

    app = new_app(sample_path())
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        names = {t.glossary.en for t in app.session.article.tokens() if t.glossary}
        assert {"Unitree Robotics", "Alibaba", "DeepSeek", "Hikvision"} <= names
        assert 10 <= len(app.session.sentences) <= 16


async def test_command_palette_offers_document_commands():
    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"toggle pinyin")
        from textual.command import CommandList

        await wait_for(
            pilot,
            lambda: (
                bool(app.screen.query(CommandList))
                and app.screen.query_one(CommandList).option_count > 0
            ),
        )
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "pinyin" not in app.session.visible_panes())
        assert [c.pane for c in app.view.layout_data.columns] == [
            "original",
            "converted",
            "english",
        ]


@pytest.mark.shared  # written around the shared article's words and length
async def test_full_page_toggle_reloads_the_whole_page():
    app = new_app(OTHER_SAMPLE)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        article_chars = len(app.session.article.text)
        await pilot.press("F")
        await wait_for(pilot, lambda: app.full_page and app.session.annotated)
        assert "full page" in app.sub_title
        assert len(app.session.article.text) >= article_chars
        await settle(pilot, app)
        await pilot.press("F")
        await wait_for(pilot, lambda: not app.full_page)
        await settle(pilot, app)
        assert len(app.session.article.text) == article_chars


async def test_keys_can_be_remapped_by_binding_id():
    from reader.paths import config_dir

    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "keymap.toml").write_text('[keys]\n"reader.quit" = "x"\n', encoding="utf-8")
    from reader.paths import data_dir

    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        assert ("x", "Quit") in app.binding_rows()
        await pilot.press("q")  # no longer bound
        await pilot.pause()
        assert not (data_dir() / "positions.json").exists()
        await pilot.press("x")
        await pilot.pause()
        assert (data_dir() / "positions.json").exists()  # quit saves the position


async def test_light_theme_renders():
    app = new_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        dark = app.view.render_line(0)
        app.theme = "textual-light"
        await pilot.pause()
        light = app.view.render_line(0)
        assert dark.text == light.text  # same content
        assert [s.style for s in dark] != [s.style for s in light]  # themed colours


async def test_accept_an_auto_name_with_edited_english():
    from reader.cli.open import sample_path

    app = new_app(sample_path())
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await move_onto(pilot, app, "青禾智能科技")
        token = app.session.current_token()
        assert token.glossary is not None and token.glossary.source == "auto"
        assert "Auto name" in lookup_text(app)
        si = app.session.cursor.sentence
        first, height = app.view.layout_data.rows[si]
        roles = {
            s.role for ln in app.view.layout_data.lines[first : first + height] for s in ln.spans
        }
        assert "name-auto" in roles  # its own colour
        await pilot.press("a")
        assert isinstance(app.screen, GlossaryScreen)
        assert "auto" in app.screen.heading.lower()
        english = app.screen.query_one("#glossary-en")
        assert english.value == token.glossary.en  # prefilled with the auto rendering
        english.value = "Qinghe AI"
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: (
                app.session.sentences[si].tokens[app.session.cursor.token].glossary is not None
                and app.session.current_token().glossary.source == "glossary"
            ),
        )
        assert app.session.current_token().glossary.en == "Qinghe AI"
        assert "Qinghe AI" in str(app.lookup.text)


@pytest.mark.shared  # written around the shared article's words and length
async def test_text_under_the_reader_does_not_jump_when_rows_above_change():
    gate = threading.Event()
    app = new_app(translator=FakeTranslator(gate, padding=30))
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: app.session.annotated)
        await pilot.press("G")
        await pilot.pause()
        view = app.view

        def top_sentence() -> int:
            layout = view.layout_data
            y = round(view.scroll_y)
            while layout.lines[y].sentence < 0:
                y += 1
            return layout.lines[y].sentence

        before = top_sentence()
        assert before > 50 and app.session.translated_count() == 0
        lines_before = len(view.layout_data.lines)
        gate.set()  # every row above the viewport now gets its (taller) English column
        await settle(pilot, app)
        assert len(view.layout_data.lines) > lines_before + 100
        assert top_sentence() == before


async def test_romanisation_of_unknown_persons_cycles_and_reannotates(tmp_path: Path):
    # a mainland article: auto writes its persons in pinyin; R steps on to pinyin, then
    # Wade–Giles (as a reader of Taiwanese sources may want), Hong Kong's, the translator's,
    # then back to auto
    article = tmp_path / "coach.txt"
    article.write_text("中国女排主教练蔡斌在赛后表示满意。\n", encoding="utf-8")
    app = new_app(article)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)

        def english() -> str:
            si, ti = find(app, "蔡斌")
            hit = app.session.sentences[si].tokens[ti].glossary
            assert hit is not None and hit.source == "auto"
            return hit.en

        assert english() == "Cai Bin"
        await pilot.press("R")  # pinyin
        await pilot.press("R")  # Wade–Giles
        await wait_for(pilot, lambda: english() != "Cai Bin")
        assert english() == "Tsai Pin"  # passport style, as Taiwan writes 蔡 (Tsai Ing-wen)
        assert app.options.romanisation.value == "wade-giles"
        await settle(pilot, app)  # the sentence is translated again with the new name
        await pilot.press("R")  # Hong Kong's Cantonese spelling
        await wait_for(pilot, lambda: english() == "Choi Pun")
        await pilot.press("R")  # left to the translator (as for Japanese and Korean names)
        await wait_for(pilot, lambda: english() == "")
        await pilot.press("R")  # auto: pinyin again for this article
        await wait_for(pilot, lambda: english() == "Cai Bin")
