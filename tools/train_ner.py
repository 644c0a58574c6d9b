"""Train the character CRF of reader/annotate/names_model.py from public data (DATA.md).

    nice -n 10 .venv/bin/python tools/train_ner.py --data data/ner --out reader/data/ner.crfsuite

Reads from --data (files extracted with the git commands in DATA.md; nothing is downloaded):
cluener_train.json (CLUENER 2020 *train*; 10 % held out and 10 % kept for tuning by a fixed
seed, tools/ner_data.py), msra_trainval_{sentences,tags}.txt (3,000 sentences of the MSRA
train split) and weibo_train.conll (Weibo NER train). Writes the model and, beside it, a
.json with the per-type thresholds tuned on the tuning part and the training record.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from ner_data import (  # noqa: E402
    RESUME_TYPES,
    WEIBO_TYPES,
    Sample,
    count,
    read_bmes,
    read_cluener,
    read_conll,
    read_msra_lines,
    split_cluener,
)

from reader.annotate.names_definition import (  # noqa: E402
    TYPES,
    NameCues,
    char_features,
    context_features,
)
from reader.annotate.names_model import NameRecogniser  # noqa: E402
from reader.segment.words import Segmenter  # noqa: E402

LEXICON_SEED = 7
LEXICON_SHARE = 0.5  # half the training sentences see lexicon matches, half none


def bio_labels(sample: Sample) -> list[str]:
    labels = ["O"] * len(sample.text)
    for a, b, kind in sample.spans:
        labels[a] = "B-" + kind
        for i in range(a + 1, b):
            labels[i] = "I-" + kind
    return labels


def cross_lexicon(samples: list[Sample]) -> list[list[tuple[int, int, str]]]:
    """Lexicon matches for each sample from the names of the *other* half of the data.

    Stands in for glossary hits at training time: a name list known from elsewhere covers
    some names of a sentence, and also matches ordinary uses of its words, so the model
    learns how far a lexicon match is evidence (a list made from the same sentences would
    be always right and teach it to trust every hit).
    """
    rng = random.Random(LEXICON_SEED)
    halves = [rng.random() < 0.5 for _ in samples]
    lexicons: list[dict[str, str]] = [{}, {}]
    for half, s in zip(halves, samples, strict=True):
        for a, b, kind in s.spans:
            if 2 <= b - a <= 10:
                lexicons[half].setdefault(s.text[a:b], kind)
    out: list[list[tuple[int, int, str]]] = []
    for half, s in zip(halves, samples, strict=True):
        if rng.random() >= LEXICON_SHARE:
            out.append([])
            continue
        lexicon, text, found, i = lexicons[not half], s.text, [], 0
        while i < len(text):
            for length in range(min(10, len(text) - i), 1, -1):
                kind = lexicon.get(text[i : i + length])
                if kind:
                    found.append((i, i + length, kind))
                    i += length
                    break
            else:
                i += 1
        out.append(found)
    return out


def featurise(
    samples: Sequence[Sample],
    segmenter: Segmenter,
    cues: NameCues,
    lexicon: Sequence[Sequence[tuple[int, int, str]]] | None = None,
    context: bool = False,
) -> list[list[list[str]]]:
    out = []
    for k, s in enumerate(samples):
        words = segmenter.cut(s.text)
        pos = [segmenter.tag(s.text[a:b]) for a, b in words]
        feats = char_features(s.text, words, pos, cues, lexicon[k] if lexicon else ())
        if context:
            context_features(s.text, words, pos, cues, feats)
        out.append(feats)
    return out


def score(
    gold: Sequence[Sample], found: Sequence[Sequence[tuple[int, int, str, float]]], threshold: dict
) -> dict[str, tuple[int, int, int]]:
    """(true positives, predicted, gold) per type, exact span and type."""
    result = {}
    for kind in TYPES:
        tp = pred = total = 0
        for s, spans in zip(gold, found, strict=True):
            g = {(a, b) for a, b, k in s.spans if k == kind}
            p = {(a, b) for a, b, k, c in spans if k == kind and c >= threshold[kind]}
            tp, pred, total = tp + len(g & p), pred + len(p), total + len(g)
        result[kind] = (tp, pred, total)
    return result


def tune_thresholds(
    gold: Sequence[Sample], found: Sequence, min_precision: float = 0.0
) -> dict[str, float]:
    """Per type: the threshold with the best F1 among those reaching ``min_precision``
    (none reaching it: the one with the best precision)."""
    best: dict[str, float] = {}
    for kind in TYPES:
        candidates = []
        for step in range(0, 100, 2):
            t = step / 100
            tp, pred, total = score(gold, found, {k: t for k in TYPES})[kind]
            p = tp / pred if pred else 1.0
            r = tp / total if total else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            reached = p >= min_precision
            candidates.append((reached, f if reached else p, -t, t))
        best[kind] = max(candidates)[3]
    return best


MARGINAL_FLOORS = (None, 0.1, 0.2, 0.3)  # candidates for NameRecogniser.marginal_floor


def f1(tp: int, pred: int, total: int) -> float:
    return 2 * tp / (pred + total) if pred + total else 0.0


def tune(model: Path, tune_part: Sequence[Sample], segmenter: Segmenter, meta: dict) -> None:
    """Write model.json: the marginal floor (extra spans from marginals, or none) with the
    best mean person/organisation F1, thresholds for marking a name (best F1 on the tuning
    part) and stricter ones for forcing its English into MT (precision ≥ 90 %, the issue's
    target). All chosen on the tuning part only."""
    recogniser = NameRecogniser(model, segmenter=segmenter)
    recogniser.context_features = "context" in meta.get("features", ())  # as trained
    best: tuple[float, float | None, list] | None = None
    for floor in MARGINAL_FLOORS:
        recogniser.marginal_floor = floor
        found = [
            [(e.start, e.end, e.type, e.confidence) for e in recogniser.recognise(s.text)]
            for s in tune_part
        ]
        scores = score(tune_part, found, tune_thresholds(tune_part, found))
        mean = (f1(*scores["PER"]) + f1(*scores["ORG"])) / 2
        print(f"tune marginal floor {floor}: mean PER/ORG F1 {mean:.4f}")
        if best is None or mean > best[0]:
            best = (mean, floor, found)
    assert best is not None
    _mean, meta["marginal_floor"], found = best
    for key, min_precision in (("thresholds", 0.0), ("force_thresholds", 0.9)):
        thresholds = tune_thresholds(tune_part, found, min_precision)
        meta[key] = thresholds
        for kind, (tp, pred, total) in score(tune_part, found, thresholds).items():
            p, r = (tp / pred if pred else 0), (tp / total if total else 0)
            print(f"tune {key:16} {kind:8} ≥ {thresholds[kind]:.2f}  P {p:.3f}  R {r:.3f}")
    model.with_suffix(".json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def train_crf(
    xs: list[list[list[str]]], train: list[Sample], out: Path, c1: float, c2: float, iterations: int
) -> None:
    """L-BFGS on feature rows ``xs`` (one per sentence of ``train``) into ``out``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, s in zip(xs, train, strict=True):
        trainer.append(x, bio_labels(s))
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "ner")
    parser.add_argument("--out", type=Path, default=ROOT / "reader" / "data" / "ner.crfsuite")
    parser.add_argument("--c1", type=float, default=0.1, help="L1 weight (prunes features)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 weight")
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--no-msra", action="store_true")
    parser.add_argument("--no-weibo", action="store_true")
    parser.add_argument("--no-lexicon", action="store_true")
    parser.add_argument("--resume", action="store_true", help="add Resume NER train")
    parser.add_argument(
        "--peoples-daily", action="store_true", help="add People's Daily NER (dev part)"
    )
    parser.add_argument(
        "--context", action="store_true", help="add the second feature set (context_features)"
    )
    parser.add_argument(
        "--tune-only", action="store_true", help="keep the model, re-tune its thresholds"
    )
    args = parser.parse_args(argv)
    if args.tune_only:
        meta_path = args.out.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        split = split_cluener(read_cluener(args.data / "cluener_train.json"))
        tune(args.out, split["tune"], Segmenter(), meta)
        return 0

    t0 = time.monotonic()
    split = split_cluener(read_cluener(args.data / "cluener_train.json"))
    train = list(split["train"])
    sources = {"cluener_train": count(train)}
    if not args.no_msra:
        msra = read_msra_lines(
            args.data / "msra_trainval_sentences.txt", args.data / "msra_trainval_tags.txt"
        )
        train += msra
        sources["msra_train_part"] = count(msra)
    if not args.no_weibo:
        weibo = read_conll(args.data / "weibo_train.conll", WEIBO_TYPES)
        train += weibo
        sources["weibo_train"] = count(weibo)
    if args.resume:
        resume = read_bmes(args.data / "resume_train.bmes", RESUME_TYPES)
        train += resume
        sources["resume_train"] = count(resume)
    if args.peoples_daily:
        daily = read_conll(args.data / "peoples_daily_dev.txt")
        train += daily
        sources["peoples_daily_dev"] = count(daily)
    segmenter = Segmenter()
    cues = NameCues.load(ROOT / "reader" / "data" / "ner_cues.tsv")
    lexicon = None if args.no_lexicon else cross_lexicon(train)
    xs = featurise(train, segmenter, cues, lexicon, context=args.context)
    t_feat = time.monotonic() - t0
    print(f"features for {len(train)} sentences in {t_feat:.0f} s", flush=True)
    train_crf(xs, train, args.out, args.c1, args.c2, args.iterations)
    t_train = time.monotonic() - t0 - t_feat
    print(f"trained in {t_train:.0f} s → {args.out} ({args.out.stat().st_size} bytes)")

    meta = {
        "params": {"c1": args.c1, "c2": args.c2, "iterations": args.iterations},
        "lexicon_feature": not args.no_lexicon,
        "features": ["char", "context"] if args.context else ["char"],
        "sources": sources,
        "seconds": {"features": round(t_feat), "training": round(t_train)},
    }
    tune(args.out, split["tune"], segmenter, meta)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
