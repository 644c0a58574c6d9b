"""Per-format loading: Markdown (incl. Jekyll posts with HTML bodies), HTML pages; plain
text is :func:`reader.load.plain.load_text` (re-exported here), which needs none of the
HTML and Markdown machinery this module imports."""

from __future__ import annotations

from dataclasses import replace

from reader.load import html as page
from reader.load import markdown as md
from reader.load.blocks import build, same_title, with_title
from reader.load.boilerplate import filter_blocks
from reader.load.htmlmeta import (
    author_from_lead,
    is_org_name,
    page_meta,
    reporter_from_bylines,
)
from reader.load.plain import load_text
from reader.model import LoadedText, Meta

__all__ = ["load_html", "load_markdown", "load_text"]


def _chars(items: list[tuple[str, str]]) -> int:
    return sum(len(t) for _k, t in items)


def _joined(items: list[tuple[str, str]]) -> str:
    return "\n".join(t for _k, t in items if t)


def _near_title(items: list[tuple[str, str]], title: str) -> list[tuple[str, str]]:
    """The blocks just after the title on the page (where bylines sit), else the first ones."""
    for i, (_k, text) in enumerate(items):
        if title and same_title(text, title):
            return items[i + 1 : i + 16]
    return items[:30]


def load_markdown(text: str, meta: Meta, where: str, full_page: bool) -> LoadedText:
    data, body, had_fm = md.split_front_matter(text)
    fm = md.front_matter_meta(data) if had_fm else {}
    fmt = "jekyll-html" if had_fm and md.has_html_body(body) else "markdown"
    doc = page.parse(md.render(body) or "<p></p>", where)
    root = page.body_of(doc)
    visible = page.walk(root)
    raw = page.walk(root, page.find_chrome(root, visible))
    everything = [(b.kind, b.text) for b in visible]
    kept = page.finish(raw)
    title = fm.get("title", "")
    if not title and kept and kept[0][0] == "heading":
        title = kept[0][1]
    new_meta = replace(
        meta,
        format=fmt,
        title=title,
        author=fm.get("author", ""),
        date=fm.get("date", ""),
        source_url=fm.get("source_url", ""),
        site=fm.get("site", ""),
    )
    full_text = _joined(everything)
    if full_page:
        return build(everything, new_meta, 0, full_text)
    dropped = _chars(everything) - _chars(kept)
    return build(with_title(kept, title), new_meta, dropped, full_text)


def load_html(text: str, meta: Meta, where: str, full_page: bool) -> LoadedText:
    doc = page.parse(text, where)
    info = page_meta(doc)
    visible = page.visible_blocks(doc)
    everything = [(b.kind, b.text) for b in visible]
    kept = page.finish(page.extract(doc, visible))
    if not kept and everything:
        kept = filter_blocks(everything) or everything  # nothing article-like: show the page
    title = info["title"]
    if not title and kept and kept[0][0] == "heading":
        title = kept[0][1]
    if not info["author"] or is_org_name(info["author"]):
        # The meta author is often the site ("中央通訊社"); the byline names the reporter.
        lead = author_from_lead([t for k, t in kept if k == "p"])
        lead = lead or reporter_from_bylines([t for _k, t in _near_title(everything, title)])
        info["author"] = lead  # an organisation is the site (meta.site), not the author
    new_meta = replace(meta, format="html", **info)
    new_meta = replace(new_meta, title=title)
    full_text = _joined(everything)
    if full_page:
        return build(everything, new_meta, 0, full_text)
    dropped = _chars(everything) - _chars(kept)
    return build(with_title(kept, title), new_meta, dropped, full_text)
