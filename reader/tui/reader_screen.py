"""The reader's main screen: header, column titles, the article beside the look-up panel,
the status line with the translation progress bar, and the footer.

Key bindings live here (modal screens don't inherit them), from the one registry in
reader.tui.actions; the footer shows as many of them as the width allows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static

from reader.session import Session
from reader.tui.actions import ACTIONS, bindings, footer_hidden
from reader.tui.article_view import ArticleView
from reader.tui.lookup import LookupPanel

NARROW = 120  # below this many columns: interlinear layout, look-up panel at the bottom
COMPACT_FOOTER = 140  # below this many columns: footer keys without padding


class ReaderFooter(Footer):
    """The footer, its keys rebuilt once per burst of binding changes, and only when the
    keys it would show differ from the ones it shows.

    Textual's Footer rebuilds its keys after every change of the bindings: at start-up
    that is focus (twice), the screen stack and each resize, six rebuilds right after the
    first paint at 0.15-0.4 s each on a busy machine, all of it main-thread time taken from
    the background annotation that the first English waits for. The keys are read when the
    rebuild runs, so one rebuild after the burst shows the same as six.
    """

    _rebuild_due = False
    _built_for: object = None  # the active bindings the keys on show were built from

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True  # Footer.compose shows nothing until the first change
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_due:
            self._rebuild_due = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_due = False  # a change from now on asks for another rebuild
        shown = (
            tuple(self.screen.active_bindings.items()),
            self.show_command_palette,
            self.combine_groups,
        )
        if shown == self._built_for:
            return
        self._built_for = shown
        await self.recompose()


@runtime_checkable
class ScreenHost(Protocol):
    """What the screen asks of its app (reader.tui.app.ReaderApp)."""

    session: Session

    def screen_ready(self) -> None: ...
    def refresh_columns(self) -> None: ...
    def refresh_status(self) -> None: ...


class ReaderScreen(Screen[None]):
    """Header, column titles, the article, the look-up panel, status/progress, footer."""

    BINDINGS = bindings()  # reader.tui.actions: one registry for keys, help, palette

    def __init__(self, session: Session) -> None:
        super().__init__(id="reader")
        self.session = session
        self._footer_hidden: frozenset[str] | None = None  # keys _fit_footer last hid

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="文")
        yield Static(id="columns", markup=False)
        with Horizontal(id="body"):
            yield ArticleView(self.session, id="article")
            yield LookupPanel(id="lookup")
        with Horizontal(id="statusbar"):
            yield Static(id="status", markup=False)
            yield ProgressBar(id="progress", show_eta=False)
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()
        app = self.app
        if isinstance(app, ScreenHost):
            app.screen_ready()

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-narrow")
        # Below this width the footer's keys fit only without their padding, and narrower
        # still only the essential ones.
        self.query_one(Footer).compact = self.app.size.width < COMPACT_FOOTER
        self._fit_footer(footer_hidden(self.app.size.width))
        app = self.app
        if isinstance(app, ScreenHost) and app.session.sentences:
            # The column titles follow the view's new layout (columns ⇄ interlinear), the
            # status line the new width.
            self.call_after_refresh(app.refresh_columns)
            self.call_after_refresh(app.refresh_status)

    def _fit_footer(self, hidden: frozenset[str]) -> None:
        """Show in the footer the registry's footer keys except ``hidden`` (Textual has no
        public per-instance `show`, so the screen's own binding map is rewritten)."""
        if hidden == self._footer_hidden:
            return  # each resize asks; the footer is rebuilt only when its keys change
        self._footer_hidden = hidden
        footer_ids = {a.binding_id for a in ACTIONS if a.footer}
        table = self._bindings.key_to_bindings
        for key, key_bindings in table.items():
            table[key] = [
                replace(b, show=b.id not in hidden) if b.id in footer_ids else b
                for b in key_bindings
            ]
        self.refresh_bindings()
