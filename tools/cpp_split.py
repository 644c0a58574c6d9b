"""The fixed split of the CPP dev split into a training part and a held-out part.

Made once, before any training or tuning of the context polyphone model (issue 16): sentence
indices 0..9,892 of ``dev.sent`` shuffled with ``random.Random(SEED)`` and cut in half. The
model and its settings see only ``train``; ``held_out`` is for the figures that count
(bench/pinyin.py --part held-out). The CPP *test* split is never used.
"""

from __future__ import annotations

import random
from pathlib import Path

SEED = 20261204
TRAIN_SHARE = 0.5
MARK = "\u2581"


def split_indices(n: int, seed: int = SEED) -> dict[str, list[int]]:
    """``{"train": [...], "held_out": [...]}``, each sorted."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    cut = int(round(n * TRAIN_SHARE))
    return {"train": sorted(order[:cut]), "held_out": sorted(order[cut:])}


def load_dev(folder: Path) -> tuple[list[str], list[int], list[str]]:
    """Sentences without markers, the marked character's offset, and the gold reading
    (lower case, ``u:``/``ü`` → ``v``, tone 5 added where missing)."""
    raw = (folder / "dev.sent").read_text(encoding="utf-8").splitlines()
    gold = (folder / "dev.lb").read_text(encoding="utf-8").splitlines()
    texts, targets = [], []
    for line in raw:
        texts.append(line.replace(MARK, ""))
        targets.append(line.index(MARK))
    return texts, targets, [norm(g) for g in gold]


def norm(reading: str | None) -> str:
    r = (reading or "").strip().lower().replace("u:", "v").replace("ü", "v")
    return r if r[-1:].isdigit() else r + "5"
