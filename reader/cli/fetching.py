"""Opening an ARTICLE that may be an address: the fetch progress line and ``--refresh``.

The progress line is drawn on stderr only when stderr is a terminal (pipes and tests stay
clean), redrawn at most ten times a second, and erased when the fetch ends.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from reader.model import LoadedText


class FetchProgress:
    """``progress(done, total)`` for :func:`reader.web.fetch.fetch`, drawn on one line."""

    def __init__(self, label: str, out: TextIO | None = None) -> None:
        self.out = out if out is not None else sys.stderr
        self.enabled = self.out.isatty()
        self.label = label if len(label) <= 60 else label[:57] + "…"
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self._drawn and now - self._last < 0.1 and (total is None or done < total):
            return
        self._last = now
        amount = f"{done / 1024:,.0f} KB" + (f" of {total / 1024:,.0f} KB" if total else "")
        self.out.write(f"\r\x1b[Kreader: fetching {self.label} … {amount}")
        self.out.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.out.write("\r\x1b[K")
            self.out.flush()
            self._drawn = False


def load_from_args(args: argparse.Namespace, source: str | None = None) -> LoadedText:
    """The article named by ``args.article`` (or ``source``): a file, "-" or an address."""
    path = source if source is not None else args.article
    # reader.web (ssl, email, sqlite3: ~0.1 s) only for what may be an address; every
    # address starts so, and reader.web.is_web_address has the last word
    maybe_address = path.strip().lower().startswith(("http://", "https://"))
    if maybe_address:
        from reader.web import is_web_address, load_source
    if not maybe_address or not is_web_address(path):
        from reader.load import load_path

        return load_path(path, encoding=args.encoding, full_page=args.full_page)
    progress = FetchProgress(path)
    try:
        return load_source(
            path,
            encoding=args.encoding,
            full_page=args.full_page,
            refresh=getattr(args, "refresh", False),
            progress=progress,
        )
    finally:
        progress.close()


def add_refresh_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="fetch an address again instead of opening the copy kept from last time",
    )
