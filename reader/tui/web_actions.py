"""The reader's web side, mixed into ReaderApp: open an address in a worker with progress in
the status line (escape cancels), and the feed screen (``f``).

Everything that is not drawing lives in :mod:`reader.web`; this module only moves progress
from the worker thread to the status line and pushes the feed screen.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches
from textual.message import Message

from reader.model import LoadedText
from reader.web import Web, is_web_address

if TYPE_CHECKING:
    from reader.web.fetch import Progress


@dataclass
class FetchProgressed(Message):
    """A fetch of generation ``generation`` advanced (``ended``: it finished or failed)."""

    generation: int
    url: str
    done: int = 0
    total: int | None = None
    ended: bool = False

    def can_replace(self, message: Message) -> bool:
        """Newer progress of the same fetch supersedes this (the end never is dropped)."""
        return (
            not self.ended
            and isinstance(message, FetchProgressed)
            and (message.generation, message.url) == (self.generation, self.url)
        )


class WebActions:
    """Mixin for ReaderApp (which provides post_message, generation, push_screen, …)."""

    web: Web
    fetching: str
    _fetch_cancel: threading.Event

    def init_web(self, web: Web | None = None) -> None:
        self.web = web if web is not None else Web()
        self.fetching = ""  # the status-line text while a fetch runs
        self._fetch_cancel = threading.Event()

    # -- called from the load worker thread -------------------------------------------------
    def load_any(
        self, generation: int, path: str, encoding: str | None, full_page: bool
    ) -> LoadedText:
        """A file or an address (offline-first, see reader.web), loaded in a worker thread."""
        from reader.web import load_source

        if not is_web_address(path):
            return load_source(os.path.expanduser(path), encoding=encoding, full_page=full_page)
        self._fetch_cancel.set()  # a fetch still running for an older open stops
        cancel = self._fetch_cancel = threading.Event()
        try:
            return load_source(
                path,
                self.web,
                encoding=encoding,
                full_page=full_page,
                progress=self._progress_poster(generation, path),
                cancel=cancel,
            )
        finally:
            self.post_message(FetchProgressed(generation, path, ended=True))  # type: ignore[attr-defined]

    def _progress_poster(self, generation: int, url: str) -> Progress:
        last = [0.0]

        def progress(done: int, total: int | None) -> None:
            now = time.monotonic()
            if now - last[0] >= 0.1 or (total is not None and done >= total):
                last[0] = now
                self.post_message(FetchProgressed(generation, url, done, total))  # type: ignore[attr-defined]

        return progress

    # -- on the UI thread -----------------------------------------------------------------
    def on_fetch_progressed(self, message: FetchProgressed) -> None:
        app: Any = self
        if message.ended or message.generation != app.generation:
            self.fetching = ""
        elif message.total and message.done >= message.total:
            self.fetching = (
                f"fetched {_short(message.url)} ({message.total / 1024:,.0f} KB), extracting…"
            )
        else:
            amount = f"{message.done / 1024:,.0f} KB"
            if message.total:
                amount += f" of {message.total / 1024:,.0f} KB"
            self.fetching = f"fetching {_short(message.url)} … {amount} (escape cancels)"
        if app._alive():
            try:
                app.refresh_status()
            except NoMatches:  # the app is closing: nothing to draw on
                pass

    def cancel_fetch(self) -> bool:
        """Stop a running fetch; whether there was one."""
        if not self.fetching:
            return False
        self._fetch_cancel.set()
        self.fetching = ""
        app: Any = self
        app.notify("Fetch cancelled.", timeout=3)
        app.refresh_status()
        return True

    def action_feeds(self) -> None:
        from reader.tui.feeds_screen import FeedsScreen

        app: Any = self

        def done(link: object) -> None:
            if isinstance(link, str) and link:
                app.load_file(link, full_page=False)

        app.push_screen(FeedsScreen(self.web), done)


def _short(url: str) -> str:
    bare = url.split("://", 1)[-1]
    return bare if len(bare) <= 50 else bare[:49] + "…"
