"""An organisation built as a place (or a body) plus a body (加拿大政府, 武汉市住房保障管理中心,
好莱坞商会, 招行信用卡中心) stands even when the taggers disagree.

The false-name screen (reader/glossary/name_families.py) drops an unsure organisation that
LAC does not read as one name (its ``disagreement_floor``): LAC cuts it across. But LAC reads
a place's body as the place and then common nouns (加拿大|政府, 武汉市|住房|保障|管理|中心),
which is no disagreement about a name at all: the place is LAC's, and the rest are the words
of a body whose last word names one (reader/data/place_body_words.tsv: 政府, 中心, 商会).
Chosen on CLUENER train's tuning part (DATA.md, sixteenth round).
"""

from __future__ import annotations

from collections.abc import Sequence

from reader import paths
from reader.glossary.judge import Entity

BODY_WORDS_FILE = "place_body_words.tsv"

Word = tuple[int, int, str]  # LAC's word: start, end, its tag (PER, LOC, ORG, n, v …)

# LAC's tags of the words a body's name is made of after its place: nouns, verbal and
# adjectival nouns, other proper nouns (住房, 保障, 管理, 中心, 商会)
_BODY_WORD_TAGS = frozenset({"n", "vn", "an", "nz"})


def parse_body_words(text: str, source: str = BODY_WORDS_FILE) -> frozenset[str]:
    """The first column of a word, reason table; a header row (``word``) is skipped, a row
    without its reason is an error."""
    words: set[str] = set()
    for lineno, line, fields in paths.data_rows(text, "word"):
        if len(fields) < 2 or not fields[0] or not fields[1]:
            raise ValueError(f"{source}:{lineno}: bad row {line!r} (word, reason)")
        words.add(fields[0])
    return frozenset(words)


def get_body_words() -> frozenset[str]:
    """The shipped table, parsed once per process (an immutable table)."""
    return paths.parsed_package_data(BODY_WORDS_FILE, parse_body_words)


def place_headed_body(entity: Entity, text: str, lac_words: Sequence[Word]) -> bool:
    """Whether LAC reads the organisation ``entity`` as a place or an organisation at its
    head and then only common nouns, the last a body's word (加拿大|政府, 招行|信用卡|中心
    a bank's card centre), tiling it exactly. A nation's forces
    (美国陆军特种部队) end in no such word: by the project's rules they are no named body."""
    if entity.type != "ORG":
        return False
    inside = [w for w in lac_words if w[0] < entity.end and entity.start < w[1]]
    if (
        len(inside) < 2
        or inside[0][0] != entity.start
        or inside[0][2] not in ("LOC", "ORG")
        or inside[-1][1] != entity.end
        or any(w[2] not in _BODY_WORD_TAGS for w in inside[1:])
    ):
        return False
    last = inside[-1]
    return text[last[0] : last[1]] in get_body_words()
