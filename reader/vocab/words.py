"""What counts as vocabulary, and the one key a word is filed under.

A learner's vocabulary is Chinese words: names (a glossary or auto-detected name) are the
glossary's business, numbers and dates are read rather than learnt, punctuation and Latin
runs are not Chinese words at all. :func:`vocab_keys` decides for every token of a sentence
at once and returns the key — the Simplified form (OpenCC folding, reader.glossary.fold), so
銀行 and 银行 are one entry.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from functools import cached_property

from reader.han import is_han as _is_han
from reader.model import Token

# The core numerals: a token made only of these (and digits) is a number, even when the HSK
# list has it (一, 十, 万 are HSK 1 words, but a learner reads 三千五百 as a number).
NUMERALS = frozenset(
    "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟0123456789０１２３４５６７８９.．%％"
)
NUMBER_POS = frozenset({"m", "mq"})  # jieba: numeral, numeral + classifier


class Status(enum.Enum):
    """A word's place in the learner's vocabulary (stored by value)."""

    NEW = "new"
    LEARNING = "learning"
    KNOWN = "known"
    IGNORED = "ignored"

    def next(self) -> Status:
        """The status after this one in the TUI's cycle: new → learning → known → ignored."""
        order = list(Status)
        return order[(order.index(self) + 1) % len(order)]

    @classmethod
    def parse(cls, text: str) -> Status:
        try:
            return cls(text.strip().lower())
        except ValueError:
            choices = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown status {text!r}; choose one of: {choices}") from None


def is_han(ch: str) -> bool:
    return _is_han(ch)


class VocabRules:
    """Which tokens are vocabulary. ``lexicon``: words that count even when they look like
    numbers (the HSK list: 一些, 一下, 一半 are words, 三个 is not)."""

    def __init__(self, lexicon: frozenset[str] | set[str] = frozenset()) -> None:
        self.lexicon = lexicon

    @cached_property
    def measure_words(self) -> frozenset[str]:
        from reader.paths import package_word_list

        return package_word_list("measure_words.txt")

    def is_number(self, token: Token, key: str) -> bool:
        """Digits, Chinese numerals, and numerals with a measure word (第三, 五年, 两千万元)."""
        listed = key in self.lexicon or key + "儿" in self.lexicon  # HSK lists 一下儿, 一点儿
        if listed and not all(ch in NUMERALS for ch in key):
            return False  # a lexicalised word (一些, 一点, 一半) even if jieba tags it m
        if token.pos in NUMBER_POS:
            return True
        rest = key[1:] if key.startswith("第") else key
        i = 0
        while i < len(rest) and rest[i] in NUMERALS:
            i += 1
        if i == 0:
            return False
        tail = rest[i:]
        return tail == "" or tail in self.measure_words

    def key(self, token: Token, folded: str) -> str | None:
        """The vocabulary key of ``token`` (``folded``: its text folded to Simplified), or
        None when it is no vocabulary: not all Han, a name, or a number."""
        if not folded or not all(is_han(ch) for ch in folded):
            return None  # punctuation, Latin, digits, mixed runs like 5G or A股
        if token.glossary is not None:
            return None
        if self.is_number(token, folded):
            return None
        return folded

    def keys(self, tokens: Sequence[Token], folded_text: str, offset: int) -> list[str | None]:
        """:meth:`key` for every token; ``folded_text`` is the folded text the tokens' offsets
        point into after subtracting ``offset`` (fold keeps lengths, so slices line up)."""
        return [self.key(t, folded_text[t.start - offset : t.end - offset]) for t in tokens]


def fold_word(word: str) -> str:
    """The key form of a word typed or imported in either script."""
    from reader.glossary.fold import fold

    return fold(word.strip())
