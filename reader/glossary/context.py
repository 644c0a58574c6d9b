"""Context that turns an ambiguous term (联想, 平安, 快手) into a name.

The rules are data: ``reader/data/glossary_context.tsv`` (see its header). All checks run
on the folded text (Simplified, Latin lower-case), so one rule serves both scripts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TypeVar

from reader import paths
from reader.glossary.fold import fold

T = TypeVar("T")

CONTEXT_FILE = "glossary_context.tsv"
KINDS = (
    "suffix",
    "weak_suffix",
    "org_after",
    "org_before",
    "after",
    "before",
    "gap",
    "sep",
    "phrase",
    "person",
    "wrap",
    "block",
    "block_before",
)
# Hits that make a neighbouring ambiguous term part of a list of organisations.
ORG_TYPES = frozenset(
    {"company", "org", "university", "lab", "investor", "product", "media", "brand", "agency"}
)
_MAX_GAP_WORDS = 2


@dataclass(frozen=True, slots=True)
class Rule:
    value: str  # folded
    terms: frozenset[str] | None  # folded terms the rule is limited to; None = all


class ContextRules:
    def __init__(self, rules: dict[str, list[Rule]], digest: str) -> None:
        self._rules = rules
        self.digest = digest
        self.seps = tuple(sorted({r.value for r in rules.get("sep", [])}, key=len, reverse=True))
        self._gaps = tuple(r.value for r in rules.get("gap", []))

    def _values(self, kind: str, term: str) -> list[str]:
        return [r.value for r in self._rules.get(kind, []) if r.terms is None or term in r.terms]

    def blocked(self, folded: str, start: int, end: int, term: str) -> bool:
        """Whether the text around the term makes it the ordinary word (联想到, 一路平安)."""
        after = _skip_spaces(folded, end)
        if any(folded.startswith(v, after) for v in self._values("block", term)):
            return True
        before = _skip_spaces_back(folded, start)
        return any(folded.endswith(v, 0, before) for v in self._values("block_before", term))

    def supports(self, folded: str, start: int, end: int, term: str) -> bool:
        """Whether the text around ``folded[start:end]`` (entry ``term``, folded) makes it a name."""
        after = _skip_spaces(folded, end)
        if any(folded.startswith(v, after) for v in self._values("weak_suffix", term)):
            return True
        return (
            self.overrides(folded, start, end, term)
            or self._followed_by(folded, after, self._values("after", term))
            or self._preceded_by(folded, start, self._values("before", term))
        )

    def _followed_by(self, folded: str, after: int, words: list[str]) -> bool:
        """One of ``words`` comes at ``after``, directly or after gap words."""
        return bool(words) and any(
            folded.startswith(v, pos) for pos in self._after_positions(folded, after) for v in words
        )

    def _preceded_by(self, folded: str, start: int, words: list[str]) -> bool:
        before = _skip_spaces_back(folded, start)
        return any(folded.endswith(v, 0, before) for v in words)

    def overrides(self, folded: str, start: int, end: int, term: str) -> bool:
        """Structural evidence that outranks the recogniser: an organisation suffix straight
        after the term (联想集团), the term exactly inside title marks (《时代》), or an
        explicit phrase for the term (中国平安), words only an organisation takes around it
        (小米创始人, 收购小米), the person the company is known by in the same text (雷军 …
        小米)."""
        after = _skip_spaces(folded, end)
        if any(folded.startswith(v, after) for v in self._values("suffix", term)):
            return True
        if self._followed_by(folded, after, self._values("org_after", term)):
            return True
        if self._preceded_by(folded, start, self._values("org_before", term)):
            return True
        for pair in self._values("wrap", term):
            if start > 0 and folded[start - 1] == pair[0] and folded.startswith(pair[1:], end):
                return True
        if any(_named_apart(folded, p, start, end) for p in self._values("person", term)):
            return True
        matched = folded[start:end]
        for phrase in self._values("phrase", term):
            offset = phrase.find(matched)
            while offset >= 0:
                if start - offset >= 0 and folded.startswith(phrase, start - offset):
                    return True
                offset = phrase.find(matched, offset + 1)
        return False

    def _after_positions(self, folded: str, pos: int) -> set[int]:
        """Where an `after` word may start: right away or after gap words."""
        positions = {pos}
        frontier = {pos}
        for _ in range(_MAX_GAP_WORDS):
            step = set()
            for p in frontier:
                for gap in self._gaps:
                    if folded.startswith(gap, p):
                        step.add(_skip_spaces(folded, p + len(gap)))
            positions |= step
            frontier = step
        return positions

    def listed_with(
        self, folded: str, start: int, end: int, ends: Collection[int], starts: Collection[int]
    ) -> bool:
        """Whether ``folded[start:end]`` sits in a list next to a hit ending/starting at ``ends``/``starts``."""
        before = _skip_spaces_back(folded, start)
        after = _skip_spaces(folded, end)
        for sep in self.seps:
            if (
                folded.endswith(sep, 0, before)
                and _skip_spaces_back(folded, before - len(sep)) in ends
            ):
                return True
            if folded.startswith(sep, after) and _skip_spaces(folded, after + len(sep)) in starts:
                return True
        return False

    def take_listed(
        self,
        folded: str,
        pending: list[T],
        span: Callable[[T], tuple[int, int]],
        ends: set[int],
        starts: set[int],
    ) -> list[T]:
        """The items of ``pending`` (removed from it, in order) that sit in a list next to an
        anchor (a hit ending at ``ends`` or starting at ``starts``); each one taken anchors
        the next (联想、小米和华为), so the scan repeats until nothing changes."""
        taken: list[T] = []
        changed = True
        while changed and pending:
            changed = False
            for item in list(pending):
                start, end = span(item)
                if self.listed_with(folded, start, end, ends, starts):
                    pending.remove(item)
                    taken.append(item)
                    ends.add(end)
                    starts.add(start)
                    changed = True
        return taken


def _named_apart(folded: str, name: str, start: int, end: int) -> bool:
    """Whether ``name`` occurs in ``folded`` outside ``[start, end)``."""
    at = folded.find(name)
    while at >= 0:
        if at >= end or at + len(name) <= start:
            return True
        at = folded.find(name, at + 1)
    return False


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u3000":
        pos += 1
    return pos


def _skip_spaces_back(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] in " \t\u3000":
        pos -= 1
    return pos


def parse_rules(text: str, source: str = CONTEXT_FILE) -> ContextRules:
    rules: dict[str, list[Rule]] = {}
    for lineno, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        kind = fields[0].strip()
        if kind == "kind":
            continue  # header
        if kind not in KINDS or len(fields) < 2 or not fields[1].strip():
            raise ValueError(f"{source}:{lineno}: bad context rule {line!r}")
        terms = fields[2].strip() if len(fields) > 2 else ""
        limited = frozenset(fold(t.strip()) for t in terms.split("|") if t.strip()) or None
        rules.setdefault(kind, []).append(Rule(fold(fields[1].strip()), limited))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return ContextRules(rules, digest)


def get_rules() -> ContextRules:
    """The shipped rules, parsed once per process (an immutable table)."""
    return paths.parsed_package_data(CONTEXT_FILE, parse_rules)
