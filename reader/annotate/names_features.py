"""The name recogniser's features at inference speed: the same strings, in the same order.

:func:`reader.annotate.names_definition.char_features` is the definition (training uses it);
:class:`FeatureMaker` produces exactly its output (tests/test_names_model.py compares the
two) with less work per character: each row is built in one go instead of one column list
per feature joined afterwards, a character's kind comes from a table kept by the maker,
a word's features are made once per position in the word (B, M, E or S) and copied onto
its characters, and two-character surnames are only looked up where one can begin.
The order of the strings is kept too: crfsuite sums a character's weights in that order.

The strings are made as UTF-8 bytes (:meth:`FeatureMaker.encoded`, what the recogniser
hands crfsuite): crfsuite keys attributes by their UTF-8 bytes and encodes every ``str``
it is given, and joining bytes costs half of joining non-ASCII strings, so the bytes are
built once, from per-character tables. :meth:`FeatureMaker.features` decodes them back
(training, and the comparison with the definition).

A change to the features goes into ``char_features`` and then here; the comparison test
fails until both agree.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.annotate.names_definition import NameCues

_KEPT = 50_000  # entries per table before it is cleared (a long session's vocabulary)


class FeatureMaker:
    """``char_features`` for one set of cues, with per-character tables (thread-safe)."""

    def __init__(self, cues: NameCues) -> None:
        from reader.annotate.names_definition import _FOLD

        self.cues = cues
        # folded character -> its UTF-8 bytes, its kind (H, D, L, S or P) and its features
        # as the character itself and as each neighbour (c=, c-1=, c+1=, c-2=, c+2=)
        self._chars: dict[str, tuple[bytes, bytes, tuple[bytes, ...]]] = {}
        self._fold = dict(_FOLD)  # a plain dict: str.translate reads it faster than a proxy
        self._rows: dict[tuple[str, str | None], tuple[list[bytes], ...]] = {}  # (word, tag)
        # two neighbouring characters (UTF-8) -> their four bigram features
        self._pairs: dict[tuple[bytes, bytes], tuple[bytes, bytes, bytes, bytes]] = {}
        self._before: dict[str, list[bytes]] = {}  # the word before -> its features
        self._after: dict[str, list[bytes]] = {}  # the word after -> its features
        # LAC's analysis as features (reader.annotate.names_lac.lac_features), encoded:
        # (tag before, tag, tag after) -> the character's row; a word's tag -> its lacw= at
        # each place (S, B, M, E)
        self._lac_rows: dict[tuple[str, str, str], tuple[bytes, ...]] = {}
        self._lac_words: dict[str, tuple[bytes, bytes, bytes, bytes]] = {}
        self._lock = threading.Lock()
        # characters a surname starts with: only there can a two-character one (司马) begin
        self._surname_heads = frozenset(s[0] for s in cues.surnames if s)

    def _char(self, ch: str) -> tuple[bytes, bytes, tuple[bytes, ...]]:
        from reader.annotate.names_definition import _kind

        found = _coded(ch.encode(), ("D" if ch == "0" else _kind(ch)).encode())
        with self._lock:
            if len(self._chars) > _KEPT:
                self._chars.clear()
            self._chars[ch] = found
        return found

    def features(
        self,
        text: str,
        words: Sequence[tuple[int, int]],
        pos: Sequence[str] | None,
        lexicon_spans: Sequence[tuple[int, int, str]] = (),
    ) -> list[list[str]]:
        """``char_features(text, words, pos, cues, lexicon_spans)``, the same strings."""
        return [[f.decode() for f in row] for row in self.encoded(text, words, pos, lexicon_spans)]

    def encoded(
        self,
        text: str,
        words: Sequence[tuple[int, int]],
        pos: Sequence[str] | None,
        lexicon_spans: Sequence[tuple[int, int, str]] = (),
    ) -> list[list[bytes]]:
        """:meth:`features` UTF-8 encoded, in the same order (what crfsuite reads)."""
        from reader.annotate.names_definition import lexicon_type

        n = len(text)
        if n == 0:
            return []
        chars = list(text.translate(self._fold).lower())
        if len(chars) != n:  # lower() changed the length (İ): the definition's own error
            raise ValueError(f"cannot make features for {text!r}")
        char_of = self._chars.get
        coded = [char_of(c) or self._char(c) for c in chars]
        # per padded position: the character's own features at each offset (c=, c-1=, c+1=,
        # c-2=, c+2=), and each pair of neighbours joined once for the four bigram features
        pad = [_EDGE_BEFORE, _EDGE_BEFORE, *coded, _EDGE_AFTER, _EDGE_AFTER]
        own = [u for _c, _k, u in pad]
        utf8 = [c for c, _k, _u in pad]
        pair_of = self._pairs.get
        pairs = [pair_of(xy) or self._pair(xy) for xy in zip(utf8, utf8[1:], strict=False)]
        kinds = [k for _c, k, _u in pad]
        kind3 = [
            b"k=" + k + kl + kr for kl, k, kr in zip(kinds[1:], kinds[2:], kinds[3:], strict=False)
        ]
        out = [
            [
                b"b",
                uc[0],
                ua[1],
                ud[2],
                uz[3],
                ue[4],
                p_ac[0],
                p_cd[1],
                p_za[2],
                p_de[3],
                k,
            ]
            for uz, ua, uc, ud, ue, p_za, p_ac, p_cd, p_de, k in zip(
                own,
                own[1:],
                own[2:],
                own[3:],
                own[4:],
                pairs,
                pairs[1:],
                pairs[2:],
                pairs[3:],
                kind3,
                strict=False,
            )
        ]
        cues = self.cues
        if not words:
            for row in out:
                row.append(b"wp=S1")
        else:
            self._word_features(text, words, pos, out, n)
        # character cues
        surnames, translit, heads = cues.surnames, cues.translit, self._surname_heads
        bmes_of = ["S"] * n
        for a, b in words:
            if b - a == 1 and a < n:
                bmes_of[a] = "S"
            elif b - a > 1:
                bmes_of[a : min(b, n)] = ["B", *["M"] * (b - a - 2), "E"][: max(0, min(b, n) - a)]
        for i, ch in enumerate(chars):
            if ch in surnames or (text[i] in heads and text[i : i + 2] in surnames):
                out[i].append(_SURNAME[bmes_of[i]])
            if ch in translit:
                out[i].append(b"tr")
        for a, b, given in lexicon_spans:  # add_lexicon_features, encoded
            kind = lexicon_type(given).encode()
            for i in range(max(a, 0), min(b, n)):
                out[i].append((b"lex=B-" if i == a else b"lex=I-") + kind)
        return out

    def _pair(self, pair: tuple[bytes, bytes]) -> tuple[bytes, bytes, bytes, bytes]:
        """Two neighbouring characters' bigram features, as the pair before a character
        (c-1c=), after it (cc+1=), two before (c-2c-1=) and two after (c+1c+2=)."""
        both = pair[0] + pair[1]
        found = (b"c-1c=" + both, b"cc+1=" + both, b"c-2c-1=" + both, b"c+1c+2=" + both)
        with self._lock:
            if len(self._pairs) > _KEPT:
                self._pairs.clear()
            self._pairs[pair] = found
        return found

    def lac_encoded(
        self,
        tags: Sequence[str],
        probs: Sequence[float] | None = None,
        into: list[list[bytes]] | None = None,
    ) -> list[list[bytes]]:
        """``lac_features(tags, probs)`` UTF-8 encoded (the same strings in the same order),
        each character's row from a table of LAC's tag triples; with ``into`` (a row per
        character, such as :meth:`encoded`'s) appended to its rows, which are returned."""
        from reader.annotate.names_lac import NAME_TAGS, LacTagger

        padded = ["BOS", *tags, "EOS"]
        row_of = self._lac_rows.get
        triples = zip(padded, tags, padded[2:], strict=False)
        if into is None:
            rows = [list(row_of(key) or self._lac_row(*key)) for key in triples]
        else:
            rows = into
            for row, key in zip(rows, triples, strict=True):
                row += row_of(key) or self._lac_row(*key)
        if probs is None:
            return rows
        # a word's characters get lacw= by their place in it (S alone; B, M…, E)
        places_of = self._lac_words.get
        for a, b, kind in LacTagger._words(list(tags)):
            single, first, middle, last = places_of(kind) or self._lac_word(kind)
            if b - a == 1:
                rows[a].append(single)
            else:
                rows[a].append(first)
                for i in range(a + 1, b - 1):
                    rows[i].append(middle)
                rows[b - 1].append(last)
            if kind in NAME_TAGS:
                sure = min(probs[a:b])
                band = ">0.9" if sure >= 0.9 else ">0.6" if sure >= 0.6 else "<0.6"
                sure_feature = f"lacc={kind}{band}".encode()
                for i in range(a, b):
                    rows[i].append(sure_feature)
        return rows

    def _lac_row(self, before: str, tag: str, after: str) -> tuple[bytes, ...]:
        row = (f"lac={tag}".encode(), f"lac-1={before}".encode(), f"lac+1={after}".encode())
        with self._lock:
            if len(self._lac_rows) > _KEPT:
                self._lac_rows.clear()
            self._lac_rows[(before, tag, after)] = row
        return row

    def _lac_word(self, kind: str) -> tuple[bytes, bytes, bytes, bytes]:
        """lacw= of a character of a word of ``kind`` alone in it (S), first (B), inside
        (M) or last (E)."""
        single, first, middle, last = (f"lacw={place}-{kind}".encode() for place in "SBME")
        places = single, first, middle, last  # a 4-tuple, as the table's type says
        with self._lock:
            if len(self._lac_words) > _KEPT:
                self._lac_words.clear()
            self._lac_words[kind] = places
        return places

    def _word_features(
        self,
        text: str,
        words: Sequence[tuple[int, int]],
        pos: Sequence[str] | None,
        out: list[list[bytes]],
        n: int,
    ) -> None:
        word_text = [text[a:b] for a, b in words]
        last = len(words) - 1
        rows_of, before_of, after_of = self._rows.get, self._before.get, self._after.get
        for w, (a, b) in enumerate(words):
            if a >= min(b, n):
                continue
            if b > n:  # a word running past the text: made as the definition does
                self._cut_word(word_text, pos, w, a, b, n, out)
                continue
            word = word_text[w]
            tag = pos[w] if pos is not None else None
            rows = rows_of((word, tag)) or self._word_rows(word, tag)
            prev_word = word_text[w - 1] if w > 0 else "^"
            next_word = word_text[w + 1] if w < last else "$"
            before = before_of(prev_word) or self._context("pw=", prev_word)
            after = after_of(next_word) or self._context("nw=", next_word)
            if b - a == 1:
                out[a] += rows[0] + before + after + rows[1]
                continue
            out[a] += rows[2] + before + rows[3]
            out[b - 1] += rows[4] + after + rows[5]
            if b - a > 2:
                middle = rows[6]
                for i in range(a + 1, b - 1):
                    out[i] += middle

    def _word_rows(self, word: str, tag: str | None) -> tuple[list[bytes], ...]:
        """A word's own features at S (head, tail), B (head, tail), E (head, tail), M (all):
        the context features (the words around it) go between a head and its tail."""
        cues = self.cues
        org = word in cues.org_suffixes or word[-2:] in cues.org_suffixes
        place = word in cues.place_suffixes or word[-1:] in cues.place_suffixes
        tail = str(min(len(word), 4))

        def head(bmes: str) -> list[str]:
            feats = ["wp=" + bmes + tail]
            if len(word) > 1:
                feats.append("w=" + word)
            if tag is not None:
                feats.append("p=" + tag + bmes)
            return feats

        def end(bmes: str) -> list[str]:
            return (["osuf" + bmes] if org else []) + (["lsuf" + bmes] if place else [])

        made = (head("S"), end("S"), head("B"), end("B"), head("E"), end("E"), head("M") + end("M"))
        rows = tuple([f.encode() for f in feats] for feats in made)
        with self._lock:
            if len(self._rows) > _KEPT:
                self._rows.clear()
            self._rows[(word, tag)] = rows
        return rows

    def _context(self, prefix: str, word: str) -> list[bytes]:
        """The features a neighbouring word gives (``pw=`` before, ``nw=`` after)."""
        cues = self.cues
        feats = [prefix + word]
        if prefix == "pw=":
            if word in cues.person_cues:
                feats.append("pcue-1")
            table = self._before
        else:
            if word in cues.person_cues:
                feats.append("pcue+1")
            if word in cues.org_suffixes:
                feats.append("osuf+1")
            if word in cues.place_suffixes:
                feats.append("lsuf+1")
            table = self._after
        encoded = [f.encode() for f in feats]
        with self._lock:
            if len(table) > _KEPT:
                table.clear()
            table[word] = encoded
        return encoded

    def _cut_word(
        self,
        word_text: list[str],
        pos: Sequence[str] | None,
        w: int,
        a: int,
        b: int,
        n: int,
        out: list[list[bytes]],
    ) -> None:
        cues = self.cues
        org_suf, place_suf = cues.org_suffixes, cues.place_suffixes
        word = word_text[w]
        size = b - a
        tail = str(min(size, 4))
        tag = pos[w] if pos is not None else None
        prev_word = word_text[w - 1] if w > 0 else "^"
        next_word = word_text[w + 1] if w < len(word_text) - 1 else "$"
        org = word in org_suf or word[-2:] in org_suf
        place = word in place_suf or word[-1:] in place_suf
        args = (tail, "w=" + word if size > 1 else None, tag, prev_word, next_word, org, place)
        for i in range(a, n):
            bmes = "S" if size == 1 else "B" if i == a else "M"
            out[i] += [f.encode() for f in _word_row(bmes, *args, cues)]


_SURNAME = {bmes: b"sur" + bmes.encode() for bmes in "BMES"}


def _coded(utf8: bytes, kind: bytes) -> tuple[bytes, bytes, tuple[bytes, ...]]:
    """A character's entry in FeatureMaker's table (the padding's too)."""
    return (
        utf8,
        kind,
        tuple(prefix + utf8 for prefix in (b"c=", b"c-1=", b"c+1=", b"c-2=", b"c+2=")),
    )


# the padding either side of a text: ^ ^ text $ $, of kind P
_EDGE_BEFORE = _coded(b"^", b"P")
_EDGE_AFTER = _coded(b"$", b"P")


def _word_row(
    bmes: str,
    tail: str,
    whole: str | None,
    tag: str | None,
    prev_word: str,
    next_word: str,
    org: bool,
    place: bool,
    cues: NameCues,
) -> list[str]:
    """The word features of a character at position ``bmes`` of ``word``."""
    feats = ["wp=" + bmes + tail]
    if whole is not None:  # the word itself, for a word of two characters or more
        feats.append(whole)
    if tag is not None:
        feats.append("p=" + tag + bmes)
    if bmes in "BS":
        feats.append("pw=" + prev_word)
        if prev_word in cues.person_cues:
            feats.append("pcue-1")
    if bmes in "ES":
        feats.append("nw=" + next_word)
        if next_word in cues.person_cues:
            feats.append("pcue+1")
        if next_word in cues.org_suffixes:
            feats.append("osuf+1")
        if next_word in cues.place_suffixes:
            feats.append("lsuf+1")
    if org:
        feats.append("osuf" + bmes)
    if place:
        feats.append("lsuf" + bmes)
    return feats
