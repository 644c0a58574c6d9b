"""The data of tools/train_g2p.py: g2pL's train split, CPP dev's training half, and the
weights that bring g2pL's per-reading sampling back to running text's shares.

g2pL: github:whzikaros/g2pL, commit 2d8b8ce, Apache-2.0 (DATA.md, "g2pL's train split").
The CPP held-out half and the CPP test split are never read here.
"""

from __future__ import annotations

from pathlib import Path

from cpp_split import load_dev, norm, split_indices

MARK = "\u2581"
Example = tuple[str, int, str]  # text without markers, offset of the character, reading


def load_g2pl(folder: Path, dev_folder: Path) -> tuple[list[Example], dict[str, int]]:
    """g2pL's train split without the sentences of the CPP dev split and without labels
    g2pM cannot output for the character; and how many were dropped, by reason."""
    from reader.annotate.g2p_vocab import load_vocab

    vocab = load_vocab()
    dev_texts = {
        ln.replace(MARK, "")
        for ln in (dev_folder / "dev.sent").read_text(encoding="utf-8").splitlines()
    }
    raw = (folder / "train.sent").read_text(encoding="utf-8").splitlines()
    labels = (folder / "train.lb").read_text(encoding="utf-8").splitlines()
    if len(raw) != len(labels):
        raise SystemExit(f"{folder}: {len(raw)} sentences but {len(labels)} labels")
    out: list[Example] = []
    dropped = {"in CPP dev": 0, "reading not in g2pM": 0}
    for line, label in zip(raw, labels, strict=True):
        text, at = line.replace(MARK, ""), line.index(MARK)
        reading = norm(label)
        cand = vocab.candidates.get(text[at], ())
        if text in dev_texts:
            dropped["in CPP dev"] += 1
        elif vocab.class_index.get(reading) not in cand:
            dropped["reading not in g2pM"] += 1
        else:
            out.append((text, at, reading))
    return out, dropped


def cpp_training_half(dev_folder: Path) -> list[Example]:
    texts, targets, gold = load_dev(dev_folder)
    keep = split_indices(len(texts))["train"]
    return [(texts[n], targets[n], gold[n]) for n in keep]


def natural_prior(corpora: list[Path], chars: set[str], limit: int) -> dict[str, dict[str, float]]:
    """Each character's readings as the reader (with g2pM's weights) reads them in running
    text: a stand-in for how often each reading occurs, which g2pL's sampling (at least
    10 of 300 sentences per reading) does not keep."""
    import json

    from reader.resources import default_resources

    sentences: list[str] = []
    for path in corpora:
        if path.suffix == ".json":  # CLUENER: one JSON object per line, its "text"
            lines = [json.loads(ln)["text"] for ln in path.read_text(encoding="utf-8").splitlines()]
        else:  # MSRA: characters separated by spaces
            lines = [ln.replace(" ", "") for ln in path.read_text(encoding="utf-8").splitlines()]
        sentences += [ln for ln in lines if any(ch in chars for ch in ln)]
    reader = default_resources().pinyin
    sentences = sentences[:limit]
    out = reader.read_batch([(s, reader.segment(s)) for s in sentences])
    counts: dict[str, dict[str, float]] = {}
    for text, readings in zip(sentences, out, strict=True):
        for ch, r in zip(text, readings, strict=True):
            if ch in chars and r is not None:
                by = counts.setdefault(ch, {})
                by[norm(r)] = by.get(norm(r), 0.0) + 1.0
    return counts


def prior_weights(
    g2pl: list[Example], prior: dict[str, dict[str, float]], smooth: float, power: float
) -> list[float]:
    """Per g2pL sentence, natural share of its reading / g2pL's share (raised to ``power``:
    0 = unweighted), scaled so each character keeps its total weight."""
    from collections import Counter

    pair = Counter((t[at], r) for t, at, r in g2pl)
    per_char = Counter(t[at] for t, at, _ in g2pl)
    readings: dict[str, set[str]] = {}
    for ch, r in pair:
        readings.setdefault(ch, set()).add(r)
    ratio: dict[tuple[str, str], float] = {}
    for ch, rs in readings.items():
        seen = prior.get(ch, {})
        total = sum(seen.get(r, 0.0) for r in rs) + smooth * len(rs)
        raw = {r: ((seen.get(r, 0.0) + smooth) / total) / (pair[ch, r] / per_char[ch]) for r in rs}
        raw = {r: v**power for r, v in raw.items()}
        scale = per_char[ch] / sum(raw[r] * pair[ch, r] for r in rs)
        for r in rs:
            ratio[ch, r] = raw[r] * scale
    return [ratio[t[at], r] for t, at, r in g2pl]
