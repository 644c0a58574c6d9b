"""Names from Baidu LAC's lexical-analysis network, run in numpy (no paddle).

LAC (Lexical Analysis of Chinese, Baidu, Apache-2.0; PyPI ``LAC`` 2.0.5) tags every
character with a part of speech and B/I, and with PER / LOC / ORG / TIME where the word is a
person, place, organisation or time. Its network: character embedding → two bidirectional
GRU layers → a linear layer to 49 tag scores → a linear-chain CRF decoded by Viterbi. The
weights come from the sdist, converted by tools/convert_lac.py into reader/data/lac.npz
(float16; computed in float32). DATA.md records the source and the measurements.

Names are LAC's words (a B tag starts a word, I tags continue it; the word's tag is its last
character's, as in LAC's own ``parse_result``) whose tag is PER, ORG or LOC. The CRF's
marginals give each name a confidence (the smallest marginal of its characters' labels),
so a caller can trade recall for precision with a threshold.

All the sentences of a call run together, packed longest first (one matrix product per time
step for every sentence still running, both directions of a layer at once). No module state: build one ``LacTagger``
and pass it around.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from reader.annotate import names_lac_crf as crf
from reader.annotate.names_lac_weights import BiGru, load_weights
from reader.annotate.names_model import Entity

NAME_TAGS = ("PER", "ORG", "LOC")
CHUNK = 20_000  # characters run together at most (an article is one run)
# characters; a longer sentence runs as pieces cut after a clause mark. It bounds the cost of
# a "sentence" with no full stop (MSRA test has one of 2,427 characters: as many sequential
# steps). On MSRA test 400 changes no score; 150 cost 1.2 points of PER recall (lists of
# names lose their context) for 12 % less time on the sample article.
LONGEST = 400
CLAUSE = ("，", "；", "、", "：", ",", ";", " ")


def default_weights() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "lac.npz"


@dataclass(frozen=True)
class _Packed:
    """Sentences laid out for the recurrence (see LacTagger._pack)."""

    ids: np.ndarray  # vocabulary id of every character, in text order
    alive: list[int]  # sentences still running at each time step (n_t, non-increasing)
    forward: np.ndarray  # packed slot → text-order character, reading forwards
    backward: np.ndarray  # packed slot → text-order character, reading backwards
    # the same character's slot in the other direction's packed order
    backward_of_forward: np.ndarray
    forward_of_backward: np.ndarray


def _negated(layer: BiGru) -> BiGru:
    """``layer`` with its gate weights (input and recurrent) and biases negated: the
    sigmoid's argument comes out negated from the products (LacTagger._bigru). Negating
    a weight negates every product and so every sum exactly, whatever BLAS's order."""
    gates = 2 * layer.cand_w.shape[1]
    fc_w, fc_b = layer.fc_w.copy(), layer.fc_b.copy()
    np.negative(fc_w[..., :gates], out=fc_w[..., :gates])
    np.negative(fc_b[..., :gates], out=fc_b[..., :gates])
    return replace(layer, fc_w=fc_w, fc_b=fc_b, gate_w=-layer.gate_w)


class LacTagger:
    """LAC's tagger: ``tags`` gives per-character tags, ``names`` the PER/ORG/LOC spans."""

    def __init__(
        self,
        path: Path | None = None,
        longest: int | None = LONGEST,
        cache_dir: Path | None = None,
    ) -> None:
        """``longest``: sentences longer than this run as pieces (``_pieces``); None: whole,
        exactly as LAC runs them. ``cache_dir``: where the float32 weights are kept between
        runs (``load_weights``); None: read lac.npz every time."""
        weights = load_weights(path or default_weights(), cache_dir)
        self.longest = longest
        self.embedding = weights.embedding
        self.layers = tuple(_negated(layer) for layer in weights.layers)
        self.emit_w, self.emit_b = weights.emit_w, weights.emit_b
        self.start, self.end, self.transition = weights.start, weights.end, weights.transition
        self._char_ids = weights.char_ids
        self.oov = weights.oov
        self.tag_names = weights.tag_names

    def char_ids(self, text: str) -> np.ndarray:
        """The vocabulary id of each character of ``text`` (after LAC's replacement)."""
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        table = self._char_ids
        inside = points < len(table)
        return np.where(inside, table[np.where(inside, points, 0)], self.oov).astype(np.int64)

    # -- network ------------------------------------------------------------------------
    #
    # Sentences run together in a packed layout (as PyTorch's PackedSequence): sorted by
    # length, longest first, their characters are laid out time step by time step, so the
    # sentences still running at step t are the first n_t rows and their inputs one
    # contiguous block. No padding is computed; a long sentence only keeps a shrinking
    # batch going.

    def _pack(self, texts: Sequence[str]) -> _Packed:
        """``texts`` sorted longest first (non-empty)."""
        lengths = np.array([len(t) for t in texts])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        alive = [int(n) for n in np.bincount(lengths)[::-1].cumsum()[::-1][1:]]  # n_t
        forward, backward = [], []
        for t, n in enumerate(alive):
            rows = np.arange(n)
            forward.append(starts[rows] + t)
            backward.append(starts[rows] + lengths[rows] - 1 - t)
        to_forward, to_backward = np.concatenate(forward), np.concatenate(backward)
        slot_forward, slot_backward = np.empty_like(to_forward), np.empty_like(to_backward)
        slot_forward[to_forward] = np.arange(len(to_forward))
        slot_backward[to_backward] = np.arange(len(to_backward))
        return _Packed(
            ids=self.char_ids("".join(texts)),
            alive=alive,
            forward=to_forward,
            backward=to_backward,
            backward_of_forward=slot_backward[to_forward],
            forward_of_backward=slot_forward[to_backward],
        )

    @staticmethod
    def _inputs(out: np.ndarray, packed: _Packed, directions: int = 2) -> np.ndarray:
        """A layer's outputs ``out`` (2, chars, H), each direction in its packed order →
        (directions, chars, 2H): each character's forward and reverse outputs side by side,
        in the packed order of the forward direction (and of the reverse one). The same
        rows as gathering them from text order, without laying them out in text order
        first."""
        hidden = out.shape[2]
        x = np.empty((directions, out.shape[1], 2 * hidden), dtype=np.float32)
        x[0, :, :hidden] = out[0]
        x[0, :, hidden:] = out[1][packed.backward_of_forward]
        if directions == 2:
            x[1, :, :hidden] = out[0][packed.forward_of_backward]
            x[1, :, hidden:] = out[1]
        return x

    @staticmethod
    def _projection(layer: BiGru, x: np.ndarray) -> np.ndarray:
        """A layer's input projection x @ fc_w + fc_b, (2, chars, 3H) in the packed order of
        each direction; x (2, chars, in) from ``_inputs``. Its gate columns come out
        negated (``_negated``)."""
        pre = np.matmul(x, layer.fc_w)
        pre += layer.fc_b[:, None, :]
        return pre

    def _first_projection(self, packed: _Packed) -> np.ndarray:
        """The first layer's input projection, made once per distinct character of the
        batch (an article of 7,000 characters has ~1,500) and gathered: a fifth of the
        product. BLAS rounds a row a little differently with the shape of the product
        (as a sentence's batch already does), within 1e-5; no tag changed on CLUENER
        held-out or MSRA test (DATA.md)."""
        layer = self.layers[0]
        distinct, where = np.unique(packed.ids, return_inverse=True)
        table = np.matmul(self.embedding[distinct], layer.fc_w)  # (2, distinct, 3H)
        table += layer.fc_b[:, None, :]
        pre = np.empty((2, len(packed.ids), table.shape[2]), dtype=np.float32)
        # "clip": the indices are in range by construction, and take() with the default
        # "raise" writes into ``out`` through a buffer (four times the time)
        np.take(table[0], where[packed.forward], axis=0, out=pre[0], mode="clip")
        np.take(table[1], where[packed.backward], axis=0, out=pre[1], mode="clip")
        return pre

    def _bigru(self, layer: BiGru, pre: np.ndarray, packed: _Packed) -> np.ndarray:
        """pre (2, chars, 3H) (``_projection``) → (2, chars, H): forward and reverse GRU
        outputs, each in its direction's packed order.

        Each step writes into buffers made once (no temporaries per step) and reads its
        previous state in place from ``out``. The arithmetic is the same operations on the
        same operands as the plain formulas in the comments (a + b taken as b + a, exact),
        and every product has the shape it had when it made a fresh array per step
        (BLAS rounds a row differently with the shape of the product). The gate weights
        and the gate part of ``pre`` are negated (``_negated``), so the product and the sum
        are the negated sum -(pre_gates + h @ gate_w) at once: rounding to nearest is
        symmetric, so it is exactly what negating the sum gives, one pass fewer a step.
        """
        hidden = layer.cand_w.shape[1]
        chars, first = pre.shape[1], packed.alive[0]
        out = np.empty((2, chars, hidden), dtype=np.float32)
        # flat buffers: a step's (2, n, ·) view of one is contiguous, as a fresh array would be
        gate_buf = np.empty(2 * first * 2 * hidden, dtype=np.float32)
        cand_buf = np.empty(2 * first * hidden, dtype=np.float32)
        reset_buf = np.empty(2 * first * hidden, dtype=np.float32)
        gate_w, cand_w = layer.gate_w, layer.cand_w
        h = np.zeros((2, first, hidden), dtype=np.float32)
        at = 0
        for n in packed.alive:
            h = h[:, :n]  # the sentences still running are the first n rows
            # gates = sigmoid(pre_gates + h @ gate_w) = 1 / (1 + exp(-pre_gates - h @ gate_w))
            gates = np.matmul(h, gate_w, out=gate_buf[: 2 * n * 2 * hidden].reshape(2, n, -1))
            gates += pre[:, at : at + n, : 2 * hidden]
            np.exp(gates, out=gates)
            gates += 1.0
            np.divide(1.0, gates, out=gates)
            update, reset = gates[..., :hidden], gates[..., hidden:]
            # candidate = tanh(pre_candidate + (reset * h) @ cand_w)
            reset_h = np.multiply(reset, h, out=reset_buf[: 2 * n * hidden].reshape(2, n, -1))
            candidate = np.matmul(reset_h, cand_w, out=cand_buf[: 2 * n * hidden].reshape(2, n, -1))
            candidate += pre[:, at : at + n, 2 * hidden :]
            np.tanh(candidate, out=candidate)
            # h = h + update * (candidate - h), i.e. (1 − u)·h + u·c
            candidate -= h
            candidate *= update
            h = np.add(h, candidate, out=out[:, at : at + n])
            at += n
        return out

    def _emissions(self, packed: _Packed) -> np.ndarray:
        """Tag scores (chars, tags) in the packed order."""
        out = self._bigru(self.layers[0], self._first_projection(packed), packed)
        for layer in self.layers[1:]:
            out = self._bigru(layer, self._projection(layer, self._inputs(out, packed)), packed)
        return self._inputs(out, packed, directions=1)[0] @ self.emit_w + self.emit_b

    # -- public ---------------------------------------------------------------------------

    def _chunks(self, texts: Sequence[str]) -> list[list[int]]:
        """Indices of the non-empty texts, longest first, in chunks of about CHUNK chars
        (bounds the memory of one packed run: ~3 kB a character)."""
        order = sorted((i for i, t in enumerate(texts) if t), key=lambda i: -len(texts[i]))
        chunks: list[list[int]] = []
        size = CHUNK
        for i in order:
            if size >= CHUNK:
                chunks.append([])
                size = 0
            chunks[-1].append(i)
            size += len(texts[i])
        return chunks

    def _run(self, texts: Sequence[str], marginals: bool) -> list[tuple[list[str], list[float]]]:
        """Per text: its tags and (if asked) the marginal of each tag, else []."""
        pieces = [(i, a, b) for i, text in enumerate(texts) for a, b in self._pieces(text)]
        runs = [texts[i][a:b] for i, a, b in pieces]
        tags_of: list[list[str]] = [[] for _ in runs]
        probs_of: list[list[float]] = [[] for _ in runs]
        for chunk in self._chunks(runs):
            packed = self._pack([runs[k] for k in chunk])
            scores = self._emissions(packed)
            path = crf.viterbi(scores, packed.alive, self.start, self.end, self.transition)
            # back to text order: row by row, character by character
            tags = np.empty_like(path)
            tags[packed.forward] = path
            probs = np.empty(len(path), dtype=np.float32)
            if marginals:
                probs[packed.forward] = crf.marginals(
                    scores, packed.alive, self.start, self.end, self.transition
                )[np.arange(len(path)), path]
            at = 0
            for k in chunk:
                end = at + len(runs[k])
                tags_of[k] = [self.tag_names[tag] for tag in tags[at:end].tolist()]
                probs_of[k] = probs[at:end].tolist() if marginals else []
                at = end
        out: list[tuple[list[str], list[float]]] = [([], []) for _ in texts]
        for (i, _a, _b), tags_, probs_ in zip(pieces, tags_of, probs_of, strict=True):
            out[i][0].extend(tags_)
            out[i][1].extend(probs_)
        return out

    def _pieces(self, text: str) -> list[tuple[int, int]]:
        """``text`` cut after a clause mark into pieces of at most ``longest`` characters.

        The recurrence is sequential: one "sentence" of 2,000 characters (a list, a table
        without a full stop) costs 2,000 steps while everything else is done. A name does
        not span a comma; see LONGEST for what cutting costs.
        """
        longest = self.longest
        if longest is None or len(text) <= longest:
            return [(0, len(text))] if text else []
        pieces, start = [], 0
        while len(text) - start > longest:
            cut = max(text.rfind(mark, start + longest // 2, start + longest) for mark in CLAUSE)
            cut = cut + 1 if cut >= 0 else start + longest
            pieces.append((start, cut))
            start = cut
        pieces.append((start, len(text)))
        return pieces

    def analyse(self, texts: Sequence[str]) -> list[tuple[list[str], list[float]]]:
        """Per text: LAC's tag of every character and that tag's CRF marginal."""
        return self._run(texts, marginals=True)

    def tags(self, texts: Sequence[str]) -> list[list[str]]:
        """LAC's tag of every character (``PER-B``, ``n-I``…), as LAC itself would give."""
        return [tags for tags, _probs in self._run(texts, marginals=False)]

    def names(self, texts: Sequence[str]) -> list[list[Entity]]:
        """PER/ORG/LOC words of each text, with the smallest marginal of their labels."""
        return [self._spans(tags, probs) for tags, probs in self._run(texts, marginals=True)]

    @staticmethod
    def _words(tags: list[str]) -> list[tuple[int, int, str]]:
        """LAC's words: (start, end, tag of the last character), as its parse_result."""
        words, start = [], 0
        for t in range(1, len(tags) + 1):
            if t == len(tags) or tags[t].endswith("-B"):
                words.append((start, t, tags[t - 1].rsplit("-", 1)[0]))
                start = t
        return words

    @staticmethod
    def _spans(tags: list[str], probs: list[float]) -> list[Entity]:
        return [
            Entity(a, b, kind, min(probs[a:b]))
            for a, b, kind in LacTagger._words(tags)
            if kind in NAME_TAGS
        ]


def lac_features(tags: Sequence[str], probs: Sequence[float] | None = None) -> list[list[str]]:
    """Features for the character CRF (reader/annotate/names_model.py) from LAC's analysis
    of the same sentence: each character's tag and its neighbours' (``lac=PER-B``,
    ``lac-1=v-I``, ``lac+1=n-B``). With ``probs`` (LacTagger.analyse) also the character's
    place in LAC's word with the word's tag (``lacw=E-ORG``: LAC's segmentation, a second
    opinion beside jieba's) and, inside a PER/ORG/LOC word, how sure LAC is of it
    (``lacc=PER>0.9``; the smallest marginal, in three bands).
    Used by tools/train_ner_lac.py; the feature set is named in the weights' .json."""
    padded = ["BOS", *tags, "EOS"]
    rows = [
        ["lac=" + tag, "lac-1=" + before, "lac+1=" + after]
        for before, tag, after in zip(padded, tags, padded[2:], strict=False)
    ]
    if probs is None:
        return rows
    for a, b, kind in LacTagger._words(list(tags)):
        for i in range(a, b):
            place = "S" if b - a == 1 else "B" if i == a else "E" if i == b - 1 else "M"
            rows[i].append(f"lacw={place}-{kind}")
        if kind in NAME_TAGS:
            sure = min(probs[a:b])
            band = ">0.9" if sure >= 0.9 else ">0.6" if sure >= 0.6 else "<0.6"
            for i in range(a, b):
                rows[i].append(f"lacc={kind}{band}")
    return rows
