"""`reader translate ARTICLE`: English beside every sentence, offline.

With no model installed it still works: a word-by-word CC-CEDICT gloss, labelled as
such, and one line on stderr saying how to install a model.
"""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli.common import add_article_arguments, load_article, translate_with_progress
from reader.model import Article


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "translate",
        help="translate an article sentence by sentence",
        description="Translate an article offline, sentence by sentence, with glossary names "
        "guaranteed. Uses the installed Argos zh→en package (see `reader model`).",
    )
    add_article_arguments(p)
    p.add_argument("--model", metavar="PATH", help="an Argos package dir or .argosmodel file")
    p.add_argument("--format", choices=("text", "json", "tsv"), default="text")
    p.add_argument("--no-cache", action="store_true", help="don't read or write the cache")
    p.add_argument(
        "-v", "--verbose", action="store_true", help="report model, cache hits and timing on stderr"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.translate import GLOSS_LABEL, load_translator
    from reader.translate.cache import TranslationCache

    # A bad --model fails before any work.
    translator = load_translator(args.model) if args.model else None
    article = load_article(args)
    cache = TranslationCache.memory() if args.no_cache else None  # None: the resources' own
    article, stats = translate_with_progress(article, translator, "showing", cache)
    if args.verbose:
        label = stats.model or GLOSS_LABEL
        print(
            f"reader: {stats.sentences} sentences · {stats.sent_to_model} sent to the model · "
            f"{stats.from_cache} from cache · {stats.repaired} repaired · {stats.glossed} glossed "
            f"· {stats.model_inputs} model inputs · {stats.seconds:.2f} s · {label}",
            file=sys.stderr,
        )
    if args.format == "json":
        from reader.export.jsonfmt import article_to_json

        doc = article_to_json(article, stats.to_json())
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.format == "tsv":
        sys.stdout.write(render_tsv(article))
    else:
        sys.stdout.write(render_text(article))
    return 0


def _cell(text: str) -> str:
    return " ".join(text.split())


def render_tsv(article: Article) -> str:
    rows = ["index\tparagraph\tsource\ttranslation\tmethod\tglossary_applied\trepaired"]
    for p in article.paragraphs:
        for s in p.sentences:
            tr = s.translation
            rows.append(
                "\t".join(
                    [
                        str(s.index),
                        str(p.index),
                        _cell(s.text),
                        _cell(tr.text) if tr else "",
                        str(tr.method) if tr else "",
                        " | ".join(tr.glossary_applied) if tr else "",
                        "yes" if tr and tr.repaired else "",
                    ]
                )
            )
    return "\n".join(rows) + "\n"


def render_text(article: Article) -> str:
    from reader.translation_method import METHOD_MARKS, TranslationMethod, method_label

    out: list[str] = []
    if article.meta.title:
        out.append(f"# {article.meta.title}")
    out.append(f"[{method_label('gloss' if article.model is None else 'mt', article.model)}]")
    out.append("")
    for sentence in article.sentences():
        tr = sentence.translation
        out.append(sentence.text)
        if tr is not None:
            marker = "≈ gloss:" if tr.method == TranslationMethod.GLOSS else "→"
            mark = METHOD_MARKS[tr.method]
            note = f" ({mark})" if mark and tr.method != TranslationMethod.GLOSS else ""
            out.append(f"  {marker} {tr.text}{note}")
        out.append("")
    return "\n".join(out)
