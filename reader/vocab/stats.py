"""An article's vocabulary: its words (keyed once per article) and how many are known.

:class:`ArticleWords` folds the article's text once and keys every token (the slow part,
done once per annotated article); :func:`article_stats` then only looks keys up in a
status mapping, so the per-article line can be recomputed after every key press.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from reader.model import Article
from reader.vocab.levels import HskSystem, Levels, level_label
from reader.vocab.store import Meeting
from reader.vocab.words import Status, VocabRules


class ArticleWords:
    """Every vocabulary token of an article: ``keys[s][t]`` is the key of token ``t`` of
    sentence ``s`` (positions in ``article.sentences()``), None for non-vocabulary."""

    def __init__(self, article: Article, rules: VocabRules) -> None:
        from reader.glossary.fold import fold

        folded = fold(article.text)  # one pass; fold keeps lengths, so offsets line up
        self.sentences = list(article.sentences())
        self.keys: list[list[str | None]] = [
            rules.keys(s.tokens, folded, 0) for s in self.sentences
        ]
        self.counts: Counter[str] = Counter(k for row in self.keys for k in row if k)

    def occurrences(self, key: str) -> list[tuple[int, int]]:
        """(sentence, token) of every occurrence of ``key``."""
        return [(s, t) for s, row in enumerate(self.keys) for t, k in enumerate(row) if k == key]

    def sentence_keys(self, sentence: int) -> list[str]:
        return [k for k in self.keys[sentence] if k]

    def meetings(self, max_sentences: int = 5) -> list[Meeting]:
        """What the store records for this article: counts and the first sentences."""
        firsts: dict[str, list[tuple[int, str]]] = {}
        for s, row in enumerate(self.keys):
            for k in dict.fromkeys(k for k in row if k):
                where = firsts.setdefault(k, [])
                if len(where) < max_sentences:
                    sentence = self.sentences[s]
                    where.append((sentence.index, sentence.text))
        return [Meeting(k, n, tuple(firsts[k])) for k, n in self.counts.items()]


@dataclass(frozen=True)
class ArticleStats:
    words: int  # distinct vocabulary words
    tokens: int  # vocabulary tokens (every occurrence)
    known_words: int
    known_tokens: int
    ignored_words: int
    ignored_tokens: int
    learning_words: int
    new_words: int
    new_by_level: dict[int | None, int] = field(default_factory=dict)  # None: off-list

    @property
    def known_share_words(self) -> float:
        """Known distinct words, of the words not ignored (0.0–1.0)."""
        base = self.words - self.ignored_words
        return self.known_words / base if base else 1.0

    @property
    def known_share_tokens(self) -> float:
        base = self.tokens - self.ignored_tokens
        return self.known_tokens / base if base else 1.0

    def line(self, system: HskSystem = HskSystem.HSK3) -> str:
        """The per-article status line: words, % known, new words by HSK level."""
        levels = [
            f"{level_label(level, system).removeprefix('HSK ')}:{n}"
            for level, n in sorted(self.new_by_level.items(), key=lambda kv: kv[0] or 99)
            if level is not None and n
        ]
        off = self.new_by_level.get(None, 0)
        new = f"new {self.new_words}"
        if levels or off:
            detail = " ".join(levels + ([f"off-list:{off}"] if off else []))
            new += f" (HSK {detail})" if levels else f" ({detail})"
        return (
            f"{self.words} words · known {self.known_share_words:.0%} "
            f"({self.known_share_tokens:.0%} of text) · {new}"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "words": self.words,
            "tokens": self.tokens,
            "known_words": self.known_words,
            "known_share_words": round(self.known_share_words, 4),
            "known_share_tokens": round(self.known_share_tokens, 4),
            "learning_words": self.learning_words,
            "new_words": self.new_words,
            "ignored_words": self.ignored_words,
            "new_by_level": {
                str(k) if k is not None else "off-list": v for k, v in self.new_by_level.items()
            },
        }


def article_stats(
    words: ArticleWords,
    statuses: Mapping[str, Status],
    levels: Levels,
    system: HskSystem = HskSystem.HSK3,
) -> ArticleStats:
    """Counts for the article; a word the vocabulary lacks is new."""
    tally: Counter[Status] = Counter()
    token_tally: Counter[Status] = Counter()
    new_by_level: Counter[int | None] = Counter()
    new = Status.NEW
    for key, n in words.counts.items():
        status = statuses.get(key, new)
        tally[status] += 1
        token_tally[status] += n
        if status is new:
            new_by_level[levels.level(key, system)] += 1
    return ArticleStats(
        words=len(words.counts),
        tokens=sum(words.counts.values()),
        known_words=tally[Status.KNOWN],
        known_tokens=token_tally[Status.KNOWN],
        ignored_words=tally[Status.IGNORED],
        ignored_tokens=token_tally[Status.IGNORED],
        learning_words=tally[Status.LEARNING],
        new_words=tally[Status.NEW],
        new_by_level=dict(new_by_level),
    )
