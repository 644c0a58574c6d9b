"""Pilot tests of the vocabulary in the reader: highlights, status keys, the per-article line,
the look-up panel, the vocabulary screen and the first-run prompt."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from test_tui import FakeTranslator, settle

from reader.pipeline import Options
from reader.tui.app import ReaderApp, make_app
from reader.tui.vocab_screen import KnownHskScreen, VocabScreen
from reader.vocab import Status, VocabStore
from reader.vocab.reading import Vocabulary
from reader.vocab.words import fold_word


def sample() -> str:
    from reader.cli.open import sample_path

    return sample_path()


def vocab_app(tmp_path: Path, marked: tuple[str, ...] = ("是",), **kw) -> ReaderApp:
    vocabulary = Vocabulary(VocabStore(tmp_path / "vocab.sqlite"))
    if marked:
        vocabulary.store.set_status(marked, Status.KNOWN)
    fake = FakeTranslator()
    return make_app(
        sample(), Options(), translator_factory=lambda: fake, vocabulary=vocabulary, **kw
    )


def backgrounds(app: ReaderApp, key: str) -> list[object]:
    """The background each on-page occurrence of ``key`` is drawn with (original pane)."""
    view = app.view
    av = app.article_vocab
    assert av is not None and view.layout_data is not None
    where = set(av.words.occurrences(key))
    out = []
    for line in view.layout_data.lines:
        spans = [
            sp for sp in line.spans if sp.pane == "original" and (line.sentence, sp.token) in where
        ]
        if not spans:
            continue
        strip = view._render_strip(line, view.layout_data.width)
        for sp in spans:
            styles = [seg.style for seg in strip if seg.text == sp.text]
            assert styles, sp.text
            out.append((styles[0] or Style()).bgcolor)
    return out


async def test_marking_a_word_known_recolours_it_everywhere_at_once(tmp_path: Path):
    app = vocab_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        av = app.article_vocab
        assert av is not None and av.active
        # a new word used several times, away from the cursor's sentence
        key = next(k for k, n in av.words.counts.most_common() if n >= 3 and k != "是")
        occurrences = av.words.occurrences(key)
        new_bg = app.view._background("vocab-new").bgcolor
        assert new_bg is not None
        assert backgrounds(app, key) == [new_bg] * len(occurrences)

        app.session.move_to(*occurrences[-1])
        app.after_cursor_move()
        await pilot.press("v")  # new → learning
        learning_bg = app.view._background("vocab-learning").bgcolor
        assert backgrounds(app, key)[:-1] == [learning_bg] * (len(occurrences) - 1)
        await pilot.press("v")  # learning → known: no highlight anywhere
        assert all(bg not in (new_bg, learning_bg) for bg in backgrounds(app, key))
        assert Vocabulary(VocabStore(tmp_path / "vocab.sqlite")).store.status(key) is Status.KNOWN
        assert "known" in app.lookup.text


async def test_K_marks_the_sentences_new_words_and_the_status_line_counts(tmp_path: Path):
    app = vocab_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        av = app.article_vocab
        assert av is not None
        before = av.stats()
        assert f"{before.words} words" in app.status_text()
        sentence = app.session.cursor.sentence
        new = [
            k
            for k in av.words.sentence_keys(sentence)
            if av.statuses.get(k, Status.NEW) is Status.NEW
        ]
        assert new
        assert set(new) <= {fold_word(w) for w in app.vocab_unknown_words()}  # the Anki deck
        await pilot.press("K")
        assert all(av.statuses[k] is Status.KNOWN for k in new)
        assert av.stats().known_words == before.known_words + len(set(new))
        assert av.stats().line() in app.status_text()
        await pilot.press("ctrl+k")
        assert av.stats().new_words == 0
        assert app.vocab_unknown_words() == []


async def test_lookup_shows_hsk_level_and_status(tmp_path: Path):
    app = vocab_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        av = app.article_vocab
        assert av is not None
        s, t = next(
            (s, t)
            for s, row in enumerate(av.words.keys)
            for t, k in enumerate(row)
            if k and av.vocabulary.level(k)
        )
        app.session.move_to(s, t)
        app.after_cursor_move()
        info = av.info_at(s, t)
        assert info is not None and info.line().startswith("HSK ")
        assert info.line() in app.lookup.text


async def test_vocabulary_screen_filters_and_jumps_to_a_sentence(tmp_path: Path):
    app = vocab_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        for _ in range(100):  # the article's words are recorded in the background
            if app.vocabulary.store.count() > 5:
                break
            await pilot.pause(0.05)
        av = app.article_vocab
        assert av is not None
        last = len(app.session.sentences) - 1
        key = next(k for k in av.words.sentence_keys(last) if av.words.counts[k] == 1)
        av.set_status([key], Status.LEARNING)
        await pilot.press("V")
        screen = app.screen
        assert isinstance(screen, VocabScreen)
        screen.query_one("#vocab-status").value = "learning"
        await pilot.pause()
        assert [r.word for r in screen.rows] == [key]
        await pilot.press("enter")  # the word's sentences
        await pilot.pause()
        assert screen.sightings and screen.sightings[0].sentence == last
        await pilot.press("enter")  # go there
        await pilot.pause()
        assert not isinstance(app.screen, VocabScreen)
        assert app.session.cursor.sentence == last


async def test_first_run_offers_known_hsk_once(tmp_path: Path):
    app = vocab_app(tmp_path, marked=(), offer_known_hsk=True)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, KnownHskScreen)
        # the question wraps inside the dialog (it was cut off at "New wo")
        text = app.screen.query_one("#known-hsk-text")
        dialog = app.screen.query_one("#known-hsk-dialog")
        assert text.size.height >= 2 and text.region.right <= dialog.region.right
        await pilot.click("#known-hsk-ok")
        await settle(pilot, app)
        assert not isinstance(app.screen, KnownHskScreen)
        counts = app.vocabulary.store.counts()
        assert counts[Status.KNOWN] == len(app.vocabulary.levels.words_up_to(2))
    again = vocab_app(tmp_path, marked=(), offer_known_hsk=True)
    async with again.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, KnownHskScreen)


async def test_without_marked_words_nothing_is_highlighted(tmp_path: Path):
    app = vocab_app(tmp_path, marked=())
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        av = app.article_vocab
        assert av is not None and not av.active
        key = next(iter(av.words.counts))
        new_bg = app.view._background("vocab-new").bgcolor
        assert new_bg not in backgrounds(app, key)
        assert "words ·" not in app.status_text()
