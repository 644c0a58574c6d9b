"""JSON export: the whole document model with every annotation, stable for other tools.

Schema (``format_version`` 1; new keys may be added, existing keys keep their meaning).
All offsets are character (code point) offsets into ``text``; ``end`` is exclusive.

Top level::

    format_version   int      1
    title            str      article title ("" if unknown)
    source           str      source URL, else the path it was loaded from ("-" = stdin)
    meta             object   {title, author, date, source_url, site}
    script           str      "simplified" | "traditional" | "mixed" | "none" (detected)
    conversion       str      OpenCC config that produced `converted` (e.g. "t2s")
    pinyin_style     str      "marks" | "numbers" | "zhuyin" (style of every `pinyin`)
    model            str|null MT model id; null when glossed or not translated
    dropped_chars    int      page text left out by article extraction
    text             str      the loaded article text all offsets point into
    paragraphs       list     see below
    sentences        list     every sentence of the article in order, see below
    stats            object   optional, only from `reader translate`:
                              {sent_to_model, from_cache, repaired, ...}

Paragraph::

    index      int        position in the article (0-based)
    start,end  int        span in `text`
    kind       str        "p" | "heading" | "caption" | "list" | "quote"
    sentences  list[int]  indices into the top-level `sentences`

Sentence::

    index               int        position in the article (0-based), = its list position
    paragraph           int        index of its paragraph
    start,end           int        span in `text`; text == text[start:end]
    text                str        original sentence
    converted           str        the sentence in the other script
    translation         str|null   English; null when not translated
    translation_method  str|null   how the English was made (reader.translation_method):
                                   "mt" the model's sentence, names intact |
                                   "mt+name-fixed" the model's sentence, a mangled name
                                   fixed in place | "mt+pieces" a clause re-translated
                                   piece by piece around its names | "gloss" word-by-word
                                   CC-CEDICT gloss | "copied" no Chinese, copied as is | null
    glossary_applied    list[str]  glossary renderings guaranteed in `translation`
    repaired            bool       "mt+name-fixed" or "mt+pieces" (kept for older readers)
    tokens              list       the words tiling the sentence, see below

Token::

    text        str             the word as written
    start,end   int             span in `text` (article offsets)
    converted   str             the word in the other script
    pinyin      str             display pinyin in `pinyin_style`; "" for non-Han tokens
    readings    list[str|null]  one tone-number reading per character ("hang2"), null
                                for non-Han characters
    pos         str             jieba part-of-speech flag ("" if unknown)
    glossary    object|null     the name this token is, or null:
                                {en, type, source_file, source, term}
                                source: "glossary" (from a glossary file, source_file its
                                path) | "auto" (detected, not curated; source_file "auto")
                                term: the glossary headword (may be the other script)
    status      str|null        only with a vocabulary (`reader annotate --format json`):
                                "new" | "learning" | "known" | "ignored"; null for a token
                                that is no vocabulary (names, numbers, punctuation, Latin)
    hsk         int|null        only with a vocabulary: HSK level in the user's HSK version
                                (HSK 3.0: 1-6, 7 = the 7-9 band; HSK 2.0: 1-6); null if unlisted
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

from reader.model import Article, Sentence, Token

FORMAT_VERSION = 1


def token_to_json(token: Token) -> dict[str, Any]:
    return {
        "text": token.text,
        "start": token.start,
        "end": token.end,
        "converted": token.converted,
        "pinyin": token.pinyin,
        "readings": list(token.readings),
        "pos": token.pos,
        "glossary": token.glossary.to_json() if token.glossary is not None else None,
    }


TokenFields = Mapping[tuple[int, int], Mapping[str, Any]]


def sentence_to_json(
    sentence: Sentence, paragraph: int, token_fields: TokenFields | None = None
) -> dict[str, Any]:
    tr = sentence.translation
    tokens = [token_to_json(t) for t in sentence.tokens]
    if token_fields is not None:  # extra per-token keys (vocabulary status, HSK level)
        for k, token in enumerate(tokens):
            token.update(token_fields.get((sentence.index, k), {}))
    return {
        "index": sentence.index,
        "paragraph": paragraph,
        "start": sentence.start,
        "end": sentence.end,
        "text": sentence.text,
        "converted": sentence.converted,
        "translation": tr.text if tr is not None else None,
        "translation_method": str(tr.method) if tr is not None else None,
        "glossary_applied": list(tr.glossary_applied) if tr is not None else [],
        "repaired": bool(tr.repaired) if tr is not None else False,
        "tokens": tokens,
    }


def _stats_dict(stats: object) -> dict[str, Any]:
    to_json = getattr(stats, "to_json", None)
    if callable(to_json):
        return dict(to_json())
    if isinstance(stats, Mapping):
        return dict(stats)
    if dataclasses.is_dataclass(stats) and not isinstance(stats, type):
        return dataclasses.asdict(stats)
    return dict(vars(stats))


def article_to_json(
    article: Article, stats: object | None = None, token_fields: TokenFields | None = None
) -> dict[str, Any]:
    """The document as a JSON-ready dict (schema in this module's docstring).

    ``token_fields``: extra keys per token, keyed (sentence index, token position) —
    reader.vocab's ``status`` and ``hsk``; keys are only ever added.
    """
    paragraphs: list[dict[str, Any]] = []
    sentences: list[dict[str, Any]] = []
    for p in article.paragraphs:
        paragraphs.append(
            {
                "index": p.index,
                "start": p.start,
                "end": p.end,
                "kind": p.kind,
                "sentences": [s.index for s in p.sentences],
            }
        )
        sentences.extend(sentence_to_json(s, p.index, token_fields) for s in p.sentences)
    doc: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "title": article.meta.title,
        "source": article.meta.source_url or article.meta.path,
        "meta": article.meta.to_json(),
        "script": article.script,
        "conversion": article.conversion,
        "pinyin_style": article.pinyin_style,
        "model": article.model,
        "dropped_chars": article.dropped_chars,
        "text": article.text,
        "paragraphs": paragraphs,
        "sentences": sentences,
    }
    if stats is not None:
        doc["stats"] = _stats_dict(stats)
    return doc


def to_json(article: Article, stats: object | None = None, indent: int | None = 2) -> str:
    """The JSON document as text (UTF-8 characters kept readable, trailing newline)."""
    return json.dumps(article_to_json(article, stats), ensure_ascii=False, indent=indent) + "\n"
