"""What a span is when the recogniser's type is wrong: the thirteenth round of false-name
families (DATA.md "Thirteenth round"), part of the false-name screen
(reader/glossary/name_families.py), which holds the data (``building_ends``,
``dynasties``, ``era_after``) in :class:`FamilyRules`.

- **buildings**: 齐云塔 "Qiyun Pagoda" read as a person: a "person" of a surname and more
  ending in a building's word no given name ends in (塔) is a building, shown as a place,
  unless it reads as a transliteration (佩罗塔, 巴普蒂斯塔 are footballers);
- **dynasties and reign periods**: 隋开皇元年 "the first year of Kaihuang of Sui" (a
  dynasty and a reign period run together: the two-character period alone is dropped by the
  screen already), 刘宋 "the Liu Song dynasty" (every CC-CEDICT sense a dynasty and none a
  ruler), 曹魏 "Cao Wei, the most powerful of the Three Kingdoms" (a kingdom in the clause
  after the name, seventeenth round) are no persons;
- **persons typed as organisations**: a transliterated "organisation" that CC-CEDICT
  knows only with a lifespan (希波克拉底 "Hippocrates (c. 460 BC - c. 370 BC)"), or whose
  very characters the recogniser calls a person elsewhere in the sentence (索尔的统治…，
  索尔消灭了), is a person;
- **fourteenth round** (DATA.md "Fourteenth round"): an "organisation" followed by a
  relative (埃连父亲 "Elián's father", 雅德维加和他的新生儿) or listed beside persons
  (俄底浦斯、安提戈涅、克瑞翁) that reads as a transliterated name is a person; a "name" made of
  chemical elements (铂钯铑 "platinum, palladium, rhodium") is none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.glossary.judge import Entity

if TYPE_CHECKING:
    from reader.glossary.name_families import FamilyRules


def kind_of(
    entity: Entity,
    text: str,
    senses: Sequence[str],
    neighbours: Sequence[Entity],
    rules: FamilyRules,
) -> str | None:
    """ "drop" (no name), "LOC" or "PER" (the span is that), or None (nothing said).
    ``senses``: CC-CEDICT's proper-noun definitions of the span."""
    name = text[entity.start : entity.end]
    if _only_elements(name):
        return "drop"  # 铂钯铑和铷均是高活性的催化剂
    if entity.type == "PER":
        if _a_building(name, rules) and not senses:
            return "LOC"  # 齐云塔 (a person CC-CEDICT knows keeps his name)
        if _a_dynasty(name, text[entity.end :], senses, rules):
            return "drop"
        return None
    if entity.type != "ORG":
        return None
    if senses and _a_transliteration(name) and all(_YEARS_AFTER_NAME.search(d) for d in senses):
        return "PER"  # 希波克拉底 "Hippocrates (c. 460 BC - c. 370 BC), Greek physician"
    if any(
        n.type == "PER" and text[n.start : n.end] == name for n in neighbours if n is not entity
    ):
        return "PER"  # 索尔的统治：…，索尔消灭了 (the same characters, a person)
    if _a_person_by_company(entity, name, text, neighbours, rules):
        return "PER"  # 埃连父亲, 俄底浦斯、安提戈涅
    return None


def _a_person_by_company(
    entity: Entity, name: str, text: str, neighbours: Sequence[Entity], rules: FamilyRules
) -> bool:
    """埃连父亲 "Elián's father", 雅德维加和他的新生儿 "Jadwiga and her newborn": a relative
    right after it or after another mention of it in the sentence; 俄底浦斯、安提戈涅、克瑞翁:
    listed (by 、) beside a person who is listed beside another (a list of persons holds no
    body; 耐克和乔丹签约, 微软、比尔·盖茨 join a firm and one person). Only a name that reads as a
    foreign person's (a transliteration) and that does not end like an organisation."""
    from reader.glossary.org_endings import ends_like_an_organisation
    from reader.glossary.transliteration import transliteration_odds

    if ends_like_an_organisation(name) or not (
        _a_transliteration(name) or transliteration_odds().is_foreign(name)
    ):
        return False
    if any(  # after this mention or another of the same characters (把埃连交送给…)
        text.startswith(rules.person_after, m.end()) for m in re.finditer(re.escape(name), text)
    ):
        return True
    persons = [n for n in neighbours if n is not entity and n.type == "PER"]
    return any(
        _beside(entity, n, text, ("、",))
        and any(_beside(n, m, text, rules.list_marks) for m in persons if m is not n)
        for n in persons
    )


def _beside(a: Entity, b: Entity, text: str, marks: Sequence[str]) -> bool:
    """``a`` and ``b`` are neighbouring items of a list joined by one of ``marks``."""
    return any(
        (b.end + len(m) == a.start and text.startswith(m, b.end))
        or (a.end + len(m) == b.start and text.startswith(m, a.end))
        for m in marks
    )


def _only_elements(name: str) -> bool:
    """铂钯铑: two characters or more, each one CC-CEDICT calls a chemical element
    ("platinum (chemistry)"), the first no surname (金 "gold" is one: 金铂 is left alone)."""
    from reader.glossary.auto import surname_length
    from reader.glossary.dictionary_names import _entries

    if len(name) < 2 or surname_length(name):
        return False
    return all(
        any(d.endswith("(chemistry)") for proper, ds in _entries(c, folded=True) for d in ds)
        for c in name
    )


def _a_transliteration(name: str) -> bool:
    """A foreign name written by sound (希波克拉底): a body named in Chinese words
    (国际联盟 "League of Nations (1920-1946)") has years in its definition too."""
    from reader.glossary.auto import is_transliteration_by_rule

    return is_transliteration_by_rule(name)


def _a_building(name: str, rules: FamilyRules) -> bool:
    """齐云塔: three characters or more ending in a building's word, opening with a Chinese
    surname (a building is named after a person or a place) and not reading as a
    transliteration (科丽塔 "Coretta", 罗伯塔 "Roberta"); a given name in 小 stays (a
    diminutive, as in 杨小楼 the Peking opera actor)."""
    if len(name) < 3 or not name.endswith(rules.building_ends):
        return False
    from reader.glossary.auto import is_transliteration_by_rule, surname_length
    from reader.glossary.transliteration import transliteration_odds

    stem = name[:-1]
    n = surname_length(stem)
    if not n or stem[n : n + 1] == "小":
        return False  # 杨小塔: "little X" is a given name
    return not (is_transliteration_by_rule(stem) or transliteration_odds().is_foreign(stem))


def _a_dynasty(name: str, after: str, senses: Sequence[str], rules: FamilyRules) -> bool:
    """陈朝, 越南李朝: a dynasty's character and 朝 "dynasty" (fourteenth round); 隋开皇 before
    元年: a dynasty's character and a two-character reign period (宋小明
    三年前 is left alone: only 元年 or 年间 after it says reign); 刘宋 "Song of the Southern
    dynasties (420-479)": every sense names a dynasty before its first bracket or comma (李自成
    "Li Zicheng (1605-1645), leader … at the end of the Ming Dynasty" is a person) and none
    a ruler."""
    if len(name) == 3 and name[0] in rules.dynasties and after.startswith(rules.era_after):
        return True
    if len(name) == 2 and name[0] in rules.dynasties and name[1] in rules.dynasty_words:
        return True  # 陈朝散骑常侍 "a Regular Attendant of the Chen dynasty" (fourteenth round)
    return bool(senses) and all(_a_dynasty_sense(d) for d in senses)


def _a_dynasty_sense(sense: str) -> bool:
    """刘宋 "Song of the Southern dynasties (420-479)": a dynasty before the first bracket or
    comma; 曹魏 "Cao Wei, the most powerful of the Three Kingdoms, …" (seventeenth round): a
    kingdom in the clause after the name. A ruler's or an official's sense is none."""
    clauses = re.split(r"[(,;]", sense, maxsplit=2)
    if _A_RULER.search(sense):
        return False
    return bool(_A_DYNASTY.search(clauses[0])) or (
        len(clauses) > 1 and bool(_A_KINGDOM.search(clauses[1]))
    )


# "Hippocrates (c. 460 BC - c. 370 BC)": nothing but years in the first bracket, which
# follows the name before any comma (八路军 "Eighth Route Army, … (1937-1945)" and 红卫兵
# "Red Guards (Cultural Revolution, 1966-1976)" are bodies with their years)
_YEARS_AFTER_NAME = re.compile(
    r"^[^,(]+\((?:c\. ?)?\d{1,4}(?: BC)? ?- ?(?:c\. ?)?\d{0,4}(?: BC)?\)|^[^,(]+\(born \d{4}\)"
)
_A_DYNASTY = re.compile(r"\bdynast(?:y|ies)\b", re.IGNORECASE)
_A_KINGDOM = re.compile(r"\bkingdoms?\b", re.IGNORECASE)
# a ruler's or an official's sense keeps the person (汉元帝 "Yuan Emperor … of Han Dynasty")
_A_RULER = re.compile(
    r"\b(?:emperor|empress|king|queen|prince|princess|duke|ruler|founder|general|minister"
    r"|official|poet|scholar|chancellor|regent|concubine)\b",
    re.IGNORECASE,
)
