"""Find glossary terms in text: every occurrence, then one deterministic non-overlapping set.

Terms and text are compared in folded form (see fold.py), so an entry written in either
script matches text in either script, and Latin terms match case-insensitively. All
occurrences come from one Aho-Corasick pass (pyahocorasick; bench/glossary.py measures it
against per-term ``str.find`` and a regex alternation).
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from reader.glossary.context import ORG_TYPES, ContextRules
from reader.glossary.fold import is_latin_word_char
from reader.glossary.format import Entry


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    entry: int  # index into the glossary's entries


class Matcher:
    """All occurrences of folded keys in folded text."""

    def __init__(self, keys: dict[str, int]) -> None:
        import ahocorasick

        # The automaton holds each key's number (an int automaton unpickles in a third of
        # the time of one holding tuples: the built glossary is kept pickled in the cache
        # dir, reader.resources), and ``_keys`` the key's entry, length and word-boundary
        # flags, packed as (entry << 32) | (length << 2) | (left << 1) | right.
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._keys = array("q")
        for number, (key, entry) in enumerate(keys.items()):
            # A key starting/ending with a Latin letter or digit must sit on a word boundary.
            left, right = is_latin_word_char(key[0]), is_latin_word_char(key[-1])
            self._automaton.add_word(key, number)
            self._keys.append((entry << 32) | (len(key) << 2) | (left << 1) | right)
        self._empty = not keys
        if not self._empty:
            self._automaton.make_automaton()

    def entry_of(self, key: str) -> int | None:
        """The entry index of the folded key ``key`` exactly, or None."""
        number = self._automaton.get(key, None) if key else None
        return None if number is None else self._keys[number] >> 32

    def candidates(self, folded: str) -> list[Candidate]:
        if self._empty or not folded:
            return []
        found = []
        n = len(folded)
        keys = self._keys
        for last, number in self._automaton.iter(folded):
            packed = keys[number]
            length = (packed >> 2) & 0x3FFFFFFF
            start, end = last - length + 1, last + 1
            if packed & 2 and start > 0 and is_latin_word_char(folded[start - 1]):
                continue
            if packed & 1 and end < n and is_latin_word_char(folded[end]):
                continue
            found.append((start, -length, packed >> 32))
        found.sort()  # by start, longest first, then entry (the keys are unique)
        return [Candidate(start, start - neg, entry) for start, neg, entry in found]


def select(cands: Sequence[Candidate]) -> list[Candidate]:
    """Leftmost-longest, non-overlapping; ``cands`` sorted by (start, -length, entry)."""
    chosen: list[Candidate] = []
    cursor = 0
    for c in cands:
        if c.start >= cursor:
            chosen.append(c)
            cursor = c.end
    return chosen


def resolve(
    cands: list[Candidate],
    folded: str,
    entries: Sequence[Entry],
    rules: ContextRules,
    established: Collection[str] = (),
) -> tuple[list[Candidate], set[str]]:
    """The hits to keep, and the ambiguous terms (folded) that context showed to be names.

    Plain entries are always kept. An ambiguous one is kept where context supports a name,
    where it is listed next to another organisation, or where its term is ``established``
    (a name elsewhere in the same text or document) - never where a block rule applies.
    """
    plain = [c for c in cands if not entries[c.entry].ambiguous]
    ambiguous = [c for c in cands if entries[c.entry].ambiguous]
    if not ambiguous:
        return select(plain), set()
    from reader.glossary.fold import fold

    accepted: list[Candidate] = []
    pending: list[tuple[Candidate, str]] = []
    for c in ambiguous:
        term = fold(entries[c.entry].zh)
        if rules.blocked(folded, c.start, c.end, term):
            continue
        if rules.supports(folded, c.start, c.end, term):
            accepted.append(c)
        else:
            pending.append((c, term))
    # Lists: 联想、华为和小米. Anchors are organisation hits; an accepted ambiguous term
    # anchors the next one (联想、小米和华为), so repeat until nothing changes.
    anchors = [c for c in select(plain) if entries[c.entry].type in ORG_TYPES]
    ends = {c.end for c in anchors} | {c.end for c in accepted}
    starts = {c.start for c in anchors} | {c.start for c in accepted}
    listed = rules.take_listed(
        folded, pending, lambda item: (item[0].start, item[0].end), ends, starts
    )
    accepted.extend(c for c, _term in listed)
    shown = {fold(entries[c.entry].zh) for c in accepted}
    known = shown | set(established)
    accepted.extend(c for c, term in pending if term in known)
    kept = sorted(plain + accepted, key=lambda c: (c.start, c.start - c.end, c.entry))
    return select(kept), shown
