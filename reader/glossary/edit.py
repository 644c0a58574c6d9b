"""Add entries to a glossary file in place: comments, blank lines and order stay as they were."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reader import paths
from reader.errors import ReaderError
from reader.fsutil import atomic_write
from reader.glossary.fold import fold
from reader.glossary.format import (
    COLUMNS,
    TYPES,
    Entry,
    Issue,
    _is_header,
    _parse_row,
    clean_text,
    entry_row,
)

NEW_FILE_HEADER = (
    "# reader user glossary: entries here override the shipped glossaries.\n"
    f"# type: {', '.join(TYPES)}; aliases are |-separated; flags may be `ambiguous`.\n"
)


def _needed_columns(entry: Entry) -> int:
    """How many leading columns an entry needs to be written without losing anything."""
    values = (entry.zh, entry.en, entry.type, entry.aliases, entry.note, entry.flags)
    last = max(i for i, v in enumerate(values) if v or i < 2)
    return max(last + 1, 3)


def upsert_entries(path: str | os.PathLike[str], entries: Sequence[Entry]) -> tuple[int, int]:
    """Write ``entries`` into the glossary at ``path`` (created if missing), atomically.

    An entry whose term (either script) is already in the file replaces that line in
    place; new entries are appended. Returns (added, replaced).
    """
    p = Path(path)
    if p.exists():
        try:
            text = clean_text(p.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise ReaderError(f"glossary file {p} is not UTF-8; save it as UTF-8") from None
    else:
        text = NEW_FILE_HEADER + "\t".join(COLUMNS) + "\n"
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()

    header_at, columns = _find_header(lines)
    needed = max((_needed_columns(e) for e in entries), default=3)
    if not all(c in columns for c in COLUMNS[:needed]):
        lines, header_at, columns = _widen(lines, header_at, columns, str(p))

    rows: dict[str, int] = {}
    zh_col = columns.index("zh")
    for i, line in enumerate(lines):
        if i == header_at or not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) > zh_col and fields[zh_col].strip():
            rows.setdefault(fold(fields[zh_col].strip()), i)

    added = replaced = 0
    for entry in entries:
        row = entry_row(entry, columns)
        key = fold(entry.zh)
        if key in rows:
            lines[rows[key]] = row
            replaced += 1
        else:
            lines.append(row)
            rows[key] = len(lines) - 1
            added += 1
    atomic_write(p, newline.join(lines) + newline)
    return added, replaced


def _find_header(lines: list[str]) -> tuple[int | None, tuple[str, ...]]:
    for i, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if _is_header(fields):
            return i, tuple(f.strip().lower() for f in fields)
        return None, COLUMNS
    return None, COLUMNS


def _widen(
    lines: list[str], header_at: int | None, columns: tuple[str, ...], path: str
) -> tuple[list[str], int, tuple[str, ...]]:
    """Rewrite the file's rows under the full header (its columns lacked one an entry needs)."""
    out: list[str] = []
    new_header_at = -1
    for i, line in enumerate(lines):
        if i == header_at:
            continue
        is_row = line.strip() and not line.lstrip().startswith("#")
        if is_row and new_header_at < 0:
            new_header_at = len(out)
            out.append("\t".join(COLUMNS))
        if is_row:
            issues: list[Issue] = []
            entry = _parse_row(
                line.split("\t"), columns, path, i + 1, issues, header_at is not None
            )
            out.append(entry_row(entry, COLUMNS) if entry is not None else line)
        else:
            out.append(line)
    if new_header_at < 0:
        new_header_at = len(out)
        out.append("\t".join(COLUMNS))
    return out, new_header_at, COLUMNS


def add_user_entries(entries: Sequence[Entry]) -> tuple[int, int]:
    """Add or replace ``entries`` in the user glossary (e.g. an accepted auto name)."""
    return upsert_entries(paths.user_glossary_path(), entries)
