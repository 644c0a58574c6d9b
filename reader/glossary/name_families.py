"""Families of false names: spans the recogniser calls a person or an organisation that are
something else, caught by what the family has in common rather than sentence by sentence.

A false name costs the reader twice: it is shown as a name, and a confident one is forced
into the machine translation. Each family is decided from evidence outside the recogniser's
own score (the data and its reasons: reader/data/name_families.tsv):

- **names run on into a verb**: 蓝天蔚率北伐军 "Lan Tianwei led the Northern Expedition
  army" is the person 蓝天蔚 and the words after him (the verbs are data);
- **reign periods**: a "name" followed by 元年 or by Chinese numerals and 年 (嘉庆八年,
  崇德元年) is an era, not an organisation or a person; a ruler's title run into the period
  (宋文帝元嘉四年) keeps the ruler only;
- **relations and titles**: a surname plus a kinship word or a title (陈母 "Chen's mother",
  郭神父 "Father Guo") has no given name to render;
- **religions, schools, peoples**: CC-CEDICT knows the proper noun as one (巴哈伊 "Baha'i
  (religion)", 鲜卑 "Xianbei, group of northern nomadic peoples");
- **a nation's forces**: 日军, 瑞军 "the Swedish army" are a side in a war, not a named
  organisation (红军 "Red Army" is one: CC-CEDICT capitalises it);
- **places typed as persons or organisations**: CC-CEDICT knows the name only as a place
  (加兹尼 "Ghazni (Afghan province)"), or LAC's tagger calls the very same span a place and
  CC-CEDICT knows it as a proper noun but not as an institution (立陶宛 "Lithuania") — it is
  shown as a place;
- **cities of the world**: a span exactly a foreign city of GeoNames' (格鲁琼兹, 武科瓦尔;
  reader/data/world_places.tsv) is a place when the recogniser is not sure enough to force
  it (an organisation: below ``world_place_below``, a city names its club) and neither LAC
  nor a title after it (卡南加博士) makes it a person;
- **places said to be places**: a "person" after a verb of moving to or lying in a place
  (迁至贝桑松, 位于…), or before "(modern …)" (阳夏（今河南太康）), is a place;
- **names the two taggers disagree on**: the recogniser's span and LAC's analysis of the
  sentence (its words and their name tags; the recogniser reads them as evidence, but decides
  per character) share no name, or LAC's names cut across the span (蓝天蔚率, 唐蒙习部): then
  the recogniser must be surer than its shown-name threshold (``disagreement_floor``, chosen
  on CLUENER train's tuning part);
- **clues in or around the span** (reader/glossary/name_clues.py, the sixteenth round): a
  surname and a title of address (王将军), a prince's title after a "body" (威廉王子), a
  company CC-CEDICT knows typed a person (米高梅), a name cut inside the same name of the
  sentence (罗凤 of 阁罗凤) or inside a city of the world (谢希尔 of 内夫谢希尔).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reader import paths
from reader.glossary.family_checks import (
    Word,
    a_world_place,
    dictionary_senses,
    head_before_a_verb,
    is_a_generic_body,
    is_a_nations_army,
    is_a_nations_service,
    is_a_taxon,
    is_era,
    is_relation,
    lac_view,
    names_a_belief_or_people,
    only_a_place,
    said_to_be_a_place,
)
from reader.glossary.judge import Entity, NameSpan
from reader.glossary.name_boundaries import fixed_edges
from reader.glossary.name_clues import clue_edges, clue_verdict, get_clues
from reader.glossary.name_kinds import kind_of
from reader.glossary.name_words import get_word_rules, word_edges
from reader.glossary.place_bodies import place_headed_body
from reader.glossary.place_evidence import (
    counted_among_places,
    defined_as_a_place,
    listed_among_places,
    placed_by_its_side,
)

FAMILIES_FILE = "name_families.tsv"


@dataclass(frozen=True, slots=True)
class FamilyRules:
    kin: frozenset[str]  # after a surname: a relation or a title (母, 神父)
    era_after: tuple[str, ...]  # after a reign period's name (元年)
    numerals: frozenset[str]  # Chinese numerals (八 in 嘉庆八年)
    run_on_verbs: tuple[str, ...]  # 率 in 蓝天蔚率北伐军: a verb a name never contains
    place_before: tuple[str, ...]  # 迁至 in 迁至贝桑松: what stands before a place
    place_after: tuple[str, ...]  # （今 in 阳夏（今河南太康）: what follows a place
    group_ends: frozenset[str]  # 军 in 日军: the forces of a nation or side
    group_nouns: frozenset[str]  # army: a capitalised one names a body (Red Army)
    ruler_ends: frozenset[str]  # the last character of a ruler's title (帝 in 宋文帝)
    senses: frozenset[str]  # CC-CEDICT definition words of a religion, school, people, era
    army_ends: tuple[str, ...] = ()  # 海军 in 印度海军: a nation's armed service
    event_ends: tuple[str, ...] = ()  # 运动会 in 奥林匹克运动会: an event, not a body
    place_kinds: tuple[str, ...] = ()  # 市镇 in "X（）是法国…的一个市镇": what a place is
    list_marks: tuple[str, ...] = ()  # 、 和 与: between the items of a list
    title_ends: tuple[str, ...] = ()  # 公爵 in 奥斯塔公爵: a person's title, not a body
    division_ends: tuple[str, ...] = ()  # 州 in 布良斯克州: a place, not a body
    taxon_ends: tuple[str, ...] = ()  # 科 in 爵床科: a rank of living things
    taxon_next: tuple[str, ...] = ()  # 属 in 爵床科叉柱花属: the rank below, after it
    tail_chars: frozenset[str] = frozenset()  # 妹 in 胡朝阳妹: no third given character
    age_after: tuple[str, ...] = ()  # 岁 in 邓禹年五十七岁: 年 and a number make an age
    band_ends: tuple[str, ...] = ()  # 余部 in 钳牟岑余部: a leader's troops, not a body
    place_counters: tuple[str, ...] = ()  # 个 in 蒙多尔和皮亚塔四个市镇: places counted
    dynasties: frozenset[str] = frozenset()  # 隋 in 隋开皇元年: a dynasty before its period
    death_chars: frozenset[str] = frozenset()  # 卒 in 陆腾卒 "Lu Teng died"
    building_ends: tuple[str, ...] = ()  # 塔 in 齐云塔 "Qiyun Pagoda": a building
    place_sides: tuple[str, ...] = ()  # 以东 in 从毕尔巴鄂以东 "east of Bilbao": a place
    holder_after: tuple[str, ...] = ()  # 所属的 in 是X区所属的一个村委员会: X holds a place
    person_after: tuple[str, ...] = ()  # 父亲 in 埃连父亲 "Elián's father": a person
    troop_chars: frozenset[str] = frozenset()  # 兵 in 田丰兵攻打 "Tian Feng's soldiers"
    dynasty_words: frozenset[str] = frozenset()  # 朝 in 陈朝 "the Chen dynasty"
    title_after: tuple[str, ...] = ()  # 博士 in 卡南加博士 "Dr. Kananga": not the city
    generic_body_ends: tuple[str, ...] = ()  # 学院 in 教育学院 "a school of education"
    # per type: below it, a name the two taggers disagree on is not shown
    disagreement_floor: dict[str, float] = field(default_factory=dict)
    # per type: below it, a name CC-CEDICT and LAC both call a place is shown as a place
    retype_below: dict[str, float] = field(default_factory=dict)
    # per type: below it (and below the forcing threshold), a foreign city is a place
    world_place_below: dict[str, float] = field(default_factory=dict)


def parse_families(text: str, source: str = FAMILIES_FILE) -> FamilyRules:
    rows: dict[str, list[list[str]]] = {}
    for lineno, line, fields in paths.data_rows(text, "kind"):
        if len(fields) < 3 or fields[0] not in _KINDS or not fields[1]:
            raise ValueError(
                f"{source}:{lineno}: bad name-family row {line!r} (kind, value, reason)"
            )
        rows.setdefault(fields[0], []).append(fields[1:])
    values = {kind: [row[0] for row in rows.get(kind, [])] for kind in _KINDS}
    settings: dict[str, dict[str, float]] = {}
    for row in rows.get("setting", []):
        name, _, kind = row[0].rpartition("_")
        try:
            settings.setdefault(name, {})[kind] = float(row[1])
        except ValueError:
            raise ValueError(f"{source}: setting {row[0]} is not a number") from None
    return FamilyRules(
        kin=frozenset(values["kin"]),
        era_after=tuple(values["era_after"]),
        numerals=frozenset("".join(values["numeral"])),
        run_on_verbs=tuple(values["run_on"]),
        place_before=tuple(values["place_before"]),
        place_after=tuple(values["place_after"]),
        group_ends=frozenset("".join(values["group_end"])),
        group_nouns=frozenset(v.lower() for v in values["group_noun"]),
        ruler_ends=frozenset("".join(values["ruler_end"])),
        senses=frozenset(v.lower() for v in values["sense"]),
        army_ends=tuple(values["army_end"]),
        event_ends=tuple(values["event_end"]),
        place_kinds=tuple(sorted(values["place_kind"], key=len, reverse=True)),
        list_marks=tuple(values["list_mark"]),
        title_ends=tuple(values["title_end"]),
        division_ends=tuple(values["division_end"]),
        taxon_ends=tuple(values["taxon_end"]),
        taxon_next=tuple(values["taxon_next"]),
        tail_chars=frozenset("".join(values["tail_char"])),
        age_after=tuple(values["age_after"]),
        band_ends=tuple(values["band_end"]),
        place_counters=tuple(values["place_counter"]),
        dynasties=frozenset("".join(values["dynasty"])),
        death_chars=frozenset("".join(values["death_char"])),
        building_ends=tuple(values["building_end"]),
        place_sides=tuple(values["place_side"]),
        holder_after=tuple(values["holder_after"]),
        person_after=tuple(sorted(values["person_after"], key=len, reverse=True)),
        troop_chars=frozenset("".join(values["troop_char"])),
        dynasty_words=frozenset("".join(values["dynasty_word"])),
        title_after=tuple(values["title_after"]),
        generic_body_ends=tuple(values["generic_body_end"]),
        disagreement_floor=settings.get("disagreement_floor", {}),
        retype_below=settings.get("retype_below", {}),
        world_place_below=settings.get("world_place_below", {}),
    )


_KINDS = (
    "kin",
    "era_after",
    "numeral",
    "ruler_end",
    "run_on",
    "place_before",
    "place_after",
    "group_end",
    "group_noun",
    "army_end",
    "event_end",
    "place_kind",
    "list_mark",
    "title_end",
    "division_end",
    "taxon_end",
    "taxon_next",
    "tail_char",
    "age_after",
    "band_end",
    "place_counter",
    "dynasty",
    "death_char",
    "building_end",
    "place_side",
    "holder_after",
    "person_after",
    "troop_char",
    "dynasty_word",
    "title_after",
    "generic_body_end",
    "sense",
    "setting",
)


def get_families() -> FamilyRules:
    """The shipped table, parsed once per process (an immutable table)."""
    return paths.parsed_package_data(FAMILIES_FILE, parse_families)


def screen(
    entities: Sequence[Entity],
    text: str,
    lac_words: Sequence[Word] | None,
    agreement: bool = True,
    rules: FamilyRules | None = None,
    forces: Callable[[Entity], bool] | None = None,
) -> list[Entity]:
    """``entities`` (found in the Simplified sentence ``text``) without the false persons and
    organisations; a place typed as one comes back as a place (a :class:`~reader.glossary.judge.NameSpan`).
    ``lac_words``: LAC's analysis of ``text`` (None without it: its families are skipped);
    ``agreement``: whether the taggers' disagreement counts (not for names a dictionary
    lists); ``forces``: whether the recogniser is sure enough to force a name (None: the
    world-places family is not asked)."""
    rules = rules or get_families()
    words = get_word_rules()
    kept: list[Entity] = []
    for entity in entities:
        edges = word_edges(entity, text, lac_words, words, entities)
        if edges is None:  # 陆裔 "of mainland descent", 四楼往三楼, 热带风暴X, 赵人
            continue
        if edges != (entity.start, entity.end, entity.type):  # 经永康分局 → 永康分局
            entity = NameSpan(*edges, entity.confidence)
        if entity.type not in ("PER", "ORG"):
            kept.append(entity)
            continue
        edges = fixed_edges(entity, text, lac_words, rules, entities)
        if edges is None:  # a leader's troops or a relation with no name left
            continue
        if edges != (entity.start, entity.end, entity.type):
            entity = NameSpan(*edges, entity.confidence)
            if entity.type == "LOC":  # 肖托 of 肖托夸县: a piece of LAC's place
                kept.append(entity)
                continue
        edges = clue_edges(entity, text, entities, lac_words, get_clues())
        if edges is None:  # 唐由盛转衰: a set phrase with no name before it
            continue
        if edges != (entity.start, entity.end, entity.type):
            entity = NameSpan(*edges, entity.confidence)  # 罗凤 → 阁罗凤 (sixteenth round)
            if entity.type == "LOC":  # 谢希尔 of 内夫谢希尔 (Nevşehir): a city's piece
                kept.append(entity)
                continue
        verdict = _verdict(entity, text, lac_words, agreement, rules, entities, forces)
        if verdict == "keep":
            kept.append(entity)
        elif verdict in ("LOC", "PER", "ORG"):
            kept.append(NameSpan(entity.start, entity.end, verdict, entity.confidence))
        elif verdict.startswith("head:") and int(verdict[5:]) > 0:
            # 蓝天蔚率北伐军: the person before the verb (none: nothing is kept)
            end = entity.start + int(verdict[5:])
            kept.append(NameSpan(entity.start, end, "PER", entity.confidence))
        elif verdict == "ruler":  # 宋文帝元嘉四年: the ruler without the reign period
            # a ruler is a person whatever the span's type (汉献帝建安 read as a body)
            kept.append(NameSpan(entity.start, entity.end - 2, "PER", entity.confidence))
    return kept


def _verdict(
    entity: Entity,
    text: str,
    lac_words: Sequence[Word] | None,
    agreement: bool,
    rules: FamilyRules,
    neighbours: Sequence[Entity] = (),
    forces: Callable[[Entity], bool] | None = None,
) -> str:
    """keep, drop, LOC (a place), PER or ORG (retyped), ruler (without the reign period) or
    head:N (the first N characters are the person)."""
    name = text[entity.start : entity.end]
    head = head_before_a_verb(name, rules)
    if head is not None:
        return f"head:{head}"
    if is_era(text[entity.end - 2 : entity.end], text[entity.end :], rules):
        if len(name) == 2:
            return "drop"
        if len(name) > 3 and name[-3] in rules.ruler_ends:
            return "ruler"
    if entity.type == "PER" and is_relation(name, rules):
        return "drop"
    if is_a_taxon(name, text[entity.end :], rules):
        return "drop"
    senses = dictionary_senses(name)
    if names_a_belief_or_people(senses, rules):
        return "drop"
    kind = kind_of(entity, text, senses, neighbours, rules)
    if kind is not None:  # 齐云塔 a building, 刘宋 a dynasty, 希波克拉底 a person
        return kind
    clue = clue_verdict(entity, text, senses, lac_words, get_clues(), rules)
    if clue is not None:  # 王将军, 威廉王子, 米高梅, 日军舰队 … (sixteenth round)
        return clue
    if entity.type == "ORG" and is_a_nations_army(name, senses, rules):
        return "drop"
    if entity.type == "ORG" and name.endswith(rules.event_ends):
        return "drop"  # 奥林匹克运动会: a games, not the body that holds it
    if entity.type == "ORG" and is_a_generic_body(
        name, text[: entity.start], text[entity.end :], rules
    ):
        return "drop"  # 管理学院、教育学院 "schools of management, of education"
    lac = lac_view(entity, lac_words) if lac_words is not None else None
    if entity.type == "ORG" and is_a_nations_service(name, entity, lac_words, rules):
        return "drop"
    if (
        defined_as_a_place(text, entity, rules)
        or counted_among_places(text, entity, rules)
        or placed_by_its_side(text, entity, rules)
    ):
        return "LOC"
    if entity.type == "ORG" and name.endswith(rules.division_ends):
        return "LOC"  # 俄罗斯联邦布良斯克州: a province
    if entity.type == "ORG" and name.endswith(rules.title_ends) and len(name) > 2:
        return "PER"  # 奥斯塔公爵 "the Duke of Aosta", 合不勒汗 "Khabul Khan"
    if (
        lac_words
        and lac not in ("PER", "ORG", "same")
        and listed_among_places(entity, text, lac_words, neighbours, rules)
    ):
        return "LOC"
    if senses and only_a_place(senses, entity, lac, rules):
        return "LOC"
    if entity.type == "PER" and said_to_be_a_place(text, entity, senses, rules):
        return "LOC"
    if (
        forces is not None
        and not forces(entity)
        and entity.confidence < rules.world_place_below.get(entity.type, 1.0)
        and a_world_place(name, entity, lac, text, rules)
    ):
        return "LOC"  # 格鲁琼兹 Grudziądz, a city CC-CEDICT does not know
    floor = rules.disagreement_floor.get(entity.type) if agreement else None
    if lac in ("none", "across") and floor is not None and entity.confidence < floor:
        # LAC's place plus common nouns ending as a body's name (加拿大|政府) is no
        # disagreement about the name (reader/glossary/place_bodies.py)
        if lac_words and place_headed_body(entity, text, lac_words):
            return "keep"
        return "drop"
    return "keep"
