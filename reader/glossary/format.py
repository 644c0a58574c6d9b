"""The glossary file format: a TSV with a header, ``#`` comments, one entry a line.

    zh<TAB>en<TAB>type<TAB>aliases<TAB>note<TAB>flags

Only ``zh`` and ``en`` are required columns; files may stop after any column. Aliases are
``|``-separated; ``flags`` may hold ``ambiguous`` (the term is also an ordinary word).
Parsing never stops at a bad line: the line is reported as ``FILE:LINE: what is wrong``
and the rest loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.errors import ReaderError

COLUMNS: tuple[str, ...] = ("zh", "en", "type", "aliases", "note", "flags")
TYPES: tuple[str, ...] = (
    "company",
    "org",
    "university",
    "lab",
    "investor",
    "product",
    "media",
    "person",
    "place",
    "brand",
    "agency",
    "other",
)
FLAGS: tuple[str, ...] = ("ambiguous",)
DEFAULT_TYPE = "other"

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One glossary entry: a Chinese term (either script), its English rendering, and more."""

    zh: str
    en: str
    type: str = DEFAULT_TYPE
    aliases: tuple[str, ...] = ()
    note: str = ""
    flags: tuple[str, ...] = ()
    source_file: str = ""
    line: int = 0

    @property
    def ambiguous(self) -> bool:
        return "ambiguous" in self.flags

    def same_content(self, other: Entry) -> bool:
        """Equal apart from where it was read (file, line)."""
        return (self.zh, self.en, self.type, self.aliases, self.note, self.flags) == (
            other.zh,
            other.en,
            other.type,
            other.aliases,
            other.note,
            other.flags,
        )

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # pickled as its fields: a frozen slots dataclass otherwise unpickles through
        # dataclasses' generic __setstate__ (~40 µs an entry; a cached glossary keeps its
        # entries as columns instead, reader.glossary.entry_table)
        return (
            Entry,
            (self.zh, self.en, self.type, self.aliases, self.note, self.flags)
            + (self.source_file, self.line),
        )


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem in a glossary file, printed as ``FILE:LINE: message``."""

    file: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"


@dataclass(slots=True)
class ParsedFile:
    path: str
    entries: list[Entry] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    columns: tuple[str, ...] = COLUMNS
    has_header: bool = False

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]


def split_aliases(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in value.split("|") if a.strip())


def split_flags(value: str) -> tuple[str, ...]:
    return tuple(f.strip().lower() for f in value.replace(",", "|").split("|") if f.strip())


def clean_text(text: str) -> str:
    """Drop a BOM (it would glue itself to the first term, jieba #236)."""
    return text[1:] if text.startswith("\ufeff") else text


def _is_header(fields: list[str]) -> bool:
    return bool(fields) and fields[0].strip().lower() == "zh"


def make_entry(values: dict[str, str], path: str, lineno: int, issues: list[Issue]) -> Entry | None:
    """Validate one row's named values; report problems to ``issues`` and return None."""
    zh = values.get("zh", "").strip()
    en = values.get("en", "").strip()
    if not zh:
        issues.append(Issue(path, lineno, "empty term (the zh column is blank)"))
        return None
    if not en:
        issues.append(Issue(path, lineno, f"empty English rendering for {zh!r}"))
        return None
    kind = values.get("type", DEFAULT_TYPE).strip().lower()
    if kind not in TYPES:
        issues.append(
            Issue(path, lineno, f"unknown type {kind!r} for {zh!r} (one of: {', '.join(TYPES)})")
        )
        return None
    flags = split_flags(values.get("flags", ""))
    unknown = [f for f in flags if f not in FLAGS]
    if unknown:
        issues.append(
            Issue(
                path, lineno, f"unknown flag {unknown[0]!r} for {zh!r} (one of: {', '.join(FLAGS)})"
            )
        )
        return None
    aliases = tuple(a for a in split_aliases(values.get("aliases", "")) if a != zh)
    return Entry(
        zh=zh,
        en=en,
        type=kind,
        aliases=aliases,
        note=values.get("note", "").strip(),
        flags=flags,
        source_file=path,
        line=lineno,
    )


def parse_tsv(text: str, path: str) -> ParsedFile:
    """Parse glossary TSV text; ``path`` names the file in entries and issues."""
    # Imported here: fold pulls in OpenCC's tables, which plain parsing for display needn't.
    from reader.glossary.fold import fold

    result = ParsedFile(path=path)
    columns = COLUMNS
    header_seen = False
    seen: dict[str, Entry] = {}
    for lineno, raw in enumerate(clean_text(text).splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            header_seen = True
            if _is_header(fields):
                columns = _parse_header(fields, path, lineno, result.issues)
                result.columns = columns
                result.has_header = True
                continue
        entry = _parse_row(fields, columns, path, lineno, result.issues, result.has_header)
        if entry is None:
            continue
        key = fold(entry.zh)
        previous = seen.get(key)
        if previous is not None:
            if previous.en != entry.en:
                result.issues.append(
                    Issue(
                        path,
                        lineno,
                        f"duplicate term {entry.zh!r} rendered {entry.en!r}; "
                        f"line {previous.line} renders it {previous.en!r}",
                    )
                )
            else:
                result.issues.append(
                    Issue(
                        path,
                        lineno,
                        f"duplicate term {entry.zh!r} (also line {previous.line})",
                        "warning",
                    )
                )
            continue
        seen[key] = entry
        result.entries.append(entry)
    return result


def _parse_header(
    fields: list[str], path: str, lineno: int, issues: list[Issue]
) -> tuple[str, ...]:
    names = tuple(f.strip().lower() for f in fields)
    for name in names:
        if name and name not in COLUMNS:
            issues.append(
                Issue(
                    path,
                    lineno,
                    f"unknown column {name!r} ignored (columns: {', '.join(COLUMNS)})",
                    "warning",
                )
            )
    if "en" not in names:
        issues.append(Issue(path, lineno, "header has no 'en' column"))
    return names


def _parse_row(
    fields: list[str],
    columns: tuple[str, ...],
    path: str,
    lineno: int,
    issues: list[Issue],
    has_header: bool = True,
) -> Entry | None:
    # Columns up to and including `type` (when the header names one) are required; a file
    # without a header needs only zh and en.
    required = [c for c in ("zh", "en", "type") if c in columns and (has_header or c != "type")]
    needed = max(columns.index(c) for c in required) + 1 if required else 1
    if len(fields) < needed:
        issues.append(
            Issue(
                path,
                lineno,
                f"missing column: {len(fields)} tab-separated field(s), expected at least "
                f"{needed} ({', '.join(columns[:needed])})",
            )
        )
        return None
    extra = [f for f in fields[len(columns) :] if f.strip()]
    if extra:
        issues.append(
            Issue(
                path,
                lineno,
                f"{len(fields)} fields but the header has {len(columns)} columns "
                "(a tab inside a field?)",
            )
        )
        return None
    values = {name: value for name, value in zip(columns, fields, strict=False) if name in COLUMNS}
    return make_entry(values, path, lineno, issues)


def read_glossary_file(path: str | Path) -> ParsedFile:
    """Read and parse a glossary file; unreadable files raise ReaderError."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReaderError(f"glossary file not found: {p} (check the path)") from None
    except OSError as exc:
        raise ReaderError(f"cannot read glossary file {p}: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReaderError(
            f"glossary file {p} is not UTF-8 (byte {exc.start}); save it as UTF-8"
        ) from None
    return parse_tsv(text, str(p))


def check_field(value: str, what: str) -> str:
    """A value for a TSV field: no tabs or line breaks (they would split the row)."""
    if any(ch in value for ch in "\t\r\n"):
        raise ReaderError(f"the {what} {value!r} contains a tab or line break; remove it")
    return value.strip()


def entry_row(entry: Entry, columns: tuple[str, ...] = COLUMNS) -> str:
    """The TSV line for ``entry`` under ``columns`` (trailing empty columns dropped)."""
    values = {
        "zh": entry.zh,
        "en": entry.en,
        "type": entry.type,
        "aliases": "|".join(entry.aliases),
        "note": entry.note,
        "flags": "|".join(entry.flags),
    }
    fields = [check_field(values.get(c, ""), c) for c in columns]
    while fields and not fields[-1] and len(fields) > 3:
        fields.pop()
    return "\t".join(fields)


def format_tsv(entries: list[Entry] | tuple[Entry, ...], comment: str = "") -> str:
    lines = [f"# {line}" for line in comment.splitlines()]
    lines.append("\t".join(COLUMNS))
    lines.extend(entry_row(e) for e in entries)
    return "\n".join(lines) + "\n"
