"""Exports of an annotated (and translated) article: Markdown, HTML, JSON, TSV, Anki.

Every format is a pure function ``Article -> str``; :func:`write_export` renders one and
writes it atomically, refusing to replace an existing file unless ``force``.

Formats and their options::

    md    reader.export.markdown.to_markdown(article)
    html  reader.export.html.to_html(article)
    json  reader.export.jsonfmt.to_json(article, stats=None)   schema: SCHEMA.md
    tsv   reader.export.tsv.to_tsv(article)
    anki  reader.export.anki.to_anki(article, words=None, all_vocab=False, min_count=2,
                                     include_names=False)

Format modules are imported on first use, so ``import reader.export`` stays cheap.
"""

from __future__ import annotations

import importlib
import inspect
import os
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.model import Article

# format -> (module, function)
FORMATS: dict[str, tuple[str, str]] = {
    "md": ("reader.export.markdown", "to_markdown"),
    "html": ("reader.export.html", "to_html"),
    "json": ("reader.export.jsonfmt", "to_json"),
    "tsv": ("reader.export.tsv", "to_tsv"),
    "anki": ("reader.export.anki", "to_anki"),
}

# Suggested file names: extension per format (Anki imports .txt/.tsv; .txt avoids a clash).
EXTENSIONS: dict[str, str] = {
    "md": ".md",
    "html": ".html",
    "json": ".json",
    "tsv": ".tsv",
    "anki": ".anki.txt",
}

_BY_SUFFIX = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}


class ExportExists(ReaderError):
    """The target file exists and ``force`` was not given (the TUI asks, then retries)."""


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The format a file name implies (``.md``, ``.html``, ``.json``; ``.tsv`` is ambiguous)."""
    name = str(path).lower()
    if name.endswith(".anki.txt") or name.endswith(".anki.tsv"):
        return "anki"
    return _BY_SUFFIX.get(Path(name).suffix)


def render(article: Article, fmt: str, **opts: Any) -> str:
    """Render ``article`` in ``fmt``. Options a format does not take are ignored."""
    if fmt not in FORMATS:
        raise ReaderError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    module, name = FORMATS[fmt]
    fn = getattr(importlib.import_module(module), name)
    accepted = inspect.signature(fn).parameters
    result: str = fn(article, **{k: v for k, v in opts.items() if k in accepted})
    return result


def write_export(
    article: Article,
    fmt: str,
    path: str | os.PathLike[str],
    force: bool = False,
    **opts: Any,
) -> Path:
    """Render and write atomically (temp file + rename). Returns the path written.

    Raises :class:`ExportExists` if ``path`` exists and not ``force``; ReaderError for an
    unwritable path. Nothing is written when rendering fails.
    """
    from reader.fsutil import atomic_write

    target = Path(path)
    if target.is_dir():
        raise ReaderError(f"export: {target} is a directory; give a file name with -o")
    if target.exists() and not force:
        raise ExportExists(f"export: {target} already exists; use --force to overwrite it")
    data = render(article, fmt, **opts)
    try:
        atomic_write(target, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReaderError(f"export: cannot write {target}: {reason}") from exc
    return target
