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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

TYPES = ("PER", "ORG", "LOC", "PRODUCT")


@dataclass(frozen=True)
class Entity:
    start: int  # character offsets into the text given to recognise()
    end: int
    type: str  # one of TYPES
    confidence: float  # a probability in [0, 1]


class WordCutter(Protocol):
    """What the recogniser needs of reader.segment.words.Segmenter when no words are given."""

    def cut(self, text: str) -> list[tuple[int, int]]: ...

    def tag(self, word: str) -> str: ...


@dataclass(frozen=True)
class NameCues:
    """Cue lists read from reader/data/ner_cues.tsv (features only, never decisions)."""

    surnames: frozenset[str]
    translit: frozenset[str]
    org_suffixes: frozenset[str]
    place_suffixes: frozenset[str]
    person_cues: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> NameCues:
        kinds: dict[str, frozenset[str]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            kind, entries, _reason = line.split("\t", 2)
            values = entries.split()
            if kind == "translit":  # one string of characters
                values = [ch for value in values for ch in value]
            kinds[kind] = frozenset(values)
        return cls(
            surnames=kinds.get("surname", frozenset()),
            translit=kinds.get("translit", frozenset()),
            org_suffixes=kinds.get("org_suffix", frozenset()),
            place_suffixes=kinds.get("place_suffix", frozenset()),
            person_cues=kinds.get("person_cue", frozenset()),
        )


def _fold(ch: str) -> str:
    """Full-width ASCII to half-width, digits to 0, Latin letters lower-cased."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        ch = chr(code - 0xFEE0)
    if ch.isdigit():
        return "0"
    return ch.lower()


def _kind(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff":
        return "H"
    if ch == "0":
        return "D"
    if ch.isalpha():
        return "L"
    if ch.isspace():
        return "S"
    return "P"


def char_features(
    text: str,
    words: Sequence[tuple[int, int]],
    pos: Sequence[str] | None,
    cues: NameCues,
    lexicon_spans: Sequence[tuple[int, int, str]] = (),
) -> list[list[str]]:
    """One list of feature strings per character (shared by training and inference)."""
    n = len(text)
    if n == 0:
        return []
    chars = [_fold(ch) for ch in text]
    padded = ["^", "^", *chars, "$", "$"]
    # word of each character: its index into words and its position in it (B/M/E/S)
    word_of = [0] * n
    place_in = ["S"] * n
    word_text = [text[a:b] for a, b in words]
    for w, (a, b) in enumerate(words):
        for i in range(a, min(b, n)):
            word_of[i] = w
            place_in[i] = "S" if b - a == 1 else "B" if i == a else "E" if i == b - 1 else "M"
    lex = [""] * n
    for a, b, kind in lexicon_spans:
        for i in range(max(a, 0), min(b, n)):
            lex[i] = ("B-" if i == a else "I-") + kind
    org_suf, place_suf = cues.org_suffixes, cues.place_suffixes
    surnames, translit, person_cues = cues.surnames, cues.translit, cues.person_cues
    last_word = len(words) - 1
    out: list[list[str]] = []
    for i in range(n):
        j = i + 2
        c, p1, p2, n1, n2 = padded[j], padded[j - 1], padded[j - 2], padded[j + 1], padded[j + 2]
        w = word_of[i]
        word = word_text[w] if words else c
        bmes = place_in[i]
        feats = [
            "b",
            "c=" + c,
            "c-1=" + p1,
            "c+1=" + n1,
            "c-2=" + p2,
            "c+2=" + n2,
            "c-1c=" + p1 + c,
            "cc+1=" + c + n1,
            "c-2c-1=" + p2 + p1,
            "c+1c+2=" + n1 + n2,
            "k=" + _kind(c) + _kind(p1) + _kind(n1),
            "wp=" + bmes + str(min(len(word), 4)),
        ]
        if len(word) > 1:
            feats.append("w=" + word)
        if pos is not None and words:
            feats.append("p=" + pos[w] + bmes)
        prev_word = word_text[w - 1] if words and w > 0 else "^"
        next_word = word_text[w + 1] if words and w < last_word else "$"
        if bmes in "BS":
            feats.append("pw=" + prev_word)
            if prev_word in person_cues:
                feats.append("pcue-1")
        if bmes in "ES":
            feats.append("nw=" + next_word)
            if next_word in person_cues:
                feats.append("pcue+1")
            if next_word in org_suf:
                feats.append("osuf+1")
            if next_word in place_suf:
                feats.append("lsuf+1")
        if c in surnames or text[i : i + 2] in surnames:
            feats.append("sur" + bmes)
        if c in translit:
            feats.append("tr")
        if word in org_suf or word[-2:] in org_suf:
            feats.append("osuf" + bmes)
        if word in place_suf or word[-1:] in place_suf:
            feats.append("lsuf" + bmes)
        if lex[i]:
            feats.append("lex=" + lex[i])
        out.append(feats)
    return out


def spans_from_labels(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of each B-/I- run; a stray I- starts a new span."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, label in enumerate([*labels, "O"]):
        inside = label.startswith("I-") and label[2:] == kind and start >= 0
        if inside:
            continue
        if start >= 0:
            spans.append((start, i, kind))
            start, kind = -1, ""
        if label != "O":
            start, kind = i, label[2:]
    return spans


class NameRecogniser:
    """Tags persons, organisations, places and products in Simplified Chinese text.

    ``weights`` is a crfsuite model (reader/data/ner.crfsuite); a ``.json`` beside it may
    hold per-type ``thresholds`` tuned by tools/train_ner.py. ``segmenter`` cuts words when
    recognise() gets none (pass the pipeline's Segmenter; without it the model runs on
    characters only and is weaker).
    """

    def __init__(
        self,
        weights: Path,
        cues: Path | None = None,
        segmenter: WordCutter | None = None,
    ) -> None:
        import pycrfsuite

        weights = Path(weights)
        if not weights.is_file():
            raise FileNotFoundError(f"name model not found: {weights} (run tools/train_ner.py)")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(weights))
        cues_path = cues if cues is not None else weights.parent / "ner_cues.tsv"
        self.cues = NameCues.load(cues_path)
        self._segmenter = segmenter
        meta_path = weights.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        # probability above which a span of that type counts as a name (tuned, not held out)
        self.thresholds: dict[str, float] = {
            t: float(meta.get("thresholds", {}).get(t, 0.5)) for t in TYPES
        }

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
        xseq = char_features(text, words or [], pos, self.cues, lexicon_spans or ())
        tagger = self._tagger
        labels = tagger.tag(xseq)
        found: list[Entity] = []
        for start, end, kind in spans_from_labels(labels):
            prob = min(tagger.marginal(labels[i], i) for i in range(start, end))
            found.append(Entity(start, end, kind, max(0.0, min(1.0, prob))))
        return found

    def names(self, text: str, **kwargs: object) -> list[Entity]:
        """Only the spans whose probability reaches their type's tuned threshold."""
        return [
            e
            for e in self.recognise(text, **kwargs)  # type: ignore[arg-type]
            if e.confidence >= self.thresholds[e.type]
        ]
