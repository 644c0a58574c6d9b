"""Fetch one web page or feed: bounded redirects, size cap, timeouts, progress, cancel.

One request at a time with httpx, streamed: the body is read chunk by chunk so a page
larger than the cap is abandoned as soon as it passes it (not after downloading it all),
and the progress callback and the cancel check run between chunks. Redirects are followed
by hand so a loop is named as a loop. Every failure is a :class:`FetchError` whose message
is one line saying what happened and what to do.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.errors import ReaderError

USER_AGENT = f"reader/{__version__} (+offline Chinese reader)"
Progress = Callable[[int, int | None], None]  # (bytes read, total bytes or None)
Cancel = Callable[[], bool] | threading.Event

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/*;q=0.8,*/*;q=0.1"
)


@dataclass(frozen=True, slots=True)
class FetchSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # longest wait for the next bytes
    total_timeout: float = 120.0  # a server trickling bytes forever still ends
    max_bytes: int = 10 * 1024 * 1024  # decompressed body
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response with its body read in full (decompressed)."""

    url: str  # the address asked for
    final_url: str  # after redirects
    status: int  # 200, or 304 for a conditional request that found nothing new
    content_type: str  # media type without parameters, lower case ("" if none)
    charset: str  # the Content-Type header's charset parameter ("" if none)
    body: bytes
    etag: str = ""
    last_modified: str = ""
    fetched_at: float = field(default_factory=time.time)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(ReaderError):
    """A fetch that failed; ``kind`` names the failure for callers and tests."""

    def __init__(self, message: str, kind: str, exit_code: int = 2) -> None:
        super().__init__(message, exit_code)
        self.kind = kind


def is_web_address(text: str) -> bool:
    """Whether ``text`` is an http(s) address rather than a path."""
    lowered = text.strip().lower()
    return lowered.startswith(("http://", "https://")) and len(lowered.split("//", 1)[1]) > 0


def split_content_type(header: str) -> tuple[str, str]:
    """(media type, charset) from a Content-Type header value."""
    if not header:
        return "", ""
    msg = Message()
    msg["content-type"] = header
    media = msg.get_content_type() if "/" in header.split(";")[0] else ""
    charset = msg.get_param("charset")
    return media.lower(), (charset if isinstance(charset, str) else "").strip()


_NOT_ARTICLES = frozenset({"text/css", "text/javascript", "text/csv", "text/calendar"})
_JSON_FEEDS = frozenset({"application/json", "application/feed+json"})


def readable_type(media: str) -> bool:
    """Whether a media type can be an article or a feed ("": unknown, sniffed later).

    Text, HTML and XML (RSS, Atom) pass; images, PDFs, archives and other binaries don't.
    """
    if not media:
        return True
    if media in _NOT_ARTICLES:
        return False
    return media.startswith("text/") or "xml" in media or "html" in media or media in _JSON_FEEDS


def fetch(
    url: str,
    settings: FetchSettings | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    etag: str = "",
    last_modified: str = "",
    transport: object | None = None,
) -> Fetched:
    """GET ``url`` and return the whole body; raise :class:`FetchError` on any failure.

    ``etag``/``last_modified`` make the request conditional (a 304 comes back with an empty
    body). ``transport`` is an httpx transport (tests use a mock one for DNS and TLS
    failures, which a server on 127.0.0.1 cannot produce).
    """
    import httpx

    settings = settings or FetchSettings()
    if not is_web_address(url):
        raise FetchError(f"{url}: not an http(s) address; give one like https://…", "address")
    timeout = httpx.Timeout(
        settings.read_timeout, connect=settings.connect_timeout, pool=settings.connect_timeout
    )
    headers = {"User-Agent": settings.user_agent, "Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    clients = _Clients(timeout, headers, transport)
    began = time.monotonic()
    seen = [url]
    current = url
    try:
        while True:
            _check_cancel(cancel, url)
            with clients.get(current).stream("GET", current) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    current = _next_hop(url, current, response.headers["location"], seen)
                    if len(seen) > settings.max_redirects + 1:
                        raise FetchError(
                            f"{url}: too many redirects (more than "
                            f"{settings.max_redirects}); open the final address directly",
                            "redirects",
                        )
                    continue
                return _read(url, response, settings, progress, cancel, began)
    except FetchError:
        raise
    except httpx.TimeoutException as exc:
        phase = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "waiting for data"
        limit = (
            settings.connect_timeout
            if isinstance(exc, httpx.ConnectTimeout)
            else settings.read_timeout
        )
        raise FetchError(
            f"{url}: timed out {phase} (after {limit:g} s); the site is slow or down, "
            "try again later",
            "timeout",
        ) from None
    except httpx.TransportError as exc:
        raise _transport_error(url, current, exc) from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url}: not a valid address ({exc}); check it", "address") from None
    finally:
        clients.close()


class _Clients:
    """One httpx client per scheme, made when first needed.

    Loading the CA bundle for certificate checks takes about 0.1 s, a large part of opening
    a page. A plain-http page never does a TLS handshake, so its client skips the bundle;
    an https address (or an https proxy) always gets a verifying client.
    """

    def __init__(self, timeout: object, headers: dict[str, str], transport: object | None):
        self.timeout = timeout
        self.headers = headers
        self.transport = transport
        self.made: dict[str, object] = {}

    def get(self, url: str):  # type: ignore[no-untyped-def]
        import httpx

        scheme = urlsplit(url).scheme.lower()
        if scheme not in self.made:
            verify = scheme != "http" or _https_proxy()
            kw: dict[str, object] = {"transport": self.transport} if self.transport else {}
            self.made[scheme] = httpx.Client(
                timeout=self.timeout,  # type: ignore[arg-type]
                headers=self.headers,
                follow_redirects=False,
                verify=verify,
                **kw,  # type: ignore[arg-type]
            )
        return self.made[scheme]

    def close(self) -> None:
        for client in self.made.values():
            client.close()  # type: ignore[attr-defined]


def _https_proxy() -> bool:
    from urllib.request import getproxies

    return any(str(v).lower().startswith("https://") for v in getproxies().values())


def _next_hop(url: str, current: str, location: str, seen: list[str]) -> str:
    target = urljoin(current, location.strip())
    if urlsplit(target).scheme not in ("http", "https"):
        raise FetchError(
            f"{url}: redirected to {target}, which is not an http(s) address", "redirects"
        )
    if target in seen:
        raise FetchError(
            f"{url}: redirect loop ({current} → {target}); the site is misconfigured, "
            "try again later or open another address",
            "redirect-loop",
        )
    seen.append(target)
    return target


def _read(
    url: str,
    response: object,
    settings: FetchSettings,
    progress: Progress | None,
    cancel: Cancel | None,
    began: float,
) -> Fetched:
    import httpx

    assert isinstance(response, httpx.Response)
    final = str(response.url)
    status = response.status_code
    media, charset = split_content_type(response.headers.get("content-type", ""))
    etag = response.headers.get("etag", "")
    modified = response.headers.get("last-modified", "")
    if status == 304:
        return Fetched(url, final, 304, media, charset, b"", etag, modified)
    if status >= 400:
        raise FetchError(_status_message(url, status, response.reason_phrase), f"http-{status}")
    if status >= 300:
        raise FetchError(
            f"{url}: the server answered {status} without a new address; try again later",
            f"http-{status}",
        )
    if not readable_type(media):
        raise FetchError(
            f"{url} is {media}, not a web page or a feed; give the address of an article "
            "or an RSS/Atom feed",
            "binary",
        )
    total = _content_length(response)
    if total is not None and total > settings.max_bytes:
        raise _too_large(url, total, settings)
    chunks: list[bytes] = []
    size = 0
    if progress is not None:
        progress(0, total)
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            raise _too_large(url, None, settings)
        chunks.append(chunk)
        if progress is not None:
            progress(response.num_bytes_downloaded, total)
        _check_cancel(cancel, url)
        if time.monotonic() - began > settings.total_timeout:
            raise FetchError(
                f"{url}: still downloading after {settings.total_timeout:g} s; the site is "
                "too slow, try again later",
                "timeout",
            )
    return Fetched(url, final, status, media, charset, b"".join(chunks), etag, modified)


def _content_length(response: object) -> int | None:
    import httpx

    assert isinstance(response, httpx.Response)
    try:
        value = int(response.headers.get("content-length", ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _too_large(url: str, size: int | None, settings: FetchSettings) -> FetchError:
    cap = settings.max_bytes / 1_048_576
    what = f" ({size / 1_048_576:.1f} MB)" if size is not None else ""
    return FetchError(
        f"{url} is too large{what}: reader reads pages up to {cap:g} MB; "
        "save the article part and open the file",
        "too-large",
    )


def _status_message(url: str, status: int, reason: str) -> str:
    label = f"{status} {reason}".strip()
    if status == 404 or status == 410:
        advice = "the page is gone or the address is wrong; check it"
    elif status in (401, 403):
        advice = "the site refuses reader (login or paywall); save the page in a browser and open the file"
    elif status == 429:
        advice = "the site asks to slow down; try again later"
    elif status >= 500:
        advice = "the site has a problem; try again later"
    else:
        advice = "check the address"
    return f"{url}: the server answered {label}; {advice}"


def _check_cancel(cancel: Cancel | None, url: str) -> None:
    if cancel is None:
        return
    stop = cancel.is_set() if isinstance(cancel, threading.Event) else cancel()
    if stop:
        raise FetchError(f"{url}: fetch cancelled", "cancelled", exit_code=130)


def _causes(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        out.append(item)
        stack.extend([item.__cause__, item.__context__])
    return out


def _transport_error(url: str, current: str, exc: BaseException) -> FetchError:
    """Name the network failure (DNS, refused, TLS, reset) from the exception chain."""
    host = urlsplit(current).hostname or current
    causes = _causes(exc)
    text = " ".join(str(c) for c in causes).lower()
    if any(isinstance(c, socket.gaierror) for c in causes) or (
        "name or service not known" in text
        or "nodename nor servname" in text
        or "temporary failure in name resolution" in text
        or "no address associated" in text
    ):
        return FetchError(
            f"{url}: cannot find the host {host} (DNS lookup failed); check the address "
            "and your network connection",
            "dns",
        )
    if any(isinstance(c, ssl.SSLError | ssl.CertificateError) for c in causes) or (
        "ssl" in text or "certificate" in text
    ):
        return FetchError(
            f"{url}: secure connection to {host} failed (TLS: {_short(causes)}); the site's "
            "certificate is not trusted, check the address or try http:// at your own risk",
            "tls",
        )
    if any(isinstance(c, ConnectionRefusedError) for c in causes) or "refused" in text:
        return FetchError(
            f"{url}: connection refused by {host}; the site is down or the port is wrong, "
            "try again later",
            "refused",
        )
    return FetchError(
        f"{url}: network error talking to {host} ({_short(causes)}); check your connection "
        "and try again",
        "network",
    )


def _short(causes: list[BaseException]) -> str:
    for c in reversed(causes):
        text = str(c).strip()
        if text:
            return text.splitlines()[0][:120]
    return type(causes[0]).__name__
