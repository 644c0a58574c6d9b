"""The feed screen (``f``): followed feeds and their items, newest first; enter opens one.

Rows are the feeds (a heading row each) and under each its items: read mark, date, title
and whether the feed holds the whole article. Enter on an item dismisses the screen with
the item's address, which the app opens like any address (from the feed's copy when it
holds the article, marking it read). ``u`` fetches new items in a worker; ``escape`` closes.
"""

from __future__ import annotations

import threading

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from reader.web import Web
from reader.web.feedstore import Item

UNREAD = "●"


class FeedsScreen(ModalScreen[object]):
    DEFAULT_CSS = """
    FeedsScreen { align: center middle; }
    #feeds-dialog { width: 90%; height: 85%; border: round $accent; background: $surface;
                    padding: 0 1; }
    #feeds-table { height: 1fr; }
    #feeds-status { height: 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape,f,q", "close", "Close", id="feeds.close"),
        Binding("u", "update", "Update feeds", id="feeds.update"),
        Binding("m", "toggle_read", "Read/unread", id="feeds.toggle-read"),
    ]

    def __init__(self, web: Web) -> None:
        super().__init__()
        self.web = web
        self.rows: dict[str, Item | None] = {}  # row key -> item (None: a feed heading)
        self._cancel = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(id="feeds-dialog"):
            yield Label(
                "[b]Feeds[/]  [dim]enter: open · u: update · m: read/unread · escape: close[/]"
            )
            table: DataTable[str] = DataTable(id="feeds-table", cursor_type="row")
            yield table
            yield Label("", id="feeds-status", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#feeds-table", DataTable)
        table.add_columns(" ", "date", "title", "")
        self.reload()
        table.focus()

    def status(self, text: str) -> None:
        try:
            self.query_one("#feeds-status", Label).update(text)
        except NoMatches:  # closed while an update was still reporting
            pass

    def reload(self) -> None:
        """Fill the table from the store (keeps the cursor on the same row if it can)."""
        table = self.query_one("#feeds-table", DataTable)
        keep = table.cursor_row
        table.clear()
        self.rows = {}
        if not self.web.feeds.exists():
            self.status("No feeds yet: follow one with `reader feed add URL`, then press u.")
            return
        feeds = self.web.feeds.feeds()
        for warning in self.web.feeds.warnings:
            self.app.notify(warning, severity="warning", timeout=10)
        self.web.feeds.warnings.clear()
        for feed in feeds:
            key = f"feed:{feed.id}"
            self.rows[key] = None
            heading = f"{feed.name} · {feed.title}" if feed.title else feed.name
            note = f"{feed.unread}/{feed.items} unread" + (" · update failed" if feed.error else "")
            table.add_row("", "", f"[b]{_escape(heading)}[/]", note, key=key)
            for item in self.web.feeds.items(feed):
                ikey = f"item:{item.id}"
                self.rows[ikey] = item
                table.add_row(
                    " " if item.read else UNREAD,
                    item.published,
                    _escape(item.title),
                    "full text" if item.full else "",
                    key=ikey,
                )
        if table.row_count:
            table.move_cursor(row=min(max(keep, 0), table.row_count - 1))
        total = sum(f.unread for f in feeds)
        self.status(f"{len(feeds)} feed(s), {total} unread")

    def current(self) -> Item | None:
        table = self.query_one("#feeds-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(str(key))

    @on(DataTable.RowSelected)
    def open_item(self) -> None:
        item = self.current()
        if item is None:
            return
        if not item.link:
            self.status("This item has no address to open.")
            return
        self.dismiss(item.link)

    def action_toggle_read(self) -> None:
        item = self.current()
        if item is None or not item.link:
            return
        self.web.feeds.mark_read(item.link, not item.read)
        self.reload()

    def action_close(self) -> None:
        self._cancel.set()
        self.dismiss(None)

    def action_update(self) -> None:
        if not self.web.feeds.exists():
            self.status("No feeds yet: follow one with `reader feed add URL`.")
            return
        self._cancel = threading.Event()
        self.status("updating…")
        self._update(self._cancel)

    @work(
        thread=True,
        exclusive=True,
        group="feeds-update",
        description="update feeds",
        exit_on_error=False,
    )
    def _update(self, cancel: threading.Event) -> None:
        from reader.web.feeds import update_feed

        notes: list[str] = []
        for feed in self.web.feeds.feeds():
            if cancel.is_set():
                return

            def progress(done: int, total: int | None, name: str = feed.name) -> None:
                amount = f"{done // 1024} KB" + (f" of {total // 1024} KB" if total else "")
                self.app.call_from_thread(self.status, f"updating {name}… {amount}")

            try:
                result = update_feed(feed, self.web.feeds, self.web.fetch, progress, cancel)
            except Exception as exc:  # noqa: BLE001 - cancelled or broken: say so, keep going
                notes.append(f"{feed.name}: {exc}")
                continue
            if result.error:
                notes.append(f"{feed.name}: {result.error}")
            else:
                notes.append(f"{feed.name}: {result.new_items} new")
        self.app.call_from_thread(self._updated, notes)

    def _updated(self, notes: list[str]) -> None:
        if not self.is_attached:
            return
        self.reload()
        self.status(" · ".join(notes))


def _escape(text: str) -> str:
    from textual.markup import escape

    return escape(text)
