"""What the reader app's parts share: its reactive state and the names each part uses.

ReaderApp (reader.tui.app) is assembled from mixins, one per concern (refresh, annotation,
translation, reading actions, glossary actions, file actions, vocabulary, web). Each mixin
derives from :class:`ReaderHost`, which holds the app's reactive attributes (their
``watch_*`` methods live in the mixin that owns the concern) and, for the type checker only,
the attributes and methods the mixins call on each other. At run time ReaderHost is a plain
class: the mixins come before it in the MRO, so nothing here shadows a real method.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any, Protocol

from textual.reactive import reactive

if TYPE_CHECKING:
    from textual.app import App

    from reader.model import LoadedText
    from reader.pipeline import Options
    from reader.reading.window import AnnotationPlan
    from reader.resources import Resources
    from reader.session import PositionStore, Session
    from reader.translate.engine import MTBackend
    from reader.tui.article_view import ArticleView
    from reader.tui.lookup import LookupPanel
    from reader.tui.reader_screen import ReaderScreen

    _AppBase = App[None]
else:
    _AppBase = object

TranslatorFactory = Callable[[], "MTBackend | None"]
GlossaryFactory = Callable[[], Any]
UNSET: Any = object()  # model not known yet; translator not loaded yet


class FromWorker(Protocol):
    generation: int


class ReaderHost(_AppBase):
    """The reader app's shared state (see the module docstring)."""

    # Reactive state: assigning one runs its watch_* method (when the value changes).
    # where the cursor is; always_update: the session changes in place (a search can find
    # new hits around the same cursor), so every assignment redraws
    position: reactive[object] = reactive(None, always_update=True, init=False)
    outlining = reactive(False, init=False)  # the head of a long article is shown (big_input)
    translating = reactive(False, init=False)
    model: reactive[object] = reactive(
        UNSET, init=False
    )  # model id; None: glossing; UNSET: unknown
    model_error = reactive("", init=False)
    dictionary_ready = reactive(False, init=False)
    translated = reactive(0, init=False)  # sentences with a translation (the progress bar)
    panes_shown: reactive[tuple[tuple[str, ...], bool | None]] = reactive(((), None), init=False)
    want_conversion = reactive("", init=False)  # the conversion asked for (t), applied in a worker
    want_style = reactive("", init=False)  # the pinyin style asked for (p)

    if TYPE_CHECKING:
        session: Session
        generation: int
        options: Options
        resources: Resources
        positions: PositionStore
        path: str | None
        encoding: str | None
        full_page: bool
        loaded: LoadedText
        glossary: Any
        article_key: str
        translate_enabled: bool
        timings: dict[str, float]
        vocab: set[str]
        article_vocab: Any
        fetching: str
        _cancel: threading.Event
        _exiting: threading.Event
        _restarts: int
        early_todo: set[int]
        _annotation_plan: AnnotationPlan
        _first_english: threading.Event
        _dictionary_loading: bool
        _relayout_due: bool
        _relayout_seconds: float
        _whole_path: str | None
        _translator: MTBackend | None
        _translator_lock: threading.Lock
        _translator_factory: TranslatorFactory | None
        _glossary_factory: GlossaryFactory | None

        @property
        def view(self) -> ArticleView: ...
        @property
        def lookup(self) -> LookupPanel: ...
        def _reader_screen(self) -> ReaderScreen: ...
        def _alive(self) -> bool: ...
        def current(self, message: FromWorker) -> bool: ...
        def _new_session(
            self, loaded: LoadedText, path: str | None, head_only: bool = False
        ) -> Session: ...
        def _title(self) -> str: ...
        def _sub_title(self) -> str: ...
        def _size_mb(self) -> float: ...
        def save_position(self) -> None: ...
        def refresh_all(self) -> None: ...
        def refresh_columns(self) -> None: ...
        def refresh_lookup(self) -> None: ...
        def refresh_status(self) -> None: ...
        def after_cursor_move(self) -> None: ...
        def show_panes(self) -> None: ...
        def lays_out_lazily(self) -> bool: ...
        def request_relayout(self) -> None: ...
        def refresh_sentences(self, changed: Collection[int]) -> None: ...
        def status_text(self, width: int = 0) -> str: ...
        def start_translation(self, early: set[int] | None = None) -> None: ...
        def _annotate(self, generation: int, loaded: LoadedText, options: Options) -> None: ...
        def take_early_todo(self) -> set[int]: ...
        def vocab_article_changed(self) -> None: ...
        def vocab_status_part(self) -> str: ...
        def vocab_lookup_line(self) -> str: ...
        def vocab_unknown_words(self) -> list[str]: ...
        def cancel_fetch(self) -> bool: ...
        def load_any(
            self, generation: int, path: str, encoding: str | None, full_page: bool
        ) -> LoadedText: ...
