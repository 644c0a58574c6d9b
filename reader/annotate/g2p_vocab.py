"""g2pM's vocabulary and reading digest, without its weights (and without numpy).

What the pinyin reader's dictionary pass needs from g2pM is only which characters are
polyphones and their readings in the model's order: three small plain pickles of the
``g2pM`` wheel. Reading them takes a few milliseconds; the weights (and numpy, ~0.1 s to
import) are loaded by :mod:`reader.annotate.g2p` only once a sentence has a polyphone the
dictionaries leave open, which a short ``reader pinyin`` line often does not.
"""

from __future__ import annotations

import functools
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

UNK, BOS, EOS = "<UNK>", "시", "끝"


def package_dir() -> Path:
    """The installed ``g2pM`` package's dir, found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("g2pM")
    if spec is None or spec.origin is None:
        from reader.errors import ReaderError

        raise ReaderError("g2pM is not installed: context pinyin needs it; pip install g2pM")
    return Path(spec.origin).parent


def load_pickle(name: str) -> Any:
    with open(package_dir() / name, "rb") as fh:
        return pickle.load(fh)


@dataclass(frozen=True)
class G2PVocab:
    """g2pM's character and reading indices and its digest of CC-CEDICT."""

    char2idx: dict[str, int]
    classes: list[str]  # reading of each class index ("lv4": ü written v)
    class_index: dict[str, int]
    cedict: dict[str, list[str]]  # char -> readings; >1 reading = the model decides
    candidates: dict[str, tuple[int, ...]]  # polyphone -> its readings' class indices, sorted

    def readings_of(self, ch: str) -> tuple[str, ...]:
        """A polyphone's readings in the model's (class index) order."""
        return tuple(self.classes[c] for c in self.candidates[ch])


_VOCAB_FILES = ("char2idx.pkl", "class2idx.pkl", "digest_cedict.pkl")


@functools.cache
def load_vocab() -> G2PVocab:
    """The vocabulary, read once per process (an immutable shipped table), kept derived in
    the cache dir while g2pM's files and this code are unchanged (one pickle instead of
    three and the derivation: ~5 ms instead of ~20)."""
    from reader import paths
    from reader.fsutil import cached_pickle, files_stamp

    folder = package_dir()
    try:
        stamp = files_stamp(*(folder / name for name in _VOCAB_FILES), Path(__file__))
    except OSError:  # a file missing: reading says what is wrong
        return _derive_vocab()
    return cached_pickle(
        paths.cache_dir() / "g2p-vocab.pickle",
        stamp,
        _derive_vocab,
        accept=lambda found: isinstance(found, G2PVocab),
    )


def _derive_vocab() -> G2PVocab:
    char2idx: dict[str, int] = load_pickle("char2idx.pkl")
    class2idx: dict[str, int] = load_pickle("class2idx.pkl")
    cedict: dict[str, list[str]] = {
        ch: [r.replace("u:", "v") for r in readings]
        for ch, readings in load_pickle("digest_cedict.pkl").items()
    }
    classes = [""] * len(class2idx)
    for reading, idx in class2idx.items():
        classes[idx] = reading.replace("u:", "v")
    class_index = {c: i for i, c in enumerate(classes)}
    candidates = {
        ch: tuple(sorted({class_index[r] for r in readings}))
        for ch, readings in cedict.items()
        if len(readings) > 1
    }
    return G2PVocab(char2idx, classes, class_index, cedict, candidates)
