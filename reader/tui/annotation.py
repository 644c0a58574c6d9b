"""Annotation in the background: a daemon thread annotates the article in parts from the
reading position on (a long article is first loaded whole and outlined, reader.tui.big_input)
and posts them; the handlers here apply them to the session on the UI thread.

Also the re-made sentences of a glossary edit or a restyle, and the dictionary load that
follows the first annotation.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from reader.errors import ReaderError
from reader.model import LoadedText
from reader.pipeline import Options
from reader.session import article_key, restore_position
from reader.tui.big_input import raw_outline, skeleton_of
from reader.tui.host import ReaderHost
from reader.tui.messages import (
    Annotated,
    DictionaryReady,
    Outlined,
    SentencesRemade,
    WorkFailed,
)

# Annotation parts: the first is the few sentences before the reading position and
# ANNOTATE_FIRST from it (small: their English starts as soon as they are annotated), later
# ones double up to a size that still lets the worker notice a cancel (q) within a second.
ANNOTATE_BEFORE_CURSOR = 10
ANNOTATE_FIRST = 4
ANNOTATE_MAX = 800
# How long annotation waits after its first part for the cursor's English (seconds): a
# bound, so a slow model load never holds back the rest of the screen for long.
FIRST_ENGLISH_WAIT = 1.5


class AnnotationWork(ReaderHost):
    """Mixin for ReaderApp: background annotation and the sentences it sends back."""

    def _annotate(self, generation: int, loaded: LoadedText, options: Options) -> None:
        """Annotate in a daemon thread: it reads and writes nothing a user keeps, so `q`
        never waits for it (a Textual thread worker is joined at exit, mid-part)."""
        self.early_todo.clear()
        if self.translate_enabled:
            self._first_english.clear()
        threading.Thread(
            target=self._annotate_parts,
            args=(generation, loaded, options),
            name="reader-annotate",
            daemon=True,
        ).start()

    def _annotate_parts(self, generation: int, loaded: LoadedText, options: Options) -> None:
        """Annotate from the reading position on, in parts, so the screen fills in at once
        and a long article never blocks a key; a newer generation (a reload) stops it.
        A long article is first loaded whole and outlined (it showed only its head)."""
        from reader.pipeline import iter_annotated, outline

        def stop() -> bool:
            return generation != self.generation or self._exiting.is_set()

        began = time.perf_counter()
        try:
            raw = None
            if self.outlining:
                if self._whole_path is not None:
                    loaded = self._load_whole(self._whole_path)
                raw = raw_outline(loaded, long=True, stop=stop)
                if stop():
                    return
                key = article_key(self.path, loaded.text)
                self.post_message(Outlined(generation, loaded, raw, key))
            glossary = options.glossary
            if glossary is None and self._glossary_factory is not None:
                glossary = self._glossary_factory()
            opts = replace(options, glossary=glossary)
            if stop():
                return
            if raw is not None:
                skeleton = skeleton_of(raw, opts)
            else:
                skeleton = outline(loaded, opts, tokens=False)
            fields = {
                "script": skeleton.script,
                "conversion": skeleton.conversion,
                "pinyin_style": skeleton.pinyin_style,
            }
            cursor = self.session.cursor.sentence
            start = max(0, cursor - ANNOTATE_BEFORE_CURSOR)
            first = cursor - start + ANNOTATE_FIRST
            parts = iter_annotated(skeleton, opts, self.resources, first, start, ANNOTATE_MAX)
            for n, part in enumerate(parts):
                if stop():
                    return
                message = Annotated(
                    generation, {s.index: s for s in part}, fields, glossary, False, 0.0
                )
                self.post_message(message)
                if n == 0:
                    self._first_english.wait(FIRST_ENGLISH_WAIT)
        except ReaderError as exc:
            self.post_message(WorkFailed("annotation", str(exc)))
            return
        done = Annotated(generation, {}, fields, glossary, True, time.perf_counter() - began)
        self.post_message(done)

    def take_early_todo(self) -> set[int]:
        """The annotated sentences no early translation job has been given yet (emptied)."""
        todo = set(self.early_todo)
        self.early_todo.clear()
        return todo

    def _load_whole(self, path: str) -> LoadedText:
        from reader.load import load_path

        return load_path(path, encoding=self.encoding, full_page=self.full_page)

    def on_outlined(self, message: Outlined) -> None:
        """The whole long article replaces its head; the cursor stays, or goes to the
        remembered reading position if the reader has not moved yet."""
        if not self.current(message):
            return
        s = self.session
        untouched = s.cursor.sentence == 0 and s.anchor is None
        self.loaded, self.article_key, self._whole_path = message.loaded, message.key, None
        s.set_article(message.article)
        self.early_todo.clear()  # indices of the head; the parts to come index the whole
        self.outlining = False
        if untouched:
            restore_position(s, self.positions, self.article_key)
        self.refresh_all()
        if untouched:
            self.view.scroll_to_cursor(center=True)

    def on_annotated(self, message: Annotated) -> None:
        if not self.current(message):
            return
        self.glossary = message.glossary
        s = self.session
        if message.sentences:
            s.apply_sentences(message.sentences, None, keep_translation=True)
            if s.article.conversion != message.article_fields["conversion"]:
                s.article = replace(s.article, **message.article_fields)
                # what t and p cycle from; set quietly: the article already has them
                self.set_reactive(ReaderHost.want_conversion, s.article.conversion)
                self.set_reactive(ReaderHost.want_style, s.article.pinyin_style)
        if not message.done:
            self.request_relayout()
            # English for the annotated parts before the rest is annotated; a part that
            # comes while a job runs waits for it (on_translation_finished takes it then)
            self.early_todo.update(message.sentences)
            if not self.translating:
                self.start_translation(early=self.take_early_todo())
            return
        self.timings["annotated"] = time.perf_counter()
        s.annotated = True
        self.early_todo.clear()
        self.vocab_article_changed()
        self._restarts = 0
        self.refresh_all()
        if not self.dictionary_ready and not self._dictionary_loading:
            self._dictionary_loading = True
            # a daemon thread like annotation: it only reads, so `q` never waits for it
            threading.Thread(
                target=self._load_dictionary, name="reader-dictionary", daemon=True
            ).start()
        if not self.translating:  # else an early job runs; when it ends it starts the rest
            self.start_translation()

    def _load_dictionary(self) -> None:
        try:
            self.resources.dictionary.load()
        except Exception as exc:  # a thread of our own: say what failed, no traceback
            self.post_message(WorkFailed("dictionary", str(exc) or repr(exc)))
            return
        if not self._exiting.is_set():
            self.post_message(DictionaryReady())

    def on_dictionary_ready(self, message: DictionaryReady) -> None:
        self.dictionary_ready = True  # the watcher redraws the look-up panel

    def on_sentences_remade(self, message: SentencesRemade) -> None:
        if not self.current(message):
            return
        fields = message.article_fields
        if "conversion" in fields and fields["conversion"] != self.want_conversion:
            return  # superseded by a later press of `t`
        if "pinyin_style" in fields and fields["pinyin_style"] != self.want_style:
            return
        if message.glossary is not None:
            self.glossary = message.glossary
        self.session.apply_sentences(message.sentences, message.versions, message.keep_translation)
        self.vocab_article_changed()
        if fields:
            self.session.article = replace(self.session.article, **fields)
        if message.note:
            self.notify(message.note, timeout=4)
        self.refresh_all()
        if not message.keep_translation:
            self._restarts = 0
            self.start_translation()
