"""Feeds from a local server (127.0.0.1 only): RSS 2.0 and Atom with and without the full
article, RSSHub-style full descriptions, malformed feeds named in the error, incremental
and conditional updates, read marks, and a damaged feed database moved aside."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.web import FetchError, FetchSettings, Web, load_source
from reader.web.feeds import add_feed, parse_feed, update_feed
from reader.web.feedstore import FeedStore

from web_pages import SIMPLIFIED, atom, full_article, rss
from web_server import LocalServer, Route

FAST = FetchSettings(connect_timeout=2.0, read_timeout=2.0)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def web(tmp_path: Path) -> Web:
    return Web.under(tmp_path, FAST)


def _rss_route(body: bytes) -> Route:
    return Route(body=body, headers={"Content-Type": "application/rss+xml; charset=utf-8"})


def test_rss_items_with_and_without_the_full_article(server, web):
    link_short, link_full = server.url("/news/1"), server.url("/news/2")
    server.routes["/feed"] = _rss_route(
        rss([(link_short, "短讯", "<p>一句摘要。</p>"), (link_full, "全文", full_article(0))])
    )
    result = add_feed(server.url("/feed"), web.feeds, web.fetch)
    feed = result.feed
    assert feed.name == "科技新闻" and feed.items == 2 and feed.unread == 2
    items = {i.link: i for i in web.feeds.items(feed)}
    assert not items[link_short].full  # a summary: the page is fetched when opened
    assert items[link_full].full and SIMPLIFIED[0] in items[link_full].body
    assert items[link_full].published == "2026-12-02 08:00"


def test_full_item_opens_from_the_feed_without_fetching_and_is_marked_read(server, web):
    link = server.url("/news/full")
    server.routes["/feed"] = _rss_route(rss([(link, "全文报道", full_article(1))]))
    add_feed(server.url("/feed"), web.feeds, web.fetch)
    before = len(server.requests)
    loaded = load_source(link, web)
    assert len(server.requests) == before  # nothing fetched: the feed held the article
    assert loaded.meta.title == "全文报道"
    assert SIMPLIFIED[2] in loaded.text
    assert loaded.meta.source_url == link and loaded.meta.site == "科技新闻"
    assert loaded.meta.date.startswith("2026-12-01")
    (item,) = web.feeds.items(web.feeds.feeds()[0])
    assert item.read


def test_summary_item_fetches_its_page_and_is_marked_read(server, web):
    from web_pages import article_html

    link = server.url("/news/short")
    server.routes["/feed"] = _rss_route(rss([(link, "短讯", "一句摘要。")]))
    server.routes["/news/short"] = Route(
        body=article_html("短讯全文", SIMPLIFIED).encode("utf-8"),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    add_feed(server.url("/feed"), web.feeds, web.fetch)
    loaded = load_source(link, web)
    assert loaded.meta.title == "短讯全文"
    assert server.requests[-1][0] == "/news/short"
    assert web.feeds.items(web.feeds.feeds()[0])[0].read


def test_atom_with_content_and_with_summary_only(server, web):
    full_link, short_link = server.url("/a/1"), server.url("/a/2")
    server.routes["/atom"] = Route(
        body=atom(
            [
                (full_link, "Atom 全文", "摘要", full_article(0)),
                (short_link, "Atom 摘要", "只有摘要。", ""),
            ]
        ),
        headers={"Content-Type": "application/atom+xml"},
    )
    feed = add_feed(server.url("/atom"), web.feeds, web.fetch, name="atom").feed
    assert feed.name == "atom" and feed.title == "Atom 科技"
    items = {i.link: i for i in web.feeds.items(feed)}
    assert items[full_link].full and items[full_link].author == "记者0"
    assert not items[short_link].full
    assert items[full_link].published == "2026-12-01 09:30"
    loaded = load_source(full_link, web)
    assert loaded.meta.title == "Atom 全文" and loaded.meta.author == "记者0"


def test_rsshub_style_full_description(server, web):
    # RSSHub puts the whole article, HTML and all, in <description> and serves text/xml.
    link = server.url("/rsshub/1")
    body = rss([(link, "RSSHub 文章", full_article(2))], title="36氪 - 最新 - Powered by RSSHub")
    server.routes["/rsshub"] = Route(body=body, headers={"Content-Type": "text/xml"})
    feed = add_feed(server.url("/rsshub"), web.feeds, web.fetch).feed
    (item,) = web.feeds.items(feed)
    assert item.full
    assert SIMPLIFIED[3] in load_source(link, web).text


@pytest.mark.parametrize(
    "body",
    [
        b"this is not a feed {",
        b"<html><body><p>a web page</p></body></html>",
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>broken',
    ],
)
def test_malformed_feed_is_named_and_not_added(server, web, body):
    server.routes["/bad"] = Route(body=body, headers={"Content-Type": "application/xml"})
    with pytest.raises(FetchError) as err:
        add_feed(server.url("/bad"), web.feeds, web.fetch, name="坏源")
    message = str(err.value)
    assert err.value.kind == "malformed-feed"
    assert "坏源" in message and server.url("/bad") in message and "\n" not in message
    assert web.feeds.feeds() == []


def test_update_is_incremental_and_conditional(server, web):
    links = [server.url(f"/n/{k}") for k in range(4)]
    state = {"items": [(links[0], "第一条", "摘要"), (links[1], "第二条", "摘要")]}
    etags: list[str] = []

    def feed_route(headers: dict[str, str]) -> Route:
        etag = f'"v{len(state["items"])}"'
        etags.append(headers.get("if-none-match", ""))
        if headers.get("if-none-match") == etag:
            return Route(304, headers={"ETag": etag})
        return Route(
            body=rss(state["items"]),
            headers={"Content-Type": "application/rss+xml", "ETag": etag},
        )

    server.routes["/feed"] = feed_route
    feed = add_feed(server.url("/feed"), web.feeds, web.fetch).feed
    assert feed.items == 2 and feed.etag == '"v2"'
    web.feeds.mark_read(links[0])

    # Nothing new: the server answers 304 to the conditional request.
    result = update_feed(web.feeds.feeds()[0], web.feeds, web.fetch)
    assert result.not_modified and result.new_items == 0
    assert etags[-1] == '"v2"'

    # Two new items (the feed repeats the old ones): only the new ones are stored.
    state["items"] = [(links[3], "第四条", "摘要"), (links[2], "第三条", "摘要"), *state["items"]]
    result = update_feed(web.feeds.feeds()[0], web.feeds, web.fetch)
    assert result.new_items == 2 and not result.not_modified
    feed = web.feeds.feeds()[0]
    assert feed.items == 4 and feed.unread == 3  # the read mark of the old item is kept
    assert feed.etag == '"v4"'
    assert update_feed(feed, web.feeds, web.fetch).not_modified


def test_a_failed_update_is_recorded_and_the_items_kept(server, web):
    server.routes["/feed"] = _rss_route(rss([(server.url("/x"), "旧闻", "摘要")]))
    feed = add_feed(server.url("/feed"), web.feeds, web.fetch).feed
    server.routes["/feed"] = Route(500, b"down")
    result = update_feed(feed, web.feeds, web.fetch)
    assert "500" in result.error
    feed = web.feeds.feeds()[0]
    assert feed.items == 1 and "500" in feed.error


def test_an_interrupted_update_leaves_the_feed_as_it_was(server, web, monkeypatch):
    server.routes["/feed"] = _rss_route(rss([(server.url("/x"), "旧闻", "摘要")]))
    feed = add_feed(server.url("/feed"), web.feeds, web.fetch).feed
    server.routes["/feed"] = _rss_route(
        rss([(server.url(f"/n{k}"), f"新闻{k}", "摘要") for k in range(5)])
    )
    import reader.web.feedstore as feedstore

    real = feedstore._insert_items

    def interrupted(conn, feed_id, items, now):  # type: ignore[no-untyped-def]
        real(conn, feed_id, items[:2], now)
        raise KeyboardInterrupt  # ctrl+c halfway through the inserts

    monkeypatch.setattr(feedstore, "_insert_items", interrupted)
    with pytest.raises(KeyboardInterrupt):
        update_feed(feed, web.feeds, web.fetch)
    monkeypatch.setattr(feedstore, "_insert_items", real)
    assert web.feeds.feeds()[0].items == 1  # rolled back: no half update
    assert update_feed(web.feeds.feeds()[0], web.feeds, web.fetch).new_items == 5


def test_corrupt_feed_database_is_moved_aside(tmp_path):
    path = tmp_path / "feeds.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    store = FeedStore(path)
    assert store.feeds() == []
    assert len(store.warnings) == 1 and "moved it to" in store.warnings[0]
    assert list(tmp_path.glob("feeds.sqlite3.corrupt-*"))


def test_parse_feed_keeps_items_without_links_by_title():
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>\xe6\x97\xa0\xe9\x93\xbe\xe6\x8e\xa5</title><description>x</description></item>"
        b"</channel></rss>"
    )
    parsed = parse_feed(body, "http://127.0.0.1/feed")
    (item,) = parsed.items
    assert item.title == "无链接" and item.guid.startswith("sha1:") and item.link == ""


def test_relative_item_links_resolve_against_the_feed_address():
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>a</title><link>/news/1</link></item></channel></rss>"
    )
    (item,) = parse_feed(body, "http://127.0.0.1:8000/feeds/all.xml").items
    assert item.link == "http://127.0.0.1:8000/news/1"
