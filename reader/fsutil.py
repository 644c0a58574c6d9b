"""Atomic file writes: user data (glossaries, exports, caches, state) is never half-written."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def _file_mode(target: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual 0o666 minus the umask
    (mkstemp's private 0o600 would make shared exports unreadable to others)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: str | os.PathLike[str], data: str | bytes, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` via a temp file in the same directory and an atomic rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def cached_pickle(
    cache: Path | None,
    stamp: object,
    build: Callable[[], T],
    accept: Callable[[object], bool] | None = None,
) -> T:
    """``build()``, kept in the pickle file ``cache`` and reused while ``stamp`` matches.

    For derived tables that are slow to build and fast to unpickle (jieba's frequencies,
    the CC-CEDICT index). A damaged or stale file, or one whose value ``accept`` refuses
    (a foreign object under the same name), is rebuilt; an unwritable one only costs speed.
    The file lives in reader's own cache dir, written atomically.
    """
    if cache is not None and cache.is_file():
        try:
            with cache.open("rb") as fh:
                saved_stamp, value = pickle.load(fh)
            if saved_stamp == stamp and (accept is None or accept(value)):
                return value  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - any damage means: rebuild
            pass
    value = build()
    if cache is not None:
        try:
            atomic_write(cache, pickle.dumps((stamp, value), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass
    return value


def files_stamp(*sources: Path) -> tuple[tuple[str, int, int], ...]:
    """What a table derived from ``sources`` depends on: each file's path, size and mtime.
    Name the module that builds the table among them, so an edit to its code rebuilds it."""
    stamp = []
    for path in sources:
        st = path.stat()
        stamp.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(stamp)
