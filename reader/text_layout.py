"""Terminal layout helpers shared by the CLI and the TUI (no Textual imports).

CJK characters take two terminal cells; widths come from wcwidth-like east-asian rules.
"""

from __future__ import annotations

import unicodedata

from reader.model import Sentence


def cell_width(text: str) -> int:
    """Terminal cells: 2 for wide (CJK, emoji), 0 for joiners and combining marks, else 1."""
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0  # U+200D in 👨‍👩‍👧, combining accents, variation selectors
    return 1


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_width(text))


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
