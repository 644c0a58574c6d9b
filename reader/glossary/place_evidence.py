"""Evidence in the sentence that a "person" or "organisation" is a place: an article
defining it as one (沃莫尔（）是法国…的一个市镇), a heading qualified by a state (瑟马米什
(华盛顿州)), a list it stands in among places (马赛、图卢兹、里昂和巴黎), or a list the
sentence counts as places (蒙多尔和皮亚塔四个市镇, 两座城市——卡尔帕和纳塔罗阇), a side of it
or a landing at it (从毕尔巴鄂以东, 诺曼底登陆作战) or a settlement it holds (…区所属的一个
村委员会). Part of the
false-name screen (reader/glossary/name_families.py), which holds the data (place kinds,
list marks) in :class:`FamilyRules`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.glossary.judge import Entity

if TYPE_CHECKING:
    from reader.glossary.name_families import FamilyRules

Word = tuple[int, int, str]  # LAC's word: start, end, its tag


def defined_as_a_place(text: str, entity: Entity, rules: FamilyRules) -> bool:
    """沃莫尔（）是法国勃艮第大区约讷省的一个市镇, 覃恩堂，位于…, 瑟马米什 (华盛顿州): the
    sentence opens with the name and defines it as a place (an article's first sentence, or
    its heading with a state, province or county to tell it from others). The span lies in the
    opening words before the first bracket, comma or 是; what follows is "是 … 的(一个) <a
    kind of place>" or, for a person, "位于 …" (an organisation lies somewhere too)."""
    opening = _OPENING.match(text)
    if opening is None or entity.end > opening.end() or not rules.place_kinds:
        return False
    after = text[opening.end() :]
    qualifier = _QUALIFIER.fullmatch(after)
    if qualifier is not None:  # a heading: 瑟马米什 (华盛顿州), not 李烨 (成化进士)
        return qualifier.group(1).endswith((*rules.division_ends, *rules.place_kinds))
    rest = _BRACKETS.sub("", after).lstrip("，, ")
    # 覃恩堂，位于: set off by a bracket or comma (梁定邦位于…的办公室 is his office)
    if entity.type == "PER" and rest.startswith("位于") and after[:1] in "（(，,":
        return True
    clause = re.split(r"[。；;，,]", rest, maxsplit=1)[0]  # 是中国的一位作家，生于…的一个村庄
    if not clause.startswith(("是", "为")):
        return False
    kinds = "|".join(map(re.escape, rules.place_kinds))
    return re.search(rf"的(?:一个|一座|一条)?(?:{kinds})$", clause) is not None


def listed_among_places(
    entity: Entity,
    text: str,
    lac_words: Sequence[Word],
    neighbours: Sequence[Entity],
    rules: FamilyRules,
) -> bool:
    """马赛、波尔多、图卢兹、里昂和巴黎, 打拉根岛，巴厘巴板与东爪哇岛: a name LAC does not call a
    person or an organisation, in a list whose neighbouring item LAC calls a place, is a
    place too (a list holds things of one kind). An organisation that ends like one (美国政府
    in 中国和美国政府) stays, and so does one in a list where the recogniser finds another
    name of its type (塞维利亚、瓦伦西亚、沙尔克04: football clubs named after cities)."""
    from reader.glossary.org_endings import ends_like_an_organisation

    if entity.type == "ORG" and ends_like_an_organisation(text[entity.start : entity.end]):
        return False
    before, after = text[: entity.start], text[entity.end :]
    for mark in rules.list_marks:
        for n in neighbours:
            if n.type == entity.type and (
                (n.end == entity.start - len(mark) and before.endswith(mark))
                or (n.start == entity.end + len(mark) and after.startswith(mark))
            ):
                return False
    ends = {w[1]: w for w in lac_words}
    starts = {w[0]: w for w in lac_words}
    for mark in rules.list_marks:
        if before.endswith(mark):
            word = ends.get(entity.start - len(mark))
            if word is not None and word[2] == "LOC":
                return True
        if after.startswith(mark):
            word = starts.get(entity.end + len(mark))
            if word is not None and word[2] == "LOC":
                return True
    return False


def counted_among_places(text: str, entity: Entity, rules: FamilyRules) -> bool:
    """由努美阿、丹贝阿、蒙多尔和皮亚塔四个市镇组成, 最后两座城市——卡尔帕和纳塔罗阇: the name
    stands in a list (items joined by list marks) that a number of places closes ("four
    communes") or opens before a dash or colon ("the two cities: …"). The count must name a
    kind of place (张三和李四两个人 counts people); an organisation that ends like one stays."""
    from reader.glossary.org_endings import ends_like_an_organisation

    if not (rules.place_counters and rules.place_kinds and rules.list_marks):
        return False
    if entity.type == "ORG" and ends_like_an_organisation(text[entity.start : entity.end]):
        return False
    marks = "|".join(map(re.escape, rules.list_marks))
    number = "".join(rules.numerals) + "两0-9"
    count = (
        f"[{number}]+(?:{'|'.join(map(re.escape, rules.place_counters))})"
        f"(?:{'|'.join(map(re.escape, rules.place_kinds))})"
    )
    item = rf"[^{number}、，,。；;：:（）()“”\s]{{1,12}}?"
    if re.match(rf"(?:(?:{marks}){item})*{count}", text[entity.end :]):
        return True
    opened = re.search(rf"{count}(?:——|—|：|:)(?:{item}(?:{marks}))*$", text[: entity.start])
    return opened is not None


def placed_by_its_side(text: str, entity: Entity, rules: FamilyRules) -> bool:
    """Fourteenth round: 从毕尔巴鄂以东 "from east of Bilbao", 诺曼底登陆作战 "the Normandy
    landings": a side of it or a landing at it makes a "person" or "organisation" a place;
    是俄罗斯联邦…普里沃尔日耶区所属的一个村委员会 "is a village council of … district": what
    holds a settlement is a place. An organisation that ends like one (林达集团所属的…) stays."""
    from reader.glossary.org_endings import ends_like_an_organisation

    if entity.type == "ORG" and ends_like_an_organisation(text[entity.start : entity.end]):
        return False
    after = text[entity.end :]
    side = next((w for w in rules.place_sides if after.startswith(w)), "")
    if side and (not side.startswith("以") or after[len(side) : len(side) + 1] in _AFTER_A_SIDE):
        return True  # 毕尔巴鄂以东，; not 华为以东方为名, 李明以北京为家 (以 "take … as")
    holder = next((h for h in rules.holder_after if after.startswith(h)), "")
    if not holder or not rules.place_kinds:
        return False
    kinds = "|".join(map(re.escape, rules.place_kinds))
    return re.match(rf"(?:一个|一座)?(?:{kinds})(?:$|[。，；,;])", after[len(holder) :]) is not None


# what may follow "east of X" (以东的, 以东约三公里, 以东直到…): not a word 东 or 北 opens
_AFTER_A_SIDE = frozenset("，。；、,;的地约至直数几") | {""}

# the words a sentence opens with, up to its first bracket, comma, 是 or 位于
_OPENING = re.compile(r"(?:(?!位于)[^（(，,。；是\s])+")
_QUALIFIER = re.compile(r"\s*[（(]([^）)]+)[）)]\s*")
_BRACKETS = re.compile(r"^(?:（[^）]*）|\([^)]*\))+")
