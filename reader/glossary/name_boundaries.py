"""Wrong edges of a name: the recogniser's person runs into the word after it, or its
"name" is a piece of a longer place. Part of the false-name screen
(reader/glossary/name_families.py), which holds the data (``tail_chars``, ``age_after``,
``numerals``) in :class:`FamilyRules`.

- **a Chinese given name of three characters**: a single-character surname and three more
  (胡朝阳妹 "Hu Chaoyang's sister", 杨敬之代郑覃 "Yang Jingzhi replaced Zheng Tan") is a
  name of two given characters run into a kinship word or a verb; a transliteration
  (贝克汉姆) or a compound surname (欧阳伯权) keeps all its characters;
- **a death after a name** (thirteenth round): 陆腾卒 "Lu Teng died": a person of a
  one-character surname and two more whose last is a word of dying (卒, 薨) is the first
  two (no given name ends in one);
- **a person's soldiers** (fourteenth round): 田丰兵攻打益都 … 击破田丰 "Tian Feng's
  soldiers attacked …": a "person" that is another person of the sentence and 兵 or 军 is
  that person (张建军 alone is a name);
- **an age after a name**: 邓禹年五十七岁 "Deng Yu, aged 57": 年 and a number of years
  belong to the age, not to the name;
- **a leader's troops**: 钳牟岑余部 "the remnants of Geom Mojam's troops" is no body; the
  leader before the word (``band_ends``) is the name;
- **a piece of a place**: a name that LAC's place word contains and reaches past
  (肖托 of 肖托夸县, 新济布科夫 of 新济布科夫区) is that place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.glossary.judge import Entity

if TYPE_CHECKING:
    from reader.glossary.name_families import FamilyRules

Word = tuple[int, int, str]  # LAC's word: start, end, its tag


def fixed_edges(
    entity: Entity,
    text: str,
    lac_words: Sequence[Word] | None,
    rules: FamilyRules,
    others: Sequence[Entity] = (),
) -> tuple[int, int, str] | None:
    """The span and type ``entity`` should have (its own when nothing is wrong), or None
    when nothing of it is a name: a piece of a place is that place (when no other name
    lies in it), a leader's troops are the leader (钳牟岑余部), a person run into the word
    after it loses that word (胡朝阳妹, 邓禹年五十七岁)."""
    place = place_holding(entity, text, lac_words, rules)
    if place is not None and not any(
        n is not entity and n.start < place[1] and place[0] < n.end for n in others
    ):
        return place[0], place[1], "LOC"
    start, end, kind = entity.start, entity.end, entity.type
    band = next((e for e in rules.band_ends if text.endswith(e, 0, end)), "")
    if band:
        end, kind = end - len(band), "PER"
    elif kind == "PER":
        end -= characters_run_on(text[start:end], text[end:], rules)
        end -= _troops_of(entity, text, rules, others)
    return (start, end, kind) if end - start >= 2 else None


def characters_run_on(name: str, after: str, rules: FamilyRules) -> int:
    """How many characters at the end of the person ``name`` (followed by ``after``) belong
    to the words after it: 1 for 胡朝阳妹 and 杨敬之代 (a three-character given name ending
    in a tail character), for 陆腾卒 (a death) and for 邓禹年 before 五十七岁 (an age), else 0."""
    if name.endswith("年") and len(name) > 2 and _an_age(after, rules):
        return 1
    if len(name) == 3 and name[-1] in rules.death_chars:
        from reader.glossary.auto import surname_length

        return 1 if surname_length(name[:2]) == 1 else 0  # 陆腾卒 → 陆腾 (欧阳卒 stays)
    if len(name) != 4 or name[-1] not in rules.tail_chars:
        return 0
    from reader.glossary.auto import is_transliteration_by_rule, surname_length
    from reader.glossary.transliteration import transliteration_odds

    # 胡朝阳: a one-character surname and a given name of two; a compound surname (欧阳伯权,
    # 尉迟敬德) makes four characters a whole name
    if surname_length(name) or surname_length(name[:3]) != 1:
        return 0
    head = name[:3]
    if is_transliteration_by_rule(head) or transliteration_odds().is_foreign(head[1:]):
        return 0  # 贝克汉 of 贝克汉姆: a foreign name, not a surname and a given name
    return 1


def _troops_of(entity: Entity, text: str, rules: FamilyRules, others: Sequence[Entity]) -> int:
    """Fourteenth round: 田丰兵攻打益都 … 击破田丰 "Tian Feng's soldiers attacked …": a
    "person" that is another person of the sentence and a word of troops (兵, 军) is that
    person's soldiers (1 character to take off), else 0. Alone, 张建军 and 彭小军 are names."""
    name = text[entity.start : entity.end]
    if len(name) < 3 or name[-1] not in rules.troop_chars:
        return 0
    head = name[:-1]
    return int(
        any(o is not entity and o.type == "PER" and text[o.start : o.end] == head for o in others)
    )


def _an_age(after: str, rules: FamilyRules) -> bool:
    """五十七岁, 57岁: a number of years and a word of age."""
    digits = len(after) - len(after.lstrip("".join(rules.numerals) + "0123456789"))
    return digits > 0 and after[digits:].startswith(rules.age_after)


def place_holding(
    entity: Entity, text: str, lac_words: Sequence[Word] | None, rules: FamilyRules
) -> tuple[int, int] | None:
    """The span of the place ``entity`` is a piece of, or None: LAC's place word that
    contains it and reaches past it (肖托 in 肖托夸县); the same characters read as such a
    place elsewhere in the sentence (纽约州肖托夸县的一个镇，地处肖托夸县东端: LAC cuts the
    second one 肖托/夸/县); a place word elsewhere that is the name and a division or kind of
    place (新济布科夫区 … 行政中心为新济布科夫: the name alone is its short form)."""
    name = text[entity.start : entity.end]
    for start, end, tag in lac_words or ():
        if tag != "LOC" or (start, end) == (entity.start, entity.end):
            continue
        if start <= entity.start and entity.end <= end:
            return start, end
        place = text[start:end]
        if place.startswith(name) and len(place) > len(name):
            rest = place[len(name) :]
            if text.startswith(rest, entity.end):
                return entity.start, entity.end + len(rest)
            if rest in rules.division_ends or rest in rules.place_kinds:
                return entity.start, entity.end
    return None
