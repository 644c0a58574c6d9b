"""Part-of-speech guesses for words jieba's dictionary lacks, without importing jieba.posseg.

Importing ``jieba.posseg`` builds its module-level default ``POSTokenizer``, which re-reads
jieba's whole dictionary for tags (≈0.5 s) even when we already hold them. The HMM that
tags unknown words only needs jieba's four probability tables; this module loads those
files directly (cached bytecode, under private module names) and decodes with its own
Viterbi: states are (position B/M/E/S, tag) pairs, the word's tag is the tag of its states.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from types import ModuleType
from typing import Any

_MIN = -3.14e100


def _load_table(name: str) -> Any:
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "posseg", f"{name}.py")
    module_name = f"reader._jieba_posseg_{name}"
    module = sys.modules.get(module_name)
    if module is None:
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"jieba's POS table {path} is missing")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[module_name] = module
    assert isinstance(module, ModuleType)
    return module.P


class PosHMM:
    """jieba's POS HMM over one unknown word (tables loaded on first use)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tables: tuple[Any, Any, Any, Any] | None = None

    def _load(self) -> tuple[Any, Any, Any, Any]:
        if self._tables is None:
            with self._lock:
                if self._tables is None:
                    self._tables = (
                        _load_table("char_state_tab"),
                        _load_table("prob_start"),
                        _load_table("prob_trans"),
                        _load_table("prob_emit"),
                    )
        return self._tables

    def tag(self, word: str) -> str:
        """The tag of ``word`` when the HMM reads it as one word, else ``"x"``."""
        if not word:
            return "x"
        states_of, start_p, trans_p, emit_p = self._load()
        every = list(trans_p)
        scores = {
            s: start_p[s] + emit_p[s].get(word[0], _MIN) for s in states_of.get(word[0], every)
        }
        back: list[dict[Any, Any]] = []
        for ch in word[1:]:
            reachable = {n for p in scores if trans_p[p] for n in trans_p[p]}
            candidates = set(states_of.get(ch, every)) & reachable or reachable or set(every)
            step: dict[Any, float] = {}
            came: dict[Any, Any] = {}
            for s in candidates:
                best, prev = max(
                    (scores[p] + trans_p[p].get(s, float("-inf")) + emit_p[s].get(ch, _MIN), p)
                    for p in scores
                    if trans_p[p]
                )
                step[s], came[s] = best, prev
            scores = step
            back.append(came)
        state = max((v, s) for s, v in scores.items())[1]
        route = [state]
        for came in reversed(back):
            state = came[state]
            route.append(state)
        route.reverse()
        # jieba's reading of the states: a word ends at E or S; what is left unfinished at
        # the end is one more word tagged by its first state. One word = no end before last.
        if any(position in ("E", "S") for position, _ in route[:-1]):
            return "x"
        last = route[-1]
        return str(last[1] if last[0] in ("E", "S") else route[0][1])
