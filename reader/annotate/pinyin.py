"""Pinyin readings in context: one tone-number reading per character.

Public API (one reading function serves annotate, ``reader pinyin``, the TUI and exports):

- :func:`get_reader` → the process-wide :class:`PinyinReader` (loaded lazily, once).
- :meth:`PinyinReader.read_batch` ``[(sentence, [(start, end), ...]), ...]`` → per sentence,
  one reading per character (``"hang2"``, ``"lv4"``, ``"le5"``), ``None`` for non-Han.
- :meth:`PinyinReader.read_text` segments with a private jieba tokenizer first.
- :func:`format_syllable`, :func:`format_word` (styles ``marks``, ``numbers``, ``zhuyin``).
- :func:`apply_sandhi` (一/不 changes and third-tone sandhi; opt-in).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

from reader.annotate.pinyin_format import STYLES, format_syllable, format_word
from reader.annotate.pinyin_words import KIND_OTHER, KIND_PHRASE, KIND_SINGLE, KIND_SUBPHRASE

__all__ = [
    "STYLES",
    "PinyinReader",
    "apply_sandhi",
    "format_syllable",
    "format_word",
    "get_reader",
    "is_han",
]

Span = tuple[int, int]
Readings = list[str | None]

_HAN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_HAN_RUN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def is_han(ch: str) -> bool:
    return bool(_HAN.fullmatch(ch))


# Trust in pypinyin's word reading (ALPHA) and in CC-CEDICT's reading of the whole word
# (BETA), as bonuses added to g2pM's log-probability of each candidate reading. Fitted on
# the CPP dev split (9,893 sentences; see bench/pinyin.py and the module docstring below).
ALPHA = {KIND_SINGLE: 0.0, KIND_PHRASE: 3.0, KIND_SUBPHRASE: 1.0, KIND_OTHER: 0.0}
BETA = 5.0


class PinyinReader:
    """Reads sentences given their word spans. Thread-safe after construction.

    Per character (on the sentence's Simplified form; Traditional is converted t2s first):

    1. pypinyin reads each word span (phrase dictionary; :mod:`pinyin_words`).
    2. Characters g2pM knows as polyphonic get g2pM's log-probabilities over their readings,
       computed for all sentences of the batch at once (:mod:`g2p`), and the reading with
       the best ``log p + ALPHA[kind] * (= pypinyin's) + BETA * (in CC-CEDICT's word entry)``
       wins. A neutral-tone reading (zi5) shares the probability of its toned form.
    3. Characters with one reading take it (undoing pypinyin's 一/不 sandhi tones in
       phrases such as 一个 yí gè) unless pypinyin gives the same syllable in neutral tone.
    4. The overrides file has the last word.

    The rule, measured on the dev split (accuracy on the marked character):
    pypinyin over jieba words 86.6 %, g2pM 97.36 %, this rule ~98 %. Where pypinyin and
    g2pM disagree, by token kind: single-character words (1,466): g2pM right 302, pypinyin
    22 → trust g2pM; words in pypinyin's phrase dictionary (4,081): pypinyin 81, g2pM 75 →
    tie broken by CC-CEDICT's entry for the word; unknown words (3,816): g2pM 728,
    pypinyin 35 → g2pM, with CC-CEDICT's word entry when it has one.
    """

    def __init__(self, use_model: bool = True) -> None:
        from reader.annotate.pinyin_overrides import load_overrides
        from reader.annotate.pinyin_words import WordReader

        self.words = WordReader()
        from reader.annotate.pinyin_convert import traditional_only

        self.model = None
        # a sentence is read through its t2s form when it has a character that never occurs
        # in Simplified text (not in g2pM's vocabulary, which was trained on Simplified)
        self._triggers: frozenset[str] | None = None
        if use_model:
            from reader.annotate.g2p import get_model

            self.model = get_model()
            self._triggers = traditional_only(set(self.model.char2idx))
        self.overrides = load_overrides()
        self._jieba: Any = None
        self._jieba_lock = threading.Lock()

    # -- public -------------------------------------------------------------------------
    def read_batch(self, items: Sequence[tuple[str, Sequence[Span]]]) -> list[Readings]:
        """One reading per character for each ``(sentence, word spans)``; None for non-Han."""
        from reader.annotate.pinyin_convert import to_simplified

        texts = [to_simplified(text, self._triggers) for text, _ in items]
        tilings = [_tile(len(text), spans) for text, spans in items]
        results: list[Readings] = []
        pending: list[list[_Pending]] = []
        for text, tiling in zip(texts, tilings, strict=True):
            out, todo = self._dictionary_pass(text, tiling)
            results.append(out)
            pending.append(todo)
        if self.model is not None:
            self._context_pass(texts, results, pending)
        for text, tiling, out in zip(texts, tilings, results, strict=True):
            self.overrides.apply(text, tiling, out)
        return results

    def read_text(self, text: str) -> Readings:
        """Readings for ``text`` segmented by the reader's own jieba tokenizer."""
        return self.read_batch([(text, self.segment(text))])[0]

    def segment(self, text: str) -> list[Span]:
        """Word spans from a private jieba tokenizer (never the global ``jieba.dt``);
        Traditional text is segmented through its Simplified form."""
        from reader.annotate.pinyin_convert import to_simplified

        tok = self._tokenizer()
        spans: list[Span] = []
        pos = 0
        for word in tok.cut(to_simplified(text, self._triggers), HMM=True):
            spans.append((pos, pos + len(word)))
            pos += len(word)
        return spans

    # -- passes -------------------------------------------------------------------------
    def _dictionary_pass(self, text: str, tiling: list[Span]) -> tuple[Readings, list[_Pending]]:
        out: Readings = [None] * len(text)
        todo: list[_Pending] = []
        model = self.model
        for start, end in tiling:
            for m in _HAN_RUN.finditer(text, start, end):
                word = m.group()
                info = self.words.read(word)
                for k, ch in enumerate(word):
                    pos = m.start() + k
                    p = info.readings[k]
                    readings = model.cedict.get(ch) if model is not None else None
                    if readings is None:
                        out[pos] = p if p is not None else _fallback(ch)
                    elif len(readings) == 1:
                        only = readings[0]
                        keep_neutral = p is not None and p[-1] == "5" and p[:-1] == only[:-1]
                        out[pos] = p if keep_neutral else only
                    else:
                        out[pos] = p
                        todo.append((pos, p, info.kinds[k], info.cedict[k]))
        return out, todo

    def _context_pass(
        self, texts: list[str], results: list[Readings], pending: list[list[_Pending]]
    ) -> None:
        model = self.model
        assert model is not None
        scores = model.scores(texts, [[t[0] for t in todo] for todo in pending])
        for text, out, todo, rows in zip(texts, results, pending, scores, strict=True):
            for (pos, p, kind, cedict), logits in zip(todo, rows, strict=True):
                out[pos] = self._choose(model.candidate_logp(text[pos], logits), p, kind, cedict)

    @staticmethod
    def _choose(
        logp: dict[str, float], p: str | None, kind: str, cedict: frozenset[str]
    ) -> str | None:
        for extra in (p, *cedict):
            # a neutral-tone reading the model has no class for shares its toned form's score
            if extra and extra not in logp and extra[-1] == "5":
                base = [v for r, v in logp.items() if r[:-1] == extra[:-1]]
                if base:
                    logp[extra] = max(base)
        if p is not None and p in cedict and kind in (KIND_PHRASE, KIND_SUBPHRASE):
            return p  # pypinyin's phrase and CC-CEDICT's word agree
        alpha = ALPHA[kind]
        best, best_score = p, float("-inf")
        for reading, score in logp.items():
            if reading == p:
                score += alpha
            if reading in cedict:
                score += BETA
            if score > best_score:
                best, best_score = reading, score
        return best

    def _tokenizer(self) -> Any:
        if self._jieba is None:
            with self._jieba_lock:
                if self._jieba is None:
                    import logging

                    import jieba

                    jieba.setLogLevel(logging.WARNING)
                    tok = jieba.Tokenizer()
                    tok.initialize()
                    self._jieba = tok
        return self._jieba


_Pending = tuple[int, "str | None", str, frozenset[str]]


def _fallback(ch: str) -> str | None:
    from reader.annotate.dictionary import char_readings

    found = char_readings(ch)
    return found[0] if found else None


def _tile(n: int, spans: Sequence[Span]) -> list[Span]:
    """Spans made into a tiling of ``range(n)``: overlaps trimmed (earlier, longer first),
    gaps filled with their own spans."""
    out: list[Span] = []
    pos = 0
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(start, pos, 0), min(end, n)
        if end <= start:
            continue
        if start > pos:
            out.append((pos, start))
        out.append((start, end))
        pos = end
    if pos < n:
        out.append((pos, n))
    return out


_reader: PinyinReader | None = None
_reader_lock = threading.Lock()


def get_reader() -> PinyinReader:
    """The process-wide reader; the first call loads the models (call it off the UI thread)."""
    global _reader
    if _reader is None:
        with _reader_lock:
            if _reader is None:
                _reader = PinyinReader()
    return _reader


def apply_sandhi(
    readings_per_word: Sequence[Sequence[str | None]], words: Sequence[str]
) -> list[Readings]:
    """Pronunciation tones: 一/不 changes and third-tone sandhi (see pinyin_sandhi)."""
    from reader.annotate.pinyin_sandhi import apply_sandhi as _apply

    return _apply(readings_per_word, words)
