"""A regex checked when it is read and compiled only once a text could hold a match.

The pinyin overrides (reader/data/pinyin_overrides.tsv) are ~36 patterns, each rewriting
one polyphone in a narrow context (得 after 我/你/他 before 去/走…). Compiling them costs
~15 ms (their lookarounds over large character classes), most of a short ``reader pinyin``
line's setup, and in an article of 7,000 characters one or two of them match at all. So a
pattern is read with the parser ``re`` compiles it with, and compiled only once a text holds

* every literal character on its main path (not inside a lookaround, an alternative, a
  class or a repeat that may occur zero times), and
* one of those literals with the neighbours the pattern gives it: the one-character class,
  literal or lookaround right before or after it (得 in ``(?<=[我你他])(得)(?=[去走])``).

A text without them cannot match, so skipping the pattern there changes nothing. Should the
parser change (it is ``re``'s own, not public), a pattern is compiled at once and needs
nothing: slower, the same result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

_BIG_RANGE = 0x3000  # a class wider than this constrains too little to be worth checking


class CharSet:
    """The characters one class of a pattern admits (its literals and ranges)."""

    __slots__ = ("chars", "ranges")

    def __init__(self, chars: frozenset[str], ranges: tuple[tuple[int, int], ...]) -> None:
        self.chars, self.ranges = chars, ranges

    def __contains__(self, ch: str) -> bool:
        if ch in self.chars:
            return True
        code = ord(ch)
        return any(lo <= code <= hi for lo, hi in self.ranges)


class Anchor:
    """A literal of the pattern and what its neighbours must be in every match."""

    __slots__ = ("char", "before", "after")

    def __init__(self, char: str, before: Sequence[CharSet], after: Sequence[CharSet]) -> None:
        self.char, self.before, self.after = char, tuple(before), tuple(after)

    def found_in(self, text: str) -> bool:
        i = text.find(self.char)
        while i >= 0:
            prev = text[i - 1] if i > 0 else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if all(prev and prev in s for s in self.before) and all(
                nxt and nxt in s for s in self.after
            ):
                return True
            i = text.find(self.char, i + 1)
        return False


class LazyPattern:
    """``re.compile(source)`` on first use, once a text could hold a match (module doc)."""

    __slots__ = ("source", "needs", "anchor", "_compiled")

    def __init__(self, source: str) -> None:
        """Raises re.error as ``re.compile(source)`` would."""
        self.source = source
        self.needs, self.anchor = _analyse(source)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)  # a race compiles twice: same result
        return self._compiled

    def could_match(self, text: str) -> bool:
        for ch in self.needs:  # (a plain loop: this runs per pattern per sentence)
            if ch not in text:
                return False
        return self.anchor is None or self.anchor.found_in(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self.could_match(text):
            return iter(())
        return self.compiled.finditer(text)


def _analyse(source: str) -> tuple[frozenset[str], Anchor | None]:
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        tree = _parser.parse(source)
        c = _compiler  # the opcodes and limits, as the compiler sees them
        _check_lookbehinds(tree, c)
        if tree.state.flags & (re.IGNORECASE | re.VERBOSE):
            return frozenset(), None
        path = list(_main_path(tree, c))
        return frozenset(a[1] for a in path if a[0] == "lit"), _anchor(path)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - another parser: compile now, prefilter nothing
        re.compile(source)
        return frozenset(), None


# The main path as atoms: ("lit", ch) and ("set", CharSet) consume one character,
# ("behind", CharSet) / ("ahead", CharSet) are one-character lookarounds, ("skip",) is
# anything else of no width, ("other",) anything else (it ends a neighbourhood).
Atom = tuple[Any, ...]


def _main_path(tree: Any, c: Any) -> Iterator[Atom]:
    for op, av in tree:
        if op is c.LITERAL:
            yield ("lit", chr(av))
        elif op is c.IN:
            found = _char_set(av, c)
            yield ("set", found) if found is not None else ("other",)
        elif op is c.SUBPATTERN and not (av[1] & re.IGNORECASE):
            yield from _main_path(av[3], c)
        elif op is c.ATOMIC_GROUP:
            yield from _main_path(av, c)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            for atom in _main_path(av[2], c):  # its literals are needed, their neighbours
                if atom[0] == "lit":  # not known here
                    yield ("other",)
                    yield atom
            yield ("other",)
        elif op is c.ASSERT:
            # a lookbehind of one character, or what a lookahead's first character must be
            one = _one_char(av[1], c) if av[0] < 0 else _first_char(av[1], c)
            if one is None:
                yield ("skip",)
            else:
                yield ("behind" if av[0] < 0 else "ahead", one)
        elif op is c.ASSERT_NOT or op is c.AT:
            yield ("skip",)
        else:
            yield ("other",)


def _atom_set(op: Any, av: Any, c: Any) -> CharSet | None:
    """The set one parsed atom admits when it is a literal or a class; None otherwise."""
    if op is c.LITERAL:
        return CharSet(frozenset(chr(av)), ())
    if op is c.IN:
        return _char_set(av, c)
    return None


def _one_char(tree: Any, c: Any) -> CharSet | None:
    """The set a one-character pattern (a literal or a class) admits; None otherwise."""
    items = list(tree)
    if len(items) != 1:
        return None
    op, av = items[0]
    return _atom_set(op, av, c)


def _first_char(tree: Any, c: Any) -> CharSet | None:
    """The set the first character of every match of ``tree`` is in; None if unknown."""
    items = list(tree)
    if not items:
        return None
    op, av = items[0]
    atom = _atom_set(op, av, c)
    if atom is not None:
        return atom
    if op is c.SUBPATTERN and not (av[1] & re.IGNORECASE):
        return _first_char(av[3], c)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _first_char(av[2], c)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0 and av[1] >= 1:
        # optional (了?多少): its first character or, without it, the rest's
        return _union([_first_char(av[2], c), _first_char(items[1:], c)])
    if op is c.BRANCH:
        return _union([_first_char(alternative, c) for alternative in av[1]])
    return None


def _union(sets: list[CharSet | None]) -> CharSet | None:
    if not sets or any(s is None for s in sets):
        return None
    return CharSet(
        frozenset().union(*(s.chars for s in sets if s is not None)),
        tuple(r for s in sets if s is not None for r in s.ranges),
    )


def _char_set(items: Any, c: Any) -> CharSet | None:
    chars: set[str] = set()
    ranges: list[tuple[int, int]] = []
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] <= _BIG_RANGE:
            ranges.append((av[0], av[1]))
        else:  # a negated class, a category (\d), a wide range: no constraint kept
            return None
    return CharSet(frozenset(chars), tuple(ranges))


def _anchor(path: list[Atom]) -> Anchor | None:
    """The literal whose neighbours the pattern constrains most (None: none does)."""
    best: Anchor | None = None
    for k, atom in enumerate(path):
        if atom[0] != "lit":
            continue
        # a lookahead before the literal looks at the literal itself, as a lookbehind after
        before = _neighbours(reversed(path[:k]), "behind", "ahead")
        after = _neighbours(path[k + 1 :], "ahead", "behind")
        if before or after:
            found = Anchor(atom[1], before, after)
            if best is None or len(before) + len(after) > len(best.before) + len(best.after):
                best = found
    return best


def _check_lookbehinds(tree: Any, c: Any) -> None:
    """The one check ``re`` makes when compiling rather than parsing, made now so a bad
    pattern is still reported when the file is read."""
    for op, av in tree:
        if op in (c.ASSERT, c.ASSERT_NOT) and av[0] < 0:
            lo, hi = av[1].getwidth()
            if lo > c.MAXCODE:
                raise re.error("looks too much behind")
            if lo != hi:
                raise re.error("look-behind requires fixed-width pattern")
        for part in av if isinstance(av, (tuple, list)) else (av,):
            for sub in part if isinstance(part, list) else (part,):
                if hasattr(sub, "getwidth"):
                    _check_lookbehinds(sub, c)


def _neighbours(atoms: Iterable[Any], toward: str, ignored: str) -> list[CharSet]:
    """The classes the atoms next to a literal (walked away from it) give its neighbour:
    lookarounds facing it (``toward``), up to the first literal or class; ``ignored``
    lookarounds face the literal itself and are passed over, anything else ends the walk."""
    found: list[CharSet] = []
    for atom in atoms:
        if atom[0] == toward:
            found.append(atom[1])
        elif atom[0] in ("lit", "set"):
            found.append(atom[1] if atom[0] == "set" else CharSet(frozenset(atom[1]), ()))
            break
        elif atom[0] not in ("skip", ignored):
            break
    return found
