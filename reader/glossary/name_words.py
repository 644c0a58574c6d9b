"""Words that make a span no name: the tenth round of false-name families (DATA.md "Tenth
round"), part of the false-name screen (reader/glossary/name_families.py), with its data
and a reason per row in reader/data/name_words.tsv.

- **a descent**: 陆裔 "of mainland descent", 韩裔 "of Korean descent" read as a person
  ("Lu Yi", "Han Yi"): X裔 with X a nation or region is no name; a name after it stays
  (韩裔金妍儿 → 金妍儿), and a surname not listed keeps its person (张裔);
- **directions**: 东北季风 "the northeast monsoon" read as the place 东北 "Northeast China":
  a compass direction before a wind or a side (季风, 风, 部, 方向) is no place;
- **floors**: 四楼往三楼 "from the fourth floor to the third" read as a place: a "place"
  made only of storey numbers and the words between them;
- **a preposition at the start**: 经永康分局盐行派出所 "(officers) of the Yanhang station of
  the Yongkang precinct" with 经 "via" run in: the body starts after the preposition, when
  the rest is named elsewhere in the sentence (台南市永康分局) or LAC reads the word alone
  as a preposition; a word the dictionary knows (经济日报) and a person's surname (于谦,
  向警予) stay;
- **slang**: 可爱的亚子 "a cute look" (亚子 for 样子) read as a transliterated person;
- **storms**: 热带风暴克劳德特 "Tropical Storm Claudette", or a foreign name opening a clause
  about wind shear, read as a person (fourteenth round: the rain it brings, its weakening,
  受X影响 in a sentence of storms or rain); the place of a landfall (从穆龙贝登陆) is a place;
- **peoples**: 赵人 "the people of Zhao" read as a person, 坎斯克人 "the Kansk people"
  (LAC: a place and 人) as an organisation;
- **titles, members, fleets, genera**: a title of nobility (改封为蒯成侯), an office alone
  (卫尉, 大佐), a posthumous name (谥忠宣), a party member (共产党员), a nation's fleet
  (中国舰队; 北洋舰队 stays), a genus between its family and 属 (列当科马先蒿属);
- **living things, bynames, titles cut short** (thirteenth round, DATA.md "Thirteenth
  round"): a species before （学名 or ending in an organism's word (保加利亚乳杆菌), a quoted
  byname (素有“石佛”之称), a surname and 姓 (缪姓源出于姬姓), a title whose first character
  the recogniser took (陈国长|公主).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader import paths
from reader.glossary.judge import Entity

WORDS_FILE = "name_words.tsv"
Word = tuple[int, int, str]  # LAC's word: start, end, its tag
_NUMBER = "0-9０-９〇零一二三四五六七八九十百两"
_PREPOSITION_TAGS = frozenset({"p", "c"})  # LAC's preposition and conjunction


@dataclass(frozen=True, slots=True)
class WordRules:
    descent_heads: frozenset[str]  # 华 in 华裔 "of Chinese descent"
    floor_words: tuple[str, ...]  # 楼 in 三楼 "the third floor"
    floor_links: tuple[str, ...]  # 往 in 四楼往三楼
    lead_words: tuple[str, ...]  # 经 in 经永康分局: a preposition no body starts with
    slang: frozenset[str]  # 亚子 "look" (for 样子)
    slang_before: tuple[str, ...]  # 的 in 可爱的亚子
    storm_before: tuple[str, ...]  # 热带风暴 in 热带风暴克劳德特
    people_states: frozenset[str]  # 赵 in 赵人 "the people of Zhao"
    storm_words: tuple[str, ...] = ()  # 风切变 "wind shear": a clause about a storm
    landfall_after: tuple[str, ...] = ()  # 登陆 in 从穆龙贝登陆 "made landfall at Murombe"
    landfall_before: tuple[str, ...] = ()  # 从 in 从穆龙贝登陆
    genus_before: tuple[str, ...] = ()  # 科 in 列当科马先蒿属
    genus_after: tuple[str, ...] = ()  # 属 in 列当科马先蒿属
    member_ends: tuple[str, ...] = ()  # 党员 in 共产党员 "party member"
    fleet_ends: tuple[str, ...] = ()  # 舰队 in 中国舰队 "the Chinese fleet"
    noble_before: tuple[str, ...] = ()  # 封为 in 改封为蒯成侯
    noble_ends: tuple[str, ...] = ()  # 侯 in 蒯成侯 "Marquis of Kuaicheng"
    posthumous: tuple[str, ...] = ()  # 谥 in 谥忠宣 "posthumously named Zhongxuan"
    offices: frozenset[str] = frozenset()  # 卫尉 "Commandant of the Guards", 大佐 "colonel"
    office_ends: tuple[str, ...] = ()  # 郡君 in 兰陵郡君 "Lady of Lanling Commandery"
    compass: frozenset[str] = frozenset()  # 东北 in 东北季风 "the northeast monsoon"
    compass_after: tuple[str, ...] = ()  # 季风 in 东北季风: a direction, not Northeast China
    species_after: tuple[str, ...] = ()  # （学名 in 金爪儿（学名：…）: a species' article
    organism_ends: tuple[str, ...] = ()  # 杆菌 in 保加利亚乳杆菌: a living thing's last word
    byname_after: tuple[str, ...] = ()  # 之称 in 素有“石佛”之称: the quoted word is a byname
    title_splits: tuple[str, ...] = ()  # 长公主 in 陈国长公主: a title cut after its 1st character
    surname_words: frozenset[str] = frozenset()  # 姓 in 缪姓源: "the surname X", no given name
    storm_nouns: tuple[str, ...] = ()  # 气旋 "cyclone": the sentence speaks of a storm
    storm_verbs: tuple[str, ...] = ()  # 弱化 in 约瑟芬再度弱化: what a storm does (with a noun)
    storm_causes: tuple[str, ...] = ()  # 令 in 低压槽令纳丁开始失去…: a clause's subject after it
    peoples: frozenset[str] = frozenset()  # 薛延陀, 卫拉特: a people CC-CEDICT does not know


_KINDS = (
    "descent_head",
    "floor_word",
    "floor_link",
    "lead_word",
    "slang",
    "slang_before",
    "storm_before",
    "people_state",
    "storm_word",
    "landfall_after",
    "landfall_before",
    "genus_before",
    "genus_after",
    "member_end",
    "fleet_end",
    "noble_before",
    "noble_end",
    "posthumous",
    "office",
    "office_end",
    "compass",
    "compass_after",
    "species_after",
    "organism_end",
    "byname_after",
    "title_split",
    "surname_word",
    "storm_noun",
    "storm_verb",
    "storm_cause",
    "people",
)


def parse_words(text: str, source: str = WORDS_FILE) -> WordRules:
    values: dict[str, list[str]] = {kind: [] for kind in _KINDS}
    for lineno, line, fields in paths.data_rows(text, "kind"):
        if len(fields) < 3 or fields[0] not in values or not fields[1] or not fields[2]:
            raise ValueError(f"{source}:{lineno}: bad name-word row {line!r} (kind, value, reason)")
        values[fields[0]].append(fields[1])

    def longest_first(kind: str) -> tuple[str, ...]:
        return tuple(sorted(values[kind], key=len, reverse=True))

    return WordRules(
        descent_heads=frozenset(values["descent_head"]),
        floor_words=longest_first("floor_word"),
        floor_links=longest_first("floor_link"),
        lead_words=longest_first("lead_word"),
        slang=frozenset(values["slang"]),
        slang_before=longest_first("slang_before"),
        storm_before=longest_first("storm_before"),
        people_states=frozenset(values["people_state"]),
        storm_words=longest_first("storm_word"),
        landfall_after=longest_first("landfall_after"),
        landfall_before=longest_first("landfall_before"),
        genus_before=longest_first("genus_before"),
        genus_after=longest_first("genus_after"),
        member_ends=longest_first("member_end"),
        fleet_ends=longest_first("fleet_end"),
        noble_before=longest_first("noble_before"),
        noble_ends=longest_first("noble_end"),
        posthumous=longest_first("posthumous"),
        offices=frozenset(values["office"]),
        office_ends=longest_first("office_end"),
        compass=frozenset(values["compass"]),
        compass_after=longest_first("compass_after"),
        species_after=longest_first("species_after"),
        organism_ends=longest_first("organism_end"),
        byname_after=longest_first("byname_after"),
        title_splits=longest_first("title_split"),
        surname_words=frozenset(values["surname_word"]),
        storm_nouns=longest_first("storm_noun"),
        storm_verbs=longest_first("storm_verb"),
        storm_causes=longest_first("storm_cause"),
        peoples=frozenset(values["people"]),
    )


def get_word_rules() -> WordRules:
    """The shipped table, parsed once per process (an immutable table)."""
    return paths.parsed_package_data(WORDS_FILE, parse_words)


def word_edges(
    entity: Entity,
    text: str,
    lac_words: Sequence[Word] | None,
    rules: WordRules,
    others: Sequence[Entity] = (),
) -> tuple[int, int, str] | None:
    """The span and type ``entity`` (found in the Simplified sentence ``text``) keeps once
    the words of these families are taken off (its own when none applies), or None when
    nothing of it is a name."""
    start, end, kind = entity.start, entity.end, entity.type
    name = text[start:end]
    if _only_floors(name, rules):
        return None  # 四楼往三楼: storeys, whatever the type
    if name in rules.compass and text.startswith(rules.compass_after, end):
        return None  # 东北季风 "the northeast monsoon": a direction, not Northeast China
    if kind not in ("PER", "ORG"):
        return start, end, kind
    descent = _descent_length(name, rules)
    if descent:
        start += descent  # 韩裔金妍儿 → 金妍儿; 陆裔 → nothing
    elif name in rules.slang and text.endswith(rules.slang_before, 0, start):
        return None  # 可爱的亚子 "a cute look"
    elif kind == "PER" and text.endswith(rules.storm_before, 0, start):
        return None  # 热带风暴克劳德特: a storm, not a person
    elif (
        _a_people(entity, name, text, lac_words, rules)
        or _not_a_body_or_person(entity, name, text, rules)
        or _a_living_thing_or_a_byname(entity, name, text, rules)
    ):
        return None  # 赵人, 坎斯克人; 共产党员, 中国舰队, 蒯成侯, 谥忠宣, 马先蒿属, a storm
    elif _a_landfall(entity, text, rules):
        return start, end, "LOC"  # 从穆龙贝登陆 "made landfall at Murombe"
    else:
        start += _lead_length(entity, name, text, lac_words, rules, others)
    return (start, end, kind) if end - start >= 2 else None


def _descent_length(name: str, rules: WordRules) -> int:
    """2 when ``name`` opens with X裔 "of X descent" (X a listed nation or region), else 0."""
    return 2 if name[1:2] == "裔" and name[:1] in rules.descent_heads else 0


def _only_floors(name: str, rules: WordRules) -> bool:
    """四楼往三楼, 大楼南侧四楼往三楼, 下方二楼往一楼, 三楼: storeys, the words between them and
    ordinary words (大楼 "building", 南侧 "south side"), nothing a name is made of (五里村 has
    no storey; 台北大楼三楼 has a proper noun)."""
    if not rules.floor_words:
        return False
    floors = "|".join(map(re.escape, rules.floor_words))
    pieces = re.split(rf"[{_NUMBER}]+(?:{floors})", name)
    if len(pieces) < 2:
        return False  # no storey in it
    return all(_ordinary_words(piece, rules) for piece in pieces)


def _ordinary_words(piece: str, rules: WordRules) -> bool:
    """``piece`` is made of floor links and words CC-CEDICT knows only as ordinary words
    (longest first): 大楼南侧 = 大楼 + 南侧, 往, ''."""
    from reader.annotate.dictionary import default_dictionary

    common = default_dictionary().only_common_senses
    at = 0
    while at < len(piece):
        step = next(
            (
                k
                for k in range(min(len(piece) - at, 4), 0, -1)
                if piece[at : at + k] in rules.floor_links or (k > 1 and common(piece[at : at + k]))
            ),
            0,
        )
        if not step:
            return False
        at += step
    return True


def _a_people(
    entity: Entity, name: str, text: str, lac_words: Sequence[Word] | None, rules: WordRules
) -> bool:
    """薛延陀, 卫拉特, 察哈尔部: a people or tribe CC-CEDICT does not know (a listed one, or
    one and 部 "tribe"); 赵人 "the people of Zhao" as a person (an ancient state and 人); 坎斯克人 as an
    organisation (LAC: the place 坎斯克 and 人), or 拜占庭 before 人 (LAC: the place 拜占庭,
    then 人 alone): the people of a place."""
    if name in rules.peoples or (name.endswith("部") and name[:-1] in rules.peoples):
        return True  # 薛延陀, 察哈尔部 "the Chahar tribe" (fourteenth round)
    words = lac_words or ()
    if entity.type == "PER":
        return len(name) == 2 and name[1] == "人" and name[0] in rules.people_states
    if name.endswith("人"):
        return any(w == (entity.start, entity.end - 1, "LOC") for w in words)
    return text.startswith("人", entity.end) and all(
        w in words for w in ((entity.start, entity.end, "LOC"), (entity.end, entity.end + 1, "n"))
    )


def _not_a_body_or_person(entity: Entity, name: str, text: str, rules: WordRules) -> bool:
    """共产党员 "party member" and 中国舰队 "the Chinese fleet" as organisations; a title of
    nobility (改封为蒯成侯, 封西郡公), an office (卫尉, 大佐, 兰陵郡君) or a posthumous name
    (谥忠宣); a genus between its family and 属 (列当科马先蒿属); a storm opening a clause of
    meteorologists' words."""
    before, after = text[: entity.start], text[entity.end :]
    if entity.type == "ORG":
        if name.endswith(rules.member_ends):
            return True
        fleet = next((e for e in rules.fleet_ends if name.endswith(e)), "")
        if fleet and name[: -len(fleet)].endswith("国") and len(name) > len(fleet) + 1:
            return True
    if name.startswith(rules.posthumous) or before.endswith(rules.posthumous):
        return True
    if entity.type == "PER" and (name in rules.offices or name.endswith(rules.office_ends)):
        return True  # 卫尉, 大佐, 兰陵郡君: a title
    opener = next((w for w in rules.noble_before if name.startswith(w)), "")
    if (opener and len(name) > len(opener) + 1) or before.endswith(rules.noble_before):
        if name.endswith(rules.noble_ends) or after.startswith(rules.noble_ends):
            return True
    if before.endswith(rules.genus_before) and after.startswith(rules.genus_after):
        return True
    return entity.type == "PER" and _opens_a_storms_clause(name, before, after, rules)


def _a_living_thing_or_a_byname(entity: Entity, name: str, text: str, rules: WordRules) -> bool:
    """Thirteenth round: a species (金爪儿（学名：）是报春花科…的植物, the opening of an article
    on a plant or an animal; 保加利亚乳杆菌 "Lactobacillus bulgaricus", 艾氏日行守宫 "a day
    gecko" by their last word), a quoted byname (素有“石佛”之称 "known as 'the Stone
    Buddha'": the person is named after it), a surname and the word "surname" (缪姓源出于…)
    or a title the recogniser cut after its first character (陈国长|公主 "the Grand Princess
    of Chen") is no person or body."""
    if text.startswith(rules.species_after, entity.end) or name.endswith(rules.organism_ends):
        return True
    if entity.type != "PER":
        return False
    quoted = text[entity.start - 1 : entity.start] in _OPEN_QUOTES and (
        text[entity.end : entity.end + 1] in _CLOSE_QUOTES
    )
    if quoted and text.startswith(rules.byname_after, entity.end + 1):
        return True
    if len(name) > 2 and name[1] in rules.surname_words:
        from reader.glossary.auto import surname_length

        if surname_length(name[:2]) == 1:
            return True  # 缪姓源 "the surname Miao (comes from)"
    return any(text.startswith(t, entity.end - 1) for t in rules.title_splits)


_OPEN_QUOTES = frozenset("“「『\"'‘")
_CLOSE_QUOTES = frozenset("”」』\"'’")


def _opens_a_storms_clause(name: str, before: str, after: str, rules: WordRules) -> bool:
    """戈登因少量西南偏西方向风切变…: a foreign name (no Chinese surname) opening a clause that
    speaks of wind shear or of strengthening into a storm is that storm. Fourteenth round:
    查利…带去降水 "Charley brought rain"; with a storm named elsewhere in the sentence, a name
    after a causative word (低压槽令纳丁开始失去热带天气系统特征) or a storm's verb in its clause
    (中心已完全暴露在外，约瑟芬再度弱化); 受亨利影响 "under Henri's influence" in a sentence of
    storms or rain; 艾米莉还是…首场飓风 "Emily was the first hurricane …" (the clause calls it
    one)."""
    if not rules.storm_words or not _reads_foreign(name):
        return False
    opens = not before or before[-1] in "，。；：、,;:\n"
    clause = re.split(r"[，。；！？,;!?]", after, maxsplit=1)[0]
    if opens and any(w in clause for w in rules.storm_words):
        return True
    sentence = before + name + after
    if not any(n in sentence for n in rules.storm_nouns):
        return False
    if before.endswith("受") and after.startswith("影响"):
        return True  # 受亨利影响，…局部暴雨
    caused = before.endswith(rules.storm_causes)
    words = (*rules.storm_words, *rules.storm_verbs)
    if (opens or caused) and any(w in clause for w in words):
        return True
    nouns = "|".join(map(re.escape, rules.storm_nouns))
    return opens and re.match(rf"(?:还|也|则)?是[^，。]*(?:{nouns})$", clause) is not None


def _reads_foreign(name: str) -> bool:
    """No Chinese surname, or a surname followed by what reads as a transliteration (艾|米莉
    "Emily", 查|利 "Charley": 艾 and 查 are surnames too; 李明 is Chinese)."""
    from reader.glossary.auto import surname_length
    from reader.glossary.transliteration import transliteration_odds

    n = surname_length(name)
    return not n or transliteration_odds().is_foreign(name[n:])


def _a_landfall(entity: Entity, text: str, rules: WordRules) -> bool:
    """从穆龙贝登陆 "made landfall at Murombe": a "person" between 从 and 登陆 is a place."""
    return (
        entity.type == "PER"
        and text.startswith(rules.landfall_after, entity.end)
        and text.endswith(rules.landfall_before, 0, entity.start)
    )


def _lead_length(
    entity: Entity,
    name: str,
    text: str,
    lac_words: Sequence[Word] | None,
    rules: WordRules,
    others: Sequence[Entity],
) -> int:
    """How many characters of a preposition open ``name`` (经 in 经永康分局盐行派出所): the
    rest is named in another span of the sentence (台南市永康分局) or LAC reads the word
    alone as a preposition, and the word does not begin a dictionary word inside the name
    (经济日报). A person whose surname the word could be (于谦, 向警予) keeps it."""
    lead = next((w for w in rules.lead_words if name.startswith(w)), "")
    if not lead or len(name) - len(lead) < 2:
        return 0
    from reader.glossary.auto import surname_length
    from reader.glossary.dictionary_names import _entries

    if entity.type == "PER" and surname_length(name):
        return 0
    if any(_entries(name[:k], folded=True) for k in range(len(lead) + 1, len(name) + 1)):
        return 0  # 经济日报, 在线教育: the word is part of a longer one
    rest = name[len(lead) :]
    at = entity.start + len(lead)
    named_elsewhere = any(
        o is not entity and rest[:2] in text[o.start : o.end] and not o.start <= at < o.end
        for o in others
    )
    alone = any(
        w[0] == entity.start and w[1] == at and w[2] in _PREPOSITION_TAGS for w in lac_words or ()
    )
    return len(lead) if named_elsewhere or alone else 0
