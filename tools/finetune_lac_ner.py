"""Experiment (issue 14): Baidu LAC's network fine-tuned end to end for our name types.

    nice -n 10 .venv/bin/python tools/finetune_lac_ner.py --out /tmp/lac_ner [--epochs 2]

LAC's weights (reader/data/lac.npz) are loaded into a small torch module computing exactly
what reader/annotate/names_lac.py computes (character embedding → two BiGRU layers, paddle's
GRU: gates from x and h, the candidate from (reset · h) → linear emissions → linear-chain
CRF); the 49-tag output layer and CRF are replaced by ones for BIO tags of PER / ORG / LOC /
PRODUCT (reader.annotate.names_definition.TYPES), initialised from LAC's matching tags
(nr → PER, nt → ORG, ns → LOC, nw (works) → PRODUCT, O from the mean of the others). The
CRF's negative log-likelihood is computed here (forward algorithm) and everything trains
with Adam. Training data: exactly what the shipped accurate CRF was trained on
(tools/train_ner_lac.py: CLUENER train part, MSRA train part, Weibo train). After each
part of an epoch the tuning part's exact-span P/R/F1 (best sequence) is printed and the
weights exported as ``--out``-N.npz in lac.npz's layout (float16), readable by
reader.annotate.names_lac_ft.LacNameTagger. The held-out part is never read here.
``--average A.npz B.npz… --out X.npz`` averages exported weights; ``--check X.npz`` compares
the numpy tagger's tags with this module's on the tuning part. DATA.md ("Eighth round") has
the runs and the measurements (bench/names_lac.py --ft).

CPU only, one thread (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from ner_data import (  # noqa: E402
    SPLIT_SEED,
    WEIBO_TYPES,
    Sample,
    read_cluener,
    read_conll,
    read_msra_lines,
    split_cluener,
)

from reader.annotate.names_definition import TYPES  # noqa: E402
from reader.annotate.names_lac import LacTagger, default_weights  # noqa: E402

TAGS = ("O", *(f"{edge}-{kind}" for kind in TYPES for edge in "BI"))
# LAC's tag whose weights start each of ours (O: the mean of LAC's non-name tags)
FROM_LAC = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "PRODUCT": "nw"}


class LacNer(nn.Module):
    """LAC's network as names_lac.LacTagger runs it, with a new output layer and CRF."""

    def __init__(self, lac: dict[str, np.ndarray]) -> None:
        super().__init__()
        f32 = lambda name: torch.tensor(lac[name].astype(np.float32))  # noqa: E731
        self.embedding = nn.Parameter(f32("word_emb"))
        self.fc_w, self.fc_b, self.gate_w, self.cand_w = (
            nn.ParameterList(),
            nn.ParameterList(),
            nn.ParameterList(),
            nn.ParameterList(),
        )
        for layer in range(2):
            fwd, rev = 2 * layer, 2 * layer + 1
            hidden = lac[f"gru_{fwd}_w_0"].shape[0]
            flat = [f32(f"gru_{i}_w_0").reshape(-1) for i in (fwd, rev)]
            self.fc_w.append(nn.Parameter(torch.stack([f32(f"fc_{i}_w_0") for i in (fwd, rev)])))
            self.fc_b.append(
                nn.Parameter(
                    torch.stack([f32(f"fc_{i}_b_0") + f32(f"gru_{i}_b_0")[0] for i in (fwd, rev)])
                )
            )
            # paddle keeps one buffer: H×2H gate weights (update, reset), then H×H candidate
            self.gate_w.append(
                nn.Parameter(
                    torch.stack(
                        [w[: 2 * hidden * hidden].reshape(hidden, 2 * hidden) for w in flat]
                    )
                )
            )
            self.cand_w.append(
                nn.Parameter(
                    torch.stack([w[2 * hidden * hidden :].reshape(hidden, hidden) for w in flat])
                )
            )
        self.hidden = hidden
        emit_w, emit_b, crf = (lac[k].astype(np.float32) for k in ("fc_4_w_0", "fc_4_b_0", "crfw"))
        lac_tags = lac["tags"].tolist()
        if tuple(lac_tags) == TAGS:  # weights this tool exported: their own head
            self.emit_w, self.emit_b = nn.Parameter(f32("fc_4_w_0")), nn.Parameter(f32("fc_4_b_0"))
            self.start, self.end = nn.Parameter(f32("crfw")[0]), nn.Parameter(f32("crfw")[1])
            self.transition = nn.Parameter(f32("crfw")[2:])
            return
        names = {f"{l_}-{e}" for l_ in FROM_LAC.values() for e in "BI"}
        other = [i for i, t in enumerate(lac_tags) if t not in names]
        source = [
            other
            if tag == "O"
            else [lac_tags.index(f"{FROM_LAC[tag[2:]]}-{tag[0]}")]  # B-PER ← PER-B
            for tag in TAGS
        ]
        pick = lambda m, axis: np.stack(  # noqa: E731
            [m.take(s, axis=axis).mean(axis=axis) for s in source], axis=axis
        )
        self.emit_w = nn.Parameter(torch.tensor(pick(emit_w, 1)))
        self.emit_b = nn.Parameter(torch.tensor(pick(emit_b, 0)))
        self.start = nn.Parameter(torch.tensor(pick(crf[0], 0)))
        self.end = nn.Parameter(torch.tensor(pick(crf[1], 0)))
        self.transition = nn.Parameter(torch.tensor(pick(pick(crf[2:], 0), 1)))  # (from, to)

    def head(self) -> list[nn.Parameter]:
        return [self.emit_w, self.emit_b, self.start, self.end, self.transition]

    def emissions(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """ids (B, T) padded at the end → tag scores (B, T, tags). Padding comes after
        every real step in both directions, so it never reaches a real position."""
        batch, steps = ids.shape
        t = torch.arange(steps)
        # reverse reading: position len-1-t (an involution on the real positions)
        rev = torch.where(t[None] < lengths[:, None], lengths[:, None] - 1 - t[None], t[None])
        x = self.embedding[ids]
        hidden = self.hidden
        for layer in range(2):
            both = torch.stack([x, x.gather(1, rev[..., None].expand_as(x))])  # (2, B, T, in)
            pre = torch.matmul(both, self.fc_w[layer][:, None]) + self.fc_b[layer][:, None, None]
            h = x.new_zeros(2, batch, hidden)
            outs = []
            gate_w, cand_w = self.gate_w[layer], self.cand_w[layer]
            for step in range(steps):
                p = pre[:, :, step]
                gates = torch.sigmoid(p[..., : 2 * hidden] + torch.bmm(h, gate_w))
                update, reset = gates[..., :hidden], gates[..., hidden:]
                candidate = torch.tanh(p[..., 2 * hidden :] + torch.bmm(reset * h, cand_w))
                h = h + update * (candidate - h)
                outs.append(h)
            out = torch.stack(outs, dim=2)  # (2, B, T, H)
            back = out[1].gather(1, rev[..., None].expand_as(out[1]))
            x = torch.cat([out[0], back], dim=-1)
        return x @ self.emit_w + self.emit_b

    def nll(self, scores: torch.Tensor, tags: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Sum over the batch of −log P(tags | sentence) under the linear-chain CRF."""
        batch, steps, _ = scores.shape
        mask = torch.arange(steps)[None] < lengths[:, None]  # (B, T)
        rows = torch.arange(batch)
        # the gold path's score
        gold = self.start[tags[:, 0]] + scores[rows, 0, tags[:, 0]]
        for step in range(1, steps):
            add = (
                self.transition[tags[:, step - 1], tags[:, step]]
                + scores[rows, step, tags[:, step]]
            )
            gold = gold + add * mask[:, step]
        gold = gold + self.end[tags[rows, lengths - 1]]
        # log of the sum over all paths (forward algorithm, in log space)
        alpha = self.start[None] + scores[:, 0]  # (B, tags)
        for step in range(1, steps):
            new = torch.logsumexp(
                alpha[:, :, None] + self.transition[None] + scores[:, step, None, :], dim=1
            )
            alpha = torch.where(mask[:, step, None], new, alpha)
        log_z = torch.logsumexp(alpha + self.end[None], dim=1)
        return (log_z - gold).sum()

    def viterbi(self, scores: torch.Tensor, lengths: torch.Tensor) -> list[list[int]]:
        batch, steps, _ = scores.shape
        best = self.start[None] + scores[:, 0]
        back = []
        for step in range(1, steps):
            paths = best[:, :, None] + self.transition[None]
            value, came = paths.max(dim=1)
            alive = (step < lengths)[:, None]
            best = torch.where(alive, value + scores[:, step], best)
            back.append(came)
        out = []
        for b in range(batch):
            n = int(lengths[b])
            tag = int((best[b] + self.end).argmax())
            path = [tag]
            for step in range(n - 1, 0, -1):
                tag = int(back[step - 1][b, tag])
                path.append(tag)
            out.append(path[::-1])
        return out

    def export(self, lac: dict[str, np.ndarray], path: Path) -> None:
        """lac.npz's layout (float16) with our output layer, CRF and tag names."""
        arrays = {k: lac[k] for k in ("vocab", "replace_from", "replace_to")}
        arrays["source"] = np.array(
            [
                *lac["source"].tolist()[:1],
                "fine-tuned for PER/ORG/LOC/PRODUCT by tools/finetune_lac_ner.py",
            ]
        )
        h16 = lambda t: t.detach().numpy().astype(np.float16)  # noqa: E731
        arrays["word_emb"] = h16(self.embedding)
        for layer in range(2):
            for d, i in enumerate((2 * layer, 2 * layer + 1)):
                arrays[f"fc_{i}_w_0"] = h16(self.fc_w[layer][d])
                arrays[f"fc_{i}_b_0"] = h16(self.fc_b[layer][d])
                arrays[f"gru_{i}_b_0"] = np.zeros((1, 3 * self.hidden), dtype=np.float16)
                flat = torch.cat(
                    [self.gate_w[layer][d].reshape(-1), self.cand_w[layer][d].reshape(-1)]
                )
                arrays[f"gru_{i}_w_0"] = h16(flat.reshape(self.hidden, 3 * self.hidden))
        arrays["fc_4_w_0"] = h16(self.emit_w)
        arrays["fc_4_b_0"] = h16(self.emit_b)
        arrays["crfw"] = h16(torch.cat([self.start[None], self.end[None], self.transition]))
        arrays["tags"] = np.array(TAGS)
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def training_set(data: Path) -> list[Sample]:
    """The accurate CRF's training data (tools/train_ner_lac.py), in its order."""
    train = list(split_cluener(read_cluener(data / "cluener_train.json"))["train"])
    train += read_msra_lines(data / "msra_trainval_sentences.txt", data / "msra_trainval_tags.txt")
    train += read_conll(data / "weibo_train.conll", WEIBO_TYPES)
    return train


def folds(count: int, n: int) -> list[int]:
    """The fold (0 … n-1) of each of ``count`` training sentences, fixed by a seed: a CRF
    given the network's tags as features must see, on each training sentence, tags from a
    network that did not train on it (tools/train_ner_lac.py --ft)."""
    rng = random.Random(SPLIT_SEED)
    return [rng.randrange(n) for _ in range(count)]


def labels(sample: Sample) -> list[int]:
    out = [0] * len(sample.text)
    for a, b, kind in sample.spans:
        out[a] = TAGS.index("B-" + kind)
        for i in range(a + 1, b):
            out[i] = TAGS.index("I-" + kind)
    return out


def spans(path: list[int]) -> set[tuple[int, int, str]]:
    """BIO → spans; an I without its B starts a span (as ner_data._from_bio)."""
    found, start, kind = set(), -1, ""
    for i, tag in enumerate([*(TAGS[t] for t in path), "O"]):
        if tag.startswith("I-") and start >= 0 and tag[2:] == kind:
            continue
        if start >= 0:
            found.add((start, i, kind))
            start = -1
        if tag != "O":
            start, kind = i, tag[2:]
    return found


def batches(samples: list[Sample], tagger: LacTagger, size: int, rng: random.Random | None):
    """(ids, tags, lengths, samples) batches of similar length (shuffled when ``rng``)."""
    order = sorted(range(len(samples)), key=lambda i: len(samples[i].text))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(groups)
    for group in groups:
        chosen = [samples[i] for i in group]
        steps = max(len(s.text) for s in chosen)
        ids = torch.full((len(chosen), steps), tagger.oov, dtype=torch.long)
        tags = torch.zeros((len(chosen), steps), dtype=torch.long)
        for row, s in enumerate(chosen):
            ids[row, : len(s.text)] = torch.from_numpy(tagger.char_ids(s.text))
            tags[row, : len(s.text)] = torch.tensor(labels(s))
        yield ids, tags, torch.tensor([len(s.text) for s in chosen]), chosen


def evaluate(model: LacNer, tune: list[Sample], tagger: LacTagger) -> dict[str, list[float]]:
    counts = {k: [0, 0, 0] for k in TYPES}  # tp, predicted, gold
    with torch.no_grad():
        for ids, _tags, lengths, chosen in batches(tune, tagger, 64, None):
            paths = model.viterbi(model.emissions(ids, lengths), lengths)
            for s, path in zip(chosen, paths, strict=True):
                found, gold = spans(path), set(s.spans)
                for kind in TYPES:
                    f = {x for x in found if x[2] == kind}
                    g = {x for x in gold if x[2] == kind}
                    c = counts[kind]
                    c[0], c[1], c[2] = c[0] + len(f & g), c[1] + len(f), c[2] + len(g)
    out = {}
    for kind, (tp, pred, total) in counts.items():
        p, r = tp / pred if pred else 0.0, tp / total if total else 0.0
        out[kind] = [
            round(100 * p, 1),
            round(100 * r, 1),
            round(200 * p * r / (p + r), 1) if p + r else 0.0,
        ]
    return out


def average(paths: list[Path], out: Path) -> None:
    """The mean of exported weights (float16 arrays averaged in float32), written to ``out``."""
    loaded = []
    for path in paths:
        with np.load(path) as data:
            loaded.append({k: data[k] for k in data.files})
    arrays = {
        k: np.mean([d[k].astype(np.float32) for d in loaded], axis=0).astype(np.float16)
        if v.dtype == np.float16
        else v
        for k, v in loaded[0].items()
    }
    np.savez_compressed(out, **arrays)  # type: ignore[arg-type]
    print(f"{out}: mean of {len(paths)} exported weights")


def check(path: Path, tune: list[Sample]) -> None:
    """The numpy tagger (reader.annotate.names_lac_ft) against this module on the tuning
    part: tags of every character, from the same float16 weights."""
    from reader.annotate.names_lac_ft import LacNameTagger

    with np.load(path) as data:
        model = LacNer({k: data[k] for k in data.files})
    tagger = LacNameTagger(path, longest=None)
    differ = chars = 0
    with torch.no_grad():
        for ids, _tags, lengths, chosen in batches(tune, tagger, 64, None):
            paths = model.viterbi(model.emissions(ids, lengths), lengths)
            numpy_tags = tagger.tags([s.text for s in chosen])
            for path_, tags in zip(paths, numpy_tags, strict=True):
                differ += sum(TAGS[a] != b for a, b in zip(path_, tags, strict=True))
                chars += len(tags)
    print(f"{path}: numpy and torch tags differ on {differ} of {chars} characters")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "ner")
    parser.add_argument("--lac", type=Path, default=default_weights())
    parser.add_argument("--out", type=Path, default=Path("/tmp/lac_ner"))
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=5e-4, help="encoder (embedding, GRUs)")
    parser.add_argument("--head-lr", type=float, default=5e-3, help="output layer and CRF")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument(
        "--decay", action="store_true", help="learning rates fall linearly to 5 %% at the end"
    )
    parser.add_argument("--parts", type=int, default=3, help="evaluations per epoch")
    parser.add_argument("--limit", type=int, default=None, help="sentences per set (smoke)")
    parser.add_argument(
        "--fold", type=int, default=None, help="train without this fold of --folds (stacking)"
    )
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--check", type=Path, help="exported weights: numpy vs torch tags")
    parser.add_argument(
        "--average", type=Path, nargs="+", help="exported weights to average into --out"
    )
    args = parser.parse_args()
    if args.average:
        average(args.average, args.out)
        return 0
    torch.set_num_threads(1)
    torch.manual_seed(14)
    with np.load(args.lac) as data:
        lac = {k: data[k] for k in data.files}
    tagger = LacTagger(args.lac)  # only its character ids
    split = split_cluener(read_cluener(args.data / "cluener_train.json"))
    train = training_set(args.data)[: args.limit]
    if args.fold is not None:
        fold_of = folds(len(train), args.folds)
        train = [s for s, f in zip(train, fold_of, strict=True) if f != args.fold]
    train = [s for s in train if s.text]
    tune = split["tune"][: args.limit]
    if args.check:
        check(args.check, tune)
        return 0
    model = LacNer(lac)
    head = {id(p) for p in model.head()}
    optimiser = torch.optim.Adam(
        [
            {"params": [p for p in model.parameters() if id(p) not in head], "lr": args.lr},
            {"params": model.head(), "lr": args.head_lr},
        ]
    )
    rng = random.Random(14)
    n_batches = (len(train) + args.batch - 1) // args.batch
    total_steps = n_batches * args.epochs
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda step: 1.0 - 0.95 * step / total_steps if args.decay else 1.0,
    )
    ends = {round(n_batches * j / args.parts) for j in range(1, args.parts + 1)}
    log = []
    t0 = time.monotonic()
    print(f"{len(train)} training sentences, {n_batches} batches an epoch", flush=True)
    print(f"tune before training: {evaluate(model, tune, tagger)}", flush=True)
    checkpoint = 0
    for epoch in range(args.epochs):
        total, chars = 0.0, 0
        for k, (ids, tags, lengths, _chosen) in enumerate(batches(train, tagger, args.batch, rng)):
            model.train()
            loss = model.nll(model.emissions(ids, lengths), tags, lengths)
            optimiser.zero_grad()
            (loss / len(lengths)).backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            schedule.step()
            total, chars = total + float(loss.detach()), chars + int(lengths.sum())
            if k + 1 in ends:
                checkpoint += 1
                result = evaluate(model, tune, tagger)
                minutes = (time.monotonic() - t0) / 60
                path = args.out.with_name(f"{args.out.name}-{checkpoint}.npz")
                model.export(lac, path)
                row = {
                    "checkpoint": checkpoint,
                    "epoch": round(epoch + (k + 1) / n_batches, 2),
                    "minutes": round(minutes, 1),
                    "loss_per_char": round(total / max(chars, 1), 4),
                    "tune": result,
                }
                log.append(row)
                print(json.dumps(row), f"→ {path}", flush=True)
                total, chars = 0.0, 0
    args.out.with_suffix(".log.json").write_text(json.dumps(log, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
