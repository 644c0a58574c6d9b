"""Options shared by every command that opens an article."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.cli.fetching import add_refresh_argument, load_from_args
from reader.model import Article, NameModel, PinyinStyle, Romanisation

if TYPE_CHECKING:
    from reader.pipeline import Options
    from reader.resources import Resources
    from reader.translate import TranslateStats


def add_article_arguments(
    parser: argparse.ArgumentParser, article_required: bool = True, pinyin: bool = True
) -> None:
    """The article and how to read it; ``pinyin=False`` for commands that show no pinyin
    (their help then offers no pinyin options that would do nothing)."""
    parser.add_argument(
        "article",
        nargs=None if article_required else "?",
        metavar="ARTICLE",
        help="file to read (text, Markdown, HTML, Jekyll post), an http(s) address, or - for stdin",
    )
    parser.add_argument("--encoding", help="force the input encoding (e.g. gb18030, big5)")
    parser.add_argument(
        "--to",
        dest="conversion",
        metavar="CONFIG",
        help="OpenCC conversion for the other-script column (t2s, s2t, s2tw, s2twp, s2hk, tw2s, t2tw…)",
    )
    if pinyin:
        parser.add_argument(
            "--pinyin",
            dest="pinyin_style",
            choices=PinyinStyle.names(),
            default=PinyinStyle.MARKS.value,
            help="pinyin style (default: tone marks)",
        )
        parser.add_argument(
            "--sandhi",
            action="store_true",
            help="show tone sandhi (spoken tones) instead of dictionary tones",
        )
    else:
        parser.set_defaults(pinyin_style=PinyinStyle.MARKS.value, sandhi=False)
    add_glossary_arguments(parser)
    parser.add_argument(
        "--no-auto-names", action="store_true", help="don't render names the glossary lacks"
    )
    parser.add_argument(
        "--names",
        choices=NameModel.names(),
        default=NameModel.ACCURATE.value,
        help="name recogniser: accurate (default: the CRF with Baidu LAC's network's "
        "analysis) or fast (the CRF alone: annotation about twice as fast, fewer names found)",
    )
    parser.add_argument(
        "--romanise",
        choices=Romanisation.names(),
        default=Romanisation.AUTO.value,
        help="how persons the glossary lacks are written: auto (default: Wade-Giles, as "
        "Taiwan writes names, in an article from Taiwan; Hong Kong's Cantonese romanisation in "
        "one from Hong Kong; left to the translator in one about Japan or Korea; pinyin "
        "elsewhere), pinyin, wade-giles, hong-kong, translator",
    )
    parser.add_argument(
        "--full-page",
        action="store_true",
        help="keep the whole page's text (no boilerplate removal)",
    )
    add_refresh_argument(parser)


def add_glossary_arguments(parser: argparse.ArgumentParser) -> None:
    """The glossary layers: shipped files, the user glossary, then ``--glossary`` files."""
    parser.add_argument(
        "--glossary",
        action="append",
        default=[],
        metavar="FILE",
        help="extra glossary file (repeatable; later files win)",
    )
    parser.add_argument(
        "--no-default-glossary", action="store_true", help="leave out the shipped glossaries"
    )


# Above this many characters the CLI says that a long article streams in chunks.
LARGE_ARTICLE = 1_000_000


def open_article(args: argparse.Namespace) -> tuple[Article, Options, Resources]:
    """The article's outline (sentences, no words yet), its options and the resources."""
    from reader.pipeline import Options, outline
    from reader.resources import default_resources

    if args.conversion:
        from reader.annotate.script import _converter

        _converter(args.conversion)  # validate early: a one-line error before any work
    resources = default_resources()
    glossary = resources.glossary(
        extra_files=tuple(args.glossary), use_default=not args.no_default_glossary
    )
    for issue in glossary.issues:  # broken lines are skipped; say so, the rest still loads
        print(f"reader: warning: {issue}", file=sys.stderr)
    options = Options(
        conversion=args.conversion,
        pinyin_style=args.pinyin_style,
        glossary=glossary,
        sandhi=args.sandhi,
        auto_names=not args.no_auto_names,
        names=NameModel(args.names),
        romanisation=Romanisation(getattr(args, "romanise", Romanisation.AUTO.value)),
    )
    loaded = load_from_args(args)
    if len(loaded.text) > LARGE_ARTICLE:
        print(
            f"reader: large article ({len(loaded.text):,} characters): annotating in chunks",
            file=sys.stderr,
        )
    return outline(loaded, options, tokens=False), options, resources


def load_article(args: argparse.Namespace) -> Article:
    """The whole article, annotated."""
    from reader.pipeline import iter_annotated

    article, options, resources = open_article(args)
    done = {s.index: s for chunk in iter_annotated(article, options, resources) for s in chunk}
    return article.with_sentences(done)


def translate_with_progress(
    article: Article, translator: object | None, what: str, cache: object | None = None
) -> tuple[Article, TranslateStats]:
    """Translate every sentence (or gloss, with no model: said once on stderr, ``what``
    names the output), with a progress line on stderr when it is a terminal. ``cache=None``:
    the translation cache of the CLI's resources."""
    from reader.resources import default_resources
    from reader.translate import GLOSS_LABEL, INSTALL_HINT, load_translator, translate_sentences

    if translator is None:
        translator = load_translator(traditional=article.script in ("traditional", "mixed"))
    if translator is None:
        print(
            f"reader: no translation model installed, {what} a {GLOSS_LABEL}; {INSTALL_HINT}",
            file=sys.stderr,
        )
    shown = False

    def progress(done: int, total: int) -> None:
        nonlocal shown
        sys.stderr.write(f"\rtranslating… {done}/{total} sentences")
        sys.stderr.flush()
        shown = True

    live = sys.stderr.isatty() and translator is not None
    indices = [s.index for s in article.sentences()]
    try:
        found, stats = translate_sentences(
            article,
            indices,
            translator,  # type: ignore[arg-type]
            cache if cache is not None else default_resources().translation_cache,  # type: ignore[arg-type]
            progress if live else None,
        )
    finally:
        if shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
    translated = article.with_sentences(
        {
            s.index: replace(s, translation=found[s.index])
            for s in article.sentences()
            if s.index in found
        }
    )
    if stats.model:
        translated = replace(translated, model=stats.model)
    return translated, stats
