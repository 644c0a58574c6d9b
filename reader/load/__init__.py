"""Load an article file (text, Markdown, Jekyll/Hexo post, saved HTML page) into clean text.

``load_path(path)`` / ``load_bytes(data)`` return a :class:`reader.model.LoadedText`: the
article's blocks (heading, p, caption, list, quote) joined by "\\n", their spans, metadata,
how many characters of page text extraction left out, and the whole page's text.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from reader.errors import ReaderError
from reader.model import LoadedText, Meta

__all__ = ["load_path", "load_bytes", "detect_format"]

HTML_EXT = frozenset({".html", ".htm", ".xhtml", ".shtml", ".xht", ".asp", ".aspx", ".php", ".jsp"})
MD_EXT = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx", ".rmd"})
TEXT_EXT = frozenset({".txt", ".text"})
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|\?xml|head|body|meta|article|main|section|div|p)\b",
    re.I | re.S,
)
_HTML_ANY = re.compile(r"<(?:p|div|br|span|a|h[1-6]|article|section|table|li)\b[^>]*>", re.I)
# Signs of Markdown in text without a telling extension (stdin). List markers are left out on
# purpose: plain news text numbers its sections ("01. 餘杭…") and must not lose the numbers.
_MD_HINT = re.compile(r"^(?:#{1,6}\s|>\s|```|!\[|\[[^\]]+\]\([^)]+\)|.+\n(?:=+|-+)\s*$)", re.M)
# Blank lines (or a BOM) before the front matter are common in exported posts.
_FRONT = re.compile(r"\A(?:\ufeff)?(?:[ \t]*\r?\n)*(?:---|\+\+\+)[ \t]*\r?\n")


def load_path(path: str, encoding: str | None = None, full_page: bool = False) -> LoadedText:
    """Load an article from a file ("-" reads stdin)."""
    if path == "-":
        data = sys.stdin.buffer.read()
        return load_bytes(data, name="-", encoding=encoding, full_page=full_page)
    p = Path(path).expanduser()
    if not p.exists():
        raise ReaderError(f"{path}: no such file; check the path")
    if p.is_dir():
        raise ReaderError(f"{path} is a directory; give an article file (.txt, .md, .html)")
    try:
        data = p.read_bytes()
    except PermissionError:
        raise ReaderError(f"cannot read {path}: permission denied; check its permissions") from None
    except OSError as exc:
        raise ReaderError(f"cannot read {path}: {exc.strerror or exc}; check the file") from None
    return load_bytes(data, name=os.fspath(path), encoding=encoding, full_page=full_page)


def load_bytes(
    data: bytes, name: str = "<bytes>", encoding: str | None = None, full_page: bool = False
) -> LoadedText:
    """Load an article from bytes; ``name`` (a path or "-") picks the format by extension."""
    from reader.load import decode

    where = "standard input" if name == "-" else name
    if not data.strip():
        raise ReaderError(f"{where} is empty; give a file with article text")
    decode.sniff_binary(data, where)
    ext = Path(name).suffix.lower() if name not in ("-", "<bytes>") else ""
    declared = None
    if ext in HTML_EXT or _looks_html_bytes(data):
        declared = decode.declared_charset(data)
    text, enc = decode.decode(data, where, forced=encoding, declared=declared)
    text = text.lstrip("\ufeff")
    fmt = detect_format(name, text)
    meta = Meta(path=name, encoding=enc, format=fmt)
    if fmt == "html":
        from reader.load.pages import load_html

        result = load_html(text, meta, where, full_page)
    elif fmt == "markdown":
        from reader.load.pages import load_markdown

        result = load_markdown(text, meta, where, full_page)
    else:
        from reader.load.plain import load_text  # (no HTML or Markdown machinery)

        result = load_text(text, meta, where)
    if not result.text.strip():
        raise ReaderError(
            f"{where} has no readable text (only markup or whitespace); give an article file"
        )
    return result


def _looks_html_bytes(data: bytes) -> bool:
    head = data[:2048].decode("latin-1").lower()
    return "<html" in head or "<!doctype html" in head or "<meta" in head or "<?xml" in head


def detect_format(name: str, text: str) -> str:
    """ "html", "markdown" or "text" from the extension, then from the content."""
    ext = Path(name).suffix.lower() if name not in ("-", "<bytes>") else ""
    if _HTML_START.match(text) and not _FRONT.match(text):
        return "html"  # a page saved as .txt is still a page
    if ext in HTML_EXT:
        return "html"
    if ext in TEXT_EXT:
        return "text"  # a .txt that opens with "---" is a divider, not front matter
    if ext in MD_EXT or _FRONT.match(text):
        return "markdown"
    head = text[:5000]
    if len(_HTML_ANY.findall(head)) >= 3:
        return "html"
    if len(_MD_HINT.findall(head)) >= 2:
        return "markdown"
    return "text"
