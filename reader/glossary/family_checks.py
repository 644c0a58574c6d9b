"""The checks of the false-name screen (reader/glossary/name_families.py), one per family:
eras, relations, taxa, beliefs and peoples, places, a nation's army or service, and what
LAC's analysis says of a span. Each reads the family data of
:class:`~reader.glossary.name_families.FamilyRules` (reader/data/name_families.tsv)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.glossary.judge import Entity
from reader.han import HAN_CLASS

if TYPE_CHECKING:
    from reader.glossary.name_families import FamilyRules

Word = tuple[int, int, str]  # LAC's word: start, end, its tag (PER, LOC, ORG, n, v …)
_NAME_TAGS = frozenset({"PER", "ORG", "LOC"})


def head_before_a_verb(name: str, rules: FamilyRules) -> int | None:
    """蓝天蔚率北伐军, 窦宪兴兵: a name run on into a verb of leading troops and its object.
    The length of the person before the verb when it is a Chinese name (a surname, 2–3
    characters), 0 when there is none (the span is dropped), None when no such verb."""
    from reader.glossary.auto import surname_length

    for at in range(2, len(name)):
        if name[at:].startswith(rules.run_on_verbs):
            n = surname_length(name[:at])
            return at if n and 2 <= at <= n + 2 else 0
    return None


def is_era(name: str, after: str, rules: FamilyRules) -> bool:
    """嘉庆八年, 崇德元年: ``name`` (the span's last two characters) is a reign period when
    what follows says so. The caller drops a 2-character span, and takes the period off a
    ruler's (宋文帝元嘉); other longer names stand (王小明十年前 counts years)."""
    if after.startswith(rules.era_after):
        return True
    digits = len(after) - len(after.lstrip("".join(rules.numerals)))
    return digits > 0 and after[digits : digits + 1] == "年"


def is_relation(name: str, rules: FamilyRules) -> bool:
    """陈母, 郭神父, 欧阳氏: a surname and a kinship word or title, no given name."""
    from reader.glossary.auto import get_name_rules
    from reader.glossary.fold import fold

    surnames = get_name_rules().surnames
    folded = fold(name)
    return any(
        folded[:n] in surnames and folded[n:] in rules.kin for n in (2, 1) if len(folded) > n
    )


def dictionary_senses(name: str) -> list[str]:
    """CC-CEDICT's proper-noun definitions of ``name`` (Simplified)."""
    from reader.glossary.dictionary_names import _entries

    return [d for proper, definitions in _entries(name, folded=True) if proper for d in definitions]


def names_a_belief_or_people(senses: Sequence[str], rules: FamilyRules) -> bool:
    """Every proper sense is a religion, a school, a people or an era (巴哈伊 "Baha'i
    (religion)"); a person's sense (a lifespan) keeps the name."""
    if not senses or any(A_LIFETIME.search(d) for d in senses):
        return False
    # "People's" (Chinese People's Liberation Army) names a body, not a people
    return all(
        any(w in rules.senses for w in re.findall(r"[a-z]+(?:'s)?", d.lower())) for d in senses
    )


def only_a_place(
    senses: Sequence[str], entity: Entity, lac: str | None, rules: FamilyRules
) -> bool:
    """CC-CEDICT knows the name as a place and as no person or institution: 加兹尼 "Ghazni
    (Afghan province)" typed a person; 立陶宛 "Lithuania" typed an organisation where LAC
    tags the same span a place and the recogniser is not sure (a bare proper name is a place
    or a company, and a city names its football club: the sentence tells)."""
    from reader.glossary.dictionary_names import _PLACE_WORDS

    if any(A_LIFETIME.search(d) or "(name)" in d or d.startswith("surname") for d in senses):
        return False
    if entity.type == "PER":
        return any(_PLACE_WORDS.search(d) for d in senses)
    below = rules.retype_below.get(entity.type)
    return lac == "LOC" and below is not None and entity.confidence < below


def a_world_place(
    name: str, entity: Entity, lac: str | None, text: str, rules: FamilyRules
) -> bool:
    """格鲁琼兹, 武科瓦尔 typed a person or an organisation: a city of the world that CC-CEDICT
    does not know (reader/data/world_places.tsv, from GeoNames) is a place, unless LAC's
    analysis calls the same span a person (``lac``: its :func:`lac_view`; None without LAC:
    nothing said) or the words after it make it one (埃连父亲, 卡南加博士). The caller asks it only of a
    name the recogniser is not sure enough to force (a sure one is what the sentence says).
    The table holds no person CC-CEDICT knows (华盛顿, 林肯 stay persons)."""
    if lac is None or lac == "PER" or (entity.type == "PER" and lac == "same"):
        return False
    if text[entity.end :].startswith(rules.person_after + rules.title_after):
        return False
    from reader.glossary.world_places import world_place

    return world_place(name) is not None


def said_to_be_a_place(
    text: str, entity: Entity, senses: Sequence[str], rules: FamilyRules
) -> bool:
    """迁至贝桑松, 位于X, 陈郡阳夏（今河南太康）: the words around a "person" say it is a place
    (a verb of moving or lying somewhere before it, "(modern …)" after it). A person
    CC-CEDICT knows keeps its type."""
    if any(A_LIFETIME.search(d) or "(name)" in d for d in senses):
        return False
    before, after = text[: entity.start], text[entity.end :]
    return before.endswith(rules.place_before) or after.startswith(rules.place_after)


def is_a_nations_army(name: str, senses: Sequence[str], rules: FamilyRules) -> bool:
    """日军, 瑞军 "the Swedish army", 美军 "US army": a 2-character organisation ending in a
    group word is a nation's (or a side's) forces, not a named body; CC-CEDICT's
    capitalised name keeps one (红军 "Red Army", 新军 "New Armies")."""
    if len(name) != 2 or name[-1] not in rules.group_ends:
        return False
    return not any(
        w[:1].isupper() and (w.lower() in rules.group_nouns or w.lower()[:-1] in rules.group_nouns)
        for d in senses
        for w in re.findall(r"[A-Za-z]+", d)
    )


def is_a_nations_service(
    name: str, entity: Entity, lac_words: Sequence[Word] | None, rules: FamilyRules
) -> bool:
    """印度海军 "the Indian navy", 叙利亚军队, 拜占庭帝国军队, 黎巴嫩政府军: a nation (a proper
    noun CC-CEDICT or LAC knows, or an empire or kingdom) and an armed service is a side's
    forces, as 日军 is. A named army's own branch (中国人民解放军海军) and a club named
    after an army (莫斯科中央陆军: 莫斯科中央 is no nation) stay."""
    end = next((e for e in rules.army_ends if name.endswith(e)), None)
    if end is None or len(name) == len(end):
        return False
    head = name[: -len(end)]
    if head.endswith("国"):  # 英国, 拜占庭帝国, 德意志帝国
        return True
    head_end = entity.start + len(head)
    if lac_words and any(w == (entity.start, head_end, "LOC") for w in lac_words):
        return True  # LAC's place: 拜占廷 (no CC-CEDICT entry in this spelling)
    senses = dictionary_senses(head)
    if senses:
        return not any(
            w.lower() in rules.group_nouns or w.lower()[:-1] in rules.group_nouns
            for d in senses
            for w in re.findall(r"[A-Za-z]+", d)
        )
    return False


def is_a_taxon(name: str, after: str, rules: FamilyRules) -> bool:
    """爵床科 in 是爵床科叉柱花属的植物 "a plant of the genus … of the family Acanthaceae": a
    family or order named before the genus or family it holds is no person or body."""
    if not name.endswith(rules.taxon_ends) or not rules.taxon_next:
        return False
    lower = "|".join(map(re.escape, rules.taxon_next))
    return re.match(rf"[{HAN_CLASS}]{{1,8}}?(?:{lower})", after) is not None


def is_a_generic_body(name: str, before: str, after: str, rules: FamilyRules) -> bool:
    """管理学院、教育学院、医疗护理学院 (seventeenth round): an academic body named by its field
    alone — everyday words CC-CEDICT knows (two characters or more each) before an ending of
    ``generic_body_ends`` — listed beside another body of that ending is one of a
    university's schools, a kind of body, not one named. Alone (成立军事经济学院) it may be a
    body's name; a place or a person before the field (北京教育学院) makes it one."""
    from reader.annotate.dictionary import default_dictionary
    from reader.glossary.fold import fold

    ending = next((e for e in rules.generic_body_ends if name.endswith(e)), "")
    head = fold(name[: len(name) - len(ending)])
    if not ending or len(head) < 2 or not rules.list_marks:
        return False
    marks = "|".join(map(re.escape, rules.list_marks))
    item = rf"[{HAN_CLASS}]{{1,8}}?{re.escape(ending)}"
    if not (re.search(rf"{item}(?:{marks})$", before) or re.match(rf"(?:{marks}){item}", after)):
        return False
    dictionary = default_dictionary()
    at = 0
    while at < len(head):
        size = next(
            (
                n
                for n in range(min(4, len(head) - at), 1, -1)
                if dictionary.only_common_senses(head[at : at + n])
            ),
            0,
        )
        if not size:
            return False
        at += size
    return True


# a person's years in a definition: a lifespan or a reign, "(reigned 222-252)", "(c. 1480-1521)"
A_LIFETIME = re.compile(r"\([^)]*\d{2,4} ?(?:BC )?-(?: ?\d{1,4})?[^)]*\)|\(born \d{4}\)")


def lac_view(entity: Entity, words: Sequence[Word]) -> str:
    """What LAC makes of the span: its tag when one LAC word is exactly the span ("PER",
    "LOC", "n" …), "same" when LAC's names of the recogniser's type tile it, "none" when no
    LAC name overlaps it, "across" otherwise (LAC's words cut across its edges)."""
    inside = [w for w in words if w[0] < entity.end and entity.start < w[1]]
    if len(inside) == 1 and inside[0][:2] == (entity.start, entity.end):
        return inside[0][2]
    if (
        inside
        and all(w[2] == entity.type for w in inside)
        and inside[0][0] == entity.start
        and inside[-1][1] == entity.end
    ):
        return "same"
    if not any(w[2] in _NAME_TAGS for w in inside):
        return "none"
    return "across"
