"""`reader glossary`: list, check, add, import and export glossary entries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import add_glossary_arguments
from reader.errors import ReaderError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from reader.glossary.format import TYPES

    p = sub.add_parser("glossary", help="list, check, add, import and export glossary terms")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    p.set_defaults(func=lambda args: _usage(p))

    ls = actions.add_parser("list", help="print the effective glossary (zh, en, type, source)")
    ls.add_argument("--type", choices=TYPES, help="only entries of this type")
    add_glossary_arguments(ls)
    ls.set_defaults(func=run_list)

    check = actions.add_parser(
        "check", help="validate glossary files (default: shipped + user); exit 1 on errors"
    )
    check.add_argument("files", nargs="*", metavar="FILE")
    check.set_defaults(func=run_check)

    add = actions.add_parser("add", help="add or replace an entry in the user glossary")
    add.add_argument("zh", metavar="ZH", help="the Chinese term (either script)")
    add.add_argument("en", metavar="EN", help="its English rendering")
    add.add_argument("--type", choices=TYPES, default="other")
    add.add_argument("--note", default="")
    add.add_argument("--alias", action="append", default=[], help="another form (repeatable)")
    add.add_argument(
        "--ambiguous", action="store_true", help="also an ordinary word: match only in context"
    )
    add.set_defaults(func=run_add)

    imp = actions.add_parser("import", help="merge a CSV, TBX or TSV file into the user glossary")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--format", choices=("csv", "tbx", "tsv"), help="default: from the extension")
    imp.add_argument(
        "--skip-shipped",
        action="store_true",
        help="leave out entries identical to the shipped glossary (e.g. re-importing an export)",
    )
    imp.set_defaults(func=run_import)

    exp = actions.add_parser("export", help="write the effective glossary as CSV, TBX or TSV")
    exp.add_argument("--format", choices=("csv", "tbx", "tsv"), required=True)
    exp.add_argument("-o", "--output", metavar="FILE", help="default: standard output")
    exp.add_argument("--force", action="store_true", help="overwrite an existing file")
    add_glossary_arguments(exp)
    exp.set_defaults(func=run_export)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _load(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from reader.resources import default_resources

    # the resources' built glossary: unpickled from the cache dir while no file changed
    glossary = default_resources().glossary(
        extra_files=tuple(args.glossary), use_default=not args.no_default_glossary
    )
    for issue in glossary.issues:
        print(issue, file=sys.stderr)
    return glossary


def run_list(args: argparse.Namespace) -> int:
    glossary = _load(args)
    entries = [e for e in glossary.entries if args.type is None or e.type == args.type]
    out = sys.stdout
    for e in entries:
        flags = ",".join(e.flags)
        out.write(f"{e.zh}\t{e.en}\t{e.type}\t{'|'.join(e.aliases)}\t{flags}\t{e.source_file}\n")
    print(f"{len(entries)} entries", file=sys.stderr)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from reader import paths
    from reader.glossary.fold import fold
    from reader.glossary.format import Issue, read_glossary_file
    from reader.glossary.store import shipped_files

    if args.files:
        files = [Path(f) for f in args.files]
        shared = set(files)
    else:
        files = shipped_files()
        shared = set(files)  # shipped files must agree with each other
        user = paths.user_glossary_path()
        if user.is_file():
            files.append(user)  # the user glossary may override them: not a conflict
    if not files:
        print("no glossary files to check", file=sys.stderr)
        return 0
    errors = warnings = entries = 0
    first_seen: dict[str, tuple[str, int, str]] = {}
    for path in files:
        parsed = read_glossary_file(path)
        issues = list(parsed.issues)
        if path in shared:
            for e in parsed.entries:
                for word, what in [(e.zh, "term"), *((a, "alias") for a in e.aliases)]:
                    seen = first_seen.setdefault(fold(word), (parsed.path, e.line, e.en))
                    if seen[0] != parsed.path and seen[2] != e.en:
                        issues.append(
                            Issue(
                                parsed.path,
                                e.line,
                                f"{what} {word!r} rendered {e.en!r} here but {seen[2]!r} in "
                                f"{seen[0]}:{seen[1]}",
                            )
                        )
        for issue in sorted(issues, key=lambda i: i.line):
            print(issue)
        errors += sum(1 for i in issues if i.severity == "error")
        warnings += sum(1 for i in issues if i.severity == "warning")
        entries += len(parsed.entries)
    summary = f"{len(files)} file(s), {entries} entries, {errors} error(s), {warnings} warning(s)"
    print(summary, file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


def run_add(args: argparse.Namespace) -> int:
    from reader import paths
    from reader.glossary.edit import upsert_entries
    from reader.glossary.format import Entry, check_field

    entry = Entry(
        zh=check_field(args.zh, "term"),
        en=check_field(args.en, "English rendering"),
        type=args.type,
        aliases=tuple(check_field(a, "alias") for a in args.alias if a.strip()),
        note=check_field(args.note, "note"),
        flags=("ambiguous",) if args.ambiguous else (),
    )
    if not entry.zh or not entry.en:
        raise ReaderError("both ZH and EN must be non-empty, e.g. reader glossary add 宇树 Unitree")
    path = paths.user_glossary_path()
    added, _ = upsert_entries(path, [entry])
    print(f"{'added' if added else 'replaced'} {entry.zh} → {entry.en} in {path}")
    return 0


def _format_of(path: str, given: str | None) -> str:
    if given:
        return given
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("csv", "tbx", "tsv"):
        return suffix
    if suffix == "xml":
        return "tbx"
    raise ReaderError(f"can't tell the format of {path}; pass --format csv, tbx or tsv")


def run_import(args: argparse.Namespace) -> int:
    from reader import paths
    from reader.glossary.edit import upsert_entries
    from reader.glossary.format import parse_tsv
    from reader.glossary.interchange import from_csv, from_tbx

    fmt = _format_of(args.file, args.format)
    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReaderError(f"file not found: {args.file}") from None
    except UnicodeDecodeError:
        raise ReaderError(f"{args.file} is not UTF-8 text; save it as UTF-8") from None
    if fmt == "csv":
        entries, issues = from_csv(text, args.file)
    elif fmt == "tbx":
        entries, issues = from_tbx(text, args.file)
    else:
        parsed = parse_tsv(text, args.file)
        entries, issues = parsed.entries, parsed.issues
    for issue in issues:
        print(issue, file=sys.stderr)
    path = paths.user_glossary_path()
    if not entries:
        raise ReaderError(f"no valid entries in {args.file}; nothing imported")
    # Entries the shipped glossary already has, word for word, would be frozen in the user
    # layer and hide later fixes to the shipped files: --skip-shipped leaves them out.
    from reader.resources import default_resources

    shipped = default_resources().glossary(use_user=False)
    same = [
        e
        for e in entries
        if (old := shipped.lookup(e.zh)) is not None
        and (old.zh, old.en, old.type) == (e.zh, e.en, e.type)
    ]
    if args.skip_shipped:
        entries = [e for e in entries if e not in same]
    added, replaced = upsert_entries(path, entries) if entries else (0, 0)
    print(f"imported {len(entries)} entries into {path} ({added} added, {replaced} replaced)")
    if args.skip_shipped and same:
        print(f"skipped {len(same)} entries identical to the shipped glossary")
    elif same:
        print(
            f"note: {len(same)} of them are identical to shipped entries; "
            "re-import with --skip-shipped to keep only your own",
            file=sys.stderr,
        )
    return 1 if any(i.severity == "error" for i in issues) else 0


def run_export(args: argparse.Namespace) -> int:
    from reader.fsutil import atomic_write
    from reader.glossary.format import format_tsv
    from reader.glossary.interchange import to_csv, to_tbx

    glossary = _load(args)
    if args.format == "csv":
        data = to_csv(glossary.entries)
    elif args.format == "tbx":
        data = to_tbx(glossary.entries)
    else:
        data = format_tsv(glossary.entries, comment="exported by reader glossary export")
    if not args.output or args.output == "-":
        sys.stdout.write(data)
        return 0
    out = Path(args.output)
    if out.exists() and not args.force:
        raise ReaderError(f"{out} exists; pass --force to overwrite it")
    atomic_write(out, data)
    print(f"wrote {len(glossary.entries)} entries to {out}", file=sys.stderr)
    return 0
