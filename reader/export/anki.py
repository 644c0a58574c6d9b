"""Anki export: a vocabulary deck as TSV with Anki's file headers (Anki ≥ 2.1.55).

Columns: Word, Other script, Pinyin, Definition (CC-CEDICT), Example (the first sentence
using the word, the word in bold — not blanked, learners want to see it in context) and
English (that sentence's translation). Fields are HTML (``#html:true``), so all text is
escaped; tabs and line breaks never reach the file.

Which words: the ones the reader picked (``words``), and/or with ``all_vocab`` every
distinct Chinese word used at least ``min_count`` times, minus names (unless
``include_names``), numerals, punctuation and the function words in ``anki_skip.txt``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

from reader.errors import ReaderError
from reader.export._common import gloss_label, is_han_char, one_line
from reader.model import Article, GlossaryHit, Sentence, Token

COLUMNS = ("Word", "Other script", "Pinyin", "Definition", "Example", "English")
SKIP_POS = frozenset({"x", "m", "w"})  # jieba: non-words/punctuation, numerals


class DictEntryLike(Protocol):
    """What a dictionary entry offers (reader.annotate.dictionary.DictEntry)."""

    @property
    def pinyin(self) -> str: ...  # tone numbers, "yin2 hang2"

    @property
    def definitions(self) -> tuple[str, ...]: ...


Lookup = Callable[[str], Sequence[DictEntryLike]]


@dataclass(frozen=True, slots=True)
class VocabItem:
    word: str
    other: str  # the word in the other script ("" if unknown)
    pinyin: str
    readings: str  # tone numbers of the contextual reading, "" if unknown
    count: int
    example: Sentence | None
    glossary: GlossaryHit | None


@lru_cache(maxsize=1)
def skip_words() -> frozenset[str]:
    text = resources.files("reader.export").joinpath("anki_skip.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _is_vocab(token: Token, include_names: bool) -> bool:
    if not any(is_han_char(ch) for ch in token.text):
        return False
    if token.glossary is not None:
        return include_names
    if token.pos in SKIP_POS:
        return False
    return not (len(token.text) == 1 and token.text in skip_words())


def _item(token: Token, count: int, example: Sentence | None) -> VocabItem:
    readings = " ".join(r for r in token.readings if r)
    return VocabItem(
        word=token.text,
        other=token.converted if token.converted != token.text else "",
        pinyin=token.pinyin,
        readings=readings,
        count=count,
        example=example,
        glossary=token.glossary,
    )


def select_vocab(
    article: Article,
    words: Iterable[str] | None = None,
    all_vocab: bool = False,
    min_count: int = 2,
    include_names: bool = False,
) -> list[VocabItem]:
    """The deck's words: picked ones first (in the given order), then frequent ones."""
    first: dict[str, tuple[Token, Sentence]] = {}
    counts: dict[str, int] = {}
    by_converted: dict[str, str] = {}
    for s in article.sentences():
        for t in s.tokens:
            counts[t.text] = counts.get(t.text, 0) + 1
            first.setdefault(t.text, (t, s))
            if t.converted:
                by_converted.setdefault(t.converted, t.text)

    items: list[VocabItem] = []
    taken: set[str] = set()
    for raw in words or ():
        w = raw.strip()
        key = w if w in first else by_converted.get(w, "")
        if not w or (key or w) in taken:
            continue
        if key:
            token, sentence = first[key]
            items.append(_item(token, counts[key], sentence))
            taken.add(key)
        else:
            items.append(_unmatched(article, w))
            taken.add(w)

    if all_vocab:
        ranked = sorted(
            (k for k in first if counts[k] >= min_count and _is_vocab(first[k][0], include_names)),
            key=lambda k: -counts[k],  # stable: ties keep first-occurrence order
        )
        for key in ranked:
            if key not in taken:
                token, sentence = first[key]
                items.append(_item(token, counts[key], sentence))
                taken.add(key)
    return items


def _unmatched(article: Article, word: str) -> VocabItem:
    """A picked word that is not one token (e.g. part of a longer word): find it in text."""
    for s in article.sentences():
        for source, other in ((s.text, s.converted), (s.converted, s.text)):
            i = source.find(word)
            if i >= 0:
                aligned = len(source) == len(other)
                alt = other[i : i + len(word)] if aligned else ""
                return VocabItem(word, alt if alt != word else "", "", "", 1, s, None)
    return VocabItem(word, "", "", "", 0, None, None)


def _default_lookup() -> Lookup:
    from reader.annotate.dictionary import lookup

    return lambda word: lookup(word)


def _definition_html(item: VocabItem, lookup: Lookup) -> tuple[str, str]:
    """(definition HTML, pinyin from the dictionary when the article gave none)."""
    parts: list[str] = []
    if item.glossary is not None:
        parts.append(f"{html.escape(item.glossary.en)} <i>({html.escape(item.glossary.type)})</i>")
    entries = list(lookup(item.word))
    if item.readings:  # the reading used in context first
        entries.sort(key=lambda e: e.pinyin != item.readings)
    readings = {e.pinyin for e in entries}
    for e in entries:
        defs = "; ".join(html.escape(d) for d in e.definitions)
        prefix = f"[{html.escape(e.pinyin)}] " if len(readings) > 1 else ""
        parts.append(prefix + defs)
    pinyin = entries[0].pinyin if entries else ""
    return "<br>".join(parts), pinyin


def _display(readings: str, style: str) -> str:
    from reader.annotate.pinyin_format import format_syllable

    return " ".join(format_syllable(r, style) for r in readings.split())


def _example_html(item: VocabItem, label: str) -> tuple[str, str]:
    s = item.example
    if s is None:
        return "", ""
    if s.tokens and any(t.text == item.word for t in s.tokens):
        sentence = "".join(
            f"<b>{html.escape(t.text)}</b>" if t.text == item.word else html.escape(t.text)
            for t in s.tokens
        )
    else:
        text = s.text if item.word in s.text else s.converted
        sentence = f"<b>{html.escape(item.word)}</b>".join(
            html.escape(part) for part in text.split(item.word)
        )
    english = ""
    if s.translation is not None:
        english = html.escape(s.translation.text)
        if s.translation.method == "gloss":
            english += f"<br><small>{html.escape(label)}</small>"
    return sentence, english


def to_anki(
    article: Article,
    words: Iterable[str] | None = None,
    all_vocab: bool = False,
    min_count: int = 2,
    include_names: bool = False,
    lookup: Lookup | None = None,
) -> str:
    """The deck as text. Raises ReaderError when no word is selected."""
    items = select_vocab(article, words, all_vocab, min_count, include_names)
    if not items:
        how = f"no word occurs {min_count}+ times" if all_vocab else "no words selected (--words)"
        raise ReaderError(
            f"anki export: {how}; pick words with --words W,W or use --all-vocab "
            "(lower --min-count for short articles)"
        )
    find = lookup or _default_lookup()
    label = gloss_label(article)
    lines = [
        "#separator:tab",
        "#html:true",
        "#tags:reader",
        "#columns:" + "\t".join(COLUMNS),
    ]
    for item in items:
        definition, dict_pinyin = _definition_html(item, find)
        pinyin = item.pinyin or _display(dict_pinyin, article.pinyin_style)
        example, english = _example_html(item, label)
        fields = (
            html.escape(item.word),
            html.escape(item.other),
            html.escape(pinyin),
            definition,
            example,
            english,
        )
        lines.append("\t".join(one_line(f) for f in fields))
    return "\n".join(lines) + "\n"
