"""The vocabulary in the reader: the vocabulary screen, the first-run HSK prompt, and the
app's vocabulary actions (a mixin, so reader.tui.app only wires them in).

The logic lives in reader.vocab.reading (no Textual); this module turns key presses into
calls on it and refreshes the view. Every change bumps ArticleVocab.version, which the
article view keys its cached lines on, so a word recolours everywhere at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label, OptionList, Select

from reader.vocab import HskSystem, Status, level_label
from reader.vocab.reading import ArticleVocab, Vocabulary
from reader.vocab.store import Sighting, WordRow

if TYPE_CHECKING:
    from reader.model import Article


def article_id(path: str | None, article: Article) -> str:
    """How the vocabulary names an article: its URL, else its absolute path."""
    if article.meta.source_url:
        return article.meta.source_url
    if path and path != "-":
        return os.path.abspath(path)
    return "<stdin>"


# -- screens ---------------------------------------------------------------------------------


class KnownHskScreen(ModalScreen[object]):
    """First run: mark HSK 1–N as known so the first article is not all 'new'. Skippable."""

    BINDINGS = [Binding("escape", "skip", "Skip", id="known-hsk.skip")]

    def __init__(self, system: HskSystem) -> None:
        super().__init__()
        self.system = system

    def compose(self) -> ComposeResult:
        options = [(f"HSK 1–{n}" if n > 1 else "HSK 1", n) for n in self.system.levels[:6]]
        with Vertical(classes="dialog", id="known-hsk-dialog"):
            yield Label("[b]Your vocabulary is empty[/]")
            yield Label(
                f"Mark the words of HSK {self.system.value} levels you already know as known? "
                "New words are then highlighted as you read (v cycles a word's status).",
                id="known-hsk-text",
            )
            yield Select(options, value=2, allow_blank=False, id="known-hsk-level")
            with Horizontal(classes="buttons"):
                yield Button("Mark known", variant="primary", id="known-hsk-ok")
                yield Button("Skip", id="known-hsk-skip")

    @on(Button.Pressed, "#known-hsk-ok")
    def ok(self) -> None:
        self.dismiss(int(self.query_one("#known-hsk-level", Select).value))  # type: ignore[arg-type]

    @on(Button.Pressed, "#known-hsk-skip")
    def action_skip(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class GoToSentence:
    sentence: int


_ALL = "all"


class VocabScreen(ModalScreen[object]):
    """Every word of the vocabulary, filtered by status and HSK level; enter shows the
    sentences a word was met in, and enter on one of this article's jumps there."""

    BINDINGS = [
        Binding("escape,V", "close", "Close", id="vocab.close"),
    ]

    def __init__(self, vocabulary: Vocabulary, current_article: str) -> None:
        super().__init__()
        self.vocabulary = vocabulary
        self.current_article = current_article
        self.rows: list[WordRow] = []
        self.sightings: list[Sighting] = []

    def compose(self) -> ComposeResult:
        system = self.vocabulary.system
        statuses = [(s.value, s.value) for s in Status]
        levels = [(level_label(n, system), str(n)) for n in system.levels]
        with Vertical(classes="dialog", id="vocab-dialog"):
            yield Label("", id="vocab-title")
            with Horizontal(id="vocab-filters"):
                yield Select([("any status", _ALL), *statuses], value=_ALL, id="vocab-status")
                yield Select(
                    [("any level", _ALL), *levels, ("off-list", "0")], value=_ALL, id="vocab-level"
                )
            table: DataTable[str] = DataTable(
                id="vocab-table", cursor_type="row", zebra_stripes=True
            )
            table.add_columns("word", "status", "HSK", "met", "first seen")
            yield table
            yield OptionList(id="vocab-sentences")

    def on_mount(self) -> None:
        self.fill()
        self.query_one("#vocab-table", DataTable).focus()

    def _filtered(self) -> list[WordRow]:
        status = self.query_one("#vocab-status", Select).value
        level = self.query_one("#vocab-level", Select).value
        rows = self.vocabulary.store.rows(Status(status) if status != _ALL else None)
        if level != _ALL:
            want = int(str(level)) or None
            rows = [r for r in rows if self.vocabulary.level(r.word) == want]
        return rows

    def fill(self) -> None:
        self.rows = self._filtered()
        system = self.vocabulary.system
        table = self.query_one("#vocab-table", DataTable)
        table.clear()
        for r in self.rows[:5000]:  # a screenful of filtering, not the whole HSK list
            level = level_label(self.vocabulary.level(r.word), system)
            table.add_row(r.word, r.status.value, level, str(r.seen), r.first_seen)
        shown = min(len(self.rows), 5000)
        self.query_one("#vocab-title", Label).update(
            f"[b]Vocabulary[/] ({shown} of {len(self.rows)} words)  "
            "[dim]enter: sentences · enter on one from this article: go there[/]"
        )
        self.query_one("#vocab-sentences", OptionList).clear_options()

    @on(Select.Changed)
    def filter_changed(self) -> None:
        self.fill()

    @on(DataTable.RowSelected)
    def show_sentences(self, event: DataTable.RowSelected) -> None:
        if not self.rows:
            return
        word = self.rows[min(event.cursor_row, len(self.rows) - 1)].word
        self.sightings = self.vocabulary.store.sentences(word)
        options = self.query_one("#vocab-sentences", OptionList)
        options.clear_options()
        for s in self.sightings:
            here = "▶ " if s.article == self.current_article else "  "
            where = "this article" if here.strip() else os.path.basename(s.article)
            options.add_option(f"{here}{s.text}  ({where}, sentence {s.sentence + 1})")
        if self.sightings:
            options.highlighted = 0
            options.focus()

    @on(OptionList.OptionSelected, "#vocab-sentences")
    def go_to(self, event: OptionList.OptionSelected) -> None:
        sighting = self.sightings[event.option_index]
        if sighting.article == self.current_article:
            self.dismiss(GoToSentence(sighting.sentence))
        else:
            self.notify(f"That sentence is in {sighting.article}", timeout=4)

    def action_close(self) -> None:
        self.dismiss(None)


# -- the app's side --------------------------------------------------------------------------


class VocabActions:
    """Vocabulary actions for ReaderApp (mixed in; uses its session, view and notify)."""

    vocabulary: Vocabulary | None
    article_vocab: ArticleVocab | None
    offer_known_hsk: bool

    def vocab_article_changed(self: Any) -> None:
        """The annotated article (re)arrived or sentences were re-made: key its words again,
        and count them in the vocabulary (once per article) in the background."""
        if self.vocabulary is None or not self.session.annotated:
            self.article_vocab = None
            self.view.vocab = None
            return
        fresh = self.article_vocab is None
        self.article_vocab = self.vocabulary.article(self.session.article)
        self.view.vocab = self.article_vocab
        if fresh:
            av, key = self.article_vocab, article_id(self.path, self.session.article)
            self.run_worker(lambda: av.record(key), thread=True, group="vocab", exit_on_error=False)

    def vocab_status_part(self: Any) -> str:
        av = self.article_vocab
        if av is None or not av.active:
            return ""
        return str(av.stats().line(av.vocabulary.system))

    def vocab_lookup_line(self: Any) -> str:
        av = self.article_vocab
        if av is None:
            return ""
        c = self.session.cursor
        info = av.info_at(c.sentence, c.token)
        return info.line() if info is not None else ""

    def vocab_unknown_words(self: Any) -> list[str]:
        """Words for an Anki export when none were saved with `s`: the article's new and
        learning ones (once the learner uses the vocabulary), else none (all vocabulary)."""
        av = self.article_vocab
        if av is None or not av.active:
            return []
        return list(av.vocabulary.unknown_words(self.session.article))

    def vocab_changed(self: Any, note: str) -> None:
        self.view.relayout()
        self.refresh_lookup()
        self.refresh_status()
        if note:
            self.notify(note, timeout=3)

    def _vocab_ready(self: Any) -> ArticleVocab | None:
        if self.article_vocab is None:
            self.notify("Still annotating; try again in a moment.", timeout=3)
        return self.article_vocab  # type: ignore[no-any-return]

    def action_vocab_cycle(self: Any) -> None:
        av = self._vocab_ready()
        if av is None:
            return
        c = self.session.cursor
        changed = av.cycle(c.sentence, c.token)
        if changed is None:
            self.notify("Not a vocabulary word (a name, a number or punctuation).", timeout=3)
            return
        key, status = changed
        self.vocab_changed(f"{key}: {status.value}")

    def action_vocab_known_sentence(self: Any) -> None:
        av = self._vocab_ready()
        if av is not None:
            n = av.mark_sentence_known(self.session.cursor.sentence)
            self.vocab_changed(f"{n} new word(s) of the sentence marked known")

    def action_vocab_known_article(self: Any) -> None:
        av = self._vocab_ready()
        if av is not None:
            n = av.mark_article_known()
            self.vocab_changed(f"{n} new word(s) of the article marked known")

    def action_vocabulary(self: Any) -> None:
        if self.vocabulary is None:
            return

        def done(result: object) -> None:
            if isinstance(result, GoToSentence):
                self.session.move_to(result.sentence)
                self.after_cursor_move()
            if self.article_vocab is not None:
                self.article_vocab.refresh()
                self.vocab_changed("")

        here = article_id(self.path, self.session.article)
        self.push_screen(VocabScreen(self.vocabulary, here), done)

    def vocab_offer_known_hsk(self: Any) -> None:
        """The one-time first-run prompt (only when the vocabulary is empty)."""
        vocab = self.vocabulary
        if vocab is None or not self.offer_known_hsk or not vocab.should_offer_known_hsk():
            return
        vocab.mark_offered()

        def done(level: object) -> None:
            if isinstance(level, int) and level > 0:
                n = vocab.mark_known_up_to(level)
                if self.article_vocab is not None:
                    self.article_vocab.refresh()
                self.vocab_changed(f"{n} HSK words marked known")

        self.push_screen(KnownHskScreen(vocab.system), done)
