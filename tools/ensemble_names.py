"""The two trained name recognisers together: does the fast CRF add to the accurate one?

    nice -n 10 .venv/bin/python tools/ensemble_names.py --data /work/ner-data

The accurate recogniser (reader/data/ner_lac.crfsuite, LAC's analysis as features) and the
fast one (reader/data/ner.crfsuite, jieba's words only) were trained on the same data with
different features, so their mistakes may differ. This runs both, alone (no glossary
evidence, as bench/names.py's "model" row), on CLUENER train's **tuning** part only
(tools/ner_data.py ``split_cluener``; never the held-out part), keeps every span with its
confidence and every character's marginals of both, then scores ways of combining them,
exact span and type, persons and organisations:

- accurate: its spans at its shipped thresholds (the baseline);
- union: + the fast model's spans that overlap no accurate span, from a threshold per type;
- mean / max: every span either model proposes, scored by the mean (max) of the two
  models' confidences in that very span (a model's confidence in a span: the smallest of
  its marginals of B-TYPE at the start and I-TYPE inside, as the recogniser computes it);
  overlapping spans: the higher score wins;
- avg-marginals: each character labelled with the best of the two models' averaged
  marginals, runs made into spans, confidence the smallest averaged marginal.

Each variant's one threshold per type is chosen as the lowest reaching at least the
baseline's precision on the same sentences (recall at no precision loss); that choice is
made by 2-fold cross-validation inside the tuning part (even / odd sentences: chosen on one
half, counted on the other, counts summed), and also on the whole part for reference.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import pickle
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from ner_data import Sample, read_cluener, split_cluener  # noqa: E402

KINDS = ("PER", "ORG")
TYPES = ("PER", "ORG", "LOC", "PRODUCT")
LABELS = ("O", *(f"{p}-{t}" for t in TYPES for p in ("B", "I")))
Span = tuple[int, int, str, float]


@dataclass
class Reading:
    """One model's reading of one sentence."""

    spans: list[Span]  # Viterbi spans with the recogniser's confidence
    marginals: list[dict[str, float]]  # per character: label → marginal


def read_all(texts: list[str], model: str) -> list[Reading]:
    """Both models' readings as the recogniser makes them (jieba words given, no lexicon)."""
    from reader.model import NameModel
    from reader.resources import Resources

    resources = Resources()
    recogniser = resources.recogniser_for(NameModel(model))
    assert recogniser is not None
    segmenter = resources.segmenter
    tagger = recogniser._tagger  # type: ignore[attr-defined]
    known = set(tagger.labels())
    out = []
    for first in range(0, len(texts), 200):
        chunk = texts[first : first + 200]
        recogniser.prepare(chunk)  # type: ignore[attr-defined]
        for text in chunk:
            words = segmenter.cut(text)
            pos = [segmenter.tag(text[a:b]) for a, b in words]
            found = recogniser.recognise(text, words=words, pos=pos)
            # the tagger still holds this sentence: read its marginals
            marg = [
                {lab: tagger.marginal(lab, i) if lab in known else 0.0 for lab in LABELS}
                for i in range(len(text))
            ]
            out.append(Reading([(e.start, e.end, e.type, e.confidence) for e in found], marg))
    return out


def span_confidence(reading: Reading, a: int, b: int, kind: str) -> float:
    m = reading.marginals
    return min([m[a]["B-" + kind], *(m[i]["I-" + kind] for i in range(a + 1, b))])


def overlaps(a: int, b: int, spans: Sequence[Span]) -> bool:
    return any(s < b and a < e for s, e, _k, _c in spans)


# A variant: (accurate reading, fast reading, accurate's thresholds) → scored candidate spans,
# of which those at least the variant's threshold of their type are shown
Variant = Callable[[Reading, Reading, dict[str, float]], list[Span]]


def accurate_only(acc: Reading, fast: Reading, shipped: dict[str, float]) -> list[Span]:
    return list(acc.spans)


def union(acc: Reading, fast: Reading, shipped: dict[str, float]) -> list[Span]:
    """Accurate's shown spans (confidence 1: never dropped) + fast's spans overlapping none
    of accurate's spans (at any confidence) scored by fast's confidence."""
    shown = [(a, b, k, 1.0) for a, b, k, c in acc.spans if c >= shipped[k]]
    return shown + [s for s in fast.spans if not overlaps(s[0], s[1], acc.spans)]


def union_shown(acc: Reading, fast: Reading, shipped: dict[str, float]) -> list[Span]:
    """As union, but fast's span need only overlap none of accurate's *shown* spans."""
    shown = [(a, b, k, 1.0) for a, b, k, c in acc.spans if c >= shipped[k]]
    return shown + [s for s in fast.spans if not overlaps(s[0], s[1], shown)]


def combined(how: Callable[[float, float], float]) -> Variant:
    def run(acc: Reading, fast: Reading, shipped: dict[str, float]) -> list[Span]:
        cands = {(a, b, k) for a, b, k, _c in [*acc.spans, *fast.spans]}
        scored = sorted(
            (
                (a, b, k, how(span_confidence(acc, a, b, k), span_confidence(fast, a, b, k)))
                for a, b, k in cands
            ),
            key=lambda s: -s[3],
        )
        return scored  # overlaps resolved per threshold in shown()

    return run


def avg_marginals(acc: Reading, fast: Reading, shipped: dict[str, float]) -> list[Span]:
    from reader.annotate.names_model import spans_from_labels

    avg = [
        {lab: (x[lab] + y[lab]) / 2 for lab in LABELS}
        for x, y in zip(acc.marginals, fast.marginals, strict=True)
    ]
    labels = [max(LABELS, key=lambda lab, row=row: row[lab]) for row in avg]  # type: ignore[misc]
    out = []
    for a, b, k in spans_from_labels(labels):
        out.append((a, b, k, min(avg[i][labels[i]] for i in range(a, b))))
    return out


VARIANTS: dict[str, Variant] = {
    "accurate": accurate_only,
    "union": union,
    "union-shown": union_shown,
    "mean": combined(lambda x, y: (x + y) / 2),
    "max": combined(max),
    "min": combined(min),
    "avg-marginals": avg_marginals,
}


def shown(cands: list[Span], kind: str, cut: float) -> set[tuple[int, int]]:
    """Spans of ``kind`` at least ``cut`` sure, greedily by score, none overlapping a
    better one of any type at least as sure as its own type's cut (approximated: any type
    with the same cut)."""
    kept: list[Span] = []
    for s in sorted(cands, key=lambda s: -s[3]):
        if s[3] < cut and s[2] == kind:
            continue
        if s[2] != kind and s[3] < cut:
            continue
        if not overlaps(s[0], s[1], kept):
            kept.append(s)
    return {(a, b) for a, b, k, _c in kept if k == kind}


def count(
    gold: Sequence[Sample], cands: Sequence[list[Span]], kind: str, cut: float, rows: Sequence[int]
) -> tuple[int, int, int]:
    tp = pred = total = 0
    for i in rows:
        g = {(a, b) for a, b, k in gold[i].spans if k == kind}
        p = shown(cands[i], kind, cut)
        tp, pred, total = tp + len(g & p), pred + len(p), total + len(g)
    return tp, pred, total


CUTS = [round(0.02 * i, 2) for i in range(5, 51)]  # 0.10 … 1.00


def choose(
    gold: Sequence[Sample],
    cands: Sequence[list[Span]],
    base: Sequence[list[Span]],
    kind: str,
    shipped: float,
    rows: Sequence[int],
) -> float:
    """The lowest cut whose precision on ``rows`` reaches the baseline's there."""
    tp, pred, _ = count(gold, base, kind, shipped, rows)
    floor = tp / pred if pred else 0.0
    for cut in CUTS:
        tp, pred, _ = count(gold, cands, kind, cut, rows)
        if pred and tp / pred >= floor:
            return cut
    return 1.01


def line(label: str, tp: int, pred: int, total: int) -> str:
    p, r = (tp / pred if pred else 0.0), (tp / total if total else 0.0)
    return f"P {p * 100:5.1f} R {r * 100:5.1f} ({tp}/{pred}, gold {total})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "ner")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/ensemble_readings.pkl"))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    gold = split_cluener(read_cluener(args.data / "cluener_train.json"))["tune"][: args.limit]
    texts = [s.text for s in gold]
    if args.cache.is_file():
        acc, fast = pickle.loads(args.cache.read_bytes())
    else:
        acc, fast = read_all(texts, "accurate"), read_all(texts, "fast")
        args.cache.write_bytes(pickle.dumps((acc, fast)))
    from reader.model import NameModel
    from reader.resources import Resources

    shipped = dict(Resources().recogniser_for(NameModel.ACCURATE).thresholds)  # type: ignore[union-attr]
    print(f"tuning part: {len(gold)} sentences; accurate's thresholds {shipped}")
    halves = [list(range(0, len(gold), 2)), list(range(1, len(gold), 2))]
    everything = list(range(len(gold)))
    base = [accurate_only(x, y, shipped) for x, y in zip(acc, fast, strict=True)]
    for name, variant in VARIANTS.items():
        cands = [variant(x, y, shipped) for x, y in zip(acc, fast, strict=True)]
        for kind in KINDS:
            if name == "accurate":
                print(f"{name:>14} {kind}  at {shipped[kind]:.2f}  "
                      + line("", *count(gold, cands, kind, shipped[kind], everything)))
                continue
            cv = [0, 0, 0]
            picks = []
            for fit, test in (halves, halves[::-1]):
                cut = choose(gold, cands, base, kind, shipped[kind], fit)
                picks.append(cut)
                cv = [x + y for x, y in zip(cv, count(gold, cands, kind, cut, test), strict=True)]
            whole = choose(gold, cands, base, kind, shipped[kind], everything)
            print(
                f"{name:>14} {kind}  2-fold (cuts {picks[0]:.2f}/{picks[1]:.2f}) "
                + line("", *cv)
                + f"   whole part at {whole:.2f}: "
                + line("", *count(gold, cands, kind, whole, everything))
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
