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

Sentences are run in batches of similar length (one matrix product per time step for the
whole batch, both directions of a layer at once). No module state: build one ``LacTagger``
and pass it around.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from reader.annotate.names_model import Entity

NAME_TAGS = ("PER", "ORG", "LOC")
BATCH = 64  # sentences per batch: enough to amortise the per-step numpy overhead


def default_weights() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "lac.npz"


@dataclass(frozen=True)
class _BiGru:
    """One BiGRU layer, forward and reverse stacked on a leading axis of 2."""

    fc_w: np.ndarray  # (2, in, 3H)
    fc_b: np.ndarray  # (2, 3H), the fc bias plus the GRU's own bias (both add to the input)
    gate_w: np.ndarray  # (2, H, 2H): update and reset gates
    cand_w: np.ndarray  # (2, H, H): candidate state


class LacTagger:
    """LAC's tagger: ``tags`` gives per-character tags, ``names`` the PER/ORG/LOC spans."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or default_weights()
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: data[name] for name in data.files}
        except (OSError, ValueError, KeyError) as error:
            raise ValueError(
                f"{path}: cannot read the LAC weights ({error}); rebuild them "
                "with tools/convert_lac.py (DATA.md)"
            ) from error
        f32 = lambda name: arrays[name].astype(np.float32)  # noqa: E731
        self.embedding = f32("word_emb")
        self.layers = []
        for layer in range(2):
            fwd, rev = 2 * layer, 2 * layer + 1
            gru_w = [f32(f"gru_{i}_w_0") for i in (fwd, rev)]
            hidden = gru_w[0].shape[0]
            # paddle's gru op keeps its weight as one buffer: the first H×2H values are the
            # gate weights (H, 2H), the rest the candidate weights (H, H) — not column slices
            flat = [w.reshape(-1) for w in gru_w]
            self.layers.append(
                _BiGru(
                    fc_w=np.stack([f32(f"fc_{i}_w_0") for i in (fwd, rev)]),
                    fc_b=np.stack(
                        [f32(f"fc_{i}_b_0") + f32(f"gru_{i}_b_0")[0] for i in (fwd, rev)]
                    ),
                    gate_w=np.stack(
                        [w[: 2 * hidden * hidden].reshape(hidden, 2 * hidden) for w in flat]
                    ),
                    cand_w=np.stack(
                        [w[2 * hidden * hidden :].reshape(hidden, hidden) for w in flat]
                    ),
                )
            )
        self.emit_w, self.emit_b = f32("fc_4_w_0"), f32("fc_4_b_0")
        crf = f32("crfw")
        self.start, self.end, self.transition = crf[0], crf[1], crf[2:]
        vocab = arrays["vocab"].tolist()
        self.oov = len(vocab)
        self.ids = {char: i for i, char in enumerate(vocab)}
        for a, b in zip(
            arrays["replace_from"].tolist(), arrays["replace_to"].tolist(), strict=True
        ):
            self.ids[a] = self.ids.get(b, self.oov)  # 萬 → 万, Ａ → A (LAC's q2b.dic)
        self.tag_names = arrays["tags"].tolist()

    # -- network ------------------------------------------------------------------------

    def _encode(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        lengths = np.array([len(t) for t in texts])
        ids = np.zeros((len(texts), int(lengths.max())), dtype=np.int64)
        for row, text in enumerate(texts):
            ids[row, : len(text)] = [self.ids.get(c, self.oov) for c in text]
        return ids, lengths

    def _bigru(self, layer: _BiGru, x: np.ndarray, reverse_at: np.ndarray) -> np.ndarray:
        """x (B, T, in) → (B, T, 2H). The reverse direction runs over each sentence
        reversed within its own length (``reverse_at``), so padding never feeds it."""
        rows = np.arange(x.shape[0])[:, None]
        inputs = np.stack([x, x[rows, reverse_at]])  # (2, B, T, in)
        pre = np.einsum("dbti,dio->dbto", inputs, layer.fc_w) + layer.fc_b[:, None, None, :]
        hidden = layer.cand_w.shape[1]
        h = np.zeros((2, x.shape[0], hidden), dtype=np.float32)
        out = np.empty((2, x.shape[0], x.shape[1], hidden), dtype=np.float32)
        for t in range(x.shape[1]):
            step = pre[:, :, t]
            gates = step[..., : 2 * hidden] + np.matmul(h, layer.gate_w)
            gates = 1.0 / (1.0 + np.exp(-gates))
            update, reset = gates[..., :hidden], gates[..., hidden:]
            candidate = np.tanh(step[..., 2 * hidden :] + np.matmul(reset * h, layer.cand_w))
            h = h + update * (candidate - h)  # (1 − u)·h + u·c
            out[:, :, t] = h
        return np.concatenate([out[0], out[1][rows, reverse_at]], axis=-1)

    def emissions(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Tag scores (B, T, tags) of non-empty ``texts`` and their lengths."""
        ids, lengths = self._encode(texts)
        positions = np.arange(ids.shape[1])[None, :]
        reverse_at = np.where(
            positions < lengths[:, None], lengths[:, None] - 1 - positions, positions
        )
        x = self.embedding[ids]
        for layer in self.layers:
            x = self._bigru(layer, x, reverse_at)
        return x @ self.emit_w + self.emit_b, lengths

    # -- CRF ------------------------------------------------------------------------------

    def _viterbi(self, scores: np.ndarray, lengths: np.ndarray) -> list[list[int]]:
        batch, steps, _ = scores.shape
        best = scores[:, 0] + self.start
        back = np.zeros((batch, steps, scores.shape[2]), dtype=np.int64)
        for t in range(1, steps):
            paths = best[:, :, None] + self.transition[None]  # (B, from, to)
            back[:, t] = paths.argmax(axis=1)
            moved = paths.max(axis=1) + scores[:, t]
            live = (t < lengths)[:, None]
            best = np.where(live, moved, best)
        best = best + self.end
        out = []
        for row in range(batch):
            tag = int(best[row].argmax())
            path = [tag]
            for t in range(int(lengths[row]) - 1, 0, -1):
                tag = int(back[row, t, tag])
                path.append(tag)
            out.append(path[::-1])
        return out

    def _marginals(self, scores: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """P(label at t) under the CRF, (B, T, tags), by forward-backward in log space."""
        batch, steps, _ = scores.shape
        trans = self.transition[None]
        alpha = np.empty_like(scores)
        alpha[:, 0] = scores[:, 0] + self.start
        for t in range(1, steps):
            alpha[:, t] = _logsumexp(alpha[:, t - 1][:, :, None] + trans, axis=1) + scores[:, t]
        beta = np.zeros_like(scores)
        last = lengths - 1
        beta[np.arange(batch), last] = self.end
        for t in range(steps - 2, -1, -1):
            following = _logsumexp(trans + (scores[:, t + 1] + beta[:, t + 1])[:, None, :], axis=2)
            beta[:, t] = np.where((t < last)[:, None], following, beta[:, t])
        joint = alpha + beta
        return np.exp(joint - _logsumexp(joint, axis=2)[:, :, None])

    # -- public ---------------------------------------------------------------------------

    def _batches(self, texts: Sequence[str]) -> list[list[int]]:
        """Indices of the non-empty texts, grouped by similar length (less padding)."""
        order = sorted((i for i, t in enumerate(texts) if t), key=lambda i: len(texts[i]))
        return [order[i : i + BATCH] for i in range(0, len(order), BATCH)]

    def tags(self, texts: Sequence[str]) -> list[list[str]]:
        """LAC's tag of every character (``PER-B``, ``n-I``…), as LAC itself would give."""
        out: list[list[str]] = [[] for _ in texts]
        for batch in self._batches(texts):
            scores, lengths = self.emissions([texts[i] for i in batch])
            for i, path in zip(batch, self._viterbi(scores, lengths), strict=True):
                out[i] = [self.tag_names[tag] for tag in path]
        return out

    def names(self, texts: Sequence[str]) -> list[list[Entity]]:
        """PER/ORG/LOC words of each text, with the smallest marginal of their labels."""
        out: list[list[Entity]] = [[] for _ in texts]
        for batch in self._batches(texts):
            scores, lengths = self.emissions([texts[i] for i in batch])
            marginals = self._marginals(scores, lengths)
            for row, (i, path) in enumerate(
                zip(batch, self._viterbi(scores, lengths), strict=True)
            ):
                probs = [float(marginals[row, t, tag]) for t, tag in enumerate(path)]
                out[i] = self._spans([self.tag_names[tag] for tag in path], probs)
        return out

    @staticmethod
    def _spans(tags: list[str], probs: list[float]) -> list[Entity]:
        found = []
        start = 0
        for t in range(1, len(tags) + 1):
            if t < len(tags) and not tags[t].endswith("-B"):
                continue
            kind = tags[t - 1].rsplit("-", 1)[0]
            if kind in NAME_TAGS:
                found.append(Entity(start, t, kind, min(probs[start:t])))
            start = t
        return found


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    top = x.max(axis=axis, keepdims=True)
    return np.log(np.exp(x - top).sum(axis=axis)) + np.squeeze(top, axis=axis)
