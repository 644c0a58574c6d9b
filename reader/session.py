"""The reader's interactive state as plain Python (no Textual): the TUI is a thin view of it.

A :class:`Session` holds the article being read and everything the keys change: the word
cursor and selection span, visible panes, interlinear mode, conversion target, pinyin style
and the search. Pure helpers build the instant "raw" article shown before annotation,
re-annotate the sentences a glossary edit touches, gather look-up data, and persist the
reading position per article. Everything here is testable without a terminal.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.model import Article, LoadedText, Paragraph, Sentence, Token, Translation

if TYPE_CHECKING:
    from reader.annotate.dictionary import DictEntry
    from reader.model import GlossaryHit
    from reader.pipeline import Options
    from reader.resources import Resources

PANES: tuple[str, ...] = ("original", "converted", "pinyin", "english")
PINYIN_STYLES: tuple[str, ...] = ("marks", "numbers", "zhuyin")


def is_han_char(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3134F
    )


def is_word(token: Token) -> bool:
    """Whether the cursor stops on a token: anything but punctuation and spaces."""
    return any(ch.isalnum() for ch in token.text)


# --------------------------------------------------------------------------------------------
# The raw article: sentences without annotation, built in milliseconds for the first paint.


def raw_article(loaded: LoadedText) -> Article:
    """Split ``loaded`` into paragraphs and sentences; one token per Han character or run.

    No jieba, pinyin or OpenCC: this is what the reader shows while annotation loads. The
    sentence spans are the ones :func:`reader.pipeline.annotate` produces, so the cursor and
    reading position carry over when the annotated article replaces it.
    """
    from reader.segment.sentences import split_sentences

    text = loaded.text
    paragraphs: list[Paragraph] = []
    index = 0
    for p_index, block in enumerate(loaded.blocks):
        sentences = []
        for start, end in split_sentences(text, block.start, block.end):
            tokens = tuple(_raw_tokens(text, start, end))
            sentences.append(Sentence(index, start, end, text[start:end], tokens))
            index += 1
        paragraphs.append(Paragraph(p_index, block.start, block.end, block.kind, tuple(sentences)))
    return Article(
        text=text,
        meta=loaded.meta,
        paragraphs=tuple(paragraphs),
        dropped_chars=loaded.dropped_chars,
        full_text=loaded.full_text,
    )


_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-_%]*|\s+|.", re.DOTALL)


def _raw_tokens(text: str, start: int, end: int) -> Iterable[Token]:
    for m in _RUN.finditer(text, start, end):
        yield Token(text=m.group(), start=m.start(), end=m.end())


# --------------------------------------------------------------------------------------------
# Cursor, selection, search


@dataclass(frozen=True, slots=True)
class Cursor:
    sentence: int  # position in Session.sentences
    token: int


@dataclass(frozen=True, slots=True)
class Hit:
    """A search hit: tokens ``first..last`` of a sentence, or a span of its English."""

    sentence: int
    first: int
    last: int
    english: tuple[int, int] | None = None  # char span in the translation text
    kind: str = "chinese"  # "chinese", "pinyin", "english"


@dataclass
class SearchState:
    query: str = ""
    hits: list[Hit] = field(default_factory=list)
    current: int = -1


def toneless(syllable: str) -> str:
    """A pinyin syllable without tone (number or mark), lower case, ü as v."""
    s = unicodedata.normalize("NFD", syllable.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch) or ch == "\u0308")
    s = unicodedata.normalize("NFC", s).replace("ü", "v").replace("u:", "v")
    return s.rstrip("012345")


class Session:
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
        self.anchor = None
        self.move_to_offset(offset)
        self._rerun_search()

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
        self.article = self.article.with_sentences(
            {self.sentences[i].index: s for i, s in accepted.items()}
        )
        for i, s in accepted.items():
            self.sentences[i] = s
            self.versions[i] = self.versions.get(i, 0) + 1
            self._simplified.pop(i, None)
        self.move_to_offset(cur, keep_anchor=False)
        self._rerun_search()
        return sorted(accepted)

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
        todo = [i for i, s in enumerate(self.sentences) if s.translation is None]
        if from_cursor:
            here = self.cursor.sentence
            todo = [i for i in todo if i >= here] + [i for i in todo if i < here]
        return todo

    def translated_count(self) -> int:
        return sum(1 for s in self.sentences if s.translation is not None)

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
    def search(self, query: str) -> int:
        """Find ``query`` (Chinese in either script, toneless pinyin, or English); cursor to
        the first hit at or after it. Returns the number of hits."""
        self.search_state = SearchState(query=query.strip())
        self._rerun_search()
        if self.search_state.hits:
            self.next_hit(include_current=True)
        return len(self.search_state.hits)

    def clear_search(self) -> None:
        self.search_state = SearchState()

    def _rerun_search(self) -> None:
        state = self.search_state
        if not state.query:
            return
        state.hits = self._find(state.query)
        state.current = min(state.current, len(state.hits) - 1)

    def _simplified_text(self, i: int) -> str:
        cached = self._simplified.get(i)
        if cached is None:
            text = self.sentences[i].text
            if any(is_han_char(ch) for ch in text):
                from reader.annotate.script import to_simplified_aligned

                cached = to_simplified_aligned(text)
            else:
                cached = text
            self._simplified[i] = cached
        return cached

    def _find(self, query: str) -> list[Hit]:
        hits: list[Hit] = []
        if any(is_han_char(ch) for ch in query):
            from reader.annotate.script import to_simplified_aligned

            want = to_simplified_aligned(query)
            for i, s in enumerate(self.sentences):
                hay = self._simplified_text(i)
                for start in _all_indices(hay, want):
                    hits.append(
                        self._hit_for_chars(i, s.start + start, s.start + start + len(want))
                    )
            return hits
        pinyin_key = "".join(toneless(x) for x in re.findall(r"[^\s'’]+", query.lower()))
        pinyin_key = re.sub(r"[0-9\s]", "", pinyin_key)
        lowered = query.lower()
        for i, s in enumerate(self.sentences):
            found: list[Hit] = []
            if pinyin_key:
                found.extend(self._pinyin_hits(i, s, pinyin_key))
            if lowered:
                # Latin words in the Chinese text itself (DeepSeek, AI, IPO).
                for start in _all_indices(s.text.lower(), lowered):
                    hit = self._hit_for_chars(i, s.start + start, s.start + start + len(lowered))
                    if hit not in found:
                        found.append(hit)
            if s.translation is not None and lowered:
                text = s.translation.text.lower()
                for start in _all_indices(text, lowered):
                    found.append(Hit(i, 0, 0, (start, start + len(lowered)), "english"))
            hits.extend(found)
        return hits

    def _pinyin_hits(self, i: int, s: Sentence, key: str) -> list[Hit]:
        if not key.isalpha():
            return []
        syllables: list[tuple[str, int]] = []  # (toneless syllable, token index)
        for ti, tok in enumerate(s.tokens):
            for r in tok.readings:
                if r:
                    syllables.append((toneless(r), ti))
        if not syllables:
            return []
        joined = ""
        starts: dict[int, int] = {}  # char position in `joined` -> syllable number
        ends: dict[int, int] = {}
        for n, (syl, _) in enumerate(syllables):
            starts[len(joined)] = n
            joined += syl
            ends[len(joined)] = n
        out = []
        for pos in _all_indices(joined, key):
            a = starts.get(pos)
            b = ends.get(pos + len(key))
            if a is None or b is None:
                continue  # only whole syllables match: "ang" is no hit inside "hang"
            out.append(Hit(i, syllables[a][1], syllables[b][1], None, "pinyin"))
        return out

    def _hit_for_chars(self, i: int, start: int, end: int) -> Hit:
        tokens = self.sentences[i].tokens
        covering = [k for k, t in enumerate(tokens) if t.start < end and t.end > start]
        first, last = (covering[0], covering[-1]) if covering else (0, 0)
        return Hit(i, first, last, None, "chinese")

    def next_hit(self, include_current: bool = False, backwards: bool = False) -> Hit | None:
        hits = self.search_state.hits
        if not hits:
            return None
        here = (self.cursor.sentence, self.cursor.token)
        state = self.search_state
        if state.current >= 0 and (hits[state.current].sentence, hits[state.current].first) == here:
            index = state.current + (0 if include_current else (-1 if backwards else 1))
        elif backwards:
            before = [k for k, h in enumerate(hits) if (h.sentence, h.first) < here]
            index = before[-1] if before else len(hits) - 1
        else:
            after = [
                k
                for k, h in enumerate(hits)
                if (h.sentence, h.first) > here
                or (include_current and (h.sentence, h.first) == here)
            ]
            index = after[0] if after else 0
        index %= len(hits)
        state.current = index
        hit = hits[index]
        self.anchor = None
        if hit.english is None:
            self.cursor = Cursor(hit.sentence, hit.first)
            if hit.last > hit.first:
                self.anchor = Cursor(hit.sentence, hit.last)
        else:
            self.cursor = Cursor(hit.sentence, self._first_word(hit.sentence))
        return hit

    def hits_in(self, sentence: int) -> list[Hit]:
        return [h for h in self.search_state.hits if h.sentence == sentence]

    # -- names ----------------------------------------------------------------------------
    def names(self) -> list[NameRow]:
        """Every glossary or auto name in the article, most frequent first."""
        rows: dict[tuple[str, str, str, str], NameRow] = {}
        for si, s in enumerate(self.sentences):
            for ti, tok in enumerate(s.tokens):
                hit = tok.glossary
                if hit is None:
                    continue
                key = (hit.term or tok.text, hit.en, hit.type, hit.source_file)
                row = rows.get(key)
                if row is None:
                    rows[key] = NameRow(
                        tok.text, hit.en, hit.type, hit.source, hit.source_file, 1, si, ti
                    )
                else:
                    row.count += 1
        return sorted(rows.values(), key=lambda r: (-r.count, r.first_sentence))

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


@dataclass
class NameRow:
    text: str
    en: str
    type: str
    source: str
    source_file: str
    count: int
    first_sentence: int
    first_token: int


def _all_indices(haystack: str, needle: str) -> Iterable[int]:
    if not needle:
        return
    start = haystack.find(needle)
    while start >= 0:
        yield start
        start = haystack.find(needle, start + 1)


def reannotate(
    article: Article, indices: Sequence[int], options: Options, resources: Resources | None = None
) -> dict[int, Sentence]:
    """Annotate again only the sentences at ``indices`` (after a glossary edit).

    The whole article is seen (:func:`reader.pipeline.annotate_sentences`), so a name
    established elsewhere in it stays a name in the re-annotated sentence.
    """
    from reader.pipeline import annotate_sentences

    return annotate_sentences(article, indices, options, resources)


# --------------------------------------------------------------------------------------------
# Look-up panel data


@dataclass(frozen=True)
class LookupInfo:
    text: str  # the word or span as written
    converted: str  # in the other script
    pinyin: str
    entries: tuple[DictEntry, ...]  # the word's CC-CEDICT entries, chosen reading first
    chars: tuple[tuple[str, tuple[DictEntry, ...]], ...]  # per character: every reading
    glossary: GlossaryHit | None
    translation: Translation | None
    translation_label: str


def translation_label(translation: Translation | None) -> str:
    if translation is None:
        return "translating…"
    return translation.method.label


def lookup_info(session: Session, with_dictionary: bool = True) -> LookupInfo:
    """What the look-up panel shows for the selected word or span."""
    tokens = session.selected_tokens()
    sentence = session.current_sentence()
    text = "".join(t.text for t in tokens)
    converted = "".join(t.converted or t.text for t in tokens)
    pinyin = " ".join(t.pinyin for t in tokens if t.pinyin)
    readings = [r for t in tokens for r in t.readings]
    glossary = tokens[0].glossary if len(tokens) == 1 else _span_hit(tokens)
    entries: tuple[DictEntry, ...] = ()
    chars: tuple[tuple[str, tuple[DictEntry, ...]], ...] = ()
    if with_dictionary and any(is_han_char(ch) for ch in text):
        from reader.annotate.dictionary import lookup

        prefer = " ".join(r for r in readings if r) or None
        entries = tuple(lookup(text, prefer=prefer))
        han = [(k, ch) for k, ch in enumerate(text) if is_han_char(ch)]
        if len(han) > 1 and len(han) <= 8:
            chars = tuple(
                (ch, tuple(lookup(ch, prefer=readings[k] if k < len(readings) else None)))
                for k, ch in han
            )
    return LookupInfo(
        text=text,
        converted=converted,
        pinyin=pinyin,
        entries=entries,
        chars=chars,
        glossary=glossary,
        translation=sentence.translation,
        translation_label=translation_label(sentence.translation),
    )


def _span_hit(tokens: Sequence[Token]) -> GlossaryHit | None:
    hits = [t.glossary for t in tokens if t.glossary is not None]
    return hits[0] if len(hits) == 1 else None


# --------------------------------------------------------------------------------------------
# Reading positions, remembered per article across runs


def article_key(path: str | None, text: str) -> str:
    """A stable key for an article: its absolute path plus a hash of its content."""
    where = os.path.abspath(path) if path and path != "-" else "<stdin>"
    digest = hashlib.sha256(f"{where}\0{text}".encode()).hexdigest()
    return digest[:32]


class PositionStore:
    """``positions.json`` in the data dir: article key → last cursor offset (atomic writes)."""

    MAX_ENTRIES = 500

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            from reader.paths import data_dir

            path = data_dir() / "positions.json"
        self.path = path
        self._data: dict[str, dict[str, Any]] | None = None

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._data is None:
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                self._data = raw if isinstance(raw, dict) else {}
            except (OSError, ValueError):
                self._data = {}  # missing or damaged: start over rather than fail
        return self._data

    def get(self, key: str) -> int | None:
        entry = self._load().get(key)
        if isinstance(entry, dict) and isinstance(entry.get("offset"), int):
            return int(entry["offset"])
        return None

    def put(self, key: str, offset: int) -> None:
        data = self._load()
        data[key] = {"offset": offset, "time": time.time()}
        if len(data) > self.MAX_ENTRIES:  # forget the oldest
            for old in sorted(data, key=lambda k: data[k].get("time", 0))[
                : len(data) - self.MAX_ENTRIES
            ]:
                del data[old]

    def save(self) -> None:
        from reader.fsutil import atomic_write

        atomic_write(self.path, json.dumps(self._load(), ensure_ascii=False, indent=0))


def remember_position(session: Session, store: PositionStore, key: str) -> None:
    if session.sentences:
        store.put(key, session.current_token().start)
        store.save()


def restore_position(session: Session, store: PositionStore, key: str) -> bool:
    offset = store.get(key)
    if offset is None or not session.sentences:
        return False
    session.move_to_offset(offset)
    return True


def next_in_cycle(choices: Sequence[str], current: str) -> str:
    """The choice after ``current`` (the first one when ``current`` isn't a choice)."""
    i = choices.index(current) if current in choices else -1
    return choices[(i + 1) % len(choices)]
