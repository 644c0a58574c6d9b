"""Translation cache: SQLite in the user cache dir, safe for two processes, never fatal.

Keys hash the model id, decoding settings, protection version, the sentence's protected
names (its glossary fingerprint: which spans become which English) and the sentence text,
so a changed glossary entry re-translates only the sentences it touches. WAL mode and a
busy timeout let a CLI run and the TUI share the file. A file SQLite can't read is moved
aside as ``*.corrupt-TIMESTAMP`` and rebuilt; if the cache can't be used at all the
translator simply runs without it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    method TEXT NOT NULL,
    applied TEXT NOT NULL,
    repaired INTEGER NOT NULL,
    model TEXT NOT NULL,
    created REAL NOT NULL
)
"""
_BUSY_MS = 30_000
_CHUNK = 500  # SQLite variable limit headroom for IN (...) queries


@dataclass(frozen=True, slots=True)
class CachedTranslation:
    text: str
    method: str
    glossary_applied: tuple[str, ...]
    repaired: bool


def cache_key(*parts: object) -> str:
    raw = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


CACHE_FILE = "translations.sqlite3"  # in the user cache dir


def default_path() -> Path:
    from reader import paths

    return paths.cache_dir() / CACHE_FILE


class TranslationCache:
    """``get_many``/``put_many`` by key; errors degrade to cache misses, never exceptions."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path: Path | None = None if path == ":memory:" else Path(path or default_path())
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self.disabled = False
        self.recovered: Path | None = None  # where a corrupt file was moved, if it was

    @classmethod
    def memory(cls) -> TranslationCache:
        return cls(":memory:")

    # -- connection ---------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        """Open, switch to WAL and create the table. Two processes opening a new file at
        once can get "locked" from the journal-mode switch without SQLite's busy wait, so
        that is retried for as long as the busy timeout allows."""
        deadline = time.monotonic() + _BUSY_MS / 1000
        while True:
            try:
                return self._connect_once()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _connect_once(self) -> sqlite3.Connection:
        target = ":memory:" if self.path is None else str(self.path)
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(target, timeout=_BUSY_MS / 1000, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
            if self.path is not None:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(_SCHEMA)
            conn.execute("SELECT count(*) FROM translations WHERE key = ''").fetchone()
            conn.commit()
        except BaseException:
            conn.close()
            raise
        return conn

    def _connection(self) -> sqlite3.Connection | None:
        if self.disabled:
            return None
        if self._conn is None:
            try:
                self._conn = self._connect()
            except sqlite3.DatabaseError as exc:
                if not self._recover(exc):
                    return None
            except OSError as exc:
                self._disable(exc)
        return self._conn

    def _disable(self, exc: BaseException) -> None:
        self.disabled = True
        print(f"reader: translation cache off ({self.path}: {exc})", file=sys.stderr)

    def _recover(self, exc: sqlite3.DatabaseError) -> bool:
        """Move a corrupt cache aside and start a new one; False if that fails too."""
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            return False  # busy beyond the timeout: skip the cache this time, keep the file
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None
        if self.path is None:
            self._disable(exc)
            return False
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():  # two recoveries in one second keep both files
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            if self.path.exists():
                self.path.rename(aside)
                self.recovered = aside
            for suffix in ("-wal", "-shm"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    side.rename(aside.with_name(aside.name + suffix))
        except FileNotFoundError:
            pass  # another process moved it first
        except OSError as err:
            self._disable(err)
            return False
        print(
            f"reader: translation cache {self.path} was unreadable ({exc}); moved to {aside.name}",
            file=sys.stderr,
        )
        try:
            self._conn = self._connect()
        except (sqlite3.DatabaseError, OSError) as err:
            self._disable(err)
            return False
        return True

    def _run(self, fn):  # type: ignore[no-untyped-def]
        """Run ``fn(conn)`` under the lock; on a corrupt file recover once and retry."""
        with self._lock:
            for attempt in range(2):
                conn = self._connection()
                if conn is None:
                    return None
                try:
                    return fn(conn)
                except sqlite3.DatabaseError as exc:
                    try:
                        conn.rollback()
                    except sqlite3.Error:
                        pass
                    if attempt or not self._recover(exc):
                        return None
            return None

    # -- API ----------------------------------------------------------------------------

    def get_many(self, keys: Sequence[str]) -> dict[str, CachedTranslation]:
        wanted = list(dict.fromkeys(keys))

        def query(conn: sqlite3.Connection) -> dict[str, CachedTranslation]:
            found: dict[str, CachedTranslation] = {}
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT key, text, method, applied, repaired FROM translations "
                    f"WHERE key IN ({marks})",
                    chunk,
                )
                for key, text, method, applied, repaired in rows:
                    found[key] = CachedTranslation(
                        text, method, tuple(json.loads(applied)), bool(repaired)
                    )
            return found

        if not wanted:
            return {}
        return self._run(query) or {}

    def put_many(self, items: Iterable[tuple[str, CachedTranslation]], model: str = "") -> None:
        rows = [
            (
                key,
                t.text,
                t.method,
                json.dumps(list(t.glossary_applied), ensure_ascii=False),
                int(t.repaired),
                model,
                time.time(),
            )
            for key, t in items
        ]
        if not rows:
            return

        def write(conn: sqlite3.Connection) -> None:
            with conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?, ?)", rows
                )

        self._run(write)

    def open(self) -> bool:
        """Connect now rather than on the first look-up; False if the cache is unusable."""
        return bool(self._run(lambda conn: True))

    def __len__(self) -> int:
        n = self._run(lambda conn: conn.execute("SELECT count(*) FROM translations").fetchone()[0])
        return int(n or 0)

    def clear(self) -> None:
        def wipe(conn: sqlite3.Connection) -> None:
            with conn:
                conn.execute("DELETE FROM translations")

        self._run(wipe)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
