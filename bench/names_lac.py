"""Baidu LAC's network (numpy, reader/annotate/names_lac.py) beside the shipped CRF.

Run: .venv/bin/python bench/names_lac.py [--data data/ner] [--lac reader/data/lac.npz]

Same sets and exact-span scoring as bench/names.py (its ``report``): the held-out 10 % of
CLUENER train (tools/ner_data.py split), MSRA test, Weibo NER test. Systems: the shipped CRF
at its shown-name thresholds (model), LAC's best tag sequence (lac), LAC's names whose
smallest CRF marginal reaches a threshold (lac@T; lac@tuned: per type, best F1 on the
CLUENER tuning part; lac@force: best F1 at precision ≥ 90 % there), and the union of the CRF's and LAC's
spans (model|lac: LAC's span where both overlap). Then the warm speed of both on the
sample article, sentence by sentence vs one batched call.

With ``--ft /tmp/lac_ner.npz`` (LAC fine-tuned for our names, tools/finetune_lac_ner.py,
reader/annotate/names_lac_ft.py) also: the shipped accurate recogniser (accurate: the CRF with
LAC's analysis as features, reader/data/ner_lac.crfsuite, at its shown thresholds), the
fine-tuned network's best sequence (ft), its spans at per-type thresholds with the best F1
on the tuning part (ft@tuned), at the best-F1 thresholds among those whose tuning-part
precision reaches the accurate recogniser's there (ft@accP: recall at equal precision), and
both at their forcing thresholds (≥ 90 % precision on the tuning part: accurate@force,
ft@force); and the speed of both. ``--tune-part`` reports on the CLUENER tuning part
instead of the held-out sets (the part the choice between them is made on).
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
    prf,
    report,
    report_sets,
    sample_sentences,
)
from ner_data import Sample, read_cluener, split_cluener  # noqa: E402
from train_ner import tune_thresholds  # noqa: E402

from reader.annotate.names_lac import LacTagger, default_weights  # noqa: E402
from reader.annotate.names_lac_ft import LacNameTagger  # noqa: E402
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
                if thresholds is None or e.confidence >= thresholds.get(e.type, 0.0)
            ]
            for found in cache[key]
        ]

    return run


def accurate_system(
    recogniser: NameRecogniser, segmenter: Segmenter, force: bool = False
) -> System:
    """The accurate recogniser (CRF + LAC features) at its shown thresholds (``force``: its
    forcing ones), LAC run once for all the texts of a call (``prepare``) as the pipeline
    runs it."""
    inner = model_system(recogniser, segmenter, recogniser.force_thresholds if force else None)

    def run(texts: list[str]) -> list[Spans]:
        recogniser.prepare(texts)
        return inner(texts)

    return run


def precision_matched(
    tagger: LacTagger, tune_part: list[Sample], reference: System
) -> dict[str, float]:
    """Per type, the threshold on the tagger's confidence with the best F1 on the tuning
    part among those whose precision there reaches ``reference``'s (none does: the most
    precise one)."""
    found = [
        [(e.start, e.end, e.type, e.confidence) for e in names]
        for names in tagger.names([s.text for s in tune_part])
    ]
    theirs = reference([s.text for s in tune_part])
    out = {}
    for kind in TYPES:
        target = prf(tune_part, theirs, kind)[0]
        out[kind] = tune_thresholds(tune_part, found, target)[kind]
    return out


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


def speed(
    tagger: LacTagger,
    recogniser: NameRecogniser,
    segmenter: Segmenter,
    ft: LacNameTagger | None = None,
    accurate: NameRecogniser | None = None,
) -> None:
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
    if accurate is not None:

        def accurate_run() -> None:
            accurate.prepare(sentences)
            for s, w, p in given:
                accurate.recognise(s, words=w, pos=p)

        runs["accurate: LAC + CRF (words given)"] = accurate_run
    if ft is not None:
        runs["ft names, one batched call"] = lambda: ft.names(sentences)
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
    parser.add_argument("--ft", type=Path, help="fine-tuned weights (tools/finetune_lac_ner.py)")
    parser.add_argument(
        "--tune-part", action="store_true", help="report on the CLUENER tuning part only"
    )
    parser.add_argument("--no-lac", action="store_true", help="leave LAC's own rows out")
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
    }
    if not args.no_lac:
        systems["lac"] = lac
        for value in args.thresholds.split(","):
            if value:
                systems[f"lac@{value}"] = lac_system(
                    tagger, cache, dict.fromkeys(TYPES, float(value))
                )
    cluener = args.data / "cluener_train.json"
    tune_part = split_cluener(read_cluener(cluener))["tune"] if cluener.is_file() else []
    if tune_part and not args.no_lac:
        tuned = tuned_thresholds(tagger, tune_part)
        print(f"LAC thresholds tuned on the CLUENER tuning part: {tuned}")
        systems["lac@tuned"] = lac_system(tagger, cache, tuned["tuned"])
        systems["lac@force"] = lac_system(tagger, cache, tuned["force"])
    if not args.no_lac:
        systems["model|lac"] = union_system(model, lac)
    ft, accurate = None, None
    if args.ft is not None:
        ft = LacNameTagger(args.ft)
        accurate = NameRecogniser(WEIGHTS.parent / "ner_lac.crfsuite", segmenter=segmenter)
        systems["accurate"] = accurate_system(accurate, segmenter)
        ft_cache: dict[tuple[str, ...], list] = {}
        systems["ft"] = lac_system(ft, ft_cache, None)
        if tune_part:
            ft_tuned = tuned_thresholds(ft, tune_part)
            matched = precision_matched(ft, tune_part, systems["accurate"])
            print(f"ft thresholds (tuning part): best F1 {ft_tuned['tuned']}")
            print(f"  at the accurate recogniser's tuning-part precision: {matched}")
            systems["ft@tuned"] = lac_system(ft, ft_cache, ft_tuned["tuned"])
            systems["ft@accP"] = lac_system(ft, ft_cache, matched)
            systems["accurate@force"] = accurate_system(accurate, segmenter, force=True)
            systems["ft@force"] = lac_system(ft, ft_cache, ft_tuned["force"])
    if args.tune_part:
        report("CLUENER train, tuning part (choices are made here)", tune_part, systems)
    else:
        report_sets(args.data, args.limit, systems)
    if not args.no_speed:
        speed(tagger, recogniser, segmenter, ft, accurate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
