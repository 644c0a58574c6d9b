"""Fine-tune g2pM's polyphone BiLSTM on g2pL's train split plus CPP dev's training half.

    python tools/train_g2p.py validate [--g2pl DIR] [--dev DIR] [settings...]
    python tools/train_g2p.py final --out FILE.npz [settings...]
    python bench/pinyin.py --part held-out --weights FILE.npz   # the figure that counts

Data extraction and the measured result (negative: nothing is shipped) are in DATA.md,
"g2pL's train split: fine-tuning g2pM's BiLSTM".

Data (DATA.md, "Pinyin data"):

- g2pL's ``train.sent``/``train.lb`` (github:whzikaros/g2pL, commit 2d8b8ce, Apache-2.0):
  34,200 sentences, one marked polyphone each. Sentences that also occur in the CPP dev
  split are dropped (7), and so are labels that are not among the character's readings in
  g2pM's classes (参 cen1, 差 ci1: 20 sentences).
- CPP dev's *training* half (tools/cpp_split.py). The held-out half is never read here;
  the CPP test split is never read at all.

``validate`` picks the settings: the CPP training half is cut in two folds; for each fold,
the model is trained on g2pL (less a 5 % slice kept for its own check) plus the other fold,
and the full reader (reader.annotate.pinyin with the new weights) is scored on the fold
after every epoch, beside the reader with g2pM's own weights. ``final`` trains on all of
the data with the chosen settings and writes the weights as a float32 ``.npz`` with
g2pM's array names (reader.annotate.g2p.load_weights reads it).

The loss is a softmax over the marked character's own readings only (as the reader uses
the scores), plus an L2 pull towards g2pM's weights; CPP sentences can be repeated
(``--cpp-weight``) as they follow the annotation convention the figures are scored by.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from cpp_split import norm  # noqa: E402
from g2pl_data import (  # noqa: E402
    Example,
    cpp_training_half,
    load_g2pl,
    natural_prior,
    prior_weights,
)


# -- the network (g2pM's layout and names) ------------------------------------------------
def build_net():  # type: ignore[no-untyped-def]
    import torch
    from torch import nn

    from reader.annotate.g2p import load_weights
    from reader.annotate.g2p_vocab import package_dir

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embedding = nn.Embedding(5398, 64)
            self.lstm = nn.LSTM(64, 32, batch_first=True, bidirectional=True)
            self.logit_layer = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 876))

        def forward(self, ids, lengths, rows, pos):  # type: ignore[no-untyped-def]
            """Logits at (sentence ``rows[k]``, position ``pos[k]``) for every k."""
            from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

            packed = pack_padded_sequence(
                self.embedding(ids), lengths, batch_first=True, enforce_sorted=False
            )
            hidden, _ = pad_packed_sequence(self.lstm(packed)[0], batch_first=True)
            return self.logit_layer(hidden[rows, pos])

    net = Net()
    state = load_weights(package_dir() / "np_ckpt.pkl")
    net.load_state_dict(
        {k: torch.tensor(np.asarray(v, dtype=np.float32)) for k, v in state.items()}
    )
    return net


class Encoder:
    """Examples → tensors: ids with BOS/EOS, the target's position, its reading's class and
    a mask of the character's readings."""

    def __init__(self) -> None:
        from reader.annotate.g2p_vocab import load_vocab

        self.vocab = load_vocab()

    def batch(self, examples: list[Example]):  # type: ignore[no-untyped-def]
        import torch

        from reader.annotate.g2p_vocab import BOS, EOS, UNK

        c2i = self.vocab.char2idx
        seqs = [[c2i[BOS], *[c2i.get(ch, c2i[UNK]) for ch in t], c2i[EOS]] for t, _, _ in examples]
        ids = torch.zeros((len(seqs), max(map(len, seqs))), dtype=torch.long)
        for b, s in enumerate(seqs):
            ids[b, : len(s)] = torch.tensor(s)
        lengths = torch.tensor([len(s) for s in seqs])
        pos = torch.tensor([at + 1 for _, at, _ in examples])
        gold = torch.tensor([self.vocab.class_index[r] for _, _, r in examples])
        mask = torch.full((len(examples), len(self.vocab.classes)), float("-inf"))
        for b, (t, at, _) in enumerate(examples):
            mask[b, list(self.vocab.candidates[t[at]])] = 0.0
        # the sentences' other polyphones (kept close to g2pM's own scores)
        cands = self.vocab.candidates
        others = [(b, i) for b, (t, at, _) in enumerate(examples) for i, ch in enumerate(t)
                  if ch in cands and i != at]  # fmt: skip
        o_rows = torch.tensor([b for b, _ in others], dtype=torch.long)
        o_pos = torch.tensor([i + 1 for _, i in others], dtype=torch.long)
        o_mask = torch.full((len(others), len(self.vocab.classes)), float("-inf"))
        for k, (b, i) in enumerate(others):
            o_mask[k, list(cands[examples[b][0][i]])] = 0.0
        return ids, lengths, pos, gold, mask, (o_rows, o_pos, o_mask)


def export(net) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    return {k: v.detach().cpu().numpy().astype(np.float32) for k, v in net.state_dict().items()}


def train(  # type: ignore[no-untyped-def]
    data: list[Example],
    weights: list[float],
    epochs: int,
    lr: float,
    l2sp: float,
    seed: int,
    distill: float = 0.0,
    freeze: bool = False,
    batch: int = 64,
    on_epoch=None,
) -> dict[str, np.ndarray]:
    import torch

    torch.manual_seed(seed)
    net = build_net()
    base = build_net()  # g2pM as it ships: the teacher for the other polyphones
    base.eval()
    init = {k: v.detach().clone() for k, v in net.named_parameters()}
    enc = Encoder()
    if freeze:  # only the classifier on top of g2pM's features learns
        for name, param in net.named_parameters():
            param.requires_grad = name.startswith("logit_layer")
    opt = torch.optim.Adam([q for q in net.parameters() if q.requires_grad], lr=lr)
    rng = random.Random(seed)
    for epoch in range(1, epochs + 1):
        t = time.perf_counter()
        order = sorted(range(len(data)), key=lambda i: len(data[i][0]) + rng.random() * 8)
        chunks = [order[k : k + batch] for k in range(0, len(order), batch)]  # length buckets
        rng.shuffle(chunks)
        net.train()
        total = 0.0
        for chunk in chunks:
            ids, lengths, pos, gold, mask, (o_rows, o_pos, o_mask) = enc.batch(
                [data[i] for i in chunk]
            )
            rows = torch.arange(len(chunk))
            logits = net(ids, lengths, torch.cat([rows, o_rows]), torch.cat([pos, o_pos]))
            marked, other = logits[: len(chunk)] + mask, logits[len(chunk) :] + o_mask
            w = torch.tensor([weights[i] for i in chunk])
            loss = (torch.nn.functional.cross_entropy(marked, gold, reduction="none") * w).mean()
            if distill and len(o_pos):
                with torch.no_grad():
                    teacher = torch.softmax(base(ids, lengths, o_rows, o_pos) + o_mask, dim=-1)
                logp = torch.log_softmax(other, dim=-1).masked_fill(o_mask.isinf(), 0.0)
                loss = loss - distill * (teacher * logp).sum(-1).mean()
            if l2sp:
                loss = loss + l2sp * sum(
                    ((p - init[k]) ** 2).sum() for k, p in net.named_parameters()
                )
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(chunk)
        print(f"    epoch {epoch}: loss {total / len(data):.4f}  {time.perf_counter() - t:.0f} s",
              flush=True)  # fmt: skip
        if on_epoch is not None:
            on_epoch(epoch, export(net))
    return export(net)


# -- scoring --------------------------------------------------------------------------------
def reader_accuracy(
    examples: list[Example], weights: Path | None, spans, group: set[str] = frozenset()
) -> str:  # type: ignore[no-untyped-def]
    """The full reader's accuracy on the marked characters with these weights (and on
    those of ``group`` / the rest)."""
    import numpy as np

    from reader.annotate.g2p import G2PModel
    from reader.annotate.pinyin import PinyinReader

    with tempfile.TemporaryDirectory() as cache:
        model = G2PModel(np.float32, cache_dir=Path(cache), weights=weights)
        reader = PinyinReader(model=model)
        out = reader.read_batch([(t, sp) for (t, _, _), sp in zip(examples, spans, strict=True)])
    ok = [norm(o[at]) == g for o, (_, at, g) in zip(out, examples, strict=True)]
    inside = [k for k, (t, at, _) in enumerate(examples) if t[at] in group]
    rest = [k for k in range(len(examples)) if examples[k][0][examples[k][1]] not in group]

    def pct(ks: list[int]) -> str:
        return f"{sum(ok[k] for k in ks) * 100 / max(1, len(ks)):.2f} % of {len(ks)}"

    return f"{pct(list(range(len(ok))))} [g2pL chars {pct(inside)}, others {pct(rest)}]"


def model_accuracy(examples: list[Example], weights: Path | None) -> float:
    """g2pM-style masked argmax alone (no dictionaries) on the marked characters."""
    from reader.annotate.g2p import G2PModel

    with tempfile.TemporaryDirectory() as cache:
        model = G2PModel(np.float32, cache_dir=Path(cache), weights=weights)
        preds = model.predict([t for t, _, _ in examples], [[at] for _, at, _ in examples], True)
    return sum(p[0] == g for p, (_, _, g) in zip(preds, examples, strict=True)) / len(examples)


def interpolate(arrays: dict[str, np.ndarray], mix: float) -> dict[str, np.ndarray]:
    """``mix`` of the fine-tuned weights, ``1 - mix`` of g2pM's (weight-space ensemble)."""
    from reader.annotate.g2p import load_weights
    from reader.annotate.g2p_vocab import package_dir

    base = load_weights(package_dir() / "np_ckpt.pkl")
    return {k: (mix * v + (1 - mix) * np.asarray(base[k], np.float32)).astype(np.float32)
            for k, v in arrays.items()}  # fmt: skip


def save(arrays: dict[str, np.ndarray], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, **arrays)
    tmp.replace(path)


def validate(
    g2pl: list[Example], weights: list[float], cpp: list[Example], args: argparse.Namespace
) -> None:
    from reader.resources import default_resources

    segmenter = default_resources().pinyin
    rng = random.Random(7)
    g_order = list(range(len(g2pl)))
    rng.shuffle(g_order)
    g_valid = [g2pl[i] for i in g_order[: len(g2pl) // 20]]
    g_train = [g2pl[i] for i in g_order[len(g2pl) // 20 :]]
    g_weights = [weights[i] for i in g_order[len(g2pl) // 20 :]]
    group = {t[at] for t, at, _ in g2pl}
    c_order = list(range(len(cpp)))
    rng.shuffle(c_order)
    folds = [[cpp[i] for i in c_order[k::2]] for k in range(2)]
    base_g = model_accuracy(g_valid, None)
    print(f"g2pL valid slice {len(g_valid)}: g2pM masked {base_g * 100:.2f} %")
    for k, fold in enumerate(folds):
        spans = [segmenter.segment(t) for t, _, _ in fold]
        other = folds[1 - k]
        base = reader_accuracy(fold, None, spans, group)
        print(f"fold {k}: reader with g2pM {base}", flush=True)
        data = g_train + other * args.cpp_weight
        data_weights = g_weights + [1.0] * (len(other) * args.cpp_weight)

        def report(epoch: int, arrays: dict[str, np.ndarray], fold=fold, spans=spans, k=k) -> None:  # type: ignore[no-untyped-def]
            for mix in args.mix:
                with tempfile.TemporaryDirectory() as tmp:
                    path = Path(tmp) / "w.npz"
                    save(interpolate(arrays, mix), path)
                    acc = reader_accuracy(fold, path, spans, group)
                    g_acc = model_accuracy(g_valid, path)
                print(f"      fold {k} epoch {epoch} mix {mix}: reader {acc}"
                      f"  g2pL valid model {g_acc * 100:.2f} %", flush=True)  # fmt: skip

        train(data, data_weights, args.epochs, args.lr, args.l2sp, args.seed, args.distill, args.freeze,
              on_epoch=report)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=("validate", "final"))
    ap.add_argument("--g2pl", type=Path, default=ROOT / "data" / "g2pl", help="train.sent/.lb dir")
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval" / "cpp-dev")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "g2p_polyphone.npz")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--l2sp", type=float, default=0.0, help="L2 pull towards g2pM's weights")
    ap.add_argument("--cpp-weight", type=int, default=1, help="times each CPP sentence is seen")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--distill", type=float, default=0.0,
                    help="weight of g2pM's own scores as targets at the other polyphones")  # fmt: skip
    ap.add_argument("--freeze", action="store_true", help="train the classifier layers only")
    ap.add_argument("--mix", type=float, nargs="+", default=[1.0],
                    help="share of the fine-tuned weights against g2pM's (final: the first)")  # fmt: skip
    ap.add_argument("--prior-power", type=float, default=0.0,
                    help="weight g2pL sentences by (natural share / g2pL share) ** this")  # fmt: skip
    ap.add_argument("--prior-corpus", type=Path, nargs="*",
                    default=[ROOT / "data" / "ner" / "msra_trainval_sentences.txt",
                             ROOT / "data" / "ner" / "cluener_train.json"])  # fmt: skip
    ap.add_argument("--prior-limit", type=int, default=20000, help="sentences read for it")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    for need in (
        args.g2pl / "train.sent",
        args.dev / "dev.sent",
        *(args.prior_corpus if args.prior_power else []),
    ):
        if not need.is_file():
            raise SystemExit(f"{need}: not found; extract it as DATA.md says (g2pL's train split)")
    g2pl, dropped = load_g2pl(args.g2pl, args.dev)
    cpp = cpp_training_half(args.dev)
    print(f"g2pL train: {len(g2pl):,} kept, dropped {dropped}; CPP training half {len(cpp):,}")
    print(f"settings: epochs {args.epochs} lr {args.lr} l2sp {args.l2sp} "
          f"cpp-weight {args.cpp_weight} seed {args.seed}", flush=True)  # fmt: skip
    chars = {t[at] for t, at, _ in g2pl}
    prior = natural_prior(args.prior_corpus, chars, args.prior_limit) if args.prior_power else {}
    weights = prior_weights(g2pl, prior, 1.0, args.prior_power)
    if args.mode == "validate":
        validate(g2pl, weights, cpp, args)
    else:
        data = g2pl + cpp * args.cpp_weight
        data_weights = weights + [1.0] * (len(cpp) * args.cpp_weight)
        arrays = interpolate(
            train(
                data,
                data_weights,
                args.epochs,
                args.lr,
                args.l2sp,
                args.seed,
                args.distill,
                args.freeze,
            ),
            args.mix[0],
        )
        save(arrays, args.out)
        print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
