"""Drawing the reader's state: column titles, look-up panel, status line, progress bar.

The state itself is reactive (reader.tui.host); the watchers here redraw what depends on
it, so the rest of the app assigns state rather than calling refresh methods.
"""

from __future__ import annotations

import time
from collections.abc import Collection

from textual.widgets import ProgressBar, Static

from reader.model import Article
from reader.session import lookup_info
from reader.text_layout import cell_width, title_line
from reader.tui.article_view import LAZY_LAYOUT_FROM
from reader.tui.host import UNSET, ReaderHost

GLOSS_STATUS = "gloss: no MT model installed — reader model install FILE.argosmodel"
GLOSS_STATUS_SHORT = "gloss: no MT model (reader model install)"  # when the line is narrow


class ScreenRefresh(ReaderHost):
    """Mixin for ReaderApp: redraws the parts of the reader screen."""

    def refresh_all(self) -> None:
        view = self.view
        view.relayout()
        self.refresh_columns()
        self.refresh_lookup()
        self.refresh_status()

    def lays_out_lazily(self) -> bool:
        return len(self.session.sentences) > LAZY_LAYOUT_FROM

    def request_relayout(self) -> None:
        """Lay the view out again: at once for a short article; for a long one (where a
        layout walks every sentence, seconds for 300,000) at most once in a few layout
        durations, so keys (q above all) never wait behind a queue of re-layouts."""
        if not self.lays_out_lazily():
            self.refresh_all()
            return
        if self._relayout_due:
            return
        self._relayout_due = True
        self.set_timer(max(0.2, 4 * self._relayout_seconds), self._relayout_now)

    def refresh_sentences(self, changed: Collection[int]) -> None:
        """These sentences changed: lay the view out again unless a long article shows all
        of them as estimated rows, whose height depends on the text's length alone (a
        part annotated far from the reader changes nothing on screen, and a re-layout of
        300,000 sentences holds the UI thread for a second)."""
        layout = self.view.layout_data
        if (
            self.lays_out_lazily()
            and layout is not None
            and all(i in layout.estimated for i in changed)
        ):
            self.refresh_status()
            return
        self.request_relayout()

    def _relayout_now(self) -> None:
        self._relayout_due = False
        if not self._alive() or self._exiting.is_set():
            return
        began = time.perf_counter()
        self.refresh_all()
        self._relayout_seconds = time.perf_counter() - began

    def refresh_columns(self) -> None:
        article = self.session.article
        script = article.script.capitalize()
        titles = {  # long to short: narrow columns get a shorter title, never a run-on one
            "original": (f"Original · {script}", "Original")
            if article.script in ("simplified", "traditional", "mixed")
            else ("Original",),
            "converted": _converted_title(article),
            "pinyin": (f"Pinyin · {article.pinyin_style}", "Pinyin")
            if self.session.annotated
            else ("Pinyin",),
            "english": ("English",),
        }
        columns = [(x, titles.get(pane, (pane,))) for x, pane in self.view.column_titles()]
        line = title_line(columns, self.view.size.width or self.size.width)
        self._reader_screen().query_one("#columns", Static).update(line)

    def refresh_lookup(self) -> None:
        if not self.session.sentences:
            return
        info = lookup_info(
            self.session,
            with_dictionary=self.dictionary_ready,
            dictionary=self.resources.dictionary,
        )
        self.lookup.show(
            info, self.session.article.pinyin_style, self.dictionary_ready, self.vocab_lookup_line()
        )

    def status_text(self, width: int = 0) -> str:
        """The status line; within ``width`` cells (0: any) long notes get their short form so
        the position and search stay visible."""
        text = self._status_text(GLOSS_STATUS)
        if width and cell_width(text) > width:
            text = self._status_text(GLOSS_STATUS_SHORT)
        return text

    def _status_text(self, gloss_status: str) -> str:
        s = self.session
        parts = [self.fetching] if self.fetching else []
        if self.outlining:
            parts.append("reading the rest of the article…")
        elif not s.annotated or (s.windowed and s.cursor.sentence not in s.annotated_at):
            parts.append("annotating…")  # (a very long article: round the reader's new place)
        elif self.model is UNSET:
            parts.append("translation: starting…")
        elif self.model is None:
            parts.append(gloss_status)
        else:
            parts.append(f"model: {self.model}")
        if self.model_error:
            parts.append(self.model_error)
        if s.sentences:
            parts.append(f"sentence {s.cursor.sentence + 1}/{len(s.sentences)}")
        state = s.search_state
        if state.query:
            where = f"{state.current + 1}/{len(state.hits)}" if state.hits else "no hits"
            parts.append(f"/{state.query}: {where}")
        if vocab := self.vocab_status_part():
            parts.append(vocab)
        return "  ·  ".join(parts)

    def refresh_status(self) -> None:
        screen = self._reader_screen()
        status = screen.query_one("#status", Static)
        status.update(self.status_text(status.content_region.width))
        bar = screen.query_one("#progress", ProgressBar)
        self.set_reactive(ReaderHost.translated, self.session.translated_count())
        bar.update(total=max(1, len(self.session.sentences)), progress=self.translated)

    def show_panes(self) -> None:
        """Record which panes show (and interlinear): the watcher lays the view out again."""
        self.panes_shown = (tuple(self.session.visible_panes()), self.session.interlinear)

    # -- watchers of the reactive state (reader.tui.host) --------------------------------
    def watch_panes_shown(self) -> None:
        if self._alive():
            self.refresh_all()
            self.view.scroll_to_cursor()

    def watch_translated(self) -> None:
        if self._alive():
            self.refresh_status()

    def watch_outlining(self) -> None:
        if self._alive():
            self.refresh_status()

    def watch_translating(self) -> None:
        if self._alive():
            self.refresh_status()

    def watch_model_error(self) -> None:
        if self._alive():
            self.refresh_status()

    def watch_model(self) -> None:
        if self._alive():
            self.refresh_status()
            self.refresh_columns()

    def watch_dictionary_ready(self) -> None:
        if self._alive():
            self.refresh_lookup()

    def after_cursor_move(self) -> None:
        """The cursor, selection or search moved in the session: record where it is."""
        s = self.session
        self.position = (s.cursor, s.anchor, s.search_state.query, s.search_state.current)

    def watch_position(self) -> None:
        if self._alive():
            self.view.cursor_changed()
            self.refresh_lookup()
            self.refresh_status()


def _converted_title(article: Article) -> tuple[str, ...]:
    conv = article.conversion
    if not conv:
        return ("Converted",)
    target = "Simplified" if conv.startswith(("t2s", "tw2s", "hk2s")) else "Traditional"
    return (f"{target} · {conv}", target, conv)
