"""Glossary load + match speed, Aho-Corasick beside the simple approaches.

    python bench/glossary.py [ARTICLE]

Default article: the Traditional sample. Uses the full shipped glossary (every
glossaries/*.tsv). Prints median milliseconds over repeated runs; the target (issue 11)
is load + match ≤ 30 ms warm.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.glossary import load_glossary  # noqa: E402
from reader.glossary.fold import fold, is_latin_word_char  # noqa: E402
from reader.glossary.format import read_glossary_file  # noqa: E402
from reader.glossary.match import Candidate, Matcher, resolve  # noqa: E402
from reader.glossary.store import Glossary, layer_files  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "articles" / "zhidx-hangzhou-silicon-valley.txt"


def ms(fn: Callable[[], object], repeat: int = 30) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _bounded(key: str, folded: str, start: int, end: int) -> bool:
    if is_latin_word_char(key[0]) and start > 0 and is_latin_word_char(folded[start - 1]):
        return False
    return not (
        is_latin_word_char(key[-1]) and end < len(folded) and is_latin_word_char(folded[end])
    )


def _sorted(found: list[Candidate]) -> list[Candidate]:
    return sorted(found, key=lambda c: (c.start, c.start - c.end, c.entry))


def find_per_term(keys: dict[str, int], folded: str) -> list[Candidate]:
    """The obvious approach: str.find for every key."""
    found = []
    for key, entry in keys.items():
        at = folded.find(key)
        while at >= 0:
            if _bounded(key, folded, at, at + len(key)):
                found.append(Candidate(at, at + len(key), entry))
            at = folded.find(key, at + 1)
    return _sorted(found)


def find_dict_scan(keys: dict[str, int], lengths: list[int], folded: str) -> list[Candidate]:
    """Every position, every key length: a set look-up (jieba-style dictionary scan)."""
    found = []
    n = len(folded)
    for i in range(n):
        for size in lengths:
            if i + size > n:
                continue
            key = folded[i : i + size]
            entry = keys.get(key)
            if entry is not None and _bounded(key, folded, i, i + size):
                found.append(Candidate(i, i + size, entry))
    return _sorted(found)


def find_regex(pattern: re.Pattern[str], keys: dict[str, int], folded: str) -> list[Candidate]:
    """One alternation, longest first; overlapping matches via a lookahead."""
    found = []
    for m in pattern.finditer(folded):
        key = m.group(1)
        # A lookahead alternation yields only the longest key at each start; add the shorter
        # keys at that start too so resolution sees the same candidates as the others.
        for size in range(len(key), 0, -1):
            sub = folded[m.start() : m.start() + size]
            if sub in keys and _bounded(sub, folded, m.start(), m.start() + size):
                found.append(Candidate(m.start(), m.start() + size, keys[sub]))
    return _sorted(found)


def main() -> None:
    article = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    text = article.read_text(encoding="utf-8")

    start = time.perf_counter()
    glossary = load_glossary(use_user=False)
    cold = (time.perf_counter() - start) * 1000
    # every folded key and its entry (the matcher's automaton holds them)
    matcher = glossary._matcher
    keys: dict[str, int] = {k: matcher.entry_of(k) for k in matcher._automaton.keys()}  # type: ignore[misc]
    layers = [read_glossary_file(f) for f in layer_files(use_user=False)]
    entries, rules = glossary.entries, glossary._rules
    print(f"{article.name}: {len(text)} chars; glossary: {len(glossary)} entries, {len(keys)} keys")
    print(f"  cold load (parse all files + build, first in process): {cold:7.2f} ms")
    print()

    folded = fold(text)
    lengths = sorted({len(k) for k in keys}, reverse=True)
    alternation = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))

    build_rows = [
        ("Aho-Corasick automaton", ms(lambda: Matcher(keys), 10)),
        (
            "regex alternation compile",
            ms(lambda: (re.purge(), re.compile(f"(?=({alternation}))")), 3),
        ),
        ("full Glossary build (no parse)", ms(lambda: Glossary(layers), 10)),
    ]
    pattern = re.compile(f"(?=({alternation}))")

    expected = matcher.candidates(folded)
    candidates_rows = [
        ("Aho-Corasick (pyahocorasick)", lambda: matcher.candidates(folded)),
        ("per-term str.find", lambda: find_per_term(keys, folded)),
        ("dictionary scan per position", lambda: find_dict_scan(keys, lengths, folded)),
        ("regex alternation", lambda: find_regex(pattern, keys, folded)),
    ]
    for name, fn in candidates_rows:
        assert fn() == expected, f"{name} finds different candidates"

    print("build (once per glossary)                  ms")
    for name, value in build_rows:
        print(f"  {name:<38}{value:8.2f}")
    print()
    print("normalise the text                         ms")
    import opencc

    t2s = opencc.OpenCC("t2s")
    print(f"  {'fold (OpenCC tables, 1:1)':<38}{ms(lambda: fold(text)):8.2f}")
    print(f"  {'opencc.OpenCC(t2s).convert':<38}{ms(lambda: t2s.convert(text), 10):8.2f}")
    print()
    print("find every occurrence (folded text)        ms")
    for name, fn in candidates_rows:
        print(f"  {name:<38}{ms(fn, 10):8.2f}")
    print()
    resolve_ms = ms(lambda: resolve(expected, folded, entries, rules))
    print(f"  {'resolve (ambiguity + longest match)':<38}{resolve_ms:8.2f}")
    print()
    print("end to end, warm                           ms")
    warm_load = ms(lambda: load_glossary(use_user=False))
    find_ms = ms(lambda: glossary.find(text))
    both = ms(lambda: load_glossary(use_user=False).find(text))

    def simple_find() -> None:
        f = fold(text)
        resolve(find_per_term(keys, f), f, entries, rules)

    print(f"  {'load_glossary() (cached)':<38}{warm_load:8.2f}")
    print(f"  {'Glossary.find(text)':<38}{find_ms:8.2f}")
    print(f"  {'load + find (Aho-Corasick)':<38}{both:8.2f}   target <= 30")
    print(f"  {'load + find (per-term str.find)':<38}{warm_load + ms(simple_find, 10):8.2f}")


if __name__ == "__main__":
    main()
