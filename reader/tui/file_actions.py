"""File actions: export (in a worker), open another file or address, reload with the full
page; a newly loaded article becomes a new generation (late results of the old are dropped).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual import work

from reader.errors import ReaderError
from reader.model import Article
from reader.tui.big_input import notice
from reader.tui.host import ReaderHost
from reader.tui.messages import Loaded, WorkFailed
from reader.tui.screens import ExportRequest, ExportScreen, OpenScreen


class FileActions(ReaderHost):
    """Mixin for ReaderApp: export, open, full page, and the loaded article."""

    def action_export(self) -> None:
        from reader.export import EXTENSIONS

        if self.outlining:  # only the head is in the session: an export would be partial
            self.notify("Still reading the article; export in a moment.", timeout=4)
            return
        stem = Path(self.path).stem if self.path and self.path != "-" else "article"

        def done(request: object) -> None:
            if isinstance(request, ExportRequest):
                if self.translating:
                    self.notify(
                        "Translation is still running: untranslated sentences are exported without English.",
                        timeout=5,
                    )
                words = sorted(self.vocab) or self.vocab_unknown_words()
                s = self.session
                plain = []
                if s.windowed:  # only a window round the reader is annotated: the rest first
                    plain = [x.index for i, x in enumerate(s.sentences) if i not in s.annotated_at]
                    self.notify(
                        f"Long article: annotating its other {len(plain):,} sentences for the "
                        "export first (a minute or more); they are exported without English "
                        "(`reader export` translates them all).",
                        timeout=8,
                    )
                self._export(s.article, request, words, plain)

        self.push_screen(ExportScreen(stem, dict(EXTENSIONS)), done)

    @work(thread=True, group="export", description="export the article", exit_on_error=False)
    def _export(
        self, article: Article, request: ExportRequest, vocab: list[str], plain: list[int]
    ) -> None:
        """Write the export; ``plain``: sentences (article indices) to annotate first."""
        from reader.export import write_export
        from reader.pipeline import annotate_sentences

        opts: dict[str, Any] = {}
        if request.fmt == "anki":
            opts = {"words": vocab} if vocab else {"all_vocab": True}
        try:
            if plain:
                options = replace(self.options, glossary=self.glossary)
                done = annotate_sentences(article, plain, options, self.resources)
                article = article.with_sentences(done)
            path = write_export(article, request.fmt, request.path, force=request.force, **opts)
        except ReaderError as exc:
            self.post_message(WorkFailed("export", str(exc)))
            return
        self.call_from_thread(self.notify, f"Exported {request.fmt} to {path}", timeout=5)

    def action_open(self) -> None:
        start = ""
        if self.path and self.path != "-" and "://" not in self.path:
            start = str(Path(self.path).resolve().parent) + os.sep

        def done(path: object) -> None:
            if isinstance(path, str) and path:
                self.load_file(path, full_page=False)

        self.push_screen(OpenScreen(start), done)

    def action_toggle_full_page(self) -> None:
        if not self.path or self.path == "-":
            self.notify("The full page can only be reloaded from a file.", timeout=3)
            return
        self.load_file(self.path, full_page=not self.full_page)

    def load_file(self, path: str, full_page: bool) -> None:
        self.generation += 1
        self._cancel.set()
        self._load(self.generation, path, self.encoding if path == self.path else None, full_page)

    @work(
        thread=True,
        exclusive=True,
        group="load",
        description="load an article",
        exit_on_error=False,
    )
    def _load(self, generation: int, path: str, encoding: str | None, full_page: bool) -> None:
        try:
            loaded = self.load_any(generation, path, encoding, full_page)  # a file or an address
        except ReaderError as exc:
            self.post_message(WorkFailed("open", str(exc)))
            return
        self.post_message(Loaded(generation, loaded, path, full_page))

    def on_loaded(self, message: Loaded) -> None:
        if not self.current(message):
            return
        self.save_position()
        panes, interlinear = dict(self.session.panes), self.session.interlinear
        self.path, self.full_page, self.loaded = message.path, message.full_page, message.loaded
        self._whole_path = None
        self.session = self._new_session(message.loaded, message.path)
        self.session.panes, self.session.interlinear = panes, interlinear
        self.set_reactive(
            ReaderHost.panes_shown, (tuple(self.session.visible_panes()), interlinear)
        )
        self.article_vocab = None
        self.model_error = ""
        # the old article's job was cancelled by load_file and its end is dropped as stale:
        # without this the new article's parts never start translating
        self.translating = False
        self._reader_screen().session = self.session
        self.view.set_session(self.session)
        self.title, self.sub_title = self._title(), self._sub_title()
        self.refresh_all()
        if self.outlining:
            self.notify(notice(self._size_mb()), timeout=8)
        self._annotate(self.generation, message.loaded, self.options)
