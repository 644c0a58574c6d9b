"""The learner's vocabulary: SQLite in reader's data dir (``vocab.sqlite``).

One row per word, keyed by its Simplified form (callers fold with reader.vocab.words), with
its status, where and when it was first met, how often it was met, and up to
``MAX_SENTENCES`` sentences it was met in. Several reader processes may write at once (two
terminals): WAL mode, a busy timeout, and every write is one ``BEGIN IMMEDIATE`` transaction
whose counters are incremented in SQL, so no update is lost. A file that is not a readable
vocabulary is moved aside (renamed with a timestamp) and a fresh one started; the message
saying so is in :attr:`VocabStore.notice`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError
from reader.vocab.words import Status

SCHEMA_VERSION = 1
MAX_SENTENCES = 5  # sentences kept per word: enough context, bounded file size
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS words (
    word TEXT PRIMARY KEY,
    status TEXT NOT NULL DEFAULT 'new',
    first_article TEXT NOT NULL DEFAULT '',
    first_seen TEXT NOT NULL DEFAULT '',
    seen INTEGER NOT NULL DEFAULT 0,
    changed REAL NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS words_status ON words (status);
CREATE TABLE IF NOT EXISTS sentences (
    word TEXT NOT NULL,
    article TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (word, article, sentence)
);
CREATE TABLE IF NOT EXISTS articles (article TEXT PRIMARY KEY, recorded TEXT NOT NULL);
"""


class VocabError(ReaderError):
    """The vocabulary can't be used as it is (one line for the user)."""


@dataclass(frozen=True, slots=True)
class Sighting:
    """One sentence a word was met in."""

    article: str  # path or URL of the article
    sentence: int  # sentence index in that article
    text: str


@dataclass(frozen=True, slots=True)
class WordRow:
    word: str
    status: Status
    first_article: str
    first_seen: str  # ISO date
    seen: int


@dataclass(frozen=True, slots=True)
class Meeting:
    """A word met in an article being recorded: how often, and its first sentences."""

    word: str
    count: int
    sentences: tuple[tuple[int, str], ...]  # (sentence index, text)


def default_path() -> Path:
    from reader.paths import data_dir

    return data_dir() / "vocab.sqlite"


class VocabStore:
    """A connection to the vocabulary file. Thread-safe (one lock around the connection)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.notice = ""  # one line for the user when the file had to be moved aside
        self._lock = threading.RLock()
        self._statuses: dict[str, Status] | None = None
        self._data_version = -1
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as exc:
            moved = self._move_aside()
            self.notice = (
                f"vocabulary {self.path} was unreadable ({exc}); moved it to {moved.name} "
                "and started a new one"
            )
            self._conn = self._open()

    # -- opening --------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise VocabError(
                    f"vocabulary {self.path} is from a newer reader (schema {version}); "
                    "update reader to use it"
                )
            if version < SCHEMA_VERSION:
                conn.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            conn.execute("SELECT count(*) FROM words").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        self.path.rename(target)
        for suffix in ("-wal", "-shm"):  # the old file's journal belongs with it
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
        return target

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; BEGIN IMMEDIATE takes the write lock up front (waiting up
        to the busy timeout), so read-then-write inside never races another process."""
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            self._statuses = None

    # -- settings -------------------------------------------------------------------------
    def get_setting(self, key: str, default: str = "") -> str:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- reading --------------------------------------------------------------------------
    def statuses(self) -> Mapping[str, Status]:
        """Every word's status, cached until any process changes the file."""
        with self._lock:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            if self._statuses is None or version != self._data_version:
                rows = self._conn.execute("SELECT word, status FROM words").fetchall()
                self._statuses = {w: Status(s) for w, s in rows}
                self._data_version = version
            return self._statuses

    def status(self, word: str) -> Status:
        return self.statuses().get(word, Status.NEW)

    def statuses_of(self, words: Iterable[str]) -> dict[str, Status]:
        """Statuses of ``words`` in one query (words never recorded are left out)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT word, status FROM words WHERE word IN (SELECT value FROM json_each(?))",
                (json.dumps(list(words), ensure_ascii=False),),
            ).fetchall()
        return {w: Status(s) for w, s in rows}

    def count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM words").fetchone()[0])

    def counts(self) -> dict[Status, int]:
        with self._lock:
            rows = self._conn.execute("SELECT status, count(*) FROM words GROUP BY status")
            found = {Status(s): n for s, n in rows}
        return {s: found.get(s, 0) for s in Status}

    def has_marked_words(self) -> bool:
        """Whether the learner has told reader anything (a word not simply 'new')."""
        with self._lock:
            row = self._conn.execute("SELECT 1 FROM words WHERE status != 'new' LIMIT 1")
            return row.fetchone() is not None

    def rows(self, status: Status | None = None) -> list[WordRow]:
        sql = "SELECT word, status, first_article, first_seen, seen FROM words"
        args: tuple[str, ...] = ()
        if status is not None:
            sql += " WHERE status = ?"
            args = (status.value,)
        with self._lock:
            found = self._conn.execute(sql + " ORDER BY word", args).fetchall()
        return [WordRow(w, Status(s), a, d, n) for w, s, a, d, n in found]

    def row(self, word: str) -> WordRow | None:
        with self._lock:
            r = self._conn.execute(
                "SELECT word, status, first_article, first_seen, seen FROM words WHERE word = ?",
                (word,),
            ).fetchone()
        return WordRow(r[0], Status(r[1]), r[2], r[3], r[4]) if r else None

    def sentences(self, word: str) -> list[Sighting]:
        with self._lock:
            found = self._conn.execute(
                "SELECT article, sentence, text FROM sentences WHERE word = ? ORDER BY rowid",
                (word,),
            ).fetchall()
        return [Sighting(a, i, t) for a, i, t in found]

    def has_article(self, article: str) -> bool:
        with self._lock:
            row = self._conn.execute("SELECT 1 FROM articles WHERE article = ?", (article,))
            return row.fetchone() is not None

    # -- writing --------------------------------------------------------------------------
    def set_status(self, words: Iterable[str], status: Status) -> int:
        """Give ``words`` a status (adding unknown ones), all in one transaction."""
        now = time.time()
        rows = [(w, status.value, now) for w in dict.fromkeys(words) if w]
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO words (word, status, changed) VALUES (?, ?, ?) "
                "ON CONFLICT (word) DO UPDATE SET status = excluded.status, "
                "changed = excluded.changed",
                rows,
            )
        return len(rows)

    def add_words(self, words: Iterable[str], status: Status, overwrite: bool = False) -> int:
        """Import: add ``words`` with ``status``; existing words keep theirs unless
        ``overwrite``. Returns how many rows were added or changed."""
        if overwrite:
            return self.set_status(words, status)
        now = time.time()
        rows = [(w, status.value, now) for w in dict.fromkeys(words) if w]
        with self._write() as conn:
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO words (word, status, changed) VALUES (?, ?, ?)", rows
            )
            return conn.total_changes - before

    def record_article(self, article: str, meetings: Iterable[Meeting]) -> bool:
        """Count an article's words once: times seen, first seen, the sentences met in.

        Returns False (and changes nothing) when ``article`` was recorded before, so opening
        an article twice does not count its words twice.
        """
        today = dt.date.today().isoformat()
        items = list(meetings)
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM articles WHERE article = ?", (article,)).fetchone():
                return False
            conn.execute("INSERT INTO articles (article, recorded) VALUES (?, ?)", (article, today))
            conn.executemany(
                "INSERT INTO words (word, first_article, first_seen, seen) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (word) DO UPDATE SET seen = seen + excluded.seen, "
                "first_article = CASE WHEN first_article = '' THEN excluded.first_article "
                "ELSE first_article END, "
                "first_seen = CASE WHEN first_seen = '' THEN excluded.first_seen "
                "ELSE first_seen END",
                [(m.word, article, today, m.count) for m in items],
            )
            have = dict(
                conn.execute(
                    "SELECT word, count(*) FROM sentences "
                    "WHERE word IN (SELECT value FROM json_each(?)) GROUP BY word",
                    (json.dumps([m.word for m in items], ensure_ascii=False),),
                ).fetchall()
            )
            rows: list[tuple[str, str, int, str]] = []
            for m in items:
                room = MAX_SENTENCES - have.get(m.word, 0)
                rows.extend((m.word, article, i, text) for i, text in m.sentences[: max(room, 0)])
            conn.executemany(
                "INSERT OR IGNORE INTO sentences (word, article, sentence, text) "
                "VALUES (?, ?, ?, ?)",
                rows,
            )
        return True
