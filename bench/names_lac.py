"""Baidu LAC's network (numpy, reader/annotate/names_lac.py) beside the shipped CRF.

Run: .venv/bin/python bench/names_lac.py [--data data/ner] [--lac reader/data/lac.npz]

Same sets and exact-span scoring as bench/names.py (its ``report``): the held-out 10 % of
CLUENER train (tools/ner_data.py split), MSRA test, Weibo NER test. Systems: the shipped CRF
at its shown-name thresholds (model), LAC's best tag sequence (lac), LAC's names whose
smallest CRF marginal reaches a threshold (lac@T; lac@tuned: per type, best F1 on the
CLUENER tuning part; lac@force: best F1 at precision ≥ 90 % there), and the union of the CRF's and LAC's
spans (model|lac: LAC's span where both overlap). Then the warm speed of both on the
sample article, sentence by sentence vs one batched call.
"""

from __future__ import annotations

import os

# the GRU's matrices are small: OpenBLAS threads only spin (as reader.cli sets it)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tools"))

from names import (  # noqa: E402
    SAMPLE,
    TYPES,
    WEIGHTS,
    Spans,
    System,
    model_system,
    report_sets,
    sample_sentences,
)
from ner_data import Sample, read_cluener, split_cluener  # noqa: E402
from train_ner import tune_thresholds  # noqa: E402

from reader.annotate.names_lac import LacTagger, default_weights  # noqa: E402
from reader.annotate.names_model import NameRecogniser  # noqa: E402
from reader.segment.words import Segmenter  # noqa: E402


def lac_system(
    tagger: LacTagger, cache: dict[tuple[str, ...], list], thresholds: dict[str, float] | None
) -> System:
    """LAC's names whose confidence reaches their type's threshold (None: every name).
    ``cache`` keeps the names of the last texts, shared by the variants."""

    def run(texts: list[str]) -> list[Spans]:
        key = tuple(texts)
        if key not in cache:
            cache.clear()
            cache[key] = tagger.names(texts)
        return [
            [
                (e.start, e.end, e.type)
                for e in found
                if thresholds is None or e.confidence >= thresholds[e.type]
            ]
            for found in cache[key]
        ]

    return run


def tuned_thresholds(tagger: LacTagger, tune_part: list[Sample]) -> dict[str, dict[str, float]]:
    """LAC's thresholds chosen on CLUENER's tuning part as tools/train_ner.py chooses the
    CRF's: best F1 per type (shown), and best F1 at precision ≥ 90 % (force)."""
    found = [
        [(e.start, e.end, e.type, e.confidence) for e in names]
        for names in tagger.names([s.text for s in tune_part])
    ]
    return {
        "tuned": tune_thresholds(tune_part, found, 0.0),
        "force": tune_thresholds(tune_part, found, 0.9),
    }


def union_system(first: System, second: System) -> System:
    """Spans of ``second`` plus those of ``first`` that overlap none of them."""

    def run(texts: list[str]) -> list[Spans]:
        out = []
        for a_spans, b_spans in zip(first(texts), second(texts), strict=True):
            kept = list(b_spans)
            for a, b, kind in a_spans:
                if all(b <= x or y <= a for x, y, _k in b_spans):
                    kept.append((a, b, kind))
            out.append(sorted(kept))
        return out

    return run


def speed(tagger: LacTagger, recogniser: NameRecogniser, segmenter: Segmenter) -> None:
    if not SAMPLE.is_file():
        print(f"\nspeed skipped: {SAMPLE} not found")
        return
    text, given = sample_sentences(segmenter)
    sentences = [sentence for sentence, _words, _pos in given]
    runs = {
        "CRF (words given)": lambda: [recogniser.recognise(s, words=w, pos=p) for s, w, p in given],
        "lac names, one batched call": lambda: tagger.names(sentences),
        "lac tags only (no marginals)": lambda: tagger.tags(sentences),
        "lac names, sentence by sentence": lambda: [tagger.names([s]) for s in sentences],
    }
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(5):
        for name, run in runs.items():
            t = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - t)
    print(f"\n== warm CPU time on {SAMPLE.name}: {len(text)} chars, {len(sentences)} sentences")
    for name, seconds in best.items():
        print(f"{name:34} {seconds * 1000:7.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "ner")
    parser.add_argument("--lac", type=Path, default=default_weights())
    parser.add_argument("--limit", type=int, default=100_000, help="sentences per set")
    parser.add_argument("--thresholds", default="0.5,0.7,0.9", help="lac@T variants")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    if not args.lac.is_file():
        print(f"{args.lac} not found: build it with tools/convert_lac.py (DATA.md)")
        return 1
    segmenter = Segmenter()
    recogniser = NameRecogniser(WEIGHTS, segmenter=segmenter)
    tagger = LacTagger(args.lac)
    model = model_system(recogniser, segmenter)
    cache: dict[tuple[str, ...], list] = {}
    lac = lac_system(tagger, cache, None)
    systems: dict[str, System] = {
        "model": model,
        "model@force": model_system(recogniser, segmenter, recogniser.force_thresholds),
        "lac": lac,
    }
    for value in args.thresholds.split(","):
        if value:
            systems[f"lac@{value}"] = lac_system(tagger, cache, dict.fromkeys(TYPES, float(value)))
    cluener = args.data / "cluener_train.json"
    if cluener.is_file():
        tuned = tuned_thresholds(tagger, split_cluener(read_cluener(cluener))["tune"])
        print(f"LAC thresholds tuned on the CLUENER tuning part: {tuned}")
        systems["lac@tuned"] = lac_system(tagger, cache, tuned["tuned"])
        systems["lac@force"] = lac_system(tagger, cache, tuned["force"])
    systems["model|lac"] = union_system(model, lac)
    report_sets(args.data, args.limit, systems)
    if not args.no_speed:
        speed(tagger, recogniser, segmenter)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
