"""Markdown export: per paragraph the original, the other script and the English.

Written to read well both as plain text and through a Markdown renderer: short labelled
lines, names in bold followed by their English rendering, every piece of article text
escaped so it can never turn into markup (links, HTML, lists, headings).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reader.export._common import (
    converted_script,
    english_summary,
    gloss_label,
    meta_items,
    method_mark,
    one_line,
    source_of,
)
from reader.model import Article, GlossaryHit, Paragraph, Sentence, Token
from reader.translation_method import TranslationMethod

# Characters that can start inline markup anywhere (CommonMark + GFM tables/strikethrough).
_INLINE_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~"})
# An entity reference such as &lt; or &#60; would be decoded by a renderer.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What makes a line a heading, list item, quote, setext underline or thematic break.
_BLOCK_START = re.compile(r"^([#+\-=>]|\d+[.)])")


def md_escape(text: str) -> str:
    """Escape article text so a Markdown renderer shows it literally."""
    out = one_line(text).translate(_INLINE_SPECIAL)
    return _ENTITY.sub(r"\\&", out) if "&" in out else out


def _escape_line_start(line: str) -> str:
    line = line.lstrip(" \t")  # four leading spaces would make a code block
    m = _BLOCK_START.match(line)
    if m:
        head = m.group(1)
        return head[:-1] + "\\" + head[-1] + line[len(head) :]
    return line


def _name_rendering(hit: GlossaryHit) -> str:
    note = ", auto" if hit.source == "auto" else ""
    if not hit.en:  # a name left to the translator: no English of its own
        return "(auto)" if hit.source == "auto" else ""
    return f"({md_escape(hit.en)}{note})"


def _render_tokens(sentence: Sentence, word: Callable[[Token], str], with_en: bool) -> str:
    """The sentence from its tokens, names in bold (and their English when ``with_en``).

    Without the English, neighbouring names share one bold run: ``**a****b**`` is not
    valid emphasis.
    """
    if not sentence.tokens:
        return md_escape(sentence.text)
    parts: list[str] = []
    bold: list[str] = []
    for t in sentence.tokens:
        if t.glossary is not None and not with_en:
            bold.append(md_escape(word(t)))
            continue
        if bold:
            parts.append(f"**{''.join(bold)}**")
            bold = []
        if t.glossary is None:
            parts.append(md_escape(word(t)))
        else:
            parts.append(f"**{md_escape(word(t))}** {_name_rendering(t.glossary)}")
    if bold:
        parts.append(f"**{''.join(bold)}**")
    return "".join(parts)


def _original(token: Token) -> str:
    return token.text


def _converted(token: Token) -> str:
    return token.converted or token.text


def _paragraph_original(article: Article, p: Paragraph) -> str:
    parts: list[str] = []
    pos = p.start
    for s in p.sentences:
        parts.append(md_escape(article.text[pos : s.start]))
        parts.append(_render_tokens(s, _original, with_en=True))
        pos = s.end
    parts.append(md_escape(article.text[pos : p.end]))
    return "".join(parts).strip()


def _paragraph_converted(p: Paragraph) -> str:
    parts: list[str] = []
    for s in p.sentences:
        if s.tokens and all(t.converted for t in s.tokens):
            parts.append(_render_tokens(s, _converted, with_en=False))
        else:
            parts.append(md_escape(s.converted))
    return "".join(parts).strip()


def _paragraph_english(p: Paragraph) -> tuple[str, bool]:
    texts: list[str] = []
    for s in p.sentences:
        if s.translation is None or not s.translation.text:
            continue
        text = md_escape(one_line(s.translation.text))
        mark = method_mark(s)
        # A gloss is labelled once for the paragraph; other methods per sentence.
        if mark and s.translation.method != TranslationMethod.GLOSS:
            text += f" *({mark})*"
        texts.append(text)
    gloss = any(
        s.translation is not None and s.translation.method == TranslationMethod.GLOSS
        for s in p.sentences
    )
    return " ".join(texts), gloss


_KIND_PREFIX = {"heading": "## ", "list": "- ", "quote": "> "}


def to_markdown(article: Article) -> str:
    lines: list[str] = []
    title = article.meta.title or article.meta.path or "Untitled article"
    lines += [f"# {md_escape(title)}", ""]
    source = source_of(article)
    if source:
        if re.fullmatch(r"https?://[^\s<>]+", source):
            lines.append(f"- Source: <{source}>")
        else:
            lines.append(f"- Source: {md_escape(source)}")
    lines.extend(f"- {label}: {md_escape(value)}" for label, value in meta_items(article))
    other = converted_script(article)
    if article.script in ("simplified", "traditional"):
        conv = f" with OpenCC {md_escape(article.conversion)}" if article.conversion else ""
        lines.append(f"- Script: {article.script.capitalize()}, shown in {other}{conv}")
    lines.append(f"- English: {md_escape(english_summary(article))}")
    if any(t.glossary is not None for t in article.tokens()):
        lines.append(
            "- Names are in **bold** with their English; "
            '"auto" marks a name detected automatically, not taken from a glossary.'
        )
    lines += ["", "---", ""]

    for p in article.paragraphs:
        original = _paragraph_original(article, p)
        if not original:
            continue
        prefix = _KIND_PREFIX.get(p.kind, "")
        lines += [prefix + _escape_line_start(original), ""]
        converted = _paragraph_converted(p)
        if converted and converted != original:
            lines += [f"{other}: {converted}", ""]
        english, gloss = _paragraph_english(p)
        if english:
            label = f"English, {md_escape(gloss_label(article))}" if gloss else "English"
            lines += [f"{label}: {english}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
