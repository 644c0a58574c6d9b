"""Screen layout of an article as plain data (no Textual): lines of positioned, styled spans.

Two layouts:

* **columns**: one row per sentence with the visible panes side by side (original ·
  converted · pinyin · English). Each column wraps on its own, in terminal cells (CJK is two
  cells wide), and every column is padded to the row's tallest, so rows stay aligned.
* **interlinear**: for narrow terminals; pinyin over each word, the other script under it,
  the English under the sentence.

Spans carry a *role* (``text``, ``pinyin``, ``name-company``, ``name-auto`` …) that the view
maps to theme styles, and the token index they show, so the cursor, the selection and search
hits are overlays applied at render time and a click maps back to a token.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reader.model import Sentence, Token
from reader.text_layout import cell_width as _cell_width
from reader.translation_method import METHOD_MARKS, TranslationMethod


@lru_cache(maxsize=65536)
def cell_width(text: str) -> int:
    """Terminal cells of ``text`` (cached: the same words recur on every re-layout)."""
    return _cell_width(text)


WEIGHTS = {"original": 2.0, "converted": 2.0, "pinyin": 3.0, "english": 3.0}
GAP = 3  # " │ " between columns
MARGIN = 1
MIN_COLUMN = 8

# Full-width punctuation shown in the pinyin column in its narrow form.
_NARROW = str.maketrans(
    {
        "。": ".",
        "、": ",",
        "「": "“",
        "」": "”",
        "『": "‘",
        "』": "’",
        "《": "«",
        "》": "»",
        "…": "…",
    }
)
_OPENERS = set("“‘([{«")
_CLOSERS = set(".,;:!?)]}»”’…%—")
# Characters that must not begin a line (Chinese/Japanese line-breaking rules).
_NO_LINE_START = frozenset("。，、；：！？）」』】》〉”’…,.;:!?)]}»%")


@dataclass(frozen=True, slots=True)
class Span:
    x: int
    text: str
    role: str
    token: int = -1  # token index in the sentence, -1 when the span is no token
    char: int = -1  # offset into the English text (English spans)
    pane: str = ""

    @property
    def width(self) -> int:
        return cell_width(self.text)


@dataclass(frozen=True, slots=True)
class Line:
    sentence: int  # -1 for lines that belong to no sentence
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Column:
    pane: str
    x: int
    width: int


class Rows(Mapping[int, tuple[int, int]]):
    """sentence → (first line, number of lines, the blank after it not counted), from the
    first line of every sentence's row (and the line count at the end)."""

    def __init__(self, starts: list[int]) -> None:
        self._starts = starts

    def __getitem__(self, index: int) -> tuple[int, int]:
        if not 0 <= index < len(self._starts) - 1:
            raise KeyError(index)
        first = self._starts[index]
        return first, self._starts[index + 1] - first - 1

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self._starts) - 1))

    def __len__(self) -> int:
        return len(self._starts) - 1

    def nearest(self, line: int) -> int:
        """The sentence whose row starts nearest ``line``."""
        index = max(0, min(bisect_right(self._starts, line) - 1, len(self) - 1))
        after = index + 1
        if after < len(self) and self._starts[after] - line < line - self._starts[index]:
            return after
        return index


@dataclass
class Layout:
    width: int
    interlinear: bool
    columns: tuple[Column, ...]
    lines: Sequence[Line]
    rows: Rows  # sentence -> (first line, number of lines)
    # sentences whose rows are only an estimate (blank lines of about the right height),
    # laid out when they come near the viewport (a long article is never wrapped whole)
    estimated: Container[int] = frozenset()

    def token_at(self, x: int, y: int) -> tuple[int, int] | None:
        """(sentence, token) under cell (x, y); token is -1 for a sentence's non-token text."""
        if not 0 <= y < len(self.lines):
            return None
        line = self.lines[y]
        if line.sentence < 0:
            return None
        for span in line.spans:
            if span.x <= x < span.x + span.width and span.role != "sep":
                return line.sentence, span.token
        return line.sentence, -1


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    role: str
    token: int = -1
    char: int = -1
    space: bool = False  # a space before it unless it starts a line


def name_role(token: Token) -> str | None:
    hit = token.glossary
    if hit is None:
        return None
    return "name-auto" if hit.source == "auto" else f"name-{hit.type or 'other'}"


def wrap(pieces: Iterable[Piece], width: int, pane: str = "", x0: int = 0) -> list[list[Span]]:
    """Greedy wrap in terminal cells; a piece wider than a line is broken by characters."""
    width = max(width, 2)
    lines: list[list[Span]] = [[]]
    x = 0
    for p in pieces:
        if not p.text:
            continue
        if x == 0 and p.text.isspace():
            continue
        w = cell_width(p.text)
        lead = 1 if p.space and x > 0 else 0
        if x + lead + w > width and x > 0:
            carried: list[Span] = []
            if p.text[0] in _NO_LINE_START and len(lines[-1]) > 1:
                # Chinese line breaking: closing punctuation never starts a line, so the
                # word before it moves down with it (…制造商 / 。 becomes …制 / 造商。).
                last = lines[-1].pop()
                carried.append(Span(x0, last.text, last.role, last.token, last.char, last.pane))
            lines.append(carried)
            x = cell_width(carried[0].text) if carried else 0
            lead = 1 if carried and p.space else 0
            if p.text.isspace():
                continue
        if w <= width - x - lead:
            lines[-1].append(Span(x0 + x + lead, p.text, p.role, p.token, p.char, pane))
            x += lead + w
            continue
        # Too long for any line: cut it where it overflows.
        x += lead
        chunk, chunk_x, chunk_char = "", x, p.char
        for k, ch in enumerate(p.text):
            cw = cell_width(ch)
            if x + cw > width and x > 0:
                if chunk:
                    lines[-1].append(Span(x0 + chunk_x, chunk, p.role, p.token, chunk_char, pane))
                lines.append([])
                x, chunk, chunk_x = 0, "", 0
                chunk_char = p.char + k if p.char >= 0 else -1
            chunk += ch
            x += cw
        if chunk:
            lines[-1].append(Span(x0 + chunk_x, chunk, p.role, p.token, chunk_char, pane))
    return lines


def chinese_pieces(sentence: Sentence, converted: bool, base: str) -> list[Piece]:
    out = []
    for ti, tok in enumerate(sentence.tokens):
        text = (tok.converted or tok.text) if converted else tok.text
        out.append(Piece(text, name_role(tok) or base, ti))
    return out


def narrow(text: str) -> str:
    return unicodedata.normalize("NFKC", text.translate(_NARROW))


def pinyin_pieces(sentence: Sentence) -> list[Piece]:
    """Pinyin words spaced; Latin, digits and punctuation spaced as in the original."""
    out = []
    prev = ""  # kind of the previous piece: "han", "other", "open", "space"
    for ti, tok in enumerate(sentence.tokens):
        if tok.text.isspace():
            prev = "space" if prev else ""
            continue
        role = name_role(tok)
        if tok.pinyin:
            out.append(Piece(tok.pinyin, role or "pinyin", ti, space=prev not in ("", "open")))
            prev = "han"
            continue
        text = narrow(tok.text)
        if prev == "space":
            space = True
        elif prev in ("", "open", "other"):
            space = False  # glued to what precedes it, as in the original (DeepSeek-R1)
        else:
            space = text[0] not in _CLOSERS
        out.append(Piece(text, role or "punct", ti, space=space))
        prev = "open" if text[-1] in _OPENERS else "other"
    return out


def english_pieces(sentence: Sentence) -> list[Piece]:
    tr = sentence.translation
    if tr is None:
        return [Piece("…", "pending")]
    text = tr.text
    base = "gloss" if tr.method == "gloss" else "english"
    roles = [base] * len(text)
    for tok in sentence.tokens:
        role = name_role(tok)
        hit = tok.glossary
        if role is None or hit is None or not hit.en:
            continue
        start = text.find(hit.en)
        while start >= 0:
            roles[start : start + len(hit.en)] = [role] * len(hit.en)
            start = text.find(hit.en, start + len(hit.en))
    pieces: list[Piece] = []
    i = 0
    space = False
    while i < len(text):
        if text[i].isspace():
            space = True
            i += 1
            continue
        j = i
        while j < len(text) and not text[j].isspace() and roles[j] == roles[i]:
            j += 1
        pieces.append(Piece(text[i:j], roles[i], -1, i, space))
        space = False
        i = j
    mark = METHOD_MARKS[tr.method]
    if mark and tr.method != TranslationMethod.GLOSS:  # a gloss is shown by its colour
        pieces.append(Piece(f"[{mark}]", "pending", -1, -1, True))
    return pieces


def column_widths(panes: Sequence[str], width: int) -> tuple[Column, ...]:
    n = len(panes)
    avail = max(width - MARGIN - GAP * (n - 1) - 1, MIN_COLUMN * n)
    total = sum(WEIGHTS[p] for p in panes)
    widths = [max(MIN_COLUMN, int(avail * WEIGHTS[p] / total)) for p in panes]
    widths[-1] += max(0, avail - sum(widths))
    cols = []
    x = MARGIN
    for pane, w in zip(panes, widths, strict=True):
        cols.append(Column(pane, x, w))
        x += w + GAP
    return tuple(cols)


def _column_lines(sentence: Sentence, pane: str, col: Column, heading: bool) -> list[list[Span]]:
    base = "heading" if heading else "text"
    annotated = bool(sentence.converted) or any(t.readings for t in sentence.tokens)
    if pane == "original":
        pieces = chinese_pieces(sentence, False, base)
    elif not annotated and pane in ("converted", "pinyin"):
        pieces = [Piece("…", "pending")]  # shown until annotation arrives
    elif pane == "converted":
        pieces = chinese_pieces(sentence, True, "heading" if heading else "converted")
    elif pane == "pinyin":
        pieces = pinyin_pieces(sentence)
    else:
        pieces = english_pieces(sentence)
    return wrap(pieces, col.width, pane, col.x)


def separators(cols: Sequence[Column]) -> tuple[Span, ...]:
    return tuple(Span(c.x + c.width + 1, "│", "sep") for c in cols[:-1])


def column_rows(sentence: Sentence, cols: Sequence[Column], heading: bool) -> list[list[Span]]:
    """One sentence's row: every column wrapped and padded to the tallest, plus a blank line."""
    seps = separators(cols)
    per_col = [_column_lines(sentence, c.pane, c, heading) for c in cols]
    height = max(len(c) for c in per_col)
    out: list[list[Span]] = []
    for k in range(height):
        spans: list[Span] = []
        for col_lines in per_col:
            if k < len(col_lines):
                spans.extend(col_lines[k])
        spans.extend(seps)
        spans.sort(key=lambda s: s.x)
        out.append(spans)
    return out


def interlinear_rows(
    sentence: Sentence, panes: Sequence[str], width: int, heading: bool = False
) -> list[list[Span]]:
    """Pinyin over each word, the other script under it, then the English, wrapped."""
    show_py = "pinyin" in panes
    show_orig = "original" in panes
    show_conv = "converted" in panes
    inner = max(width - 2 * MARGIN, 10)
    base = "heading" if heading else "text"
    out: list[list[Span]] = []
    rows: list[list[Span]] = [[], [], []]
    x = 0
    prev_punct = True
    for ti, tok in enumerate(sentence.tokens):
        if tok.text.isspace():
            continue
        name = name_role(tok)
        main = tok.text if show_orig or not show_conv else (tok.converted or tok.text)
        conv = tok.converted or tok.text
        punct = not any(ch.isalnum() for ch in tok.text)
        w = max(cell_width(main), cell_width(tok.pinyin) if show_py else 0)
        if show_orig and show_conv:
            w = max(w, cell_width(conv))
        gap = 0 if punct or prev_punct or x == 0 else 1
        if x + gap + w > inner and x > 0:
            out.extend(r for r in _flush(rows, show_py, show_orig and show_conv))
            rows = [[], [], []]
            x, gap = 0, 0
        at = MARGIN + x + gap
        if show_py and tok.pinyin:
            rows[0].append(Span(at, tok.pinyin, name or "pinyin", ti, pane="pinyin"))
        rows[1].append(
            Span(at, main, name or base, ti, pane="original" if show_orig else "converted")
        )
        if show_orig and show_conv:
            rows[2].append(Span(at, conv, name or "converted", ti, pane="converted"))
        x += gap + w
        prev_punct = punct and tok.text[-1:] in "（(「『“《【"
    out.extend(_flush(rows, show_py, show_orig and show_conv))
    if "english" in panes:
        for line in wrap(english_pieces(sentence), inner - 2, "english", MARGIN + 2):
            out.append(line)
    return out


def _flush(rows: list[list[Span]], show_py: bool, show_conv: bool) -> list[list[Span]]:
    out = []
    if show_py:
        out.append(rows[0])
    out.append(rows[1])
    if show_conv:
        out.append(rows[2])
    return out
