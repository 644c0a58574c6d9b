"""The Textual reader: ``reader ARTICLE`` / ``reader --sample``.

The app is a thin shell around :class:`reader.session.Session`:

* the article is on screen at once, split into sentences without jieba or pinyin
  (:func:`reader.session.raw_article`); annotation, the dictionary and the MT model load in
  thread workers that post messages (reader.tui.messages) — widgets are only touched on
  the UI thread;
* translation runs in one exclusive worker over the untranslated sentences, starting at
  the cursor, in small chunks so rows fill in while the reader reads; a glossary edit
  re-annotates only the sentences containing the term and re-queues them;
* key bindings live on the reader screen (modal screens don't inherit them) and carry ids
  so ``keymap.toml`` in the config dir can remap them.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from reader.errors import ReaderError
from reader.model import Article, LoadedText, Sentence
from reader.pipeline import Options
from reader.resources import Resources, default_resources
from reader.session import (
    PositionStore,
    Session,
    article_key,
    lookup_info,
    raw_article,
    reannotate,
    remember_position,
    restore_position,
)
from reader.text_layout import cell_width, title_line
from reader.tui.actions import ACTIONS, bindings, footer_hidden, help_rows
from reader.tui.article_view import ArticleView
from reader.tui.commands import ReaderCommands
from reader.tui.lookup import LookupPanel
from reader.tui.messages import (
    Annotated,
    DictionaryReady,
    Loaded,
    ModelStatus,
    SentencesRemade,
    Translated,
    TranslationFinished,
    WorkFailed,
)
from reader.tui.preload import preload_model
from reader.tui.screens import (
    ExportRequest,
    ExportScreen,
    GlossaryRequest,
    GlossaryScreen,
    HelpScreen,
    NameAction,
    NamesScreen,
    OpenScreen,
    SearchScreen,
)
from reader.tui.vocab_screen import VocabActions
from reader.tui.web_actions import WebActions

TranslatorFactory = Callable[[], Any]
GlossaryFactory = Callable[[], Any]

GLOSS_STATUS = "gloss: no MT model installed — reader model install FILE.argosmodel"
GLOSS_STATUS_SHORT = "gloss: no MT model (reader model install)"  # when the line is narrow
NARROW = 120  # below this many columns: interlinear layout, look-up panel at the bottom
COMPACT_FOOTER = 140  # below this many columns: footer keys without padding
CHUNKS = (4, 16)  # first translation chunk tiny (one batch: the first lines), then larger
# Annotation parts: the first covers the screen around the reading position, later ones
# double up to a size that still lets the worker notice a cancel (q) within a second.
ANNOTATE_BEFORE_CURSOR = 10
ANNOTATE_FIRST = 60
ANNOTATE_MAX = 800
_UNSET = object()


class ReaderScreen(Screen[None]):
    """Header, column titles, the article, the look-up panel, status/progress, footer."""

    BINDINGS = bindings()  # reader.tui.actions: one registry for keys, help, palette

    def __init__(self, session: Session) -> None:
        super().__init__(id="reader")
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="文")
        yield Static(id="columns", markup=False)
        with Horizontal(id="body"):
            yield ArticleView(self.session, id="article")
            yield LookupPanel(id="lookup")
        with Horizontal(id="statusbar"):
            yield Static(id="status", markup=False)
            yield ProgressBar(id="progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()
        app = self.app
        if isinstance(app, ReaderApp):
            app.screen_ready()

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-narrow")
        # Below this width the footer's keys fit only without their padding, and narrower
        # still only the essential ones.
        self.query_one(Footer).compact = self.app.size.width < COMPACT_FOOTER
        self._fit_footer(footer_hidden(self.app.size.width))
        app = self.app
        if isinstance(app, ReaderApp) and app.session.sentences:
            # The column titles follow the view's new layout (columns ⇄ interlinear), the
            # status line the new width.
            self.call_after_refresh(app.refresh_columns)
            self.call_after_refresh(app.refresh_status)

    def _fit_footer(self, hidden: frozenset[str]) -> None:
        """Show in the footer the registry's footer keys except ``hidden`` (Textual has no
        public per-instance `show`, so the screen's own binding map is rewritten)."""
        footer_ids = {a.binding_id for a in ACTIONS if a.footer}
        table = self._bindings.key_to_bindings
        for key, key_bindings in table.items():
            table[key] = [
                replace(b, show=b.id not in hidden) if b.id in footer_ids else b
                for b in key_bindings
            ]
        self.refresh_bindings()


class ReaderApp(VocabActions, WebActions, App[None]):
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
    ) -> None:
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
        self._translator: Any = _UNSET
        self._translator_lock = threading.Lock()
        self.glossary: Any = self.options.glossary
        self.positions = positions if positions is not None else PositionStore()
        self.generation = 0
        self.model: str | None | object = _UNSET  # model id; None = glossing; _UNSET = unknown
        self.model_error = ""
        self.dictionary_ready = False
        self.translating = False
        self.vocab: set[str] = set()
        self._cancel = threading.Event()
        self._exiting = threading.Event()  # set on quit: background parts stop posting
        self._restarts = 0  # automatic re-runs of translation for left-over sentences
        self._want_conversion = ""
        self._want_style = ""
        self.loaded = loaded
        self.init_web()
        self.session = self._new_session(loaded, path)
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

    def _new_session(self, loaded: LoadedText, path: str | None) -> Session:
        session = Session(raw_article(loaded), path)
        self.article_key = article_key(path, loaded.text)
        restore_position(session, self.positions, self.article_key)
        self._want_conversion = ""
        self._want_style = self.options.pinyin_style
        return session

    def screen_ready(self) -> None:
        """The reader screen is composed: first paint, then start the background work."""
        self._apply_keymap()
        self.title = self._title()
        self.sub_title = self._sub_title()
        self.refresh_all()
        self.view.scroll_to_cursor(center=True)
        if self.translate_enabled:  # the model loads while the article is annotated
            preload_model(self._get_translator)
        self._annotate(self.generation, self.loaded, self.options)
        if self.vocabulary is not None and self.vocabulary.store.notice:
            self.notify(self.vocabulary.store.notice, severity="warning", timeout=10)
        self.vocab_offer_known_hsk()

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

    # -- refreshing the screen ------------------------------------------------------------
    def refresh_all(self) -> None:
        view = self.view
        view.relayout()
        self.refresh_columns()
        self.refresh_lookup()
        self.refresh_status()

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
        info = lookup_info(self.session, with_dictionary=self.dictionary_ready)
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
        if not s.annotated:
            parts.append("annotating…")
        elif self.model is _UNSET:
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
        bar.update(
            total=max(1, len(self.session.sentences)), progress=self.session.translated_count()
        )

    def after_cursor_move(self) -> None:
        self.view.cursor_changed()
        self.refresh_lookup()
        self.refresh_status()

    # -- background work ------------------------------------------------------------------
    def _annotate(self, generation: int, loaded: LoadedText, options: Options) -> None:
        """Annotate in a daemon thread: it reads and writes nothing a user keeps, so `q`
        never waits for it (a Textual thread worker is joined at exit, mid-part)."""
        threading.Thread(
            target=self._annotate_parts,
            args=(generation, loaded, options),
            name="reader-annotate",
            daemon=True,
        ).start()

    def _annotate_parts(self, generation: int, loaded: LoadedText, options: Options) -> None:
        """Annotate from the reading position on, in parts, so the screen fills in at once
        and a long article never blocks a key; a newer generation (a reload) stops it."""
        from reader.pipeline import iter_annotated, outline

        began = time.perf_counter()
        try:
            glossary = options.glossary
            if glossary is None and self._glossary_factory is not None:
                glossary = self._glossary_factory()
            opts = replace(options, glossary=glossary)
            skeleton = outline(loaded, opts, tokens=False)
            fields = {
                "script": skeleton.script,
                "conversion": skeleton.conversion,
                "pinyin_style": skeleton.pinyin_style,
            }
            start = max(0, self.session.cursor.sentence - ANNOTATE_BEFORE_CURSOR)
            parts = iter_annotated(
                skeleton, opts, self.resources, ANNOTATE_FIRST, start, ANNOTATE_MAX
            )
            for part in parts:
                if generation != self.generation or self._exiting.is_set():
                    return
                message = Annotated(
                    generation, {s.index: s for s in part}, fields, glossary, False, 0.0
                )
                self.post_message(message)
        except ReaderError as exc:
            self.post_message(WorkFailed("annotation", str(exc)))
            return
        done = Annotated(generation, {}, fields, glossary, True, time.perf_counter() - began)
        self.post_message(done)

    @on(Annotated)
    def _annotated(self, message: Annotated) -> None:
        if message.generation != self.generation or not self._alive():
            return
        self.glossary = message.glossary
        s = self.session
        if message.sentences:
            s.apply_sentences(message.sentences, None, keep_translation=True)
            if s.article.conversion != message.article_fields["conversion"]:
                s.article = replace(s.article, **message.article_fields)
                self._want_conversion = s.article.conversion
                self._want_style = s.article.pinyin_style
        if not message.done:
            self.refresh_all()
            if not self.translating:  # the first screen's English, before the rest is annotated
                self.start_translation(early=set(message.sentences))
            return
        self.timings["annotated"] = time.perf_counter()
        s.annotated = True
        self.vocab_article_changed()
        self._restarts = 0
        self.refresh_all()
        if not self.dictionary_ready:
            self._load_dictionary()
        if not self.translating:  # else an early job runs; when it ends it starts the rest
            self.start_translation()

    @work(thread=True, exclusive=True, group="dictionary", exit_on_error=False)
    def _load_dictionary(self) -> None:
        from reader.annotate import dictionary

        dictionary.load()
        self.post_message(DictionaryReady())

    @on(DictionaryReady)
    def _dictionary_ready(self) -> None:
        self.dictionary_ready = True
        if self._alive():
            self.refresh_lookup()

    def _get_translator(self) -> Any:
        with self._translator_lock:
            if self._translator is _UNSET:
                factory = self._translator_factory
                self._translator = factory() if factory is not None else None
            return self._translator

    def start_translation(self, early: set[int] | None = None) -> None:
        """(Re)start translating every untranslated sentence, nearest the cursor first;
        ``early``: only these (annotated) ones, while the rest is still being annotated."""
        self._cancel.set()
        if not self.translate_enabled or not (self.session.annotated or early):
            self.translating = False  # cancelled above; annotation done starts it again
            return
        todo = [i for i in self.session.untranslated() if early is None or i in early]
        if not todo:
            self.translating = False
            self.refresh_status()
            return
        self._cancel = threading.Event()
        jobs = [(i, self.session.sentences[i], self.session.versions.get(i, 0)) for i in todo]
        self.translating = True
        self._translate(self.generation, jobs, self.session.article, self._cancel)

    @work(thread=True, exclusive=True, group="translate", exit_on_error=False)
    def _translate(
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
        model = getattr(translator, "model_id", None) if translator is not None else None
        self.post_message(ModelStatus(generation, model))
        size, k = CHUNKS[0], 0
        while k < len(jobs):
            if cancel.is_set() or worker.is_cancelled:
                self.post_message(
                    TranslationFinished(generation, True, time.perf_counter() - began)
                )
                return
            chunk = jobs[k : k + size]
            k += size
            size = CHUNKS[1]
            positions = {s.index: i for i, s, _ in chunk}  # article index → session position
            try:
                found, _stats = translate_sentences(
                    article, list(positions), translator, None, None, cancel
                )
            except ReaderError as exc:
                self.post_message(WorkFailed("translation", str(exc)))
                return
            done = {positions[index]: tr for index, tr in found.items()}
            self.post_message(Translated(generation, done, {i: v for i, _, v in chunk}, model))
        self.post_message(TranslationFinished(generation, False, time.perf_counter() - began))

    @on(ModelStatus)
    def _model_status(self, message: ModelStatus) -> None:
        if message.generation != self.generation or not self._alive():
            return
        if message.error:
            self.model_error = message.error
            self.notify(message.error, severity="error", timeout=8)
        self.model = message.model
        self.refresh_status()
        self.refresh_columns()

    @on(Translated)
    def _translated(self, message: Translated) -> None:
        if message.generation != self.generation or not self._alive():
            return
        changed = self.session.apply_translations(message.translations, message.versions)
        if changed:
            self.session.article = replace(self.session.article, model=message.model)
            self.view.relayout()
            if self.session.cursor.sentence in changed:
                self.refresh_lookup()
        self.refresh_status()

    @on(TranslationFinished)
    def _translation_finished(self, message: TranslationFinished) -> None:
        if message.generation != self.generation or not self._alive():
            return
        if not message.cancelled:
            self.translating = False
            self.timings["translated"] = time.perf_counter()
            # Sentences re-made while the job ran (a glossary edit) are still to do.
            if self.session.untranslated() and self._restarts < 3:
                self._restarts += 1
                self.start_translation()
        self.refresh_status()

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

    @on(SentencesRemade)
    def _sentences_remade(self, message: SentencesRemade) -> None:
        if message.generation != self.generation or not self._alive():
            return
        fields = message.article_fields
        if "conversion" in fields and fields["conversion"] != self._want_conversion:
            return  # superseded by a later press of `t`
        if "pinyin_style" in fields and fields["pinyin_style"] != self._want_style:
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

    # -- actions: cursor ------------------------------------------------------------------
    def action_move(self, direction: str, extend: bool = False) -> None:
        s = self.session
        if not s.sentences:
            return
        {"left": s.move_left, "right": s.move_right, "up": s.move_up, "down": s.move_down}[
            direction
        ](extend)
        self.after_cursor_move()

    def action_page(self, pages: int) -> None:
        view = self.view
        layout = view.layout_data
        s = self.session
        if layout is None or not s.sentences:
            return
        first, _ = layout.rows.get(s.cursor.sentence, (0, 1))
        target = first + pages * max(1, view.scrollable_content_region.height - 2)
        target = max(0, min(target, len(layout.lines) - 1))
        best = min(layout.rows, key=lambda i: abs(layout.rows[i][0] - target))
        s.move_to(best)
        self.after_cursor_move()

    def action_top(self) -> None:
        self.session.top()
        self.after_cursor_move()

    def action_bottom(self) -> None:
        self.session.bottom()
        self.after_cursor_move()

    @on(ArticleView.TokenClicked)
    def _clicked(self, message: ArticleView.TokenClicked) -> None:
        s = self.session
        token = message.token if message.token >= 0 else None
        if message.extend and token is not None:
            s.move_to(message.sentence, token, extend=True)
        else:
            s.move_to(message.sentence, token)
        self.after_cursor_move()

    def action_clear(self) -> None:
        if self.cancel_fetch():
            return
        self.session.clear_selection()
        self.session.clear_search()
        self.after_cursor_move()

    # -- actions: panes and modes ---------------------------------------------------------
    def action_toggle_pane(self, pane: str) -> None:
        self.session.toggle_pane(pane)
        self.refresh_all()
        self.view.scroll_to_cursor()

    def action_toggle_interlinear(self) -> None:
        self.session.toggle_interlinear(self.size.width, NARROW)
        self.refresh_all()
        self.view.scroll_to_cursor()

    def action_toggle_lookup(self) -> None:
        panel = self.lookup
        panel.display = not panel.display

    def action_cycle_conversion(self) -> None:
        if not self.session.annotated:
            self.notify("Still annotating; try again in a moment.", timeout=3)
            return
        # Cycle from a change still being applied, so quick presses step on.
        self._want_conversion = self.session.next_conversion(self._want_conversion)
        self._restyle(
            self.generation,
            self.session.article,
            self.session.snapshot_versions(),
            "conversion",
            self._want_conversion,
        )

    def action_cycle_pinyin(self) -> None:
        if not self.session.annotated:
            self.notify("Still annotating; try again in a moment.", timeout=3)
            return
        self._want_style = self.session.next_pinyin_style(self._want_style)
        self._restyle(
            self.generation,
            self.session.article,
            self.session.snapshot_versions(),
            "pinyin_style",
            self._want_style,
        )

    @work(thread=True, exclusive=True, group="restyle", exit_on_error=False)
    def _restyle(
        self, generation: int, article: Article, versions: dict[int, int], what: str, value: str
    ) -> None:
        from reader.pipeline import convert_article, restyle_article

        if what == "conversion":
            out = convert_article(article, value)
            note = f"other script: {value}"
        else:
            out = restyle_article(article, value, self.options.sandhi)
            note = f"pinyin: {value}"
        sentences = dict(enumerate(out.sentences()))
        self.post_message(
            SentencesRemade(generation, sentences, versions, True, {what: value}, note)
        )

    # -- actions: search ------------------------------------------------------------------
    def action_search(self) -> None:
        def done(query: object) -> None:
            if isinstance(query, str) and query:
                self.run_search(query)

        self.push_screen(SearchScreen(self.session.search_state.query), done)

    def run_search(self, query: str) -> int:
        count = self.session.search(query)
        if not count:
            self.notify(f"No hits for {query}", timeout=3)
        self.after_cursor_move()
        return count

    def action_next_hit(self) -> None:
        if self.session.next_hit() is not None:
            self.after_cursor_move()

    def action_prev_hit(self) -> None:
        if self.session.next_hit(backwards=True) is not None:
            self.after_cursor_move()

    # -- actions: glossary ----------------------------------------------------------------
    def action_add_glossary(self) -> None:
        if not self.session.annotated:
            self.notify("Still annotating; try again in a moment.", timeout=3)
            return
        tokens = self.session.selected_tokens()
        text = "".join(t.text for t in tokens).strip()
        if not text:
            return
        hit = tokens[0].glossary if len(tokens) == 1 else None
        if hit is None:
            heading = "Add to your glossary"
        elif hit.source == "auto":
            heading = "Accept auto name into your glossary"
        else:
            heading = "Edit (your glossary overrides the shipped one)"
        self.open_glossary_form(
            text, hit.en if hit else "", hit.type if hit else "company", heading
        )

    def open_glossary_form(self, zh: str, en: str, type_: str, heading: str) -> None:
        def done(request: object) -> None:
            if isinstance(request, GlossaryRequest):
                self.save_glossary_entry(request)

        self.push_screen(GlossaryScreen(zh, en, type_, heading), done)

    def save_glossary_entry(self, request: GlossaryRequest) -> None:
        s = self.session
        indices = sorted(set(s.sentences_containing([request.zh])) | {s.cursor.sentence})
        self._save_glossary(
            self.generation,
            request,
            s.article,
            indices,
            list(s.sentences),
            s.snapshot_versions(indices),
        )

    @work(thread=True, group="glossary", exit_on_error=False)
    def _save_glossary(
        self,
        generation: int,
        request: GlossaryRequest,
        article: Article,
        indices: list[int],
        sentences: list[Sentence],
        versions: dict[int, int],
    ) -> None:
        from reader.glossary import Entry, add_user_entries

        try:
            add_user_entries([Entry(request.zh, request.en, request.type)])
            factory = self._glossary_factory or self.resources.glossary
            glossary = factory()
            new = reannotate(
                article, indices, replace(self.options, glossary=glossary), self.resources
            )
        except (ReaderError, OSError) as exc:
            self.post_message(WorkFailed("glossary", str(exc)))
            return
        note = f"Saved {request.zh} → {request.en}; {len(new)} sentence(s) updated"
        self.post_message(
            SentencesRemade(generation, new, versions, False, {}, note, glossary=glossary)
        )

    def action_names(self) -> None:
        def done(result: object) -> None:
            if not isinstance(result, NameAction):
                return
            row = result.row
            if result.action == "goto":
                self.session.move_to(row.first_sentence, row.first_token)
                self.after_cursor_move()
            else:
                self.session.move_to(row.first_sentence, row.first_token)
                self.after_cursor_move()
                heading = "Accept auto name" if row.source == "auto" else "Edit glossary entry"
                self.open_glossary_form(row.text, row.en, row.type, heading)

        self.push_screen(NamesScreen(self.session.names()), done)

    def action_save_word(self) -> None:
        word = self.session.selected_text().strip()
        if word:
            self.vocab.add(word)
            self.notify(f"{word} saved for the Anki export ({len(self.vocab)} words)", timeout=3)

    # -- actions: files -------------------------------------------------------------------
    def action_export(self) -> None:
        from reader.export import EXTENSIONS

        stem = Path(self.path).stem if self.path and self.path != "-" else "article"

        def done(request: object) -> None:
            if isinstance(request, ExportRequest):
                if self.translating:
                    self.notify(
                        "Translation is still running: untranslated sentences are exported without English.",
                        timeout=5,
                    )
                words = sorted(self.vocab) or self.vocab_unknown_words()
                self._export(self.session.article, request, words)

        self.push_screen(ExportScreen(stem, dict(EXTENSIONS)), done)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, article: Article, request: ExportRequest, vocab: list[str]) -> None:
        from reader.export import write_export

        opts: dict[str, Any] = {}
        if request.fmt == "anki":
            opts = {"words": vocab} if vocab else {"all_vocab": True}
        try:
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

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, generation: int, path: str, encoding: str | None, full_page: bool) -> None:
        try:
            loaded = self.load_any(generation, path, encoding, full_page)  # a file or an address
        except ReaderError as exc:
            self.post_message(WorkFailed("open", str(exc)))
            return
        self.post_message(Loaded(generation, loaded, path, full_page))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.generation != self.generation or not self._alive():
            return
        self.save_position()
        panes, interlinear = dict(self.session.panes), self.session.interlinear
        self.path, self.full_page, self.loaded = message.path, message.full_page, message.loaded
        self.session = self._new_session(message.loaded, message.path)
        self.session.panes, self.session.interlinear = panes, interlinear
        self.article_vocab = None
        self.model_error = ""
        self._reader_screen().session = self.session
        self.view.set_session(self.session)
        self.title, self.sub_title = self._title(), self._sub_title()
        self.refresh_all()
        self._annotate(self.generation, message.loaded, self.options)

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


def _converted_title(article: Article) -> tuple[str, ...]:
    conv = article.conversion
    if not conv:
        return ("Converted",)
    target = "Simplified" if conv.startswith(("t2s", "tw2s", "hk2s")) else "Traditional"
    return (f"{target} · {conv}", target, conv)


def make_app(
    source: str | os.PathLike[str] | LoadedText,
    options: Options | None = None,
    *,
    translator_factory: TranslatorFactory | None | object = _UNSET,
    glossary_factory: GlossaryFactory | None | object = _UNSET,
    encoding: str | None = None,
    full_page: bool = False,
    positions: PositionStore | None = None,
    translate: bool = True,
    vocabulary: Any = _UNSET,
    offer_known_hsk: bool = False,
) -> ReaderApp:
    """Build the reader for a path or already-loaded text.

    ``translator_factory`` returns a Translator (anything with ``model_id``, ``source_code``,
    ``max_source_tokens``, ``count_tokens`` and ``translate``) or None to gloss; it runs in a
    worker thread. The defaults load the installed model and the user's glossaries.
    """
    if isinstance(source, LoadedText):
        loaded, path = source, source.meta.path or None
    else:
        from reader.load import load_path

        path = os.fspath(source)
        loaded = load_path(path, encoding=encoding, full_page=full_page)
    if translator_factory is _UNSET:

        def translator_factory() -> Any:
            from reader.translate import load_translator

            return load_translator()

    if glossary_factory is _UNSET:

        def glossary_factory() -> Any:
            from reader.resources import default_resources

            return default_resources().glossary()

    if vocabulary is _UNSET:
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
    )


def _open_vocabulary() -> Any:
    """The user's vocabulary; the reader still works without one (read-only data dir)."""
    import sqlite3

    from reader.vocab.reading import Vocabulary

    try:
        return Vocabulary()
    except (OSError, sqlite3.Error, ReaderError):
        return None
