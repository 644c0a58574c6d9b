"""Clues in or around a span that tell what it is when the recogniser's person or
organisation is wrong: the sixteenth round of false-name families (DATA.md "Sixteenth
round"), part of the false-name screen (reader/glossary/name_families.py). The words are
data with a reason per row (reader/data/name_clues.tsv).

Edges (:func:`clue_edges`), before the screen judges the span:

- **a name cut inside a longer one of the sentence**: 752年，阁罗凤投靠吐蕃，…赐予阁罗凤 —
  the second 阁罗凤 read as 罗凤 (LAC reads 予阁 as a verb) is the person the sentence named
  whole;
- **a name cut inside a city of the world**: 位于内夫谢希尔 read as the person 谢希尔 is the
  city Nevşehir (reader/data/world_places.tsv), 内夫谢希尔大学 read as 希尔大学 is that
  city's university;
- **a leader's men**: 韩游瑰部将请求…，韩游瑰不许 — 部将 "subordinate generals" of the
  person the sentence names: the span 韩游瑰部 is the person.

Verdicts (:func:`clue_verdict`):

- **a surname and a title of address** (王将军 "General Wang", 朱太尉) has no given name
  (the titles reader/data/person_titles.tsv renders — 付小姐 "Ms. Fu" — are left to it);
- **a person's title after an "organisation"** (威廉王子 "Prince William") makes it a person;
- **a company CC-CEDICT knows** typed a person (米高梅 "Metro-Goldwyn-Mayer (American
  media company)") is an organisation; **a religion** it knows (拜火教 "Zoroastrianism") is
  no name;
- **a nation's forces and a unit** (日军舰队 "the Japanese fleet") are no named body, as
  日军 is none;
- **a species' other name** (山葛（学名：）又名葛麻姆) is no person;
- **a reign period in Arabic numerals** (嘉庆19年（1814年）) is no name;
- **a region an imperial office is named after** (…又被称为朵甘思宣慰司 "… the Dokham
  Pacification Commission") is a place;
- **a classical pronoun and an adverb** (汝今 "now you"), **an office alone** (黄门侍郎),
  **a fief's title before its bearer** (楚王司马玮) are no person.

The seventeenth round (issue 14) adds a fief's king run into its bearer (梁王|耶律雅里:
reader/glossary/fief_titles.py), a people holding its 人 (阿拉曼人, 日尔曼人:
reader/glossary/peoples.py) and rows of its tables (监督, a band's sense).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader import paths
from reader.glossary.fief_titles import a_fiefs_king_before, a_title_before_its_bearer
from reader.glossary.judge import Entity
from reader.glossary.peoples import a_foreign_people, a_people_to_lac

if TYPE_CHECKING:
    from reader.glossary.name_families import FamilyRules

Word = tuple[int, int, str]  # LAC's word: start, end, its tag

CLUES_FILE = "name_clues.tsv"
_KINDS = (
    "address",
    "title_after",
    "company_sense",
    "belief_end",
    "belief_sense",
    "army_unit",
    "band_after",
    "alias_before",
    "species_mark",
    "era_bracket",
    "office",
    "fief_title",
    "team_char",
    "phrase",
    "pronoun",
    "pronoun_next",
    "region_office",
)


@dataclass(frozen=True, slots=True)
class ClueRules:
    addresses: frozenset[str]  # 将军 in 王将军 "General Wang"
    titles_after: tuple[str, ...]  # 王子 in 威廉王子 "Prince William"
    company_senses: tuple[str, ...]  # "company" in 米高梅's CC-CEDICT definition
    belief_ends: tuple[str, ...]  # 教 in 拜火教
    belief_senses: tuple[str, ...]  # "worship" in 拜火教's definition
    army_units: tuple[str, ...]  # 舰队 in 日军舰队
    band_after: tuple[str, ...]  # 将 in 韩游瑰部将
    alias_before: tuple[str, ...]  # 又名 in 又名葛麻姆
    species_marks: tuple[str, ...]  # 学名: an article on a species
    era_brackets: tuple[str, ...]  # （ in 嘉庆19年（1814年）
    offices: frozenset[str] = frozenset()  # 黄门侍郎: an office alone
    fief_titles: frozenset[str] = frozenset()  # 王 in 楚王司马玮
    team_chars: frozenset[str] = frozenset()  # 班 in 汪苏泷班
    phrases: tuple[str, ...] = ()  # 由盛转衰 in 唐由盛转衰
    pronouns: frozenset[str] = frozenset()  # 汝 in 汝今 "now you"
    pronoun_next: frozenset[str] = frozenset()  # 今 in 汝今
    region_offices: tuple[str, ...] = ()  # 宣慰司 in 朵甘思宣慰司


def parse_clues(text: str, source: str = CLUES_FILE) -> ClueRules:
    values: dict[str, list[str]] = {kind: [] for kind in _KINDS}
    for lineno, line, fields in paths.data_rows(text, "kind"):
        if len(fields) < 3 or fields[0] not in values or not fields[1]:
            raise ValueError(f"{source}:{lineno}: bad name-clue row {line!r} (kind, value, reason)")
        values[fields[0]].append(fields[1])
    return ClueRules(
        addresses=frozenset(values["address"]),
        titles_after=tuple(values["title_after"]),
        company_senses=tuple(v.lower() for v in values["company_sense"]),
        belief_ends=tuple(values["belief_end"]),
        belief_senses=tuple(v.lower() for v in values["belief_sense"]),
        army_units=tuple(values["army_unit"]),
        band_after=tuple(values["band_after"]),
        alias_before=tuple(values["alias_before"]),
        species_marks=tuple(values["species_mark"]),
        era_brackets=tuple(values["era_bracket"]),
        offices=frozenset(values["office"]),
        fief_titles=frozenset("".join(values["fief_title"])),
        team_chars=frozenset("".join(values["team_char"])),
        phrases=tuple(values["phrase"]),
        pronouns=frozenset("".join(values["pronoun"])),
        pronoun_next=frozenset("".join(values["pronoun_next"])),
        region_offices=tuple(values["region_office"]),
    )


def get_clues() -> ClueRules:
    """The shipped table, parsed once per process (an immutable table)."""
    return paths.parsed_package_data(CLUES_FILE, parse_clues)


def clue_edges(
    entity: Entity,
    text: str,
    neighbours: Sequence[Entity],
    lac_words: Sequence[Word] | None,
    rules: ClueRules,
) -> tuple[int, int, str] | None:
    """The span and type of ``entity`` once a cut edge is mended (its own when no clue
    applies; None when no name is left): a set phrase run into, a person's class, a person
    the sentence names whole elsewhere, a city of the world, a leader before 部将
    (``lac_words``: LAC's analysis of ``text``, None without it)."""
    own = (entity.start, entity.end, entity.type)
    name = text[entity.start : entity.end]
    others = [n for n in neighbours if n is not entity]
    cut = next(
        (at for at in range(1, len(name)) if text.startswith(rules.phrases, entity.start + at)),
        None,
    )
    if cut is not None:  # 唐由盛|转衰: the phrase is no part of the name (唐 alone: none)
        return (entity.start, entity.start + cut, entity.type) if cut >= 2 else None
    words = lac_words or ()
    if (
        entity.type == "PER"
        and len(name) >= 3
        and name[-1] in rules.team_chars
        and (entity.start, entity.end - 1, "PER") in words
        and (entity.end - 1, entity.end, "n") in words
    ):
        return entity.start, entity.end - 1, "PER"  # 汪苏泷|班 "Wang Sulong's class"
    if entity.type == "PER" and a_fiefs_king_before(entity, name, text, others, lac_words):
        # 梁王耶律雅里 read as 王耶律雅里: the person after the title, none when one character
        # is left (胶东恭王刘授 read as 王刘)
        return (entity.start + 1, entity.end, "PER") if len(name) >= 3 else None
    if entity.type == "PER":
        whole = _named_whole_elsewhere(entity, name, text, others)
        if whole is not None:
            return whole
    place = _inside_a_world_place(entity, name, text, others)
    if place is not None:
        return place
    if (
        entity.type == "ORG"
        and name.endswith("部")
        and len(name) >= 3
        and text.startswith(rules.band_after, entity.end)
        and _a_person_elsewhere(name[:-1], entity, text, others, lac_words)
    ):
        return entity.start, entity.end - 1, "PER"  # 韩游瑰部将 …，韩游瑰不许
    return own


def _a_person_elsewhere(
    leader: str,
    entity: Entity,
    text: str,
    others: Sequence[Entity],
    lac_words: Sequence[Word] | None,
) -> bool:
    """韩游瑰部将…，韩游瑰不许: the recogniser or LAC calls ``leader`` a person somewhere
    outside ``entity``."""
    return any(n.type == "PER" and text[n.start : n.end] == leader for n in others) or any(
        tag == "PER" and text[a:b] == leader and not entity.start <= a < entity.end
        for a, b, tag in lac_words or ()
    )


def _named_whole_elsewhere(
    entity: Entity, name: str, text: str, others: Sequence[Entity]
) -> tuple[int, int, str] | None:
    """赐予阁罗凤 read as 罗凤: another person of the sentence (阁罗凤) holds the span's
    characters, and the characters around the span make that person here too."""
    for other in others:
        whole = text[other.start : other.end]
        if other.type != "PER" or len(whole) <= len(name) or not 2 <= len(name):
            continue
        at = whole.find(name)
        while at >= 0:
            start, end = entity.start - at, entity.start - at + len(whole)
            if (
                start >= 0
                and text[start:end] == whole
                and not _overlaps(start, end, entity, others)
            ):
                return start, end, "PER"
            at = whole.find(name, at + 1)
    return None


def _inside_a_world_place(
    entity: Entity, name: str, text: str, others: Sequence[Entity]
) -> tuple[int, int, str] | None:
    """位于内夫谢希尔 read as the person 谢希尔: the characters before the span and the span's
    own (two or more) make a city of the world of four characters or more (Nevşehir); the
    person is that city, an organisation (希尔大学) keeps its type and reaches back to the
    city's first character (内夫谢希尔大学)."""
    from reader.glossary.world_places import world_place

    for back in (1, 2, 3):
        start = entity.start - back
        if start < 0:
            break
        for inside in range(len(name), 1, -1):
            place = text[start : entity.start + inside]
            if len(place) < 4 or world_place(place) is None:
                continue
            if _overlaps(start, entity.start, entity, others):
                return None
            if inside == len(name):
                return start, entity.end, "LOC"
            return start, entity.end, entity.type
    return None


def _overlaps(start: int, end: int, entity: Entity, others: Sequence[Entity]) -> bool:
    """Another span of the sentence lies in [start, end) outside ``entity``."""
    return any(
        o.start < end and start < o.end and not (entity.start <= o.start and o.end <= entity.end)
        for o in others
    )


def clue_verdict(
    entity: Entity,
    text: str,
    senses: Sequence[str],
    lac_words: Sequence[Word] | None,
    rules: ClueRules,
    families: FamilyRules,
) -> str | None:
    """ "drop" (no name), "PER" or "ORG" (the span is that), or None (nothing said).
    ``senses``: CC-CEDICT's proper-noun definitions of the span; ``lac_words``: LAC's
    analysis of ``text`` (None without it)."""
    name = text[entity.start : entity.end]
    after = text[entity.end :]
    if entity.type == "PER":
        if name in rules.offices or _surname_and(name, rules.addresses):
            return "drop"  # 黄门侍郎; 王将军, 朱太尉
        if a_title_before_its_bearer(entity, name, lac_words, rules):
            return "drop"  # 楚王司马玮 "Sima Wei, Prince of Chu"
        if len(name) == 2 and name[0] in rules.pronouns and name[1] in rules.pronoun_next:
            return "drop"  # 汝今 "now you"
        if a_foreign_people(entity, name, text, lac_words):
            return "drop"  # 伊特鲁里亚人 "the Etruscans"
        if _a_company(senses, rules):
            return "ORG"  # 米高梅 "Metro-Goldwyn-Mayer (American media company)"
        if _a_species_alias(entity, text, rules):
            return "drop"  # 山葛（学名：）又名葛麻姆
    if entity.type == "ORG":
        from reader.glossary.org_endings import ends_like_an_organisation

        if after.startswith(rules.titles_after) and not ends_like_an_organisation(name):
            return "PER"  # 威廉王子 "Prince William"
        if _a_nations_unit(name, rules, families):
            return "drop"  # 日军舰队 "the Japanese fleet"
        if a_people_to_lac(entity, name, lac_words):
            return "drop"  # 日尔曼人的《尼伯龙根之歌》 "the Germanic peoples' …"
    if name.endswith(rules.belief_ends) and _a_belief(senses, rules):
        return "drop"  # 拜火教 "Zoroastrianism"
    if len(name) == 2 and _a_reign_year(after, senses, rules):
        return "drop"  # 嘉庆19年（1814年）
    if any(name + office in text for office in rules.region_offices):
        return "LOC"  # 朵甘思 of …又被称为朵甘思宣慰司: a region
    return None


def _surname_and(name: str, words: frozenset[str]) -> bool:
    """A Chinese surname (one or two characters) and nothing but one of ``words``."""
    from reader.glossary.auto import get_name_rules
    from reader.glossary.fold import fold

    surnames = get_name_rules().surnames
    folded = fold(name)
    return any(folded[:n] in surnames and folded[n:] in words for n in (2, 1) if len(folded) > n)


def _a_person_sense(sense: str) -> bool:
    from reader.glossary.family_checks import A_LIFETIME

    return bool(A_LIFETIME.search(sense)) or "(name)" in sense or sense.startswith("surname")


def _a_company(senses: Sequence[str], rules: ClueRules) -> bool:
    """Every CC-CEDICT sense calls it a company (米高梅 "… (American media company)", 华为
    "Huawei (brand)") and none a person (迪士尼 "Walt Disney (1901-1966)" stays)."""
    return bool(senses) and all(
        any(w in d.lower() for w in rules.company_senses) and not _a_person_sense(d) for d in senses
    )


def _a_belief(senses: Sequence[str], rules: ClueRules) -> bool:
    """CC-CEDICT defines it by a belief (拜火教 "sun worship", "Zoroastrianism") and no sense
    is a person's."""
    return (
        bool(senses)
        and not any(_a_person_sense(d) for d in senses)
        and any(w in d.lower() for d in senses for w in rules.belief_senses)
    )


def _a_species_alias(entity: Entity, text: str, rules: ClueRules) -> bool:
    """山葛（学名：）又名葛麻姆: a name given right after "also called" in an article on a
    species."""
    return text.endswith(rules.alias_before, 0, entity.start) and any(
        m in text for m in rules.species_marks
    )


def _a_nations_unit(name: str, rules: ClueRules, families: FamilyRules) -> bool:
    """日军舰队: a nation's two-character forces (as the screen drops 日军) and a unit."""
    from reader.glossary.family_checks import dictionary_senses, is_a_nations_army

    unit = next((u for u in rules.army_units if name.endswith(u)), "")
    head = name[: -len(unit)] if unit else ""
    return len(head) == 2 and is_a_nations_army(head, dictionary_senses(head), families)


_YEAR = re.compile(r"[0-9０-９]+年")


def _a_reign_year(after: str, senses: Sequence[str], rules: ClueRules) -> bool:
    """嘉庆19年（1814年）: a two-character span before a year in Arabic numerals is a reign
    period when a year of the Western calendar follows in brackets, or CC-CEDICT says it
    reigned (嘉庆 "Jiaqing Emperor …, reigned 1796-1820"; 王伟3年前 is left alone)."""
    year = _YEAR.match(after)
    if year is None:
        return False
    rest = after[year.end() :]
    if rest.startswith(rules.era_brackets) and _YEAR.match(rest[1:]) is not None:
        return True
    return any(re.search(r"\breign", d) for d in senses)
