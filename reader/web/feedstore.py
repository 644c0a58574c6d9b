"""Feeds and their items in SQLite (the data dir): what is followed, what was read.

WAL mode and a busy timeout let the CLI and the TUI share the file. A file SQLite cannot
read is moved aside as ``*.corrupt-TIMESTAMP`` (one line in ``warnings`` says where) and a
new one is started: losing the read marks is better than not starting. Each feed's update
is one transaction, so an interrupted ``reader feed update`` leaves every feed either
updated or as it was.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    added REAL NOT NULL,
    updated REAL NOT NULL DEFAULT 0,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    feed INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    sort_key REAL NOT NULL DEFAULT 0,
    author TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    is_read INTEGER NOT NULL DEFAULT 0,
    added REAL NOT NULL,
    UNIQUE (feed, guid)
);
CREATE INDEX IF NOT EXISTS items_link ON items (link);
"""
_BUSY_MS = 30_000


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    url: str
    name: str
    title: str
    updated: float
    etag: str
    last_modified: str
    error: str
    items: int = 0
    unread: int = 0


@dataclass(frozen=True, slots=True)
class Item:
    """One article of a feed. ``body`` holds the whole article when the feed carries it."""

    guid: str
    link: str
    title: str
    published: str = ""  # "YYYY-MM-DD HH:MM" (UTC), "" if the feed gives no date
    sort_key: float = 0.0  # seconds since the epoch, for newest-first order
    author: str = ""
    body: str = ""  # HTML of the full article, "" if only a summary
    id: int = 0
    feed: int = 0
    read: bool = False

    @property
    def full(self) -> bool:
        return bool(self.body)


def default_path() -> Path:
    from reader.paths import data_dir

    return data_dir() / "feeds.sqlite3"


class FeedStore:
    """Feeds and items; every method opens its own connection (threads share nothing)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_path()
        self.warnings: list[str] = []

    # -- connection -----------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=_BUSY_MS / 1000)
        try:
            conn.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.executescript(_SCHEMA)
            conn.execute("SELECT count(*) FROM items WHERE id = 0").fetchone()
        except BaseException:
            conn.close()
            raise
        conn.row_factory = sqlite3.Row
        return conn

    @contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = self._open()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise
            self._move_aside(exc)
            conn = self._open()
        try:
            with conn:  # commits on success, rolls back on any exception (ctrl+c too)
                yield conn
        finally:
            conn.close()

    def _move_aside(self, exc: BaseException) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        for suffix in ("", "-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.rename(aside.with_name(aside.name + suffix))
        self.warnings.append(
            f"{self.path} could not be read ({exc}); moved it to {aside.name} and started "
            "a new feed list (add your feeds again)"
        )

    def exists(self) -> bool:
        return self.path.is_file()

    # -- feeds ----------------------------------------------------------------------------
    def feeds(self, name: str | None = None) -> list[Feed]:
        query = """
            SELECT f.*, count(i.id) AS n, coalesce(sum(i.is_read = 0), 0) AS unread
            FROM feeds f LEFT JOIN items i ON i.feed = f.id
            {where} GROUP BY f.id ORDER BY f.name
        """
        with self._conn() as conn:
            if name is None:
                rows = conn.execute(query.format(where="")).fetchall()
            else:
                rows = conn.execute(query.format(where="WHERE f.name = ?"), (name,)).fetchall()
        return [_feed(r) for r in rows]

    def feed_by_url(self, url: str) -> Feed | None:
        with self._conn() as conn:
            row = conn.execute("SELECT *, 0 AS n, 0 AS unread FROM feeds WHERE url = ?", (url,))
            found = row.fetchone()
        return _feed(found) if found else None

    def unique_name(self, wanted: str) -> str:
        taken = {f.name for f in self.feeds()}
        name, n = wanted, 2
        while name in taken:
            name, n = f"{wanted}-{n}", n + 1
        return name

    def add_feed(
        self,
        url: str,
        name: str,
        title: str,
        items: Sequence[Item],
        etag: str = "",
        last_modified: str = "",
    ) -> Feed:
        """A new feed and its first items, in one transaction."""
        now = time.time()
        with self._conn() as conn:
            cur = conn.execute(
                "INSERT INTO feeds (url, name, title, added, updated, etag, last_modified)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (url, name, title, now, now, etag, last_modified),
            )
            feed_id = int(cur.lastrowid or 0)
            _insert_items(conn, feed_id, items, now)
        found = self.feeds(name)
        return found[0]

    def remove_feed(self, name: str) -> bool:
        with self._conn() as conn:
            cur = conn.execute("DELETE FROM feeds WHERE name = ?", (name,))
            return cur.rowcount > 0

    def record_update(
        self,
        feed: Feed,
        items: Sequence[Item],
        title: str = "",
        etag: str = "",
        last_modified: str = "",
        error: str = "",
    ) -> int:
        """New items of one feed plus its update state, in one transaction; how many new."""
        now = time.time()
        with self._conn() as conn:
            added = _insert_items(conn, feed.id, items, now)
            if error:
                conn.execute("UPDATE feeds SET error = ? WHERE id = ?", (error, feed.id))
            else:
                conn.execute(
                    "UPDATE feeds SET updated = ?, error = '', title = coalesce(nullif(?, ''), title),"
                    " etag = ?, last_modified = ? WHERE id = ?",
                    (now, title, etag, last_modified, feed.id),
                )
        return added

    # -- items ----------------------------------------------------------------------------
    def items(self, feed: Feed, limit: int | None = None) -> list[Item]:
        sql = "SELECT * FROM items WHERE feed = ? ORDER BY sort_key DESC, id DESC"
        args: tuple[object, ...] = (feed.id,)
        if limit is not None:
            sql += " LIMIT ?"
            args += (limit,)
        with self._conn() as conn:
            return [_item(r) for r in conn.execute(sql, args).fetchall()]

    def item_by_link(self, link: str) -> Item | None:
        """The newest item whose address is ``link`` (several feeds may carry one article)."""
        with self._conn() as conn:
            row = conn.execute(
                "SELECT * FROM items WHERE link = ? ORDER BY length(body) DESC, id DESC LIMIT 1",
                (link,),
            ).fetchone()
        return _item(row) if row else None

    def mark_read(self, link: str, read: bool = True) -> int:
        """Mark every item with this address read (or unread); how many rows changed."""
        with self._conn() as conn:
            cur = conn.execute(
                "UPDATE items SET is_read = ? WHERE link = ? AND is_read != ?",
                (int(read), link, int(read)),
            )
            return cur.rowcount


def _insert_items(conn: sqlite3.Connection, feed_id: int, items: Sequence[Item], now: float) -> int:
    added = 0
    for item in items:
        cur = conn.execute(
            "INSERT OR IGNORE INTO items (feed, guid, link, title, published, sort_key, author,"
            " body, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                feed_id,
                item.guid,
                item.link,
                item.title,
                item.published,
                item.sort_key,
                item.author,
                item.body,
                now,
            ),
        )
        added += cur.rowcount
    return added


def _feed(row: sqlite3.Row) -> Feed:
    return Feed(
        id=row["id"],
        url=row["url"],
        name=row["name"],
        title=row["title"],
        updated=row["updated"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        error=row["error"],
        items=row["n"],
        unread=row["unread"],
    )


def _item(row: sqlite3.Row) -> Item:
    return Item(
        guid=row["guid"],
        link=row["link"],
        title=row["title"],
        published=row["published"],
        sort_key=row["sort_key"],
        author=row["author"],
        body=row["body"],
        id=row["id"],
        feed=row["feed"],
        read=bool(row["is_read"]),
    )
