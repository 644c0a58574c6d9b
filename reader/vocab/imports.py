"""Word lists in and out: a plain list (one word a line), a Pleco export, an Anki TSV.

Pleco's text export is tab-separated ``headword  pinyin  definition``, the headword either
one form or ``简体[繁體]``; ``//`` lines are its category headers. An Anki export is TSV with
optional ``#key:value`` header lines and HTML fields; the first field is the word. Every
word is folded to its Simplified key, so a Traditional list files under the same entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.vocab.store import WordRow
from reader.vocab.words import fold_word, is_han

FORMATS = ("auto", "plain", "pleco", "anki")
_TAG = re.compile(r"<[^>]*>")
_PINYIN = re.compile(r"^[A-Za-zÀ-ɏüÜ:1-5\s'·,-]+$")
_TONE = re.compile(r"[1-5]|[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", re.IGNORECASE)


@dataclass
class ImportResult:
    words: list[str] = field(default_factory=list)  # folded keys, in file order, no repeats
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line number, why)
    format: str = "plain"


def detect_format(lines: list[str]) -> str:
    content = [ln for ln in lines if ln.strip()]
    if any(ln.startswith(("#separator:", "#html:", "#columns:", "#notetype")) for ln in content):
        return "anki"
    tabbed = [ln.split("\t") for ln in content if "\t" in ln and not ln.startswith("//")]
    if not tabbed:
        return "plain"
    pleco_like = sum(
        1
        for f in tabbed
        if len(f) >= 2 and _PINYIN.match(f[1].strip() or "x") and _TONE.search(f[1])
    )
    return "pleco" if pleco_like * 2 >= len(tabbed) else "anki"


def _headword(field_text: str, fmt: str) -> str:
    text = field_text.strip()
    if fmt == "anki":
        text = _TAG.sub("", text).replace("&nbsp;", " ").strip()
    if fmt == "pleco" and "[" in text:
        text = text.split("[", 1)[0]  # 简体[繁體]: the Simplified form before the bracket
    return text.strip()


def parse_words(text: str, fmt: str = "auto") -> ImportResult:
    """The words of a list in ``fmt`` (``auto`` detects it)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown list format {fmt!r}; use one of {', '.join(FORMATS)}")
    lines = text.lstrip("\ufeff").splitlines()
    if fmt == "auto":
        fmt = detect_format(lines)
    result = ImportResult(format=fmt)
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if line.startswith("#") or (fmt == "pleco" and line.startswith("//")):
            continue
        first = line.split("\t", 1)[0] if fmt != "plain" else line
        word = _headword(first, fmt)
        if not word or not all(is_han(ch) for ch in word):
            result.skipped.append((number, f"not a Chinese word: {word[:20]!r}"))
            continue
        key = fold_word(word)
        if key not in seen:
            seen.add(key)
            result.words.append(key)
    return result


def export_tsv(rows: Iterable[WordRow], level_of: dict[str, int | None]) -> str:
    """The vocabulary as TSV (word, status, HSK level, first article, first seen, seen)."""
    out = ["word\tstatus\thsk\tfirst_article\tfirst_seen\tseen"]
    for r in rows:
        level = level_of.get(r.word)
        out.append(
            f"{r.word}\t{r.status.value}\t{level or ''}\t{r.first_article}\t{r.first_seen}\t{r.seen}"
        )
    return "\n".join(out) + "\n"
