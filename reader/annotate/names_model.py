"""A statistical name recogniser: a character CRF (python-crfsuite) over Simplified text.

Each character is tagged B-/I-TYPE or O (TYPE: PER, ORG, LOC, PRODUCT) from its own and its
neighbours' characters, the word jieba cut it into (position, part of speech, the words
around it), cue lists (surnames, organisation and place suffixes, titles; reader/data/
ner_cues.tsv) and, when given, lexicon matches such as glossary hits. The weights are
trained by tools/train_ner.py on public data (DATA.md); bench/names.py measures them.

A recognised span carries a probability: the smallest CRF marginal of its labels, i.e. a
lower bound on how sure the model is of each character's part in the name. Callers decide
with the thresholds tuned on held-apart data (``NameRecogniser.thresholds``), not with 0.5.

Inference only, no module state: build one ``NameRecogniser`` and pass it around.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reader.annotate.names_definition import (
    TYPES,
    NameCues,
    context_features,
)

if TYPE_CHECKING:
    from reader.annotate.names_lac import LacTagger


@dataclass(slots=True)  # not frozen: matches reader.glossary.judge.Entity (a Protocol)
class Entity:
    start: int  # character offsets into the text given to recognise()
    end: int
    type: str  # one of TYPES
    confidence: float  # a probability in [0, 1]


def default_weights() -> Path:
    """The committed weights, reader/data/ner.crfsuite (thresholds in ner.json beside it)."""
    return Path(__file__).resolve().parent.parent / "data" / "ner.crfsuite"


class WordCutter(Protocol):
    """What the recogniser needs of reader.segment.words.Segmenter when no words are given."""

    def cut(self, text: str) -> list[tuple[int, int]]: ...

    def tag(self, word: str) -> str: ...


def spans_from_labels(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of each B-/I- run; a stray I- starts a new span."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, label in enumerate([*labels, "O"]):
        if label == "O" and start < 0:
            continue  # most characters: outside any name, none open
        inside = label.startswith("I-") and label[2:] == kind and start >= 0
        if inside:
            continue
        if start >= 0:
            spans.append((start, i, kind))
            start, kind = -1, ""
        if label != "O":
            start, kind = i, label[2:]
    return spans


def marginal_spans(
    marginal: Callable[[str, int], float],
    labels: Sequence[str],
    taken: Sequence[tuple[int, int, str]],
    floor: float,
    types: Sequence[str] = TYPES,
    starts: Sequence[int] | None = None,
) -> list[tuple[int, int, str, float]]:
    """Spans the best label sequence left out but the marginals support: outside ``taken``
    (the Viterbi spans), a character whose B-TYPE marginal reaches ``floor`` starts a span
    that runs on while I-TYPE reaches it. Confidence: the smallest of those marginals, as
    for Viterbi spans. Recall for a little precision; ``floor`` is tuned on held-apart data.

    ``labels`` is the model's label sequence for the text (only its length is used);
    ``marginal(label, i)`` is crfsuite's Tagger.marginal; ``types`` those the model knows;
    ``starts``: where a span may begin (the first characters of words: each marginal call
    costs, and a name the best sequence missed seldom starts inside a word), None: anywhere.
    """
    n = len(labels)
    free = [True] * n
    for a, b, _kind in taken:
        for i in range(a, b):
            free[i] = False
    may_start = free if starts is None else [False] * n
    if starts is not None:
        for i in starts:
            if 0 <= i < n:
                may_start[i] = free[i]
    found: list[tuple[int, int, str, float]] = []
    i = 0
    while i < n:
        # one call rules most characters out: no name label can reach floor when O is
        # this sure
        if not may_start[i] or marginal("O", i) > 1.0 - floor:
            i += 1
            continue
        best, kind = max((marginal("B-" + t, i), t) for t in types)
        if best < floor:
            i += 1
            continue
        j, low = i + 1, best
        while j < n and free[j]:
            inside = marginal("I-" + kind, j)
            if inside < floor:
                break
            low, j = min(low, inside), j + 1
        found.append((i, j, kind, low))
        i = j
    return found


class NameRecogniser:
    """Tags persons, organisations, places and products in Simplified Chinese text.

    ``weights`` is a crfsuite model (reader/data/ner.crfsuite); a ``.json`` beside it may
    hold per-type ``thresholds`` tuned by tools/train_ner.py. ``segmenter`` cuts words when
    recognise() gets none (pass the pipeline's Segmenter; without it the model runs on
    characters only and is weaker). ``cache_dir``: where LAC's weights are kept ready to
    load (reader/annotate/names_lac.py ``load_weights``); None: no cache.
    """

    def __init__(
        self,
        weights: Path,
        cues: Path | None = None,
        segmenter: WordCutter | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        import pycrfsuite

        from reader.annotate.names_features import FeatureMaker

        weights = Path(weights)
        if not weights.is_file():
            raise FileNotFoundError(f"name model not found: {weights} (run tools/train_ner.py)")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(weights))
        known = set(self._tagger.labels())
        self._types = tuple(t for t in TYPES if "B-" + t in known and "I-" + t in known)
        cues_path = cues if cues is not None else weights.parent / "ner_cues.tsv"
        self.cues = NameCues.load(cues_path)
        self._features = FeatureMaker(self.cues)  # char_features' output, made faster
        self._segmenter = segmenter
        meta_path = weights.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        # Probability from which a span of that type is shown as a name (best F1 on the tuning
        # part), and the stricter one from which its English may be forced into MT (≥ 90 %
        # precision on the tuning part). Tuned on CLUENER train's tuning part, never held-out.
        self.thresholds: dict[str, float] = {
            t: float(meta.get("thresholds", {}).get(t, 0.5)) for t in TYPES
        }
        self.force_thresholds: dict[str, float] = {
            t: float(meta.get("force_thresholds", {}).get(t, 0.9)) for t in TYPES
        }
        # Feature sets the weights were trained with (older weights: char_features only).
        self.context_features = "context" in meta.get("features", ())
        # Marginal from which spans outside the best label sequence are also proposed
        # (marginal_spans); None: the best sequence only. Tuned with the thresholds.
        floor = meta.get("marginal_floor")
        self.marginal_floor: float | None = float(floor) if floor is not None else None
        # Weights trained with Baidu LAC's analysis as features (tools/train_ner_lac.py
        # --rich): LAC's network runs first, on all the sentences of a batch at once.
        self.lac_features = "lac-rich" in meta.get("features", ())
        self._lac: LacTagger | None = None
        self._cache_dir = cache_dir
        self._lac_lock = threading.Lock()
        # LAC's tags and their marginals per sentence of the last prepared batch only
        self._lac_analysed: dict[str, tuple[list[str], list[float]]] = {}
        # LAC's confidence from which its own person words are added where the CRF found
        # nothing (None: never). Tuned on the tuning part with the thresholds.
        lac_floor = meta.get("lac_person_floor")
        self.lac_person_floor: float | None = float(lac_floor) if lac_floor is not None else None

    def prepare(self, texts: Sequence[str]) -> None:
        """Run what needs every sentence at once (LAC's network: one call for a batch costs
        a third of one call per sentence) before recognise() is called on each of them."""
        if not self.lac_features:
            return
        todo = [t for t in dict.fromkeys(texts) if t]
        self._lac_analysed = dict(zip(todo, self._lac_tagger().analyse(todo), strict=True))

    def _lac_tagger(self) -> LacTagger:
        from reader.annotate.names_lac import LacTagger, default_weights

        with self._lac_lock:
            if self._lac is None:
                self._lac = LacTagger(default_weights(), cache_dir=self._cache_dir)
            return self._lac

    def _lac_of(self, text: str) -> tuple[list[str], list[float]]:
        """LAC's tags and marginals of ``text``: from the prepared batch, else run now."""
        found = self._lac_analysed.get(text)
        if found is None:
            found = self._lac_analysed[text] = self._lac_tagger().analyse([text])[0]
        return found

    def lac_words(self, text: str) -> list[tuple[int, int, str]] | None:
        """LAC's words of a sentence prepared in this batch (start, end, tag: PER, LOC, n …),
        a second opinion on the names; None when LAC did not read it."""
        found = self._lac_analysed.get(text) if self.lac_features else None
        if found is None:
            return None
        from reader.annotate.names_lac import LacTagger

        return LacTagger._words(found[0])

    def recognise(
        self,
        text: str,
        words: Sequence[tuple[int, int]] | None = None,
        pos: Sequence[str] | None = None,
        lexicon_spans: Sequence[tuple[int, int, str]] | None = None,
    ) -> list[Entity]:
        """Names in ``text`` (one sentence is best) with the model's probability for each.

        ``words``: word spans tiling the text (the pipeline's segmentation); ``pos``: one
        jieba tag per word; ``lexicon_spans``: (start, end, TYPE) matches of a name list
        such as the glossary, used as evidence, not as answers.
        """
        if not text:
            return []
        if words is None and self._segmenter is not None:
            words = self._segmenter.cut(text)
            if pos is None:
                pos = [self._segmenter.tag(text[a:b]) for a, b in words]
        # bytes: crfsuite takes them as they are (a str it would encode first); the
        # feature sets added below are str, which crfsuite encodes to the same keys
        xseq: list[list[bytes | str]] = self._features.encoded(  # type: ignore[assignment]
            text, words or [], pos, lexicon_spans or ()
        )
        if self.context_features:
            context_features(text, words or [], pos, self.cues, xseq)
        if self.lac_features:  # names_lac.lac_features, encoded, after each row's own
            self._features.lac_encoded(*self._lac_of(text), into=xseq)  # type: ignore[arg-type]
        tagger = self._tagger
        labels = tagger.tag(xseq)
        found: list[Entity] = []
        viterbi = spans_from_labels(labels)
        for start, end, kind in viterbi:
            prob = min(tagger.marginal(labels[i], i) for i in range(start, end))
            found.append(Entity(start, end, kind, max(0.0, min(1.0, prob))))
        # Every O of the best sequence has a marginal at least the sequence's probability,
        # so when that reaches 1 - floor no other span can: one call spares n (most
        # sentences of ordinary text).
        floor = self.marginal_floor
        if floor is not None and tagger.probability(labels) <= 1.0 - floor:
            starts = [a for a, _b in words] if words else None
            extra = marginal_spans(tagger.marginal, labels, viterbi, floor, self._types, starts)
            found.extend(Entity(a, b, k, max(0.0, min(1.0, p))) for a, b, k, p in extra)
            found.sort(key=lambda e: e.start)
        if self.lac_features and self.lac_person_floor is not None:
            found = self._with_lac_persons(text, found, self.lac_person_floor)
        return found

    def _with_lac_persons(self, text: str, found: list[Entity], floor: float) -> list[Entity]:
        """LAC's own persons at least ``floor`` sure where the CRF marked nothing (LAC alone
        finds more of CLUENER's persons than the CRF, less precisely); confidence: LAC's."""
        extra = [
            p
            for p in self._lac_person_words(text)
            if p.confidence >= floor and not any(e.start < p.end and p.start < e.end for e in found)
        ]
        if not extra:
            return found
        return sorted([*found, *extra], key=lambda e: e.start)

    def names(self, text: str, **kwargs: object) -> list[Entity]:
        """Only the spans whose probability reaches their type's tuned threshold."""
        return [
            e
            for e in self.recognise(text, **kwargs)  # type: ignore[arg-type]
            if e.confidence >= self.thresholds[e.type]
        ]

    def _lac_person_words(self, text: str) -> list[Entity]:
        """LAC's own person words in ``text``, each as sure as its least sure tag."""
        from reader.annotate.names_lac import LacTagger

        tags, probs = self._lac_of(text)
        return [
            Entity(a, b, "PER", min(probs[a:b]))
            for a, b, kind in LacTagger._words(tags)
            if kind == "PER"
        ]
