"""Word segmentation with a private jieba Tokenizer (jieba.dt is process-global).

Traditional text is segmented through its Simplified form (jieba's dictionary is
Simplified) and mapped back to the original offsets: the caller passes a char-aligned
Simplified string of the same length.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from reader import paths

if TYPE_CHECKING:
    import jieba

_lock = threading.Lock()
_segmenter: Segmenter | None = None


class Segmenter:
    def __init__(self) -> None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)  # jieba logs its cache building to stderr at INFO
        tokenizer = jieba.Tokenizer()
        cache = paths.cache_dir() / "jieba.cache"
        cache.parent.mkdir(parents=True, exist_ok=True)
        tokenizer.cache_file = str(cache)
        tokenizer.initialize()
        self._tokenizer: jieba.Tokenizer = tokenizer
        self._pos = jieba.posseg.POSTokenizer(tokenizer)
        self._tags: dict[str, str] = self._pos.word_tag_tab
        self._user_words: set[str] = set()
        self._lock = threading.Lock()

    def add_words(self, words: Iterable[str], tag: str = "nz") -> None:
        """Make each word one token (idempotent). Words with spaces can't be jieba words."""
        with self._lock:
            for word in words:
                word = word.strip()
                if not word or word in self._user_words or any(c.isspace() for c in word):
                    continue
                # No fixed frequency: jieba suggests one just high enough for the word to
                # beat its own parts (a low one loses to them, jieba #222) without letting
                # a name swallow its neighbours' words (平台中 must not become 平|台中).
                self._tokenizer.add_word(word, None, tag)
                self._tags[word] = tag
                self._user_words.add(word)

    def cut(self, text: str) -> list[tuple[int, int]]:
        """Spans (start, end) of the words of ``text``, tiling it."""
        spans: list[tuple[int, int]] = []
        pos = 0
        with self._lock:
            words = list(self._tokenizer.cut(text, HMM=True))
        for word in words:
            spans.append((pos, pos + len(word)))
            pos += len(word)
        return merge_spans(spans, latin_runs(text))

    def freq(self, word: str) -> int | None:
        """jieba's dictionary frequency of a (Simplified) word, None when it isn't a word."""
        value = self._tokenizer.FREQ.get(word)
        return int(value) if value else None

    def tag(self, word: str) -> str:
        """Part-of-speech flag: jieba's dictionary tag, else an HMM guess for unknown words."""
        tag = self._tags.get(word)
        if tag is not None:
            return tag
        if not any("\u4e00" <= ch <= "\u9fff" for ch in word):
            return "eng" if any(ch.isalpha() for ch in word) else "x"
        with self._lock:
            pairs = list(self._pos.cut(word))
            guess = pairs[0].flag if len(pairs) == 1 else "x"
            self._tags[word] = guess  # memoise: the HMM guess is the slow part
        return guess


# Runs jieba cuts into pieces but a reader sees as one word: URLs, DeepSeek-R1, 3.9, v1.2.3,
# e-mail addresses, runs of …… or ——, and emoji sequences.
_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]+", re.I)
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


def get_segmenter() -> Segmenter:
    """The process-wide segmenter; its dictionary loads once, on first use."""
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                _segmenter = Segmenter()
    return _segmenter


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
