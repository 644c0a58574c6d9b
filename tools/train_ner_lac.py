"""Experiment (issue 14): the character CRF with Baidu LAC's tags as extra features.

    nice -n 10 .venv/bin/python tools/train_ner_lac.py --out /tmp/ner_lac.crfsuite

Trains on the same data as tools/train_ner.py (CLUENER train part, MSRA train part, Weibo
train, cross-fold lexicon matches) with, for every character, LAC's tag of it and of its
neighbours (``lac=PER-B``, ``lac-1=v-I``, ``lac+1=n-B``; reader/annotate/names_lac.py),
tunes the shown-name thresholds on the tuning part (best sequence only, like the shipped
weights), then prints exact-span P/R/F1 on the CLUENER held-out part, MSRA test and Weibo
test beside the shipped CRF (bench/names.py's ``report``). The shipped recogniser is not
changed: the LAC features are appended by a wrapper around its feature maker here.

``--ft NET.npz --ft-folds F0.npz F1.npz`` (DATA.md "Eighth round"): the same CRF with the
fine-tuned network's analysis (tools/finetune_lac_ner.py) as features instead of LAC's, each
training sentence tagged by the fold network that did not train on it, everything else by
NET; prints the tuning part, CLUENER held-out, MSRA test and Weibo test.
"""

from __future__ import annotations

import os

# the GRU's matrices are small: OpenBLAS threads only spin (as reader.cli sets it)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

from names import CPP_DEV, false_names, model_system, report  # noqa: E402
from ner_data import (  # noqa: E402
    WEIBO_TYPES,
    Sample,
    read_cluener,
    read_conll,
    read_msra_lines,
    split_cluener,
)
from train_ner import (  # noqa: E402
    cross_lexicon,
    featurise,
    score,
    train_crf,
    tune_thresholds,
)

from reader.annotate.names_definition import NameCues  # noqa: E402
from reader.annotate.names_lac import LacTagger, default_weights, lac_features  # noqa: E402
from reader.annotate.names_lac_ft import LacNameTagger, bio_spans  # noqa: E402
from reader.annotate.names_model import NameRecogniser  # noqa: E402
from reader.segment.words import Segmenter  # noqa: E402


class ExtraFeatures:
    """Wraps the recogniser's feature maker: its features, then more per character from a
    second analysis of the sentence (``_rows``), computed a batch at a time by prepare()."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.known: dict[str, list[list[str]]] = {}

    def _rows(self, texts: list[str]) -> list[list[list[str]]]:
        raise NotImplementedError

    def prepare(self, texts: Sequence[str]) -> None:
        todo = [t for t in dict.fromkeys(texts) if t not in self.known]
        self.known.update(zip(todo, self._rows(todo), strict=True))

    def _extended(self, text: str, rows: list[list[object]]) -> list[list[object]]:
        if text not in self.known:
            self.prepare([text])
        for row, extra in zip(rows, self.known[text], strict=True):
            row.extend(extra)
        return rows

    def features(self, text, words, pos, lexicon_spans=()):  # type: ignore[no-untyped-def]
        rows = self.inner.features(text, words, pos, lexicon_spans)  # type: ignore[attr-defined]
        return self._extended(text, rows)

    def encoded(self, text, words, pos, lexicon_spans=()):  # type: ignore[no-untyped-def]
        """What NameRecogniser.recognise asks for: the inner maker's rows (bytes), then the
        extra features (str; crfsuite encodes them to the same keys)."""
        rows = self.inner.encoded(text, words, pos, lexicon_spans)  # type: ignore[attr-defined]
        return self._extended(text, rows)


class LacFeatureMaker(ExtraFeatures):
    """The recogniser's features, then LAC's (``rich``: with its word places and bands)."""

    def __init__(self, inner: object, tagger: LacTagger, rich: bool) -> None:
        super().__init__(inner)
        self.tagger, self.rich = tagger, rich

    def _rows(self, texts: list[str]) -> list[list[list[str]]]:
        return lac_rows(self.tagger, texts, self.rich)


def ft_features(tags: Sequence[str], probs: Sequence[float]) -> list[list[str]]:
    """Features from the fine-tuned network's analysis (reader/annotate/names_lac_ft.py): the
    character's BIO tag and its neighbours' (``ft=B-PER``, ``ft-1=O``, ``ft+1=I-PER``) and,
    inside one of its spans, how sure it is (``ftc=PER>0.9``, as lac_features' bands)."""
    padded = ["BOS", *tags, "EOS"]
    rows = [
        ["ft=" + tag, "ft-1=" + before, "ft+1=" + after]
        for before, tag, after in zip(padded, tags, padded[2:], strict=False)
    ]
    for e in bio_spans(tags, probs):
        band = ">0.9" if e.confidence >= 0.9 else ">0.6" if e.confidence >= 0.6 else "<0.6"
        for i in range(e.start, e.end):
            rows[i].append(f"ftc={e.type}{band}")
    return rows


class FtFeatureMaker(ExtraFeatures):
    """The recogniser's features, then the fine-tuned network's (``ft_features``) and, with
    ``lac``, LAC's rich ones after them."""

    def __init__(self, inner: object, tagger: LacNameTagger, lac: LacTagger | None = None) -> None:
        super().__init__(inner)
        self.tagger, self.lac = tagger, lac

    def _rows(self, texts: list[str]) -> list[list[list[str]]]:
        rows = [ft_features(tags, probs) for tags, probs in self.tagger.analyse(texts)]
        if self.lac is not None:
            for row, more in zip(rows, lac_rows(self.lac, texts, True), strict=True):
                for r, m in zip(row, more, strict=True):
                    r.extend(m)
        return rows


def with_rows(xs: list[list[list[str]]], more: list[list[list[str]]]) -> None:
    """Append each sentence's extra feature rows to its rows, character by character."""
    for x, extra_x in zip(xs, more, strict=True):
        for row, extra in zip(x, extra_x, strict=True):
            row.extend(extra)


def fit_crf(
    xs: list[list[list[str]]],
    train: list[Sample],
    args: argparse.Namespace,
    t0: float,
    segmenter: Segmenter,
) -> tuple[tuple[float, float], NameRecogniser]:
    """Train the CRF on feature rows ``xs`` (one per sentence of ``train``, made since
    ``t0``) into ``args.out`` with the shipped weights' parameters; (feature seconds,
    training seconds) and the trained recogniser, best sequence only."""
    t_feat = time.monotonic() - t0
    print(f"features for {len(train)} sentences in {t_feat:.0f} s", flush=True)
    train_crf(xs, train, args.out, 0.1, 0.01, args.iterations)
    t_train = time.monotonic() - t0 - t_feat
    print(f"trained in {t_train:.0f} s → {args.out}", flush=True)
    recogniser = NameRecogniser(args.out, ROOT / "reader" / "data" / "ner_cues.tsv", segmenter)
    recogniser.marginal_floor = None
    return (t_feat, t_train), recogniser


def crf_meta(
    features: list[str], trained_by: str, seconds: tuple[float, float], iterations: int
) -> dict[str, Any]:
    """The weights' metadata (out.json) before the thresholds are tuned."""
    return {
        "features": features,
        "marginal_floor": None,
        "params": {"c1": 0.1, "c2": 0.01, "iterations": iterations},
        "lexicon_feature": True,
        "trained_by": trained_by,
        "seconds": {"features": round(seconds[0]), "training": round(seconds[1])},
    }


def tune_and_save(
    recogniser: NameRecogniser,
    maker: ExtraFeatures | OwnLac,
    tune_part: list[Sample],
    out: Path,
    meta: dict[str, Any],
) -> None:
    """Thresholds (shown: best F1; forcing: best F1 at ≥ 90 % precision) chosen on the
    tuning part, written with ``meta`` beside the weights (out.json)."""
    maker.prepare([s.text for s in tune_part])
    found = [
        [(e.start, e.end, e.type, e.confidence) for e in recogniser.recognise(s.text)]
        for s in tune_part
    ]
    for key, min_precision in (("thresholds", 0.0), ("force_thresholds", 0.9)):
        meta[key] = tune_thresholds(tune_part, found, min_precision)
        for kind, (tp, pred, total) in score(tune_part, found, meta[key]).items():
            p, r = (tp / pred if pred else 0), (tp / total if total else 0)
            print(f"tune {key:16} {kind:8} ≥ {meta[key][kind]:.2f}  P {p:.3f}  R {r:.3f}")
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n")


def train_ft(args: argparse.Namespace, split: dict, segmenter: Segmenter) -> int:
    """``--ft``: the CRF with the fine-tuned network's analysis as features instead of LAC's.
    On each training sentence the features come from the fold network that did not train on
    it (``--ft-folds``, tools/finetune_lac_ner.py --fold k); on the tuning part and at
    evaluation from ``--ft`` (trained on all of it)."""
    from finetune_lac_ner import folds, training_set  # imports torch: only for --ft

    train = training_set(args.data)[: args.limit]
    fold_of = folds(len(train), len(args.ft_folds))
    t0 = time.monotonic()
    cues = NameCues.load(ROOT / "reader" / "data" / "ner_cues.tsv")
    xs = featurise(train, segmenter, cues, cross_lexicon(train))
    for k, path in enumerate(args.ft_folds):
        mine = [i for i, f in enumerate(fold_of) if f == k and train[i].text]
        analysed = LacNameTagger(path).analyse([train[i].text for i in mine])
        for i, (tags, probs) in zip(mine, analysed, strict=True):
            for row, extra in zip(xs[i], ft_features(tags, probs), strict=True):
                row.extend(extra)
    lac = LacTagger(args.lac) if args.rich else None
    if lac is not None:  # --rich: LAC's analysis as well (train_ner_lac's lac-rich)
        with_rows(xs, lac_rows(lac, [s.text for s in train], True))
    seconds, recogniser = fit_crf(xs, train, args, t0, segmenter)
    maker = FtFeatureMaker(recogniser._features, LacNameTagger(args.ft), lac)  # noqa: SLF001
    recogniser._features = maker  # type: ignore[assignment]  # noqa: SLF001
    tune_part = split["tune"][: args.limit]
    meta = crf_meta(
        ["char", "ft", *(["ft+lac-rich"] if lac is not None else [])],
        "tools/train_ner_lac.py --ft" + (" --rich" if lac is not None else ""),
        seconds,
        args.iterations,
    )
    tune_and_save(recogniser, maker, tune_part, args.out, meta)
    # re-read with the tuned thresholds, same wrapper
    combined = NameRecogniser(args.out, ROOT / "reader" / "data" / "ner_cues.tsv", segmenter)
    maker = FtFeatureMaker(combined._features, maker.tagger, lac)  # noqa: SLF001
    combined._features = maker  # type: ignore[assignment]  # noqa: SLF001
    name = "model+ft+lac" if lac is not None else "model+ft"
    systems = {
        name: model_system(combined, segmenter),
        name + "@force": model_system(combined, segmenter, combined.force_thresholds),
    }
    sets = {
        "CLUENER train, tuning part": tune_part,
        "(i) CLUENER train, held-out 10 %": split["held_out"],
        "(ii) MSRA test": read_conll(args.data / "msra_test_bio.txt"),
        "(ii) Weibo NER test": read_conll(args.data / "weibo_test.conll", WEIBO_TYPES),
    }
    for name, gold in sets.items():
        maker.prepare([s.text for s in gold[: args.limit]])
        report(name, gold[: args.limit], systems)
    return 0


def lac_rows(tagger: LacTagger, texts: Sequence[str], rich: bool) -> list[list[list[str]]]:
    """LAC's features for each text (names_lac.lac_features; ``rich``: with its word
    places and confidence bands)."""
    if rich:
        return [lac_features(tags, probs) for tags, probs in tagger.analyse(texts)]
    return [lac_features(tags) for tags in tagger.tags(texts)]


class OwnLac:
    """A recogniser whose weights' metadata already asks for LAC's features (as the shipped
    accurate one does): it runs LAC itself, so prepare() is its own."""

    def __init__(self, recogniser: NameRecogniser) -> None:
        self.recogniser = recogniser

    def prepare(self, texts: Sequence[str]) -> None:
        self.recogniser.prepare(texts)


def with_lac(recogniser: NameRecogniser, tagger: LacTagger, rich: bool) -> LacFeatureMaker | OwnLac:
    if recogniser.lac_features:  # never add LAC's features twice
        return OwnLac(recogniser)
    maker = LacFeatureMaker(recogniser._features, tagger, rich)  # noqa: SLF001 (experiment)
    recogniser._features = maker  # type: ignore[assignment]  # noqa: SLF001
    return maker


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "ner")
    parser.add_argument("--lac", type=Path, default=default_weights())
    parser.add_argument("--out", type=Path, default=Path("/tmp/ner_lac.crfsuite"))
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--limit", type=int, default=None, help="sentences per set (smoke)")
    parser.add_argument(
        "--rich", action="store_true", help="also LAC's word places and confidence bands"
    )
    parser.add_argument("--ordinary", action="store_true", help="also bench/names.py's (iii)")
    parser.add_argument("--eval-only", action="store_true", help="keep --out, measure it")
    parser.add_argument("--ft", type=Path, help="fine-tuned network's features, not LAC's")
    parser.add_argument("--ft-folds", type=Path, nargs="+", help="its fold networks (0, 1…)")
    args = parser.parse_args()
    if args.ft is not None:
        return train_ft(
            args, split_cluener(read_cluener(args.data / "cluener_train.json")), Segmenter()
        )

    tagger = LacTagger(args.lac)
    rich = args.rich
    segmenter = Segmenter()
    split = split_cluener(read_cluener(args.data / "cluener_train.json"))
    if not args.eval_only:
        t0 = time.monotonic()
        train = list(split["train"])
        train += read_msra_lines(
            args.data / "msra_trainval_sentences.txt", args.data / "msra_trainval_tags.txt"
        )
        train += read_conll(args.data / "weibo_train.conll", WEIBO_TYPES)
        train = train[: args.limit]
        cues = NameCues.load(ROOT / "reader" / "data" / "ner_cues.tsv")
        xs = featurise(train, segmenter, cues, cross_lexicon(train))
        with_rows(xs, lac_rows(tagger, [s.text for s in train], rich))
        seconds, recogniser = fit_crf(xs, train, args, t0, segmenter)
        meta = crf_meta(
            ["char", "lac-rich" if rich else "lac"],
            "tools/train_ner_lac.py" + (" --rich" if rich else ""),
            seconds,
            args.iterations,
        )
        maker = with_lac(recogniser, tagger, rich)
        tune_and_save(recogniser, maker, split["tune"][: args.limit], args.out, meta)
    shipped = NameRecogniser(ROOT / "reader" / "data" / "ner.crfsuite", segmenter=segmenter)
    combined = NameRecogniser(args.out, ROOT / "reader" / "data" / "ner_cues.tsv", segmenter)
    trained = json.loads(args.out.with_suffix(".json").read_text())["features"]
    maker = with_lac(combined, tagger, "lac-rich" in trained)
    systems = {
        "model": model_system(shipped, segmenter),
        "model+lac": model_system(combined, segmenter),
        "model+lac@force": model_system(combined, segmenter, combined.force_thresholds),
    }
    sets = {
        "(i) CLUENER train, held-out 10 %": split["held_out"],
        "(ii) MSRA test": read_conll(args.data / "msra_test_bio.txt"),
        "(ii) Weibo NER test": read_conll(args.data / "weibo_test.conll", WEIBO_TYPES),
    }
    print(f"model+lac thresholds {combined.thresholds}, force {combined.force_thresholds}")
    for name, gold in sets.items():
        maker.prepare([s.text for s in gold[: args.limit]])
        report(name, gold[: args.limit], systems)
    if args.ordinary and CPP_DEV.is_file():  # (iii) of bench/names.py: names in ordinary text
        lines = CPP_DEV.read_text(encoding="utf-8").splitlines()
        maker.prepare([line.replace("\u2581", "").strip() for line in lines if line.strip()])
        # false_names prints a hand-check sample for the systems called model / model@force
        print("\n(iii) below: 'model' is model+lac, 'shipped' the shipped CRF")
        ordinary = {
            "shipped": systems["model"],
            "model": systems["model+lac"],
            "model@force": systems["model+lac@force"],
        }
        false_names(ordinary, args.limit or 100_000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
