"""Context rules for the word-by-word gloss, kept as data (reader/data/gloss_function_words.tsv).

A dictionary's first sense of a function word is rarely what it means in running text
(在 "to exist", 和 "sum", 后 "empress"); the table gives the sense by the token's jieba
part of speech, its reading and its neighbours. Each line is
``word<TAB>conditions<TAB>gloss<TAB>reason``; the first line whose conditions all hold wins.

Conditions (space-separated, all must hold; ``*`` = always):

- ``pos:v,p``     the token's jieba POS flag starts with one of these
- ``reading:hai2`` the token's chosen reading (space-separated syllables) is one of these
- ``after:n,r``   the previous token's POS starts with one of these
- ``before:v``    the next token's POS starts with one of these
- ``prev:多,几``  the previous token's text is one of these
- ``next:了,过``  the next token's text is one of these
- ``opened:在``   one of these words came within the last few tokens, no punctuation
  between (the 在 … 中 frame: 在 already says "in", so the closing 中 adds nothing)
- ``closes:影响`` one of these words comes within the next few tokens, no punctuation
  between (the 受 … 影响 frame: "affected by …", the closing 影响 then adds nothing)
- ``end``         no Chinese token follows (end of sentence or punctuation next)
- ``start``       the sentence or a clause starts here (no token before, or a stop or a comma)
- ``number``      the next token opens with a number (3, 三万人, 一半): jieba tags some counts
  a name or a place (三万人/nrt), so ``before:m`` misses them

Words in ``prev:``, ``next:``, ``opened:`` and ``closes:`` are Simplified and match a
Traditional neighbour too (週四通過…預算案 holds ``closes:预算案``), as the word itself does.

A gloss of ``-`` drops the word (的, 了, 着: grammar English shows by word order).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from reader.errors import ReaderError
from reader.han import has_han
from reader.model import Token
from reader.translate.gloss_numbers import chinese_number

_CLAUSE_MARKS = frozenset("，,。；;：:！!？?")
_KINDS = ("pos", "reading", "after", "before", "prev", "next", "opened", "closes")
_FRAME_REACH = 6  # tokens between the words that open and close a frame (在 … 中)


@dataclass(frozen=True, slots=True)
class Rule:
    conditions: tuple[tuple[str, tuple[str, ...]], ...]
    gloss: str  # "" = drop
    reason: str

    def holds(self, tokens: Sequence[Token], index: int) -> bool:
        token = tokens[index]
        prev = tokens[index - 1] if index > 0 else None
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        for kind, values in self.conditions:
            if kind == "pos":
                ok = _starts(token.pos, values)
            elif kind == "reading":
                ok = " ".join(r or "" for r in token.readings) in values
            elif kind == "after":
                ok = prev is not None and _starts(prev.pos, values)
            elif kind == "before":
                ok = nxt is not None and _starts(nxt.pos, values)
            elif kind == "prev":
                ok = prev is not None and _simplified(prev.text) in values
            elif kind == "next":
                ok = nxt is not None and _simplified(nxt.text) in values
            elif kind == "opened":
                ok = _opened(tokens, index, values)
            elif kind == "closes":
                ok = _closes(tokens, index, values)
            elif kind == "start":
                # a clause starts after a stop or a comma, not after a name in Latin
                # letters or a closing quote (Google、Meta等 is still a list)
                ok = prev is None or prev.text in _CLAUSE_MARKS
            elif kind == "number":
                ok = nxt is not None and _opens_with_number(nxt.text)
            else:  # "end"
                ok = nxt is None or not _has_han(nxt.text)
            if not ok:
                return False
        return True


def _opened(tokens: Sequence[Token], index: int, openers: tuple[str, ...]) -> bool:
    return _in_clause(tokens, range(index - 1, max(-1, index - 1 - _FRAME_REACH), -1), openers)


def _closes(tokens: Sequence[Token], index: int, closers: tuple[str, ...]) -> bool:
    return _in_clause(tokens, range(index + 1, min(len(tokens), index + 1 + _FRAME_REACH)), closers)


def _in_clause(tokens: Sequence[Token], positions: range, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` is at ``positions`` (in order) before any punctuation."""
    for i in positions:
        text = tokens[i].text
        if _simplified(text) in words:
            return True
        if not _has_han(text):
            return False  # punctuation ends the clause
    return False


def _opens_with_number(text: str) -> bool:
    return chinese_number(text[:1]) is not None  # 3, 三, 十 (not 万 alone: 万一 "in case")


def _starts(pos: str, prefixes: tuple[str, ...]) -> bool:
    return bool(pos) and pos.startswith(prefixes)


def _has_han(text: str) -> bool:
    return has_han(text)


def _simplified(text: str) -> str:
    """A neighbour's text in Simplified script, as the table writes its words."""
    from reader.annotate.script import convert

    return convert(text, "t2s") if has_han(text) else text


class FunctionWords:
    """The table, by Simplified word; :meth:`gloss` is the sense in context or None."""

    def __init__(self, rules: dict[str, list[Rule]]) -> None:
        self.rules = rules

    def __contains__(self, word: str) -> bool:
        return word in self.rules

    def gloss(self, word: str, tokens: Sequence[Token], index: int) -> str | None:
        for rule in self.rules.get(word, ()):
            if rule.holds(tokens, index):
                return rule.gloss
        return None

    @classmethod
    def parse(cls, lines: Sequence[str], source: str = "<gloss rules>") -> FunctionWords:
        rules: dict[str, list[Rule]] = {}
        for lineno, raw in enumerate(lines, 1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 4 or not cols[3].strip():
                raise ReaderError(
                    f"{source}:{lineno}: expected word<TAB>conditions<TAB>gloss<TAB>reason; "
                    "fix the line"
                )
            word, when, gloss = cols[0].strip(), cols[1].strip(), cols[2].strip()
            conditions: list[tuple[str, tuple[str, ...]]] = []
            for cond in when.split():
                if cond == "*":
                    continue
                if cond in ("start", "end", "number"):
                    conditions.append((cond, ()))
                    continue
                kind, _, values = cond.partition(":")
                if kind not in _KINDS or not values:
                    raise ReaderError(
                        f"{source}:{lineno}: unknown condition {cond!r}; use "
                        "pos:, reading:, after:, before:, prev:, next:, opened:, closes:, start, end "
                        "or number"
                    )
                conditions.append((kind, tuple(values.split(","))))
            rules.setdefault(word, []).append(
                Rule(tuple(conditions), "" if gloss == "-" else gloss, cols[3].strip())
            )
        return cls(rules)

    @classmethod
    def load(cls) -> FunctionWords:
        from reader.paths import package_data

        path = package_data("gloss_function_words.tsv")
        return cls.parse(path.read_text(encoding="utf-8").splitlines(), str(path))


class GlossTables:
    """The gloss's data: senses after a number (reader/data/gloss_after_number.tsv), the
    function-word table (reader/data/gloss_function_words.tsv) and the measure words
    (reader/data/measure_words.txt, shared with the vocabulary's number phrases)."""

    def __init__(self) -> None:
        from reader.paths import package_data, package_word_list

        path = package_data("gloss_after_number.tsv")
        self.after_number: dict[str, str] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                word, _, sense = line.partition("\t")
                self.after_number[word.strip()] = sense.strip()
        self.words = FunctionWords.load()
        self.measures = package_word_list("measure_words.txt")


@functools.cache
def gloss_tables() -> GlossTables:
    """The tables, read once per process (they are package data and never change)."""
    return GlossTables()
