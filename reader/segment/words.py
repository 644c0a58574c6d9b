"""Word segmentation with a private jieba Tokenizer (never the process-global ``jieba.dt``).

Traditional text is segmented through its Simplified form (jieba's dictionary is
Simplified) and mapped back to the original offsets: the caller passes a char-aligned
Simplified string of the same length.

A :class:`Segmenter` is owned by :class:`reader.resources.Resources`. Glossary words never
go into the base segmenter: :meth:`Segmenter.with_words` returns a derived one (its own
copy of the frequency table), so what one glossary taught jieba cannot leak into a run
without that glossary. jieba's tables (word frequencies and POS tags) are read from one
compact pickle file in reader's cache dir, rebuilt when jieba's dictionary changes.
"""

from __future__ import annotations

import bisect
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.fsutil import cached_pickle
from reader.han import HAN_CLASS, has_han, is_han
from reader.segment.dag import WordTable, cut_words
from reader.segment.pos_hmm import PosHMM
from reader.segment.word_fixes import WordFixes

if TYPE_CHECKING:
    import jieba

_TABLES_VERSION = 2
_MISSING = object()


def _dict_stamp() -> tuple[str, int, int, int]:
    import jieba

    dict_file = jieba.DEFAULT_DICT or os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    st = os.stat(dict_file)
    return (dict_file, _TABLES_VERSION, st.st_size, st.st_mtime_ns)


def _read_dict(dict_file: str) -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's prefix-frequency table, its total and the POS tags, from dict.txt."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    with open(dict_file, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, count = parts[0], int(parts[1])
            freq[word] = count
            total += count
            if len(parts) > 2:
                tags[word] = parts[2]
            for i in range(1, len(word)):
                freq.setdefault(word[:i], 0)
    return freq, total, tags


class _OverlayFreq(dict):  # type: ignore[type-arg]
    """A derived segmenter's frequency table: its own words over the shared base table.

    jieba reads ``FREQ`` with ``in``, ``[]`` and ``.get`` only, so an overlay serves it
    without copying the base table (half a million entries) for every glossary.
    """

    __slots__ = ("base",)

    def __init__(self, base: dict[str, int], own: dict[str, int]) -> None:
        super().__init__(own)
        self.base = base

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in self.base

    def __getitem__(self, key: str) -> int:
        value = dict.get(self, key, _MISSING)
        return self.base[key] if value is _MISSING else value  # type: ignore[return-value]

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        value = dict.get(self, key, _MISSING)
        return self.base.get(key, default) if value is _MISSING else value


class Segmenter:
    """Cuts Simplified text into words; knows jieba's frequencies and POS tags."""

    def __init__(self, cache_dir: Path | None = None, *, _base: Segmenter | None = None) -> None:
        import jieba

        jieba.setLogLevel(60)  # jieba logs its cache building to stderr at INFO
        self._cache_dir = cache_dir
        tokenizer = jieba.Tokenizer()
        if _base is None:
            stamp = _dict_stamp()
            cache = cache_dir / "jieba-freq.pickle" if cache_dir is not None else None
            freq, total = cached_pickle(cache, stamp, lambda: _read_dict(stamp[0])[:2])
            self._base_tags: dict[str, str] | None = None  # loaded on the first tag()
        else:
            freq, total = _OverlayFreq(_base._tokenizer.FREQ, {}), _base._tokenizer.total
            self._base_tags = _base.base_tags()
            self._cache_dir = _base._cache_dir
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
        self._tokenizer: jieba.Tokenizer = tokenizer
        # the same tables as plain dicts for cut() and freq(): own words, then the base's
        base_freq = _base._table.base if _base is not None else freq
        self._table: WordTable = WordTable({}, base_freq, total)
        # jieba's POS HMM for unknown words (tables loaded on first use, shared when derived)
        self._hmm: PosHMM = _base._hmm if _base is not None else PosHMM()
        # families of cuts that change readings and glosses (日至, 家台, 在…中将)
        self._fixes: WordFixes = _base._fixes if _base is not None else WordFixes.load()
        self._tags: dict[str, str] = {}  # this segmenter's own words and memoised HMM guesses
        self._tag_memo: dict[str, str] = {}  # every tag() answer so far (words recur a lot)
        self._lock = threading.RLock()

    def base_tags(self) -> dict[str, str]:
        """jieba's dictionary POS tags (read-only, shared by derived segmenters)."""
        if self._base_tags is None:
            with self._lock:
                if self._base_tags is None:
                    stamp = _dict_stamp()
                    cache = (
                        self._cache_dir / "jieba-tags.pickle"
                        if self._cache_dir is not None
                        else None
                    )
                    self._base_tags = cached_pickle(cache, stamp, lambda: _read_dict(stamp[0])[2])
        return self._base_tags

    def with_words(
        self, words: Iterable[str] | Callable[[], Iterable[str]], key: str = "", tag: str = "nz"
    ) -> Segmenter:
        """A new segmenter that also cuts each of ``words`` as one word (this one unchanged).

        ``key`` (e.g. a glossary fingerprint, which changes whenever the words do) names a
        cache file for the words' frequencies; ``words`` may then be a callable, called
        only when that file is missing or stale.
        """
        derived = Segmenter(_base=self)
        tokenizer = derived._tokenizer

        def suggest() -> dict[str, int]:
            given = words() if callable(words) else words
            return self._suggest(
                sorted({w.strip() for w in given if w.strip() and not any(c.isspace() for c in w)})
            )

        if key and self._cache_dir is not None:
            cache = self._cache_dir / f"jieba-words-{key}.pickle"
            own = cached_pickle(cache, (_dict_stamp(), key), suggest)
        else:
            own = suggest()
        overlay = tokenizer.FREQ
        base = self._tokenizer.FREQ  # plain dict lookups: the overlay's own are slower
        added: dict[str, int] = {}
        for word, freq in own.items():
            added[word] = freq
            tokenizer.total += freq
            for i in range(1, len(word)):
                prefix = word[:i]
                if prefix not in added and prefix not in base:
                    added[prefix] = 0
            derived._tags[word] = tag  # below jieba's own tag of a dictionary word (tag())
        dict.update(overlay, added)
        derived._table = WordTable(added, base, tokenizer.total)
        return derived

    def _suggest(self, words: Sequence[str]) -> dict[str, int]:
        # No fixed frequency: jieba suggests one just high enough for the word to beat its
        # own parts (a low one loses to them, jieba #222) without letting a name swallow
        # its neighbours' words (平台中 must not become 平|台中).
        return {w: max(1, self._tokenizer.suggest_freq(w, False)) for w in words}

    def cut(self, text: str) -> list[tuple[int, int]]:
        """Spans (start, end) of the words of ``text``, tiling it."""
        spans: list[tuple[int, int]] = []
        pos = 0
        words = cut_words(text, self._table)
        words = self._fixes.apply(words, lambda w: bool(self.freq(w)))
        for word in words:
            spans.append((pos, pos + len(word)))
            pos += len(word)
        return merge_spans(spans, latin_runs(text))

    def freq(self, word: str) -> int | None:
        """jieba's dictionary frequency of a (Simplified) word, None when it isn't a word."""
        value = self._table.get(word)
        return int(value) if value else None

    def tag(self, word: str) -> str:
        """Part-of-speech flag: jieba's dictionary tag, else an HMM guess for unknown words."""
        found = self._tag_memo.get(word)
        if found is None:
            found = self._tag(word)
            with self._lock:
                if len(self._tag_memo) >= _TAGS_KEPT:
                    self._tag_memo.clear()
                self._tag_memo[word] = found
        return found

    def _tag(self, word: str) -> str:
        # jieba's dictionary tag first: a glossary word that is also a word keeps it (得到 v)
        tag = self.base_tags().get(word) or self._tags.get(word)
        if tag is not None:
            return tag
        if not has_han(word):
            # as jieba.posseg tags non-Han runs (the name model was trained on its tags)
            if _NUM_PREFIX.match(word):
                return "m"
            return "eng" if _ENG_PREFIX.match(word) else "x"
        if not all(is_han(ch) for ch in word):
            guess = "x"  # Han and other characters: jieba would give several words
        elif len(word) > 1 and any(
            len(piece) > 1 for piece in self._tokenizer.cut(word, HMM=False)
        ):
            guess = "x"  # jieba's dictionary reads it as several words
        else:
            guess = self._hmm.tag(word)
        with self._lock:
            self._tags[word] = guess  # memoise: the HMM guess is the slow part
        return guess


_TAGS_KEPT = 100_000  # tag() answers remembered (cleared when full)
_NUM_PREFIX = re.compile(r"[.0-9]+")
_ENG_PREFIX = re.compile(r"[a-zA-Z0-9]+")

# Runs jieba cuts into pieces but a reader sees as one word: URLs, DeepSeek-R1, 3.9, v1.2.3,
# e-mail addresses, runs of …… or ——, and emoji sequences.
_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef“”‘’" + HAN_CLASS + "]+", re.I)
_LATIN_WORD = re.compile(
    r"[A-Za-z0-9]+(?:[-./:@+_'][A-Za-z0-9]+)+|…{2,}|—{2,}|\.{3,}"
    # emoji joined into one picture (👨‍👩‍👧) and flags (🇨🇳)
    r"|[\u2600-\u27bf\U0001f000-\U0001faff]\ufe0f?(?:\u200d[\u2600-\u27bf\U0001f000-\U0001faff]\ufe0f?)+"
    r"|[\U0001f1e6-\U0001f1ff]{2}"
)
_URL_TAIL = ".,;:!?)]}'\""


def latin_runs(text: str) -> list[tuple[int, int]]:
    """Disjoint spans of URLs and punctuated Latin words in ``text``, in order."""
    runs: list[tuple[int, int]] = []
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _URL_TAIL:
            end -= 1  # a sentence's full stop after a URL is not part of it
        runs.append((m.start(), end))
    for m in _LATIN_WORD.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in runs):
            runs.append(m.span())
    return sorted(runs)


def crosses_words(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """True when a name at [start, end) would cut a word of ``spans`` the wrong way.

    Its first character glued to the word before (平台|中 for 台中, 隆重|庆祝 for 重庆), or
    a word that begins inside it and runs past its end (北京|大学生 for 北京大学). A word
    that begins with the name and runs on (浙江省政府, 西湖区) is fine: a name heads it.
    ``spans`` tile the text in order, so two binary searches find the words at its edges.
    """
    if not spans or end <= start:
        return False
    first = spans[max(0, bisect.bisect_right(spans, (start, _END)) - 1)]
    if first[0] < start < first[1]:
        return True
    last = spans[max(0, bisect.bisect_right(spans, (end - 1, _END)) - 1)]
    return start < last[0] < end < last[1]


_END = 1 << 62  # sorts after any real end offset in (start, end) tuples


def merge_spans(
    spans: Sequence[tuple[int, int]], keep: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Re-tile ``spans`` so that every span in ``keep`` (sorted, disjoint) is exactly one token.

    Tokens crossing a kept span's edge are cut at the edge; tokens inside are merged.
    """
    if not keep:
        return list(spans)
    cuts: set[int] = set()
    for a, b in spans:
        cuts.add(a)
        cuts.add(b)
    for a, b in keep:
        cuts.add(a)
        cuts.add(b)
        cuts.difference_update(range(a + 1, b))
    ordered = sorted(cuts)
    return list(zip(ordered, ordered[1:], strict=False))
