"""HTML export: one self-contained page with ruby pinyin, the English under each sentence.

Safety: every piece of article text (and metadata) goes through :func:`html.escape`
with ``quote=True``; the only link is the source URL and only when it is http(s); a
Content-Security-Policy forbids scripts, images, fonts and any network request, so even
a bug in escaping could not run code or phone home.

Ruby: one ``<ruby>`` per Chinese word with one ``<rt>`` per character inside it
(``<ruby>銀<rp>(</rp><rt>yín</rt><rp>)</rp>行<rp>(</rp><rt>háng</rt><rp>)</rp></ruby>``):
a single ``<rt>`` over a whole word misplaces syllables. ``<rp>`` keeps the reading in
parentheses for renderers without ruby support. Toggles for pinyin, the other script and
English are checkboxes styled with ``:checked ~`` selectors, so no JavaScript is needed.
"""

from __future__ import annotations

import html
import re
from importlib import resources

from reader.export._common import (
    char_syllables,
    converted_script,
    english_summary,
    gloss_label,
    is_han_char,
    lang_tags,
    meta_items,
    source_of,
)
from reader.glossary.format import TYPES
from reader.model import Article, GlossaryHit, Paragraph, Sentence, Token
from reader.translation_method import METHOD_MARKS, TranslationMethod

NAME_TYPES = TYPES  # one colour class per glossary type

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _css() -> str:
    return resources.files("reader.export").joinpath("export.css").read_text(encoding="utf-8")


def _name_type(hit: GlossaryHit) -> str:
    return hit.type if hit.type in NAME_TYPES else "other"


def _name_title(hit: GlossaryHit) -> str:
    how = "auto-detected name" if hit.source == "auto" else "glossary"
    return f"{hit.en} · {_name_type(hit)} ({how})"


def ruby_word(text: str, syllables: list[str | None]) -> str:
    """One ``<ruby>`` for a Chinese word: each Han character gets its own ``<rt>``.

    Non-Han characters before the first or after the last Han character stay outside the
    ruby; one between Han characters gets an empty ``<rt class="x">`` so the next reading
    is not stretched over it.
    """
    han = [i for i, ch in enumerate(text) if is_han_char(ch)]
    if not han:
        return esc(text)
    first, last = han[0], han[-1]
    out = [esc(text[:first]), "<ruby>"]
    for i in range(first, last + 1):
        ch = text[i]
        if is_han_char(ch):
            syl = syllables[i] if i < len(syllables) else None
            if syl:
                out.append(f"{esc(ch)}<rp>(</rp><rt>{esc(syl)}</rt><rp>)</rp>")
            else:
                out.append(f"{esc(ch)}<rt></rt>")
        else:
            out.append(f'{esc(ch)}<rt class="x"></rt>')
    out += ["</ruby>", esc(text[last + 1 :])]
    return "".join(out)


def _token_html(token: Token, style: str) -> str:
    if any(is_han_char(ch) for ch in token.text):
        inner = ruby_word(token.text, char_syllables(token, style))
    else:
        inner = esc(token.text)
    return _wrap_name(token.glossary, inner)


def _wrap_name(hit: GlossaryHit | None, inner: str) -> str:
    if hit is None:
        return inner
    classes = f"name t-{_name_type(hit)}" + (" auto" if hit.source == "auto" else "")
    return f'<span class="{classes}" title="{esc(_name_title(hit))}">{inner}</span>'


def _original_html(sentence: Sentence, style: str) -> str:
    if not sentence.tokens:
        return esc(sentence.text)
    return "".join(_token_html(t, style) for t in sentence.tokens)


def _converted_html(sentence: Sentence) -> str:
    if sentence.tokens and all(t.converted for t in sentence.tokens):
        return "".join(_wrap_name(t.glossary, esc(t.converted)) for t in sentence.tokens)
    return esc(sentence.converted)


def mark_terms(text: str, terms: tuple[str, ...]) -> str:
    """Escape ``text``, wrapping each occurrence of a glossary rendering in ``<b>``."""
    wanted = sorted({t for t in terms if t}, key=len, reverse=True)
    if not wanted:
        return esc(text)
    pattern = re.compile("|".join(re.escape(t) for t in wanted))
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        out += [esc(text[pos : m.start()]), f'<b class="name-en">{esc(m.group())}</b>']
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def _english_html(sentence: Sentence, label: str) -> str:
    tr = sentence.translation
    if tr is None:
        return ""
    tags = []
    if tr.method == TranslationMethod.GLOSS:
        tags.append(f'<span class="tag gloss">{esc(label)}</span>')
    elif tr.method != TranslationMethod.MT:
        kind = re.sub(r"[^a-z]+", "-", str(tr.method))
        tags.append(
            f'<span class="tag method-{kind}" title="{esc(tr.method.description)}">'
            f"{esc(METHOD_MARKS[tr.method])}</span>"
        )
    body = mark_terms(tr.text, tr.glossary_applied)
    return f'<p class="en" lang="en">{body}{" " if tags else ""}{" ".join(tags)}</p>'


def _sentence_html(article: Article, sentence: Sentence, kind: str) -> str:
    orig_lang, conv_lang = lang_tags(article)
    tag = "h2" if kind == "heading" else "p"
    parts = [
        f'<div class="s" id="s{sentence.index}">',
        f'<{tag} class="zh" lang="{orig_lang}">'
        f"{_original_html(sentence, article.pinyin_style)}</{tag}>",
    ]
    if sentence.converted and sentence.converted != sentence.text:
        parts.append(f'<p class="cv" lang="{conv_lang}">{_converted_html(sentence)}</p>')
    parts.append(_english_html(sentence, gloss_label(article)))
    parts.append("</div>")
    return "".join(parts)


def _paragraph_html(article: Article, p: Paragraph) -> str:
    kind = re.sub(r"[^a-z]", "", p.kind.lower()) or "p"
    body = "\n".join(_sentence_html(article, s, kind) for s in p.sentences)
    return f'<section class="para k-{kind}" id="p{p.index}">\n{body}\n</section>'


def _source_html(article: Article) -> str:
    source = source_of(article)
    if not source:
        return ""
    if re.fullmatch(r"https?://\S+", source):
        link = f'<a href="{esc(source)}" rel="noreferrer noopener">{esc(source)}</a>'
    else:
        link = esc(source)
    return f"<li>Source: {link}</li>"


def _header_html(article: Article, types_used: list[str]) -> str:
    orig_lang, _ = lang_tags(article)
    title = article.meta.title or article.meta.path or "Untitled article"
    items = [_source_html(article)]
    items.extend(f"<li>{label}: {esc(value)}</li>" for label, value in meta_items(article))
    if article.script in ("simplified", "traditional"):
        conv = f" (OpenCC {esc(article.conversion)})" if article.conversion else ""
        items.append(
            f"<li>Script: {article.script.capitalize()}; "
            f"shown in {converted_script(article)}{conv}</li>"
        )
    items.append(f"<li>English: {esc(english_summary(article))}</li>")
    if types_used:
        legend = " ".join(f'<span class="name t-{t}">{t}</span>' for t in types_used)
        items.append(f"<li>Names (hover for English): {legend}</li>")
    return (
        f'<header class="doc">\n<h1 lang="{orig_lang}">{esc(title)}</h1>\n'
        f'<ul class="meta">{"".join(i for i in items if i)}</ul>\n</header>'
    )


def _controls_html(article: Article) -> str:
    other = converted_script(article)
    return (
        '<input type="checkbox" class="toggle" id="show-pinyin" checked>\n'
        '<input type="checkbox" class="toggle" id="show-converted" checked>\n'
        '<input type="checkbox" class="toggle" id="show-english" checked>\n'
        '<nav class="controls" aria-label="Show">'
        '<label for="show-pinyin">Pinyin</label>'
        f'<label for="show-converted">{esc(other)}</label>'
        '<label for="show-english">English</label></nav>'
    )


def to_html(article: Article) -> str:
    from reader import __version__

    seen = {_name_type(t.glossary) for t in article.tokens() if t.glossary is not None}
    types_used = [t for t in NAME_TYPES if t in seen]
    title = article.meta.title or article.meta.path or "Untitled article"
    body = "\n".join(_paragraph_html(article, p) for p in article.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reader {esc(__version__)}">
<title>{esc(title)}</title>
<style>
{_css()}</style>
</head>
<body>
{_controls_html(article)}
<main>
{_header_html(article, types_used)}
{body}
</main>
</body>
</html>
"""
