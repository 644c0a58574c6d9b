"""`reader open` (the default command): the article in the Textual reader.

Everything that can fail on bad input (missing file, unknown conversion, missing model
path, undecodable text) fails here with one line, before the full-screen app starts.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from reader.cli.common import add_article_arguments
from reader.errors import ReaderError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "open",
        help="open an article in the reader (the default command)",
        description="Read an article side by side: original, other script, pinyin, English.",
    )
    add_article_arguments(p, article_required=False)
    p.add_argument("--sample", action="store_true", help="open the built-in sample article")
    p.add_argument("--model", metavar="PATH", help="Argos model (.argosmodel file or directory)")
    p.set_defaults(func=run)


def sample_path() -> str:
    from reader.paths import package_data

    return str(package_data("sample.md"))


def run(args: argparse.Namespace) -> int:
    if args.sample and args.article:
        raise ReaderError("give an ARTICLE or --sample, not both")
    path = sample_path() if args.sample else args.article
    if not path:
        raise ReaderError("no article given; run `reader ARTICLE` or `reader --sample`")
    if args.conversion:
        from reader.annotate.script import _converter

        _converter(args.conversion)  # an unknown config is a one-line error now
    if args.model and not os.path.exists(os.path.expanduser(args.model)):
        raise ReaderError(f"--model {args.model}: no such file or directory; check the path")

    from reader.cli.fetching import load_from_args
    from reader.tui.big_input import load_file_head
    from reader.web import is_web_address

    # A big text file opens from its head; the reader loads the rest in the background.
    head = None if is_web_address(path) else load_file_head(path, args.encoding, args.full_page)
    loaded = head or load_from_args(args, path)
    if path == "-":
        _reattach_terminal()
    elif not sys.stdin.isatty() or not sys.stderr.isatty():  # Textual draws on stderr
        raise ReaderError(
            "the reader needs a terminal; use `reader annotate` or `reader export` in pipes"
        )

    from reader.model import NameModel, Romanisation
    from reader.pipeline import Options

    options = Options(
        conversion=args.conversion,
        pinyin_style=args.pinyin_style,
        sandhi=args.sandhi,
        auto_names=not args.no_auto_names,
        names=NameModel(args.names),
        romanisation=Romanisation(getattr(args, "romanise", Romanisation.AUTO.value)),
    )
    extra = tuple(args.glossary)
    use_default = not args.no_default_glossary
    model = os.path.expanduser(args.model) if args.model else None

    def glossary_factory() -> Any:
        from reader.resources import default_resources

        return default_resources().glossary(extra_files=extra, use_default=use_default)

    def translator_factory() -> Any:
        from reader.translate import load_translator

        return load_translator(model)

    from reader.tui.app import make_app

    app = make_app(
        loaded,
        options,
        translator_factory=translator_factory,
        glossary_factory=glossary_factory,
        encoding=args.encoding,
        full_page=args.full_page,
        offer_known_hsk=True,  # the one-time "mark HSK 1–N known?" prompt
        whole_path=path if head is not None else None,
    )
    app.run()
    return 0


def _reattach_terminal() -> None:
    """After reading the article from a pipe, take keys from the terminal instead."""
    if sys.stdin.isatty():
        return
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise ReaderError(
            "stdin was the article and there is no terminal for keys; "
            "use `reader annotate -` in pipes"
        ) from None
    os.dup2(fd, 0)
    os.close(fd)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
