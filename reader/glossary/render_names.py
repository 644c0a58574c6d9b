"""How a name the recogniser found, and no glossary entry covers, is written in English.

Persons: pinyin, surname first (compound surnames whole), unless a transliteration, or a
famous bearer's English from CC-CEDICT; places: CC-CEDICT's English, else a foreign city's
English from GeoNames (reader/data/world_places.tsv), else the stem in pinyin
plus a translated suffix (滕州 → Tengzhou, 余杭区 → Yuhang District); organisations and
products: CC-CEDICT's English when it has one, else left to the translator (never a
Chinese-style pinyin name).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reader.glossary.auto import (
    _NAME_DOTS,
    DICTIONARY_NOTE,
    PINYIN_NOTE,
    TRANSLITERATION_NOTE,
    NameRules,
    _all_han,
    _is_transliteration,
    _syllables,
    counts_places,
    get_name_rules,
    join_syllables,
    person_pinyin,
    person_syllables,
    surname_length,
)
from reader.glossary.country_pairs import country_pair_english
from reader.glossary.dictionary_names import (
    dictionary_english,
    given_name_english,
    organisation_english,
    proper_term,
)
from reader.glossary.fold import fold
from reader.glossary.hong_kong import hk_person
from reader.glossary.latin_names import (
    has_latin_letters,
    is_latin_name,
    is_mixed_name,
    render_latin,
)
from reader.glossary.person_titles import surname_english, titled_person
from reader.glossary.titled_persons import TITLE_NOTE
from reader.glossary.wade_giles import wade_giles_person
from reader.model import GlossaryHit, Romanisation

COUNTRY_PAIR_NOTE = "auto: countries paired"
WADE_GILES_NOTE = "auto: Wade-Giles (Taiwan)"
HONG_KONG_NOTE = "auto: Cantonese (Hong Kong)"
OWN_LANGUAGE_NOTE = "auto: left to translator (a name read in its own language)"
WORLD_PLACE_NOTE = "auto: GeoNames (world places)"


def render_entity(
    name: str,
    label: str,
    readings: Sequence[str | None],
    confidence: float,
    sure: bool = False,
    romanisation: Romanisation = Romanisation.PINYIN,
) -> GlossaryHit | None:
    """An ``auto`` hit for a name the recogniser found and no glossary entry covers.

    Persons: pinyin, surname first (compound surnames whole), unless a transliteration
    (``romanisation`` WADE_GILES: as Taiwan writes them, 謝明俊 Hsieh Ming-chun);
    places: the stem in pinyin as one word plus a translated suffix (滕州 → Tengzhou,
    余杭区 → Yuhang District), transliterated places left to the translator; organisations
    and products: left to the translator (never a Chinese-style pinyin name). Offsets are
    0..len(name); the caller places the hit. ``sure``: the recogniser is sure enough to
    force the name (its forcing threshold): an organisation then stays one where CC-CEDICT
    knows the name only as a place (拉齐奥 "Lazio", the football club; 曼城 Manchester City).
    """
    rules = get_name_rules()
    plain = "".join(ch for ch in name if ch not in _NAME_DOTS)
    if is_latin_name(name):  # NBA, Tim Cook: as written, never pinyin
        return render_latin(name, label, confidence)
    if label == "ORG" and is_mixed_name(name) and (sure or not has_latin_letters(name)):
        # valve游戏公司: a sure organisation written partly in Latin letters, left to the
        # translator (no pinyin for the letters, no guess at the rest); 沙尔克04, 汉诺威96队
        # in Han characters and digits at any shown confidence: digits need no reading
        # (recall9: on CLUENER train's tuning part 1 more right, none wrong; with Latin
        # letters 3 more right and 3 more wrong)
        return _left_to_translator(name, "org", confidence)
    if len(plain) < 2 or not _all_han(plain):
        return None
    en, note, kind = "", TRANSLITERATION_NOTE, "person"
    if label == "PER":
        surname_len = surname_length(name, rules)
        foreign = _is_transliteration(name, surname_len, rules)
        if romanisation is Romanisation.TRANSLATOR and not foreign:
            note = OWN_LANGUAGE_NOTE  # 林芳正 in an article about Japan: not "Lin Fangzheng"
        elif surname_len and not foreign and len(name) > surname_len:
            if romanisation is Romanisation.WADE_GILES:  # 謝明俊 Hsieh Ming-chun
                family, given_name = person_syllables(name, surname_len, readings)
                en, note = wade_giles_person(family, given_name), WADE_GILES_NOTE
            elif romanisation is Romanisation.HONG_KONG and (
                cantonese := hk_person(name, surname_len)
            ):
                en, note = cantonese, HONG_KONG_NOTE  # 陳大文 Chan Tai-man
            else:
                en, note = person_pinyin(name, surname_len, readings), PINYIN_NOTE
            # 付小姐 is "Ms. Fu", not "Fu Xiaojie"; 陳男 "Mr. Chen", not "Chen Nan"
            titled = titled_person(fold(name), surname_len, surname_english(en))
            en, note = (titled, TITLE_NOTE) if titled else (en, note)
        known = dictionary_english(name, label)  # a famous bearer (马克思 Karl Marx)
        if known:
            en, note = _as_written(name, known, foreign, readings), DICTIONARY_NOTE
        elif western := given_name_english(name):
            en, note = western, DICTIONARY_NOTE  # 乔治 George, not "Qiao Zhi"
    elif label == "LOC":
        kind = "place"
        # countries paired read alike whether CC-CEDICT has the pair (中美 "China-USA",
        # 中欧 "Sino-European") or not (中德): one table writes them all
        pair = country_pair_english(fold(name))
        en = "" if pair else dictionary_english(name, label) or ""
        by_rule = _place_pinyin(name, readings, rules) if en else ""
        if pair:
            en, note = pair, COUNTRY_PAIR_NOTE  # 中德 China-Germany
        elif by_rule.startswith(en + " "):
            # CC-CEDICT's "Xianju" for 仙居县 is the stem's pinyin: the rule's "Xianju
            # County" says the same and keeps the kind of place
            en, note = by_rule, PINYIN_NOTE
        elif en:
            note = DICTIONARY_NOTE
        elif world := _world_place_english(name):
            # a foreign city CC-CEDICT lacks (格鲁琼兹 Grudziądz): GeoNames' name, not the
            # pinyin of its transliteration
            en, note = world, WORLD_PLACE_NOTE
        else:
            en = _place_pinyin(name, readings, rules)
            note = PINYIN_NOTE if en else "auto: left to translator"
        if not en:
            # a known place heading organisation suffixes only (永康分局, 桃园地检署) is that
            # place's body, whatever label the recogniser gave it
            en = _place_headed_org(name, rules)
            kind, note = ("org", DICTIONARY_NOTE) if en else (kind, note)
    else:
        kind = "org" if label == "ORG" else "product"
        if label == "ORG":
            en, is_place = organisation_english(name)
            # CC-CEDICT's place is an unsure organisation's type: a city's football club is
            # named by its city, and the recogniser is sure of those (DATA.md, sixth round)
            kind = "place" if is_place and not sure else kind
        else:
            en = dictionary_english(name, label) or ""
        note = DICTIONARY_NOTE if en else "auto: left to translator"
        if not en and label == "ORG":
            # a term CC-CEDICT knows whole (龙山文化 "Longshan culture") before a place
            # heading an organisation's tail
            en = proper_term(name) or _place_headed_org(name, rules)
            note = DICTIONARY_NOTE if en else note
    return GlossaryHit.auto(
        start=0,
        end=len(name),
        term=name,
        en=en,
        type=kind,
        note=note,
        confidence=confidence,
        forced=bool(en),
    )


def _world_place_english(name: str) -> str:
    from reader.glossary.world_places import world_place

    place = world_place(name)
    return place.english if place else ""


def _left_to_translator(name: str, kind: str, confidence: float) -> GlossaryHit:
    return GlossaryHit.auto(
        start=0,
        end=len(name),
        term=name,
        en="",
        type=kind,
        note="auto: left to translator",
        confidence=confidence,
        forced=False,
    )


def _as_written(name: str, english: str, foreign: bool, readings: Sequence[str | None] = ()) -> str:
    """A transliterated surname alone stays a surname: 马歇尔 is "Marshall", not CC-CEDICT's
    "George Catlett Marshall" (the article may mean another Marshall); a full transliteration
    (奥托·席利) and a Chinese name (宋美龄 Soong Mei-ling) keep the dictionary's whole name.
    A name that only looked foreign keeps it too when the English is its own pinyin: 李斯
    (斯 is frequent in transliterations) is the chancellor "Li Si", not "Si"."""
    if any(ch in name for ch in _NAME_DOTS) or not foreign:
        return english
    spelled = "".join(ch for ch in english.lower() if ch.isalpha())
    if spelled == "".join(_syllables(name, readings)).replace("ü", "u"):
        return english
    return english.split(" or ")[0].split()[-1]  # "Virgil or Vergilius" → Virgil


def _place_headed_org(name: str, rules: NameRules) -> str:
    """桃园地检署 → Taoyuan District Prosecutors Office, 台北市政府 → Taipei City Government,
    台南市永康分局 → Tainan Yongkang Branch: a place CC-CEDICT or name_rules.tsv knows
    (at most two, the second inside the first: a district or town of a city), then only
    organisation suffixes or a government tail of reader/data/org_tails_en.tsv; "" when the
    name is not built so."""
    from reader.glossary.org_endings import get_tails_english

    return _places_then_tail(fold(name), rules, get_tails_english(), places_left=2)


def place_body_english(name: str) -> str:
    """``_place_headed_org`` for callers outside this module (rule-found organisations)."""
    return _place_headed_org(name, get_name_rules())


def _places_then_tail(
    folded: str, rules: NameRules, tails: Mapping[str, str], places_left: int
) -> str:
    # shortest place first: 台北 + 市政府 "Taipei City Government", not 台北市 + 政府
    for stem_len in range(2, len(folded)):
        stem = _known_place(folded[:stem_len], rules)
        if not stem:
            continue
        rest = folded[stem_len:]
        tail = _organisation_tail(rest, rules, tails)
        # a unit inside a city's or county's body: 台南市 | 永康分局, 台南市警 | 永康分局 (the
        # first place written with its suffix); a nation's (美国耶鲁大学, 中国国家统计局) is
        # not a sub-unit, and its English is not place + name
        nested = not tail and places_left > 1
        nested = nested and _written_with_place_suffix(folded[:stem_len], rest, rules)
        for cut in range(0, len(rest) - 2) if nested else ():
            head = _organisation_tail(rest[:cut], rules, tails) if cut else ""
            if cut and not head:
                continue
            inner = _places_then_tail(rest[cut:], rules, tails, places_left - 1)
            if inner:
                tail = f"{head} {inner}" if head else inner
                break
        if tail:
            return f"{stem} {tail}"
    return ""


def _known_place(stem: str, rules: NameRules) -> str:
    """A place's English from name_rules.tsv's stems or CC-CEDICT; a place written with its
    suffix (台北市, 永康区) by the bare place's English plus the suffix's (CC-CEDICT spells
    台北市 "Taibei" but 台北 "Taipei")."""
    known = rules.stems.get(stem)
    if known:
        return known
    for cut in range(len(stem) - 2, 0, -1):
        units = rules.split_units(stem[-cut:])
        if units and all(rules.suffixes[u][1] == "place" for u in units):
            bare = rules.stems.get(stem[:-cut]) or dictionary_english(stem[:-cut], "LOC")
            if bare:
                return " ".join(
                    [bare] + [rules.suffixes[u][0] for u in units if rules.suffixes[u][0]]
                )
    return dictionary_english(stem, "LOC") or ""


def _written_with_place_suffix(stem: str, after: str, rules: NameRules) -> bool:
    """台南市 | 永康…, 台南 | 市警…: the place is written with a place suffix (市, 县, 区),
    at its end or just after it, so what follows is that place's own body or a unit in it."""
    pieces = (stem[-2:], stem[-1:], after[:2], after[:1])
    return any(
        (units := rules.split_units(p)) and all(rules.suffixes[u][1] == "place" for u in units)
        for p in pieces
    )


def organisation_tail_english(rest: str) -> str:
    """The English of organisation suffixes (公司, 分局) or a government tail (市政府) after
    a name; "" when ``rest`` (Simplified or Traditional) is something else."""
    from reader.glossary.org_endings import get_tails_english

    return _organisation_tail(fold(rest), get_name_rules(), get_tails_english())


def _organisation_tail(rest: str, rules: NameRules, tails: Mapping[str, str]) -> str:
    """The English of what follows a place when it is only organisation suffixes (分局,
    地检署) or a government tail (市政府, 中级人民法院); "" otherwise."""
    if rest in tails:
        return tails[rest]
    units = rules.split_units(rest)
    if not units or any(rules.suffixes[u][1] == "place" for u in units):
        return ""
    return " ".join(rules.suffixes[u][0] for u in units if rules.suffixes[u][0])


def _place_pinyin(name: str, readings: Sequence[str | None], rules: NameRules) -> str:
    """滕州 → Tengzhou, 余杭区 → Yuhang District; "" (left to the translator) for foreign
    places and for longer names without a place suffix, which are mostly institutions
    (之江实验室) or a place glued to a word (西湖北)."""
    folded = fold(name)
    if _is_transliteration(name, 0, rules):
        return ""
    sylls = _syllables(name, readings)
    for stem_len in range(2, len(name)):
        units = rules.split_units(folded[stem_len:])
        if units and all(rules.suffixes[u][1] == "place" for u in units):
            if counts_places(folded[:stem_len]):
                return ""  # 东北三省 "the three northeastern provinces", no "Dongbeisan"
            stem = rules.stems.get(folded[:stem_len]) or join_syllables(sylls[:stem_len])
            return " ".join([stem] + [rules.suffixes[u][0] for u in units if rules.suffixes[u][0]])
    if folded in rules.stems:
        return rules.stems[folded]
    if len(name) <= 3 and folded[-1] in rules.place_endings:
        return join_syllables(sylls)  # 滕州 Tengzhou: the ending belongs to the name
    return ""  # no place suffix: an institution (…实验室), a foreign place, or no place
