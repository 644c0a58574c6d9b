"""Shown-name thresholds of the accurate recogniser, tuned on what the pipeline shows.

    nice -n 10 .venv/bin/python tools/tune_shown_names.py --data /work/ner-data

tools/train_ner_lac.py tunes the thresholds on the recogniser's own spans; the pipeline
then screens them (glossary, ordinary words, reader/glossary/name_families.py), so a span
the recogniser is unsure of may now be shown more often right than wrong. This runs the
pipeline on CLUENER train's **tuning** part only (tools/ner_data.py ``split_cluener``;
never the held-out part) once at the shipped thresholds and once with the person and
organisation thresholds at ``--low``, keeping each auto name's confidence, then prints
pipeline P/R per threshold (the names a threshold would drop, dropped after the fact: a
name shown in the low run might have hidden a suffix name that the shipped run shows, so
check the chosen values with ``--at``). Options try the decoding variants of the issue:
``--floor`` (spans from the CRF's marginals) and ``--lac-persons`` (LAC's own persons
where the CRF found nothing).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

from names import locate  # noqa: E402
from ner_data import Sample, read_cluener, split_cluener  # noqa: E402

from reader.resources import Resources  # noqa: E402

OLD_TYPES = {"person": "PER", "place": "LOC", "product": "PRODUCT", "brand": "PRODUCT"}
# (start, end, type, confidence or None when no threshold can drop it)
Found = list[tuple[int, int, str, float | None]]


def pipeline_names(
    texts: list[str], resources: Resources, low: dict[str, float] | None
) -> list[Found]:
    """The pipeline's names in each text (as bench/names.py's "old-rules" row), with the
    recogniser's thresholds lowered to ``low`` for the run when given."""
    from reader.glossary import load_glossary
    from reader.load import load_bytes
    from reader.pipeline import Options, annotate

    recogniser = resources.recogniser
    assert recogniser is not None
    shipped = dict(recogniser.thresholds)  # type: ignore[attr-defined]
    if low:
        recogniser.thresholds.update(low)  # type: ignore[attr-defined]
    options = Options(glossary=load_glossary())
    out: list[Found] = []
    try:
        for first in range(0, len(texts), 200):
            chunk = texts[first : first + 200]
            loaded = load_bytes("\n\n".join(chunk).encode("utf-8"), "tune.txt")
            article = annotate(loaded, options, resources)
            hits = sorted(
                {
                    (
                        t.start,
                        t.end,
                        OLD_TYPES.get(t.glossary.type, "ORG"),
                        # a recogniser's auto name; glossary names and suffix names stay
                        t.glossary.confidence
                        if t.glossary.source == "auto" and t.glossary.confidence < 1.0
                        else None,
                    )
                    for p in article.paragraphs
                    for s in p.sentences
                    for t in s.tokens
                    if t.glossary is not None
                }
            )
            cursor = 0
            for text in chunk:
                at, end = locate(loaded.text, text, cursor)
                out.append(
                    [(a - at, b - at, k, c) for a, b, k, c in hits if 0 <= at <= a and b <= end]
                )
                cursor = end if at >= 0 else cursor
    finally:
        recogniser.thresholds.clear()  # type: ignore[attr-defined]
        recogniser.thresholds.update(shipped)  # type: ignore[attr-defined]
    return out


def counts(gold: list[Sample], found: list[Found], kind: str, cut: float) -> tuple[int, int, int]:
    """(true positives, marked, gold) of ``kind`` when auto names below ``cut`` are dropped."""
    tp = pred = total = 0
    for s, spans in zip(gold, found, strict=True):
        g = {(a, b) for a, b, k in s.spans if k == kind}
        p = {(a, b) for a, b, k, c in spans if k == kind and (c is None or c >= cut)}
        tp, pred, total = tp + len(g & p), pred + len(p), total + len(g)
    return tp, pred, total


def dump(path: Path, gold: list[Sample], found: list[Found]) -> None:
    """Every shown and every gold person/organisation, one a line (sentence, span, type,
    text, right/wrong/missed), to compare two runs line by line."""
    rows = []
    for i, (s, spans) in enumerate(zip(gold, found, strict=True)):
        g = {(a, b, k) for a, b, k in s.spans if k in ("PER", "ORG")}
        p = {(a, b, k) for a, b, k, _ in spans if k in ("PER", "ORG")}
        for a, b, k in sorted(g | p):
            mark = (
                "right"
                if (a, b, k) in g and (a, b, k) in p
                else "wrong"
                if (a, b, k) in p
                else "missed"
            )
            rows.append(f"{i}\t{a}\t{b}\t{k}\t{s.text[a:b]}\t{mark}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def line(label: str, tp: int, pred: int, total: int) -> str:
    p, r = (tp / pred if pred else 0.0), (tp / total if total else 0.0)
    return f"{label:>10}  P {p * 100:5.1f}  R {r * 100:5.1f}  ({tp}/{pred}, gold {total})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "ner")
    parser.add_argument("--low", type=float, default=0.1, help="PER/ORG threshold of the sweep")
    parser.add_argument("--floor", type=float, default=None, help="marginal floor to try")
    parser.add_argument("--lac-persons", type=float, default=None, help="LAC person floor")
    parser.add_argument("--at", type=str, default=None, help="PER,ORG: one run at these")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--dump", type=Path, default=None, help="with --at: write every shown PER/ORG here"
    )
    args = parser.parse_args()
    gold = split_cluener(read_cluener(args.data / "cluener_train.json"))["tune"][: args.limit]
    texts = [s.text for s in gold]
    resources = Resources()
    recogniser = resources.recogniser
    assert recogniser is not None
    recogniser.marginal_floor = args.floor  # type: ignore[attr-defined]
    if args.lac_persons is not None:
        recogniser.lac_person_floor = args.lac_persons  # type: ignore[attr-defined]
    shipped = dict(recogniser.thresholds)  # type: ignore[attr-defined]
    print(f"tuning part: {len(gold)} sentences; shipped thresholds {shipped}")
    print(f"marginal floor {args.floor}, LAC person floor {args.lac_persons}")
    if args.at:
        per, org = (float(v) for v in args.at.split(","))
        found = pipeline_names(texts, resources, {"PER": per, "ORG": org})
        print(f"pipeline at PER {per}, ORG {org}:")
        both = [0, 0]
        for kind in ("PER", "ORG"):
            tp, pred, total = counts(gold, found, kind, 0.0)
            both = [both[0] + tp, both[1] + pred]
            print(line(kind, tp, pred, total))
        print(f"P(per+org) {both[0] / both[1] * 100:.1f}")
        if args.dump:
            dump(args.dump, gold, found)
        return 0
    low = {"PER": args.low, "ORG": args.low}
    found = pipeline_names(texts, resources, low)
    for kind in ("PER", "ORG"):
        print(f"\n{kind}: auto names below the threshold dropped after a run at {args.low}")
        cut = args.low
        while cut <= 0.96:
            print(line(f"{cut:.2f}", *counts(gold, found, kind, cut)))
            cut = round(cut + 0.02, 2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
