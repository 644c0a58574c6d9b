"""The vocabulary as the reader uses it: one :class:`Vocabulary` per process (store, HSK
levels, rules, the user's HSK setting) and one :class:`ArticleVocab` per open article (its
words keyed once, a snapshot of their statuses, the status actions). No Textual here: the
TUI and the CLI both drive these, and plain tests reach everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.model import Article, Sentence
from reader.vocab.levels import HskSystem, Levels, level_label
from reader.vocab.stats import ArticleStats, ArticleWords, article_stats
from reader.vocab.store import VocabStore
from reader.vocab.words import Status, VocabRules

HSK_SETTING = "hsk"  # "3.0" (default) or "2.0"
OFFERED_SETTING = "offered_known_hsk"  # "yes" once the first-run prompt was shown
UNKNOWN = (Status.NEW, Status.LEARNING)  # what the Anki --unknown deck and highlights mean


class Vocabulary:
    """The user's vocabulary with the HSK lists and the rules for what is a word."""

    def __init__(self, store: VocabStore | None = None, levels: Levels | None = None) -> None:
        self.store = store if store is not None else VocabStore()
        self.levels = levels if levels is not None else Levels()
        self.rules = VocabRules(self.levels.words())

    @property
    def system(self) -> HskSystem:
        try:
            return HskSystem.parse(self.store.get_setting(HSK_SETTING, "3.0"))
        except ValueError:
            return HskSystem.HSK3

    def set_system(self, system: HskSystem) -> None:
        self.store.set_setting(HSK_SETTING, system.value)

    def level(self, word: str) -> int | None:
        return self.levels.level(word, self.system)

    # -- first run ------------------------------------------------------------------------
    def should_offer_known_hsk(self) -> bool:
        """The first-run offer: once, and only while the vocabulary is empty."""
        return self.store.get_setting(OFFERED_SETTING) != "yes" and self.store.count() == 0

    def mark_offered(self) -> None:
        self.store.set_setting(OFFERED_SETTING, "yes")

    def mark_known_up_to(self, level: int) -> int:
        """Mark every word of HSK levels 1..``level`` known (one transaction)."""
        self.mark_offered()
        if level <= 0:
            return 0
        return self.store.set_status(self.levels.words_up_to(level, self.system), Status.KNOWN)

    # -- articles -------------------------------------------------------------------------
    def article(self, article: Article) -> ArticleVocab:
        return ArticleVocab(self, article)

    def sentence_fields(self, sentence: Sentence) -> dict[tuple[int, int], dict[str, object]]:
        """``status`` and ``hsk`` per token of ``sentence`` for the JSON export, keyed
        (sentence index, token position); tokens that are no vocabulary get nulls."""
        from reader.glossary.fold import fold

        keys = self.rules.keys(sentence.tokens, fold(sentence.text), sentence.start)
        statuses = self.store.statuses()
        system = self.system  # a settings query: once per sentence, not once per token
        level = self.levels.level
        out: dict[tuple[int, int], dict[str, object]] = {}
        for t, key in enumerate(keys):
            if key is None:
                out[(sentence.index, t)] = {"status": None, "hsk": None}
            else:
                status = statuses.get(key, Status.NEW).value
                out[(sentence.index, t)] = {"status": status, "hsk": level(key, system)}
        return out

    def token_fields(self, article: Article) -> dict[tuple[int, int], dict[str, object]]:
        """:meth:`sentence_fields` of every sentence of ``article``."""
        out: dict[tuple[int, int], dict[str, object]] = {}
        for sentence in article.sentences():
            out.update(self.sentence_fields(sentence))
        return out

    def unknown_words(self, article: Article) -> list[str]:
        """The article's new and learning words as written, in order of first use."""
        words = ArticleWords(article, self.rules)
        statuses = self.store.statuses()
        out: dict[str, str] = {}
        for sentence, keys in zip(words.sentences, words.keys, strict=True):
            for token, key in zip(sentence.tokens, keys, strict=True):
                if key and key not in out and statuses.get(key, Status.NEW) in UNKNOWN:
                    out[key] = token.text
        return list(out.values())


@dataclass(frozen=True)
class WordInfo:
    """What the look-up panel says about the word under the cursor."""

    key: str
    status: Status
    level: int | None
    system: HskSystem
    seen: int

    def line(self) -> str:
        parts = [level_label(self.level, self.system), self.status.value]
        if self.seen:
            parts.append(f"met {self.seen}×")
        return " · ".join(parts)


class ArticleVocab:
    """The vocabulary of one open article: keys per token, statuses, and the actions.

    ``statuses`` is a snapshot of the store for this article's words, refreshed after each
    change, so drawing a token is a dictionary look-up. ``version`` goes up with every change
    (the view keys its cached lines on it, so a change recolours every occurrence at once).
    """

    def __init__(self, vocabulary: Vocabulary, article: Article) -> None:
        self.vocabulary = vocabulary
        self.words = ArticleWords(article, vocabulary.rules)
        self.statuses: dict[str, Status] = {}
        self.version = 0
        # Highlighting starts once the learner has marked any word (or imported a list):
        # before that every word would be 'new' and the whole page would light up.
        self.active = False
        self.refresh()

    def refresh(self) -> None:
        """Re-read this article's statuses (after a change here or in another process)."""
        self.statuses = self.vocabulary.store.statuses_of(self.words.counts)
        self.active = self.vocabulary.store.has_marked_words()
        self.version += 1

    def key_at(self, sentence: int, token: int) -> str | None:
        if not 0 <= sentence < len(self.words.keys):
            return None
        row = self.words.keys[sentence]
        return row[token] if 0 <= token < len(row) else None

    def status_at(self, sentence: int, token: int) -> Status | None:
        key = self.key_at(sentence, token)
        return None if key is None else self.statuses.get(key, Status.NEW)

    def info_at(self, sentence: int, token: int) -> WordInfo | None:
        key = self.key_at(sentence, token)
        if key is None:
            return None
        row = self.vocabulary.store.row(key)
        return WordInfo(
            key,
            self.statuses.get(key, Status.NEW),
            self.vocabulary.level(key),
            self.vocabulary.system,
            row.seen if row else 0,
        )

    def set_status(self, keys: list[str], status: Status) -> int:
        if not keys:
            return 0
        n = self.vocabulary.store.set_status(keys, status)
        self.refresh()
        return n

    def cycle(self, sentence: int, token: int) -> tuple[str, Status] | None:
        """Next status for the word at (sentence, token); None if it is no vocabulary."""
        key = self.key_at(sentence, token)
        if key is None:
            return None
        status = self.statuses.get(key, Status.NEW).next()
        self.set_status([key], status)
        return key, status

    def _new_keys(self, sentences: range | list[int]) -> list[str]:
        keys = (k for s in sentences for k in self.words.sentence_keys(s))
        return [k for k in dict.fromkeys(keys) if self.statuses.get(k, Status.NEW) is Status.NEW]

    def mark_sentence_known(self, sentence: int) -> int:
        """Every still-new word of the sentence becomes known (learning ones stay)."""
        return self.set_status(self._new_keys([sentence]), Status.KNOWN)

    def mark_article_known(self) -> int:
        return self.set_status(self._new_keys(range(len(self.words.keys))), Status.KNOWN)

    def stats(self) -> ArticleStats:
        return article_stats(
            self.words, self.statuses, self.vocabulary.levels, self.vocabulary.system
        )

    def record(self, article_id: str) -> bool:
        """Count this article's words in the vocabulary (once per article)."""
        done = self.vocabulary.store.record_article(article_id, self.words.meetings())
        self.refresh()
        return done
