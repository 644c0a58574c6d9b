"""Fetched pages kept in reader's cache dir, so a page opens again without the network.

Each page is two files named by a hash of the address asked for: ``KEY.body`` (the raw bytes
as served, decompressed) and ``KEY.json`` (the address, the final address after redirects,
the Content-Type and the fetch time). The body is written first and the JSON last, both
atomically, so a half-written entry is never read: without its JSON it does not exist.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from reader.fsutil import atomic_write
from reader.web.fetch import Fetched


@dataclass(frozen=True, slots=True)
class CachedPage:
    url: str
    final_url: str
    content_type: str
    charset: str
    body: bytes
    fetched_at: float

    def as_fetched(self) -> Fetched:
        return Fetched(
            self.url,
            self.final_url,
            200,
            self.content_type,
            self.charset,
            self.body,
            "",
            "",
            self.fetched_at,
        )

    def age_text(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.fetched_at))


def default_dir() -> Path:
    from reader.paths import cache_dir

    return cache_dir() / "web"


class PageCache:
    """Raw pages by address; a damaged entry reads as missing (it is fetched again)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else default_dir()

    def _key(self, url: str) -> str:
        return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:40]

    def get(self, url: str) -> CachedPage | None:
        key = self._key(url)
        try:
            info = json.loads((self.root / f"{key}.json").read_text(encoding="utf-8"))
            body = (self.root / f"{key}.body").read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(info, dict) or info.get("url") != url.strip():
            return None
        if info.get("size") != len(body):
            return None  # the body was replaced under a stale JSON: fetch again
        return CachedPage(
            url=str(info["url"]),
            final_url=str(info.get("final_url") or info["url"]),
            content_type=str(info.get("content_type", "")),
            charset=str(info.get("charset", "")),
            body=body,
            fetched_at=float(info.get("fetched_at", 0.0)),
        )

    def put(self, fetched: Fetched) -> bool:
        """Keep a fetched page; False if the cache dir is not writable (the page still
        opens, it is just fetched again next time)."""
        key = self._key(fetched.url)
        info = {
            "url": fetched.url.strip(),
            "final_url": fetched.final_url,
            "content_type": fetched.content_type,
            "charset": fetched.charset,
            "fetched_at": fetched.fetched_at,
            "size": len(fetched.body),
        }
        try:
            atomic_write(self.root / f"{key}.body", fetched.body)
            atomic_write(self.root / f"{key}.json", json.dumps(info, ensure_ascii=False, indent=1))
        except OSError:
            return False
        return True
