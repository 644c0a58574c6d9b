"""News feeds (RSS 2.0, Atom, RSSHub): parse with feedparser, follow, update incrementally.

An item's body is kept when the feed carries the whole article (``content:encoded``, Atom
``content``, or an RSSHub-style ``description`` holding the full text), so the item opens
without fetching its page. Updates are conditional (ETag / Last-Modified) and insert only
items not seen before; each feed is one transaction (see :mod:`reader.web.feedstore`).
"""

from __future__ import annotations

import calendar
import hashlib
import html
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from reader.web.feedstore import Feed, FeedStore, Item
from reader.web.fetch import Cancel, Fetched, FetchError, Progress

# An item whose richest body has at least this many characters of text is taken as the
# whole article: Chinese feed summaries run to one or two hundred characters, articles to
# many hundreds. Shorter bodies are summaries and the page is fetched instead.
FULL_CONTENT_CHARS = 400

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    items: list[Item]


@dataclass(frozen=True, slots=True)
class UpdateResult:
    feed: Feed
    new_items: int = 0
    not_modified: bool = False
    error: str = ""


def text_length(markup: str) -> int:
    """Characters of visible text in an HTML fragment (tags and spaces dropped)."""
    return len(_SPACE.sub("", html.unescape(_TAG.sub(" ", markup))))


def parse_feed(body: bytes, url: str, name: str = "", content_type: str = "") -> ParsedFeed:
    """The feed's title and items; a :class:`FetchError` naming the feed if it is malformed."""
    import feedparser

    # The feed's address is the base for relative item links ("/news/1").
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    entries = list(parsed.entries)
    if not parsed.version or (parsed.bozo and not entries):
        label = f"feed {name} ({url})" if name else f"feed {url}"
        raise FetchError(
            f"{label} is malformed: {_reason(parsed)}; check the address is an RSS or Atom "
            "feed, or try again later",
            "malformed-feed",
        )
    title = _clean(str(parsed.feed.get("title", "")))
    items = [_item(entry, url) for entry in entries]
    return ParsedFeed(title, [i for i in items if i.guid])


def _reason(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    if exc is None:
        return "no RSS or Atom elements found"
    line = getattr(exc, "getLineNumber", None)
    where = f" at line {line()}" if callable(line) else ""
    message = getattr(exc, "getMessage", None)
    text = message() if callable(message) else str(exc)
    return f"{text}{where}"


def _clean(text: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()


def _item(entry: Any, feed_url: str) -> Item:
    link = str(entry.get("link", "") or "").strip()
    guid = str(entry.get("id", "") or "").strip() or link
    title = _clean(str(entry.get("title", "") or ""))
    if not guid:  # neither id nor link: the title and date identify it
        raw = f"{title}|{entry.get('published', '')}|{feed_url}"
        guid = "sha1:" + hashlib.sha1(raw.encode("utf-8")).hexdigest() if title else ""
    if not link and guid.startswith(("http://", "https://")):
        link = guid
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    sort_key = float(calendar.timegm(stamp)) if stamp else 0.0
    published = time.strftime("%Y-%m-%d %H:%M", time.gmtime(sort_key)) if stamp else ""
    return Item(
        guid=guid,
        link=link,
        title=title or "(untitled)",
        published=published,
        sort_key=sort_key,
        author=_clean(str(entry.get("author", "") or "")),
        body=full_body(entry),
    )


def full_body(entry: Any) -> str:
    """The entry's whole article as HTML, or "" when it only carries a summary."""
    candidates = [str(c.get("value", "")) for c in entry.get("content", []) or []]
    candidates.append(str(entry.get("summary", "") or ""))
    best = max(candidates, key=text_length, default="")
    return best if text_length(best) >= FULL_CONTENT_CHARS else ""


def default_name(url: str, title: str) -> str:
    """A short name for a feed: its title, else its host."""
    name = _SPACE.sub(" ", title).strip()[:40]
    if not name:
        name = (urlsplit(url).hostname or "feed").removeprefix("www.")
    return name


Fetcher = Callable[..., Fetched]


def add_feed(
    url: str,
    store: FeedStore,
    fetch: Fetcher,
    name: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> UpdateResult:
    """Fetch and parse a feed, then follow it (a malformed feed is not added)."""
    existing = store.feed_by_url(url)
    if existing is not None:
        raise FetchError(
            f"{url} is already followed as {existing.name}; run `reader feed update "
            f"{existing.name}`",
            "exists",
        )
    if name and store.feeds(name):
        raise FetchError(f"a feed named {name} exists already; choose another --name", "exists")
    fetched = fetch(url, progress=progress, cancel=cancel)
    parsed = parse_feed(fetched.body, url, name or "", _content_type(fetched))
    chosen = name or store.unique_name(default_name(url, parsed.title))
    feed = store.add_feed(
        url, chosen, parsed.title, parsed.items, fetched.etag, fetched.last_modified
    )
    return UpdateResult(feed, feed.items)


def update_feed(
    feed: Feed,
    store: FeedStore,
    fetch: Fetcher,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> UpdateResult:
    """Fetch one feed (conditionally) and store the items not seen before.

    A failure is recorded on the feed and returned, not raised, so one broken feed does not
    stop the others; cancelling raises.
    """
    try:
        fetched = fetch(
            feed.url,
            progress=progress,
            cancel=cancel,
            etag=feed.etag,
            last_modified=feed.last_modified,
        )
        if fetched.not_modified:
            store.record_update(feed, [], etag=feed.etag, last_modified=feed.last_modified)
            return UpdateResult(feed, 0, not_modified=True)
        parsed = parse_feed(fetched.body, feed.url, feed.name, _content_type(fetched))
    except FetchError as exc:
        if exc.kind == "cancelled":
            raise
        store.record_update(feed, [], error=str(exc))
        return UpdateResult(feed, error=str(exc))
    added = store.record_update(
        feed, parsed.items, parsed.title, fetched.etag, fetched.last_modified
    )
    return UpdateResult(feed, added)


def _content_type(fetched: Fetched) -> str:
    if not fetched.content_type:
        return ""
    if fetched.charset:
        return f"{fetched.content_type}; charset={fetched.charset}"
    return fetched.content_type


def item_page(item: Item, feed_title: str = "") -> bytes:
    """A small UTF-8 HTML page holding the item's full body, for the saved-page loader."""
    title = html.escape(item.title)
    byline = f'<meta name="author" content="{html.escape(item.author)}">' if item.author else ""
    date = (
        f'<meta property="article:published_time" content="{html.escape(item.published)}">'
        if item.published
        else ""
    )
    site = (
        f'<meta property="og:site_name" content="{html.escape(feed_title)}">' if feed_title else ""
    )
    url = f'<link rel="canonical" href="{html.escape(item.link)}">' if item.link else ""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{title}</title>{byline}{date}{site}{url}</head>"
        f"<body><article><h1>{title}</h1>{item.body}</article></body></html>"
    ).encode()
