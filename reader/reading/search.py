"""Search in the open article: either script, toneless pinyin (``yushu``), or English.

:class:`SearchMixin` gives :class:`reader.session.Session` its search; hits are kept in a
:class:`SearchState` and re-run when sentences change (annotation, a glossary edit).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.han import is_han
from reader.reading.cursor import Cursor

if TYPE_CHECKING:
    from reader.model import Article, Sentence


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


class SearchMixin:
    """Search over ``self.sentences`` (the Session's); state in ``self.search_state``."""

    sentences: list[Sentence]
    article: Article
    cursor: Cursor
    search_state: SearchState
    _simplified: dict[int, str]

    def _first_word(self, s: int) -> int:  # the Session's
        raise NotImplementedError

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
            if any(is_han(ch) for ch in text):
                from reader.annotate.script import to_simplified_aligned

                cached = to_simplified_aligned(text)
            else:
                cached = text
            self._simplified[i] = cached
        return cached

    def _find(self, query: str) -> list[Hit]:
        hits: list[Hit] = []
        if any(is_han(ch) for ch in query):
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


def _all_indices(haystack: str, needle: str) -> Iterable[int]:
    if not needle:
        return
    start = haystack.find(needle)
    while start >= 0:
        yield start
        start = haystack.find(needle, start + 1)
