"""The reading position of each article, remembered across runs (JSON in the data dir)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.session import Session


def article_key(path: str | None, text: str) -> str:
    """A stable key for an article: its absolute path plus a hash of its content."""
    where = os.path.abspath(path) if path and path != "-" else "<stdin>"
    digest = hashlib.sha256(f"{where}\0{text}".encode()).hexdigest()
    return digest[:32]


class PositionStore:
    """``positions.json`` in the data dir: article key → last cursor offset (atomic writes)."""

    MAX_ENTRIES = 500

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            from reader.paths import data_dir

            path = data_dir() / "positions.json"
        self.path = path
        self._data: dict[str, dict[str, Any]] | None = None

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._data is None:
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                self._data = raw if isinstance(raw, dict) else {}
            except (OSError, ValueError):
                self._data = {}  # missing or damaged: start over rather than fail
        return self._data

    def get(self, key: str) -> int | None:
        entry = self._load().get(key)
        if isinstance(entry, dict) and isinstance(entry.get("offset"), int):
            return int(entry["offset"])
        return None

    def put(self, key: str, offset: int) -> None:
        data = self._load()
        data[key] = {"offset": offset, "time": time.time()}
        if len(data) > self.MAX_ENTRIES:  # forget the oldest
            for old in sorted(data, key=lambda k: data[k].get("time", 0))[
                : len(data) - self.MAX_ENTRIES
            ]:
                del data[old]

    def save(self) -> None:
        from reader.fsutil import atomic_write

        atomic_write(self.path, json.dumps(self._load(), ensure_ascii=False, indent=0))


def remember_position(session: Session, store: PositionStore, key: str) -> None:
    if session.sentences:
        store.put(key, session.current_token().start)
        store.save()


def restore_position(session: Session, store: PositionStore, key: str) -> bool:
    offset = store.get(key)
    if offset is None or not session.sentences:
        return False
    session.move_to_offset(offset)
    return True
