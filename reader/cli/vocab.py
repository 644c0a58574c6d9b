"""`reader vocab`: the learner's vocabulary — list, import, export, stats, init."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.cli.common import add_article_arguments
from reader.errors import ReaderError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "vocab",
        help="your vocabulary: list, import, export, stats, init",
        description="The words you know, are learning or ignore, across articles, with HSK "
        "levels. Words are filed by their Simplified form; either script finds them.",
    )
    vsub = p.add_subparsers(dest="vocab_command", metavar="ACTION", required=True)

    ls = vsub.add_parser("list", help="list words (filter by status and HSK level)")
    ls.add_argument("--status", choices=_STATUSES, help="only words with this status")
    ls.add_argument("--level", type=int, metavar="N", help="only words of HSK level N")
    ls.add_argument("--format", choices=("text", "json"), default="text")
    ls.set_defaults(func=run_list)

    imp = vsub.add_parser("import", help="import a word list, Pleco export or Anki TSV")
    imp.add_argument("file", metavar="FILE", help="the list (- for stdin)")
    imp.add_argument(
        "--format", choices=("auto", "plain", "pleco", "anki"), default="auto", dest="list_format"
    )
    imp.add_argument("--status", choices=_STATUSES, default="known", help="(default: known)")
    imp.add_argument(
        "--overwrite", action="store_true", help="also change words already in the vocabulary"
    )
    imp.set_defaults(func=run_import)

    exp = vsub.add_parser("export", help="write the vocabulary as TSV")
    exp.add_argument("file", metavar="FILE", help="output file, - for stdout")
    exp.add_argument("--status", choices=_STATUSES, help="only words with this status")
    exp.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    exp.set_defaults(func=run_export)

    st = vsub.add_parser(
        "stats", help="counts; with ARTICLE: its words, %% known, new words by HSK level"
    )
    add_article_arguments(st, article_required=False)
    st.add_argument("--format", choices=("text", "json"), default="text", dest="out_format")
    st.set_defaults(func=run_stats)

    init = vsub.add_parser("init", help="mark HSK levels 1..N known; choose the HSK version")
    init.add_argument("--known-hsk", type=int, metavar="N", help="mark HSK 1..N as known")
    init.add_argument("--hsk", choices=("3.0", "2.0"), help="HSK version for levels")
    init.set_defaults(func=run_init)


_STATUSES = ("new", "learning", "known", "ignored")


def open_vocabulary():  # type: ignore[no-untyped-def]
    """The user's vocabulary; a file moved aside is reported on stderr (one line)."""
    from reader.vocab.reading import Vocabulary
    from reader.vocab.store import VocabStore

    try:
        store = VocabStore()
    except OSError as exc:
        raise ReaderError(f"vocabulary: cannot open it: {exc}") from exc
    if store.notice:
        print(f"reader: warning: {store.notice}", file=sys.stderr)
    return Vocabulary(store)


def run_list(args: argparse.Namespace) -> int:
    from reader.vocab import Status, level_label

    vocab = open_vocabulary()
    status = Status(args.status) if args.status else None
    system = vocab.system
    rows = vocab.store.rows(status)
    if args.level is not None:
        if args.level not in system.levels:
            raise ReaderError(
                f"vocab list: --level must be one of {system.levels} for HSK {system.value}"
            )
        rows = [r for r in rows if vocab.level(r.word) == args.level]
    if args.format == "json":
        out = [
            {
                "word": r.word,
                "status": r.status.value,
                "hsk": vocab.level(r.word),
                "frequency_rank": vocab.levels.frequency_rank(r.word),
                "first_article": r.first_article,
                "first_seen": r.first_seen,
                "seen": r.seen,
            }
            for r in rows
        ]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for r in rows:
        level = level_label(vocab.level(r.word), system)
        where = f"  {r.first_seen} {r.first_article}" if r.first_article else ""
        print(f"{r.word}\t{r.status.value}\t{level}\tseen {r.seen}{where}")
    print(f"{len(rows)} words", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from reader.vocab import Status
    from reader.vocab.imports import parse_words

    try:
        text = (
            sys.stdin.read()
            if args.file == "-"
            else Path(args.file).read_text(encoding="utf-8-sig")
        )
    except (OSError, UnicodeDecodeError) as exc:
        raise ReaderError(
            f"vocab import: cannot read {args.file}: {exc}; give a UTF-8 text file"
        ) from exc
    result = parse_words(text, args.list_format)
    for line, why in result.skipped[:5]:
        print(f"reader: {args.file}:{line}: skipped, {why}", file=sys.stderr)
    if len(result.skipped) > 5:
        print(f"reader: … and {len(result.skipped) - 5} more lines skipped", file=sys.stderr)
    if not result.words:
        raise ReaderError(
            f"vocab import: no Chinese words found in {args.file} (read as {result.format})"
        )
    vocab = open_vocabulary()
    changed = vocab.store.add_words(result.words, Status(args.status), overwrite=args.overwrite)
    vocab.mark_offered()
    print(
        f"imported {len(result.words)} words from {args.file} ({result.format}): "
        f"{changed} added or changed, as {args.status}"
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from reader.vocab import Status
    from reader.vocab.imports import export_tsv

    vocab = open_vocabulary()
    rows = vocab.store.rows(Status(args.status) if args.status else None)
    text = export_tsv(rows, {r.word: vocab.level(r.word) for r in rows})
    if args.file == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.file)
    if target.exists() and not args.force:
        raise ReaderError(f"vocab export: {target} already exists; use --force to overwrite it")
    from reader.fsutil import atomic_write

    try:
        atomic_write(target, text)
    except OSError as exc:
        raise ReaderError(f"vocab export: cannot write {target}: {exc}") from exc
    print(f"wrote {target} ({len(rows)} words)", file=sys.stderr)
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from reader.vocab import Status, level_label

    vocab = open_vocabulary()
    if args.article:
        from reader.cli.common import load_article

        stats = vocab.article(load_article(args)).stats()
        if args.out_format == "json":
            print(json.dumps(stats.to_json(), ensure_ascii=False))
        else:
            print(stats.line(vocab.system))
        return 0
    counts = vocab.store.counts()
    known = {r.word for r in vocab.store.rows(Status.KNOWN)}
    system = vocab.system
    by_level = {
        level: (
            sum(
                1
                for w in vocab.levels.words_up_to(level, system)
                if vocab.level(w) == level and w in known
            ),
            sum(1 for w in vocab.levels.words_up_to(level, system) if vocab.level(w) == level),
        )
        for level in system.levels
    }
    if args.out_format == "json":
        print(
            json.dumps(
                {
                    "hsk_version": system.value,
                    "counts": {s.value: n for s, n in counts.items()},
                    "known_by_level": {
                        str(k): {"known": a, "of": b} for k, (a, b) in by_level.items()
                    },
                },
                ensure_ascii=False,
            )
        )
        return 0
    print(
        " · ".join(f"{s.value} {n}" for s, n in counts.items()) + f" · total {sum(counts.values())}"
    )
    print(
        f"known per level (HSK {system.value}): "
        + ", ".join(f"{level_label(k, system)} {a}/{b}" for k, (a, b) in by_level.items())
    )
    return 0


def run_init(args: argparse.Namespace) -> int:
    from reader.vocab import HskSystem

    vocab = open_vocabulary()
    if args.hsk:
        vocab.set_system(HskSystem.parse(args.hsk))
    system = vocab.system
    if args.known_hsk is None:
        vocab.mark_offered()
        print(f"HSK version: {system.value}")
        return 0
    if args.known_hsk not in (0, *system.levels):
        raise ReaderError(
            f"vocab init: --known-hsk must be 0–{max(system.levels)} for HSK {system.value}"
        )
    n = vocab.mark_known_up_to(args.known_hsk)
    print(f"marked {n} words of HSK {system.value} levels 1–{args.known_hsk} as known")
    return 0
