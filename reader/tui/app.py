"""The Textual reader: ``reader ARTICLE`` / ``reader --sample``.

The app is a thin shell around :class:`reader.session.Session`, assembled from one mixin
per concern (reader.tui.host lists what they share):

* reader.tui.reader_screen — the screen and its bindings (from reader.tui.actions);
* reader.tui.refresh — column titles, look-up panel, status line; watchers of the
  reactive state (panes, model, progress …) redraw them;
* reader.tui.annotation — the article is on screen at once, split into sentences without
  jieba or pinyin; annotation runs in a daemon thread that posts parts (reader.tui.messages),
  a long article shows its head first (reader.tui.big_input); widgets are only touched on
  the UI thread;
* reader.tui.translation — one exclusive worker over the untranslated sentences, starting
  at the cursor, in small chunks so rows fill in while the reader reads;
* reader.tui.reading_actions, glossary_actions, file_actions, vocab_screen, web_actions —
  what the keys do.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from reader.errors import ReaderError
from reader.model import LoadedText
from reader.pipeline import Options
from reader.reading.window import AnnotationPlan
from reader.resources import Resources, default_resources
from reader.session import (
    PositionStore,
    Session,
    article_key,
    raw_article,
    remember_position,
    restore_position,
)
from reader.tui.actions import help_rows
from reader.tui.annotation import AnnotationWork
from reader.tui.article_view import ArticleView
from reader.tui.big_input import head_of, is_long, load_file_head, notice, raw_outline
from reader.tui.commands import ReaderCommands
from reader.tui.file_actions import FileActions
from reader.tui.glossary_actions import GlossaryActions
from reader.tui.host import UNSET, FromWorker, GlossaryFactory, ReaderHost, TranslatorFactory
from reader.tui.lookup import LookupPanel
from reader.tui.messages import WorkFailed
from reader.tui.preload import preload_model
from reader.tui.reader_screen import ReaderScreen
from reader.tui.reading_actions import ReadingActions
from reader.tui.refresh import ScreenRefresh
from reader.tui.screens import HelpScreen
from reader.tui.translation import TranslationWork
from reader.tui.vocab_screen import VocabActions
from reader.tui.web_actions import WebActions

if TYPE_CHECKING:
    from reader.translate.engine import MTBackend

__all__ = ["ReaderApp", "ReaderScreen", "make_app"]


class ReaderApp(
    ScreenRefresh,
    AnnotationWork,
    TranslationWork,
    ReadingActions,
    GlossaryActions,
    FileActions,
    VocabActions,
    WebActions,
    App[None],
):
    CSS_PATH = "reader.tcss"
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {ReaderCommands}

    def __init__(
        self,
        loaded: LoadedText,
        *,
        path: str | None = None,
        options: Options | None = None,
        translator_factory: TranslatorFactory | None = None,
        glossary_factory: GlossaryFactory | None = None,
        encoding: str | None = None,
        full_page: bool = False,
        positions: PositionStore | None = None,
        translate: bool = True,
        resources: Resources | None = None,
        vocabulary: Any = None,
        offer_known_hsk: bool = False,
        whole_path: str | None = None,
    ) -> None:
        """``whole_path``: ``loaded`` is only the head of this (big) file, whose whole text
        is loaded in the background (reader.tui.big_input)."""
        super().__init__()
        self.vocabulary = vocabulary  # reader.vocab.reading.Vocabulary, None: no vocabulary
        self.article_vocab = None
        self.offer_known_hsk = offer_known_hsk
        self.options = options or Options()
        self.resources = resources if resources is not None else default_resources()
        self.path = path
        self.encoding = encoding
        self.full_page = full_page
        self.translate_enabled = translate
        self._translator_factory = translator_factory
        self._glossary_factory = glossary_factory
        self._translator = UNSET
        self._translator_lock = threading.Lock()
        self.glossary: Any = self.options.glossary
        self.positions = positions if positions is not None else PositionStore()
        self.generation = 0
        self.vocab: set[str] = set()
        self._cancel = threading.Event()
        self._exiting = threading.Event()  # set on quit: background parts stop posting
        self._dictionary_loading = False
        self._relayout_due = False  # a coalesced re-layout of a long article is scheduled
        self._relayout_seconds = 0.0  # how long the last one took
        self._restarts = 0  # automatic re-runs of translation for left-over sentences
        self.early_todo: set[int] = set()  # annotated parts not yet given to translation
        # which sentences the annotating thread has taken (shared with it; its own lock)
        self._annotation_plan = AnnotationPlan(0)
        # Set once the first translation chunk (the cursor's sentence) is back, or none
        # will come: annotation pauses after its first part until then, so the English a
        # reader waits for does not share the two cores with annotating the rest.
        self._first_english = threading.Event()
        self.loaded = loaded
        self._whole_path = whole_path
        self.init_web()
        self.session = self._new_session(loaded, path, head_only=whole_path is not None)
        self.timings: dict[str, float] = {"created": time.perf_counter()}

    # -- plumbing -------------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        return ReaderScreen(self.session)

    def _alive(self) -> bool:
        """Whether the reader screen is up (late worker messages after quit are dropped)."""
        try:
            return any(isinstance(screen, ReaderScreen) for screen in self.screen_stack)
        except Exception:  # no screen stack while shutting down
            return False

    def current(self, message: FromWorker) -> bool:
        """Whether a worker's message is for the article on screen (not an older one that
        was replaced by opening another file) and the reader screen is still up."""
        return message.generation == self.generation and self._alive()

    def _reader_screen(self) -> ReaderScreen:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                return screen
        raise RuntimeError("reader screen not mounted")

    @property
    def view(self) -> ArticleView:
        return self._reader_screen().query_one(ArticleView)

    @property
    def lookup(self) -> LookupPanel:
        return self._reader_screen().query_one(LookupPanel)

    def _new_session(
        self, loaded: LoadedText, path: str | None, head_only: bool = False
    ) -> Session:
        """A session on the raw article; a long one shows its head until the background
        outline of the whole (which then restores the reading position) is ready."""
        outlining = head_only or is_long(loaded)
        self.set_reactive(ReaderHost.outlining, outlining)
        if outlining:
            shown = loaded if head_only else head_of(loaded)
            session = Session(raw_outline(shown, long=True), path)
            self.article_key = ""  # known with the whole text
        else:
            session = Session(raw_article(loaded), path)
            self.article_key = article_key(path, loaded.text)
            restore_position(session, self.positions, self.article_key)
        # what t and p cycle from (set quietly: nothing to restyle yet)
        self.set_reactive(ReaderHost.want_conversion, "")
        self.set_reactive(ReaderHost.want_style, self.options.pinyin_style)
        self.set_reactive(
            ReaderHost.panes_shown, (tuple(session.visible_panes()), session.interlinear)
        )
        return session

    def screen_ready(self) -> None:
        """The reader screen is composed: first paint, then start the background work."""
        self._apply_keymap()
        self.title = self._title()
        self.sub_title = self._sub_title()
        self.refresh_all()
        self.view.scroll_to_cursor(center=True)
        if self.outlining:
            self.notify(notice(self._size_mb()), timeout=8)
        if self.translate_enabled:  # the model loads while the article is annotated
            preload_model(self._get_translator, self.resources.translation_cache.open)
        # after the first paint: a background thread holding the GIL would delay it
        self.call_after_refresh(self._annotate, self.generation, self.loaded, self.options)
        if self.vocabulary is not None and self.vocabulary.store.notice:
            self.notify(self.vocabulary.store.notice, severity="warning", timeout=10)
        self.vocab_offer_known_hsk()

    def _size_mb(self) -> float:
        if self._whole_path is not None:
            try:
                return os.path.getsize(self._whole_path) / 1e6
            except OSError:
                pass
        return len(self.loaded.text.encode("utf-8", "replace")) / 1e6

    def _apply_keymap(self) -> None:
        from reader.paths import config_dir

        path = config_dir() / "keymap.toml"
        if not path.is_file():
            return
        import tomllib

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self.notify(f"{path}: {exc}; keymap ignored", severity="warning")
            return
        keys = data.get("keys", data)
        self.set_keymap({str(k): str(v) for k, v in keys.items() if isinstance(v, str)})

    def _title(self) -> str:
        meta = self.session.article.meta
        if meta.title:
            return meta.title
        if self.path == "-":
            return "standard input"
        return Path(self.path).name if self.path else "reader"

    def _sub_title(self) -> str:
        parts = []
        if self.path and self.path != "-":  # stdin has no file name to show
            parts.append(Path(self.path).name)
        if self.full_page:
            parts.append("full page")
        return " · ".join(parts)

    # -- errors ---------------------------------------------------------------------------
    @on(WorkFailed)
    def _work_failed(self, message: WorkFailed) -> None:
        if not self._alive():
            return
        self.notify(f"{message.what}: {message.error}", severity="error", timeout=10)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """An unexpected error in a worker: say so (one line) instead of failing silently."""
        if event.state == WorkerState.ERROR and self._alive():
            error = event.worker.error
            self.notify(f"{event.worker.group}: {error!r}", severity="error", timeout=10)
            if event.worker.group == "translate":
                self.translating = False

    # -- help, quit -----------------------------------------------------------------------
    @property
    def keymap(self) -> dict[str, str]:
        """Binding id → keys, as remapped by keymap.toml (empty when not remapped)."""
        return dict(getattr(self, "_keymap", {}) or {})

    def binding_rows(self) -> list[tuple[str, str]]:
        return help_rows(self.keymap)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.binding_rows()))

    def save_position(self) -> None:
        if not self.article_key:
            return  # the head of a long article: its key comes with the whole text
        try:
            remember_position(self.session, self.positions, self.article_key)
        except OSError:
            pass  # a read-only data dir must not stop the reader from quitting

    async def action_quit(self) -> None:
        self.shutdown()
        self.exit()

    def shutdown(self) -> None:
        """Remember where the reader was and stop background annotation and translation."""
        self._cancel.set()
        self._exiting.set()
        self.save_position()
        self.workers.cancel_all()

    def on_unmount(self) -> None:
        self._cancel.set()
        self._exiting.set()


def make_app(
    source: str | os.PathLike[str] | LoadedText,
    options: Options | None = None,
    *,
    translator_factory: TranslatorFactory | None | object = UNSET,
    glossary_factory: GlossaryFactory | None | object = UNSET,
    encoding: str | None = None,
    full_page: bool = False,
    positions: PositionStore | None = None,
    translate: bool = True,
    vocabulary: Any = UNSET,
    offer_known_hsk: bool = False,
    whole_path: str | None = None,
) -> ReaderApp:
    """Build the reader for a path or already-loaded text.

    ``translator_factory`` returns a Translator (anything with ``model_id``, ``source_code``,
    ``max_source_tokens``, ``count_tokens`` and ``translate``) or None to gloss; it runs in a
    worker thread. The defaults load the installed model and the user's glossaries.
    ``whole_path``: ``source`` is the head of this big file (reader.tui.big_input), read
    whole in the background; a path ``source`` of a big text file is opened that way.
    """
    if isinstance(source, LoadedText):
        loaded, path = source, source.meta.path or None
    else:
        from reader.load import load_path

        path = os.fspath(source)
        head = load_file_head(path, encoding, full_page)  # a big text file: its head first
        if head is not None:
            loaded, whole_path = head, path
        else:
            loaded = load_path(path, encoding=encoding, full_page=full_page)
    if translator_factory is UNSET:

        def translator_factory() -> MTBackend | None:
            from reader.translate import load_translator

            return load_translator()

    if glossary_factory is UNSET:

        def glossary_factory() -> Any:
            from reader.resources import default_resources

            return default_resources().glossary()

    if vocabulary is UNSET:
        vocabulary = _open_vocabulary()
    return ReaderApp(
        loaded,
        path=path,
        options=options,
        translator_factory=translator_factory,  # type: ignore[arg-type]
        glossary_factory=glossary_factory,  # type: ignore[arg-type]
        encoding=encoding,
        full_page=full_page,
        positions=positions,
        translate=translate,
        vocabulary=vocabulary,
        offer_known_hsk=offer_known_hsk,
        whole_path=whole_path,
    )


def _open_vocabulary() -> Any:
    """The user's vocabulary; the reader still works without one (read-only data dir)."""
    import sqlite3

    from reader.vocab.reading import Vocabulary

    try:
        return Vocabulary()
    except (OSError, sqlite3.Error, ReaderError):
        return None
