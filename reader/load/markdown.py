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

from reader.han import HAN_CLASS
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


_LEADING_BLANK = re.compile(r"\A\ufeff?(?:[ \t]*\r?\n)+(?=(?:---|\+\+\+)[ \t]*\r?\n)")


def split_front_matter(text: str) -> tuple[dict[str, Any], str, bool]:
    """(metadata, body, had_front_matter). YAML via python-frontmatter, TOML (+++) via tomllib.

    Blank lines before the opening fence are skipped: Hexo and Jekyll accept them, and without
    this the keys would show as article text and the title would be lost."""
    text = _LEADING_BLANK.sub("", text, count=1)
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


# CommonMark's flanking rules leave "**" literal when it sits between a CJK letter and CJK
# punctuation ("是**「激光雷达第一股」**，"): the rules were written for languages with spaces.
# Such runs are turned into <strong> before parsing; the bold text stays on one line.
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef“”‘’…—·"
# Han (reader/han.py), plus the CJK radicals, strokes, kana and symbols beside them
_CJK = HAN_CLASS + "\u2e80-\u33ff" + _CJK_PUNCT
_CJK_BOLD = re.compile(
    rf"\*\*(?=[^\s*])([^*\n]*?[^\s*])\*\*(?=[{_CJK}]|$)|(?<=[{_CJK}])\*\*(?=[^\s*])([^*\n]*?[^\s*])\*\*",
    re.M,
)
_BOLD_SPLIT = re.compile(r"\*\*\*\*")  # "**如****果…**": two bold runs glued together
_LONE_STARS = re.compile(r"^[ \t]*\*\*[ \t]*$", re.M)  # a paragraph that is only "**"


# Code is left alone: fenced blocks, indented-by-fence blocks and inline code spans.
_CODE = re.compile(r"(^(`{3,}|~{3,})[^\n]*\n.*?^\2[ \t]*$|`[^`\n]+`)", re.M | re.S)


def _cjk_bold(body: str) -> str:
    if "**" not in body:
        return body
    parts = _CODE.split(body)
    # re.split with two groups yields [text, code, fence, text, code, fence, ...].
    out = []
    for i in range(0, len(parts), 3):
        out.append(_cjk_bold_text(parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def _cjk_bold_text(body: str) -> str:
    if "**" not in body:
        return body
    body = _LONE_STARS.sub("", body)
    body = _BOLD_SPLIT.sub("", body)

    def strong(m: re.Match[str]) -> str:
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        if not any(_is_cjk_char(ch) for ch in inner + m.string[m.end() : m.end() + 1]):
            return m.group(0)
        return f"<strong>{inner}</strong>"

    return _CJK_BOLD.sub(strong, body)


def _is_cjk_char(ch: str) -> bool:
    return bool(ch) and bool(re.match(f"[{_CJK}]", ch))


def render(body: str) -> str:
    """Markdown -> HTML (CommonMark + tables + strikethrough; raw HTML passed through)."""
    md = _md()
    return md.render(_cjk_bold(body))


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
