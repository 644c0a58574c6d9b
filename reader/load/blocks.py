"""Assemble loader output: normalised block texts -> one text with exact block spans."""

from __future__ import annotations

import re

from reader.han import is_han
from reader.model import Block, LoadedText, Meta

# Characters that render as nothing; removed everywhere, except a zero-width joiner inside an
# emoji sequence (👨‍👩‍👧 is one picture; without its joiners it becomes three).
_INVISIBLE = re.compile(
    "[\u200b\u200c\u2060\ufeff\u00ad]"
    "|(?<![\u2600-\u27bf\ufe0f\U0001f000-\U0001faff])\u200d"
    "|\u200d(?![\u2600-\u27bf\U0001f000-\U0001faff])"
)
# Collapsible whitespace (HTML rules); the ideographic space U+3000 is *not* collapsed inside
# a block because Chinese text uses it deliberately, but it is stripped at block edges.
_WS_RUN = re.compile(r"[ \t\r\n\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f]+")
_EDGE = " \t\r\n\f\v\u00a0\u3000\u1680\u2000-\u200a\u202f\u205f"


def is_wide(ch: str) -> bool:
    """East Asian wide characters: between two of them a source line break is not a space."""
    o = ord(ch)
    return (
        is_han(ch)
        or 0x2E80 <= o <= 0x33FF  # radicals, CJK symbols and punctuation, kana, bopomofo, ...
        or 0xAC00 <= o <= 0xD7AF  # Hangul syllables
        or 0xFE30 <= o <= 0xFE4F  # CJK compatibility forms (vertical punctuation)
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
    )


def _is_cjk_punct(ch: str) -> bool:
    """Full-width punctuation: no space is ever wanted next to it ("很多，\nOpenAI")."""
    return "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uff65" or ch in "“”‘’…—"


def clean_block(raw: str, collapse: bool = True) -> str:
    """Strip a block's edges (incl. U+3000) and, for HTML-ish sources, collapse whitespace.

    A whitespace run containing a line break between two wide (CJK) characters is removed:
    browsers do the same (CSS segment-break rules), and Chinese has no spaces between words.
    """
    text = _INVISIBLE.sub("", raw)
    if collapse:

        def repl(m: re.Match[str]) -> str:
            run = m.group(0)
            s, e = m.start(), m.end()
            if ("\n" in run or "\r" in run) and 0 < s and e < len(text):
                before, after = text[s - 1], text[e]
                if (
                    (is_wide(before) and is_wide(after))
                    or _is_cjk_punct(before)
                    or _is_cjk_punct(after)
                ):
                    return ""
            return " "

        text = _WS_RUN.sub(repl, text)
    return text.strip(_EDGE)


def same_title(a: str, b: str) -> bool:
    """Whether two strings are the same title up to spacing and punctuation."""

    def key(s: str) -> str:
        return re.sub(r"[\W_]+", "", s).casefold()

    ka, kb = key(a), key(b)
    return bool(ka) and ka == kb


def build(
    items: list[tuple[str, str]],
    meta: Meta,
    dropped_chars: int = 0,
    full_text: str | None = None,
) -> LoadedText:
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for kind, text in items:
        if not text:
            continue
        if parts:
            pos += 1  # the "\n" separator
        blocks.append(Block(pos, pos + len(text), kind))
        parts.append(text)
        pos += len(text)
    text = "\n".join(parts)
    return LoadedText(
        text=text,
        blocks=tuple(blocks),
        meta=meta,
        dropped_chars=max(0, dropped_chars),
        full_text=text if full_text is None else full_text,
    )


def with_title(items: list[tuple[str, str]], title: str) -> list[tuple[str, str]]:
    """Put the title first as a heading, shown once: a leading block repeating it is dropped."""
    if not title:
        return items
    out = list(items)
    # Only look near the top: a heading that repeats the title sits before the body starts.
    # WeChat exports repeat it (front matter, a heading, the heading again): drop every copy.
    head = [item for item in out[:4] if not (item[0] == "heading" and same_title(item[1], title))]
    return [("heading", title), *head, *out[4:]]
