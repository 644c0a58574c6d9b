"""Choosing a dictionary sense for the word-by-word gloss (gloss.py assembles the sentence).

CC-CEDICT lists a word's senses with notes, cross-references and placeholders meant for a
dictionary page ("(bound form) school", "see 漢字|汉字[han4 zi4]", "apply for sth"); the gloss
needs one short sense that reads in a sentence: the first usable one, chosen by the word's
part of speech (a verb's "to …" sense, a noun's other senses), trimmed of what only a
dictionary page says.
"""

from __future__ import annotations

import re

from reader.han import HAN_CLASS

# Senses that say nothing about the meaning in context.
_SKIP = re.compile(
    r"^(?:surname |(?:old |archaic |Japanese |ancient )?variant of |see |CL:|used in |"
    r"(?:erhua|old) variant|abbr\. for |pr\. |also pr\. |Taiwan pr\.|\(bound form\)|"
    r"classifier |(?:\([^)]*\) )?(?:unofficial |Japanese )?variant |used as |"
    r"\((?:slang|vulgar|Internet slang)\))",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\s*\([^)]*\)")
# "漢字|汉字[han4 zi4]", "五嶽|五岳" cross-references: cut out of a sense, not shown
_CROSS_REF = re.compile(rf"\s*(?:see (?:also )?)?\S*[{HAN_CLASS}|]\S*(?:\[[^\]]*\])?|\s*\[[^\]]*\]")


def lookup_entries(word: str, prefer: str | None = None) -> list[object]:
    try:
        from reader.annotate.dictionary import lookup
    except ImportError:  # the dictionary module is optional for this fallback
        return []
    return list(lookup(word, prefer=prefer))


_PLACE_KINDS = frozenset(
    "municipality city province county district prefecture river mountain island".split()
)
# "a few", "a lot": the article belongs to the quantity
_QUANTIFIERS = frozenset(
    "few lot little bit while dozen hundred thousand couple number pair half quarter third".split()
)


_PLACEHOLDERS = frozenset({"sth", "sb", "sth's", "sb's", "sth.", "sb."})


def trim_sense(definition: str) -> str:
    sense = _CROSS_REF.sub("", _PAREN.sub("", definition)).split(";")[0].split(",")[0].strip()
    sense = sense.rstrip("?").rstrip()  # "how?" (怎么样): the sentence's own mark asks
    if sense.lower().startswith("to "):
        sense = sense[3:]
    # CC-CEDICT's placeholders ("apply for sth", "learn of sth") are no words of a sentence
    # and its ellipses mark where the rest of a frame goes ("regardless of whether...")
    words = [
        bare
        for w in sense.split()
        if w not in _PLACEHOLDERS and (bare := w.replace("...", "").replace("…", ""))
    ]
    sense = " ".join(words)
    if len(words) in (2, 3) and words[0] in ("a", "an") and words[1] not in _QUANTIFIERS:
        # "a man", "a post", "an exit": the gloss of a noun needs no article, which reads as
        # "one" before the number or name that follows (男子100米 "a man 100")
        words = words[1:]
        sense = " ".join(words)
    if len(words) == 2 and words[0][:1].isupper() and words[1] in _PLACE_KINDS:
        return words[0]  # "Shanghai municipality" → "Shanghai"
    if len(words) > 3 and words[0][:1].isupper():
        # "Hangzhou subprovincial city and capital of …" → "Hangzhou"; a name's own "of"
        # stays ("Ministry of Foreign Affairs" was cut to "Ministry")
        sense = " ".join(
            words[: next((i for i, w in enumerate(words) if _ends_name(words, i)), len(words))]
        )
    return sense


# small words inside a name when a capitalised word follows ("Bank of China", "Ministry of
# Foreign Affairs", "Council for Trade")
_NAME_JOINERS = frozenset({"of", "the", "and", "for", "on", "de"})


def _ends_name(words: list[str], i: int) -> bool:
    """Whether the capitalised name that opens ``words`` ends before word ``i``."""
    word = words[i]
    if not word.islower():
        return False
    return word not in _NAME_JOINERS or i + 1 >= len(words) or not words[i + 1][:1].isupper()


def _definitions(entry: object) -> tuple[str, ...]:
    return tuple(getattr(entry, "definitions", ()))


def _is_proper_noun(entry: object) -> bool:
    if getattr(entry, "proper", False):
        return True  # CC-CEDICT capitalises a proper noun's pinyin (中 Zhong1 "China")
    senses = [
        d for d in getattr(entry, "definitions", ()) if d and d[0].isalpha() and not _SKIP.match(d)
    ]
    return bool(senses) and all(d[0].isupper() for d in senses)


def short_sense(word: str, prefer: str | None = None, pos: str = "") -> str | None:
    """A short English sense of ``word`` ("" for a grammatical particle, None if unknown).

    From the first entry with a usable sense: its first sense of at most three words,
    else its shortest one. A verb (jieba POS ``v``) prefers the entry's first "to …" sense,
    a noun its first sense that is not one.
    """
    particle = False
    # Proper-noun entries (时代 "Time, US weekly news magazine"; 中 "China"; 波 "Poland")
    # go after the common word's entry; names worth rendering are the glossary's job.
    entries = sorted(lookup_entries(word, prefer), key=_is_proper_noun)
    if prefer is None and pos.startswith("v") and pos != "vn":
        # no reading to choose the entry: a verb reads the entry that has verb senses
        # (读 dú "to read" before dòu "comma")
        entries.sort(key=lambda e: not any(d.startswith("to ") for d in _definitions(e)))
    for n, entry in enumerate(entries):
        senses: list[tuple[str, bool]] = []
        for definition in getattr(entry, "definitions", ()):
            if _SKIP.match(definition):
                continue
            if definition.startswith("(") and not _PAREN.sub("", definition).strip():
                # "(completed action marker)": grammar, not a word — but "(informal) grandma
                # (paternal grandmother)" is a word with notes around it
                particle = True
                continue
            sense = trim_sense(definition)
            if sense:
                # "(computing) to encode" is a verb sense too, behind its domain note
                verbal = _PAREN.sub("", definition).strip().lower().startswith("to ")
                senses.append((sense, verbal))
        if senses:
            wanted = _by_pos(senses, pos)
            short = [s for s in wanted if len(s.split()) <= 3]
            return short[0] if short else min(wanted, key=len)
        if particle:
            return ""
        if not n and prefer and (bound := _bound_sense(entry, prefer)):
            # the reading chosen in context has only bound-form senses (校 xiào "(bound
            # form) school"): they beat another reading's sense (校 jiào "to check")
            return bound
    return "" if particle else None


_BOUND = "(bound form) "


def _bound_sense(entry: object, prefer: str) -> str | None:
    """The first "(bound form) …" sense of ``entry`` if it is the reading ``prefer``."""
    from reader.annotate.dictionary import normalize_pinyin

    if normalize_pinyin(str(getattr(entry, "pinyin", ""))) != normalize_pinyin(prefer):
        return None
    bound = [d[len(_BOUND) :] for d in _definitions(entry) if d.startswith(_BOUND)]
    return trim_sense(bound[0]) or None if bound else None


def _by_pos(senses: list[tuple[str, bool]], pos: str) -> list[str]:
    """The senses a part of speech reads: a verb's "to …" senses, a noun's others."""
    if pos.startswith("v") and pos != "vn":
        chosen = [s for s, verbal in senses if verbal]
    elif pos.startswith(("n", "a", "m", "q", "f", "t", "s")) or pos == "vn":
        chosen = [s for s, verbal in senses if not verbal]
    else:
        chosen = []
    return chosen or [s for s, _ in senses]
