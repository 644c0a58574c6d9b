"""Pinyin accuracy and speed: pypinyin alone, g2pM alone, ours — side by side.

    python bench/pinyin.py [--dev DIR] [--part all|held-out] [--sample FILE] [--no-original]

1. CPP dev split (../shared/eval/cpp-dev, scored as its README says: only the marked
   character, ``u:``/``ü`` → ``v``): accuracy and characters/s of
   - pypinyin alone (whole sentence, its own segmentation),
   - g2pM alone (the original package, one sentence at a time),
   - g2pM batched (reader.annotate.g2p, same weights; must agree 100 % with the original),
   - ours (reader.annotate.pinyin: jieba words + pypinyin + batched g2pM + CC-CEDICT + overrides),
   plus ours broken down by token kind. ``--part held-out`` scores only the held-out half of
   tools/cpp_split.py (fixed before any tuning of this round); ``--part all`` the whole split.
2. The Traditional sample (7.3 k characters): full-context pinyin, warm, on one core.
"""

from __future__ import annotations

import os

# one core, as the target says (set before numpy loads)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import collections  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
MARK = "\u2581"


def load_dev(folder: Path, part: str = "all") -> tuple[list[str], list[int], list[str]]:
    raw = (folder / "dev.sent").read_text(encoding="utf-8").splitlines()
    gold = (folder / "dev.lb").read_text(encoding="utf-8").splitlines()
    keep: Sequence[int] = range(len(raw))
    if part != "all":
        sys.path.insert(0, str(ROOT / "tools"))
        from cpp_split import split_indices

        keep = split_indices(len(raw))[part.replace("-", "_")]
    texts, targets = [], []
    for n in keep:
        line = raw[n]
        i = line.index(MARK)
        texts.append(line.replace(MARK, ""))
        targets.append(i)
    return texts, targets, [norm(gold[n]) for n in keep]


def norm(reading: str | None) -> str:
    r = (reading or "").strip().lower().replace("u:", "v").replace("ü", "v")
    return r if r[-1:].isdigit() else r + "5"


def score(pred: list[str | None], gold: list[str]) -> float:
    return sum(norm(p) == g for p, g in zip(pred, gold, strict=True)) / len(gold)


def row(name: str, acc: float | None, chars: int, seconds: float, note: str = "") -> None:
    a = f"{acc * 100:6.2f} %" if acc is not None else "     - "
    print(f"  {name:44s} {a}   {chars / seconds:>10,.0f} chars/s   {seconds:7.2f} s  {note}")


def bench_dev(folder: Path, original: bool, part: str = "all", weights: Path | None = None) -> None:
    from pypinyin import Style, lazy_pinyin

    from reader.annotate.g2p import get_model
    from reader.annotate.pinyin import PinyinReader
    from reader.annotate.pinyin_words import KIND_SINGLE
    from reader.resources import default_resources

    texts, targets, gold = load_dev(folder, part)
    nchars = sum(map(len, texts))
    print(f"CPP dev split: {len(texts):,} sentences, {nchars:,} characters, one target each")
    print(f"  {'system':44s} {'accuracy':>8s}   {'speed':>18s}   {'time':>9s}")

    t = time.perf_counter()
    pp = [
        lazy_pinyin(s, style=Style.TONE3, neutral_tone_with_five=True, errors=_nones)[i]
        for s, i in zip(texts, targets, strict=True)
    ]
    row("pypinyin alone (own segmentation)", score(pp, gold), nchars, time.perf_counter() - t)

    orig_preds: list[str] | None = None
    if original:
        from g2pM import G2pM

        g2pm = G2pM()
        t = time.perf_counter()
        full = [g2pm(s, char_split=True) for s in texts]
        orig_preds = [f[i] for f, i in zip(full, targets, strict=True)]
        row("g2pM alone (package, per sentence)", score(orig_preds, gold), nchars,
            time.perf_counter() - t)  # fmt: skip

    model = get_model() if weights is None else _model_with(weights)
    all_poly = [[i for i, ch in enumerate(s) if model.is_polyphone(ch)] for s in texts]
    t = time.perf_counter()
    batched_all = model.predict(texts, all_poly)
    dt = time.perf_counter() - t
    batched = [
        preds[poly.index(i)] for preds, poly, i in zip(batched_all, all_poly, targets, strict=True)
    ]
    note = ""
    if original:
        same = total = 0
        for f, preds, poly in zip(full, batched_all, all_poly, strict=True):
            for pos, pred in zip(poly, preds, strict=True):
                total += 1
                same += norm(f[pos]) == norm(pred)
        note = f"agrees with package on {same:,}/{total:,} polyphones"
    row("g2pM batched numpy (ours)", score(batched, gold), nchars, dt, note)

    reader = default_resources().pinyin if weights is None else PinyinReader(model=model)
    t = time.perf_counter()
    spans = [reader.segment(s) for s in texts]
    seg_time = time.perf_counter() - t
    reader.words._cache.clear()
    t = time.perf_counter()
    ours_all = reader.read_batch(list(zip(texts, spans, strict=True)))
    dt = time.perf_counter() - t
    ours = [o[i] for o, i in zip(ours_all, targets, strict=True)]
    row("ours (words + g2pM + CEDICT + overrides)", score(ours, gold), nchars, dt,
        f"+ jieba {seg_time:.2f} s")  # fmt: skip
    plain = PinyinReader(use_model=False)
    t = time.perf_counter()
    dict_all = plain.read_batch(list(zip(texts, spans, strict=True)))
    dt = time.perf_counter() - t
    dict_only = [o[i] for o, i in zip(dict_all, targets, strict=True)]
    row("ours without g2pM (pypinyin over jieba words)", score(dict_only, gold), nchars, dt)

    # by token kind (pypinyin's word-level evidence for the target)
    by_kind: dict[str, list[bool]] = collections.defaultdict(list)
    for s, sp, i, o, g in zip(texts, spans, targets, ours, gold, strict=True):
        a, b = next((a, b) for a, b in sp if a <= i < b)
        word = s[a:b]
        kind = reader.words.read(word).kinds[i - a] if len(word) > 1 else KIND_SINGLE
        by_kind[kind].append(norm(o) == g)
    for kind, oks in sorted(by_kind.items()):
        print(f"    ours on {kind:10s} targets: {sum(oks) / len(oks) * 100:6.2f} % of {len(oks):,}")


def _model_with(weights: Path):  # type: ignore[no-untyped-def]
    """The polyphone model with other weights (tools/train_g2p.py's ``.npz``)."""
    import numpy as np

    from reader.annotate.g2p import G2PModel

    return G2PModel(np.float32, weights=weights)


def _nones(chars: str) -> list[None]:
    return [None] * len(chars)


_SENT = re.compile(r"[^。！？!?\n]+[。！？!?]*[”」』）)]*")


def bench_sample(path: Path) -> None:
    from reader.resources import default_resources

    text = path.read_text(encoding="utf-8")
    reader = default_resources().pinyin
    sentences = [m.group() for m in _SENT.finditer(text) if m.group().strip()]
    items = [(s, reader.segment(s)) for s in sentences]
    nchars = sum(len(s) for s in sentences)
    print(f"\nTraditional sample {path.name}: {len(sentences)} sentences, {nchars:,} characters")
    reader.read_batch(items)  # warm: models loaded
    runs = []
    for _ in range(5):
        reader.words._cache.clear()
        t = time.perf_counter()
        reader.read_batch(items)
        runs.append(time.perf_counter() - t)
    cold_words = min(runs)
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        reader.read_batch(items)
        runs.append(time.perf_counter() - t)
    warm = min(runs)
    t = time.perf_counter()
    for s in sentences:
        reader.segment(s)
    seg = time.perf_counter() - t
    print(f"  full-context pinyin, warm models, empty word cache: {cold_words * 1000:7.1f} ms")
    print(f"  full-context pinyin, warm models and word cache:    {warm * 1000:7.1f} ms"
          "   (target <= 150 ms)")  # fmt: skip
    print(f"  (jieba segmentation, not part of the above):         {seg * 1000:7.1f} ms")

    from reader.annotate.g2p import get_model

    model = get_model()
    from reader.annotate.pinyin_convert import to_simplified

    simp = [to_simplified(s) for s in sentences]
    poly = [[i for i, ch in enumerate(s) if model.is_polyphone(ch)] for s in simp]
    t = time.perf_counter()
    model.predict(simp, poly)
    batched = time.perf_counter() - t
    line = f"  g2pM on the sample: batched numpy {batched * 1000:7.1f} ms"
    try:
        from g2pM import G2pM

        g2pm = G2pM()
        t = time.perf_counter()
        for s in simp:
            g2pm(s)
        line += f"   vs package per sentence {(time.perf_counter() - t) * 1000:7.1f} ms"
    except ImportError:
        pass
    print(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, default=SHARED / "eval" / "cpp-dev")
    ap.add_argument(
        "--sample", type=Path, default=SHARED / "articles" / "zhidx-hangzhou-silicon-valley.txt"
    )
    ap.add_argument("--no-original", action="store_true", help="skip the slow original g2pM")
    ap.add_argument("--part", choices=("all", "held-out"), default="all", help="CPP dev part")
    ap.add_argument("--weights", type=Path, help="polyphone weights (.npz) instead of g2pM's")
    args = ap.parse_args()
    t = time.perf_counter()
    from reader.resources import default_resources

    _ = default_resources().pinyin  # load the models before timing
    print(f"load (pypinyin, CC-CEDICT, g2pM weights): {time.perf_counter() - t:.2f} s\n")
    bench_dev(args.dev, original=not args.no_original, part=args.part, weights=args.weights)
    bench_sample(args.sample)


if __name__ == "__main__":
    main()
