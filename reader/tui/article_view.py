"""The article: one Line-API scroll view rendering every pane, so scrolling is synced for free.

The layout (reader.tui.layout) is plain data; this widget turns a line of it into a Strip,
adding the cursor, selection and search hits as overlays. Strips are cached per line and
overlay state (like Textual's ``Log``), so moving the cursor re-renders only its rows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.glossary.format import TYPES
from reader.tui.layout import Layout, Line, Span
from reader.tui.layout_builder import LayoutBuilder
from reader.vocab.words import Status

if TYPE_CHECKING:
    from reader.session import Session
    from reader.vocab.reading import ArticleVocab

NAME_TYPES = (*TYPES, "auto")  # one highlight style per glossary type, plus auto names
ROLES = (
    "text",
    "heading",
    "converted",
    "pinyin",
    "punct",
    "english",
    "gloss",
    "pending",
    "sep",
) + tuple(f"name-{t}" for t in NAME_TYPES)
# The one place for vocabulary colours: the overlay drawn under a word with each status
# (known and ignored words read plainly). Styles are in DEFAULT_CSS as .article--vocab-*.
VOCAB_OVERLAYS: dict[Status, str | None] = {
    Status.NEW: "vocab-new",
    Status.LEARNING: "vocab-learning",
    Status.KNOWN: None,
    Status.IGNORED: None,
}
VOCAB_PANES = frozenset({"original", "converted"})
OVERLAYS = ("cursor", "selection", "hit", "row", "vocab-new", "vocab-learning")


# Articles with more sentences than this are laid out lazily: LAZY_MARGIN sentences either
# side of the viewport and the cursor for real, the rest by estimated height.
LAZY_LAYOUT_FROM = 2000
LAZY_MARGIN = 150


def _near(centre: int, count: int) -> range:
    return range(max(0, centre - LAZY_MARGIN), min(count, centre + LAZY_MARGIN))


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Sentence-aligned panes (or interlinear lines) of the session's article.

    No bindings of its own: ScrollView's (down, up, end, page down …) would scroll the view
    past the cursor and shadow the reader's keys, which all come from reader.tui.actions.
    """

    COMPONENT_CLASSES = {f"article--{r}" for r in ROLES + OVERLAYS}

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        color: $foreground;
        scrollbar-gutter: stable;
        overflow-x: hidden;
        & > .article--heading { text-style: bold; color: $text-primary; }
        & > .article--converted { color: $foreground 85%; }
        & > .article--pinyin { color: $text-secondary; }
        & > .article--punct { color: $text-muted; }
        & > .article--english { color: $foreground; }
        & > .article--gloss { color: $text-muted; text-style: italic; }
        & > .article--pending { color: $text-muted; }
        & > .article--sep { color: $panel-lighten-2; }
        & > .article--name-company { color: $text-accent; text-style: bold; }
        & > .article--name-brand { color: $text-accent; text-style: bold; }
        & > .article--name-product { color: $text-accent; }
        & > .article--name-org { color: $text-primary; text-style: bold; }
        & > .article--name-agency { color: $text-primary; text-style: bold; }
        & > .article--name-media { color: $text-primary; }
        & > .article--name-university { color: $text-success; text-style: bold; }
        & > .article--name-lab { color: $text-success; }
        & > .article--name-investor { color: $text-warning; text-style: bold; }
        & > .article--name-person { color: $text-secondary; text-style: bold; }
        & > .article--name-place { color: $text-success; }
        & > .article--name-other { color: $text-primary; }
        & > .article--name-auto { color: $text-error; text-style: italic underline; }
        & > .article--cursor { background: $accent; color: $text; text-style: bold; }
        & > .article--selection { background: $accent 45%; }
        & > .article--hit { background: $warning 45%; }
        & > .article--row { background: $accent 10%; }
        & > .article--vocab-new { background: $primary 35%; }
        & > .article--vocab-learning { background: $warning 30%; }
    }
    """

    @dataclass
    class TokenClicked(Message):
        sentence: int
        token: int  # -1: the sentence but no particular token
        extend: bool

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.builder = LayoutBuilder()
        self.layout_data: Layout | None = None
        self.threshold = 120
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(2048)
        self._styles: dict[str, Style] = {}
        self.first_paint: float | None = None
        self._laying_out = False
        self.vocab: ArticleVocab | None = None  # the article's word statuses (reader.vocab)

    # -- layout ---------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self.session = session
        self.builder = LayoutBuilder()
        self.relayout()
        self.scroll_to_cursor(center=True)

    def interlinear(self) -> bool:
        return self.session.is_interlinear(self.app.size.width, self.threshold)

    def relayout(self) -> None:
        """Recompute lines (rows of changed sentences only) and refresh.

        Rows above the viewport can change height (a translation arrives); the sentence at
        the top of the viewport stays where it is, so the text under the reader's eyes
        does not jump.
        """
        anchor = self._top_anchor()
        width = self.scrollable_content_region.width or self.app.size.width
        paragraphs = ((p.kind, p.sentences) for p in self.session.article.paragraphs)
        self.layout_data = self.builder.build(
            paragraphs,
            self.session.visible_panes(),
            max(width, 20),
            self.interlinear(),
            self._focus(anchor),
        )
        self._strips.clear()
        self.virtual_size = Size(width, len(self.layout_data.lines))
        if anchor is not None and anchor[0] in self.layout_data.rows:
            first, height = self.layout_data.rows[anchor[0]]
            y = first + min(anchor[1], max(height - 1, 0))
            if y != round(self.scroll_y):
                self.scroll_to(y=y, animate=False, immediate=True, force=True)
        self.refresh()

    def _layout_around(self, sentence: int) -> None:
        self._laying_out = False
        layout = self.layout_data
        if layout is not None and sentence in layout.estimated:
            self.relayout()

    def _focus(self, anchor: tuple[int, int] | None) -> set[int] | None:
        """Sentences to lay out for real: all of a short article; around the viewport and
        the cursor in a long one (the rest get estimated heights until scrolled to)."""
        count = len(self.session.sentences)
        if count <= LAZY_LAYOUT_FROM:
            return None
        cursor = self.session.cursor.sentence
        top = anchor[0] if anchor is not None else cursor
        return set(_near(top, count)) | set(_near(cursor, count))

    def _top_anchor(self) -> tuple[int, int] | None:
        """(sentence, line within its row) at the top of the viewport, if scrolled."""
        layout = self.layout_data
        top = round(self.scroll_y)
        if layout is None or top <= 0:
            return None
        for y in range(top, min(top + 3, len(layout.lines))):
            sentence = layout.lines[y].sentence
            if sentence >= 0:
                return sentence, y - layout.rows[sentence][0]
        return None

    def on_resize(self, event: events.Resize) -> None:
        self.relayout()
        self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # -- cursor ---------------------------------------------------------------------------
    def cursor_changed(self) -> None:
        """The cursor, selection or hits moved: re-render (cached strips key on them)."""
        self.refresh()
        self.scroll_to_cursor()

    def scroll_to_cursor(self, center: bool = False) -> None:
        layout = self.layout_data
        if layout is None or not self.session.sentences:
            return
        first, height = layout.rows.get(self.session.cursor.sentence, (0, 1))
        region = Region(0, first, 1, max(1, height))
        self.scroll_to_region(
            region, animate=False, immediate=True, center=center, force=True, spacing=None
        )

    def on_click(self, event: events.Click) -> None:
        if self.layout_data is None:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        x = offset.x + round(self.scroll_x)
        y = offset.y + round(self.scroll_y)
        found = self.layout_data.token_at(x, y)
        if found is not None:
            self.post_message(self.TokenClicked(found[0], found[1], event.shift))

    # -- rendering ------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        """A role's full style (alpha colours blended against the view's background)."""
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(f"article--{name}")
            self._styles[name] = style
        return style

    def _background(self, name: str) -> Style:
        """Only the background of an overlay, so the role's colours show through."""
        key = f"bg:{name}"
        style = self._styles.get(key)
        if style is None:
            full = self.get_component_rich_style(f"article--{name}")
            style = Style(bgcolor=full.bgcolor)
            self._styles[key] = style
        return style

    def _overlay_key(self, sentence: int) -> tuple[object, ...]:
        s = self.session
        if sentence < 0:
            return ()
        cursor = s.cursor.token if s.cursor.sentence == sentence else None
        sel = s.selection()
        selection = (sel[1], sel[2]) if sel[0] == sentence and s.anchor is not None else None
        hits = (
            tuple((h.first, h.last, h.english) for h in s.hits_in(sentence))
            if s.search_state.hits
            else ()
        )
        vocab = self.vocab.version if self.vocab is not None and self.vocab.active else 0
        return (cursor, selection, hits, vocab)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        layout = self.layout_data
        index = scroll_y + y
        if layout is None or index >= len(layout.lines):
            return Strip.blank(width, self.rich_style)
        line = layout.lines[index]
        if line.sentence in layout.estimated and not self._laying_out:
            # an estimated row scrolled into view: lay out around it, then paint again
            self._laying_out = True
            self.call_after_refresh(self._layout_around, line.sentence)
        if self.first_paint is None:
            self.first_paint = time.perf_counter()  # startup measurement (bench/startup.py)
        key = (index, self._overlay_key(line.sentence))
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_strip(line, layout.width)
            self._strips[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _render_strip(self, line: Line, width: int) -> Strip:
        s = self.session
        base = self.rich_style
        in_row = line.sentence >= 0 and line.sentence == s.cursor.sentence
        row_bg = self._background("row") if in_row else Style()
        base = base + row_bg
        _, sel_a, sel_b = s.selection()
        hits = s.hits_in(line.sentence) if line.sentence >= 0 and s.search_state.hits else []
        hit_tokens = {t for h in hits if h.english is None for t in range(h.first, h.last + 1)}
        english_hits = [h.english for h in hits if h.english is not None]
        segments: list[Segment] = []
        x = 0
        vocab = self.vocab if self.vocab is not None and self.vocab.active else None
        for span in line.spans:
            if span.x > x:
                segments.append(Segment(" " * (span.x - x), base))
            style = self._style(span.role) + row_bg
            if vocab is not None and span.token >= 0 and span.pane in VOCAB_PANES:
                status = vocab.status_at(line.sentence, span.token)
                overlay = VOCAB_OVERLAYS[status] if status is not None else None
                if overlay is not None:
                    style = style + self._background(overlay)
            if span.token >= 0 and line.sentence >= 0:
                if in_row and span.token == s.cursor.token:
                    style = style + self._style("cursor")
                elif in_row and s.anchor is not None and sel_a <= span.token <= sel_b:
                    style = style + self._background("selection")
                elif span.token in hit_tokens:
                    style = style + self._background("hit")
            if english_hits and span.char >= 0:
                segments.extend(self._english_segments(span, style, english_hits))
            else:
                segments.append(Segment(span.text, style))
            x = span.x + span.width
        if x < width:
            segments.append(Segment(" " * (width - x), base))
        return Strip(segments, max(width, x))

    def _english_segments(
        self, span: Span, style: Style, hits: list[tuple[int, int]]
    ) -> list[Segment]:
        marks = [False] * len(span.text)
        for a, b in hits:
            for k in range(max(a - span.char, 0), min(b - span.char, len(span.text))):
                marks[k] = True
        out: list[Segment] = []
        hit_style = style + self._background("hit")
        k = 0
        while k < len(marks):
            j = k
            while j < len(marks) and marks[j] == marks[k]:
                j += 1
            out.append(Segment(span.text[k:j], hit_style if marks[k] else style))
            k = j
        return out

    def column_titles(self) -> list[tuple[int, str]]:
        """(x, title) of each column for the header line above the view."""
        layout = self.layout_data
        if layout is None:
            return []
        if layout.interlinear:
            return [(1, "interlinear · pinyin over words · English under sentences")]
        return [(c.x, c.pane) for c in layout.columns]
