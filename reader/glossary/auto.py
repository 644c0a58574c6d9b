"""Render names the glossary lacks: persons, places and organisations, marked ``auto``.

Works on segmented tokens with jieba POS flags. Rules are data (reader/data/name_rules.tsv):
- organisation or place = a name-like stem token (POS nr/ns/nt/nz…) plus suffixes
  (宇树 + 科技股份有限公司 → Yushu Technology Co., Ltd.; 余杭区 → Yuhang District); the
  stem in pinyin, the suffixes translated. Bare place names are left alone: pinyin is
  wrong for foreign places (美国 is not "Meiguo").
- person = a person-tagged token starting with a listed surname: pinyin, surname first,
  given name joined (蒋韬 → Jiang Tao, 欧阳娜娜 → Ouyang Nana).
- transliterations of foreign names (马斯克, 奥尔特曼) are not pinyinised: the hit has an
  empty ``en`` and a note, so the translator renders them.
- jieba's dictionary tags some ordinary words as names (明星 nr, 城市 ns): a "name" that
  CC-CEDICT knows only as a common word, or that is frequent in the segmenter's
  dictionary (``word_freq``), is left alone.
A token that already carries a glossary hit is never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader import paths
from reader.glossary.fold import fold
from reader.glossary.transliteration import transliteration_odds
from reader.han import is_han
from reader.model import GlossaryHit, Token

RULES_FILE = "name_rules.tsv"
TRANSLITERATION_NOTE = "transliteration: left to translator"
PINYIN_NOTE = "auto: pinyin"
DICTIONARY_NOTE = "auto: CC-CEDICT"
PLACE_INSTITUTION_NOTE = "auto: glossary place + institution suffix"
# Suffix kinds a glossary place heads as a local institution (台南 | 医院, 桃园 | 地检署,
# 广州 | 日报). Not companies (杭州 | 科技 is as often "Hangzhou's technology") nor
# universities (美国 | 大学 is "American universities" as often as one).
_INSTITUTION_KINDS = frozenset({"org", "media"})
NAME_POS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
PERSON_POS = frozenset({"nr", "nrfg", "nrt"})
_NAME_DOTS = "·•‧・"
_MAX_STEM = 4  # longer stems are phrases, not names (苏州工业园 + 区)


WordFreq = Callable[[str], "int | None"]


@dataclass(frozen=True, slots=True)
class NameRules:
    suffixes: dict[str, tuple[str, str]]  # folded suffix -> (English, type)
    stems: dict[str, str]  # folded stem -> English
    surnames: dict[str, str]  # folded surname -> reading
    translit: frozenset[str]  # folded characters
    max_name_freq: int = 50  # dictionary frequency above which a "name" is an ordinary word
    translit_weak: frozenset[str] = frozenset()  # count only beside a strong one
    place_endings: frozenset[str] = frozenset()  # 州: part of the place's own name
    roads: frozenset[str] = frozenset()  # folded road suffixes (路, 北路, 大街), also in suffixes

    def split_units(self, text: str) -> list[str] | None:
        """``text`` cut into suffix units, longest units first; None if it isn't all suffixes."""
        if not text:
            return []
        for size in range(min(len(text), 8), 0, -1):
            head = text[:size]
            if head in self.suffixes:
                rest = self.split_units(text[size:])
                if rest is not None:
                    return [head, *rest]
        return None


def parse_name_rules(text: str, source: str = RULES_FILE) -> NameRules:
    suffixes: dict[str, tuple[str, str]] = {}
    stems: dict[str, str] = {}
    surnames: dict[str, str] = {}
    translit: set[str] = set()
    translit_weak: set[str] = set()
    place_endings: set[str] = set()
    roads: set[str] = set()
    settings: dict[str, str] = {}
    for lineno, line, fields in paths.data_rows(text, "kind"):
        kind = fields[0]
        try:
            if kind == "suffix":
                en = "" if fields[2] == "-" else fields[2]
                suffixes[fold(fields[1])] = (en, fields[3])
            elif kind == "road":
                suffixes[fold(fields[1])] = (fields[2], "place")
                roads.add(fold(fields[1]))
            elif kind == "stem":
                stems[fold(fields[1])] = fields[2]
            elif kind == "surname":
                surnames[fold(fields[1])] = fields[2] if len(fields) > 2 else ""
            elif kind == "translit":
                translit.update(fold(fields[1]))
            elif kind == "translit_weak":
                translit_weak.update(fold(fields[1]))
            elif kind == "place_end":
                place_endings.update(fold(fields[1]))
            elif kind == "setting":
                settings[fields[1]] = fields[2]
            else:
                raise IndexError
        except IndexError:
            raise ValueError(f"{source}:{lineno}: bad name rule {line!r}") from None
    max_freq = int(settings.get("max_name_freq", "50"))
    return NameRules(
        suffixes,
        stems,
        surnames,
        frozenset(translit),
        max_freq,
        frozenset(translit_weak),
        frozenset(place_endings),
        frozenset(roads),
    )


def get_name_rules() -> NameRules:
    """The shipped rules, parsed once per process (an immutable table)."""
    return paths.parsed_package_data(RULES_FILE, parse_name_rules)


def _all_han(text: str) -> bool:
    return bool(text) and all(is_han(ch) for ch in text)


def _common_word(word: str, rules: NameRules, word_freq: WordFreq | None) -> bool:
    """An ordinary word: frequent in the segmenter's dictionary, or in CC-CEDICT with only
    common-noun senses (proper-noun definitions are capitalised: 吉利 "Geely" passes)."""
    if word_freq is not None:
        freq = word_freq(word)
        if freq is not None and freq > rules.max_name_freq:
            return True
    return _only_common_senses(word)


def _only_common_senses(word: str) -> bool:
    from reader.annotate.dictionary import default_dictionary

    return default_dictionary().only_common_senses(word)


# ---- pinyin --------------------------------------------------------------------------------


def _syllables(text: str, readings: Sequence[str | None] = ()) -> list[str]:
    """Toneless syllables of ``text``: the pipeline's readings when given, else pypinyin."""
    if len(readings) == len(text) and all(readings):
        return [str(r).rstrip("012345").replace("v", "ü").lower() for r in readings]
    from pypinyin import Style, lazy_pinyin

    return [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)]


def join_syllables(syllables: Sequence[str]) -> str:
    """One capitalised pinyin word; an apostrophe before a, o, e after the first (Xi'an)."""
    word = ""
    for i, s in enumerate(syllables):
        if i and s[:1] in ("a", "o", "e"):
            word += "'"
        word += s
    return word[:1].upper() + word[1:]


def person_syllables(
    name: str, surname_len: int, readings: Sequence[str | None] = ()
) -> tuple[list[str], list[str]]:
    """The surname's syllables (its reading as a surname from the rules: 曾 zeng, 单 shan)
    and the given name's, toneless."""
    rules = get_name_rules()
    sylls = _syllables(name, readings)
    surname = rules.surnames.get(fold(name[:surname_len]))
    return ([surname] if surname else sylls[:surname_len]), sylls[surname_len:]


def person_pinyin(name: str, surname_len: int, readings: Sequence[str | None] = ()) -> str:
    """蒋韬 → Jiang Tao: surname first, given name joined (surname readings from the rules)."""
    surname_sylls, given = person_syllables(name, surname_len, readings)
    return f"{join_syllables(surname_sylls)} {join_syllables(given)}"


# ---- detection -----------------------------------------------------------------------------


_NUMERALS = frozenset("一二三四五六七八九十两几数多")


def counts_places(stem: str) -> bool:
    """A stem ending in a numeral after other characters counts the places that follow
    (东北三 + 省 "the three northeastern provinces", 长三角两 + 市); a stem of numerals only
    is a name (二七 + 区, Erqi District)."""
    return stem[-1] in _NUMERALS and not all(ch in _NUMERALS for ch in stem)


def _readings(token: Token, a: int, b: int) -> Sequence[str | None]:
    """Readings of characters a..b of ``token`` (empty when the token has none)."""
    return token.readings[a:b] if len(token.readings) == len(token.text) else ()


def _org_or_place(
    tokens: Sequence[Token],
    i: int,
    rules: NameRules,
    text_of: dict[int, str],
) -> tuple[GlossaryHit, int] | None:
    first = tokens[i]
    if first.pos not in NAME_POS:
        return None
    j = _suffix_tokens_end(tokens, i + 1, rules)  # 宇树 | 科技股份 | 有限公司
    folded_first = fold(first.text)
    tail = "".join(fold(t.text) for t in tokens[i + 1 : j])
    # Shortest valid stem whose remainder is all suffixes (浦东 + 新区, not 浦东新 + 区).
    for stem_len in range(1, len(folded_first) + 1):
        units = rules.split_units(folded_first[stem_len:] + tail)
        if not units:
            continue
        kind = rules.suffixes[units[-1]][1]
        stem = first.text[:stem_len]
        if not 2 <= stem_len <= _MAX_STEM:
            continue
        if kind == "place" and (first.pos != "ns" or counts_places(folded_first[:stem_len])):
            continue
        if _all_han(stem) and fold(stem) not in rules.suffixes:
            break
    else:
        return None
    if fold(stem) not in rules.stems and _only_common_senses(stem):
        return None  # 时尚科技 is "fashion technology", not a company
    if _only_common_senses(folded_first + tail):
        return None  # 大城市 is "big city", though 大城 is a county and 市 a suffix
    stem_en = rules.stems.get(fold(stem)) or join_syllables(
        _syllables(stem, _readings(first, 0, stem_len))
    )
    words = [stem_en] + [rules.suffixes[u][0] for u in units if rules.suffixes[u][0]]
    last = tokens[j - 1]
    hit = GlossaryHit.auto(
        start=first.start,
        end=last.end,
        term=text_of.get(i, first.text) + "".join(t.text for t in tokens[i + 1 : j]),
        en=" ".join(words),
        type=kind,
        note=PINYIN_NOTE,
    )
    return hit, j


def _suffix_tokens_end(tokens: Sequence[Token], j: int, rules: NameRules) -> int:
    """Where the run of suffix tokens (no glossary name, all suffix units) from ``j`` ends."""
    while j < len(tokens) and tokens[j].glossary is None:
        if not rules.split_units(fold(tokens[j].text)):
            break
        j += 1
    return j


def _place_institution(
    tokens: Sequence[Token], i: int, rules: NameRules, text_of: dict[int, str]
) -> tuple[GlossaryHit, int] | None:
    """A glossary place heading institution suffixes (桃園 | 地檢署): one organisation
    named by the place's English and the suffixes' (Taoyuan District Prosecutors Office);
    or heading a road (南京 | 东路): the road (Nanjing East Road). Shown, not forced: an
    official English may word it otherwise."""
    head = tokens[i].glossary
    if head is None or head.type != "place" or not head.en:
        return None
    j = _suffix_tokens_end(tokens, i + 1, rules)
    units = rules.split_units("".join(fold(t.text) for t in tokens[i + 1 : j]))
    if not units or not (
        rules.suffixes[units[-1]][1] in _INSTITUTION_KINDS or units[-1] in rules.roads
    ):
        return None
    words = [head.en] + [rules.suffixes[u][0] for u in units if rules.suffixes[u][0]]
    hit = GlossaryHit.auto(
        start=tokens[i].start,
        end=tokens[j - 1].end,
        term=text_of.get(i, tokens[i].text) + "".join(t.text for t in tokens[i + 1 : j]),
        en=" ".join(words),
        type=rules.suffixes[units[-1]][1],
        note=PLACE_INSTITUTION_NOTE,
        forced=False,
    )
    return hit, j


def surname_length(name: str, rules: NameRules | None = None) -> int:
    """Length of the Chinese surname ``name`` opens with (compound surnames whole), 0 if none
    or if the rest is too long for a Chinese given name."""
    rules = rules or get_name_rules()
    folded = fold(name)
    n = next((n for n in (2, 1) if folded[:n] in rules.surnames), 0)
    return 0 if n and len(name) - n > 2 else n


def _is_transliteration(name: str, surname_len: int, rules: NameRules) -> bool:
    if _rule_says_transliteration(name, surname_len, rules):
        return True
    # A surname then a given name the rule let pass: the measured odds decide (柯林斯, 费利佩)
    return surname_len > 0 and transliteration_odds().is_foreign(fold(name)[surname_len:])


def is_transliteration_by_rule(name: str) -> bool:
    """The hand-written rule alone (tools/build_transliteration.py compares against it)."""
    rules = get_name_rules()
    return _rule_says_transliteration(name, surname_length(name, rules), rules)


def _rule_says_transliteration(name: str, surname_len: int, rules: NameRules) -> bool:
    folded = fold(name)
    if any(ch in name for ch in _NAME_DOTS):
        return True
    if surname_len == 0:
        return any(ch in rules.translit for ch in folded)
    given = folded[surname_len:]
    strong = sum(1 for ch in given if ch in rules.translit)
    weak = sum(1 for ch in given if ch in rules.translit_weak)
    return strong >= 2 or (bool(given) and strong >= 1 and strong + weak == len(given))


def _person(token: Token, rules: NameRules, word_freq: WordFreq | None) -> GlossaryHit | None:
    if token.pos not in PERSON_POS:
        return None
    name = token.text
    plain = "".join(ch for ch in name if ch not in _NAME_DOTS)
    if not _all_han(plain) or len(plain) < 2:
        return None
    surname_len = surname_length(name, rules)
    if _is_transliteration(name, surname_len, rules):
        en, note = "", TRANSLITERATION_NOTE
    elif _common_word(name, rules, word_freq):
        return None  # jieba tags 明星, 康复, 蓝图 as person names
    elif surname_len and len(name) > surname_len:
        en, note = person_pinyin(name, surname_len, _readings(token, 0, len(name))), PINYIN_NOTE
    else:
        return None
    return GlossaryHit.auto(
        start=token.start,
        end=token.end,
        term=name,
        en=en,
        type="person",
        note=note,
    )


def detect_names(
    tokens: Sequence[Token],
    sentence_text: str,
    sentence_start: int,
    word_freq: WordFreq | None = None,
    persons: bool = True,
) -> list[GlossaryHit]:
    """Names among one sentence's ``tokens`` that no glossary entry covers.

    ``persons=False`` finds only organisations and places by their suffixes (the trained
    recogniser judges persons; these structural names are what it misses most).

    Offsets are the tokens' own (``sentence_start`` places ``sentence_text`` among them).
    Hits carry ``source="auto"``; a transliteration's ``en`` is empty. ``word_freq`` (the
    segmenter's dictionary frequency of a word, None if unknown) lets frequent dictionary
    words that jieba tags as names (高水平 nr) be recognised as ordinary words.
    """
    rules = get_name_rules()
    text_of = {
        i: sentence_text[t.start - sentence_start : t.end - sentence_start] or t.text
        for i, t in enumerate(tokens)
    }
    hits: list[GlossaryHit] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        institution = _place_institution(tokens, i, rules, text_of)
        if institution is not None:
            hits.append(institution[0])
            i = institution[1]
            continue
        if token.glossary is not None or not any(is_han(ch) for ch in token.text):
            i += 1
            continue
        found = _org_or_place(tokens, i, rules, text_of)
        if found is not None:
            hits.append(found[0])
            i = found[1]
            continue
        if not persons:
            i += 1
            continue
        run = _transliteration_run(tokens, i, rules)
        if run is not None:
            hits.append(run[0])
            i = run[1]
            continue
        person = _person(token, rules, word_freq)
        if person is not None:
            hits.append(person)
        i += 1
    return hits


def _transliteration_run(
    tokens: Sequence[Token], i: int, rules: NameRules
) -> tuple[GlossaryHit, int] | None:
    """jieba cuts long transliterations into name-tagged pieces (扎克 | 伯格, 纳 | 德拉)."""
    j = i
    while (
        j < len(tokens)
        and tokens[j].pos in PERSON_POS
        and tokens[j].glossary is None
        and _all_han("".join(ch for ch in tokens[j].text if ch not in _NAME_DOTS))
    ):
        j += 1
    if j - i < 2:
        return None
    name = "".join(t.text for t in tokens[i:j])
    if not _is_transliteration(name, 0, rules):
        return None
    hit = GlossaryHit.auto(
        start=tokens[i].start,
        end=tokens[j - 1].end,
        term=name,
        en="",
        type="person",
        note=TRANSLITERATION_NOTE,
    )
    return hit, j
