"""A people read as a person or an organisation: part of the false-name screen's clues
(reader/glossary/name_clues.py). 伊特鲁里亚人 "the Etruscans", 阿拉曼人 "the Alemanni",
日尔曼人 "the Germanic peoples" are a foreign name written by sound and 人 "people"."""

from __future__ import annotations

from collections.abc import Sequence

from reader.glossary.judge import Entity

Word = tuple[int, int, str]  # LAC's word: start, end, its tag


def reads_foreign(name: str) -> bool:
    """A foreign name written by sound, with no Chinese surname (阿杜瓦, 伊特鲁里亚)."""
    from reader.glossary.auto import is_transliteration_by_rule, surname_length
    from reader.glossary.transliteration import transliteration_odds

    if surname_length(name):
        return False
    return is_transliteration_by_rule(name) or transliteration_odds().is_foreign(name)


def a_foreign_people(
    entity: Entity, name: str, text: str, lac_words: Sequence[Word] | None
) -> bool:
    """有人说，伊特鲁里亚人早在… "the Etruscans …": a foreign "person" of three characters or
    more followed by 人 "people" that LAC reads as a word of its own (not 人士, 人数) is a
    people; so is a "person" that holds the 人 itself (阿拉曼人 "the Alemanni", seventeenth
    round; a club so named, 西班牙人 "Espanyol", is typed an organisation and not asked)."""
    if len(name) >= 4 and name.endswith("人") and reads_foreign(name[:-1]):
        return True  # 法兰克人、勃艮第人和阿拉曼人: the people's 人 inside the span
    if len(name) < 3 or not text.startswith("人", entity.end) or not reads_foreign(name):
        return False
    return (entity.end, entity.end + 1, "n") in (lac_words or ())


def a_people_to_lac(entity: Entity, name: str, lac_words: Sequence[Word] | None) -> bool:
    """日尔曼人 "the Germanic peoples" typed an organisation: a foreign name and 人 that LAC
    reads as one word and no name (nz, n); a club so named LAC reads as an organisation
    (西班牙人 "Espanyol" stays)."""
    if len(name) < 4 or not name.endswith("人") or not reads_foreign(name[:-1]):
        return False
    return any(w[:2] == (entity.start, entity.end) and w[2] in ("n", "nz") for w in lac_words or ())
