"""Walk an lxml HTML tree into text blocks.

Inline elements (``<a>``, ``<strong>``, ``<span>`` …) stay inside their block, so a word split
by a tag boundary (``小红</a>书``) comes out whole; block elements and ``<br>`` end a block.
Only text nodes are read: attribute values (alt, title, data-*) never reach the output.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from reader.load.blocks import clean_block

# Never visible as text (or not article text at all).
SKIP_TAGS = frozenset(
    "script style noscript template svg math iframe frame frameset object embed canvas img "
    "picture video audio source track map area input select option optgroup textarea button "
    "head title meta link base param datalist output progress meter rp rt".split()
)
BLOCK_TAGS = frozenset(
    "p div section article main header footer nav aside h1 h2 h3 h4 h5 h6 ul ol li dl dt dd "
    "blockquote figure figcaption table thead tbody tfoot tr td th caption pre address hr "
    "center form fieldset legend details summary body html menu dialog hgroup".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
LIST_ITEMS = frozenset("li dt dd".split())
_MAX_DEPTH = 400


@dataclass
class RawBlock:
    """A block as walked: its kind, cleaned text, the element that owns it, and link share."""

    kind: str
    text: str
    owner: etree._Element
    in_p: bool
    link_chars: int = 0
    order: int = 0

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


@dataclass
class _State:
    pieces: list[str] = field(default_factory=list)
    link_chars: int = 0


def tag_of(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    if "}" in tag:  # XHTML namespaces
        tag = tag.rsplit("}", 1)[1]
    return tag.lower()


def is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style:
        s = style.replace(" ", "").lower()
        # Not visibility:hidden: saved WeChat pages hide the article that way until a script
        # runs, so it would hide exactly the text the reader came for.
        if "display:none" in s:
            return True
    return False


class Walker:
    """Collects RawBlocks from a subtree; ``skip`` elements (page chrome) are left out whole."""

    def __init__(
        self,
        skip: set[etree._Element] | None = None,
        class_kind: Callable[[etree._Element], str | None] | None = None,
    ) -> None:
        self.skip = skip or set()
        self.blocks: list[RawBlock] = []
        self._state = _State()
        self._owner: list[etree._Element] = []
        self._kind: list[str] = []
        self._in_p = 0
        self._in_a = 0
        self._class_kind = class_kind
        self._after_image = False

    # -- public ---------------------------------------------------------------------------
    def run(self, root: etree._Element) -> list[RawBlock]:
        self._owner.append(root)
        self._kind.append("p")
        self._walk(root, 0)
        self._flush()
        return self.blocks

    # -- internals -------------------------------------------------------------------------
    def _text(self, text: str | None) -> None:
        if text:
            self._state.pieces.append(text)
            if self._in_a:
                self._state.link_chars += len(text.strip())

    def _flush(self) -> None:
        st = self._state
        if st.pieces:
            text = clean_block("".join(st.pieces))
            if text:
                kind = self._kind[-1]
                self.blocks.append(
                    RawBlock(
                        kind,
                        text,
                        self._owner[-1],
                        self._in_p > 0,
                        min(st.link_chars, len(text)),
                        len(self.blocks),
                    )
                )
                self._after_image = False
        self._state = _State()

    def _kind_for(self, tag: str, el: etree._Element) -> str:
        outer = self._kind[-1]
        if tag in HEADINGS or (el.get("role") or "").lower() == "heading":
            return "heading"
        if tag in ("figcaption", "caption"):
            return "caption"
        if tag == "blockquote":
            return "quote"
        if outer in ("quote", "caption", "heading"):
            return outer
        if tag in LIST_ITEMS:
            return "list"
        if self._class_kind is not None:
            by_class = self._class_kind(el)
            if by_class is not None:
                return by_class
        if tag in ("p", "div", "td", "center") and self._after_image:
            return "caption?"
        return outer if outer != "caption?" else "p"

    def _walk(self, el: etree._Element, depth: int) -> None:
        tag = tag_of(el)
        if not tag:
            return
        if tag in SKIP_TAGS:
            if tag in ("img", "picture", "video", "svg"):
                self._after_image = True  # even a chrome-looking <img>: captions follow it
            return
        if el in self.skip:
            return
        if is_hidden(el):
            return
        if tag == "br":
            self._flush()
            return
        if tag == "hr":
            self._flush()
            return
        if tag == "pre":  # preformatted: one block per line, spacing kept
            self._flush()
            self._owner.append(el)
            for line in "".join(el.itertext()).splitlines():
                self._text(line)
                self._flush()
            self._owner.pop()
            return
        if depth > _MAX_DEPTH:  # pathological nesting: keep the text, lose the structure
            self._text("".join(el.itertext()))
            return
        block = tag in BLOCK_TAGS
        if block:
            self._flush()
            if tag == "tr" and self._simple_row(el):
                self._row(el)
                return
            self._owner.append(el)
            self._kind.append(self._kind_for(tag, el))
        if tag == "p":
            self._in_p += 1
        elif tag == "a":
            self._in_a += 1
        self._text(el.text)
        for child in el:
            self._walk(child, depth + 1)
            self._text(child.tail)
        if block:
            self._flush()  # before leaving the <p>: its last block is still "in a <p>"
            self._owner.pop()
            self._kind.pop()
        if tag == "p":
            self._in_p -= 1
        elif tag == "a":
            self._in_a -= 1

    def _simple_row(self, tr: etree._Element) -> bool:
        """A data-table row: several cells holding only inline content."""
        cells = [c for c in tr if tag_of(c) in ("td", "th")]
        if len(cells) < 2:
            return False
        for cell in cells:
            for d in cell.iterdescendants():
                t = tag_of(d)
                if t in BLOCK_TAGS or t == "br":
                    return False
        return True

    def _row(self, tr: etree._Element) -> None:
        """One block per row, cells separated by an ideographic space."""
        texts: list[str] = []
        links = 0
        for cell in tr:
            if tag_of(cell) not in ("td", "th") or cell in self.skip or is_hidden(cell):
                continue
            sub = Walker(self.skip)
            sub._kind = ["p"]
            sub._owner = [cell]
            sub._walk_inline_cell(cell)
            cell_text = " ".join(b.text for b in sub.blocks)
            links += sum(b.link_chars for b in sub.blocks)
            if cell_text:
                texts.append(cell_text)
        if texts:
            text = "\u3000".join(texts)
            kind = self._kind[-1] if self._kind[-1] != "caption?" else "p"
            self.blocks.append(
                RawBlock(kind, text, tr, self._in_p > 0, min(links, len(text)), len(self.blocks))
            )
            self._after_image = False

    def _walk_inline_cell(self, cell: etree._Element) -> None:
        self._text(cell.text)
        for child in cell:
            self._walk(child, 1)
            self._text(child.tail)
        self._flush()
