"""The honest fallback when no MT model is installed: a word-by-word CC-CEDICT gloss.

Each word becomes the first usable sense of its first dictionary entry ("to announce" →
"announce"); glossary names become their rendering; unknown words fall back to their
characters' senses, then to pinyin. It is labelled everywhere as a gloss, never as a
translation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from reader.annotate.script import convert
from reader.model import Sentence, Token
from reader.translate.protect import PUNCTUATION, has_han, is_han, tidy

# Senses that say nothing about the meaning in context.
_SKIP = re.compile(
    r"^(?:surname |(?:old |archaic |Japanese |ancient )?variant of |see |CL:|used in |"
    r"(?:erhua|old) variant|abbr\. for |pr\. |also pr\. |Taiwan pr\.|\(bound form\))",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\s*\([^)]*\)")
_PINYIN_REF = re.compile(r"\S+\[[^\]]*\]")  # "漢字|汉字[han4 zi4]" cross-references
_MAX_WORD = 6


def _lookup(word: str, prefer: str | None = None) -> list[object]:
    try:
        from reader.annotate.dictionary import lookup
    except ImportError:  # the dictionary module is optional for this fallback
        return []
    return list(lookup(word, prefer=prefer))


def _trim(definition: str) -> str:
    sense = _PAREN.sub("", definition).split(";")[0].split(",")[0].strip()
    if sense.lower().startswith("to "):
        sense = sense[3:]
    words = sense.split()
    if len(words) > 3 and words[0][:1].isupper():
        # "Hangzhou subprovincial city and capital of …" → "Hangzhou"
        sense = " ".join(words[: next((i for i, w in enumerate(words) if w.islower()), 3)])
    return sense


def _is_proper_noun(entry: object) -> bool:
    senses = [d for d in getattr(entry, "definitions", ()) if d and d[0].isalpha()]
    return bool(senses) and all(d[0].isupper() for d in senses)


def short_sense(word: str, prefer: str | None = None) -> str | None:
    """A short English sense of ``word`` ("" for a grammatical particle, None if unknown).

    From the first entry with a usable sense: its first sense of at most three words,
    else its shortest one.
    """
    particle = False
    # Proper-noun entries (时代 "Time, US weekly news magazine": every sense capitalised) go
    # after the common word's entry; names worth rendering are the glossary's job.
    entries = sorted(_lookup(word, prefer), key=_is_proper_noun)
    for entry in entries:
        senses: list[str] = []
        for definition in getattr(entry, "definitions", ()):
            if _SKIP.match(definition) or _PINYIN_REF.search(definition):
                continue
            if definition.startswith("(") and definition.endswith(")"):
                particle = True  # "(completed action marker)": grammar, not a word
                continue
            sense = _trim(definition)
            if sense:
                senses.append(sense)
        if senses:
            short = [s for s in senses if len(s.split()) <= 3]
            return short[0] if short else min(senses, key=len)
        if particle:
            return ""
    return "" if particle else None


def gloss_word(word: str, pinyin: str = "", prefer: str | None = None) -> str:
    if not has_han(word):
        return word.translate(PUNCTUATION)
    sense = short_sense(word, prefer)
    if sense is not None:
        return sense
    if len(word) > 1:
        # An unknown compound (亿美元) reads best as its longest dictionary pieces (亿 + 美元),
        # not character by character.
        pieces = _split_known(word)
        if len(pieces) > 1:
            glossed = [short_sense(p) if has_han(p) else p for p in pieces]
            if all(g is not None for g in glossed) and any(glossed):
                return " ".join(g for g in glossed if g)
    return f"[{pinyin}]" if pinyin else word


def _split_known(word: str) -> list[str]:
    """Greedy longest-match split of ``word`` into dictionary words (or single characters)."""
    pieces: list[str] = []
    i = 0
    while i < len(word):
        for size in range(min(_MAX_WORD, len(word) - i), 0, -1):
            if size == 1 or _lookup(word[i : i + size]):
                pieces.append(word[i : i + size])
                i += size
                break
    return pieces


def gloss_text(text: str) -> str:
    """Gloss raw text (no tokens): greedy longest dictionary match."""
    words: list[str] = []
    i = 0
    while i < len(text):
        if not is_han(text[i]):
            j = i
            while j < len(text) and not is_han(text[j]):
                j += 1
            words.append(text[i:j].translate(PUNCTUATION))
            i = j
            continue
        for size in range(min(_MAX_WORD, len(text) - i), 0, -1):
            if size == 1 or _lookup(text[i : i + size]):
                words.append(gloss_word(text[i : i + size]))
                i += size
                break
    return tidy(" ".join(words))


@functools.cache
def _after_number() -> dict[str, str]:
    """Senses a word takes right after a number (data: reader/data/gloss_after_number.tsv)."""
    from reader.paths import package_data

    senses: dict[str, str] = {}
    for line in package_data("gloss_after_number.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, sense = line.partition("\t")
            senses[word.strip()] = sense.strip()
    return senses


def _is_number(text: str) -> bool:
    return bool(text) and all(ch.isdigit() or ch in ".,，" or ch in _CHINESE_DIGITS for ch in text)


_CHINESE_DIGITS = frozenset("零〇一二三四五六七八九十百千两")


def gloss_tokens(tokens: Sequence[Token]) -> tuple[str, tuple[str, ...]]:
    """(gloss line, glossary renderings applied in order) for a sentence's tokens."""
    words: list[str] = []
    applied: list[str] = []
    after_number = _after_number()
    for index, token in enumerate(tokens):
        hit = token.glossary
        if hit is not None and hit.en:
            words.append(hit.en)
            applied.append(hit.en)
        elif (
            index
            and _is_number(tokens[index - 1].text)
            and (simplified := convert(token.text, "t2s")) in after_number
        ):
            words.append(after_number[simplified])
        else:
            readings = token.readings
            prefer = " ".join(r for r in readings if r) if readings and all(readings) else None
            words.append(gloss_word(token.text, token.pinyin, prefer))
    return tidy(" ".join(words)), tuple(applied)


def gloss_sentence(sentence: Sentence) -> tuple[str, tuple[str, ...]]:
    if sentence.tokens:
        return gloss_tokens(sentence.tokens)
    return gloss_text(sentence.text), ()
