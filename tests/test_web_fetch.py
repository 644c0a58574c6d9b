"""Fetching pages from a server the tests start on 127.0.0.1: encodings, compression,
redirects, failures (each a one-line FetchError naming what to do), the size cap, the
timeout, cancelling, and the page cache."""

from __future__ import annotations

import gzip
import socket
import ssl
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from reader.web import FetchError, FetchSettings, Web, load_source
from reader.web.fetch import USER_AGENT, fetch

from web_pages import SIMPLIFIED, TRADITIONAL, article_html
from web_server import LocalServer, Route

FAST = FetchSettings(connect_timeout=2.0, read_timeout=0.5, max_bytes=200_000)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def web(tmp_path: Path) -> Web:
    return Web.under(tmp_path, FAST)


def _html(body: bytes, charset: str | None = None) -> Route:
    ctype = "text/html" + (f"; charset={charset}" if charset else "")
    return Route(body=body, headers={"Content-Type": ctype})


GB_PAGE = article_html("杭州成了新硅谷", SIMPLIFIED, meta_charset="gb2312").encode("gb18030")
BIG5_PAGE = article_html("杭州成了新矽谷", TRADITIONAL, traditional=True).encode("big5")
UTF8_PAGE = article_html("杭州成了新硅谷", SIMPLIFIED).encode("utf-8")


@pytest.mark.parametrize(
    ("route", "title", "encoding"),
    [
        (_html(GB_PAGE), "杭州成了新硅谷", "gb18030"),  # <meta charset> only
        (_html(GB_PAGE, "gbk"), "杭州成了新硅谷", "gb18030"),  # header and meta
        (_html(BIG5_PAGE, "big5"), "杭州成了新矽谷", "cp950"),  # header only
        (_html(BIG5_PAGE), "杭州成了新矽谷", "cp950"),  # neither: detected
        (_html(UTF8_PAGE, "utf-8"), "杭州成了新硅谷", "utf-8"),
        (_html(UTF8_PAGE), "杭州成了新硅谷", "utf-8"),
        # A server default of Latin-1 on GB18030 bytes: the page's <meta> wins.
        (_html(GB_PAGE, "iso-8859-1"), "杭州成了新硅谷", "gb18030"),
        # A wrong header charset that cannot decode the bytes is not forced on them.
        (_html(BIG5_PAGE, "utf-8"), "杭州成了新矽谷", "cp950"),
    ],
)
def test_pages_decode_from_headers_meta_or_detection(server, web, route, title, encoding):
    server.routes["/a"] = route
    loaded = load_source(server.url("/a"), web)
    assert loaded.meta.title == title
    assert loaded.meta.encoding == encoding
    first = (TRADITIONAL if "矽" in title else SIMPLIFIED)[0]
    assert first in loaded.text
    assert "首页" not in loaded.text and "首頁" not in loaded.text  # navigation dropped
    assert loaded.meta.path == server.url("/a")
    assert loaded.meta.source_url == server.url("/a")


def test_gzip_deflate_and_brotli_are_decompressed(server, web):
    server.routes["/gz"] = Route(
        body=gzip.compress(UTF8_PAGE),
        headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
    )
    server.routes["/deflate"] = Route(
        body=zlib.compress(GB_PAGE),
        headers={"Content-Type": "text/html", "Content-Encoding": "deflate"},
    )
    import brotli  # httpx[brotli]: servers that prefer br get it

    server.routes["/br"] = Route(
        body=brotli.compress(UTF8_PAGE),
        headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "br"},
    )
    for path in ("/gz", "/deflate", "/br"):
        loaded = load_source(server.url(path), web)
        assert SIMPLIFIED[1] in loaded.text


def test_redirects_are_followed_and_the_final_address_kept(server, web):
    server.routes["/old"] = Route(301, headers={"Location": "/moved"})
    server.routes["/moved"] = Route(302, headers={"Location": server.url("/page")})
    server.routes["/page"] = _html(UTF8_PAGE, "utf-8")
    fetched = web.fetch(server.url("/old"))
    assert fetched.final_url == server.url("/page")
    loaded = load_source(server.url("/old"), web)
    assert loaded.meta.path == server.url("/old")
    assert loaded.meta.source_url == server.url("/page")


def test_redirect_loop_is_named(server, web):
    server.routes["/a"] = Route(302, headers={"Location": "/b"})
    server.routes["/b"] = Route(302, headers={"Location": "/a"})
    with pytest.raises(FetchError) as err:
        web.fetch(server.url("/a"))
    assert err.value.kind == "redirect-loop"
    assert "redirect loop" in str(err.value) and "\n" not in str(err.value)


def test_too_many_redirects(server, web):
    for n in range(10):
        server.routes[f"/r{n}"] = Route(302, headers={"Location": f"/r{n + 1}"})
    with pytest.raises(FetchError) as err:
        web.fetch(server.url("/r0"))
    assert err.value.kind == "redirects"
    assert "too many redirects" in str(err.value)
    assert len(server.requests) == FAST.max_redirects + 1  # stopped, not followed to the end


@pytest.mark.parametrize(
    ("status", "words"), [(404, "gone or the address is wrong"), (500, "try again later")]
)
def test_http_errors_name_the_status(server, web, status, words):
    server.routes["/x"] = Route(
        status, b"<html><body>oops</body></html>", {"Content-Type": "text/html"}
    )
    with pytest.raises(FetchError) as err:
        web.fetch(server.url("/x"))
    message = str(err.value)
    assert str(status) in message and words in message
    assert err.value.kind == f"http-{status}"


def test_slow_server_times_out(server, web):
    server.routes["/slow"] = Route(body=UTF8_PAGE, headers={"Content-Type": "text/html"}, delay=3)
    with pytest.raises(FetchError) as err:
        web.fetch(server.url("/slow"))
    assert err.value.kind == "timeout"
    assert "timed out" in str(err.value) and "0.5 s" in str(err.value)


@pytest.mark.parametrize("send_length", [True, False])
def test_oversized_body_is_refused(server, web, send_length):
    big = article_html("大", SIMPLIFIED, filler=4000).encode("utf-8")
    assert len(big) > FAST.max_bytes
    server.routes["/big"] = Route(
        body=big, headers={"Content-Type": "text/html"}, send_length=send_length
    )
    seen: list[int] = []
    with pytest.raises(FetchError) as err:
        web.fetch(server.url("/big"), progress=lambda done, total: seen.append(done))
    assert err.value.kind == "too-large"
    assert "too large" in str(err.value)
    if send_length:
        assert seen == []  # refused from the Content-Length, before reading the body
    else:
        assert max(seen) < len(big)  # abandoned while streaming


def test_gzip_bomb_is_capped_on_the_decompressed_size(server, web):
    bomb = gzip.compress(b"<html><body><p>" + b"a" * 2_000_000 + b"</p></body></html>")
    server.routes["/bomb"] = Route(
        body=bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    assert len(bomb) < FAST.max_bytes
    with pytest.raises(FetchError) as err:
        web.fetch(server.url("/bomb"))
    assert err.value.kind == "too-large"


@pytest.mark.parametrize("ctype", ["image/png", "application/pdf", "application/octet-stream"])
def test_binary_content_type_is_refused(server, web, ctype):
    server.routes["/bin"] = Route(
        body=b"\x89PNG\r\n\x1a\n" + b"\0" * 100, headers={"Content-Type": ctype}
    )
    with pytest.raises(FetchError) as err:
        web.fetch(server.url("/bin"))
    assert err.value.kind == "binary"
    assert ctype in str(err.value) and "not a web page or a feed" in str(err.value)


def test_connection_refused(web):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError) as err:
        web.fetch(f"http://127.0.0.1:{port}/")
    assert err.value.kind == "refused"
    assert "connection refused" in str(err.value)


def _failing_transport(cause: BaseException) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        try:
            raise cause
        except BaseException as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    ("cause", "kind", "words"),
    [
        (socket.gaierror(-2, "Name or service not known"), "dns", "cannot find the host"),
        (
            ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] self-signed"),
            "tls",
            "secure connection",
        ),
    ],
)
def test_dns_and_tls_failures_are_named(tmp_path, cause, kind, words):
    # No real lookup or handshake: a transport raises what httpx raises for them.
    web = Web.under(tmp_path, FAST)
    web.transport = _failing_transport(cause)
    with pytest.raises(FetchError) as err:
        web.fetch("https://news.example.invalid/a")
    assert err.value.kind == kind
    assert words in str(err.value) and "\n" not in str(err.value)


def test_honest_user_agent_and_progress(server, web):
    server.routes["/a"] = _html(UTF8_PAGE, "utf-8")
    seen: list[tuple[int, int | None]] = []
    web.fetch(server.url("/a"), progress=lambda done, total: seen.append((done, total)))
    agent = server.requests[-1][1]["user-agent"]
    assert agent == USER_AGENT and agent.startswith("reader/")
    assert seen[0] == (0, len(UTF8_PAGE)) and seen[-1] == (len(UTF8_PAGE), len(UTF8_PAGE))


def test_cancel_stops_between_chunks(server, web):
    body = article_html("长", SIMPLIFIED, filler=1000).encode("utf-8")
    server.routes["/long"] = Route(
        body=body, headers={"Content-Type": "text/html"}, chunk_delay=0.05
    )
    stop = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int | None) -> None:
        seen.append(done)
        if done > 0:
            stop.set()

    with pytest.raises(FetchError) as err:
        fetch(server.url("/long"), FetchSettings(max_bytes=10**7), progress=progress, cancel=stop)
    assert err.value.kind == "cancelled"
    assert max(seen) < len(body)


def test_page_opens_from_the_cache_with_the_server_stopped(tmp_path):
    srv = LocalServer().start()
    srv.routes["/a"] = _html(GB_PAGE)
    web = Web.under(tmp_path, FAST)
    url = srv.url("/a")
    first = load_source(url, web)
    srv.stop()
    again = load_source(url, web)
    assert again.text == first.text and again.meta == first.meta
    with pytest.raises(FetchError) as err:  # --refresh really goes to the network
        load_source(url, web, refresh=True)
    assert err.value.kind == "refused"


def test_refresh_replaces_the_cached_copy(server, web):
    server.routes["/a"] = _html(UTF8_PAGE, "utf-8")
    url = server.url("/a")
    load_source(url, web)
    changed = article_html("新标题", SIMPLIFIED[1:]).encode("utf-8")
    server.routes["/a"] = _html(changed, "utf-8")
    assert load_source(url, web).meta.title == "杭州成了新硅谷"  # the kept copy
    assert load_source(url, web, refresh=True).meta.title == "新标题"
    assert load_source(url, web).meta.title == "新标题"
    assert len(server.requests) == 2


def test_a_page_that_fails_extraction_is_not_cached(server, web):
    server.routes["/empty"] = _html(b"<html><body>   </body></html>", "utf-8")
    url = server.url("/empty")
    with pytest.raises(Exception) as err:
        load_source(url, web)
    assert url in str(err.value)
    assert web.pages.get(url) is None


def test_a_feed_address_is_not_read_as_an_article(server, web):
    from web_pages import rss

    server.routes["/feed"] = Route(body=rss([]), headers={"Content-Type": "application/rss+xml"})
    with pytest.raises(FetchError) as err:
        load_source(server.url("/feed"), web)
    assert "reader feed add" in str(err.value)


def test_cli_progress_line_only_on_a_terminal():
    import io

    from reader.cli.fetching import FetchProgress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    piped, tty = io.StringIO(), Tty()
    for out in (piped, tty):
        progress = FetchProgress("http://127.0.0.1/a", out)
        progress(0, 51200)
        progress(51200, 51200)
        progress.close()
    assert piped.getvalue() == ""
    shown = tty.getvalue()
    assert "reader: fetching http://127.0.0.1/a … 0 KB of 50 KB" in shown
    assert "50 KB of 50 KB" in shown and shown.endswith("\r\x1b[K")  # erased at the end
