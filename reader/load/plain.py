"""Plain text: one paragraph per non-empty line; a title-like first line is the title."""

from __future__ import annotations

import re
from dataclasses import replace

from reader.load.blocks import build, clean_block
from reader.load.boilerplate import rules
from reader.model import LoadedText, Meta

_SENTENCE_END = re.compile(r"[。！？!?；;：:，,、…．.」』”’）)]$")
TITLE_MAX = 60


def looks_like_title(line: str) -> bool:
    return 0 < len(line) <= TITLE_MAX and not _SENTENCE_END.search(line.rstrip("\"'“”"))


def blocks(text: str) -> tuple[list[tuple[str, str]], str]:
    """(blocks, title). Blank lines and line breaks both separate paragraphs: Chinese news
    text puts one paragraph per line, and never wraps a paragraph over several lines."""
    lines = [clean_block(ln, collapse=False) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    title = ""
    items: list[tuple[str, str]] = []
    caption = rules().caption_line
    for i, line in enumerate(lines):
        if i == 0 and len(lines) > 1 and looks_like_title(line):
            title = line
            items.append(("heading", line))
        elif caption.fullmatch(line):
            items.append(("caption", line))
        else:
            items.append(("p", line))
    return items, title


def load_text(text: str, meta: Meta, where: str) -> LoadedText:
    """A plain-text article (``where`` names it in errors, as the other loaders take it)."""
    items, title = blocks(text)
    return build(items, replace(meta, title=title))
