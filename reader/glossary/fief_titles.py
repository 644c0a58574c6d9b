"""A fief's title beside the person who holds it, read as one "person" or as a person of
its own: part of the false-name screen's clues (reader/glossary/name_clues.py).

- **the title before its bearer** (sixteenth round): 楚王司马玮 "Sima Wei, Prince of Chu" —
  the span 楚王 is no person, the one after it is;
- **the king run into its bearer** (seventeenth round): 挟梁王耶律雅里 read as 王耶律雅里,
  南阳王石恢 read as 王石恢 — the person is the span without 王; 胶东恭王刘授 read as 王刘 is
  no person (one character of a ruling house's surname is left).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.glossary.judge import Entity

if TYPE_CHECKING:
    from reader.glossary.name_clues import ClueRules

Word = tuple[int, int, str]  # LAC's word: start, end, its tag


def a_title_before_its_bearer(
    entity: Entity, name: str, lac_words: Sequence[Word] | None, rules: ClueRules
) -> bool:
    """楚王司马玮: an ancient state and a ruler's title (王, 侯, 公) right before a person LAC
    reads there is the title of that person (申侯 alone, a ruler known by his fief, stays)."""
    from reader.glossary.name_words import get_word_rules

    if len(name) != 2 or name[1] not in rules.fief_titles:
        return False
    if name[0] not in get_word_rules().people_states:
        return False
    return any(a == entity.end and tag == "PER" for a, _, tag in lac_words or ())


def a_fiefs_king_before(
    entity: Entity, name: str, text: str, others: Sequence[Entity], lac_words: Sequence[Word] | None
) -> bool:
    """挟梁王耶律雅里, 南阳王石恢: a "person" opening with 王 "king, prince" that LAC reads
    with the word before it (梁王 "the Prince of Liang"), or right after a place or a person
    LAC reads there (南阳, 胶东恭), is a fief's title run into its bearer when the rest is a
    person: it opens with a surname or LAC reads it as one. A surname and one character
    (王刘 of 胶东恭王刘授) is that only when another person of the sentence bears the surname
    (刘快, 刘寄: a ruling house); 上海王林 is a person. A surname and a title (王先生) is
    left to the relations' family."""
    from reader.glossary.auto import get_name_rules
    from reader.glossary.family_checks import is_relation
    from reader.glossary.fold import fold
    from reader.glossary.name_families import get_families

    if len(name) < 2 or name[0] != "王" or is_relation(name, get_families()):
        return False
    words = lac_words or ()
    rest = name[1:]
    surnames = get_name_rules().surnames
    if len(rest) == 1:
        if fold(rest) not in surnames or not any(
            text.startswith(rest, n.start) and n.type == "PER" and n.end - n.start >= 2
            for n in others
        ):
            return False
    elif (
        not any(fold(rest[:n]) in surnames for n in (2, 1))
        and (
            entity.start + 1,
            entity.end,
            "PER",
        )
        not in words
    ):
        return False
    for a, b, tag in words:
        if b == entity.start + 1 and a < entity.start:
            return True  # 梁王 (LAC's word ends with the span's 王)
        if b == entity.start and b - a >= 2 and tag in ("LOC", "PER"):
            return True  # 南阳|王石恢, 胶东恭|王刘
    return False
