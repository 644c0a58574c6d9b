"""jieba's accurate mode (``Tokenizer.cut(text, HMM=True)``) over plain frequency dicts.

The same algorithm and arithmetic as jieba 0.42 (the same blocks, DAG, route by
``log(freq or 1) - log(total)`` with ties to the longer word, and its HMM for runs of
unknown single characters), so the words are identical; what differs is only how the
frequencies are read: a derived segmenter's own words (a glossary's, and their prefixes)
are looked up in a small dict before the shared base table, two plain ``dict.get`` calls
instead of an overlay object's Python-level ``__contains__``/``__getitem__`` per prefix.
Each frequency is read once, while building the DAG, and reused by the route.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from math import log

HmmCut = Callable[[str], Iterable[str]]


class WordTable:
    """A segmenter's frequencies: its own words (and their prefixes, 0) over a base table.

    Read-only once built; ``own_heads`` holds the first characters of the own words, so a
    DAG scan from any other character reads the base table alone.
    """

    __slots__ = ("absent", "base", "fallback", "logtotal", "own", "own_heads", "total")

    def __init__(
        self,
        own: dict[str, int],
        base: dict[str, int],
        total: int,
        fallback: Callable[[str], int | None] | None = None,
        absent: Container[str] = frozenset(),
    ) -> None:
        """``fallback`` answers what ``base`` lacks (a segmenter's look-up in its disk
        table, which memoises into ``base``); without it ``base`` must already hold every
        word and prefix the text's DAG reaches. ``absent``: fragments ``fallback`` is known
        to answer None for (its memo of non-words: most scans end on one, no call then)."""
        self.own = own
        self.base = base
        self.total = total
        self.fallback = fallback
        self.absent = absent
        self.logtotal = log(total)
        self.own_heads = frozenset(word[0] for word in own)

    def get(self, word: str) -> int | None:
        value = self.own.get(word)
        if value is None:
            value = self.base.get(word)
            if value is None and self.fallback is not None:
                value = self.fallback(word)
        return value


def cut_words(text: str, table: WordTable, hmm_cut: HmmCut | None = None) -> list[str]:
    """The words jieba's ``cut(text, HMM=True)`` gives with the frequencies of ``table``.
    ``hmm_cut``: jieba's HMM cut of a run of unknown characters (default: jieba's own,
    ``finalseg.cut``; a caller may pass a memoised one)."""
    from jieba import finalseg, re_han_default, re_skip_default  # jieba's own block regexes

    hmm = hmm_cut if hmm_cut is not None else finalseg.cut
    words: list[str] = []
    for block in re_han_default.split(text):
        if not block:
            continue
        if re_han_default.match(block):
            _cut_block(block, table, words, hmm)
            continue
        for piece in re_skip_default.split(block):
            if re_skip_default.match(piece):
                words.append(piece)
            else:
                words.extend(piece)  # one word per character, as jieba does
    return words


def _cut_block(block: str, table: WordTable, words: list[str], hmm_cut: HmmCut) -> None:
    n = len(block)
    own_get, base_get, own_heads = table.own.get, table.base.get, table.own_heads
    fallback, absent = table.fallback, table.absent
    logtotal = table.logtotal
    # DAG: for each start, the ends of the words (freq > 0) beginning there, with their
    # frequencies; a prefix (freq 0) only lets the scan go on.
    dag: list[list[tuple[int, int]]] = []
    for k in range(n):
        ends: list[tuple[int, int]] = []
        i = k
        frag = block[k]
        if frag in own_heads:  # a derived segmenter's own word may start here
            while i < n:
                f = own_get(frag)
                if f is None:
                    f = base_get(frag)
                    if f is None and (
                        fallback is None or frag in absent or (f := fallback(frag)) is None
                    ):
                        break
                if f:
                    ends.append((i, f))
                i += 1
                frag = block[k : i + 1]
        else:  # no own word starts with this character: the base table alone
            while i < n:
                f = base_get(frag)
                if f is None and (
                    fallback is None or frag in absent or (f := fallback(frag)) is None
                ):
                    break
                if f:
                    ends.append((i, f))
                i += 1
                frag = block[k : i + 1]
        if not ends:  # the character alone, as no word (jieba's log(0 or 1) below)
            ends.append((k, 0))
        dag.append(ends)
    # best route from the end backwards, as jieba's calc(): max of (score, end)
    route_score = [0.0] * (n + 1)
    route_end = [0] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best_score, best_end = 0.0, -1
        for x, f in dag[idx]:
            score = log(f or 1) - logtotal + route_score[x + 1]
            if best_end < 0 or score > best_score or (score == best_score and x > best_end):
                best_score, best_end = score, x
        route_score[idx], route_end[idx] = best_score, best_end
    x = 0
    buf = ""
    while x < n:
        y = route_end[x] + 1
        if y - x == 1:
            buf += block[x]
        else:
            if buf:
                _flush(buf, table, words, hmm_cut)
                buf = ""
            words.append(block[x:y])
        x = y
    if buf:
        _flush(buf, table, words, hmm_cut)


def _flush(buf: str, table: WordTable, words: list[str], hmm_cut: HmmCut) -> None:
    """A run of single characters: one word, jieba's HMM words, or the characters."""
    if len(buf) == 1:
        words.append(buf)
    elif not table.get(buf):
        words.extend(hmm_cut(buf))
    else:
        words.extend(buf)
