"""A read-only string → string table on disk, looked up without loading it.

Derived tables (jieba's half a million prefix frequencies, the CC-CEDICT headword index,
pypinyin's phrase readings) took 0.3–0.6 s each to unpickle at every start, although a
command like ``reader pinyin 银行行长`` looks up a few dozen keys. A :class:`DiskTable` is
a hash table in one file, memory-mapped: opening it costs a checksum pass over the file
(~5 ms for 12 MB) and each look-up a few microseconds; callers memoise what they use.

Layout (little-endian): a header (magic, digest of the source stamp, slot count, data
length, CRC-32 of everything after the header), the slots (``uint32`` offset + 1 of each
record, 0 = empty; open addressing by CRC-32 of the key, linear probing), then the records
``key NUL value NUL`` in UTF-8. The file is written atomically (reader.fsutil) and opened
only if its header, size, stamp and checksum all match: a stale, partial or damaged file
is rebuilt from the source, and an unwritable cache dir only costs speed (the table is
then kept in memory).
"""

from __future__ import annotations

import hashlib
import mmap
import struct
import zlib
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.fsutil import atomic_write

_MAGIC = b"RDRTAB1\n"
_HEADER = struct.Struct("<8s16sIQI")  # magic, stamp digest, slots, data length, crc32


def _digest(stamp: object) -> bytes:
    return hashlib.blake2b(repr(stamp).encode("utf-8"), digest_size=16).digest()


class DiskTable:
    """A memory-mapped table (see the module docstring). Thread-safe: read-only."""

    def __init__(self, buf: mmap.mmap | bytes, slots: int) -> None:
        self._buf = buf
        self._n = slots
        start = _HEADER.size
        self._slots = memoryview(buf)[start : start + 4 * slots].cast("I")
        self._data = start + 4 * slots - 1  # record offsets are stored + 1
        self._size = len(buf)

    def get(self, key: str, default: str | None = None) -> str | None:
        try:
            kb = key.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (undecodable input) is no key
            return default
        if b"\0" in kb:  # records are NUL-terminated: such a key could match a record's tail
            return default
        buf, slots, n, size = self._buf, self._slots, self._n, self._size
        i = zlib.crc32(kb) % n
        while True:
            off = slots[i]
            if not off:
                return default
            start = self._data + off
            end = start + len(kb)
            # a key longer than the file's last record reaches past the end: no match
            if end < size and buf[end] == 0 and buf[start:end] == kb:
                return buf[end + 1 : buf.find(b"\0", end + 1)].decode("utf-8")
            i = i + 1 if i + 1 < n else 0

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None


class MemoryTable(dict):  # type: ignore[type-arg]
    """The same interface over a plain dict (when the cache dir cannot be written)."""


def encode(items: Iterable[tuple[str, str]], stamp: object) -> bytes:
    """The file bytes of a table holding ``items`` (keys unique; no NUL in keys or values)."""
    records = bytearray()
    offsets: list[int] = []
    hashes: list[int] = []
    for key, value in items:
        kb = key.encode("utf-8")
        offsets.append(len(records) + 1)
        hashes.append(zlib.crc32(kb))
        records += kb + b"\0" + value.encode("utf-8") + b"\0"
    n = max(8, 2 * len(offsets) + 1)  # load factor ≤ 0.5: short probe runs
    slots = array("I", bytes(4 * n))
    for off, h in zip(offsets, hashes, strict=True):
        i = h % n
        while slots[i]:
            i = i + 1 if i + 1 < n else 0
        slots[i] = off
    if slots.itemsize != 4 or array("I", [1]).tobytes() != b"\1\0\0\0":
        raise OSError("disk tables need 4-byte little-endian unsigned ints")
    body = slots.tobytes() + bytes(records)
    header = _HEADER.pack(_MAGIC, _digest(stamp), n, len(records), zlib.crc32(body))
    return header + body


def _open(path: Path, stamp: object) -> DiskTable | None:
    """The table in ``path`` if it is whole and built from ``stamp``; None otherwise."""
    try:
        with path.open("rb") as fh:
            buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, or empty (mmap of 0 bytes)
        return None
    try:
        magic, digest, n, data_len, crc = _HEADER.unpack_from(buf, 0)
        whole = len(buf) == _HEADER.size + 4 * n + data_len
        if magic != _MAGIC or digest != _digest(stamp) or not whole or n == 0:
            raise ValueError("stale or partial")
        if zlib.crc32(memoryview(buf)[_HEADER.size :]) != crc:
            raise ValueError("damaged")
    except (struct.error, ValueError):
        buf.close()
        return None
    return DiskTable(buf, n)


def open_table(
    path: Path | None, stamp: object, build: Callable[[], Iterable[tuple[str, str]]]
) -> DiskTable | MemoryTable:
    """The table cached in ``path`` for ``stamp``, (re)built from ``build()`` when missing,
    stale or damaged. ``path`` None or unwritable: an in-memory table (slower to start)."""
    if path is not None:
        found = _open(path, stamp)
        if found is not None:
            return found
    items = list(build())
    if path is not None:
        try:
            atomic_write(path, encode(items, stamp))
        except OSError:
            pass
        else:
            found = _open(path, stamp)
            if found is not None:
                return found
    return MemoryTable(items)
