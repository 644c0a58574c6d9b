"""Where the pipeline loses the names its recogniser found: one cause per lost name.

    nice -n 10 .venv/bin/python tools/trace_shown_names.py --data /work/ner-data

Runs the accurate recogniser alone on each sentence of CLUENER train's **tuning** part
(tools/ner_data.py ``split_cluener``; never the held-out part) and the pipeline on the same
sentences (as tools/tune_shown_names.py: 200 sentences an article), recording what each
step of reader/glossary/decide.py made of the recogniser's spans. For every gold person or
organisation the recogniser alone found with its exact span and type (at its shown-name
threshold) but the pipeline does not show so, prints the first step that dropped or changed
it, with counts per cause and examples. ``--dump FILE`` writes the lost names as JSON lines.

``--refusals`` also counts every person/organisation the recogniser returns in the pipeline
at its shown-name threshold and the pipeline does not show, real (a gold name) or not, per
refusing step: a step whose refusals are mostly real names is one to narrow (recall9).
``--part train`` runs on the recogniser's own training sentences instead, where the screens
were never tuned: the recogniser there returns nearly every gold name, so it says which steps
drop real names on unseen sentences (families to look for), never how precise a change is.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

from names import OLD_TYPES, locate  # noqa: E402
from ner_data import Sample, read_cluener, split_cluener  # noqa: E402
from refused_names import Refusal, print_refusals, refusals  # noqa: E402

from reader.resources import Resources  # noqa: E402

KINDS = ("PER", "ORG")


@dataclass
class Record:
    """What decide.NameDecider.sentence saw and did in one pipeline sentence."""

    text: str = ""
    entities: list[Any] = field(default_factory=list)
    candidates: list[Any] = field(default_factory=list)
    hits: list[Any] = field(default_factory=list)
    unclaimed: list[Any] = field(default_factory=list)
    screened: list[tuple[list[Any], list[Any], bool]] = field(default_factory=list)
    found: list[Any] = field(default_factory=list)
    decider: Any = None


class Tracer:
    """Wraps the steps of reader/glossary/decide.py to record each sentence (a tool only:
    the wrappers are installed for one run and removed after)."""

    def __init__(self) -> None:
        self.records: list[Record] = []
        self._undo: list[Callable[[], None]] = []

    def _patch(self, owner: Any, name: str, make: Callable[[Any], Any]) -> None:
        old = getattr(owner, name)
        setattr(owner, name, make(old))
        self._undo.append(lambda: setattr(owner, name, old))

    def install(self, recogniser: Any) -> None:
        import reader.glossary.decide as decide
        import reader.glossary.name_families as families

        tracer = self

        def sentence(old: Any) -> Any:
            def run(self: Any, text: str, simplified: str, words: Any, tags: Any) -> Any:
                tracer.records.append(Record(text=simplified, decider=self))
                out = old(self, text, simplified, words, tags)
                tracer.records[-1].found = list(out.found)
                tracer.records[-1].hits = list(out.hits)
                return out

            return run

        def recognise(old: Any) -> Any:
            def run(*args: Any, **kwargs: Any) -> Any:
                out = old(*args, **kwargs)
                tracer.records[-1].entities = list(out)
                return out

            return run

        def judge(old: Any) -> Any:
            def run(candidates: Any, *args: Any, **kwargs: Any) -> Any:
                tracer.records[-1].candidates = list(candidates)
                return old(candidates, *args, **kwargs)

            return run

        def unclaimed(old: Any) -> Any:
            def run(*args: Any, **kwargs: Any) -> Any:
                out = old(*args, **kwargs)
                tracer.records[-1].unclaimed = list(out)
                return out

            return run

        def screen(old: Any) -> Any:
            def run(entities: Any, text: str, lac: Any, agreement: bool = True, **kw: Any) -> Any:
                out = old(entities, text, lac, agreement, **kw)
                tracer.records[-1].screened.append((list(entities), list(out), agreement))
                return out

            return run

        self._patch(decide.NameDecider, "sentence", sentence)
        self._patch(recogniser, "recognise", recognise)
        self._patch(decide, "judge", judge)
        self._patch(decide, "unclaimed", unclaimed)
        self._patch(families, "screen", screen)

    def remove(self) -> None:
        while self._undo:
            self._undo.pop()()


def alone(gold: list[Sample], resources: Resources) -> list[set[tuple[int, int, str]]]:
    """The recogniser's own spans per sentence at its shown-name thresholds (whole text)."""
    recogniser: Any = resources.recogniser
    segmenter = resources.segmenter
    out = []
    for first in range(0, len(gold), 200):
        chunk = [s.text for s in gold[first : first + 200]]
        recogniser.prepare(chunk)
        for text in chunk:
            words = segmenter.cut(text)
            pos = [segmenter.tag(text[a:b]) for a, b in words]
            found = recogniser.recognise(text, words, pos)
            out.append(
                {
                    (e.start, e.end, e.type)
                    for e in found
                    if e.confidence >= recogniser.thresholds[e.type]
                }
            )
    return out


@dataclass
class Lost:
    sentence: str
    name: str
    kind: str
    cause: str
    detail: str = ""


def family_of(entity: Any, text: str, lac: Any, agreement: bool) -> str:
    """The name-family that drops or changes ``entity`` (reader/glossary/name_families.py):
    the labelled checks of reader/glossary/family_checks.py in the screen's order, else the
    screen's own verdict."""
    import reader.glossary.family_checks as fc
    import reader.glossary.name_families as nf

    rules = nf.get_families()
    name = text[entity.start : entity.end]
    if fc.head_before_a_verb(name, rules) is not None:
        return "run on into a verb"
    if fc.is_era(text[entity.end - 2 : entity.end], text[entity.end :], rules):
        return "reign period"
    if entity.type == "PER" and fc.is_relation(name, rules):
        return "relation/title"
    if fc.is_a_taxon(name, text[entity.end :], rules):
        return "taxon"
    senses = fc.dictionary_senses(name)
    if fc.names_a_belief_or_people(senses, rules):
        return "religion/people"
    if entity.type == "ORG" and fc.is_a_nations_army(name, senses, rules):
        return "a nation's army (group_end)"
    if entity.type == "ORG" and name.endswith(rules.event_ends):
        return "an event (event_ends)"
    view = fc.lac_view(entity, lac) if lac is not None else None
    if entity.type == "ORG" and fc.is_a_nations_service(name, entity, lac, rules):
        return "a nation's service"
    if senses and fc.only_a_place(senses, entity, view, rules):
        return "place by CC-CEDICT (+LAC)"
    verdict = nf._verdict(entity, text, lac, agreement, rules)
    floor = rules.disagreement_floor.get(entity.type) if agreement else None
    if verdict == "drop" and view in ("none", "across") and floor is not None:
        read = " ".join(
            f"{text[a:b]}/{tag}" for a, b, tag in lac or () if a < entity.end and entity.start < b
        )
        return f"taggers disagree ({view}) below floor: LAC {read}"
    return f"other screen family (verdict {verdict}, LAC {view})"


def cause_of(rec: Record, a: int, b: int, kind: str, threshold: float) -> tuple[str, str]:
    """Why the exact name ``[a, b)`` of ``kind`` is not shown (sentence offsets)."""
    exact = [e for e in rec.entities if (e.start, e.end, e.type) == (a, b, kind)]
    if not exact or exact[0].confidence < threshold:
        near = [
            f"{rec.text[e.start : e.end]}/{e.type}/{e.confidence:.2f}"
            for e in rec.entities
            if e.start < b and a < e.end
        ]
        return "recogniser differs in the pipeline", ", ".join(near) or "nothing"
    entity = exact[0]
    for h in rec.hits:
        if h.start < b and a < h.end:
            same = (h.start, h.end) == (a, b)
            what = "same span, type " + h.type if same else f"{h.term}/{h.type}"
            return ("glossary match, same span" if same else "glossary match overlaps"), what
    for c in rec.candidates:
        if c.blocked and c.hit.start < b and a < c.hit.end:
            return "glossary block rule", c.hit.term
    if not any((e.start, e.end) == (a, b) for e in rec.unclaimed):
        others = [
            f"{rec.text[e.start : e.end]}/{e.type}"
            for e in rec.unclaimed
            if e.start < b and a < e.end
        ]
        if others:
            return "overlapping entity kept", ", ".join(others)
        blocked = [
            c.hit.term for c in rec.candidates if c.blocked and c.hit.start < b and a < c.hit.end
        ]
        return "not unclaimed", ", ".join(blocked)
    kept = {(h.start, h.end) for h in rec.hits}
    turned = [
        c.hit
        for c in rec.candidates
        if (c.hit.start, c.hit.end) not in kept
        and not c.affiliations
        and c.hit.start <= a
        and b <= c.hit.end
    ]
    if turned:
        return "inside a turned-down glossary match", f"{turned[0].term}/{turned[0].type}"
    name = rec.text[a:b]
    decider = rec.decider
    if decider._ordinary(name):
        return "ordinary word (CC-CEDICT common senses)", ""
    if decider._starts_with_a_word(name, entity):
        return "person starting with a word", ""
    try:
        from reader.glossary.latin_names import latin_name_shown
    except ImportError:  # a checkout before the sixth round
        pass
    else:
        limit = decider._force_limit(entity)
        if not latin_name_shown(name, kind, entity.confidence, limit):
            return "Latin letters, below the forcing threshold", f"{entity.confidence:.2f}"
    for before, after, agreement in rec.screened[:1]:
        if any((e.start, e.end) == (a, b) for e in before):
            out = [e for e in after if e.start < b and a < e.end]
            if not out:
                recogniser = decider.recogniser
                lac = recogniser.lac_words(rec.text)
                return "false-name screen: dropped", family_of(entity, rec.text, lac, agreement)
            changed = out[0]
            if (changed.start, changed.end, changed.type) != (a, b, kind):
                return (
                    "false-name screen: changed",
                    f"{rec.text[changed.start : changed.end]}/{changed.type}",
                )
    if any((e.start, e.end, e.type) == (a, b, kind) for e in rec.found):
        if not any("\u4e00" <= ch <= "\u9fff" for ch in name):
            return "not rendered: Latin letters", f"{entity.confidence:.2f}"
        if not all("\u4e00" <= ch <= "\u9fff" or ch in "·•‧・" for ch in name):
            return "not rendered: Han mixed with Latin, digits or marks", f"{entity.confidence:.2f}"
        return "rendering/tokens lost it", ""
    return "unexplained", ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "ner")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--dump", type=Path, default=None)
    parser.add_argument("--examples", type=int, default=8)
    parser.add_argument(
        "--part",
        choices=("tune", "train"),
        default="tune",
        help="CLUENER train's part (train: the recogniser's own training sentences, where the"
        " screens were never tuned; a place to look for families, not to decide)",
    )
    parser.add_argument(
        "--refusals",
        action="store_true",
        help="also count every recogniser name the pipeline refuses, real or not, per cause",
    )
    args = parser.parse_args()
    from reader.glossary import load_glossary
    from reader.load import load_bytes
    from reader.pipeline import Options, annotate

    gold = split_cluener(read_cluener(args.data / "cluener_train.json"))[args.part][: args.limit]
    resources = Resources()
    recogniser: Any = resources.recogniser
    own = alone(gold, resources)
    tracer = Tracer()
    tracer.install(recogniser)
    options = Options(glossary=load_glossary())
    lost: list[Lost] = []
    refused: list[Refusal] = []
    shown_all: list[set[tuple[int, int, str]]] = []
    try:
        for first in range(0, len(gold), 200):
            chunk = gold[first : first + 200]
            tracer.records.clear()
            loaded = load_bytes("\n\n".join(s.text for s in chunk).encode("utf-8"), "t.txt")
            article = annotate(loaded, options, resources)
            sentences = list(article.sentences())
            assert len(sentences) == len(tracer.records), (len(sentences), len(tracer.records))
            shown = {
                (t.start, t.end, OLD_TYPES.get(t.glossary.type, "ORG"))
                for s in sentences
                for t in s.tokens
                if t.glossary is not None
            }
            if args.refusals:
                refused += refusals(
                    chunk,
                    loaded.text,
                    sentences,
                    tracer.records,
                    shown,
                    recogniser.thresholds,
                    cause_of,
                )
            cursor = 0
            for i, sample in enumerate(chunk):
                at, end = locate(loaded.text, sample.text, cursor)
                cursor = end if at >= 0 else cursor
                mine = {
                    (a - at, b - at, k) for a, b, k in shown if at >= 0 and at <= a and b <= end
                }
                shown_all.append(mine)
                for a, b, kind in sample.spans:
                    if kind not in KINDS or (a, b, kind) not in own[first + i]:
                        continue
                    if (a, b, kind) in mine:
                        continue
                    name = sample.text[a:b]
                    if at < 0:
                        lost.append(Lost(sample.text, name, kind, "sentence not located"))
                        continue
                    k = next(
                        (
                            k
                            for k, s in enumerate(sentences)
                            if s.start <= at + a and at + b <= s.end
                        ),
                        None,
                    )
                    if k is None:
                        lost.append(Lost(sample.text, name, kind, "split across sentences"))
                        continue
                    s0 = sentences[k].start
                    cause, detail = cause_of(
                        tracer.records[k],
                        at + a - s0,
                        at + b - s0,
                        kind,
                        recogniser.thresholds[kind],
                    )
                    other = [
                        f"{loaded.text[x:y]}/{t}" for x, y, t in shown if x < at + b and at + a < y
                    ]
                    if other and cause in ("unexplained", "rendering/tokens lost it"):
                        cause = (
                            "rendered as a place (CC-CEDICT)"
                            if other == [f"{name}/LOC"]
                            else "another name shown over it (suffix rules)"
                        )
                    detail = "; ".join(
                        filter(None, [detail, "shown: " + ", ".join(other) if other else ""])
                    )
                    lost.append(Lost(sample.text, name, kind, cause, detail))
    finally:
        tracer.remove()
    for kind in KINDS:
        gold_n = sum(1 for s in gold for x in s.spans if x[2] == kind)
        own_tp = sum(
            1 for s, o in zip(gold, own, strict=True) for x in s.spans if x[2] == kind and x in o
        )
        own_n = sum(1 for o in own for x in o if x[2] == kind)
        tp = sum(
            1
            for s, o in zip(gold, shown_all, strict=True)
            for x in s.spans
            if x[2] == kind and x in o
        )
        shown_n = sum(1 for o in shown_all for x in o if x[2] == kind)
        print(
            f"{kind}: gold {gold_n}; recogniser alone {own_tp}/{own_n} "
            f"(P {own_tp / own_n * 100:.1f} R {own_tp / gold_n * 100:.1f}); "
            f"pipeline {tp}/{shown_n} (P {tp / shown_n * 100:.1f} R {tp / gold_n * 100:.1f}); "
            f"found alone, not shown: {sum(1 for x in lost if x.kind == kind)}"
        )
    by: dict[tuple[str, str], list[Lost]] = defaultdict(list)
    for x in lost:
        by[(x.kind, x.cause)].append(x)
    totals = Counter({key: len(v) for key, v in by.items()})
    for (kind, cause), n in sorted(totals.items(), key=lambda kv: (kv[0][0], -kv[1])):
        sub = Counter(
            x.detail.split(" (")[0] if "screen" in cause else "" for x in by[(kind, cause)]
        )
        print(f"\n{kind} {n:4d}  {cause}" + (f"  {dict(sub)}" if "screen" in cause else ""))
        for x in by[(kind, cause)][: args.examples]:
            print(f"      {x.name}  [{x.detail}]  {x.sentence[:60]}")
    if args.refusals:
        print_refusals(refused, args.examples)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for x in lost:
                out.write(json.dumps(x.__dict__, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
