"""A recogniser's person or organisation with a bracket or quotation mark at its edge, or an
alias in brackets at its end, is cut there (余洋） → 余洋, 农商行” → 农商行, （克尔） → 克尔,
fsa（英国金融服务管理局 → fsa and 英国金融服务管理局).

The recogniser reads characters, and CLUENER's training sentences put names beside brackets
often enough (a name and its English or acronym in brackets, a byline in brackets) that it
sometimes takes the mark, or the alias after it, into the name. Such a span was shown to no
reader (a name written with marks is not rendered). Cut:

- marks at the span's edges are left out (余洋）, “农商行”, ■乐活家园);
- what is left, if it holds one opening bracket and nothing closes it, is a name and its
  alias: two names with the span's type and confidence (保罗·盖蒂(j.paulgetty);
- any other mark inside stays: it is part of the name (台湾“工商建设研究会”经贸考察团,
  亚宝药业（集团）公司, “哥伦比亚”号航天飞机 — whose pieces are no names), and the span is
  left as it was.

Pieces of one character are dropped, and so is a piece next to a book-title mark (《庞氏家训》:
庞氏 is the work's, not a body). Products are not cut: CLUENER writes a work's title with its
marks (《斗战神》), and the glossary's judge reads it so. Chosen on CLUENER train's tuning
part (DATA.md, sixteenth round).
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.glossary.judge import Entity, NameSpan

# Brackets, quotation marks and the list marks CLUENER's web text puts before a name (■新快报,
# >乐活家园); Simplified and full-width forms, as the recogniser reads the folded sentence.
MARKS = frozenset("()（）[]【】{}<>＜＞《》〈〉「」『』“”‘’\"'■□●◆")
# brackets that open an alias after a name: fsa（英国金融服务管理局）, 江德力（charles）
OPENING_BRACKETS = frozenset("(（[【")
# Only persons and organisations are cut: a work's title is marked with its book-title marks
# (《斗战神》), as CLUENER writes products, and the glossary's judge reads it so.
CUT_TYPES = frozenset({"PER", "ORG"})


def _marked(entity: Entity, text: str) -> bool:
    return entity.type in CUT_TYPES and any(ch in MARKS for ch in text[entity.start : entity.end])


def pieces(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """The names in ``text[start:end]`` without its marks (see the module's rules); the span
    itself when a mark inside is part of the name."""
    while start < end and text[start] in MARKS:
        start += 1
    while end > start and text[end - 1] in MARKS:
        end -= 1
    inside = [at for at in range(start, end) if text[at] in MARKS]
    if not inside:
        cut = [(start, end)]
    elif len(inside) == 1 and text[inside[0]] in OPENING_BRACKETS:
        cut = [(start, inside[0]), (inside[0] + 1, end)]
    else:
        return []
    return [
        (a, b) for a, b in cut if b - a >= 2 and text[a - 1 : a] != "《" and text[b : b + 1] != "》"
    ]


def cut_at_marks(entities: Sequence[Entity], text: str) -> list[Entity]:
    """``entities`` with every person or organisation holding a mark replaced by its names
    (:func:`pieces`; kept whole when a mark inside is part of the name; a piece another
    entity already has is not added twice), in the order of their starts."""
    if not any(_marked(e, text) for e in entities):
        return list(entities)
    taken = {(e.start, e.end) for e in entities}
    out: list[Entity] = []
    for e in entities:
        if not _marked(e, text):
            out.append(e)
            continue
        names = pieces(e.start, e.end, text)
        if not names:
            out.append(e)  # 台湾“工商建设研究会”经贸考察团: the marks are the name's
            continue
        for a, b in names:
            if (a, b) not in taken:
                out.append(NameSpan(a, b, e.type, e.confidence))
                taken.add((a, b))
    return sorted(out, key=lambda e: (e.start, e.end))
