"""Annotation in the background: a daemon thread annotates the article in parts from the
reading position on (a long article is first loaded whole and outlined, reader.tui.big_input)
and posts them; the handlers here apply them to the session on the UI thread.

Also the re-made sentences of a glossary edit or a restyle, and the dictionary load that
follows the first annotation.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace

from reader.errors import ReaderError
from reader.model import LoadedText
from reader.pipeline import ArticleRun, Options, outline
from reader.reading.window import BEFORE, KEEP, WINDOW, AnnotationPlan
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

# Annotation parts: the first is the few sentences before the reading position (BEFORE) and
# ANNOTATE_FIRST from it (small: their English starts as soon as they are annotated), later
# ones double up to a size that still lets the worker notice a cancel (q) within a second.
ANNOTATE_FIRST = 4
ANNOTATE_MAX = 200
# A move of more sentences than this between two parts is a jump: annotation starts again
# from a small part at the new place (the screen the reader is looking at).
JUMP = 100
# How long annotation waits after its first part for the cursor's English (seconds): a
# bound, so a slow model load never holds back the rest of the screen for long.
FIRST_ENGLISH_WAIT = 1.5
# Sentences of a long article's head annotated before the whole is loaded (a few screens).
HEAD_FIRST = 60
# How often a very long article's annotation looks where the reader is, once the window
# round the reader is annotated (seconds).
WINDOW_POLL = 0.25


def _fields(run: ArticleRun) -> dict[str, str]:
    """The article fields a part was annotated with (the session takes them from the first)."""
    article = run.article
    return {
        "script": article.script,
        "conversion": article.conversion,
        "pinyin_style": article.pinyin_style,
    }


def _wait(event: threading.Event, stop: Callable[[], bool]) -> bool:
    """Wait for ``event`` while ``stop`` says no; False when stopped first."""
    while not event.wait(0.1):
        if stop():
            return False
    return True


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
        A long article is first loaded whole and outlined (it showed only its head); a
        very long one is annotated in a window that follows the reader (AnnotationPlan)."""

        def stop() -> bool:
            return generation != self.generation or self._exiting.is_set()

        began = time.perf_counter()
        try:
            glossary = options.glossary
            if glossary is None and self._glossary_factory is not None:
                glossary = self._glossary_factory()
            opts = replace(options, glossary=glossary)
            raw = None
            if self.outlining:
                self._annotate_head(generation, opts, stop)
                if self._whole_path is not None:
                    loaded = self._load_whole(self._whole_path)
                raw = raw_outline(loaded, long=True, stop=stop)
                if stop():
                    return
                key = article_key(self.path, loaded.text)
                self.post_message(Outlined(generation, loaded, raw, key))
            if stop():
                return
            if raw is not None:
                skeleton = skeleton_of(raw, opts)
            else:
                skeleton = outline(loaded, opts, tokens=False)
            run = ArticleRun(skeleton, opts, self.resources)
            plan = AnnotationPlan(len(run.sentences), WINDOW, KEEP)
            self._annotation_plan = plan
            centre = self.session.cursor.sentence
            first = size = min(centre, BEFORE) + ANNOTATE_FIRST
            previous: Annotated | None = None
            announced = False
            while not stop():
                run = self._run_as_now(run)
                if abs(self.session.cursor.sentence - centre) > JUMP:
                    # the reader jumped (G, a search hit): its screen first, in a small part
                    first = size = BEFORE + ANNOTATE_FIRST
                centre = self.session.cursor.sentence
                todo = plan.take(centre, size)
                if not todo:
                    if not announced:
                        seconds = time.perf_counter() - began
                        self.post_message(
                            Annotated(generation, {}, _fields(run), run.glossary, True, seconds)
                        )
                        announced = True
                    if not plan.windowed:
                        return  # the whole article is annotated
                    time.sleep(WINDOW_POLL)  # the reader may move on: the window follows
                    continue
                part = run.annotate(todo)
                if previous is not None and not _wait(previous.applied, stop):
                    return
                previous = Annotated(
                    generation, {s.index: s for s in part}, _fields(run), run.glossary, False, 0.0
                )
                self.post_message(previous)
                if size == first:
                    self._first_english.wait(FIRST_ENGLISH_WAIT)
                size = min(size * 2, ANNOTATE_MAX)
        except ReaderError as exc:
            self.post_message(WorkFailed("annotation", str(exc)))

    def _annotate_head(self, generation: int, opts: Options, stop: Callable[[], bool]) -> None:
        """The first screens of a long article's head, annotated before the whole is loaded
        and outlined (seconds on 20 MB), so the reader has pinyin at once. The head's names
        are judged on the head alone; the whole article's run annotates these sentences
        again, seeing all of it."""
        head = skeleton_of(self.session.article, opts)
        run = ArticleRun(head, opts, self.resources)
        self._annotation_plan = plan = AnnotationPlan(len(run.sentences), WINDOW, KEEP)
        centre = self.session.cursor.sentence  # the head is shown from its start
        first = min(centre, BEFORE) + ANNOTATE_FIRST
        for n, size in enumerate((first, HEAD_FIRST - first)):
            todo = plan.take(centre, size)
            if stop() or not todo:
                return
            part = run.annotate(todo)
            fields = _fields(run)
            self.post_message(
                Annotated(generation, {x.index: x for x in part}, fields, run.glossary, False, 0.0)
            )
            if n == 0:
                self._first_english.wait(FIRST_ENGLISH_WAIT)

    def _run_as_now(self, run: ArticleRun) -> ArticleRun:
        """``run`` with the reader's settings as they are now: after a glossary edit or a
        change of romanisation a new run (the decider depends on them), after `t` or `p`
        the same run with the article's new conversion or pinyin style."""
        s = self.session
        if s.annotated and (
            self.glossary is not run.glossary
            or self.options.romanisation != run.options.romanisation
        ):
            opts = replace(
                run.options, glossary=self.glossary, romanisation=self.options.romanisation
            )
            run = ArticleRun(run.article, opts, self.resources)
        wanted = (
            self.want_conversion or run.article.conversion,
            self.want_style or run.article.pinyin_style,
        )
        if s.annotated and wanted != (run.article.conversion, run.article.pinyin_style):
            run = run.restyled(*wanted)
        return run

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
        # the head's annotated sentences stay (same indices and offsets in the whole) until
        # the whole article's run annotates them again
        carried = {s.sentences[i].index: s.sentences[i] for i in s.annotated_at}
        article = message.article
        if carried:
            head = s.article
            article = replace(
                article,
                script=head.script,
                conversion=head.conversion,
                pinyin_style=head.pinyin_style,
            ).with_sentences(carried)
        s.set_article(article)
        s.annotated_at.update(carried)  # a whole article's indices are its positions
        self.early_todo.clear()  # indices of the head; the parts to come index the whole
        self.outlining = False
        if untouched:
            restore_position(s, self.positions, self.article_key)
        self.refresh_all()
        if untouched:
            self.view.scroll_to_cursor(center=True)

    def on_annotated(self, message: Annotated) -> None:
        try:
            self._take_annotated(message)
        finally:
            message.applied.set()  # the annotating thread may post its next part

    def _take_annotated(self, message: Annotated) -> None:
        if not self.current(message):
            return
        s = self.session
        if message.sentences and s.annotated and self._stale(message):
            # annotated before a glossary edit, `t` or `p` reached the annotating thread:
            # annotated again (with the new settings) when the thread next looks
            self._annotation_plan.forget(message.sentences)
            return
        self.glossary = message.glossary
        let_go: list[int] = []
        if message.sentences:
            s.apply_sentences(message.sentences, None, keep_translation=True)
            if s.article.conversion != message.article_fields["conversion"]:
                s.article = replace(s.article, **message.article_fields)
                # what t and p cycle from; set quietly: the article already has them
                self.set_reactive(ReaderHost.want_conversion, s.article.conversion)
                self.set_reactive(ReaderHost.want_style, s.article.pinyin_style)
            plan = self._annotation_plan
            s.windowed = plan.windowed
            let_go = s.let_go(plan.let_go(s.cursor.sentence, s.annotated_at))
            plan.forget(let_go)
        if not message.done or s.annotated:
            self.refresh_sentences([*message.sentences, *let_go])
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

    def _stale(self, message: Annotated) -> bool:
        """Whether a part was annotated with settings the reader has changed since."""
        fields = message.article_fields
        return (
            message.glossary is not self.glossary
            or fields["conversion"] != self.session.article.conversion
            or fields["pinyin_style"] != self.session.article.pinyin_style
        )

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
        s = self.session
        new = message.sentences
        if s.windowed:
            # sentences far from the reader stay plain (a restyle made them over the whole
            # article); those annotated while the job ran are annotated again as they are now
            new = {i: sentence for i, sentence in new.items() if i in s.annotated_at}
        taken = s.apply_sentences(new, message.versions, message.keep_translation)
        if s.windowed:
            missed = set(new).difference(taken)
            self._annotation_plan.forget(s.let_go(missed))
        self.vocab_article_changed()
        if fields:
            self.session.article = replace(self.session.article, **fields)
        if message.note:
            self.notify(message.note, timeout=4)
        self.refresh_all()
        if not message.keep_translation:
            self._restarts = 0
            self.start_translation()
