"""`reader names ARTICLE`: who's who of an article, every name with rendering, source, count."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from reader.cli.common import add_article_arguments, load_article


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("names", help="who's who: every name in an article")
    add_article_arguments(p, pinyin=False)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--type", help="only names of this type (company, person, place…)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.glossary.names import collect_names

    rows = collect_names(load_article(args))
    if args.type:
        rows = [r for r in rows if r.type == args.type]
    if args.format == "json":
        json.dump([r.to_json() for r in rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    table = [
        (
            r.name,
            r.en or "(left to translator)",
            r.type,
            "auto" if r.source == "auto" else Path(r.source_file).name,
            str(r.count),
        )
        for r in rows
    ]
    header = ("name", "English", "type", "source", "count")
    widths = [max(_width(row[i]) for row in [header, *table]) for i in range(len(header))]
    for row in [header, *table]:
        cells = [_pad(cell, width) for cell, width in zip(row[:-1], widths, strict=False)]
        sys.stdout.write("  ".join([*cells, row[-1].rjust(widths[-1])]) + "\n")
    return 0


def _width(text: str) -> int:
    """Terminal cells: CJK characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
