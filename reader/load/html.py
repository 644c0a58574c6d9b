"""Saved web pages and HTML fragments -> article blocks + metadata.

Extraction (our own walker over lxml, chosen over trafilatura and readability-lxml; numbers in
``reader/load/compare.py`` and bench/extract.py):

1. Parse with lxml; drop scripts, styles, hidden elements (never text).
2. The whole page's visible text is walked once -> ``full_text`` (for ``--full-page``).
3. Page chrome is marked: chrome tags (nav, footer, aside …), class/id words (share, hot,
   related, comment, tags, footer …) and link-dense lists, all from reader/data/boilerplate.tsv;
   an element holding most of the page's paragraph text is never chrome.
4. The article container is the lowest common ancestor of the content-like blocks (long,
   few links); every block inside it is kept, and outside it every ``<p>`` is still kept —
   text in a ``<p>`` of the article is never lost to a wrong container guess.
5. Block-level interface text (font-size widgets, "分享到", editor lines …) is dropped by the
   same data file, and a trailing "related news" heading cuts the rest.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from reader.errors import ReaderError
from reader.load.blocks import is_wide
from reader.load.boilerplate import class_words, filter_blocks, rules
from reader.load.walker import RawBlock, Walker, is_hidden, tag_of

_XML_DECL_STR = re.compile(r"^\s*<\?xml[^>]*\?>")
_SENTENCE_END = re.compile(r"[。！？!?；;…]\s*[”’」』）)]*$")
_URL = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef<>\"'）)】]*"
)
_IMAGE_NAME = re.compile(r"\S+\.(?:jpe?g|png|gif|webp|bmp|svg)(?:\?\S*)?", re.IGNORECASE)
_CONTENT_MIN = 25  # a block this long, with few links, is article-like


def parse(text: str, where: str) -> etree._Element:
    text = _XML_DECL_STR.sub("", text, count=1)
    if not text.strip():
        raise ReaderError(f"{where} is empty; give a file with article text")
    try:
        doc = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReaderError(
            f"cannot parse {where} as HTML ({exc}); save the page again or convert it to text"
        ) from None
    for el in doc.iter(etree.Comment, etree.ProcessingInstruction):
        # Comments' text is never visible; keep their tails (lxml attaches text after them).
        parent = el.getparent()
        if parent is not None:
            _remove_keep_tail(el)
    return doc


def _remove_keep_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def body_of(doc: etree._Element) -> etree._Element:
    body = doc.find("body")
    if body is None:
        for el in doc.iter():
            if tag_of(el) == "body":
                return el
        return doc
    return body


# -- chrome ------------------------------------------------------------------------------
def content_weights(blocks: list[RawBlock]) -> dict[etree._Element, int]:
    """Non-link text characters under each element, from a walk of the whole page."""
    weight: dict[etree._Element, int] = {}
    for b in blocks:
        w = len(b.text) - b.link_chars
        if w <= 0:
            continue
        el: etree._Element | None = b.owner
        while el is not None:
            weight[el] = weight.get(el, 0) + w
            el = el.getparent()
    return weight


def find_chrome(
    body: etree._Element, all_blocks: list[RawBlock] | None = None
) -> set[etree._Element]:
    """Elements that are page chrome. One holding half the page's prose never is: a class
    word like "next" or "header" on a framework root must not take the article with it."""
    r = rules()
    weight = content_weights(all_blocks if all_blocks is not None else walk(body))
    total = weight.get(body, 0)

    chrome: set[etree._Element] = set()
    for el in body.iter():
        tag = tag_of(el)
        if not tag or tag in ("body", "html", "article", "main", "p"):
            continue
        if any(a in chrome for a in el.iterancestors()):
            continue
        marked = tag in r.chrome_tags or (tag == "header" and el.find(".//h1") is None)
        role = (el.get("role") or "").lower()
        if role in ("navigation", "contentinfo", "complementary", "search", "banner", "menu"):
            marked = True
        if not marked:
            words = class_words(f"{el.get('class') or ''} {el.get('id') or ''}")
            marked = any(r.chrome.fullmatch(w) or r.byline.fullmatch(w) for w in words)
        if not marked and tag in ("ul", "ol", "dl", "div", "section", "table", "td", "span"):
            marked = _link_dense(el)
        if marked and not (total and weight.get(el, 0) >= 0.5 * total):
            chrome.add(el)
    return chrome


def _link_dense(el: etree._Element) -> bool:
    links = list(el.iter("a"))
    if len(links) < 3:
        return False
    text = "".join(el.itertext()).strip()
    if not text:
        return False
    link_text = sum(len("".join(a.itertext()).strip()) for a in links)
    if link_text / len(text) < 0.7:
        return False
    # A paragraph of prose with many auto-linked names is not a link list.
    for p in el.iter("p"):
        n = len("".join(p.itertext()).strip())
        pl = sum(len("".join(a.itertext()).strip()) for a in p.iter("a"))
        if n >= _CONTENT_MIN and pl / n < 0.5:
            return False
    return True


def _class_kind(el: etree._Element) -> str | None:
    """ "caption" or "heading" when the element's class/id says so (data file words)."""
    value = f"{el.get('class') or ''} {el.get('id') or ''}"
    if not value.strip():
        return None
    r = rules()
    words = class_words(value)
    if any(r.caption.fullmatch(w) for w in words):
        return "caption"
    if any(r.heading.fullmatch(w) for w in words):
        return "heading"
    return None


# -- blocks ------------------------------------------------------------------------------
def walk(root: etree._Element, skip: set[etree._Element] | None = None) -> list[RawBlock]:
    blocks = Walker(skip, class_kind=_class_kind).run(root)
    for b in blocks:
        if b.kind == "caption?":
            b.kind = "caption" if looks_like_caption(b.text) else "p"
    return blocks


def looks_like_caption(text: str) -> bool:
    if text[:1] in "▲△▼图圖" or text.startswith(("（图", "(图", "（圖", "(圖")):
        return True
    return len(text) <= 80 and not _SENTENCE_END.search(text)


def scrub(text: str) -> str:
    """Remove URLs and image file names that a page shows as text; tidy the gap left."""
    if "." not in text and "/" not in text:
        return text
    out = _URL.sub(" ", text)
    out = _IMAGE_NAME.sub(" ", out)
    if out == text:
        return text
    out = re.sub(r"[ \t]{2,}", " ", out)
    out = re.sub(r"\s+([，。！？、；：,.!?;:）)】」])", r"\1", out)
    out = re.sub(r"([（(【「])\s+", r"\1", out)
    out = re.sub(r"[（(【\[]\s*[)）】\]]", "", out)  # brackets that only held the URL
    out = re.sub(r"[：:]\s*([，。；！？,.;!?])", r"\1", out)  # "见：URL，" -> "见，"
    # A space left between two CJK characters by a removed URL is not text.
    out = "".join(
        ch
        for i, ch in enumerate(out)
        if not (ch == " " and 0 < i < len(out) - 1 and is_wide(out[i - 1]) and is_wide(out[i + 1]))
    )
    return out.strip(" \t\u3000")


def container_of(blocks: list[RawBlock]) -> etree._Element | None:
    """Lowest common ancestor of the article-like blocks."""
    content = [b for b in blocks if len(b.text) >= _CONTENT_MIN and b.link_density < 0.3]
    if not content:
        content = [b for b in blocks if b.link_density < 0.5]
    if not content:
        return None
    path: list[etree._Element] | None = None
    for b in content:
        chain = [b.owner, *b.owner.iterancestors()]
        chain.reverse()
        if path is None:
            path = chain
            continue
        n = 0
        while n < len(path) and n < len(chain) and path[n] is chain[n]:
            n += 1
        path = path[:n]
    return path[-1] if path else None


def select(blocks: list[RawBlock], container: etree._Element | None) -> list[RawBlock]:
    if container is None:
        return [b for b in blocks if b.in_p]
    kept: list[RawBlock] = []
    for b in blocks:
        inside = b.owner is container or any(a is container for a in b.owner.iterancestors())
        if inside or b.in_p:
            kept.append(b)
    return kept


def visible_blocks(doc: etree._Element) -> list[RawBlock]:
    """Every visible text block of the page (no chrome removal)."""
    return walk(body_of(doc))


def extract(doc: etree._Element, all_blocks: list[RawBlock] | None = None) -> list[RawBlock]:
    """The article's blocks; ``all_blocks`` (from visible_blocks) saves a second walk."""
    body = body_of(doc)
    chrome = find_chrome(body, all_blocks)
    blocks = walk(body, chrome)
    return select(blocks, container_of(blocks))


def finish(blocks: list[RawBlock]) -> list[tuple[str, str]]:
    """Scrub URLs, then drop interface text by the boilerplate rules."""
    items = [(b.kind, scrub(b.text)) for b in blocks]
    return filter_blocks([(k, t) for k, t in items if _has_words(t)])


def _has_words(text: str) -> bool:
    """Whether anything but punctuation and symbols is left (a lone "：" after a URL is not)."""
    return any(ch.isalnum() for ch in text)


def hidden(el: etree._Element) -> bool:
    return is_hidden(el)
