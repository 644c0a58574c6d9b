"""Translation in the background: one exclusive worker translates the untranslated
sentences, nearest the cursor first, in small chunks so rows fill in while the reader reads.
The translator is anything meeting reader.translate's MTBackend protocol (None: glossing).
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.model import Article, Sentence
from reader.tui.host import UNSET, ReaderHost
from reader.tui.messages import ModelStatus, Translated, TranslationFinished, WorkFailed

if TYPE_CHECKING:
    from reader.translate.engine import MTBackend

# Sentences per translation chunk: the first is the sentence at the cursor alone (its
# English is on screen after one short decode), then the lines around it, then larger
# chunks; the last size repeats.
CHUNKS = (1, 4, 16)
# How long translation waits at most for the annotation at a new reading place (seconds).
CURSOR_FIRST_WAIT = 5.0


class TranslationWork(ReaderHost):
    """Mixin for ReaderApp: starts, runs and applies the translation."""

    def _get_translator(self) -> MTBackend | None:
        with self._translator_lock:
            if self._translator is UNSET:
                factory = self._translator_factory
                self._translator = factory() if factory is not None else None
            return self._translator

    def start_translation(self, early: set[int] | None = None) -> None:
        """(Re)start translating every untranslated sentence, nearest the cursor first;
        ``early``: only these (annotated) ones, while the rest is still being annotated."""
        self._cancel.set()
        if not self.translate_enabled or not (self.session.annotated or early):
            self.translating = False  # cancelled above; annotation done starts it again
            if not self.translate_enabled:
                self._first_english.set()  # no English will come to wait for
            return
        todo = [i for i in self.session.untranslated() if early is None or i in early]
        if not todo:
            self.translating = False
            self._first_english.set()  # all cached: nothing for annotation to wait for
            self.refresh_status()
            return
        self._cancel = threading.Event()
        jobs = [(i, self.session.sentences[i], self.session.versions.get(i, 0)) for i in todo]
        self.translating = True
        self._translate(self.generation, jobs, self.session.article, self._cancel)

    @work(
        thread=True,
        exclusive=True,
        group="translate",
        description="translate sentences",
        exit_on_error=False,
    )
    def _translate(
        self,
        generation: int,
        jobs: list[tuple[int, Sentence, int]],
        article: Article,
        cancel: threading.Event,
    ) -> None:
        try:
            self._translate_chunks(generation, jobs, article, cancel)
        finally:
            self._first_english.set()  # whatever happened, annotation need not wait

    def _translate_chunks(
        self,
        generation: int,
        jobs: list[tuple[int, Sentence, int]],
        article: Article,
        cancel: threading.Event,
    ) -> None:
        from reader.translate import translate_sentences

        worker = get_current_worker()
        began = time.perf_counter()
        try:
            translator = self._get_translator()
        except ReaderError as exc:
            self.post_message(ModelStatus(generation, None, str(exc)))
            translator = self._translator = None
        model = translator.model_id if translator is not None else None
        self.post_message(ModelStatus(generation, model))
        k, n = 0, 0
        while k < len(jobs):
            self._wait_for_the_cursors_annotation(cancel)
            if cancel.is_set() or worker.is_cancelled:
                self.post_message(
                    TranslationFinished(generation, True, time.perf_counter() - began)
                )
                return
            size = CHUNKS[min(n, len(CHUNKS) - 1)]
            chunk = jobs[k : k + size]
            # The first chunk is the sentence a reader waits for: its name repairs are
            # decoded in the same batch as the sentence (eager_repair).
            eager = n == 0
            k, n = k + size, n + 1
            positions = {s.index: i for i, s, _ in chunk}  # article index → session position
            try:
                found, _stats = translate_sentences(
                    article,
                    list(positions),
                    translator,
                    self.resources.translation_cache,
                    None,
                    cancel,
                    eager_repair=eager,
                )
            except ReaderError as exc:
                self.post_message(WorkFailed("translation", str(exc)))
                return
            done = {positions[index]: tr for index, tr in found.items()}
            self.post_message(Translated(generation, done, {i: v for i, _, v in chunk}, model))
            self._first_english.set()
        self.post_message(TranslationFinished(generation, False, time.perf_counter() - began))

    def _wait_for_the_cursors_annotation(self, cancel: threading.Event) -> None:
        """Pause between chunks while the sentence at the cursor has no annotation yet (the
        reader jumped into a very long article's plain part): the pinyin the reader looks
        at comes before English for sentences elsewhere, and the annotating thread gets
        the interpreter to itself (a translation thread beside it slowed it several times
        over). Bounded: the English goes on after a few seconds whatever happens."""
        s = self.session
        deadline = time.monotonic() + CURSOR_FIRST_WAIT
        while (
            s.windowed
            and s.cursor.sentence not in s.annotated_at
            and not cancel.is_set()
            and time.monotonic() < deadline
        ):
            time.sleep(0.02)

    def on_model_status(self, message: ModelStatus) -> None:
        if not self.current(message):
            return
        if message.error:
            self.model_error = message.error
            self.notify(message.error, severity="error", timeout=8)
        self.model = message.model  # the watcher redraws the status line and titles

    def on_translated(self, message: Translated) -> None:
        if not self.current(message):
            return
        changed = self.session.apply_translations(message.translations, message.versions)
        if changed:
            self.session.article = replace(self.session.article, model=message.model)
            if self.lays_out_lazily():
                self.refresh_sentences(changed)
            else:
                self.view.relayout()
            if self.session.cursor.sentence in changed:
                self.refresh_lookup()
        self.translated = self.session.translated_count()  # the watcher moves the bar

    def on_translation_finished(self, message: TranslationFinished) -> None:
        if not self.current(message):
            return
        if not message.cancelled:
            self.translating = False
            self.timings["translated"] = time.perf_counter()
            # parts annotated while this job ran (a very long article's window goes on
            # being annotated where the reader moves after the first is done)
            todo = self.take_early_todo()
            if todo:
                self.start_translation(early=todo)
            # Sentences re-made while the job ran (a glossary edit) are still to do.
            elif self.session.annotated and self.session.untranslated() and self._restarts < 3:
                self._restarts += 1
                self.start_translation()
        self.refresh_status()
