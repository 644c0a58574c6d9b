"""A foreign city shown as a place in a football sentence is its club (罗马客场被利沃诺逼平:
Roma; 大胜马略卡: Mallorca).

CLUENER labels such names organisations, and the reader sees the club's name; the glossary,
CC-CEDICT and GeoNames know only the city, so every step before this one shows a place. The
cues live in reader/data/club_context.tsv: a word only football writing uses anywhere in the
sentence, and none of the words right around the name that make it the place itself (在罗马
"in Rome", 罗马德比 "the Rome derby"), a player's nationality (阿根廷前锋) or a region (欧洲).
Only the type changes: the English stays the place's (Rome), which is how a club named by its
city is written. A Chinese city is never taken (its English is its own pinyin: 成都
Chengdu): Chinese clubs carry a sponsor's name (成都天诚谢菲联), so the bare city is the city.
Chosen on CLUENER train's tuning part (DATA.md, sixteenth round).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from reader import paths
from reader.glossary.fold import fold
from reader.glossary.world_places import world_place
from reader.han import is_han
from reader.model import GlossaryHit

CLUB_CONTEXT_FILE = "club_context.tsv"
KINDS = ("sentence", "after", "before", "role", "region", "end")
CLUB_NOTE = "a club named by its city (football sentence)"
# A score in Arabic digits (以3比0大胜马略卡 "beat Mallorca 3-0"): a match's result; a
# vote's count is written so too (以52比48通过), but a vote counts a body, not a city
_SCORE = re.compile(r"[0-9０-９]+比[0-9０-９]+")


@dataclass(frozen=True, slots=True)
class ClubCues:
    """The cues of club_context.tsv by kind (each a tuple of folded words)."""

    by_kind: Mapping[str, tuple[str, ...]]

    def __getitem__(self, kind: str) -> tuple[str, ...]:
        return self.by_kind.get(kind, ())


def parse_club_context(text: str, source: str = CLUB_CONTEXT_FILE) -> ClubCues:
    """cue, kind, reason rows; a header row (``cue``) is skipped; an unknown kind or a row
    without its reason is an error."""
    cues: dict[str, list[str]] = {k: [] for k in KINDS}
    for lineno, line, fields in paths.data_rows(text, "cue"):
        if len(fields) < 3 or not all(fields[:3]) or fields[1] not in KINDS:
            raise ValueError(f"{source}:{lineno}: bad row {line!r} (cue, kind, reason)")
        cues[fields[1]].append(fold(fields[0]))
    return ClubCues(MappingProxyType({k: tuple(v) for k, v in cues.items()}))


def get_club_cues() -> ClubCues:
    """The shipped table, parsed once per process (an immutable table)."""
    return paths.parsed_package_data(CLUB_CONTEXT_FILE, parse_club_context)


def is_a_club(
    sentence: str, start: int, end: int, cues: ClubCues | None = None, paragraph: str = ""
) -> bool:
    """Whether the place ``sentence[start:end]`` (folded or not) names the club of its city:
    a football sentence (or ``paragraph``, the sentence's paragraph: 让罗马大胜切尔西。而上轮
    罗马德比中… reports one match in two sentences), a name of two Han characters or more
    that is no region and ends in no place feature, and nothing right around it that makes
    it the place itself."""
    cues = cues or get_club_cues()
    text = fold(sentence)
    name, before, after = text[start:end], text[:start], text[end:]
    if len(name) < 2 or not all(is_han(ch) for ch in name):
        return False
    if name in cues["region"] or name.endswith(cues["end"]):
        return False
    if before.endswith(cues["before"]) or after.startswith((*cues["after"], *cues["role"])):
        return False
    return any(_football(part, cues) for part in (text, fold(paragraph)))


def _football(text: str, cues: ClubCues) -> bool:
    return any(cue in text for cue in cues["sentence"]) or bool(_SCORE.search(text))


def spelled_in_pinyin(english: str, readings: Sequence[str | None]) -> bool:
    """Whether ``english`` is (or opens with) the name's own pinyin (成都 Chengdu, 西安 Xi'an,
    延边 Yanbian Korean autonomous prefecture: a Chinese place), from the pipeline's numbered
    readings (cheng2, du1); False without them."""
    if not readings or not all(readings):
        return False
    # the first word: CC-CEDICT writes 延边 "Yanbian Korean autonomous prefecture"
    first = english.split()[0] if english.split() else ""
    spelled = "".join(ch for ch in first.lower() if ch.isalpha())
    syllables = "".join(str(r).rstrip("012345").replace("v", "u") for r in readings)
    return bool(spelled) and spelled == syllables.lower().replace("ü", "u")


def as_club(
    hit: GlossaryHit,
    sentence: str,
    start: int,
    end: int,
    readings: Sequence[str | None] = (),
    paragraph: str = "",
) -> GlossaryHit:
    """``hit`` (the name at ``sentence[start:end]``, ``readings`` its characters' pinyin,
    ``paragraph`` the sentence's paragraph) as an organisation when it is a foreign place that names its club there; otherwise
    unchanged."""
    if (
        hit.type != "place"
        # a foreign city of GeoNames' is foreign even where its English is its pinyin (米兰
        # Milan)
        or (spelled_in_pinyin(hit.en, readings) and world_place(hit.term) is None)
        or not is_a_club(sentence, start, end, paragraph=paragraph)
    ):
        return hit
    note = f"{hit.note}; {CLUB_NOTE}" if hit.note else CLUB_NOTE
    return replace(hit, type="org", note=note)
