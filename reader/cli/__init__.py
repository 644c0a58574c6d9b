"""Command-line entry point: ``reader ARTICLE`` opens the TUI; subcommands work headless.

Each subcommand lives in its own module exposing ``register(subparsers)``; modules are
imported only when their command runs, so ``reader --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from reader.errors import ReaderError

# command name -> module under reader.cli
COMMANDS: dict[str, str] = {
    "annotate": "annotate",
    "translate": "translate",
    "export": "export",
    "glossary": "glossary",
    "model": "model",
    "pinyin": "pinyin",
    "names": "names",
    "open": "open",
    "vocab": "vocab",
    "feed": "feed",
}


def _build_parser(only: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read Chinese articles side by side: original, other script, pinyin, English.",
        epilog="Run `reader ARTICLE` (or `reader --sample`) to open the reader.",
    )
    from reader import __version__

    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name, help=_HELP.get(name, ""))
            continue
        mod = importlib.import_module(f"reader.cli.{module}")
        mod.register(sub)
    return parser


_HELP = {
    "annotate": "segment, convert and add pinyin (headless)",
    "translate": "translate an article sentence by sentence",
    "export": "export an annotated translation (md, html, json, tsv, anki)",
    "glossary": "list, check, add, import and export glossary terms",
    "model": "list or install offline translation models",
    "pinyin": "pinyin for text lines",
    "names": "who's who: every name in an article",
    "open": "open an article in the reader (the default command)",
    "vocab": "your vocabulary: list, import, export, stats, init",
    "feed": "follow news feeds: add, update, list",
}


def _mistyped_command(word: str) -> str | None:
    """The command ``word`` was probably meant to be, when it is no file but close to a command
    name (``anotate`` → ``annotate``); None for anything that may be an article to open."""
    from pathlib import Path

    if (
        word in COMMANDS
        or word.startswith("-")
        or word == "-"
        or any(c in word for c in "./\\:")
        or Path(word).exists()
    ):
        return None
    import difflib  # only for a word that may be a mistyped command (heapq and all: ~3 ms)

    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.75)
    return close[0] if close else None


def main(argv: Sequence[str] | None = None) -> int:
    # The pinyin model's matrices are small (a batch × 32 by 32 × 128): OpenBLAS threads
    # only spin, doubling the CPU time of `reader annotate` (and its wall time on a busy
    # machine). Set before numpy is imported; an explicit setting wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and (meant := _mistyped_command(args_list[0])) is not None:
        print(
            f"reader: unknown command {args_list[0]!r} — did you mean {meant!r}? "
            "(reader --help lists the commands)",
            file=sys.stderr,
        )
        return 2
    # `reader ARTICLE` and `reader --sample` mean `reader open ...`.
    if not args_list or (
        args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list = ["open", *args_list]
    parser = _build_parser(args_list[0] if args_list[0] in COMMANDS else None)
    args = parser.parse_args(args_list)
    try:
        return int(args.func(args) or 0)
    except ReaderError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


# Commands that read, write their answer to stdout and end: the process exits without the
# interpreter's teardown (freeing every table and array one by one, then a last full
# collection: 40–60 ms after an annotate of the sample article), and the cyclic collector
# runs less often while they load their tables (they make almost no cycles: ~220
# collections found ~600 objects to free, for ~10 ms).
QUICK_EXIT_COMMANDS = frozenset({"annotate", "pinyin"})
# gen0 every 50,000 allocations instead of 700, gen1 and gen2 rarer (Python's default:
# 700, 10, 10); cyclic garbage is still collected, only in fewer, larger passes
_QUICK_GC_THRESHOLDS = (50_000, 20, 100)


def entry() -> NoReturn:
    """The ``reader`` program (``python -m reader`` and the installed script): :func:`main`,
    then the exit. In-process callers (tests, the TUI) call :func:`main` and keep their
    interpreter as it was."""
    import gc

    argv = sys.argv[1:]
    quick = bool(argv) and argv[0] in QUICK_EXIT_COMMANDS
    if quick:
        gc.set_threshold(*_QUICK_GC_THRESHOLDS)
    code = main(argv)
    if quick:
        exit_now(code)
    sys.exit(code)


def exit_now(code: int) -> None:
    """End the process with ``code`` as ``sys.exit`` would, less the interpreter's teardown:
    the output is flushed and the atexit functions run (logging's, tempfile's clean-ups),
    but no object is freed one by one. Returns (the caller then exits as usual) while
    another thread runs, which the teardown would wait for, or when the output cannot be
    flushed (a closed pipe), which the teardown reports as it always did."""
    import atexit
    import threading

    if threading.active_count() > 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()  # CPython's own exit path; no public name for it
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # an atexit function closed or broke them: nothing more can be said
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
