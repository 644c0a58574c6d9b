"""The annotation pipeline: loaded text → segmented, converted, pinyin'd, glossary-marked Article.

load → segment (sentences, words) → annotate (script, pinyin) → glossary. Translation is a
separate step (reader.translate) because it is slow and runs in the background in the TUI.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.model import (
    Article,
    GlossaryHit,
    LoadedText,
    NameModel,
    Paragraph,
    PinyinStyle,
    Romanisation,
    Sentence,
    Token,
)

if TYPE_CHECKING:
    from reader.glossary import Glossary
    from reader.glossary.decide import NameDecider
    from reader.glossary.judge import Entity
    from reader.resources import Resources
    from reader.segment.words import Segmenter

PINYIN_STYLES: tuple[str, ...] = PinyinStyle.names()


@dataclass(frozen=True)
class Options:
    conversion: str | None = None  # OpenCC config; None = show the other script
    pinyin_style: str = "marks"
    glossary: Glossary | None = None
    sandhi: bool = False
    auto_names: bool = True  # render names the glossary lacks (marked "auto")
    names: NameModel = NameModel.ACCURATE  # which trained recogniser judges names
    # how persons the glossary lacks are written (AUTO: Wade–Giles in an article from Taiwan)
    romanisation: Romanisation = Romanisation.AUTO
    # False: each token's converted text is left as written, for a caller that shows no
    # other script (reader pinyin), which then never loads OpenCC's tables
    convert: bool = True


def annotate_path(
    path: str,
    options: Options | None = None,
    encoding: str | None = None,
    full_page: bool = False,
    resources: Resources | None = None,
) -> Article:
    from reader.load import load_path

    return annotate(
        load_path(path, encoding=encoding, full_page=full_page), options or Options(), resources
    )


def annotate(
    loaded: LoadedText, options: Options | None = None, resources: Resources | None = None
) -> Article:
    """The whole loaded text, annotated: :func:`outline` then every sentence annotated."""
    article = outline(loaded, options, tokens=False)
    indices = range(sum(len(p.sentences) for p in article.paragraphs))
    return article.with_sentences(annotate_sentences(article, indices, options, resources))


def outline(
    loaded: LoadedText,
    options: Options | None = None,
    tokens: bool | str = True,
    detect: bool = True,
    stop: Callable[[], bool] | None = None,
) -> Article:
    """Paragraphs and sentence spans, no words yet: milliseconds even for a long text.

    Each sentence is one token per Han character or Latin run, so a reader can show it at
    once; :func:`annotate_sentences` fills in words, pinyin, conversion and names later.
    ``tokens=False`` leaves the sentences without tokens (for a caller that annotates all);
    ``"runs"`` makes one token per run between spaces (cheap for a very long text).
    ``detect=False`` skips script detection (the script is then "none" until annotated).
    ``stop`` is asked every few hundred blocks (a reader quitting while a very long text is
    outlined in the background); once it says yes the outline ends where it is.
    """
    from reader.annotate.script import default_conversion, detect_script
    from reader.segment.sentences import split_sentences

    opts = options or Options()
    text = loaded.text
    script = detect_script(text) if detect else "none"
    pattern = _COARSE_RUN if tokens == "runs" else _RAW_RUN
    paragraphs: list[Paragraph] = []
    index = 0
    for p_index, block in enumerate(loaded.blocks):
        if stop is not None and p_index % 256 == 0 and stop():
            break
        sentences = []
        for start, end in split_sentences(text, block.start, block.end):
            raw = _raw_tokens(pattern, text, start, end) if tokens else ()
            sentences.append(Sentence(index, start, end, text[start:end], raw))
            index += 1
        paragraphs.append(Paragraph(p_index, block.start, block.end, block.kind, tuple(sentences)))
    return Article(
        text=text,
        meta=loaded.meta,
        paragraphs=tuple(paragraphs),
        script=script,
        conversion=opts.conversion or (default_conversion(script) if detect else ""),
        pinyin_style=opts.pinyin_style,
        dropped_chars=loaded.dropped_chars,
        full_text=loaded.full_text,
    )


_RAW_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-_%]*|\s+|.", re.DOTALL)
_COARSE_RUN = re.compile(r"\S+|\s+")


def plain_sentence(text: str, sentence: Sentence) -> Sentence:
    """``sentence`` of the article ``text`` back in the outline's form of a long article
    (one token per run between spaces, no readings, no English): what an annotated
    sentence far from the reader returns to (reader.reading.window)."""
    tokens = _raw_tokens(_COARSE_RUN, text, sentence.start, sentence.end)
    return Sentence(sentence.index, sentence.start, sentence.end, sentence.text, tokens)


def _raw_tokens(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[Token, ...]:
    return tuple(
        Token(text=m.group(), start=m.start(), end=m.end())
        for m in pattern.finditer(text, start, end)
    )


def annotate_sentences(
    article: Article,
    indices: Iterable[int],
    options: Options | None = None,
    resources: Resources | None = None,
) -> dict[int, Sentence]:
    """Annotate the sentences at ``indices`` of ``article``, seeing the whole article.

    Names established anywhere in the article count in every sentence re-annotated, so a
    single sentence annotated after a glossary edit reads as it does in the full run. The
    article's conversion and pinyin style are kept; ``options`` gives the glossary, sandhi
    and auto names. Returns the new sentences by index.
    """
    run = ArticleRun(article, options, resources)
    return {s.index: s for s in run.annotate(sorted(set(indices)))}


def iter_annotated(
    article: Article,
    options: Options | None = None,
    resources: Resources | None = None,
    chunk: int = 256,
    start: int = 0,
    max_chunk: int | None = None,
) -> Iterator[list[Sentence]]:
    """Every sentence of ``article`` annotated, ``chunk`` sentences at a time, beginning at
    sentence ``start`` and wrapping round: a reader sees the first screen while the rest
    streams in, and a long article never holds more than one chunk of work in flight.
    With ``max_chunk`` the chunks double from ``chunk`` up to it (a small first screen,
    then fewer, larger steps)."""
    run = ArticleRun(article, options, resources)
    total = len(run.sentences)
    order = list(range(start, total)) + list(range(0, min(start, total)))
    k, size = 0, chunk
    while k < len(order):
        yield run.annotate(order[k : k + size])
        k += size
        if max_chunk is not None:
            size = min(size * 2, max_chunk)


class ArticleRun:
    """What annotating sentences of one article needs, built once per article."""

    def __init__(
        self, article: Article, options: Options | None, resources: Resources | None
    ) -> None:
        from reader.glossary.decide import NameDecider
        from reader.glossary.origin import person_romanisation
        from reader.resources import default_resources

        self.article = article
        self.options = opts = options or Options()
        self.resources = res = resources or default_resources()
        self.sentences = list(article.sentences())
        self.segmenter = res.segmenter_for(opts.glossary)
        # The decider sees the whole article: names it establishes, organisations it names.
        self.decider = NameDecider(
            opts.glossary,
            res.recogniser_for(opts.names),
            (s.text for s in self.sentences),
            self.segmenter.freq,
            opts.auto_names,
            res.dictionary,
            person_romanisation(
                opts.romanisation, (s.text for s in self.sentences), article.script
            ),
        )

    @property
    def glossary(self) -> Glossary | None:
        return self.options.glossary

    def restyled(self, conversion: str, pinyin_style: str) -> ArticleRun:
        """This run for the same article read with another conversion or pinyin style (the
        names do not depend on them, so nothing is built again)."""
        other = copy.copy(self)
        other.article = replace(self.article, conversion=conversion, pinyin_style=pinyin_style)
        return other

    def annotate(self, indices: Sequence[int]) -> list[Sentence]:
        from reader.glossary.fold import fold_many

        chosen = [self.sentences[i] for i in indices]
        if not chosen:
            return []
        return _segment_all(
            self.article.text,
            fold_many([s.text for s in chosen]),  # folds keep length: offsets map 1:1
            self.article.conversion,
            self.article.pinyin_style,
            chosen,
            self.decider,
            self.segmenter,
            self.options,
            self.resources,
        )


def _segment_all(
    text: str,
    simplified_of: Sequence[str],
    conversion: str,
    style: str,
    chosen: Sequence[Sentence],
    decider: NameDecider,
    segmenter: Segmenter,
    opts: Options,
    res: Resources,
) -> list[Sentence]:
    """Words, glossary names, conversion and pinyin for each chosen sentence (pinyin batched).

    ``simplified_of`` holds the fold of each chosen sentence (same length as the sentence).
    """
    from reader.annotate.pinyin import apply_sandhi
    from reader.annotate.script import convert_aligned
    from reader.pipeline_names import auto_names, name_at
    from reader.segment.words import merge_spans

    spans = [(s.start, s.end) for s in chosen]

    prepare = getattr(decider.recogniser, "prepare", None)
    if prepare is not None:
        prepare(simplified_of)  # a recogniser that reads all sentences in one pass (LAC)
    word_spans_all: list[list[tuple[int, int]]] = []
    hits_all: list[dict[tuple[int, int], GlossaryHit]] = []
    found_all: list[dict[tuple[int, int], Entity]] = []
    tags_all: list[dict[tuple[int, int], str]] = []
    for (start, end), simplified in zip(spans, simplified_of, strict=True):
        word_spans = segmenter.cut(simplified)
        tags = [segmenter.tag(simplified[a:b]) for a, b in word_spans]
        # Glossary names (never read across word edges: 平台中 is not 台中) judged by the
        # recogniser, and the names it found that the glossary lacks.
        names = decider.sentence(text[start:end], simplified, word_spans, tags)
        hits = {(h.start, h.end): h for h in names.hits}
        found = {(e.start, e.end): e for e in names.found}
        tags_all.append(dict(zip(word_spans, tags, strict=True)))  # words the names keep
        word_spans = merge_spans(word_spans, sorted([*hits, *found]))
        word_spans_all.append(word_spans)
        hits_all.append(hits)
        found_all.append(found)

    readings_all = res.pinyin.read_batch(
        [(simplified, ws) for simplified, ws in zip(simplified_of, word_spans_all, strict=True)]
    )

    sentences: list[Sentence] = []
    for old, simplified, word_spans, hits, found, tag_of, chars in zip(
        chosen,
        simplified_of,
        word_spans_all,
        hits_all,
        found_all,
        tags_all,
        readings_all,
        strict=True,
    ):
        start, end = old.start, old.end
        sentence_text = text[start:end]
        # Along the words, never the sentence whole: a phrase table match must not straddle
        # two words (董宇辉|发|长信 is 發, not the 髮 of 发长 "long hair").
        if opts.convert:
            parts = convert_aligned(sentence_text, word_spans, conversion, simplified)
        else:
            parts = [sentence_text[a:b] for a, b in word_spans]
        words: Sequence[Sequence[str | None]] = [tuple(chars[a:b]) for a, b in word_spans]
        if opts.sandhi:
            words = apply_sandhi(words, [sentence_text[a:b] for a, b in word_spans])
        display, tag = res.pinyin.display, segmenter.tag
        names = hits.keys() | found.keys()
        paragraph = _paragraph_of(text, start, end) if names else ""
        tokens = []
        for span, part, readings in zip(word_spans, parts, words, strict=True):
            a, b = span
            spelled = readings if type(readings) is tuple else tuple(readings)
            tokens.append(
                Token(  # by position, in Token's field order (a third faster than keywords)
                    sentence_text[a:b],
                    start + a,
                    start + b,
                    part,
                    display(spelled, style),
                    spelled,
                    tag_of.get(span) or tag(simplified[a:b]),
                    name_at(hits, found, a, b, sentence_text, chars, start, decider, paragraph)
                    if span in names
                    else None,
                )
            )
        if opts.auto_names:
            # Organisations and places by their suffixes (宇树科技, 余杭区) where neither the
            # glossary nor the recogniser named anything; persons too without a recogniser.
            tokens = auto_names(
                tokens,
                sentence_text,
                start,
                segmenter.freq,
                style,
                persons=decider.recogniser is None,
            )
        sentences.append(
            Sentence(
                index=old.index,
                start=start,
                end=end,
                text=sentence_text,
                tokens=tuple(tokens),
                converted="".join(parts),
                translation=None,
            )
        )
    return sentences


def _paragraph_of(text: str, start: int, end: int) -> str:
    """The line of ``text`` holding the sentence ``[start, end)`` (a paragraph: the loaders
    put one a line), at most ``_PARAGRAPH_REACH`` characters either side: a text of one
    huge line (20 MB, no newline) must not be scanned and copied whole for every sentence."""
    low, high = max(0, start - _PARAGRAPH_REACH), min(len(text), end + _PARAGRAPH_REACH)
    opening = text.rfind("\n", low, start)
    close = text.find("\n", end, high)
    return text[opening + 1 if opening >= 0 else low : close if close >= 0 else high]


_PARAGRAPH_REACH = 2_000  # characters: a news paragraph is far shorter


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
