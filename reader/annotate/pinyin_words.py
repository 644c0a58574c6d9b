"""Word-level readings: pypinyin's phrase dictionary and CC-CEDICT, per character.

For a run of Han characters (one word span, Simplified form) this gives, per character:
- ``reading``: what pypinyin reads for the word (same as ``pypinyin.pinyin([word])``: the
  word's phrase entry if it has one, otherwise pypinyin's own max-match segmentation into
  phrases, otherwise each character's most common reading);
- ``kind``: how that reading was settled (see KIND_*), which decides how much it is trusted;
- ``cedict``: the readings CC-CEDICT gives that position in entries for the whole word.

pypinyin's tables are read directly (no ``load_phrases_dict``: that would mutate
process-wide state other code may rely on). Results are cached per word.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

KIND_SINGLE = "single"  # a one-character word: pypinyin's default reading of the character
KIND_PHRASE = "phrase"  # the whole word is in pypinyin's phrase dictionary
KIND_SUBPHRASE = "subphrase"  # inside a phrase pypinyin found within a longer unknown word
KIND_OTHER = "other"  # a character of an unknown word read on its own

_EMPTY: frozenset[str] = frozenset()
# unknown words: also use CC-CEDICT's entry for the phrase pypinyin found inside (别着急 → 着急)
SUB_CEDICT = True


@dataclass(frozen=True, slots=True)
class WordReading:
    readings: tuple[str | None, ...]
    kinds: tuple[str, ...]
    cedict: tuple[frozenset[str], ...]


@lru_cache(maxsize=8192)
def _tone3(marked: str) -> str | None:
    from pypinyin.contrib.tone_convert import to_tone3

    out: str = to_tone3(marked, neutral_tone_with_five=True)
    out = out.lower().replace("ü", "v")
    return out if out and out[-1].isdigit() else None


class WordReader:
    """pypinyin + CC-CEDICT word readings with a bounded per-word cache (thread-safe)."""

    def __init__(self, cache_size: int = 50_000) -> None:
        from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
        from pypinyin.seg import mmseg

        from reader.annotate import dictionary

        self._phrases: dict[str, list[list[str]]] = PHRASES_DICT
        self._chars: dict[int, str] = PINYIN_DICT
        self._mmseg: Any = mmseg.seg
        self._dictionary = dictionary
        dictionary.load()
        self._cache: dict[str, WordReading] = {}
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def char_default(self, ch: str) -> str | None:
        marked = self._chars.get(ord(ch))
        return _tone3(marked.split(",")[0]) if marked else None

    def _phrase(self, word: str) -> list[str | None] | None:
        entry = self._phrases.get(word)
        if entry is None or len(entry) != len(word):
            return None
        return [_tone3(p[0]) for p in entry]

    def read(self, word: str) -> WordReading:
        """Readings of ``word`` (all Han characters, Simplified form)."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        result = self._read(word)
        with self._lock:
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[word] = result
        return result

    def _read(self, word: str) -> WordReading:
        readings: list[str | None] = []
        kinds: list[str] = []
        whole = self._phrase(word) if len(word) > 1 else None
        cedict = self._cedict(word)
        if whole is not None:
            readings, kinds = whole, [KIND_PHRASE] * len(word)
        elif len(word) == 1:
            readings, kinds = [self.char_default(word)], [KIND_SINGLE]
        else:
            sub_cedict: list[frozenset[str]] = []
            for part in self._mmseg.cut(word):
                sub = self._phrase(part) if len(part) > 1 else None
                if sub is not None:
                    readings += sub
                    kinds += [KIND_SUBPHRASE] * len(part)
                    sub_cedict += self._cedict(part)
                else:
                    readings += [self.char_default(ch) for ch in part]
                    kinds += [KIND_OTHER] * len(part)
                    sub_cedict += [_EMPTY] * len(part)
            # an unknown word: CC-CEDICT's entry for the phrase pypinyin found inside it
            if SUB_CEDICT:
                cedict = tuple(w or s for w, s in zip(cedict, sub_cedict, strict=True))
        return WordReading(tuple(readings), tuple(kinds), cedict)

    def _cedict(self, word: str) -> tuple[frozenset[str], ...]:
        if len(word) < 2:
            return (_EMPTY,) * len(word)
        sets: list[set[str]] = [set() for _ in word]
        for entry in self._dictionary.lookup_exact(word):
            syllables = entry.pinyin.split()
            if len(syllables) == len(word):
                for s, syl in zip(sets, syllables, strict=True):
                    s.add(syl)
        return tuple(frozenset(s) for s in sets)
