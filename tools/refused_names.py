"""Every name the pipeline refuses, real or not, per refusing step (recall9).

Used by tools/trace_shown_names.py ``--refusals``: for each person/organisation the
recogniser returns in the pipeline at its shown-name threshold that the pipeline does not
show with that span and type, whether it is a gold name of its sentence and which step
refused it. A step whose refusals are mostly real names on CLUENER train's tuning part is
one to narrow; one whose refusals are mostly false names is doing its job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from names import locate
from ner_data import Sample

KINDS = ("PER", "ORG")


@dataclass
class Refusal:
    name: str
    kind: str
    real: bool
    cause: str
    detail: str
    sentence: str


def refusals(
    chunk: list[Sample],
    loaded: str,
    sentences: list[Any],
    records: list[Any],
    shown: set[tuple[int, int, str]],
    thresholds: dict[str, float],
    cause_of: Callable[[Any, int, int, str, float], tuple[str, str]],
) -> list[Refusal]:
    """Every person/organisation the recogniser returns in the pipeline at its shown-name
    threshold that the pipeline does not show with that span and type, whether it is a gold
    name of its sentence (``real``) or not, with the step that refused it: a step whose
    refusals are mostly real names is one to narrow."""
    spots = []
    cursor = 0
    for sample in chunk:
        at, end = locate(loaded, sample.text, cursor)
        cursor = end if at >= 0 else cursor
        spots.append((at, end, sample))
    out: list[Refusal] = []
    for sentence, rec in zip(sentences, records, strict=True):
        s0 = sentence.start
        for e in rec.entities:
            if e.type not in KINDS or e.confidence < thresholds[e.type]:
                continue
            a, b = s0 + e.start, s0 + e.end
            if (a, b, e.type) in shown:
                continue
            home = next(((at, s) for at, end, s in spots if 0 <= at <= a and b <= end), None)
            real = home is not None and (a - home[0], b - home[0], e.type) in home[1].spans
            cause, detail = cause_of(rec, e.start, e.end, e.type, thresholds[e.type])
            other = [f"{loaded[x:y]}/{t}" for x, y, t in shown if x < b and a < y]
            if other and cause in ("unexplained", "rendering/tokens lost it"):
                cause = "another name shown over it"
                detail = ", ".join(other)
            out.append(Refusal(rec.text[e.start : e.end], e.type, real, cause, detail, rec.text))
    return out


def print_refusals(refused: list[Refusal], examples: int) -> None:
    """Refusals per (type, cause, screen family): real names of all refused."""
    by: dict[tuple[str, str], list[Refusal]] = defaultdict(list)
    for x in refused:
        family = x.detail.split(" (")[0] if "screen: dropped" in x.cause else ""
        by[(x.kind, f"{x.cause} {family}".strip())].append(x)
    print("\nrefused at the shown-name threshold (real of refused):")
    for (kind, cause), xs in sorted(by.items(), key=lambda kv: (kv[0][0], -len(kv[1]))):
        real = sum(x.real for x in xs)
        print(f"\n{kind} {real:3d} of {len(xs):3d}  {cause}")
        for x in xs[:examples]:
            mark = "+" if x.real else "-"
            print(f"    {mark} {x.name}  [{x.detail}]  {x.sentence[:50]}")
