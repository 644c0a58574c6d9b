"""Fix a mangled protected name inside the model's sentence instead of discarding it.

The model often writes a protected name almost right: "Unitree robotics", "Wang Chuan-fu",
"Unitree Unitree Robotics", "Unitree" alone, "Yushu Technology" (the pinyin of 宇树科技 and
a translation of 科技), or the Chinese left as is. Each of these is found as a variant of
the expected rendering and replaced by the glossary English in place, so the fluent
sentence survives. Only when a name cannot be found at all (dropped, or found more often
than it occurs) does the caller fall back to other strategies.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reader.translate import protect

# Between the letters of a name the model may add or drop a space, hyphen or apostrophe.
_SEP = r"[\s\-\u2010\u2011\u2013'’·.]*"
_WORD_SPLIT = re.compile(r"[\s\-\u2010\u2011\u2013]+")


@dataclass(frozen=True, slots=True)
class NameVariants:
    """What one protected rendering may look like in the output."""

    en: str
    zh: tuple[str, ...] = ()  # the Chinese as written (and converted), if left untranslated
    pinyin: tuple[str, ...] = ()  # toneless syllables of the Chinese, lower case


def _letters(word: str) -> str:
    return _SEP.join(re.escape(ch) for ch in word if not ch.isspace())


def _bounded(pattern: str) -> str:
    return rf"(?<![A-Za-z0-9]){pattern}(?![A-Za-z0-9])"


def _spelling_pattern(en: str) -> re.Pattern[str]:
    """Case, spacing and hyphenation variants, and any word doubled ("Unitree Unitree …")."""
    words = [w for w in _WORD_SPLIT.split(en) if w]
    parts = [f"{_letters(w)}(?:{_SEP}{_letters(w)})*" for w in words]
    return re.compile(_bounded(_SEP.join(parts)), re.IGNORECASE)


def _partial_patterns(en: str) -> list[re.Pattern[str]]:
    """A dropped word: the name's longest runs of words, as written (case-sensitive)."""
    words = [w for w in _WORD_SPLIT.split(en) if w]
    if len(words) < 2:
        return []
    runs = []
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            # A lone word must look like a name: capitalised and not tiny ("Ant" of "Ant
            # Group" is, "Group" alone is too generic to stand for the name).
            if size == 1 and (len(run[0]) < 3 or not run[0][:1].isupper() or i > 0):
                continue
            runs.append(re.compile(_bounded(_SEP.join(_letters(w) for w in run))))
    return runs


def _pinyin_pattern(syllables: Sequence[str]) -> re.Pattern[str] | None:
    """The name (or its first 2+ syllables) in pinyin, then up to two capitalised words.

    "Yushu Technology" for 宇树科技: 宇树 romanised, 科技 translated.
    """
    syllables = [s for s in syllables if s.isalpha()]
    if len(syllables) < 2:
        return None
    runs = ["".join(_SEP + _letters(s) for s in syllables[:n])[len(_SEP) :]
            for n in range(len(syllables), 1, -1)]  # fmt: skip
    rest = len(syllables) - 2
    tail = rf"(?:\s+[A-Z][a-z]+){{0,{min(2, rest)}}}" if rest else ""
    return re.compile(_bounded(f"(?i:{'|'.join(runs)}){tail}"))


def _within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance ≤ 1 (one letter wrong, missing or extra)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _near_spellings(text: str, en: str, taken: list[bool]) -> list[tuple[int, int]]:
    """Runs of words each at most one letter off the name's words ("Alibabba", "Hangzou").

    Only words of 5+ letters may be off, so short English words are never taken for names.
    """
    want = [w.lower() for w in _WORD_SPLIT.split(en) if w]
    words = list(re.finditer(r"[A-Za-z]+", text))
    found: list[tuple[int, int]] = []
    for i in range(len(words) - len(want) + 1):
        window = words[i : i + len(want)]
        a, b = window[0].start(), window[-1].end()
        if any(taken[a:b]) or (found and a < found[-1][1]):
            continue
        if any(
            not re.fullmatch(r"[\s\-]+", text[x.end() : y.start()])
            for x, y in zip(window, window[1:], strict=False)
        ):
            continue
        pairs = list(zip((m.group().lower() for m in window), want, strict=True))
        if all(g == w or (len(w) >= 5 and _within_one_edit(g, w)) for g, w in pairs):
            found.append((a, b))
    return found


def _find(pattern: re.Pattern[str], text: str, taken: list[bool]) -> list[tuple[int, int]]:
    spans = []
    for m in pattern.finditer(text):
        if m.end() > m.start() and not any(taken[m.start() : m.end()]):
            spans.append((m.start(), m.end()))
    return spans


def _candidates(
    text: str, name: NameVariants, taken: list[bool], need: int
) -> list[tuple[int, int]] | None:
    """Spans standing for ``name``, from the most to the least faithful kind of variant."""
    patterns: list[re.Pattern[str]] = [_spelling_pattern(name.en)]
    patterns += [re.compile(re.escape(zh)) for zh in name.zh if zh]
    pinyin = _pinyin_pattern(name.pinyin)
    if pinyin is not None:
        patterns.append(pinyin)
    patterns += _partial_patterns(name.en)
    found: list[tuple[int, int]] = []
    mask = list(taken)
    for pattern in patterns:
        for a, b in _find(pattern, text, mask):
            found.append((a, b))
            mask[a:b] = [True] * (b - a)
        if len(found) >= need:
            break
    if len(found) < need:
        found += _near_spellings(text, name.en, mask)
    return sorted(found) if found else None


_GLUE = re.compile(r"^[\s,;:、，]*(?:and\s+)?$", re.IGNORECASE)


def _drop_adjacent_copies(
    text: str, spans: list[tuple[int, int]], need: int
) -> list[tuple[int, int]] | None:
    """Keep ``need`` spans when the extras repeat a neighbour ("Huawei, Huawei"); else None."""
    spans = list(spans)
    while len(spans) > need:
        for i in range(1, len(spans)):
            if _GLUE.match(text[spans[i - 1][1] : spans[i][0]]):
                spans[i - 1] = (spans[i - 1][0], spans[i][1])  # the copy joins its neighbour
                del spans[i]
                break
        else:
            return None
    return spans


PLACEHOLDER_PREFIX = "ZX"  # "ZXA", "ZXB" …: acronym-like, copied through by MT models


def placeholder_masked(segment: protect.Segment) -> tuple[str, dict[str, str]]:
    """The segment with each name as a placeholder ("ZXA宣布…"), and placeholder → English.

    The second masking strategy, for a model that mangles a name it sees spelt out.
    """
    mapping: dict[str, str] = {}
    parts = [segment.pieces[0]]
    for i, (term, piece) in enumerate(zip(segment.terms, segment.pieces[1:], strict=True)):
        tag = PLACEHOLDER_PREFIX + chr(ord("A") + i % 26) * (1 + i // 26)
        mapping[tag] = term.en
        parts.extend((f" {tag} ", piece))
    return re.sub(r"\s+", " ", "".join(parts)).strip(), mapping


def unmask_placeholders(output: str, mapping: dict[str, str]) -> str | None:
    """Put the English back for each placeholder found once (variants allowed), else None."""
    fixed = fix_names(output, Counter(dict.fromkeys(mapping, 1)), [])
    if fixed is None:
        return None
    for tag, en in mapping.items():
        fixed = re.sub(_bounded(re.escape(tag)), en.replace("\\", "\\\\"), fixed)
    return protect.tidy(fixed)


def fix_names(output: str, want: Counter[str], names: Sequence[NameVariants]) -> str | None:
    """``output`` with every rendering exactly ``want`` times, fixed in place; None if not possible."""
    if not output.strip():
        return None
    by_en = {n.en: n for n in names}
    for en in want:
        by_en.setdefault(en, NameVariants(en))
    text = output
    edits: list[tuple[int, int, str]] = []
    taken = [False] * len(text)
    exact = protect.find_renderings(text, want)
    have = Counter(r for *_, r in exact)
    for a, b, r in exact:
        if have[r] == want[r]:
            taken[a:b] = [True] * (b - a)  # right already: leave it alone
    for en in sorted(want, key=lambda r: (-len(r), r)):
        if have[en] == want[en]:
            continue
        spans = [(a, b) for a, b, r in exact if r == en]
        if len(spans) < want[en]:
            for a, b in spans:
                taken[a:b] = [True] * (b - a)
            more = _candidates(text, by_en[en], taken, want[en] - len(spans)) or []
            spans = sorted(spans + more)
        if len(spans) > want[en]:
            kept = _drop_adjacent_copies(text, spans, want[en])
            if kept is None:
                return None
            spans = kept
        if len(spans) != want[en]:
            return None
        for a, b in spans:
            taken[a:b] = [True] * (b - a)
            edits.append((a, b, en))
    for a, b, en in sorted(edits, reverse=True):
        text = text[:a] + en + text[b:]
    text = protect.tidy(text)
    return text if protect.count_renderings(text, want) == want else None
