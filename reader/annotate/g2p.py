"""A batched numpy forward pass of g2pM's polyphone model over its shipped weights.

g2pM (Park & Lee 2020, Apache-2.0; weights in the ``g2pM`` wheel) is one embedding layer,
one bidirectional LSTM layer (hidden 32 per direction) and a two-layer classifier over 876
readings, applied at each polyphonic character of a sentence wrapped in BOS/EOS. The
package runs one sentence at a time in a Python loop per character; here every sentence of a
batch runs at once: sentences are sorted by length and padded into buckets, each direction's
input projections are computed for all time steps in one matrix product, and both directions
step together through a stacked (2, B, H) state. Each backward sequence is reversed within
its own length, so right padding never reaches a state that is read (no masking needed).
"""

from __future__ import annotations

import pickle
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from reader.annotate.g2p_vocab import BOS, EOS, UNK, G2PVocab, load_vocab


class G2PModel:
    """g2pM's BiLSTM, batched. ``dtype`` float64 reproduces the package's arithmetic."""

    def __init__(
        self,
        dtype: type = np.float64,
        bucket: int = 256,
        vocab: G2PVocab | None = None,
        cache_dir: Path | None = None,
        weights: Path | None = None,
    ) -> None:
        """``cache_dir``: where the derived input projection is kept (default: reader's
        cache dir); ``weights``: a ``.npz`` of the same arrays as g2pM's ``np_ckpt.pkl``
        (default: that file of the installed package)."""
        from reader.annotate.g2p_vocab import package_dir

        self.weights = weights if weights is not None else package_dir() / "np_ckpt.pkl"
        state = load_weights(self.weights)
        self.vocab = vocab = vocab if vocab is not None else load_vocab()
        self.char2idx: dict[str, int] = vocab.char2idx
        # g2pM's digest of CC-CEDICT: char -> readings; >1 reading = the model decides
        self.cedict: dict[str, list[str]] = vocab.cedict
        self.classes = vocab.classes
        self.class_index = vocab.class_index
        self.dtype = dtype
        self.bucket = bucket

        def w(key: str) -> np.ndarray:
            return np.asarray(state[key], dtype=dtype)

        self.emb = w("embedding.weight")
        # both directions stacked on a leading axis of 2: [forward, backward]
        self.w_ih = np.stack([w("lstm.weight_ih_l0").T, w("lstm.weight_ih_l0_reverse").T])
        self.w_hh = np.stack([w("lstm.weight_hh_l0").T, w("lstm.weight_hh_l0_reverse").T])
        self.b = np.stack(
            [
                w("lstm.bias_ih_l0") + w("lstm.bias_hh_l0"),
                w("lstm.bias_ih_l0_reverse") + w("lstm.bias_hh_l0_reverse"),
            ]
        )
        self.hidden = self.w_hh.shape[1]
        # embedding @ W_ih + biases for every vocabulary entry: a lookup replaces the
        # per-sentence input matmul (2 x 5398 x 128 floats, 5.5 MB in float32); kept in
        # reader's cache dir, as computing it costs more than the rest of the start
        self.proj = _input_projection(self.emb, self.w_ih, self.b, self.weights, cache_dir)
        self.fc0_w, self.fc0_b = w("logit_layer.0.weight").T, w("logit_layer.0.bias")
        self.fc1_w, self.fc1_b = w("logit_layer.2.weight").T, w("logit_layer.2.bias")
        self._unk = self.char2idx[UNK]
        self._bos = self.char2idx[BOS]
        self._eos = self.char2idx[EOS]
        # candidates per polyphonic char, as class indices (for masked prediction)
        self.candidates: dict[str, np.ndarray] = {
            ch: np.array(cand, dtype=np.int64) for ch, cand in vocab.candidates.items()
        }

    def is_polyphone(self, ch: str) -> bool:
        return ch in self.candidates

    def encode(self, text: str) -> list[int]:
        get, unk = self.char2idx.get, self._unk
        return [self._bos, *[get(ch, unk) for ch in text], self._eos]

    def _run_bucket(
        self, seqs: list[list[int]], targets: list[list[int]]
    ) -> tuple[np.ndarray, list[int]]:
        """Hidden states [Σ len(targets_i), 2H] at the target positions (0-based in each
        text), sentence after sentence, and how many rows each sentence has."""
        batch = len(seqs)
        lengths = np.array([len(s) for s in seqs])
        steps = int(lengths.max())
        ids = np.zeros((2, steps, batch), dtype=np.int64)  # time-major; 0 = <PAD>
        for b, seq in enumerate(seqs):
            ids[0, : len(seq), b] = seq
            ids[1, : len(seq), b] = seq[::-1]
        # input projections for all steps at once, time-major: [T, 2, B, 4H], gathered in
        # one indexing (no per-direction copies stacked afterwards)
        directions = np.arange(2).reshape(1, 2, 1)  # forward, backward over [T, 2, B]
        gates_x = self.proj[directions, ids.transpose(1, 0, 2)]
        h_size = self.hidden
        h: np.ndarray = np.zeros((2, batch, h_size), dtype=self.dtype)
        c = np.zeros_like(h)
        hs: np.ndarray = np.empty((steps, 2, batch, h_size), dtype=self.dtype)
        # a step's arrays made once: each operation below is the one of the plain formulas
        # in the comments on the same operands (a + b taken as b + a, exact), written in
        # place; the sigmoid runs over all four gates at once (fewer calls a step), after
        # the cell gate's tanh has been taken from them and its columns zeroed
        gates = np.empty((2, batch, 4 * h_size), dtype=self.dtype)
        g = np.empty_like(h)
        fresh = np.empty_like(h)
        for t in range(steps):
            # gates = gates_x[t] + h @ w_hh; PyTorch gate order: input, forget, cell (g), output
            np.matmul(h, self.w_hh, out=gates)
            gates += gates_x[t]
            np.tanh(gates[..., 2 * h_size : 3 * h_size], out=g)
            # the cell gate is read: zeroed, exp() of it cannot overflow (nor warn)
            gates[..., 2 * h_size : 3 * h_size] = 0.0
            # i, f, o = 1 / (1 + exp(-gates))
            np.negative(gates, out=gates)
            np.exp(gates, out=gates)
            gates += 1.0
            np.divide(1.0, gates, out=gates)
            # c = f * c + i * g
            c *= gates[..., h_size : 2 * h_size]
            np.multiply(gates[..., :h_size], g, out=fresh)
            c += fresh
            # h = o * tanh(c)
            np.tanh(c, out=fresh)
            h = np.multiply(gates[..., 3 * h_size :], fresh, out=hs[t])
        # every sentence's target rows gathered at once (one indexing per direction)
        sizes = [len(tgt) for tgt in targets]
        pos = np.fromiter((p for tgt in targets for p in tgt), np.int64, sum(sizes)) + 1  # BOS
        which = np.repeat(np.arange(batch), sizes)
        fw = hs[pos, 0, which]
        bw = hs[lengths[which] - 1 - pos, 1, which]
        return np.concatenate([fw, bw], axis=1), sizes

    def logits(self, hidden: np.ndarray) -> np.ndarray:
        z = np.maximum(hidden @ self.fc0_w + self.fc0_b, 0.0)
        return z @ self.fc1_w + self.fc1_b

    def scores(self, texts: Sequence[str], targets: Sequence[Sequence[int]]) -> list[np.ndarray]:
        """Logits [len(targets[i]), 876] at character offsets ``targets[i]`` of ``texts[i]``,
        all sentences in one batch (sorted by length, run in buckets)."""
        results: list[np.ndarray] = [
            np.zeros((0, len(self.classes)), dtype=self.dtype) for _ in texts
        ]
        order = sorted((i for i in range(len(texts)) if targets[i]), key=lambda i: len(texts[i]))
        for k in range(0, len(order), self.bucket):
            chunk = order[k : k + self.bucket]
            hidden, sizes = self._run_bucket(
                [self.encode(texts[i]) for i in chunk], [list(targets[i]) for i in chunk]
            )
            logits = self.logits(hidden)
            for i, rows in zip(chunk, np.split(logits, np.cumsum(sizes)[:-1]), strict=True):
                results[i] = rows
        return results

    def predict(
        self, texts: Sequence[str], targets: Sequence[Sequence[int]], masked: bool = False
    ) -> list[list[str]]:
        """g2pM's readings at ``targets[i]`` of ``texts[i]``: the argmax over all 876 readings
        as the package does (``masked=False``), or over the character's own readings."""
        out: list[list[str]] = []
        for text, tgt, rows in zip(texts, targets, self.scores(texts, targets), strict=True):
            picks = []
            for pos, row in zip(tgt, rows, strict=True):
                cand = self.candidates.get(text[pos]) if masked else None
                idx = int(cand[np.argmax(row[cand])]) if cand is not None else int(np.argmax(row))
                picks.append(self.classes[idx])
            out.append(picks)
        return out

    def candidate_logp(self, ch: str, logits: np.ndarray) -> dict[str, float]:
        """Log-probabilities of ``ch``'s own readings (softmax over just those)."""
        cand = self.candidates[ch]
        z = logits[cand].astype(np.float64)
        z -= z.max()
        logz = np.log(np.exp(z).sum())
        return {self.classes[c]: float(v - logz) for c, v in zip(cand, z, strict=True)}

    def candidate_logps(self, chars: Sequence[str], rows: np.ndarray) -> list[dict[str, float]]:
        """:meth:`candidate_logp` of ``chars[k]`` with ``rows[k]`` for every k, the same
        numbers: characters with as many readings go through each step together (the
        softmax of each row alone; one numpy call per step instead of one per character)."""
        out: list[dict[str, float]] = [{} for _ in chars]
        by_count: dict[int, list[int]] = {}
        for k, ch in enumerate(chars):
            by_count.setdefault(len(self.candidates[ch]), []).append(k)
        classes = self.classes
        for members in by_count.values():
            cands = np.stack([self.candidates[chars[k]] for k in members])  # [g, m]
            z = rows[np.array(members)[:, None], cands].astype(np.float64)
            z -= z.max(axis=1, keepdims=True)
            logz = np.log(np.exp(z).sum(axis=1))
            values = (z - logz[:, None]).tolist()
            for k, cand, vals in zip(members, cands.tolist(), values, strict=True):
                out[k] = {classes[c]: v for c, v in zip(cand, vals, strict=True)}
        return out


_PROJECTION_VERSION = 1


def load_weights(path: Path) -> dict[str, np.ndarray]:
    """The model's arrays by PyTorch name, from g2pM's pickle or a ``.npz`` of ours."""
    if path.suffix == ".npz":
        with np.load(path) as arrays:
            return {key: arrays[key] for key in arrays.files}
    with open(path, "rb") as fh:
        return dict(pickle.load(fh))


def _input_projection(
    emb: np.ndarray, w_ih: np.ndarray, b: np.ndarray, weights: Path, cache_dir: Path | None
) -> np.ndarray:
    """``emb @ W_ih + b`` per direction, from the cache while the weights file, the dtype
    and numpy are those it was computed with (so the same numbers as computed here)."""
    from reader import paths
    from reader.fsutil import cached_pickle

    st = weights.stat()
    stamp = (
        _PROJECTION_VERSION,
        str(weights),
        st.st_size,
        st.st_mtime_ns,
        str(emb.dtype),
        np.__version__,
    )
    # one cache file per weights file (the package's and ours may be used side by side)
    name = f"g2p-projection-{weights.stem}-{emb.dtype}.pickle"
    cache = (cache_dir or paths.cache_dir()) / name

    def compute() -> np.ndarray:
        return np.einsum("ve,deg->dvg", emb, w_ih) + b[:, None, :]  # type: ignore[no-any-return]

    proj = cached_pickle(cache, stamp, compute)
    shape = (2, emb.shape[0], w_ih.shape[2])
    if not isinstance(proj, np.ndarray) or proj.shape != shape or proj.dtype != emb.dtype:
        proj = compute()  # a foreign object under our name
    return proj


_model: dict[str, G2PModel] = {}
_lock = threading.Lock()


def get_model(dtype: str = "float32") -> G2PModel:
    """The shared model (loaded once per dtype)."""
    model = _model.get(dtype)
    if model is None:
        with _lock:
            model = _model.get(dtype)
            if model is None:
                model = G2PModel(dtype=np.float32 if dtype == "float32" else np.float64)
                _model[dtype] = model
    return model
