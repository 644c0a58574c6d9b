"""The reader's web side in a Textual pilot: `o` with an address (progress, escape cancels),
the feed screen (`f`) listing feeds and items and opening one. Served on 127.0.0.1 only."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from reader.pipeline import Options
from reader.tui.app import ReaderApp, make_app
from reader.tui.feeds_screen import UNREAD, FeedsScreen
from reader.web import Web, load_source
from reader.web.feeds import add_feed

from web_pages import SIMPLIFIED, article_html, full_article, rss
from web_server import LocalServer, Route


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer().start()
    srv.routes["/start"] = Route(
        body=article_html("开始页", SIMPLIFIED).encode("utf-8"),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    srv.routes["/other"] = Route(
        body=article_html("另一篇文章", SIMPLIFIED[::-1]).encode("gb18030"),
        headers={"Content-Type": "text/html; charset=gbk"},
    )
    yield srv
    srv.stop()


def new_app(server: LocalServer) -> ReaderApp:
    loaded = load_source(server.url("/start"), Web())
    return make_app(loaded, Options(), translator_factory=lambda: None, translate=False)


async def wait_for(pilot, condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition never became true")
        await pilot.pause(0.05)


async def test_open_accepts_an_address(server):
    app = new_app(server)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.session.annotated)
        assert app.title == "开始页"
        await pilot.press("o")
        assert app.screen.query_one("#open-path").value == ""  # no directory guessed from a URL
        app.screen.query_one("#open-path").value = server.url("/other")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.article.meta.path == server.url("/other"))
        assert app.title == "另一篇文章"
        assert app.session.sentences[0].text == "另一篇文章"
        await wait_for(pilot, lambda: app.session.annotated)
        assert "fetching" not in app.status_text()


async def test_open_a_missing_address_is_a_notice(server):
    app = new_app(server)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("o")
        app.screen.query_one("#open-path").value = server.url("/nope")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("404" in n.message for n in app._notifications))
        assert app.session.article.meta.path == server.url("/start")


async def test_slow_fetch_shows_progress_and_escape_cancels_it(server):
    # About 300 KB sent 64 KB a second: seconds of fetching to watch and cancel.
    body = article_html("慢页", SIMPLIFIED, filler=3000).encode("utf-8")
    server.routes["/slow"] = Route(
        body=body, headers={"Content-Type": "text/html"}, chunk_delay=1.0
    )
    app = new_app(server)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("o")
        app.screen.query_one("#open-path").value = server.url("/slow")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "KB of" in app.status_text())
        status = str(app.screen.query_one("#status").visual)
        assert "fetching 127.0.0.1" in status and "escape cancels" in status
        await pilot.press("escape")
        await wait_for(pilot, lambda: any("cancelled" in n.message for n in app._notifications))
        assert "fetching" not in app.status_text()
        assert app.session.article.meta.path == server.url("/start")
        assert Web().pages.get(server.url("/slow")) is None


async def test_feed_screen_lists_items_and_opens_one(server):
    full_link, short_link = server.url("/n/full"), server.url("/other")
    server.routes["/feed"] = Route(
        body=rss([(full_link, "全文报道", full_article(0)), (short_link, "另一篇的摘要", "摘要")]),
        headers={"Content-Type": "application/rss+xml"},
    )
    web = Web()
    add_feed(server.url("/feed"), web.feeds, web.fetch, name="tech")
    app = new_app(server)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FeedsScreen))
        screen = app.screen
        table = screen.query_one("#feeds-table")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert "tech · 科技新闻" in rows[0][2] and rows[0][3] == "2/2 unread"
        assert rows[1] == [UNREAD, "2026-12-02 08:00", "另一篇的摘要", ""]
        assert rows[2] == [UNREAD, "2026-12-01 08:00", "全文报道", "full text"]

        # Enter on the full-text item: it opens from the feed (no fetch) and is marked read.
        asked = len(server.requests)
        table.move_cursor(row=2)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.article.meta.path == full_link)
        assert app.title == "全文报道"
        assert len(server.requests) == asked
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FeedsScreen))
        table = app.screen.query_one("#feeds-table")
        assert str(table.get_row_at(2)[0]) == " " and str(table.get_row_at(0)[3]) == "1/2 unread"

        # u fetches new items in the background.
        server.routes["/feed"] = Route(
            body=rss([(server.url("/n/new"), "新消息", "摘要"), (full_link, "全文报道", "")]),
            headers={"Content-Type": "application/rss+xml"},
        )
        await pilot.press("u")
        await wait_for(
            pilot, lambda: "tech: 1 new" in str(app.screen.query_one("#feeds-status").visual)
        )
        table = app.screen.query_one("#feeds-table")
        titles = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert len(titles) == 4 and "新消息" in titles
        await pilot.press("escape")
        assert not isinstance(app.screen, FeedsScreen)


async def test_feed_screen_without_feeds(server):
    app = new_app(server)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FeedsScreen))
        assert "reader feed add" in str(app.screen.query_one("#feeds-status").visual)
        await pilot.press("enter", "u", "escape")
        assert not isinstance(app.screen, FeedsScreen)
