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
Two more: replace (a fast span at least the cut sure replaces the accurate spans it
overlaps when it is surer than each, is added where it overlaps none) and seconded
(accurate's spans from the cut up to its thresholds when the fast model gives that very span
even odds). ``--curve`` prints P/R per cut on the whole part.

``--pipeline PER,ORG`` runs the whole pipeline (tools/tune_shown_names.py's measure) with
the fast spans merged as ``replace`` does from those cuts (2,2: the accurate recogniser
alone); ``--cost`` times warm annotation of the Traditional sample without and with them.
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


def replace(acc: Reading, fast: Reading, shipped: dict[str, float], cut: float) -> list[Span]:
    """Accurate's shown spans, except that a fast span at least ``cut`` sure replaces the
    accurate spans it overlaps when it is surer than each of them; where it overlaps none,
    it is added (union)."""
    kept = [s for s in acc.spans if s[3] >= shipped[s[2]]]
    for s in sorted(fast.spans, key=lambda s: -s[3]):
        if s[3] < cut or (s[0], s[1], s[2]) in {(a, b, k) for a, b, k, _c in kept}:
            continue
        over = [x for x in acc.spans if overlaps(s[0], s[1], [x])]
        if all(s[3] > x[3] for x in over):
            kept = [x for x in kept if not overlaps(s[0], s[1], [x])] + [s]
    return [(a, b, k, 2.0) for a, b, k, _c in kept]  # 2: shown whatever the cut


def seconded(acc: Reading, fast: Reading, shipped: dict[str, float], cut: float) -> list[Span]:
    """Accurate's spans at its thresholds, and from ``cut`` up to them those the fast model
    also gives at least even odds (its confidence in that very span ≥ 0.5)."""
    return [
        (a, b, k, 2.0)
        for a, b, k, c in acc.spans
        if c >= shipped[k] or (c >= cut and span_confidence(fast, a, b, k) >= 0.5)
    ]


# variants whose spans depend on the cut itself (one threshold, on the fast model's spans)
BY_CUT: dict[str, Callable[[Reading, Reading, dict[str, float], float], list[Span]]] = {
    "replace": replace,
    "seconded": seconded,
}

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
    """Spans of ``kind`` shown at ``cut``: candidates at least ``cut`` sure (the one cut
    stands for every type's here), surest first, each dropped when it overlaps one kept."""
    kept: list[Span] = []
    for s in sorted(cands, key=lambda s: -s[3]):
        if s[3] < cut:
            continue
        if not overlaps(s[0], s[1], kept):
            kept.append(s)
    return {(a, b) for a, b, k, _c in kept if k == kind}


# a variant's candidates per sentence, or a function of the cut giving them
Cands = Sequence[list[Span]] | Callable[[int, float], list[Span]]


def count(
    gold: Sequence[Sample], cands: Cands, kind: str, cut: float, rows: Sequence[int]
) -> tuple[int, int, int]:
    tp = pred = total = 0
    for i in rows:
        g = {(a, b) for a, b, k in gold[i].spans if k == kind}
        p = shown(cands(i, cut) if callable(cands) else cands[i], kind, cut)
        tp, pred, total = tp + len(g & p), pred + len(p), total + len(g)
    return tp, pred, total


CUTS = [round(0.02 * i, 2) for i in range(5, 51)]  # 0.10 … 1.00


def choose(
    gold: Sequence[Sample],
    cands: Cands,
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


class Together:
    """The accurate recogniser with the fast one's spans merged in as ``replace`` does
    (``cuts``: the fast span's least confidence per type; a type absent: none taken), for a
    pipeline run; everything else is the accurate recogniser's."""

    def __init__(self, accurate: object, fast: object, cuts: dict[str, float]) -> None:
        self._accurate, self._fast, self._cuts = accurate, fast, cuts

    def __getattr__(self, name: str) -> object:
        return getattr(self._accurate, name)

    def recognise(self, text: str, *args: object, **kwargs: object) -> list[object]:
        found = list(self._accurate.recognise(text, *args, **kwargs))  # type: ignore[attr-defined]
        extra = self._fast.recognise(text, *args, **kwargs)  # type: ignore[attr-defined]
        for e in sorted(extra, key=lambda e: -e.confidence):
            if e.confidence < self._cuts.get(e.type, 2.0):
                continue
            over = [x for x in found if x.start < e.end and e.start < x.end]
            if any((x.start, x.end, x.type) == (e.start, e.end, e.type) for x in over):
                continue
            if all(e.confidence > x.confidence for x in over):
                found = [x for x in found if x not in over] + [e]
        return sorted(found, key=lambda e: e.start)


def pipeline(gold: list[Sample], cuts: dict[str, float]) -> None:
    """What the pipeline shows with the fast spans merged at ``cuts`` (tune_shown_names.py's
    run at the shipped thresholds)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from tune_shown_names import counts, pipeline_names
    from tune_shown_names import line as shown_line

    from reader.model import NameModel
    from reader.resources import Resources

    plain = Resources()
    merged = Together(
        plain.recogniser_for(NameModel.ACCURATE), plain.recogniser_for(NameModel.FAST), cuts
    )
    resources = Resources(recogniser=merged)  # type: ignore[arg-type]
    found = pipeline_names([s.text for s in gold], resources, None)
    both = [0, 0]
    print(f"pipeline, fast spans merged from {cuts}:")
    for kind in KINDS:
        tp, pred, total = counts(gold, found, kind, 0.0)
        both = [both[0] + tp, both[1] + pred]
        print(shown_line(kind, tp, pred, total))
    print(f"P(per+org) {both[0] / both[1] * 100:.1f}")


def cost(rounds: int = 5) -> None:
    """Warm annotation of the Traditional sample (bench/annotate.py's), the accurate
    recogniser alone vs with the fast one merged, alternating, best of ``rounds`` each."""
    import time

    from reader.glossary import load_glossary
    from reader.load import load_path
    from reader.model import NameModel
    from reader.pipeline import Options, annotate
    from reader.resources import Resources

    sample = ROOT.parent / "shared" / "articles" / "zhidx-hangzhou-silicon-valley.txt"
    if not sample.is_file():
        print(f"skipped: {sample} missing")
        return
    loaded = load_path(str(sample))
    options = Options(glossary=load_glossary())
    plain = Resources()
    accurate = plain.recogniser_for(NameModel.ACCURATE)
    merged = Resources(
        recogniser=Together(  # type: ignore[arg-type]
            accurate, plain.recogniser_for(NameModel.FAST), {"PER": 0.98, "ORG": 0.8}
        )
    )
    best = {"accurate": float("inf"), "accurate + fast": float("inf")}
    runs = {"accurate": plain, "accurate + fast": merged}
    for resources in runs.values():
        annotate(loaded, options, resources)  # warm up
    for _ in range(rounds):
        for name, resources in runs.items():
            t = time.perf_counter()
            annotate(loaded, options, resources)
            best[name] = min(best[name], time.perf_counter() - t)
    print(", ".join(f"{name}: {ms * 1000:.1f} ms" for name, ms in best.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "ner")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/ensemble_readings.pkl"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--curve", action="store_true", help="also P/R per cut, whole part")
    parser.add_argument(
        "--pipeline", type=str, default=None, help="PER,ORG cuts of replace: a pipeline run"
    )
    parser.add_argument("--cost", action="store_true", help="warm annotation time only")
    args = parser.parse_args()
    if args.cost:
        cost()
        return 0
    gold = split_cluener(read_cluener(args.data / "cluener_train.json"))["tune"][: args.limit]
    if args.pipeline:
        per, org = (float(v) for v in args.pipeline.split(","))
        pipeline(gold, {"PER": per, "ORG": org})
        return 0
    texts = [s.text for s in gold]
    # both readings kept between runs (a minute of tagging); the sentences say whose they are
    cached = pickle.loads(args.cache.read_bytes()) if args.cache.is_file() else None
    if cached is not None and cached[0] == texts:
        acc, fast = cached[1], cached[2]
    else:
        acc, fast = read_all(texts, "accurate"), read_all(texts, "fast")
        args.cache.write_bytes(pickle.dumps((texts, acc, fast)))
    from reader.model import NameModel
    from reader.resources import Resources

    shipped = dict(Resources().recogniser_for(NameModel.ACCURATE).thresholds)  # type: ignore[union-attr]
    print(f"tuning part: {len(gold)} sentences; accurate's thresholds {shipped}")
    halves = [list(range(0, len(gold), 2)), list(range(1, len(gold), 2))]
    everything = list(range(len(gold)))
    base = [accurate_only(x, y, shipped) for x, y in zip(acc, fast, strict=True)]
    every: dict[str, Cands] = {
        name: [variant(x, y, shipped) for x, y in zip(acc, fast, strict=True)]
        for name, variant in VARIANTS.items()
    }
    for name, by_cut in BY_CUT.items():
        every[name] = lambda i, cut, f=by_cut: f(acc[i], fast[i], shipped, cut)  # type: ignore[misc]
    for name, cands in every.items():
        for kind in KINDS:
            if name == "accurate":
                print(
                    f"{name:>14} {kind}  at {shipped[kind]:.2f}  "
                    + line("", *count(gold, cands, kind, shipped[kind], everything))
                )
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
            for cut in CUTS[15::3] if args.curve else ():
                print(
                    f"{'':>20} at {cut:.2f}: "
                    + line("", *count(gold, cands, kind, cut, everything))
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
