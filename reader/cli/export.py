"""`reader export`: write an annotated translation as Markdown, HTML, JSON, TSV or Anki."""

from __future__ import annotations

import argparse
import re
import sys

from reader.cli.common import add_article_arguments, load_article
from reader.errors import ReaderError
from reader.model import Article

FORMAT_CHOICES = ("md", "html", "json", "tsv", "anki")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "export",
        help="export an annotated translation (md, html, json, tsv, anki)",
        description="Annotate and translate an article, then write it in one format. "
        "An existing file is never replaced without --force.",
    )
    add_article_arguments(p)
    p.add_argument(
        "--format",
        "-f",
        choices=FORMAT_CHOICES,
        help="output format (default: from the -o file name: .md, .html, .json, .anki.txt)",
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file, - for stdout")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.add_argument("--model", metavar="PATH", help="translation model (.argosmodel or package dir)")
    p.add_argument("--no-translate", action="store_true", help="export without English")
    anki = p.add_argument_group("anki vocabulary")
    anki.add_argument("--words", metavar="W,W", help="words to put on cards (comma-separated)")
    anki.add_argument(
        "--all-vocab", action="store_true", help="every word used at least --min-count times"
    )
    anki.add_argument(
        "--min-count", type=int, default=2, metavar="N", help="frequency threshold (default 2)"
    )
    anki.add_argument(
        "--include-names", action="store_true", help="also make cards for glossary names"
    )
    anki.add_argument(
        "--unknown",
        action="store_true",
        help="cards for the article's words your vocabulary has as new or learning",
    )
    p.set_defaults(func=run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    from reader.export import format_for_path

    fmt = format_for_path(args.output) if args.output != "-" else None
    if fmt is None:
        raise ReaderError(
            f"export: can't tell the format from {args.output!r}; "
            f"add --format ({'|'.join(FORMAT_CHOICES)})"
        )
    return fmt


def _words(args: argparse.Namespace) -> list[str] | None:
    if not args.words:
        return None
    return [w for w in re.split(r"[,，、\s]+", args.words) if w]


def _translate(article: Article, translator: object | None) -> tuple[Article, object]:
    from reader.cli.common import translate_with_progress

    return translate_with_progress(article, translator, "exporting")


def run(args: argparse.Namespace) -> int:
    from reader.export import ExportExists, render, write_export

    fmt = _format(args)
    words = _words(args)
    if fmt == "anki" and not words and not args.all_vocab and not args.unknown:
        raise ReaderError("export: an Anki deck needs --words W,W, --all-vocab or --unknown")
    if args.min_count < 1:
        raise ReaderError("export: --min-count must be 1 or more")
    if args.output != "-" and not args.force:
        from pathlib import Path

        if Path(args.output).exists():  # fail before the slow annotate/translate steps
            raise ExportExists(f"export: {args.output} already exists; use --force to overwrite it")

    translator = None
    if args.model and not args.no_translate:  # a bad --model fails before any work
        from reader.translate import load_translator

        translator = load_translator(args.model)
    article = load_article(args)
    if fmt == "anki" and args.unknown:  # before translating: nothing to do fails fast
        from reader.cli.vocab import open_vocabulary

        unknown = open_vocabulary().unknown_words(article)
        if not unknown and not words and not args.all_vocab:
            raise ReaderError("export: no unknown words in this article; nothing to put on cards")
        words = list(dict.fromkeys([*(words or []), *unknown]))
    stats: object | None = None
    if not args.no_translate:
        article, stats = _translate(article, translator)
    opts = {
        "stats": stats,
        "words": words,
        "all_vocab": args.all_vocab,
        "min_count": args.min_count,
        "include_names": args.include_names,
    }
    if args.output == "-":
        sys.stdout.write(render(article, fmt, **opts))
        return 0
    path = write_export(article, fmt, args.output, force=args.force, **opts)
    n = sum(1 for _ in article.sentences())
    print(f"wrote {path} ({fmt}, {n} sentences)", file=sys.stderr)
    return 0
