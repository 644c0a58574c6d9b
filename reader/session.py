"""The reader's interactive state as plain Python (no Textual): the TUI is a thin view of it.

A :class:`Session` holds the article being read and everything the keys change: the word
cursor and selection span, visible panes, interlinear mode, conversion target, pinyin style
and the search. Pure helpers build the instant "raw" article shown before annotation,
re-annotate the sentences a glossary edit touches, gather look-up data, and persist the
reading position per article. Everything here is testable without a terminal.

Search, look-up data and reading positions live in :mod:`reader.reading` (re-exported here).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.model import Article, LoadedText, PinyinStyle, Sentence, Token, Translation
from reader.reading.cursor import Cursor
from reader.reading.lookup import LookupInfo, lookup_info, translation_label
from reader.reading.positions import (
    PositionStore,
    article_key,
    remember_position,
    restore_position,
)
from reader.reading.search import Hit, SearchMixin, SearchState, toneless

if TYPE_CHECKING:
    from reader.glossary.names import NameRow
    from reader.pipeline import Options
    from reader.resources import Resources

__all__ = [
    "Cursor",
    "Hit",
    "LookupInfo",
    "PositionStore",
    "SearchState",
    "Session",
    "article_key",
    "lookup_info",
    "raw_article",
    "reannotate",
    "remember_position",
    "restore_position",
    "toneless",
    "translation_label",
]

PANES: tuple[str, ...] = ("original", "converted", "pinyin", "english")
PINYIN_STYLES: tuple[str, ...] = PinyinStyle.names()


def is_word(token: Token) -> bool:
    """Whether the cursor stops on a token: anything but punctuation and spaces."""
    return any(ch.isalnum() for ch in token.text)


# --------------------------------------------------------------------------------------------
# The raw article: sentences without annotation, built in milliseconds for the first paint.


def raw_article(loaded: LoadedText) -> Article:
    """Split ``loaded`` into paragraphs and sentences; one token per Han character or run.

    No jieba, pinyin or OpenCC: this is what the reader shows while annotation loads. The
    sentence spans are the ones :func:`reader.pipeline.annotate` produces (it is the same
    :func:`reader.pipeline.outline`), so the cursor and reading position carry over as
    annotated sentences replace these. A long article gets one token per run between
    spaces (a sentence, mostly) instead of one per character: memory and time stay small.
    """
    from reader.pipeline import outline

    coarse = len(loaded.text) > LARGE_ARTICLE
    return outline(loaded, tokens="runs" if coarse else "chars", detect=False)


LARGE_ARTICLE = 300_000  # characters


# --------------------------------------------------------------------------------------------
# Cursor, selection, search


class Session(SearchMixin):
    """The state of one open article. Only the UI thread mutates it."""

    def __init__(self, article: Article, path: str | None = None, annotated: bool = False) -> None:
        self.path = path
        self.panes: dict[str, bool] = dict.fromkeys(PANES, True)
        self.interlinear: bool | None = None  # None: chosen by terminal width
        self.search_state = SearchState()
        self.annotated = annotated
        self.versions: dict[int, int] = {}
        self.article = article
        self.sentences: list[Sentence] = list(article.sentences())
        # A very long article is annotated in a window round the reader (reader.reading.
        # window): these are its annotated sentences; the rest keep the outline's form.
        self.windowed = False
        self.annotated_at: set[int] = self._all_if(annotated)
        self.cursor = Cursor(0, self._first_word(0))
        self.anchor: Cursor | None = None
        self._simplified: dict[int, str] = {}

    # -- article updates ------------------------------------------------------------------
    def set_article(self, article: Article, annotated: bool | None = None) -> None:
        """Replace the whole article (annotation finished, file reloaded); keep the place."""
        offset = self.current_token().start if self.sentences else 0
        self.article = article
        self.sentences = list(article.sentences())
        self._simplified.clear()
        for i in range(len(self.sentences)):
            self.versions[i] = self.versions.get(i, 0) + 1
        if annotated is not None:
            self.annotated = annotated
        self.annotated_at = self._all_if(self.annotated)
        self.anchor = None
        self.move_to_offset(offset)
        self._rerun_search()

    def _all_if(self, annotated: bool) -> set[int]:
        return set(range(len(self.sentences))) if annotated else set()

    def _with_english_kept(self) -> Iterable[int]:
        """Positions that may hold English: a windowed article's annotated ones only
        (let_go drops the rest's), in order; every sentence otherwise."""
        return sorted(self.annotated_at) if self.windowed else range(len(self.sentences))

    def apply_sentences(
        self,
        new: dict[int, Sentence],
        versions: dict[int, int] | None = None,
        keep_translation: bool = True,
    ) -> list[int]:
        """Swap in re-made sentences (by index) computed from the sentences at ``versions``.

        A sentence changed since (another edit won the race) keeps its current form.
        Returns the indices actually replaced.
        """
        accepted: dict[int, Sentence] = {}
        for i, sentence in new.items():
            if not 0 <= i < len(self.sentences):
                continue
            if versions is not None and versions.get(i) != self.versions.get(i, 0):
                continue
            old = self.sentences[i]
            if keep_translation:
                sentence = replace(sentence, translation=old.translation)
            accepted[i] = replace(sentence, index=old.index)
        if not accepted:
            return []
        cur = self.current_token().start
        self._swap(accepted)
        self.annotated_at.update(accepted)
        self.move_to_offset(cur, keep_anchor=False)
        self._rerun_search()
        return sorted(accepted)

    def _swap(self, new: dict[int, Sentence]) -> None:
        """Put sentences (by position) into the article and the list; a new version each."""
        self.article = self.article.with_sentences(
            {self.sentences[i].index: s for i, s in new.items()}
        )
        for i, s in new.items():
            self.sentences[i] = s
            self.versions[i] = self.versions.get(i, 0) + 1
            self._simplified.pop(i, None)

    def let_go(self, indices: Iterable[int]) -> list[int]:
        """Return annotated sentences far from the reader to the outline's plain form (their
        words, readings and English are dropped: a very long article's memory stays
        bounded); they are annotated again when the reader comes back."""
        from reader.pipeline import plain_sentence

        plain = {
            i: plain_sentence(self.article.text, self.sentences[i])
            for i in indices
            if i in self.annotated_at and i != self.cursor.sentence
        }
        if not plain:
            return []
        self._swap(plain)
        self.annotated_at.difference_update(plain)
        self._rerun_search()  # a hit's token is counted in the sentence's new tokens
        return sorted(plain)

    def apply_translations(
        self, translations: dict[int, Translation], versions: dict[int, int]
    ) -> list[int]:
        """Record translations made from the sentences at ``versions``; stale ones are dropped."""
        new = {}
        for i, tr in translations.items():
            if 0 <= i < len(self.sentences) and versions.get(i) == self.versions.get(i, 0):
                new[i] = replace(self.sentences[i], translation=tr)
        if not new:
            return []
        self.article = self.article.with_sentences(
            {self.sentences[i].index: s for i, s in new.items()}
        )
        for i, s in new.items():
            self.sentences[i] = s  # translation only: the version stays (tokens unchanged)
        if self.search_state.query:
            self._rerun_search()
        return sorted(new)

    def clear_translations(self, indices: Iterable[int]) -> None:
        """Forget translations (a glossary edit changed these sentences); bump their versions."""
        new = {}
        for i in indices:
            new[i] = replace(self.sentences[i], translation=None)
        if new:
            self.article = self.article.with_sentences(
                {self.sentences[i].index: s for i, s in new.items()}
            )
            for i, s in new.items():
                self.sentences[i] = s
                self.versions[i] = self.versions.get(i, 0) + 1

    def snapshot_versions(self, indices: Iterable[int] | None = None) -> dict[int, int]:
        keys = range(len(self.sentences)) if indices is None else indices
        return {i: self.versions.get(i, 0) for i in keys}

    def untranslated(self, from_cursor: bool = True) -> list[int]:
        """Sentences without a translation, starting at the cursor (what the reader sees)."""
        todo = [i for i in self._with_english_kept() if self.sentences[i].translation is None]
        if from_cursor:
            here = self.cursor.sentence
            todo = [i for i in todo if i >= here] + [i for i in todo if i < here]
        return todo

    def translated_count(self) -> int:
        return sum(
            1 for i in self._with_english_kept() if self.sentences[i].translation is not None
        )

    # -- cursor ---------------------------------------------------------------------------
    def current_sentence(self) -> Sentence:
        return self.sentences[self.cursor.sentence]

    def current_token(self) -> Token:
        sentence = self.sentences[self.cursor.sentence]
        return sentence.tokens[self.cursor.token]

    def _first_word(self, s: int) -> int:
        if not self.sentences:
            return 0
        tokens = self.sentences[s].tokens
        return next((i for i, t in enumerate(tokens) if is_word(t)), 0)

    def _last_word(self, s: int) -> int:
        tokens = self.sentences[s].tokens
        return next((i for i in range(len(tokens) - 1, -1, -1) if is_word(tokens[i])), 0)

    def move_to(self, sentence: int, token: int | None = None, extend: bool = False) -> None:
        if not self.sentences:
            return
        sentence = max(0, min(sentence, len(self.sentences) - 1))
        count = len(self.sentences[sentence].tokens)
        token = self._first_word(sentence) if token is None else max(0, min(token, count - 1))
        if extend:
            if self.anchor is None:
                self.anchor = self.cursor
            if self.anchor.sentence != sentence:  # a span stays inside one sentence
                return
        else:
            self.anchor = None
        self.cursor = Cursor(sentence, token)

    def move_to_offset(self, offset: int, keep_anchor: bool = False) -> None:
        """Put the cursor on the token covering character ``offset`` of the article text."""
        anchor = self.anchor
        for si, s in enumerate(self.sentences):
            if offset < s.end or si == len(self.sentences) - 1:
                ti = next((k for k, t in enumerate(s.tokens) if offset < t.end), len(s.tokens) - 1)
                self.cursor = Cursor(si, max(ti, 0))
                break
        self.anchor = anchor if keep_anchor else None

    def move_right(self, extend: bool = False) -> None:
        s, t = self.cursor.sentence, self.cursor.token
        tokens = self.sentences[s].tokens
        nxt = next((k for k in range(t + 1, len(tokens)) if is_word(tokens[k])), None)
        if nxt is not None:
            self.move_to(s, nxt, extend)
        elif not extend and s + 1 < len(self.sentences):
            self.move_to(s + 1, self._first_word(s + 1))

    def move_left(self, extend: bool = False) -> None:
        s, t = self.cursor.sentence, self.cursor.token
        tokens = self.sentences[s].tokens
        prv = next((k for k in range(t - 1, -1, -1) if is_word(tokens[k])), None)
        if prv is not None:
            self.move_to(s, prv, extend)
        elif not extend and s > 0:
            self.move_to(s - 1, self._last_word(s - 1))

    def move_down(self, extend: bool = False) -> None:
        if extend:  # extend to the end of the sentence
            self.move_to(self.cursor.sentence, self._last_word(self.cursor.sentence), True)
        elif self.cursor.sentence + 1 < len(self.sentences):
            self.move_to(self.cursor.sentence + 1)

    def move_up(self, extend: bool = False) -> None:
        if extend:
            self.move_to(self.cursor.sentence, self._first_word(self.cursor.sentence), True)
        elif self.cursor.sentence > 0:
            self.move_to(self.cursor.sentence - 1)

    def top(self) -> None:
        self.move_to(0)

    def bottom(self) -> None:
        self.move_to(len(self.sentences) - 1)

    def clear_selection(self) -> None:
        self.anchor = None

    def selection(self) -> tuple[int, int, int]:
        """(sentence, first token, last token) of the selected span (the cursor if none)."""
        c = self.cursor
        if self.anchor is None or self.anchor.sentence != c.sentence:
            return c.sentence, c.token, c.token
        a, b = sorted((self.anchor.token, c.token))
        return c.sentence, a, b

    def selected_tokens(self) -> tuple[Token, ...]:
        s, a, b = self.selection()
        return self.sentences[s].tokens[a : b + 1]

    def selected_text(self) -> str:
        return "".join(t.text for t in self.selected_tokens())

    # -- panes, modes, cycles -------------------------------------------------------------
    def toggle_pane(self, pane: str) -> bool:
        """Show/hide a pane; the last visible pane stays. Returns the pane's new visibility."""
        if pane not in self.panes:
            raise ValueError(f"unknown pane {pane!r}")
        if self.panes[pane] and sum(self.panes.values()) == 1:
            return True
        self.panes[pane] = not self.panes[pane]
        return self.panes[pane]

    def visible_panes(self) -> list[str]:
        return [p for p in PANES if self.panes[p]]

    def is_interlinear(self, width: int, threshold: int = 120) -> bool:
        return width < threshold if self.interlinear is None else self.interlinear

    def toggle_interlinear(self, width: int, threshold: int = 120) -> bool:
        self.interlinear = not self.is_interlinear(width, threshold)
        return self.interlinear

    def next_conversion(self, current: str | None = None) -> str:
        from reader.annotate.script import CONFIGS

        return next_in_cycle(CONFIGS, current or self.article.conversion)

    def next_pinyin_style(self, current: str | None = None) -> str:
        return next_in_cycle(PINYIN_STYLES, current or self.article.pinyin_style)

    # -- search ---------------------------------------------------------------------------
    def names(self) -> list[NameRow]:
        """Every glossary or auto name in the article, most frequent first (the same rows
        as ``reader names``)."""
        from reader.glossary.names import collect_names

        return collect_names(self.article)

    # -- glossary edits -------------------------------------------------------------------
    def sentences_containing(self, terms: Iterable[str]) -> list[int]:
        """Sentences whose text (compared in Simplified) contains any of ``terms``."""
        from reader.annotate.script import to_simplified_aligned

        wanted = {to_simplified_aligned(t) for t in terms if t}
        return [
            i
            for i in range(len(self.sentences))
            if any(w in self._simplified_text(i) for w in wanted)
        ]

    def sentences_with_auto_persons(self) -> list[int]:
        """Sentences holding a person the glossary lacks (written by the romanisation)."""
        return [
            i
            for i, sentence in enumerate(self.sentences)
            if any(
                t.glossary is not None
                and t.glossary.source == "auto"
                and t.glossary.type == "person"
                for t in sentence.tokens
            )
        ]


def reannotate(
    article: Article, indices: Sequence[int], options: Options, resources: Resources | None = None
) -> dict[int, Sentence]:
    """Annotate again only the sentences at ``indices`` (after a glossary edit).

    The whole article is seen (:func:`reader.pipeline.annotate_sentences`), so a name
    established elsewhere in it stays a name in the re-annotated sentence.
    """
    from reader.pipeline import annotate_sentences

    return annotate_sentences(article, indices, options, resources)


def next_in_cycle(choices: Sequence[str], current: str) -> str:
    """The choice after ``current`` (the first one when ``current`` isn't a choice)."""
    i = choices.index(current) if current in choices else -1
    return choices[(i + 1) % len(choices)]
