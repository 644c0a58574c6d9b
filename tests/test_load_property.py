"""Property: random HTML built from real tags and Chinese text never crashes the loader and
never loses a character of text that sits in a <p>; attribute values never leak."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.load import load_bytes
from reader.load.boilerplate import rules

WORDS = [
    "杭州",
    "创业",
    "公司",
    "发展",
    "技术",
    "人工智能",
    "我们",
    "城市",
    "今年",
    "增长",
    "研究",
    "市场",
    "工程师",
    "机器人",
    "融资",
    "西湖",
    "模型",
    "数据",
    "用户",
    "产品",
    "臺灣",
    "半導體",
    "產業",
    "晶片",
    "銀行",
    "行走",
    "DeepSeek",
    "R1",
    "3.9",
    "AI",
    "，",
    "。",
    "、",
    "：",
    "“",
    "”",
    "（",
    "）",
    "！",
    "？",
    "……",
    " ",
    "\u3000",
    "\n",
    "&",
    "<",
    ">",
    "1",
    "%",
]
INLINE = ["span", "a", "strong", "em", "b", "i", "u", "small", "code", "abbr", "mark", "sub", "sup"]
CONTAINERS = ["div", "section", "article", "main", "blockquote", "center"]
TAG_NAMES = "|".join([*INLINE, *CONTAINERS, "p", "ul", "li", r"h\d", "br", "html", "body", "title"])
TAG = re.compile(rf"</?(?:{TAG_NAMES})\b")
ATTR_MARK = "ZQXATTR"  # never in WORDS: if it shows up in the text an attribute leaked

text_st = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map("".join)


def _attrs(draw: st.DrawFn) -> str:
    choice = draw(st.sampled_from(["", "title", "data-name", "alt", "class"]))
    if not choice:
        return ""
    if choice == "class":
        return ' class="content-text"'
    return f' {choice}="{ATTR_MARK}{draw(st.sampled_from(WORDS[:10]))}"'


@st.composite
def inline_st(draw: st.DrawFn, depth: int = 0) -> tuple[str, str]:
    """(html, visible text) of inline content."""
    parts: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["text", "text", "tag", "br"] if depth < 3 else ["text"]))
        if kind == "text":
            t = draw(text_st)
            parts.append((html.escape(t, quote=False), t))
        elif kind == "br":
            parts.append(("<br>", "\n"))
        else:
            tag = draw(st.sampled_from(INLINE))
            inner_html, inner_text = draw(inline_st(depth + 1))
            parts.append((f"<{tag}{_attrs(draw)}>{inner_html}</{tag}>", inner_text))
    return "".join(h for h, _ in parts), "".join(t for _, t in parts)


@st.composite
def block_st(draw: st.DrawFn, depth: int = 0) -> tuple[str, list[str]]:
    """(html, texts of the <p>s inside)."""
    kinds = ["p", "p", "container", "list", "heading", "text", "table", "figure"]
    kind = draw(st.sampled_from(kinds if depth < 4 else ["p"]))
    if kind == "p":
        h, t = draw(inline_st())
        return f"<p{_attrs(draw)}>{h}</p>", [t]
    if kind == "heading":
        h, _t = draw(inline_st())
        level = draw(st.integers(2, 4))
        return f"<h{level}>{h}</h{level}>", []
    if kind == "text":
        h, _t = draw(inline_st())
        return h, []
    if kind == "list":
        items = draw(st.lists(inline_st(), min_size=1, max_size=3))
        return "<ul>" + "".join(f"<li>{h}</li>" for h, _ in items) + "</ul>", []
    if kind == "table":
        cells = draw(st.lists(block_st(depth + 1), min_size=1, max_size=3))
        row = "".join(f"<td>{h}</td>" for h, _ in cells)
        return f"<table><tr>{row}</tr></table>", [t for _, ts in cells for t in ts]
    if kind == "figure":
        h, _t = draw(inline_st())
        return (
            f'<figure><img src="x.jpg" alt="{ATTR_MARK}"><figcaption>{h}</figcaption></figure>',
            [],
        )
    tag = draw(st.sampled_from(CONTAINERS))
    children = draw(st.lists(block_st(depth + 1), min_size=1, max_size=4))
    inner = "".join(h for h, _ in children)
    texts = [t for _, ts in children for t in ts]
    return f"<{tag}{_attrs(draw)}>{inner}</{tag}>", texts


@st.composite
def page_st(draw: st.DrawFn) -> tuple[str, list[str]]:
    blocks = draw(st.lists(block_st(), min_size=1, max_size=6))
    body = "".join(h for h, _ in blocks)
    texts = [t for _, ts in blocks for t in ts]
    if draw(st.booleans()):
        title = draw(text_st)
        body = f"<html><head><title>{html.escape(title)}</title></head><body>{body}</body></html>"
    return body, texts


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_st())
def test_random_html_never_loses_paragraph_text(page: tuple[str, list[str]]) -> None:
    source, p_texts = page
    try:
        loaded = load_bytes(source.encode("utf-8"), name="random.html")
    except Exception as exc:  # noqa: BLE001
        from reader.errors import ReaderError

        # Only a page with no visible text at all may be refused, and only with a ReaderError.
        assert isinstance(exc, ReaderError), exc
        assert not _squash("".join(p_texts))
        return
    body = _squash(loaded.text)
    header_line = rules().header_block  # documented: dropped only among the first blocks
    for n, t in enumerate(p_texts):
        if n < 12 and header_line.fullmatch(t.strip()):
            continue
        assert _squash(t) in body, (t, loaded.text)
    assert ATTR_MARK not in loaded.text
    assert not TAG.search(loaded.text), loaded.text
    # Offsets tile the text.
    assert loaded.text == "\n".join(loaded.text[b.start : b.end] for b in loaded.blocks)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    from reader.errors import ReaderError

    try:
        load_bytes(data, name="random.bin")
    except ReaderError:
        pass
