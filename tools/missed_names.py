"""Every gold person and organisation the pipeline misses, by where it is lost.

    nice -n 10 .venv/bin/python tools/missed_names.py --data /work/ner-data

tools/trace_shown_names.py explains only the names the recogniser found exactly (span and
type, at its shown-name threshold); most of the missed names never got that far. This
takes every gold person/organisation of CLUENER train's **tuning** part (tools/ner_data.py
``split_cluener``; never the held-out part) that the pipeline does not show with its exact
span and type, and puts it in one family by what the recogniser alone (every span it
returns, whatever its confidence) and the pipeline made of it:

- ``never found``: no recogniser span overlaps it;
- ``typed wrong``: a recogniser span with the exact edges and another type;
- ``boundary``: only recogniser spans with other edges overlap it;
- ``below threshold``: the exact span and type, below the shown-name threshold;
- ``pipeline lost``: the exact span and type at the threshold (trace_shown_names.py says
  which step dropped it).

Each family is split by what the pipeline shows over the name (nothing, a glossary or auto
name of other edges or type) and whether the name is written in Han characters.
``--dump FILE`` writes one JSON line per missed name.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

from ner_data import read_cluener, split_cluener  # noqa: E402
from tune_shown_names import pipeline_names  # noqa: E402

from reader.resources import Resources  # noqa: E402

KINDS = ("PER", "ORG")
Spans = list[tuple[int, int, str, float]]


def recogniser_spans(texts: list[str], resources: Resources) -> list[Spans]:
    """Every span the recogniser alone returns per sentence, with its confidence."""
    recogniser: Any = resources.recogniser
    segmenter = resources.segmenter
    out: list[Spans] = []
    for first in range(0, len(texts), 200):
        chunk = texts[first : first + 200]
        recogniser.prepare(chunk)
        for text in chunk:
            words = segmenter.cut(text)
            pos = [segmenter.tag(text[a:b]) for a, b in words]
            out.append(
                [
                    (e.start, e.end, e.type, e.confidence)
                    for e in recogniser.recognise(text, words, pos)
                ]
            )
    return out


def is_han(name: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" or ch in "·•‧・" for ch in name)


def family(a: int, b: int, kind: str, spans: Spans, thresholds: dict[str, float]) -> str:
    exact = [s for s in spans if s[:2] == (a, b)]
    if any(s[2] == kind and s[3] >= thresholds[kind] for s in exact):
        return "pipeline lost"
    if any(s[2] == kind for s in exact):
        return "below threshold"
    if exact:
        return "typed wrong"
    if any(s[0] < b and a < s[1] for s in spans):
        return "boundary"
    return "never found"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "ner")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--dump", type=Path, default=None)
    parser.add_argument("--examples", type=int, default=12)
    args = parser.parse_args()
    gold = split_cluener(read_cluener(args.data / "cluener_train.json"))["tune"][: args.limit]
    texts = [s.text for s in gold]
    resources = Resources()
    recogniser: Any = resources.recogniser
    thresholds = dict(recogniser.thresholds)
    own = recogniser_spans(texts, resources)
    shown = pipeline_names(texts, resources, None)
    rows: list[dict[str, Any]] = []
    for s, spans, names in zip(gold, own, shown, strict=True):
        for a, b, kind in s.spans:
            if kind not in KINDS or any((x, y, k) == (a, b, kind) for x, y, k, _ in names):
                continue
            over = [f"{s.text[x:y]}/{k}" for x, y, k, _ in names if x < b and a < y]
            near = [f"{s.text[x:y]}/{k}/{c:.2f}" for x, y, k, c in spans if x < b and a < y]
            rows.append(
                {
                    "name": s.text[a:b],
                    "kind": kind,
                    "family": family(a, b, kind, spans, thresholds),
                    "script": "Han" if is_han(s.text[a:b]) else "non-Han",
                    "shown": ", ".join(over),
                    "recogniser": ", ".join(near),
                    "sentence": s.text,
                }
            )
    for kind in KINDS:
        total = sum(1 for s in gold for x in s.spans if x[2] == kind)
        mine = [r for r in rows if r["kind"] == kind]
        print(f"\n{kind}: gold {total}, missed {len(mine)}")
        by: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in mine:
            by[r["family"]].append(r)
        for fam, rs in sorted(by.items(), key=lambda kv: -len(kv[1])):
            split = Counter(
                (r["script"], "something shown over it" if r["shown"] else "nothing shown")
                for r in rs
            )
            print(f"  {len(rs):4d}  {fam}  {dict(split)}")
            for r in rs[: args.examples]:
                print(f"        {r['name']}  rec [{r['recogniser']}]  shown [{r['shown']}]")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
