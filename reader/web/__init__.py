"""Read from the web: ``reader URL``, the page cache and news feeds (no textual imports).

:class:`Web` bundles what a fetch needs (settings, the page cache, the feed store) and is
passed explicitly; :func:`load_source` opens a path or an address, offline-first:

1. an address that is a feed item carrying the whole article opens from the feed's copy;
2. else a page fetched before opens from the cache (no network);
3. else (or with ``refresh``) the page is fetched, cached, and extracted like a saved page.

Opening a feed item's address marks it read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.model import LoadedText
from reader.web.cache import PageCache
from reader.web.feedstore import FeedStore, Item
from reader.web.fetch import (
    Cancel,
    Fetched,
    FetchError,
    FetchSettings,
    Progress,
    is_web_address,
)
from reader.web.fetch import fetch as fetch_url

__all__ = [
    "Web",
    "FetchError",
    "FetchSettings",
    "is_web_address",
    "load_source",
    "load_address",
]


@dataclass
class Web:
    settings: FetchSettings = field(default_factory=FetchSettings)
    pages: PageCache = field(default_factory=PageCache)
    feeds: FeedStore = field(default_factory=FeedStore)
    transport: object | None = None  # an httpx transport (tests)

    @classmethod
    def under(cls, root: Path, settings: FetchSettings | None = None) -> Web:
        """Cache and feeds under one directory (tests, benches)."""
        return cls(
            settings or FetchSettings(),
            PageCache(root / "web"),
            FeedStore(root / "feeds.sqlite3"),
        )

    def fetch(
        self,
        url: str,
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        etag: str = "",
        last_modified: str = "",
    ) -> Fetched:
        return fetch_url(
            url,
            self.settings,
            progress=progress,
            cancel=cancel,
            etag=etag,
            last_modified=last_modified,
            transport=self.transport,
        )


def load_source(
    source: str,
    web: Web | None = None,
    *,
    encoding: str | None = None,
    full_page: bool = False,
    refresh: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> LoadedText:
    """A file path, "-" (stdin) or an http(s) address, loaded into clean text."""
    if not is_web_address(source):
        from reader.load import load_path

        return load_path(source, encoding=encoding, full_page=full_page)
    return load_address(
        source.strip(),
        web or Web(),
        encoding=encoding,
        full_page=full_page,
        refresh=refresh,
        progress=progress,
        cancel=cancel,
    )


def load_address(
    url: str,
    web: Web,
    *,
    encoding: str | None = None,
    full_page: bool = False,
    refresh: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> LoadedText:
    from reader.web.page import load_fetched

    item = _feed_item(web, url)
    if item is not None and item.full and not refresh:
        loaded = _from_feed(item, web, full_page)
    else:
        cached = None if refresh else web.pages.get(url)
        fetched = cached.as_fetched() if cached is not None else None
        if fetched is None:
            fetched = web.fetch(url, progress=progress, cancel=cancel)
            loaded = load_fetched(fetched, encoding, full_page)  # only good pages are kept
            web.pages.put(fetched)
        else:
            loaded = load_fetched(fetched, encoding, full_page)
    if item is not None:
        _mark_read(web, url)
    return loaded


def _feed_item(web: Web, url: str) -> Item | None:
    if not web.feeds.exists():
        return None  # never followed a feed: no database to create
    try:
        return web.feeds.item_by_link(url)
    except Exception:  # noqa: BLE001 - the feed list is a bonus here; the page still opens
        return None


def _mark_read(web: Web, url: str) -> None:
    try:
        web.feeds.mark_read(url)
    except Exception:  # noqa: BLE001 - a locked/read-only store must not stop reading
        pass


def _from_feed(item: Item, web: Web, full_page: bool) -> LoadedText:
    """The article from the feed's own copy (UTF-8 HTML built from the item)."""
    from reader.errors import ReaderError
    from reader.load import load_bytes
    from reader.web.feeds import item_page

    site = ""
    for feed in web.feeds.feeds():
        if feed.id == item.feed:
            site = feed.title or feed.name
    name = "feed-item.html"
    try:
        loaded = load_bytes(item_page(item, site), name=name, full_page=full_page)
    except ReaderError as exc:
        raise ReaderError(str(exc).replace(name, item.link), exc.exit_code) from None
    meta = replace(
        loaded.meta,
        path=item.link,
        source_url=item.link,
        date=loaded.meta.date or item.published,
        author=loaded.meta.author or item.author,
        site=loaded.meta.site or site,
    )
    return replace(loaded, meta=meta)
