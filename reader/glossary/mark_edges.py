"""A recogniser span that runs across a bracket or a quotation mark is cut there (余洋） →
余洋, 农商行” → 农商行, fsa（英国金融服务管理局 → fsa and 英国金融服务管理局).

The recogniser reads characters, and CLUENER's training sentences put names beside
brackets often enough (a name and its English or acronym in brackets, a byline in brackets)
that it sometimes takes the mark, or what stands across it, into the name. A mark is never
part of a name the reader is shown: the pieces between marks are the names, each with the
span's type and confidence (pieces of one character are dropped, and so is a piece just
inside book-title marks: 《百姓地产》杂志 names a magazine, a work, not a person or a body).
Products are not cut: CLUENER writes a work's title with its marks (《斗战神》). Chosen on CLUENER train's
tuning part (DATA.md, sixteenth round).
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.glossary.judge import Entity, NameSpan

# Brackets, quotation marks and the list marks CLUENER's web text puts before a name (■新快报,
# >乐活家园); Simplified and full-width forms, as the recogniser reads the folded sentence.
MARKS = frozenset("()（）[]【】{}<>＜＞《》〈〉「」『』“”‘’\"'■□●◆")
# Only persons and organisations are cut: a work's title is marked with its book-title marks
# (《斗战神》), as CLUENER writes products, and the glossary's judge reads it so.
CUT_TYPES = frozenset({"PER", "ORG"})


def _marked(entity: Entity, text: str) -> bool:
    return entity.type in CUT_TYPES and any(ch in MARKS for ch in text[entity.start : entity.end])


def cut_at_marks(entities: Sequence[Entity], text: str) -> list[Entity]:
    """``entities`` with every person or organisation holding a mark replaced by its pieces
    between marks (a piece another entity already has is not added twice), in the order of
    their starts."""
    if not any(_marked(e, text) for e in entities):
        return list(entities)
    taken = {(e.start, e.end) for e in entities}
    out: list[Entity] = []
    for e in entities:
        if not _marked(e, text):
            out.append(e)
            continue
        start = e.start
        for at in range(e.start, e.end + 1):
            if at < e.end and text[at] not in MARKS:
                continue
            # 《庞氏家训》, 《百姓地产》杂志: a piece opening or closing a book title is the
            # title's (a work, not a person or a body)
            titled = text[start - 1 : start] == "《" or text[at : at + 1] == "》"
            if at - start >= 2 and (start, at) not in taken and not titled:
                out.append(NameSpan(start, at, e.type, e.confidence))
                taken.add((start, at))
            start = at + 1
    return sorted(out, key=lambda e: (e.start, e.end))
