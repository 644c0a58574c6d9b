"""LAC's weights (reader/data/lac.npz, float16) laid out in float32 for names_lac.LacTagger,
and kept ready in reader's cache dir: inflating and converting lac.npz costs ~80 ms a start,
unpickling the result a few ms.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class BiGru:
    """One BiGRU layer, forward and reverse stacked on a leading axis of 2."""

    fc_w: np.ndarray  # (2, in, 3H)
    fc_b: np.ndarray  # (2, 3H): the fc bias plus the GRU's own bias (both add to the input)
    gate_w: np.ndarray  # (2, H, 2H): update and reset gates
    cand_w: np.ndarray  # (2, H, H): candidate state


@dataclass(frozen=True)
class LacWeights:
    """LAC's network ready to run: float32 arrays laid out for ``LacTagger`` (from lac.npz)."""

    embedding: np.ndarray  # (vocabulary + 1, 128); the last row is out-of-vocabulary
    layers: tuple[BiGru, ...]
    emit_w: np.ndarray
    emit_b: np.ndarray
    start: np.ndarray  # CRF: score of the first tag, the last tag, tag → tag
    end: np.ndarray
    transition: np.ndarray
    # vocabulary id of each code point (replacements applied); beyond it: out of vocabulary
    char_ids: np.ndarray
    oov: int
    tag_names: tuple[str, ...]


# Bumped when LacWeights or how it is made from lac.npz changes (the cached copy is rebuilt).
_WEIGHTS_CACHE_VERSION = 1


def _read_weights(path: Path) -> LacWeights:
    """``path`` (reader/data/lac.npz: float16, compressed) laid out in float32."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except (OSError, ValueError, KeyError) as error:
        raise ValueError(
            f"{path}: cannot read the LAC weights ({error}); rebuild them "
            "with tools/convert_lac.py (DATA.md)"
        ) from error
    f32 = lambda name: arrays[name].astype(np.float32)  # noqa: E731
    layers = []
    for layer in range(2):
        fwd, rev = 2 * layer, 2 * layer + 1
        gru_w = [f32(f"gru_{i}_w_0") for i in (fwd, rev)]
        hidden = gru_w[0].shape[0]
        # paddle's gru op keeps its weight as one buffer: the first H×2H values are the
        # gate weights (H, 2H), the rest the candidate weights (H, H) — not column slices
        flat = [w.reshape(-1) for w in gru_w]
        layers.append(
            BiGru(
                fc_w=np.stack([f32(f"fc_{i}_w_0") for i in (fwd, rev)]),
                fc_b=np.stack([f32(f"fc_{i}_b_0") + f32(f"gru_{i}_b_0")[0] for i in (fwd, rev)]),
                gate_w=np.stack(
                    [w[: 2 * hidden * hidden].reshape(hidden, 2 * hidden) for w in flat]
                ),
                cand_w=np.stack([w[2 * hidden * hidden :].reshape(hidden, hidden) for w in flat]),
            )
        )
    crf = f32("crfw")
    return LacWeights(
        embedding=f32("word_emb"),
        layers=tuple(layers),
        emit_w=f32("fc_4_w_0"),
        emit_b=f32("fc_4_b_0"),
        start=crf[0],
        end=crf[1],
        transition=crf[2:],
        char_ids=_char_ids(arrays["vocab"], arrays["replace_from"], arrays["replace_to"]),
        oov=len(arrays["vocab"]),
        tag_names=tuple(arrays["tags"].tolist()),
    )


def _char_ids(vocab: np.ndarray, replace_from: np.ndarray, replace_to: np.ndarray) -> np.ndarray:
    """Code point → vocabulary id (arrays of single characters, numpy ``<U1``).

    LAC replaces a character once (萬 → 万, Ａ → A; conf/q2b.dic), then looks the result up
    in the vocabulary: never a chain of replacements (镟 → 旋 and 旋 → 镟 both exist).
    """
    oov = len(vocab)
    points = [a.view(np.uint32) for a in (vocab, replace_from, replace_to)]
    size = 1 + max(int(p.max(initial=0)) for p in points)
    known = np.full(size, oov, dtype=np.int32)
    known[points[0]] = np.arange(oov)
    ids = known.copy()
    ids[points[1]] = known[points[2]]  # a character listed twice: the last line wins
    return ids


def load_weights(path: Path, cache_dir: Path | None = None) -> LacWeights:
    """``_read_weights(path)``, kept in ``cache_dir`` (reader's cache) while ``path``, this
    layout and numpy are those it was made with: a start unpickles float32 arrays instead
    of inflating and converting lac.npz (~80 ms → a few ms). None: no cache."""
    if cache_dir is None:
        return _read_weights(path)
    import hashlib

    from reader.fsutil import cached_pickle

    try:
        st = path.stat()
    except OSError:
        return _read_weights(path)  # raises the one-line error
    where = str(path.resolve())
    stamp = (_WEIGHTS_CACHE_VERSION, where, st.st_size, st.st_mtime_ns, np.__version__)
    digest = hashlib.blake2b(where.encode("utf-8"), digest_size=6).hexdigest()
    weights = cached_pickle(
        cache_dir / f"lac-weights-{digest}.pickle", stamp, lambda: _read_weights(path)
    )
    if not isinstance(weights, LacWeights):  # a foreign object under our name
        weights = _read_weights(path)
    return weights
