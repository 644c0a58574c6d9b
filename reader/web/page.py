"""Fetched bytes -> LoadedText, through the same decoding and extraction as saved pages.

The only web-specific parts: the HTTP charset is a declaration like ``<meta charset>`` (it
is tried first and kept only if the bytes decode under it; a Latin-1 label on bytes that are
not ASCII is the server's default, not the page's, and is ignored), the format comes from the
Content-Type rather than a file extension, and the article remembers its address.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.errors import ReaderError
from reader.model import LoadedText
from reader.web.fetch import Fetched, FetchError

# Names that tell load_bytes the format; replaced by the address in its messages.
_NAME_FOR_TYPE = {
    "text/html": "web-page.html",
    "application/xhtml+xml": "web-page.html",
    "text/markdown": "web-page.md",
    "text/x-markdown": "web-page.md",
    "text/plain": "web-page.txt",
}
_LATIN1_DEFAULTS = frozenset(
    {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252"}
)
_FEED_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S
)
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


def looks_like_feed(fetched: Fetched) -> bool:
    return fetched.content_type in _FEED_TYPES or bool(_FEED_START.match(fetched.body[:4096]))


def header_charset(fetched: Fetched) -> str | None:
    """The HTTP charset if it is worth trusting for these bytes."""
    charset = fetched.charset.strip().lower()
    if not charset:
        return None
    if charset in _LATIN1_DEFAULTS and any(b >= 0x80 for b in fetched.body[:65536]):
        return None  # a server default on Chinese bytes: let <meta> and detection decide
    from reader.load.decode import codec_name

    codec = codec_name(charset)
    if not codec:
        return None
    try:
        fetched.body.decode(codec)
    except UnicodeDecodeError:
        return None  # the header is wrong about these bytes
    return charset


def load_fetched(
    fetched: Fetched, encoding: str | None = None, full_page: bool = False
) -> LoadedText:
    """The article of a fetched page (``encoding`` forces one, like ``--encoding``)."""
    from reader.load import load_bytes

    if looks_like_feed(fetched):
        raise FetchError(
            f"{fetched.url} is a news feed, not an article; follow it with "
            f"`reader feed add {fetched.url}` and open its items",
            "feed",
        )
    name = _NAME_FOR_TYPE.get(fetched.content_type, "web-page")
    forced = encoding or header_charset(fetched)
    try:
        loaded = load_bytes(fetched.body, name=name, encoding=forced, full_page=full_page)
    except ReaderError as exc:
        message = str(exc).replace(name, fetched.url)
        raise ReaderError(message, exc.exit_code) from None
    meta = replace(
        loaded.meta,
        path=fetched.url,
        source_url=loaded.meta.source_url or fetched.final_url,
    )
    return replace(loaded, meta=meta)
