"""Terminal layout helpers shared by the CLI and the TUI (no Textual imports).

CJK characters take two terminal cells; widths come from wcwidth-like east-asian rules.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from reader.model import Sentence


def cell_width(text: str) -> int:
    """Terminal cells: 2 for wide (CJK, emoji), 0 for joiners and combining marks, else 1."""
    if text.isascii():
        return len(text)  # every ASCII character is one cell (controls too, as below)
    return sum(map(_char_width, text))


@lru_cache(maxsize=8192)  # a pure function of one character; layouts ask ~50k times
def _char_width(ch: str) -> int:
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0  # U+200D in 👨‍👩‍👧, combining accents, variation selectors
    return 1


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_width(text))


def truncate(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, ending in … when cut."""
    if cell_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…" if width > 0 else ""


def title_line(columns: list[tuple[int, tuple[str, ...]]], width: int) -> str:
    """One line of column titles: each column ``(x, candidates from long to short)`` gets the
    longest candidate that fits before the next column (one cell apart) or the line's end,
    else the shortest cut with …; titles never run into each other."""
    line = ""
    for i, (x, candidates) in enumerate(columns):
        end = columns[i + 1][0] - 1 if i + 1 < len(columns) else width
        room = end - max(x, cell_width(line))
        if room <= 0:
            continue
        title = next((c for c in candidates if cell_width(c) <= room), None)
        line = pad(line, x) + (title if title is not None else truncate(candidates[-1], room))
    return line


def interlinear_lines(sentence: Sentence, width: int = 100) -> list[str]:
    """Pinyin above each word, words aligned in columns, wrapped at ``width`` cells."""
    lines: list[str] = []
    top: list[str] = []
    bottom: list[str] = []
    used = 0
    for tok in sentence.tokens:
        word = tok.text
        reading = tok.pinyin
        column = max(cell_width(word), cell_width(reading)) + 1
        if used + column > width and top:
            lines.extend(["".join(top).rstrip(), "".join(bottom).rstrip()])
            top, bottom, used = [], [], 0
        top.append(pad(reading, column))
        bottom.append(pad(word, column))
        used += column
    if top:
        lines.extend(["".join(top).rstrip(), "".join(bottom).rstrip()])
    return lines
