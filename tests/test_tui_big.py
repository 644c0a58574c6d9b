"""A very long article in the reader (reader.tui.big_input): the first sentences are on
screen while the whole text is still being loaded and outlined in the background, the whole
then replaces the head keeping the cursor, and `q` quits at once while that work runs."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.load import load_path
from reader.pipeline import Options, outline
from reader.reading.positions import PositionStore
from reader.tui import big_input
from reader.tui.app import ReaderApp, make_app

from conftest import BUNDLED_SAMPLE


def write_big_article(path: Path, megabytes: float = 2.5) -> None:
    """The bundled sample's paragraphs over and over, numbered so every one differs."""
    text = BUNDLED_SAMPLE.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip() and not p.startswith(("#", "---"))]
    out, size, k = [], 0, 0
    while size < megabytes * 1_000_000:
        p = f"第{k}段。{paragraphs[k % len(paragraphs)]}"
        out.append(p)
        size += len(p.encode("utf-8")) + 2
        k += 1
    path.write_text("\n\n".join(out), encoding="utf-8")


@pytest.fixture
def held_outline(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """(entered, release): the background outline of the whole article waits for
    ``release``; ``entered`` is set when it is about to run."""
    entered, release = threading.Event(), threading.Event()
    real = big_input.raw_outline

    def held(loaded, long: bool, stop: Callable[[], bool] | None = None):  # type: ignore[no-untyped-def]
        if threading.current_thread() is not threading.main_thread():
            entered.set()
            release.wait(30)
        return real(loaded, long, stop)

    for module in _modules_using_raw_outline():
        monkeypatch.setattr(module, "raw_outline", held)
    yield entered, release
    release.set()  # never leave a thread waiting


def _modules_using_raw_outline() -> list[object]:
    import importlib
    import pkgutil

    import reader.tui

    found = []
    for info in pkgutil.iter_modules(reader.tui.__path__):
        module = importlib.import_module(f"reader.tui.{info.name}")
        if getattr(module, "raw_outline", None) is big_input.raw_outline:
            found.append(module)
    return found


def new_app(source: object, tmp_path: Path) -> ReaderApp:
    return make_app(
        source,  # type: ignore[arg-type]
        Options(),
        translator_factory=lambda: None,
        positions=PositionStore(tmp_path / "positions.json"),
        vocabulary=None,
    )


async def wait_for(pilot, check: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


@pytest.mark.parametrize("opened", ["path", "loaded"])
async def test_first_sentences_before_the_whole_outline(
    tmp_path: Path, held_outline: tuple[threading.Event, threading.Event], opened: str
) -> None:
    entered, release = held_outline
    path = tmp_path / "big.txt"
    write_big_article(path)
    whole = outline(load_path(str(path)), tokens=False, detect=False)
    total = sum(len(p.sentences) for p in whole.paragraphs)
    app = new_app(str(path) if opened == "path" else load_path(str(path)), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, entered.is_set)
        assert app.outlining
        shown = app.session.sentences
        assert 0 < len(shown) < total // 10  # the head only
        assert [s.text for s in shown[:5]] == [s.text for s in whole.sentences()][:5]
        assert "第0段" in "".join(
            span.text for line in app.view.layout_data.lines[:5] for span in line.spans
        )
        assert "reading the rest" in app.status_text()
        await pilot.press("e")  # no export of the head alone
        assert app.screen.id == "reader"
        await pilot.press("j", "j", "j")
        assert app.session.cursor.sentence == 3
        release.set()
        await wait_for(pilot, lambda: not app.outlining)
        assert len(app.session.sentences) == total
        assert app.session.cursor.sentence == 3  # the cursor stayed on its sentence
        assert app.session.current_sentence().text == list(whole.sentences())[3].text
        await pilot.press("q")
    assert not app.is_running


async def test_the_heads_first_screens_have_pinyin_before_the_whole_is_outlined(
    tmp_path: Path, held_outline: tuple[threading.Event, threading.Event]
) -> None:
    from reader.tui.annotation import HEAD_FIRST

    entered, release = held_outline
    path = tmp_path / "big.txt"
    write_big_article(path)
    app = new_app(str(path), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        s = app.session
        await wait_for(pilot, lambda: entered.is_set() and len(s.annotated_at) == HEAD_FIRST)
        assert app.outlining  # the whole is still being outlined
        has_pinyin = [any(t.pinyin for t in x.tokens) for x in s.sentences]
        assert all(has_pinyin[:HEAD_FIRST]) and not any(has_pinyin[HEAD_FIRST:])
        head_first = s.sentences[0]
        release.set()
        await wait_for(pilot, lambda: not app.outlining)
        # the whole replaced the head and kept its annotated sentences
        assert len(s.sentences) > HEAD_FIRST * 10
        assert any(t.pinyin for t in s.sentences[0].tokens)
        assert s.sentences[0].text == head_first.text
        assert s.article.conversion == "s2t"  # and the script the head was read in
        await pilot.press("q")


async def test_quit_while_the_whole_is_outlined(
    tmp_path: Path, held_outline: tuple[threading.Event, threading.Event]
) -> None:
    entered, release = held_outline
    path = tmp_path / "big.txt"
    write_big_article(path)
    before = set(threading.enumerate())
    app = new_app(str(path), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, entered.is_set)
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running, timeout=10)
        assert app.outlining  # it quit without waiting for the outline
    release.set()
    # the background thread notices the quit at its next check and ends without posting
    threads = [t for t in set(threading.enumerate()) - before if t.name == "reader-annotate"]
    assert threads
    for thread in threads:
        thread.join(30)
        assert not thread.is_alive()
    assert not (tmp_path / "positions.json").exists()  # no position under the head's key
    await asyncio.sleep(0)


def test_small_files_load_whole(tmp_path: Path) -> None:
    """Below the size threshold (and for Markdown) the file is loaded as before."""
    small = tmp_path / "small.txt"
    small.write_text("一句话。\n\n两句话。", encoding="utf-8")
    assert big_input.load_file_head(str(small), None, False) is None
    big_md = tmp_path / "big.md"
    write_big_article(big_md, megabytes=2.1)
    assert big_input.load_file_head(str(big_md), None, False) is None


def test_head_keeps_the_offsets(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    write_big_article(path, megabytes=2.1)
    head = big_input.load_file_head(str(path), None, False)
    assert head is not None
    loaded = load_path(str(path))
    assert loaded.text.startswith(head.text)
    assert loaded.blocks[: len(head.blocks)] == head.blocks
    cut = big_input.head_of(loaded)
    assert len(cut.text) < len(loaded.text) and loaded.text.startswith(cut.text)
