"""The annotation pipeline: loaded text → segmented, converted, pinyin'd, glossary-marked Article.

load → segment (sentences, words) → annotate (script, pinyin) → glossary. Translation is a
separate step (reader.translate) because it is slow and runs in the background in the TUI.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.model import Article, GlossaryHit, LoadedText, Paragraph, Sentence, Token

if TYPE_CHECKING:
    from reader.glossary import Glossary

PINYIN_STYLES: tuple[str, ...] = ("marks", "numbers", "zhuyin")


@dataclass(frozen=True)
class Options:
    conversion: str | None = None  # OpenCC config; None = show the other script
    pinyin_style: str = "marks"
    glossary: Glossary | None = None
    sandhi: bool = False
    auto_names: bool = True  # render names the glossary lacks (marked "auto")


def annotate_path(
    path: str, options: Options | None = None, encoding: str | None = None, full_page: bool = False
) -> Article:
    from reader.load import load_path

    return annotate(load_path(path, encoding=encoding, full_page=full_page), options or Options())


def annotate(loaded: LoadedText, options: Options | None = None) -> Article:
    from reader.annotate.script import convert, default_conversion, detect_script
    from reader.glossary.fold import fold
    from reader.segment.sentences import split_sentences

    opts = options or Options()
    text = loaded.text
    script = detect_script(text)
    conversion = opts.conversion or default_conversion(script)

    # Sentences per block; offsets are absolute into `text`.
    layout = [(block, split_sentences(text, block.start, block.end)) for block in loaded.blocks]
    spans = [span for _, block_spans in layout for span in block_spans]

    # Whole-text conversions, done once: jieba segments the Simplified form; the display
    # conversion is sliced per token when OpenCC kept the length (it almost always does).
    simplified = fold(text)
    converted = convert(text, conversion)
    aligned = converted if len(converted) == len(text) else None

    sentences = iter(_segment_all(text, simplified, aligned, conversion, spans, opts))
    paragraphs = tuple(
        Paragraph(
            index=p_index,
            start=block.start,
            end=block.end,
            kind=block.kind,
            sentences=tuple(next(sentences) for _ in block_spans),
        )
        for p_index, (block, block_spans) in enumerate(layout)
    )
    return Article(
        text=text,
        meta=loaded.meta,
        paragraphs=paragraphs,
        script=script,
        conversion=conversion,
        pinyin_style=opts.pinyin_style,
        dropped_chars=loaded.dropped_chars,
        full_text=loaded.full_text,
    )


def _segment_all(
    text: str,
    simplified: str,
    aligned: str | None,
    conversion: str,
    spans: Sequence[tuple[int, int]],
    opts: Options,
) -> list[Sentence]:
    """Words, glossary names, conversion and pinyin for every sentence (pinyin batched)."""
    from reader.annotate.pinyin import apply_sandhi, format_word
    from reader.annotate.script import convert_aligned
    from reader.segment.words import crosses_words, get_segmenter, merge_spans

    segmenter = get_segmenter()
    glossary = opts.glossary
    if glossary is not None:
        segmenter.add_words(glossary.user_words())

    word_spans_all: list[list[tuple[int, int]]] = []
    hits_all: list[dict[tuple[int, int], GlossaryHit]] = []
    # Ambiguous names (小米, 平安) shown to be names anywhere in the article count everywhere.
    established = (
        glossary.established(text[a:b] for a, b in spans) if glossary is not None else frozenset()
    )
    for start, end in spans:
        word_spans = segmenter.cut(simplified[start:end])
        hits: dict[tuple[int, int], GlossaryHit] = {}
        if glossary is not None:
            for hit in glossary.find(text[start:end], established):
                if crosses_words(word_spans, hit.start, hit.end):
                    continue  # a name read across word edges: 平台中 is not 台中
                hits[(hit.start, hit.end)] = replace(
                    hit, start=hit.start + start, end=hit.end + start
                )
            word_spans = merge_spans(word_spans, sorted(hits))
        word_spans_all.append(word_spans)
        hits_all.append(hits)

    readings_all = _read_pinyin(
        [(simplified[a:b], ws) for (a, b), ws in zip(spans, word_spans_all, strict=True)]
    )

    sentences: list[Sentence] = []
    for index, ((start, end), word_spans, hits, chars) in enumerate(
        zip(spans, word_spans_all, hits_all, readings_all, strict=True)
    ):
        sentence_text = text[start:end]
        if aligned is not None:
            parts = [aligned[start + a : start + b] for a, b in word_spans]
        else:
            parts = convert_aligned(sentence_text, word_spans, conversion)
        words = [list(chars[a:b]) for a, b in word_spans]
        if opts.sandhi:
            words = apply_sandhi(words, [sentence_text[a:b] for a, b in word_spans])
        tokens = [
            Token(
                text=sentence_text[a:b],
                start=start + a,
                end=start + b,
                converted=part,
                pinyin=format_word(readings, opts.pinyin_style) if any(readings) else "",
                readings=tuple(readings),
                pos=segmenter.tag(simplified[start + a : start + b]),
                glossary=hits.get((a, b)),
            )
            for (a, b), part, readings in zip(word_spans, parts, words, strict=True)
        ]
        if opts.auto_names:
            tokens = _auto_names(tokens, sentence_text, start, segmenter.freq, opts.pinyin_style)
        sentences.append(
            Sentence(
                index=index,
                start=start,
                end=end,
                text=sentence_text,
                tokens=tuple(tokens),
                converted="".join(parts),
            )
        )
    return sentences


def _read_pinyin(items: list[tuple[str, list[tuple[int, int]]]]) -> list[list[str | None]]:
    from reader.annotate.pinyin import get_reader

    return get_reader().read_batch(items)


def _auto_names(
    tokens: list[Token],
    sentence_text: str,
    sentence_start: int,
    word_freq: Callable[[str], int | None],
    style: str,
) -> list[Token]:
    """Mark likely names the glossary lacks; a name jieba split (扎克|伯格) becomes one token."""
    from reader.annotate.pinyin import format_word
    from reader.glossary.auto import detect_names
    from reader.glossary.fold import fold

    found = detect_names(tokens, sentence_text, sentence_start, lambda w: word_freq(fold(w)))
    if not found:
        return tokens
    out: list[Token] = []
    hits = sorted(found, key=lambda h: h.start)
    i = 0
    for hit in hits:
        while i < len(tokens) and tokens[i].end <= hit.start:
            out.append(tokens[i])
            i += 1
        group = []
        while i < len(tokens) and tokens[i].start < hit.end:
            group.append(tokens[i])
            i += 1
        if (
            not group
            or group[0].start != hit.start
            or group[-1].end != hit.end
            or any(t.glossary is not None for t in group)
        ):
            out.extend(group)  # a hit that doesn't fall on token edges is not trusted
            continue
        readings = tuple(r for t in group for r in t.readings)
        out.append(
            Token(
                text="".join(t.text for t in group),
                start=hit.start,
                end=hit.end,
                converted="".join(t.converted for t in group),
                pinyin=format_word(readings, style) if any(readings) else "",
                readings=readings,
                pos=group[0].pos if len(group) == 1 else "nz",
                glossary=hit,
            )
        )
    out.extend(tokens[i:])
    return out


def restyle_sentence(sentence: Sentence, style: str, sandhi: bool = False) -> Sentence:
    """Fill each token's display pinyin in ``style`` from its per-character readings."""
    from reader.annotate.pinyin import apply_sandhi, format_word

    words = [list(t.readings) for t in sentence.tokens]
    if sandhi:
        words = apply_sandhi(words, [t.text for t in sentence.tokens])
    tokens = tuple(
        replace(t, readings=tuple(r), pinyin=format_word(r, style) if any(r) else "")
        for t, r in zip(sentence.tokens, words, strict=True)
    )
    return replace(sentence, tokens=tokens)


def restyle_article(article: Article, style: str, sandhi: bool = False) -> Article:
    out = article.map_sentences(lambda s: restyle_sentence(s, style, sandhi))
    return replace(out, pinyin_style=style)


def convert_sentence(sentence: Sentence, config: str) -> Sentence:
    from reader.annotate.script import convert_aligned

    spans = [(t.start - sentence.start, t.end - sentence.start) for t in sentence.tokens]
    parts = convert_aligned(sentence.text, spans, config)
    tokens = tuple(replace(t, converted=c) for t, c in zip(sentence.tokens, parts, strict=True))
    # Gaps between tokens (none: tokens tile the sentence) so the joined parts are the sentence.
    return replace(sentence, tokens=tokens, converted="".join(parts))


def convert_article(article: Article, config: str) -> Article:
    """Re-run only the script conversion (the TUI's `t` key); segmentation is kept."""
    out = article.map_sentences(lambda s: convert_sentence(s, config))
    return replace(out, conversion=config)


def article_to_json(article: Article, stats: object | None = None) -> dict[str, object]:
    """The documented JSON object (reader/export/SCHEMA.md) of ``article``."""
    from reader.export.jsonfmt import article_to_json as to_json

    return to_json(article, stats)
