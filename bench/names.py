"""Name recognition measured: the trained CRF vs jieba's POS tags vs the old rule-based names.

Run: .venv/bin/python bench/names.py [--data data/ner] [--limit N]

Prints, side by side: the model at its shown-name thresholds, at its forcing thresholds
(model@force), with the glossary's matches as evidence (model+gloss), earlier weights when
--before is given, jieba's POS tags and the old rule-based names:
  (i)   precision / recall / F1 per type on the held-out 10 % of CLUENER train (never trained
        or tuned on; tools/ner_data.py fixes the split);
  (ii)  the same on second public sets the model never saw: MSRA test and Weibo NER test;
  (iii) candidate false names per 10,000 characters of ordinary text: person, organisation
        and product spans (places are not counted) marked in the sentences of ../shared/eval/cpp-dev/dev.sent (polyphone
        sentences, not a names corpus) whose text is in no shipped glossary file. This is an
        upper bound: those sentences also hold real names (克里米亚, 斯考尔); a fixed-seed
        sample of the model's spans is printed for a hand check.
  and milliseconds per 10,000 characters.
Matching is exact (same start, end and type). The data comes from DATA.md; without it, or
without ../shared, the part that needs it is skipped with a message.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from ner_data import (  # noqa: E402
    WEIBO_TYPES,
    Sample,
    read_cluener,
    read_conll,
    split_cluener,
)

from reader.annotate.names_model import NameRecogniser  # noqa: E402
from reader.segment.words import Segmenter  # noqa: E402

CPP_DEV = ROOT.parent / "shared" / "eval" / "cpp-dev" / "dev.sent"
SAMPLE = ROOT.parent / "shared" / "articles" / "zhidx-hangzhou-silicon-valley.txt"
WEIGHTS = ROOT / "reader" / "data" / "ner.crfsuite"
TYPES = ("PER", "ORG", "LOC")
JIEBA_TYPES = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG"}
# glossary types → ours (everything that is neither a person, a place nor a product is an
# organisation: company, media, agency, university, investor, lab, org)
OLD_TYPES = {"person": "PER", "place": "LOC", "product": "PRODUCT", "brand": "PRODUCT"}
Spans = list[tuple[int, int, str]]
System = Callable[[list[str]], list[Spans]]


def model_system(
    recogniser: NameRecogniser, segmenter: Segmenter, thresholds: dict[str, float] | None = None
) -> System:
    """The model's names at ``thresholds`` (default: its tuned shown-name thresholds)."""
    cut = thresholds if thresholds is not None else recogniser.thresholds

    def run(texts: list[str]) -> list[Spans]:
        out = []
        for text in texts:
            words = segmenter.cut(text)
            pos = [segmenter.tag(text[a:b]) for a, b in words]
            found = recogniser.recognise(text, words=words, pos=pos)
            out.append([(e.start, e.end, e.type) for e in found if e.confidence >= cut[e.type]])
        return out

    return run


def recogniser_cues() -> Path:
    return WEIGHTS.parent / "ner_cues.tsv"


def glossary_lexicon() -> dict[str, str]:
    """Every term and alias of the shipped glossary files → our type (first file wins)."""
    lexicon: dict[str, str] = {}
    for path in sorted((ROOT / "glossaries").glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 3 or cols[0] == "zh":
                continue
            kind = OLD_TYPES.get(cols[2], "ORG")
            for term in [cols[0], *(cols[3].split("|") if len(cols) > 3 else [])]:
                if len(term) >= 2:
                    lexicon.setdefault(term, kind)
    return lexicon


def lexicon_matches(text: str, lexicon: dict[str, str]) -> Spans:
    """Longest match left to right: a stand-in for the pipeline's glossary hits."""
    found, i = [], 0
    while i < len(text):
        for length in range(min(12, len(text) - i), 1, -1):
            kind = lexicon.get(text[i : i + length])
            if kind:
                found.append((i, i + length, kind))
                i += length
                break
        else:
            i += 1
    return found


def model_gloss_system(recogniser: NameRecogniser, segmenter: Segmenter) -> System:
    """The model given the glossary's matches as evidence (as the integrated pipeline will)."""
    lexicon = glossary_lexicon()

    def run(texts: list[str]) -> list[Spans]:
        out = []
        for text in texts:
            words = segmenter.cut(text)
            pos = [segmenter.tag(text[a:b]) for a, b in words]
            found = recogniser.names(
                text, words=words, pos=pos, lexicon_spans=lexicon_matches(text, lexicon)
            )
            out.append([(e.start, e.end, e.type) for e in found])
        return out

    return run


def jieba_system(segmenter: Segmenter) -> System:
    def run(texts: list[str]) -> list[Spans]:
        out = []
        for text in texts:
            spans = []
            for a, b in segmenter.cut(text):
                kind = JIEBA_TYPES.get(segmenter.tag(text[a:b]))
                if kind:
                    spans.append((a, b, kind))
            out.append(spans)
        return out

    return run


def old_system() -> System:
    """The current pipeline's names: glossary hits and auto names (token.glossary)."""
    from reader.glossary import load_glossary
    from reader.load import load_bytes
    from reader.pipeline import Options, annotate

    options = Options(glossary=load_glossary())

    def run(texts: list[str]) -> list[Spans]:
        out: list[Spans] = []
        for start in range(0, len(texts), 200):  # one article per 200 sentences
            chunk = texts[start : start + 200]
            loaded = load_bytes("\n\n".join(chunk).encode("utf-8"), "bench.txt")
            article = annotate(loaded, options)
            # the name token's own span (a name is one token; an auto hit's offsets are
            # not what is measured here)
            hits = sorted(
                {
                    (t.start, t.end, t.glossary.type)
                    for p in article.paragraphs
                    for s in p.sentences
                    for t in s.tokens
                    if t.glossary is not None
                }
            )
            cursor = 0
            for text in chunk:  # sentences appear in order in the loaded text
                at, end = locate(loaded.text, text, cursor)
                out.append(
                    [
                        (a - at, b - at, OLD_TYPES.get(kind, "ORG"))
                        for a, b, kind in hits
                        if at >= 0 and at <= a and b <= end
                    ]
                )
                cursor = end if at >= 0 else cursor
        return out

    return run


def locate(loaded: str, text: str, cursor: int) -> tuple[int, int]:
    """Where ``text`` (one sentence of a set) is in the loaded article, searching from
    ``cursor``: (start, end), start -1 when absent. The loader drops a line's trailing
    hyphen (a word broken across lines: 5- of 5-10), so a sentence ending in one is looked
    up without its last characters (8 of the CLUENER tuning part's 1,075 sentences; before,
    their names all counted as missed)."""
    for cut in range(min(3, len(text) - 1) + 1):
        head = text[: len(text) - cut]
        at = loaded.find(head, cursor)
        if at >= 0:
            return at, at + len(head)
    return -1, -1


def prf(gold: Sequence[Sample], found: Sequence[Spans], kind: str) -> tuple[float, float, float]:
    tp = pred = total = 0
    for s, spans in zip(gold, found, strict=True):
        g = {(a, b) for a, b, k in s.spans if k == kind}
        p = {(a, b) for a, b, k in spans if k == kind}
        tp, pred, total = tp + len(g & p), pred + len(p), total + len(g)
    p_, r_ = (tp / pred if pred else 0.0), (tp / total if total else 0.0)
    return p_, r_, (2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0)


def precision_per_org(gold: Sequence[Sample], found: Sequence[Spans]) -> float:
    """Share of marked person/organisation spans that are a gold person/organisation."""
    tp = pred = 0
    for s, spans in zip(gold, found, strict=True):
        g = {(a, b, k) for a, b, k in s.spans if k in ("PER", "ORG")}
        p = {(a, b, k) for a, b, k in spans if k in ("PER", "ORG")}
        tp, pred = tp + len(g & p), pred + len(p)
    return tp / pred if pred else 0.0


def report(name: str, gold: list[Sample], systems: dict[str, System]) -> None:
    texts = [s.text for s in gold]
    print(f"\n== {name}: {len(gold)} sentences, {sum(map(len, texts))} chars")
    print(f"{'system':10} " + " ".join(f"{t + ' P/R/F1':>20}" for t in TYPES) + "  P(per+org)")
    for sys_name, run in systems.items():
        found = run(texts)
        cells = []
        for kind in TYPES:
            p, r, f = prf(gold, found, kind)
            cells.append(f"{p * 100:5.1f}/{r * 100:5.1f}/{f * 100:5.1f}".rjust(20))
        print(
            f"{sys_name:10} " + " ".join(cells) + f"  {precision_per_org(gold, found) * 100:9.1f}"
        )


def glossary_terms() -> set[str]:
    terms: set[str] = set()
    for path in sorted((ROOT / "glossaries").glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            cols = line.split("\t")
            terms.add(cols[0])
            if len(cols) > 3:
                terms.update(a for a in cols[3].split("|") if a)
    return terms


def false_names(systems: dict[str, System], limit: int) -> None:
    if not CPP_DEV.is_file():
        print(f"\n(iii) skipped: {CPP_DEV} not found (shared eval data; see DATA.md)")
        return
    lines = CPP_DEV.read_text(encoding="utf-8").splitlines()
    texts = [line.replace("\u2581", "").strip() for line in lines if line.strip()][:limit]
    chars = sum(map(len, texts))
    known = glossary_terms()
    print(f"\n== (iii) ordinary text: CPP dev, {len(texts)} sentences, {chars} chars")
    print(f"{'system':10} {'names marked /10k':>20} {'not in glossary /10k':>21} {'ms /10k':>8}")
    for sys_name, run in systems.items():
        t = time.perf_counter()
        found = run(texts)
        ms = (time.perf_counter() - t) * 1000 / chars * 10_000
        marked = [
            (i, text[a:b], k)
            for i, (text, spans) in enumerate(zip(texts, found, strict=True))
            for a, b, k in spans
            if k != "LOC"
        ]
        unknown = [m for m in marked if m[1] not in known]
        print(
            f"{sys_name:10} {len(marked) / chars * 10_000:20.1f} "
            f"{len(unknown) / chars * 10_000:21.1f} {ms:8.1f}"
        )
        if sys_name in ("model", "model@force") and unknown:
            sample = random.Random(14).sample(unknown, min(50, len(unknown)))
            print(f"  hand-check sample ({sys_name}, not in glossary):")
            for i, span, kind in sample:
                print(f"    {kind} {span}\t{texts[i]}")


def sample_sentences(
    segmenter: Segmenter,
) -> tuple[str, list[tuple[str, list[tuple[int, int]], list[str]]]]:
    """The sample article's text and its sentences, each with its words and their tags
    (as the pipeline gives them to the recogniser)."""
    from reader.load import load_path
    from reader.segment.sentences import split_sentences

    text = load_path(str(SAMPLE)).text
    given = []
    for a, b in split_sentences(text):
        sentence = text[a:b]
        words = segmenter.cut(sentence)
        given.append((sentence, words, [segmenter.tag(sentence[x:y]) for x, y in words]))
    return text, given


def sample_speed(recognisers: dict[str, NameRecogniser], segmenter: Segmenter) -> None:
    """Warm recognition of the sample article, sentence by sentence, with the words and tags
    given (as the pipeline has them), best of 5 rounds for each recogniser in turn."""
    if not SAMPLE.is_file():
        print(f"\nsample speed skipped: {SAMPLE} not found")
        return
    text, given = sample_sentences(segmenter)
    sentences = [sentence for sentence, _words, _pos in given]
    best = {name: float("inf") for name in [*recognisers, "jieba cut+tag"]}
    for _ in range(5):
        for name, recogniser in recognisers.items():
            t = time.perf_counter()
            for sentence, words, pos in given:
                recogniser.recognise(sentence, words=words, pos=pos)
            best[name] = min(best[name], time.perf_counter() - t)
        t = time.perf_counter()
        for sentence in sentences:
            for a, b in segmenter.cut(sentence):
                segmenter.tag(sentence[a:b])
        best["jieba cut+tag"] = min(best["jieba cut+tag"], time.perf_counter() - t)
    print(f"\n== warm speed on {SAMPLE.name}: {len(text)} chars, {len(sentences)} sentences")
    for name, seconds in best.items():
        print(f"{name:34} {seconds * 1000:7.1f} ms")


def report_sets(data: Path, limit: int | None, systems: dict[str, System]) -> None:
    """``report`` on the three evaluation sets: CLUENER train's held-out part, MSRA test
    and Weibo NER test (a set whose file is missing is skipped with a line)."""
    sets = {
        "(i) CLUENER train, held-out 10 %": data / "cluener_train.json",
        "(ii) MSRA test": data / "msra_test_bio.txt",
        "(ii) Weibo NER test": data / "weibo_test.conll",
    }
    for name, path in sets.items():
        if not path.is_file():
            print(f"\n{name}: skipped, {path} not found (extract it as DATA.md says)")
            continue
        if path.suffix == ".json":
            gold = split_cluener(read_cluener(path))["held_out"]
        else:
            gold = read_conll(path, WEIBO_TYPES if "weibo" in path.name else None)
        report(name, gold[:limit], systems)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "ner")
    parser.add_argument("--weights", type=Path, default=WEIGHTS)
    parser.add_argument("--limit", type=int, default=100_000, help="sentences per set")
    parser.add_argument("--no-old", action="store_true", help="skip the slow old pipeline")
    parser.add_argument("--no-ordinary", action="store_true", help="skip (iii) and speed")
    parser.add_argument(
        "--before",
        type=Path,
        help="earlier weights (e.g. `git show COMMIT:reader/data/ner.crfsuite` and its .json "
        "beside it) shown as 'before' next to the current ones",
    )
    args = parser.parse_args()
    segmenter = Segmenter()
    recogniser = NameRecogniser(args.weights, segmenter=segmenter)
    systems: dict[str, System] = {}
    if args.before:
        before = NameRecogniser(args.before, cues=recogniser_cues(), segmenter=segmenter)
        systems["before"] = model_system(before, segmenter)
    systems |= {
        "model": model_system(recogniser, segmenter),
        "model@force": model_system(recogniser, segmenter, recogniser.force_thresholds),
        "model+gloss": model_gloss_system(recogniser, segmenter),
        "jieba-pos": jieba_system(segmenter),
    }
    if not args.no_old:
        systems["old-rules"] = old_system()
    print(f"model thresholds (tuned on the tuning part): {recogniser.thresholds}")
    print(f"  forcing thresholds (model@force): {recogniser.force_thresholds}")
    print(f"  marginal floor (extra spans): {recogniser.marginal_floor}")
    report_sets(args.data, args.limit, systems)
    if args.no_ordinary:
        return 0
    false_names(systems, args.limit)
    plain = NameRecogniser(args.weights, segmenter=segmenter)
    plain.marginal_floor = None
    timed = {"model (words given)": recogniser, "model, best sequence only": plain}
    if args.before:
        timed["before (words given)"] = before
    sample_speed(timed, segmenter)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
