"""Markdown exports and Jekyll/Hexo posts: front matter -> metadata, body -> blocks.

The body is rendered with markdown-it (CommonMark, raw HTML allowed) and the resulting HTML is
walked like any page fragment, so HTML inside Markdown, setext headings, lists and quotes all
come out as blocks; images vanish and links keep only their text.
"""

from __future__ import annotations

import re
import threading
import tomllib
from typing import Any

from reader.load.dates import normalize_date

_YAML_FM = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_TOML_FM = re.compile(r"\A(?:\ufeff)?\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)
_SIMPLE_KV = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$", re.M)
_BLOCK_HTML = re.compile(r"<(?:p|div|table|section|article|h[1-6]|ul|ol|blockquote|figure)\b", re.I)

TITLE_KEYS = ("title", "name", "headline")
DATE_KEYS = (
    "date",
    "published",
    "pubdate",
    "pubDate",
    "publish_date",
    "created",
    "created_at",
    "time",
    "updated",
    "lastmod",
)
AUTHOR_KEYS = ("author", "authors", "by", "creator", "byline")
SOURCE_KEYS = (
    "from",
    "source_url",
    "source",
    "original_url",
    "origin_url",
    "url",
    "link",
    "canonical_url",
    "canonical",
    "origin",
    "original",
)
SITE_KEYS = ("site", "site_name", "publisher", "account", "media", "feed", "source_name", "公众号")


def split_front_matter(text: str) -> tuple[dict[str, Any], str, bool]:
    """(metadata, body, had_front_matter). YAML via python-frontmatter, TOML (+++) via tomllib."""
    m = _TOML_FM.match(text)
    if m:
        try:
            data: Any = tomllib.loads(m.group(1))
        except tomllib.TOMLDecodeError:
            data = _lenient(m.group(1))
        return (data if isinstance(data, dict) else {}), text[m.end() :], True
    m = _YAML_FM.match(text)
    if m:
        import frontmatter

        try:
            post = frontmatter.loads(text)
            data = dict(post.metadata)
        except Exception:  # noqa: BLE001 - any YAML error: fall back to key: value lines
            data = _lenient(m.group(1))
        return data, text[m.end() :], True
    return {}, text, False


def _lenient(block: str) -> dict[str, Any]:
    return {k: v.strip("'\"") for k, v in _SIMPLE_KV.findall(block)}


def _first(data: dict[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in data.items()}
    for key in keys:
        value = lowered.get(key.lower())
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(_as_text(v) for v in value if _as_text(v))
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title") or "")
    return str(value).strip()


def front_matter_meta(data: dict[str, Any]) -> dict[str, str]:
    source = _first(data, SOURCE_KEYS)
    source_text = _as_text(source)
    site = _as_text(_first(data, SITE_KEYS))
    if source_text and not re.match(r"[a-z][a-z0-9+.-]*://", source_text, re.I):
        # "source: 某某公众号" names a site, not a URL.
        site = site or source_text
        source_text = ""
    return {
        "title": _as_text(_first(data, TITLE_KEYS)),
        "author": _as_text(_first(data, AUTHOR_KEYS)),
        "date": normalize_date(_first(data, DATE_KEYS)),
        "source_url": source_text,
        "site": site,
    }


def has_html_body(body: str) -> bool:
    return bool(_BLOCK_HTML.search(body))


def render(body: str) -> str:
    """Markdown -> HTML (CommonMark + tables + strikethrough; raw HTML passed through)."""
    md = _md()
    return md.render(body)


_MD: Any = None
_MD_LOCK = threading.Lock()


def _md() -> Any:
    """One markdown-it parser, built on first use (rendering keeps no state between calls)."""
    global _MD
    if _MD is None:
        with _MD_LOCK:
            if _MD is None:
                from markdown_it import MarkdownIt

                _MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return _MD
