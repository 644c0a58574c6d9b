"""Pinyin readings in context: one tone-number reading per character.

Public API (one reading function serves annotate, ``reader pinyin``, the TUI and exports):

- :class:`PinyinReader`, owned by :class:`reader.resources.Resources` (``resources.pinyin``).
- :meth:`PinyinReader.read_batch` ``[(sentence, [(start, end), ...]), ...]`` → per sentence,
  one reading per character (``"hang2"``, ``"lv4"``, ``"le5"``), ``None`` for non-Han.
- :meth:`PinyinReader.read_text` segments with the reader's segmenter first.
- :func:`format_syllable`, :func:`format_word` (styles ``marks``, ``numbers``, ``zhuyin``).
- :func:`apply_sandhi` (一/不 changes and third-tone sandhi; opt-in).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.annotate.pinyin_format import STYLES, format_syllable, format_word
from reader.annotate.pinyin_words import KIND_OTHER, KIND_PHRASE, KIND_SINGLE, KIND_SUBPHRASE
from reader.han import HAN_RUN_RE, is_han

if TYPE_CHECKING:
    import numpy as np

    from reader.annotate.dictionary import Dictionary
    from reader.annotate.g2p import G2PModel
    from reader.annotate.g2p_vocab import G2PVocab
    from reader.segment.words import Segmenter

__all__ = [
    "STYLES",
    "PinyinReader",
    "apply_sandhi",
    "format_syllable",
    "format_word",
    "is_han",
]

Span = tuple[int, int]
Readings = list[str | None]


# Trust in pypinyin's word reading (ALPHA, by how pypinyin settled it) and in CC-CEDICT's
# reading of the word (BETA), as bonuses added to g2pM's log-probability of each candidate
# reading. Fitted on the CPP dev split; the numbers are in PinyinReader's docstring.
ALPHA = {KIND_SINGLE: 0.0, KIND_PHRASE: 3.0, KIND_SUBPHRASE: 4.0, KIND_OTHER: 0.0}
BETA = 5.0
# where pypinyin's phrase and CC-CEDICT's (unambiguous) word entry agree, they decide
AGREE_KINDS = (KIND_PHRASE, KIND_SUBPHRASE)
_ERHUA = "儿"
# a time step of the model's LSTM costs about this many sentences' worth of work on top
_STEP_COST = 32
_GROUP_MAX = 64  # sentences per model call at most (bounds the grouping's own work)


class PinyinReader:
    """Reads sentences given their word spans. Thread-safe after construction.

    Per character (on the sentence's Simplified form; Traditional is converted t2s first):

    1. pypinyin reads each word span (phrase dictionary; :mod:`pinyin_words`), and
       CC-CEDICT's entry for the word (or for the phrase pypinyin found inside it) is noted.
    2. Characters g2pM knows as polyphonic get g2pM's log-probabilities over their own
       readings, computed for all sentences of the batch at once (:mod:`g2p`). If pypinyin's
       phrase reading and CC-CEDICT's unambiguous word entry agree, that reading is taken;
       otherwise the best ``log p + ALPHA[kind]·[= pypinyin] + BETA·[in CC-CEDICT entry]``.
    3. Characters with one reading take it (this undoes pypinyin's 一/不 sandhi tones in
       phrases such as 一个 yí gè).
    4. ``neutral_tone`` (default): where both dictionaries read the chosen syllable in the
       neutral tone (弟弟 dìdi, 东西 dōngxi "thing"), use it; where only one does (CC-CEDICT's
       衣服 yīfu, 认识 rènshi against pypinyin's yīfú, rènshí) keep the full tone, as the
       dev split's annotation does (neutral from either: 97.07 %, from both: 97.85 %).
       Erhua: 儿 closing a word that a dictionary reads with -r (一点儿, 这儿) is ``r5``.
    5. The overrides file (reader/data/pinyin_overrides.tsv): its word entries have the last
       word; its patterns (得 de5/dei3, 地 de5, V不了 liǎo …) beat the model but never a
       reading both dictionaries agree on.

    Measured on the CPP dev split (9,893 marked characters), where pypinyin (over jieba
    words) and g2pM disagree: single-character words g2pM right 302 : pypinyin 22;
    words in pypinyin's phrase dictionary 75 : 81, but 32 : 72 where CC-CEDICT's entry
    agrees with pypinyin; other words 728 : 35 (CC-CEDICT's entry there: right 96.7 %,
    g2pM 99.1 %) — hence g2pM except where two dictionaries agree on the word. ALPHA/BETA
    were then fitted per kind on the dev split. Result (bench/pinyin.py): pypinyin alone
    87.5 %, g2pM alone 97.36 %, this reader 97.85 % (single-character words 95.8 %,
    phrase-dictionary words 98.8 %, other words 97.6 %). The agreement rule costs 11 dev
    sentences whose annotation contradicts both dictionaries (黄陂 pí, 挣脱 zhèng) and fixes
    everyday words g2pM gets wrong with near certainty (了解 liǎo, 目的 dì).
    """

    def __init__(
        self,
        use_model: bool = True,
        neutral_tone: bool = True,
        segmenter: Segmenter | None = None,
        dictionary: Dictionary | None = None,
        model: G2PModel | None = None,
    ) -> None:
        """``dictionary``: CC-CEDICT to read words by (None: the default one); ``model``:
        the polyphone model (None: g2pM's shipped weights, loaded on first use)."""
        from reader.annotate.pinyin_convert import traditional_only
        from reader.annotate.pinyin_overrides import load_overrides
        from reader.annotate.pinyin_words import WordReader

        self.words = WordReader(dictionary=dictionary)
        self.neutral_tone = neutral_tone
        # g2pM's vocabulary (which characters are polyphones) is read now; its weights,
        # and numpy with them, only when a sentence leaves a polyphone to the model
        self.vocab: G2PVocab | None = None
        self._model: G2PModel | None = model
        self._model_lock = threading.Lock()
        # a sentence is read through its t2s form when it has a character that never occurs
        # in Simplified text (not in g2pM's vocabulary, which was trained on Simplified)
        self._triggers: frozenset[str] | None = None
        if use_model:
            from reader.annotate.g2p_vocab import load_vocab

            self.vocab = load_vocab()
            self._triggers = traditional_only(set(self.vocab.char2idx))
        self.overrides = load_overrides()
        self._segmenter = segmenter
        self._segmenter_lock = threading.Lock()
        # each polyphone's readings in the model's order; words' dictionary readings
        self._candidates: dict[str, tuple[str, ...]] = {}
        if self.vocab is not None:
            self._candidates = {ch: self.vocab.readings_of(ch) for ch in self.vocab.candidates}
        self._plans: dict[str, _WordPlan] = {}
        self._displays: dict[tuple[tuple[str | None, ...], str], str] = {}
        self._plans_lock = threading.Lock()

    # -- public -------------------------------------------------------------------------
    @property
    def model(self) -> G2PModel | None:
        """g2pM's model (None without one), loaded on first use."""
        if self.vocab is None:
            return None
        if self._model is None:
            with self._model_lock:
                if self._model is None:
                    from reader.annotate.g2p import get_model

                    self._model = get_model()
        return self._model

    def _fallback(self, ch: str) -> str | None:
        """CC-CEDICT's first reading of a character pypinyin does not know."""
        found = self.words.dictionary.char_readings(ch)
        return found[0] if found else None

    def read_batch(self, items: Sequence[tuple[str, Sequence[Span]]]) -> list[Readings]:
        """One reading per character for each ``(sentence, word spans)``; None for non-Han."""
        from reader.annotate.pinyin_convert import to_simplified

        texts = [to_simplified(text, self._triggers) for text, _ in items]
        tilings = [_tile(len(text), spans) for text, spans in items]
        results: list[Readings] = []
        pending: list[list[_Pending]] = []
        locked: list[set[int]] = []
        for text, tiling in zip(texts, tilings, strict=True):
            out, todo, agreed = self._dictionary_pass(text, tiling)
            results.append(out)
            pending.append(todo)
            locked.append(agreed)
        if self.vocab is not None and any(pending):
            self._context_pass(texts, results, pending)
        for text, tiling, out, agreed in zip(texts, tilings, results, locked, strict=True):
            self.overrides.apply(text, tiling, out, agreed)
        return results

    def display(self, readings: tuple[str | None, ...], style: str) -> str:
        """:func:`format_word` of a word's readings ("" for none), remembered per readings
        and style: an article repeats its words, and a word's display never changes."""
        key = (readings, style)
        found = self._displays.get(key)
        if found is None:
            found = format_word(readings, style) if any(readings) else ""
            with self._plans_lock:
                if len(self._displays) >= _PLANS_KEPT:
                    self._displays.clear()
                self._displays[key] = found
        return found

    def read_text(self, text: str) -> Readings:
        """Readings for ``text`` segmented by the reader's own jieba tokenizer."""
        return self.read_batch([(text, self.segment(text))])[0]

    def segment(self, text: str) -> list[Span]:
        """Word spans from the reader's segmenter (a private one if none was given);
        Traditional text is segmented through its Simplified form."""
        from reader.annotate.pinyin_convert import to_simplified

        if self._segmenter is None:
            with self._segmenter_lock:
                if self._segmenter is None:
                    from reader.segment.words import Segmenter

                    self._segmenter = Segmenter()
        return self._segmenter.cut(to_simplified(text, self._triggers))

    # -- passes -------------------------------------------------------------------------
    def _dictionary_pass(
        self, text: str, tiling: list[Span]
    ) -> tuple[Readings, list[_Pending], set[int]]:
        """pypinyin/CC-CEDICT readings; the polyphones left to the model; and the positions
        both dictionaries agree on (which overrides' patterns leave alone)."""
        out: Readings = [None] * len(text)
        todo: list[_Pending] = []
        agreed: set[int] = set()
        plan_of = self._plans.get
        for start, end in tiling:
            word = text[start:end]
            plan = plan_of(word)
            if plan is None:
                plan = self._plan(word)
            out[start:end] = plan.readings
            for k, p, kind, cedict, inner in plan.pending:
                todo.append((start + k, p, kind, cedict, inner))
            for k in plan.agreed:
                agreed.add(start + k)
        return out, todo, agreed

    def _plan(self, span: str) -> _WordPlan:
        """What the dictionaries settle in a word span on their own (None where not Han):
        the same for every occurrence of the span, so it is worked out once per span."""
        digest = self.vocab.cedict if self.vocab is not None else None
        readings: Readings = [None] * len(span)
        pending: list[_Pending] = []
        agreed: list[int] = []
        for m in HAN_RUN_RE.finditer(span):
            word, at = m.group(), m.start()
            info = self.words.read(word)
            for k, ch in enumerate(word):
                p, cedict = info.readings[k], info.cedict[k]
                options = digest.get(ch) if digest is not None else None
                if options is not None and len(options) > 1:
                    kind = info.kinds[k]
                    if _agree(p, kind, cedict):
                        agreed.append(at + k)
                    # pypinyin's phrase and CC-CEDICT agreeing decide without the model
                    q = _neutral_backed(p, self._candidates[ch])
                    if _agree(q, kind, cedict):
                        readings[at + k] = self._finish(ch, q, p, cedict, k > 0)
                    else:
                        readings[at + k] = p  # until the model has read the sentence
                        pending.append((at + k, p, kind, cedict, k > 0))
                    continue
                if options is not None:
                    chosen: str | None = options[0]
                else:
                    chosen = p if p is not None else self._fallback(ch)
                readings[at + k] = self._finish(ch, chosen, p, cedict, k > 0)
        plan = _WordPlan(tuple(readings), tuple(pending), tuple(agreed))
        with self._plans_lock:
            if len(self._plans) >= _PLANS_KEPT:
                self._plans.clear()
            self._plans[span] = plan
        return plan

    def _context_pass(
        self, texts: list[str], results: list[Readings], pending: list[list[_Pending]]
    ) -> None:
        model = self.model
        assert model is not None
        needed = [i for i, todo in enumerate(pending) if todo]
        scores = _scores_by_length(
            model, [texts[i] for i in needed], [[t[0] for t in pending[i]] for i in needed]
        )
        # every pending character's softmax over its readings in one go (not one per char)
        import numpy as np

        chars = [texts[i][t[0]] for i in needed for t in pending[i]]
        logps = iter(model.candidate_logps(chars, np.concatenate(scores)))
        for i in needed:
            text, out = texts[i], results[i]
            for pos, p, kind, cedict, inner in pending[i]:
                chosen = _choose(next(logps), p, kind, cedict)
                out[pos] = self._finish(text[pos], chosen, p, cedict, inner)

    def _finish(
        self, ch: str, chosen: str | None, p: str | None, cedict: frozenset[str], inner: bool
    ) -> str | None:
        """Dictionary neutral tones and erhua on top of the chosen reading."""
        if chosen is None:
            return None
        d = next(iter(cedict)) if len(cedict) == 1 else None
        if ch == _ERHUA and inner and (d == "r5" or p == "er5"):
            return "r5"
        if self.neutral_tone and p and p[-1] == "5" and p in cedict and p[:-1] == chosen[:-1]:
            return p
        return chosen


def _agree(p: str | None, kind: str, cedict: frozenset[str]) -> bool:
    """pypinyin's phrase and CC-CEDICT's unambiguous entry for the word give one reading
    (CC-CEDICT's neutral tone counts as agreeing with pypinyin's full tone: 头发 fa4/fa5)."""
    if p is None or kind not in AGREE_KINDS or len(cedict) != 1:
        return False
    d = next(iter(cedict))
    return d == p or (d[-1] == "5" and d[:-1] == p[:-1])


def _neutral_backed(p: str | None, candidates: Sequence[str]) -> str | None:
    """pypinyin's neutral tone that is none of the character's readings backs the toned
    reading it is a form of (the first in the model's order)."""
    if p is not None and p not in candidates and p[-1] == "5":
        return next((r for r in candidates if r[:-1] == p[:-1]), p)
    return p


def _choose(logp: dict[str, float], p: str | None, kind: str, cedict: frozenset[str]) -> str:
    """The reading of a polyphonic character from g2pM's scores and the dictionaries."""
    p = _neutral_backed(p, list(logp))
    if _agree(p, kind, cedict):
        return p  # type: ignore[return-value]
    alpha = ALPHA[kind]
    best, best_score = "", float("-inf")
    for reading, score in logp.items():
        if reading == p:
            score += alpha
        if reading in cedict:
            score += BETA
        if score > best_score:
            best, best_score = reading, score
    return best


_Pending = tuple[int, "str | None", str, frozenset[str], bool]
_PLANS_KEPT = 50_000  # words whose dictionary readings are kept (cleared when full)


@dataclass(frozen=True, slots=True)
class _WordPlan:
    """One word span's readings as far as the dictionaries settle them (offsets in it)."""

    readings: tuple[str | None, ...]  # final, except at ``pending`` (pypinyin's for now)
    pending: tuple[_Pending, ...]  # polyphones the model decides
    agreed: tuple[int, ...]  # where pypinyin's phrase and CC-CEDICT's entry agree


def _scores_by_length(
    model: G2PModel, texts: list[str], targets: list[list[int]]
) -> list[np.ndarray]:
    """``model.scores`` run on groups of sentences of similar length: a batch steps through
    its longest sentence, so one batch for a whole article pads its short sentences to
    the longest one's length (about three times the work on a news article)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    results: list[np.ndarray] = [None] * len(texts)  # type: ignore[list-item]
    for group in _length_groups([len(texts[i]) for i in order]):
        chunk = [order[k] for k in group]
        rows = model.scores([texts[i] for i in chunk], [targets[i] for i in chunk])
        for i, r in zip(chunk, rows, strict=True):
            results[i] = r
    return results


def _length_groups(lengths: Sequence[int], step_cost: int = _STEP_COST) -> list[range]:
    """Cut ascending ``lengths`` into consecutive groups minimising the model's work: a
    group costs its longest length times (``step_cost`` + its size), the fixed part
    being a time step's overhead in units of one sentence's share of it. Measured on the
    Traditional sample: one batch 119 ms, groups of 64 at most chosen so 65 ms."""
    n = len(lengths)
    best = [0] * (n + 1)
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        longest = lengths[j - 1]
        low, at = -1, 0
        for i in range(max(0, j - _GROUP_MAX), j):  # the cheapest, the first of equals
            cost = best[i] + longest * (step_cost + j - i)
            if low < 0 or cost < low:
                low, at = cost, i
        best[j], cut[j] = low, at
    groups: list[range] = []
    j = n
    while j > 0:
        groups.append(range(cut[j], j))
        j = cut[j]
    return groups[::-1]


def _tile(n: int, spans: Sequence[Span]) -> list[Span]:
    """Spans made into a tiling of ``range(n)``: overlaps trimmed (earlier, longer first),
    gaps filled with their own spans."""
    if (
        spans
        and spans[0][0] == 0
        and spans[-1][1] == n
        and all(a < b for a, b in spans)
        and all(left[1] == right[0] for left, right in zip(spans, spans[1:], strict=False))
    ):
        return list(spans)  # already a tiling (the pipeline's words): nothing to trim or fill
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


def apply_sandhi(
    readings_per_word: Sequence[Sequence[str | None]], words: Sequence[str]
) -> list[Readings]:
    """Pronunciation tones: 一/不 changes and third-tone sandhi (see pinyin_sandhi)."""
    from reader.annotate.pinyin_sandhi import apply_sandhi as _apply

    return _apply(readings_per_word, words)
