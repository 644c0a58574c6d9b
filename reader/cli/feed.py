"""`reader feed add|update|list|remove`: follow news feeds (RSS 2.0, Atom, RSSHub)."""

from __future__ import annotations

import argparse
import sys
import time

from reader.errors import ReaderError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "feed",
        help="follow news feeds: add, update, list",
        description="Follow RSS/Atom feeds. Items open with `reader ITEM-ADDRESS`; items whose "
        "feed carries the whole article open without fetching the page.",
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", help="follow a feed")
    add.add_argument("url", metavar="URL", help="the feed's address")
    add.add_argument("--name", help="a short name for the feed (default: its title)")
    add.set_defaults(func=run_add)
    update = verbs.add_parser("update", help="fetch new items (all feeds, or one)")
    update.add_argument("name", nargs="?", metavar="NAME")
    update.set_defaults(func=run_update)
    show = verbs.add_parser("list", help="feeds and their items (newest first)")
    show.add_argument("name", nargs="?", metavar="NAME")
    show.add_argument("--limit", type=int, default=20, help="items per feed (default 20; 0: all)")
    show.add_argument("--unread", action="store_true", help="only unread items")
    show.set_defaults(func=run_list)
    remove = verbs.add_parser("remove", help="stop following a feed (its items go too)")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(func=run_remove)


def _web():  # type: ignore[no-untyped-def]
    from reader.web import Web

    return Web()


def _warn(web) -> None:  # type: ignore[no-untyped-def]
    for warning in web.feeds.warnings:
        print(f"reader: warning: {warning}", file=sys.stderr)
    web.feeds.warnings.clear()


def run_add(args: argparse.Namespace) -> int:
    from reader.cli.fetching import FetchProgress
    from reader.web import is_web_address
    from reader.web.feeds import add_feed

    if not is_web_address(args.url):
        raise ReaderError(f"{args.url}: not an http(s) address; give the feed's address")
    web = _web()
    progress = FetchProgress(args.url)
    try:
        result = add_feed(args.url, web.feeds, web.fetch, args.name, progress=progress)
    finally:
        progress.close()
        _warn(web)
    feed = result.feed
    print(f"added {feed.name}: {feed.title or feed.url} · {feed.items} items")
    return 0


def run_update(args: argparse.Namespace) -> int:
    from reader.cli.fetching import FetchProgress
    from reader.web.feeds import update_feed

    web = _web()
    feeds = _feeds(web, args.name)
    _warn(web)
    failed = 0
    for feed in feeds:
        progress = FetchProgress(feed.name)
        try:
            result = update_feed(feed, web.feeds, web.fetch, progress=progress)
        finally:
            progress.close()
        if result.error:
            failed += 1
            print(f"reader: {feed.name}: {result.error}", file=sys.stderr)
        elif result.not_modified:
            print(f"{feed.name}: no new items (not modified)")
        else:
            print(f"{feed.name}: {result.new_items} new item{'s' if result.new_items != 1 else ''}")
    return 1 if failed else 0


def run_list(args: argparse.Namespace) -> int:
    web = _web()
    if not web.feeds.exists():
        print("no feeds yet; follow one with `reader feed add URL`")
        return 0
    feeds = _feeds(web, args.name)
    _warn(web)
    for n, feed in enumerate(feeds):
        if n:
            print()
        updated = (
            time.strftime("%Y-%m-%d %H:%M", time.localtime(feed.updated))
            if feed.updated
            else "never"
        )
        print(
            f"{feed.name} · {feed.title or '(no title)'} · {feed.items} items, {feed.unread} "
            f"unread · updated {updated}"
        )
        print(f"  {feed.url}")
        if feed.error:
            print(f"  last update failed: {feed.error}")
        items = web.feeds.items(feed)
        if args.unread:
            items = [i for i in items if not i.read]
        if args.limit > 0:
            items = items[: args.limit]
        for item in items:
            mark = " " if item.read else "●"
            date = item.published or " " * 16
            full = "  [full text]" if item.full else ""
            print(f"  {mark} {date}  {item.title}{full}")
            print(f"      {item.link or '(no address)'}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    web = _web()
    if not web.feeds.exists() or not web.feeds.remove_feed(args.name):
        raise ReaderError(f"no feed named {args.name}; see `reader feed list`")
    print(f"removed {args.name}")
    return 0


def _feeds(web, name: str | None):  # type: ignore[no-untyped-def]
    if not web.feeds.exists():
        raise ReaderError("no feeds yet; follow one with `reader feed add URL`")
    feeds = web.feeds.feeds(name)
    if name is not None and not feeds:
        names = ", ".join(f.name for f in web.feeds.feeds()) or "none"
        raise ReaderError(f"no feed named {name} (feeds: {names}); see `reader feed list`")
    if not feeds:
        raise ReaderError("no feeds yet; follow one with `reader feed add URL`")
    return feeds
