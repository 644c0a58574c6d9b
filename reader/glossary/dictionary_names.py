"""Names the glossary lacks but CC-CEDICT knows, rendered with CC-CEDICT's English.

CC-CEDICT marks proper nouns with capitalised pinyin (廣州日報 [Guang3 zhou1 Ri4 bao4]
/Guangzhou Daily/) and its definition says what the name is. That is a second, much larger
list of names with official English behind the shipped glossary: newspapers, universities,
ministries, foreign places, famous persons. Two uses:

* a name the recogniser found gets the dictionary's English instead of being left to the
  translator (得克萨斯 → Texas), if the definition fits the recogniser's type: an
  organisation's definition names an institution (reader/data/dictionary_name_words.tsv),
  a person's carries a lifespan, a place's neither;
* a word of the segmenter that CC-CEDICT knows *only* as an organisation (no common-noun
  entry beside it) is an organisation even where the recogniser missed it (广州日报,
  中国政法大学). A word with an everyday sense too (联想 "to associate", 来电 "incoming
  call") is left to the recogniser.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from reader import paths
from reader.han import is_han

WORDS_FILE = "dictionary_name_words.tsv"
_LIFESPAN = re.compile(r"\((?:c\. )?(?:\?|\d{1,4})-(?:\d{1,4})?(?: ?BC)?\)|\(born \d{4}\)")
# words in a definition's name part that make it a people, an era or a place, whatever
# institution word follows (畲族 "She ethnic group", 洛阳 "Luoyang prefecture-level city")
_NOT_AN_ORG = frozenset(
    "ethnic dynasty emperor king queen pope city county province prefecture district town"
    " village river mountain lake island region capital bank banner subject hall palace"
    " campaign incident battle war".split()
)
# a definition that is only a pointer or a surname says nothing about this name
_NOT_A_RENDERING = (
    "abbr.",
    "abbr ",
    "see ",
    "surname",
    "variant of",
    "old variant",
    "also written",
)
_MAX_ENGLISH = 60


def parse_org_words(text: str, source: str = WORDS_FILE) -> frozenset[str]:
    words = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("word\t"):
            continue
        words.add(line.split("\t", 1)[0].strip().lower())
    return frozenset(words)


def org_words() -> frozenset[str]:
    """The shipped institution words, parsed once per process (an immutable table)."""
    return paths.parsed_package_data(WORDS_FILE, parse_org_words)


def _entries(name: str, folded: bool = False) -> list[tuple[bool, tuple[str, ...]]]:
    """CC-CEDICT entries of ``name`` by its Simplified headword (exact: no conversion
    retries, which would cost more than the look-up on every word of every sentence);
    ``folded``: ``name`` is already in the matching form."""
    from reader.annotate.dictionary import lookup_exact
    from reader.annotate.fold import fold

    return [(e.proper, e.definitions) for e in lookup_exact(name if folded else fold(name))]


_LOWER_WORD = re.compile(r"[a-z]+")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_NAME_END = re.compile(r", |; |(?<!\b[A-Z])\. ")


def _lower_words(text: str) -> list[str]:
    return _LOWER_WORD.findall(text.lower())


def _head(definition: str) -> str:
    """The name part of a definition: "Sina, Chinese web portal …" → "Sina";
    parentheses dropped ("Ministry of (Confucian) Rites" → "Ministry of Rites")."""
    plain = _PARENTHESES.sub("", definition) if "(" in definition else definition
    # a full stop ends the name, an initial's does not (J.R.R. Tolkien)
    return _NAME_END.split(plain, maxsplit=1)[0].strip()


def _is_org(definition: str, words: frozenset[str]) -> bool:
    if _LIFESPAN.search(definition) or any(
        w in _NOT_AN_ORG for w in _lower_words(_head(definition))
    ):
        return False
    return any(w in words for w in _lower_words(definition))


def _place_name(head: str) -> str:
    """The capitalised words a place's definition opens with: "Taoyuan city and county in
    Taiwan" → "Taoyuan"; "of"/"the" only between capitalised words (Gulf of Mexico)."""
    words = head.split()
    if len(words) > 2 and words[0] == "the" and words[1][:1].isupper() and words[2][:1].isupper():
        # "the Great Hall of the People", "the Grand Canal": a place's name of several
        # capitalised words after an article is that name (one word after "the" may be a
        # side or a people: "the Chinese side")
        words = words[1:]
    kept: list[str] = []
    for i, word in enumerate(words):
        if word[:1].isupper():
            kept.append(word)
        elif word in _PLACE_JOINERS and kept and _capital_after_joiners(words, i + 1):
            kept.append(word)
        else:
            break
    return " ".join(kept)


_PLACE_JOINERS = frozenset({"of", "the", "de", "la", "and"})


def _capital_after_joiners(words: list[str], i: int) -> bool:
    """Whether a capitalised word follows at ``i`` after joiners only ("of the People")."""
    while i < len(words) and words[i] in _PLACE_JOINERS:
        i += 1
    return i < len(words) and words[i][:1].isupper()


def _rendering(definition: str, label: str) -> str | None:
    if definition.lower().startswith(_NOT_A_RENDERING):
        return None
    head = _head(definition)
    if label == "LOC":
        head = _place_name(head)
    if not head or not head[0].isupper() or len(head) > _MAX_ENGLISH:
        return None
    return head


def _fits(definition: str, label: str, words: frozenset[str]) -> bool:
    if label == "PER":
        return bool(_LIFESPAN.search(definition))
    if label in ("ORG", "PRODUCT"):
        return _is_org(definition, words)
    # a place: neither a person ("Marx (name)") nor an institution
    return (
        not _LIFESPAN.search(definition)
        and "(name)" not in definition
        and not _is_org(definition, words)
    )


_GIVEN_NAME = re.compile(r"([A-Z][a-z]+) \(name\)")


def given_name_english(name: str) -> str | None:
    """A Western given or family name CC-CEDICT defines as such: 乔治 "George (name)" →
    "George"; None otherwise. Its Chinese spelling is a transliteration, never pinyin."""
    for _, definitions in _entries(name):
        for definition in definitions:
            found = _GIVEN_NAME.fullmatch(definition)
            if found:
                return found.group(1)
    return None


def proper_term(name: str) -> str | None:
    """CC-CEDICT's capitalised first sense of ``name`` when it is a term of its own that is
    neither an organisation nor a place (龙山文化 "Longshan culture"): the whole name is
    that term, not a place plus an organisation's tail ("Longshan District of Liaoyuan City
    Culture"). None when CC-CEDICT lacks the word, or gives it several capitalised senses
    (国会 "Parliament (UK)", "Congress (US)", "Diet (Japan)": one English per country, the
    translator's to choose)."""
    entries = _entries(name)
    if not entries or not all(is_proper for is_proper, _ in entries):
        return None  # 国民议会: a common word ("national parliament") with a French sense
    definitions = [d for _, ds in entries for d in ds]
    heads = [_head(d) for d in definitions]
    proper = [h for h in heads if h and h[0].isupper()]
    if len(proper) != 1 or heads[0] != proper[0] or len(proper[0]) > _MAX_ENGLISH:
        return None
    if "(name)" in definitions[0] or " or " in proper[0]:
        return None  # 威廉 "William or Wilhelm (name)" names a person, not a body
    return proper[0]


def dictionary_english(name: str, label: str) -> str | None:
    """CC-CEDICT's English for the name ``name`` of type ``label`` (PER, ORG, LOC,
    PRODUCT), or None when it has no proper-noun sense of that kind."""
    return _english_of(_entries(name), label)


def _english_of(entries: list[tuple[bool, tuple[str, ...]]], label: str) -> str | None:
    """The first proper-noun definition among ``entries`` that fits ``label``, rendered."""
    words = org_words()
    if label == "LOC" and any(_LIFESPAN.search(d) for _, ds in entries for d in ds):
        return None  # a famous person's name (马克思) is not a place
    for proper, definitions in entries:
        if not proper:
            continue
        for definition in definitions:
            if _fits(definition, label, words):
                english = _rendering(definition, label)
                if english:
                    return english
    return None


_PLACE_WORDS = re.compile(
    r"\b(?:capital|city|county|country|province|prefecture|state|region|island|town|"
    r"district|village|republic|kingdom)\b",
    re.IGNORECASE,
)


def organisation_english(name: str) -> tuple[str, bool]:
    """CC-CEDICT's English for a name the recogniser calls an organisation, and whether
    CC-CEDICT says it is a place instead; ("", False) when it has no fitting proper noun.

    An institution's definition first; else the name CC-CEDICT knows as neither a person nor
    an institution: a company defined by its trade (联想 Lenovo, 索尼 Sony) or a place the
    recogniser took for an organisation (赫尔辛基 Helsinki, capital of Finland). The English
    is right either way; the definition says when it is a place. One look-up for both.
    """
    entries = _entries(name)
    english = _english_of(entries, "ORG")
    if english:
        return english, False
    return _place_or_trade(entries)


def _place_or_trade(entries: list[tuple[bool, tuple[str, ...]]]) -> tuple[str, bool]:
    if any(_LIFESPAN.search(d) for _, ds in entries for d in ds):
        return "", False  # a person's name
    words = org_words()
    found = [
        (english, bool(_PLACE_WORDS.search(definition)))
        for proper, definitions in entries
        for definition in (definitions if proper else ())
        if _fits(definition, "LOC", words)
        # the definition's whole name part: "Nationalist government", not the capitalised
        # words alone a place keeps
        and (english := _rendering(definition, "ORG"))
    ]
    places = [english for english, is_place in found if is_place]
    if places:
        return places[0], True
    if len({english for english, _ in found}) != 1:
        return "", False  # none, or one per country (国会 Parliament; Congress; Diet)
    return found[0]


def dictionary_organisation(word: str) -> str | None:
    """The English of ``word`` if CC-CEDICT knows it only as an organisation (every entry a
    proper noun, one of them an institution); None otherwise. ``word`` is Simplified
    (the matching form the pipeline cuts)."""
    from reader.annotate.dictionary import lookup_exact

    if len(word) < 2 or not all(is_han(ch) for ch in word):
        return None
    found = lookup_exact(word)  # most words end here: none, or a common sense among them
    if not found or not all(e.proper for e in found):
        return None
    entries = [(e.proper, e.definitions) for e in found]  # as _entries(word, folded=True)
    return _english_of(entries, "ORG")  # the entries already looked up, not again


def organisation_spans(
    simplified: str,
    words: Sequence[tuple[int, int]],
    taken: Sequence[tuple[int, int]],
    word_uses: Collection[tuple[int, int]] = (),
    known: dict[str, str | None] | None = None,
) -> list[tuple[int, int, str]]:
    """(start, end, English) of the segmenter's words that CC-CEDICT knows only as
    organisations, leaving out any that overlaps a span in ``taken`` and the words in
    ``word_uses`` (used as a verb, an adjective … where they stand). ``known``: the
    answers of :func:`dictionary_organisation` so far, filled in here (an article repeats
    its words; the caller owns it)."""
    out = []
    for a, b in words:
        if b - a < 2 or (a, b) in word_uses or (taken and any(x < b and a < y for x, y in taken)):
            continue
        word = simplified[a:b]
        if known is None:
            english = dictionary_organisation(word)
        elif word in known:
            english = known[word]
        else:
            english = known[word] = dictionary_organisation(word)
        if english:
            out.append((a, b, english))
    return out
