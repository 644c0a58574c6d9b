"""`reader annotate`: segmentation, script conversion, pinyin and names, headless."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from reader.cli.common import add_article_arguments, open_article
from reader.model import Article, Sentence
from reader.translation_method import METHOD_MARKS

if TYPE_CHECKING:
    from reader.export.jsonfmt import TokenFields


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("annotate", help="segment, convert and add pinyin (headless)")
    add_article_arguments(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--no-vocab",
        action="store_true",
        help="JSON without your vocabulary's per-token status and hsk keys",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.pipeline import iter_annotated

    article, options, resources = open_article(args)
    # Sentences stream out chunk by chunk: the first lines appear at once, and memory holds
    # one chunk, however long the article.
    chunks = iter_annotated(article, options, resources)
    if args.format == "json":
        if args.no_vocab:
            write_json_stream(article, (s for chunk in chunks for s in chunk), sys.stdout)
            return 0
        # status and hsk per token, from the user's vocabulary
        from reader.cli.vocab import open_vocabulary

        vocabulary = open_vocabulary()
        try:
            sentences = (s for chunk in chunks for s in chunk)
            write_json_stream(article, sentences, sys.stdout, vocabulary.sentence_fields)
        finally:
            # closed here, not by the interpreter's teardown (which `reader annotate`
            # skips, reader.cli.exit_now): the last connection folds the journal back
            vocabulary.store.close()
    else:
        for part in interlinear_parts(article, chunks):
            sys.stdout.write(part)
            sys.stdout.flush()
    return 0


def write_json_stream(
    outline: Article,
    sentences: Iterable[Sentence],
    out: TextIO,
    token_fields: Callable[[Sentence], TokenFields] | None = None,
) -> None:
    """The documented JSON object, written sentence by sentence (same content as
    :func:`reader.pipeline.article_to_json` of the annotated article). ``token_fields``
    adds keys per token (the vocabulary's ``status`` and ``hsk``)."""
    from reader.export.jsonfmt import sentence_to_json
    from reader.export.jsontext import dumps_indented
    from reader.pipeline import article_to_json

    paragraph_of = {s.index: p.index for p in outline.paragraphs for s in p.sentences}
    head = article_to_json(outline)
    del head["sentences"]
    text = json.dumps(head, ensure_ascii=False, indent=1)
    out.write(text[: text.rindex("}")].rstrip() + ',\n "sentences": [')
    for n, sentence in enumerate(sentences):
        body = dumps_indented(  # json.dumps(..., ensure_ascii=False, indent=1), faster
            sentence_to_json(
                sentence,
                paragraph_of[sentence.index],
                token_fields(sentence) if token_fields is not None else None,
            ),
            indent=1,
        )
        out.write(("," if n else "") + "\n  " + body.replace("\n", "\n  "))
    out.write("\n ]\n}\n")


def render_interlinear(article: Article) -> str:
    """A terminal-readable interlinear view: each sentence, its other script, pinyin per word."""
    return "".join(interlinear_parts(article, [list(article.sentences())]))


def interlinear_parts(article: Article, chunks: Iterable[list[Sentence]]) -> Iterator[str]:
    """The interlinear view in pieces: the header, then one piece per chunk of sentences."""
    from reader.text_layout import interlinear_lines

    out: list[str] = []
    if article.meta.title:
        out.append(f"# {article.meta.title}")
    if article.meta.source_url:
        out.append(f"  {article.meta.source_url}")
    if article.script == "none":
        out.append("  script: none (no Chinese characters found)")
    else:
        out.append(f"  script: {article.script} · other script: {article.conversion}")
    out.append("")
    yield "\n".join(out)
    for chunk in chunks:
        out = []
        for sentence in chunk:
            out.extend(_sentence_lines(sentence, interlinear_lines))
        yield "\n" + "\n".join(out) if out else ""


def _sentence_lines(sentence: Sentence, interlinear_lines) -> list[str]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    if not any(t.pinyin for t in sentence.tokens):
        return [sentence.text, ""]  # nothing to annotate: show it as written
    out.extend(interlinear_lines(sentence, width=100))
    out.append(f"  {sentence.converted}")
    names = [
        f"{t.text} = {t.glossary.en or '(left to translator)'}"
        + (" [auto]" if t.glossary.source == "auto" else "")
        for t in sentence.tokens
        if t.glossary is not None
    ]
    if names:
        out.append("  names: " + "; ".join(dict.fromkeys(names)))
    if sentence.translation is not None:
        mark = METHOD_MARKS[sentence.translation.method]
        label = f"[{mark}] " if mark else ""
        out.append(f"  {label}{sentence.translation.text}")
    out.append("")
    return out
