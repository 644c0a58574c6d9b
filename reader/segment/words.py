"""Word segmentation with a private jieba Tokenizer (never the process-global ``jieba.dt``).

Traditional text is segmented through its Simplified form (jieba's dictionary is
Simplified) and mapped back to the original offsets: the caller passes a char-aligned
Simplified string of the same length.

A :class:`Segmenter` is owned by :class:`reader.resources.Resources`. Glossary words never
go into the base segmenter: :meth:`Segmenter.with_words` returns a derived one (its own
copy of the frequency table), so what one glossary taught jieba cannot leak into a run
without that glossary. jieba's tables (word frequencies and POS tags) are read from one
table in reader's cache dir (reader.disktable), looked up word by word and rebuilt when
jieba's dictionary changes.
"""

from __future__ import annotations

import bisect
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.disktable import DiskTable, MemoryTable, open_table
from reader.han import HAN_CLASS, has_han, is_han
from reader.segment.dag import WordTable, cut_words
from reader.segment.pos_hmm import PosHMM
from reader.segment.word_fixes import WordFixes

if TYPE_CHECKING:
    import jieba

_TABLES_VERSION = 3
_TOTAL_KEY = "\x01total"  # the table's one non-word key: jieba's frequency total
_ABSENT_KEPT = 1_000_000  # memoised non-words kept before the memo is cleared (big texts)


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


def _table_items(dict_file: str) -> Iterator[tuple[str, str]]:
    """Rows of the on-disk table: word → "frequency[ tag]" (prefixes have frequency 0)."""
    freq, total, tags = _read_dict(dict_file)
    yield _TOTAL_KEY, str(total)
    for word, count in freq.items():
        tag = tags.get(word)
        yield word, f"{count} {tag}" if tag else str(count)


class _BaseTable:
    """jieba's dictionary (frequencies and tags) looked up word by word in reader's cache
    dir (reader.disktable): a start reads only the words its text needs, not all 580 k."""

    def __init__(self, cache_dir: Path | None) -> None:
        stamp = _dict_stamp()
        path = cache_dir / "jieba.table" if cache_dir is not None else None
        self._table = open_table(path, stamp, lambda: _table_items(stamp[0]))
        self.total = int(self._table.get(_TOTAL_KEY) or 0)
        self.freq: dict[str, int] = {}  # memo of words (and prefixes) looked up
        self.tags: dict[str, str] = {}
        self.absent: set[str] = set()

    def lookup(self, word: str) -> int | None:
        """jieba's frequency of ``word`` (0: only a prefix of words), None if unknown."""
        found = self.freq.get(word)
        if found is not None:
            return found
        if word in self.absent:
            return None
        row = self._table.get(word) if word != _TOTAL_KEY else None
        if row is None:
            if len(self.absent) >= _ABSENT_KEPT:
                self.absent.clear()
            self.absent.add(word)
            return None
        count, _, tag = row.partition(" ")
        if tag:
            self.tags[word] = tag
        self.freq[word] = value = int(count)
        return value

    def tag(self, word: str) -> str | None:
        if word not in self.freq:
            self.lookup(word)
        return self.tags.get(word)


class Segmenter:
    """Cuts Simplified text into words; knows jieba's frequencies and POS tags.

    jieba's tokenizer reads ``FREQ`` with plain dict look-ups; here ``FREQ`` holds only
    the words a text needs, filled in from the on-disk table (:class:`_BaseTable`) as the
    cut's DAG scan meets them (before jieba's own ``suggest_freq``: :meth:`_prefill`), so
    a start never loads the whole dictionary and a cut reads each word once.
    """

    def __init__(self, cache_dir: Path | None = None, *, _base: Segmenter | None = None) -> None:
        import jieba

        jieba.setLogLevel(60)  # jieba logs its cache building to stderr at INFO
        self._cache_dir = cache_dir
        tokenizer = jieba.Tokenizer()
        if _base is None:
            self._table = _BaseTable(cache_dir)
            total = self._table.total
        else:
            self._table = _base._table
            total = _base._tokenizer.total
            self._cache_dir = _base._cache_dir
        # a derived segmenter's words and their new prefixes (word → frequency)
        self._own: DiskTable | MemoryTable = MemoryTable()
        self._taught_tag = "nz"
        self._absent: set[str] = set()
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = {}, total, True
        self._tokenizer: jieba.Tokenizer = tokenizer
        # jieba's POS HMM for unknown words (tables loaded on first use, shared when derived)
        self._hmm: PosHMM = _base._hmm if _base is not None else PosHMM(cache_dir)
        # families of cuts that change readings and glosses (日至, 家台, 在…中将)
        self._fixes: WordFixes = _base._fixes if _base is not None else WordFixes.load()
        self._tags: dict[str, str] = {}  # this segmenter's own words and memoised HMM guesses
        self._tag_memo: dict[str, str] = {}  # every tag() answer so far (words recur a lot)
        # jieba's HMM words of each run of unknown characters cut so far (runs recur)
        self._hmm_words: dict[str, tuple[str, ...]] = {}
        self._lock = threading.RLock()

    def _lookup(self, word: str) -> int | None:
        """This segmenter's frequency of ``word`` (memoised in ``FREQ``), None if unknown."""
        freq = self._tokenizer.FREQ
        found = freq.get(word)
        if found is not None:
            return found  # type: ignore[no-any-return]
        if word in self._absent:
            return None
        own = self._own.get(word) if word != _TOTAL_KEY else None
        value = int(own) if own is not None else self._table.lookup(word)
        if value is None and (upper := _latin_upper(word)) != word:
            value = self._lookup(upper)  # the fold's a股 is jieba's A股 (A轮, T恤, IC卡)
        if value is None:
            if len(self._absent) >= _ABSENT_KEPT:
                self._absent.clear()
            self._absent.add(word)
        else:
            freq[word] = value
        return value

    def _prefill(self, text: str) -> None:
        """Put into ``FREQ`` every dictionary word and prefix jieba's DAG can reach in
        ``text``: from each position, the chain of prefixes up to the first non-prefix
        (jieba's table holds every prefix of every word, so its DAG stops there too)."""
        freq, absent, lookup = self._tokenizer.FREQ, self._absent, self._lookup
        n = len(text)
        for k in range(n):
            for i in range(k + 1, n + 1):
                frag = text[k:i]
                if frag in freq:
                    continue
                if frag in absent or lookup(frag) is None:
                    break

    def with_words(
        self, words: Iterable[str] | Callable[[], Iterable[str]], key: str = "", tag: str = "nz"
    ) -> Segmenter:
        """A new segmenter that also cuts each of ``words`` as one word (this one unchanged).

        ``key`` (e.g. a glossary fingerprint, which changes whenever the words do) names a
        cache file for the words' frequencies; ``words`` may then be a callable, called
        only when that file is missing or stale.
        """
        derived = Segmenter(_base=self)

        def build() -> Iterator[tuple[str, str]]:
            given = words() if callable(words) else words
            own = self._suggest(
                sorted({w.strip() for w in given if w.strip() and not any(c.isspace() for c in w)})
            )
            yield _TOTAL_KEY, str(sum(own.values()))
            # the words, and their prefixes jieba's dictionary lacks (its DAG walks prefixes)
            added: set[str] = set()
            for word, freq in own.items():
                yield word, str(freq)
                for i in range(1, len(word)):
                    prefix = word[:i]
                    if prefix not in added and prefix not in own and self._lookup(prefix) is None:
                        added.add(prefix)
                        yield prefix, "0"

        # one table per word list (a glossary fingerprint changes whenever its words do)
        path = self._cache_dir / f"jieba-words-{key}.table" if key and self._cache_dir else None
        own = open_table(path, (_dict_stamp(), key), build)
        derived._own, derived._taught_tag = own, tag
        derived._tokenizer.total += int(own.get(_TOTAL_KEY) or 0)
        return derived

    def _suggest(self, words: Sequence[str]) -> dict[str, int]:
        # No fixed frequency: jieba suggests one just high enough for the word to beat its
        # own parts (a low one loses to them, jieba #222) without letting a name swallow
        # its neighbours' words (平台中 must not become 平|台中).
        out = {}
        with self._lock:
            for w in words:
                self._prefill(w)
                out[w] = max(1, self._tokenizer.suggest_freq(w, False))
        return out

    def _own_tag(self, word: str) -> str | None:
        """``nz`` for a word this segmenter was taught (below jieba's own tag, see tag())."""
        own = self._own.get(word) if word != _TOTAL_KEY else None
        return self._taught_tag if own is not None and own != "0" else None

    def cut(self, text: str) -> list[tuple[int, int]]:
        """Spans (start, end) of the words of ``text``, tiling it."""
        spans: list[tuple[int, int]] = []
        pos = 0
        with self._lock:
            # jieba's cut (reader.segment.dag: the same words), each word and prefix its DAG
            # reaches read from the disk table as the scan meets it (memoised in FREQ): the
            # same frequencies a prefill pass over the text would have put there first
            table = WordTable(
                {}, self._tokenizer.FREQ, self._tokenizer.total, self._lookup, self._absent
            )
            words = cut_words(text, table, self._hmm_cut)
        words = self._fixes.apply(words, lambda w: bool(self._lookup(w)), self.tag)
        for word in words:
            spans.append((pos, pos + len(word)))
            pos += len(word)
        return merge_spans(spans, latin_runs(text))

    def _hmm_cut(self, run: str) -> tuple[str, ...]:
        """jieba's HMM words of ``run`` (``finalseg.cut``), remembered (called under the
        segmenter's lock)."""
        found = self._hmm_words.get(run)
        if found is None:
            from jieba import finalseg

            if len(self._hmm_words) >= _TAGS_KEPT:
                self._hmm_words.clear()
            found = self._hmm_words[run] = tuple(finalseg.cut(run))
        return found

    def freq(self, word: str) -> int | None:
        """jieba's dictionary frequency of a (Simplified) word, None when it isn't a word."""
        value = self._lookup(word)
        return value if value else None

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
        tag = self._table.tag(word) or self._tags.get(word) or self._own_tag(word)
        if tag is None and has_han(word) and (upper := _latin_upper(word)) != word:
            tag = self._table.tag(upper)  # a股: A股's tag
        if tag is not None:
            return tag
        if not has_han(word):
            # as jieba.posseg tags non-Han runs (the name model was trained on its tags)
            if _NUM_PREFIX.match(word):
                return "m"
            return "eng" if _ENG_PREFIX.match(word) else "x"
        if not all(is_han(ch) for ch in word):
            guess = "x"  # Han and other characters: jieba would give several words
        else:
            with self._lock:
                self._prefill(word)
                pieces = list(self._tokenizer.cut(word, HMM=False)) if len(word) > 1 else []
            if any(len(piece) > 1 for piece in pieces):
                guess = "x"  # jieba's dictionary reads it as several words
            else:
                guess = self._hmm.tag(word)
        with self._lock:
            self._tags[word] = guess  # memoise: the HMM guess is the slow part
        return guess


_TAGS_KEPT = 100_000  # tag() answers remembered (cleared when full)
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _latin_upper(word: str) -> str:
    """``word`` with its ASCII letters upper-cased: the pipeline cuts the fold of a sentence,
    which lower-cases Latin letters, while jieba's dictionary writes them as capitals (A股,
    A轮, T恤, IC卡, C语言)."""
    return word.translate(_ASCII_UPPER)


_NUM_PREFIX = re.compile(r"[.0-9]+")
_ENG_PREFIX = re.compile(r"[a-zA-Z0-9]+")

# Runs jieba cuts into pieces but a reader sees as one word: URLs, DeepSeek-R1, 3.9, v1.2.3,
# e-mail addresses, runs of …… or ——, and emoji sequences.
# (case-insensitive only in its scheme: the class has no cased letter outside full-width
# forms, which it holds in both cases, and compiles twice as fast without case folding)
_URL = re.compile(r"(?i:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef“”‘’" + HAN_CLASS + "]+")
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
