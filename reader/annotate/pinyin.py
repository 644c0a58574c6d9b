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


class PinyinReader:
    """Reads sentences given their word spans. Thread-safe after construction."""

    def __init__(self) -> None:
        from pypinyin import Style, pinyin

        self._pinyin = pinyin
        self._style = Style.TONE3
        self._jieba: Any = None
        self._jieba_lock = threading.Lock()

    # -- word level ---------------------------------------------------------------------
    def _word_readings(self, word: str) -> Readings:
        """pypinyin's reading of one word (phrase dictionary), per character."""
        out: Readings = [None] * len(word)
        for m in _HAN_RUN.finditer(word):
            got = self._pinyin(
                m.group(), style=self._style, neutral_tone_with_five=True, errors="ignore"
            )
            syllables = [s[0] for s in got]
            if len(syllables) != len(m.group()):
                continue
            for k, syl in enumerate(syllables):
                out[m.start() + k] = _normalize(syl)
        return out

    # -- public -------------------------------------------------------------------------
    def read_batch(self, items: Sequence[tuple[str, Sequence[Span]]]) -> list[Readings]:
        results: list[Readings] = []
        for text, spans in items:
            results.append(self._read_one(text, spans))
        return results

    def _read_one(self, text: str, spans: Sequence[Span]) -> Readings:
        out: Readings = [None] * len(text)
        for start, end in _tile(len(text), spans):
            out[start:end] = self._word_readings(text[start:end])
        return out

    def read_text(self, text: str) -> Readings:
        return self.read_batch([(text, self.segment(text))])[0]

    def segment(self, text: str) -> list[Span]:
        """Word spans from the reader's own jieba tokenizer (never the global ``jieba.dt``)."""
        tok = self._tokenizer()
        spans: list[Span] = []
        pos = 0
        for word in tok.cut(text, HMM=True):
            spans.append((pos, pos + len(word)))
            pos += len(word)
        return spans

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


def _normalize(syl: str) -> str | None:
    if not syl or not syl[-1].isdigit():
        return None
    return syl.lower().replace("ü", "v").replace("u:", "v")


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
