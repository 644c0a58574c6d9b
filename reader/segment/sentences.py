"""Sentence splitting over a block of the loaded text.

Chinese terminators (。！？…… and full-width ！？) end a sentence together with any
closing quotes/brackets that follow (。” / ！」 / ？）). Western . ! ? end a sentence only
when followed by whitespace or the end of the block, so 3.9, DeepSeek-R1, v1.2 and
URLs stay inside their sentence.
"""

from __future__ import annotations

import re

# A terminator run: Chinese terminators, or a Western one followed by whitespace/end.
# Closing quotes and brackets that follow belong to the sentence they close.
_CLOSERS = "”’」』）)》〉】〕］]\"'"
_SENTENCE_END = re.compile(
    r"(?:[。！？!?]+|…{2,}|\.{3,}|(?<=[^\s.])\.(?=\s|$))"
    rf"[{re.escape(_CLOSERS)}]*"
)
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_SPACE = " \t\r\n\u3000\u00a0"


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences in ``text[start:end]``, whitespace-trimmed.

    Spans tile the block apart from the whitespace between sentences; none is empty.
    """
    stop = len(text) if end is None else end
    block = text[start:stop]
    protected = [(m.start(), m.end()) for m in _URL.finditer(block)]

    spans: list[tuple[int, int]] = []
    cursor = 0
    for match in _SENTENCE_END.finditer(block):
        if any(a <= match.start() < b for a, b in protected):
            continue
        cut = match.end()
        # "……" followed directly by more text in the same clause (…… 等) is still an end;
        # but an ellipsis inside quotes followed by a closing quote was absorbed above.
        _emit(block, cursor, cut, start, spans)
        cursor = cut
    _emit(block, cursor, len(block), start, spans)
    return spans


def _emit(block: str, a: int, b: int, offset: int, spans: list[tuple[int, int]]) -> None:
    while a < b and block[a] in _SPACE:
        a += 1
    while b > a and block[b - 1] in _SPACE:
        b -= 1
    if a >= b:
        return
    # A fragment of only punctuation (e.g. a stray closing quote) joins the previous sentence.
    if spans and all(not ch.isalnum() for ch in block[a:b]):
        prev_start, _ = spans[-1]
        spans[-1] = (prev_start, offset + b)
        return
    spans.append((offset + a, offset + b))
