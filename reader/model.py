"""The immutable document model that flows through every pipeline step.

article -> paragraphs -> sentences -> tokens. Every unit carries ``start``/``end``
character offsets into ``Article.text`` (the loaded text), so any later step can
refer back to an exact span. Steps never mutate: they return new objects built
with :func:`dataclasses.replace`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal

from reader.han import has_han
from reader.translation_method import TranslationMethod, coerce_method

Script = Literal["simplified", "traditional", "mixed", "none"]


class PinyinStyle(StrEnum):
    """How pinyin is written. The one list of styles: CLI choices, the TUI's cycle (in this
    order) and the formatter's check all come from here."""

    MARKS = "marks"  # tone marks: nǐ hǎo
    NUMBERS = "numbers"  # tone numbers: ni3 hao3
    ZHUYIN = "zhuyin"  # bopomofo: ㄋㄧˇ ㄏㄠˇ

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The style names as plain strings, in cycle order."""
        return tuple(style.value for style in cls)


class NameModel(StrEnum):
    """Which name recogniser annotates: the one list for the CLI's choices and the settings."""

    # the default: the CRF retrained with Baidu LAC's network's output as features
    # (ner_lac.crfsuite, lac.npz): more names found at the same precision, fewer false ones
    ACCURATE = "accurate"
    FAST = "fast"  # the character CRF alone (reader/data/ner.crfsuite): half the time

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(model.value for model in cls)


class Romanisation(StrEnum):
    """How a person's name the glossary lacks is written in English."""

    # Wade–Giles for an article from Taiwan, Hong Kong's Cantonese spelling for one from
    # Hong Kong, the translator's for one about Japan or Korea (reader/glossary/origin.py
    # says which), else pinyin
    AUTO = "auto"
    PINYIN = "pinyin"  # Hanyu Pinyin, surname first: Xie Mingjun
    WADE_GILES = "wade-giles"  # as Taiwan writes names: Hsieh Ming-chun
    HONG_KONG = "hong-kong"  # Cantonese, as Hong Kong writes names: Chan Tai-man
    # none of our own: the translator writes the name (Japanese and Korean names, read in
    # their own languages: 林芳正 Hayashi Yoshimasa)
    TRANSLATOR = "translator"

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(style.value for style in cls)


@dataclass(frozen=True, slots=True)
class GlossaryHit:
    """A glossary (or auto-detected) name covering ``text[start:end]``."""

    start: int
    end: int
    term: str  # the entry's headword as written in its file
    en: str
    type: str
    source_file: str  # path of the glossary file, or "auto"
    source: Literal["glossary", "auto"] = "glossary"
    note: str = ""
    # How sure the name recogniser is that the span is a name (1.0: not judged).
    confidence: float = 1.0
    # Whether the English rendering is imposed on the machine translation; a name that is
    # shown but not forced is translated freely (an unsure name is never forced).
    forced: bool = True

    @classmethod
    def auto(
        cls,
        *,
        start: int,
        end: int,
        term: str,
        en: str,
        type: str,
        note: str,
        confidence: float = 1.0,
        forced: bool = True,
    ) -> GlossaryHit:
        """A name no glossary entry gave: found by the recogniser or a rule (source "auto")."""
        return cls(start, end, term, en, type, "auto", "auto", note, confidence, forced)

    # dataclasses.replace, made by hand for the two per-sentence changes (a third of its
    # time; tests/test_contracts.py checks they agree with it field for field)
    def shifted(self, offset: int) -> GlossaryHit:
        """This hit ``offset`` characters on (a sentence's hit placed in the article)."""
        return self._copy(self.start + offset, self.end + offset, self.confidence, self.forced)

    def judged(self, confidence: float, forced: bool) -> GlossaryHit:
        """This hit with the recogniser's ``confidence`` and whether it is ``forced``."""
        return self._copy(self.start, self.end, confidence, forced)

    def _copy(self, start: int, end: int, confidence: float, forced: bool) -> GlossaryHit:
        # by position, not dataclasses.replace: a sentence's hits are copied on every
        # annotation (tests/test_contracts.py checks every field is carried)
        return GlossaryHit(
            start,
            end,
            self.term,
            self.en,
            self.type,
            self.source_file,
            self.source,
            self.note,
            confidence,
            forced,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "en": self.en,
            "type": self.type,
            "source_file": self.source_file,
            "source": self.source,
            "term": self.term,
            "confidence": round(self.confidence, 3),
            "forced": self.forced,
        }


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    converted: str = ""  # the token in the other script (OpenCC), aligned 1:1
    pinyin: str = ""  # display string in the chosen style; "" for non-Han tokens
    readings: tuple[str | None, ...] = ()  # one per character, None for non-Han
    pos: str = ""  # jieba part-of-speech flag
    glossary: GlossaryHit | None = None

    @property
    def is_han(self) -> bool:
        return any(r is not None for r in self.readings) or has_han(self.text)


@dataclass(frozen=True, slots=True)
class Translation:
    text: str
    method: TranslationMethod  # a plain string ("mt", "gloss", …) is converted
    glossary_applied: tuple[str, ...] = ()
    # Derived from the method (mt+name-fixed / mt+pieces); passing repaired=True with "mt"
    # (older callers and cache rows) means the sentence was rebuilt from pieces.
    repaired: bool = False
    from_cache: bool = False

    def __post_init__(self) -> None:
        method = coerce_method(self.method, self.repaired)
        object.__setattr__(self, "method", method)
        object.__setattr__(self, "repaired", method.repaired)


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int  # position in the whole article
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()
    converted: str = ""
    translation: Translation | None = None

    @property
    def glossary_hits(self) -> tuple[GlossaryHit, ...]:
        return tuple(t.glossary for t in self.tokens if t.glossary is not None)


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    kind: str = "p"  # "p", "heading", "caption", "list", "quote"
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Meta:
    title: str = ""
    author: str = ""
    date: str = ""
    source_url: str = ""
    site: str = ""
    path: str = ""  # where it was loaded from ("-" for stdin)
    encoding: str = ""
    format: str = ""  # "text", "markdown", "html", "jekyll-html"

    def to_json(self) -> dict[str, str]:
        return {
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "source_url": self.source_url,
            "site": self.site,
        }


@dataclass(frozen=True, slots=True)
class Article:
    text: str  # the loaded text; all offsets point into it
    meta: Meta = field(default_factory=Meta)
    paragraphs: tuple[Paragraph, ...] = ()
    script: Script = "none"
    conversion: str = ""  # OpenCC config used for `converted`
    pinyin_style: str = "marks"
    model: str | None = None  # MT model id, None when glossed / not translated
    dropped_chars: int = 0  # page text left out by extraction
    full_text: str = ""  # whole page text before extraction (for --full-page)

    @property
    def title(self) -> str:
        return self.meta.title

    def sentences(self) -> Iterator[Sentence]:
        for p in self.paragraphs:
            yield from p.sentences

    def tokens(self) -> Iterator[Token]:
        for s in self.sentences():
            yield from s.tokens

    def with_sentences(self, new: dict[int, Sentence]) -> Article:
        """Return a copy with sentences replaced by index (others kept).

        Paragraphs without a replaced sentence are kept as they are (not copied), so a
        long article updated part by part costs little per part.
        """
        if not new:
            return self
        lo, hi = min(new), max(new)
        paras = tuple(
            replace(p, sentences=tuple(new.get(s.index, s) for s in p.sentences))
            if p.sentences
            and p.sentences[0].index <= hi
            and p.sentences[-1].index >= lo
            and any(s.index in new for s in p.sentences)
            else p
            for p in self.paragraphs
        )
        return replace(self, paragraphs=paras)

    def map_sentences(self, fn) -> Article:  # type: ignore[no-untyped-def]
        paras = tuple(
            replace(p, sentences=tuple(fn(s) for s in p.sentences)) for p in self.paragraphs
        )
        return replace(self, paragraphs=paras)


@dataclass(frozen=True, slots=True)
class Block:
    """A loader's output unit: a span of the loaded text and what kind of block it is."""

    start: int
    end: int
    kind: str = "p"


@dataclass(frozen=True, slots=True)
class LoadedText:
    """What a loader returns: clean text, its block spans and the metadata."""

    text: str
    blocks: tuple[Block, ...]
    meta: Meta
    dropped_chars: int = 0
    full_text: str = ""
