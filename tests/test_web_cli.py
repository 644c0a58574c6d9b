"""`reader annotate|export URL` and `reader feed add|update|list|remove`, headless, against a
server on 127.0.0.1 started here; failures are one line on stderr, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from reader.cli import main

from web_pages import SIMPLIFIED, article_html, full_article, rss
from web_server import LocalServer, Route

PAGE = article_html("杭州成了新硅谷", SIMPLIFIED, meta_charset="gbk").encode("gb18030")


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer().start()
    srv.routes["/page"] = Route(body=PAGE, headers={"Content-Type": "text/html"})
    yield srv
    srv.stop()


def test_annotate_url_then_again_from_the_cache_with_the_server_stopped(capsys):
    srv = LocalServer().start()
    srv.routes["/page"] = Route(body=PAGE, headers={"Content-Type": "text/html"})
    url = srv.url("/page")
    assert main(["annotate", url, "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["title"] == "杭州成了新硅谷"
    assert first["source"] == url
    assert any(s["text"] == SIMPLIFIED[1] for s in first["sentences"])
    srv.stop()

    assert main(["annotate", url, "--format", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again == first

    assert main(["annotate", url, "--refresh"]) == 2  # --refresh needs the network
    err = capsys.readouterr().err
    assert err.startswith("reader: ") and "connection refused" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_export_url(server, tmp_path, capsys):
    out = tmp_path / "page.md"
    assert main(["export", server.url("/page"), "-f", "md", "-o", str(out), "--no-translate"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "# 杭州成了新硅谷" in text and SIMPLIFIED[3] in text


@pytest.mark.parametrize(
    ("path", "route", "words"),
    [
        ("/missing", None, "404"),
        (
            "/pdf",
            Route(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}),
            "not a web page",
        ),
        ("/loop", Route(302, headers={"Location": "/loop2"}), "redirect loop"),
    ],
)
def test_url_errors_are_one_line(server, capsys, path, route, words):
    if route is not None:
        server.routes[path] = route
    server.routes["/loop2"] = Route(302, headers={"Location": "/loop"})
    assert main(["annotate", server.url(path)]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Traceback" not in err


def test_feed_add_update_list_and_open_an_item(server, capsys):
    full_link, short_link = server.url("/n/full"), server.url("/n/short")
    state = {"items": [(full_link, "全文报道", full_article(0)), (short_link, "短讯", "摘要")]}
    server.routes["/feed"] = lambda headers: Route(
        body=rss(state["items"]), headers={"Content-Type": "application/rss+xml"}
    )
    assert main(["feed", "add", server.url("/feed"), "--name", "tech"]) == 0
    assert "added tech" in capsys.readouterr().out

    assert main(["feed", "list"]) == 0
    listing = capsys.readouterr().out
    assert "tech · 科技新闻 · 2 items, 2 unread" in listing
    assert f"● 2026-12-01 08:00  全文报道  [full text]\n      {full_link}" in listing
    assert f"● 2026-12-02 08:00  短讯\n      {short_link}" in listing

    # Opening an item: from the feed's copy, no page fetched; it is marked read.
    asked = len(server.requests)
    assert main(["annotate", full_link]) == 0
    assert "全文报道" in capsys.readouterr().out
    assert len(server.requests) == asked
    assert main(["feed", "list", "tech"]) == 0
    listing = capsys.readouterr().out
    assert "2 items, 1 unread" in listing and "  2026-12-01 08:00  全文报道" in listing

    state["items"].insert(0, (server.url("/n/new"), "新消息", "摘要"))
    assert main(["feed", "update"]) == 0
    assert capsys.readouterr().out == "tech: 1 new item\n"
    assert main(["feed", "update", "tech"]) == 0
    assert capsys.readouterr().out == "tech: 0 new items\n"

    assert main(["feed", "remove", "tech"]) == 0
    assert main(["feed", "update", "nope"]) == 2
    assert "no feed named nope" in capsys.readouterr().err


def test_feed_add_malformed_and_update_failure(server, capsys):
    server.routes["/bad"] = Route(body=b"<html>no</html>", headers={"Content-Type": "text/html"})
    assert main(["feed", "add", server.url("/bad"), "--name", "broken"]) == 2
    err = capsys.readouterr().err
    assert "feed broken" in err and "malformed" in err and err.count("\n") == 1

    server.routes["/ok"] = Route(body=rss([(server.url("/1"), "一", "摘要")]))
    assert main(["feed", "add", server.url("/ok"), "--name", "ok"]) == 0
    server.routes["/ok"] = Route(500, b"")
    capsys.readouterr()
    assert main(["feed", "update"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: ok: ") and "500" in err


def test_feed_list_with_no_feeds(capsys):
    assert main(["feed", "list"]) == 0
    assert "reader feed add" in capsys.readouterr().out


def test_ctrl_c_during_a_fetch_ends_cleanly(server, capsys, monkeypatch):
    import reader.web.fetch as fetch_module

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(fetch_module, "_read", interrupted)
    assert main(["annotate", server.url("/page")]) == 130
    err = capsys.readouterr().err
    assert err == "reader: interrupted\n"
