"""Helpers shared by the export formats: labels, per-character pinyin, Han detection."""

from __future__ import annotations

from collections import Counter

from reader.han import is_han as is_han_char
from reader.model import Article, Sentence, Token
from reader.translation_method import (
    GLOSS_LABEL,
    METHOD_MARKS,
    TranslationMethod,
    method_label,
)

__all__ = ["GLOSS_LABEL"]  # re-exported for older imports


def converted_script(article: Article) -> str:
    """Name of the script the `converted` text is in, for labels ("Simplified", ...)."""
    conv = article.conversion.lower()
    if conv.startswith(("t2s", "tw2s", "hk2s")) or article.script == "traditional":
        return "Simplified"
    if conv.startswith("s2") or article.script == "simplified":
        return "Traditional"
    return "Converted"


def lang_tags(article: Article) -> tuple[str, str]:
    """BCP 47 tags for the original and the converted text (they pick the right CJK glyphs)."""
    if article.script == "traditional":
        return "zh-Hant", "zh-Hans"
    if article.script == "simplified":
        return "zh-Hans", "zh-Hant"
    return "zh", "zh"


def gloss_label(article: Article) -> str:
    """Label for glossed sentences: no model installed, or the model returned nothing."""
    return method_label(TranslationMethod.GLOSS, article.model)


def method_mark(sentence: Sentence) -> str:
    """Short mark for a sentence whose English is not a plain model sentence ("" if it is)."""
    tr = sentence.translation
    return METHOD_MARKS[tr.method] if tr is not None else ""


def _sentences(n: int) -> str:
    return f"{n} sentence" if n == 1 else f"{n} sentences"


def english_summary(article: Article) -> str:
    """One line saying how the article's English was made (for export headers)."""
    methods = Counter(
        s.translation.method for s in article.sentences() if s.translation is not None
    )
    if not methods:
        return "not translated"
    if article.model is None:
        return GLOSS_LABEL if TranslationMethod.GLOSS in methods else "machine translation"
    mt = f"machine translation ({article.model})"
    notes = []
    for method in (TranslationMethod.MT_NAME_FIXED, TranslationMethod.MT_PIECES):
        if methods[method]:
            notes.append(f"{_sentences(methods[method])}: {method.label}")
    if methods[TranslationMethod.GLOSS]:
        notes.append(f"{_sentences(methods[TranslationMethod.GLOSS])}: {gloss_label(article)}")
    return "; ".join([mt, *notes])


def source_of(article: Article) -> str:
    return article.meta.source_url or article.meta.path


def char_syllables(token: Token, style: str) -> list[str | None]:
    """One display syllable per character of ``token.text`` (None where there is none).

    Readings are stored in tone-number form; the pinyin module formats them in the
    article's style. A token without per-character readings falls back to splitting its
    display pinyin when that yields exactly one syllable per Han character.
    """
    chars = token.text
    if len(token.readings) == len(chars) and any(r is not None for r in token.readings):
        from reader.annotate.pinyin_format import format_syllable

        return [None if r is None else format_syllable(r, style) for r in token.readings]
    han = [i for i, ch in enumerate(chars) if is_han_char(ch)]
    parts = token.pinyin.split()
    out: list[str | None] = [None] * len(chars)
    if han and len(parts) == len(han):
        for i, syl in zip(han, parts, strict=True):
            out[i] = syl
    return out


def sentence_pinyin(sentence: Sentence) -> str:
    """The sentence as a pinyin line: each Han word's pinyin, other tokens as written."""
    parts: list[str] = []
    for tok in sentence.tokens:
        if tok.pinyin:
            parts.append(tok.pinyin)
        elif tok.text.strip():
            parts.append(tok.text.strip())
    return " ".join(parts)


def one_line(text: str) -> str:
    """Collapse tabs and line breaks into spaces (TSV fields, single-line labels)."""
    return " ".join(text.replace("\t", " ").splitlines()) if text else ""


def meta_items(article: Article) -> list[tuple[str, str]]:
    """The byline fields an export header lists, labelled, empty ones left out."""
    meta = article.meta
    fields = (("Author", meta.author), ("Date", meta.date), ("Site", meta.site))
    return [(label, value) for label, value in fields if value]
