"""A very long article in the reader is annotated in a window that follows the reader
(reader.reading.window): the sentences round the reader are annotated, far ones are let go
(memory stays bounded), English goes only to annotated sentences, and an export annotates
the rest first. The window is made small here so a short text stands for a 20 MB one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_tui_early_english import LoadingTranslator, wait_for

import reader.tui.annotation
from reader.pipeline import Options
from reader.tui.app import make_app
from reader.tui.screens import ExportScreen

WINDOW, KEEP = 30, 50
SENTENCES = 200


@pytest.fixture
def windowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(reader.tui.annotation, "WINDOW", WINDOW)
    monkeypatch.setattr(reader.tui.annotation, "KEEP", KEEP)
    path = tmp_path / "long.txt"
    lines = [f"第{i}天我们在公园里散步。" for i in range(SENTENCES)]
    path.write_text("\n\n".join(lines), encoding="utf-8")
    return path


def has_pinyin(sentence) -> bool:  # type: ignore[no-untyped-def]
    return any(t.pinyin for t in sentence.tokens)


async def test_the_window_follows_the_reader_and_lets_far_sentences_go(windowed: Path) -> None:
    fake = LoadingTranslator()
    app = make_app(str(windowed), Options(), translator_factory=lambda: fake)
    async with app.run_test(size=(160, 50)) as pilot:
        s = app.session
        await wait_for(pilot, lambda: s.annotated and not app.translating)
        assert s.windowed
        annotated = [i for i, x in enumerate(s.sentences) if has_pinyin(x)]
        assert annotated == sorted(s.annotated_at) == list(range(WINDOW))
        assert all(x.translation is None for x in s.sentences[WINDOW:])  # plain: no English
        await wait_for(pilot, lambda: s.translated_count() == WINDOW)

        app.action_bottom()  # the reader jumps to the end: the window follows
        last = SENTENCES - 1
        assert "annotating…" in app.status_text()
        await wait_for(pilot, lambda: set(range(SENTENCES - WINDOW, SENTENCES)) <= s.annotated_at)
        assert "annotating…" not in app.status_text()
        assert len(s.annotated_at) <= KEEP
        assert not has_pinyin(s.sentences[0])  # let go: back to the outline's form
        assert has_pinyin(s.sentences[last])
        await wait_for(pilot, lambda: s.sentences[last].translation is not None)
        translated = {i for i, x in enumerate(s.sentences) if x.translation is not None}
        assert translated <= s.annotated_at

        app.action_top()  # and back: annotated afresh
        await wait_for(pilot, lambda: set(range(WINDOW)) <= s.annotated_at)
        assert not has_pinyin(s.sentences[last])


async def test_an_export_of_a_windowed_article_is_annotated_whole(
    windowed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    app = make_app(str(windowed), Options(), translator_factory=None, translate=False)
    async with app.run_test(size=(160, 50)) as pilot:
        s = app.session
        await wait_for(pilot, lambda: s.annotated)
        assert len(s.annotated_at) < SENTENCES
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-format").value = "json"
        app.screen.query_one("#export-path").value = str(out)
        await pilot.press("enter")
        await wait_for(pilot, out.exists)
    data = json.loads(out.read_text(encoding="utf-8"))
    sentences = data["sentences"]
    assert len(sentences) == SENTENCES
    assert all(any(t.get("pinyin") for t in x["tokens"]) for x in sentences)


async def test_a_part_far_from_the_reader_does_not_lay_the_article_out_again(
    windowed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.tui.article_view
    import reader.tui.refresh

    for module in (reader.tui.article_view, reader.tui.refresh):
        monkeypatch.setattr(module, "LAZY_LAYOUT_FROM", 20)
    monkeypatch.setattr(reader.tui.article_view, "LAZY_MARGIN", 10)
    app = make_app(str(windowed), Options(), translator_factory=None, translate=False)
    async with app.run_test(size=(160, 50)) as pilot:
        s = app.session
        await wait_for(pilot, lambda: s.annotated)
        await wait_for(pilot, lambda: not app._relayout_due)
        layout = app.view.layout_data
        far = SENTENCES - 1
        assert far in layout.estimated and 0 not in layout.estimated
        app.refresh_sentences([far])  # its estimated row is as high as before
        assert not app._relayout_due and app.view.layout_data is layout
        app.refresh_sentences([far, 0])  # the reader's sentence changed: laid out again
        assert app._relayout_due
