"""Part-of-speech guesses for words jieba's dictionary lacks, without importing jieba.posseg.

Importing ``jieba.posseg`` builds its module-level default ``POSTokenizer``, which re-reads
jieba's whole dictionary for tags (≈0.5 s) even when we already hold them. The HMM that
tags unknown words only needs jieba's four probability tables; this module reads those
files directly (under private module names) into a disk table in reader's cache dir, looks
up only the characters a word has, and decodes with its own Viterbi: states are
(position B/M/E/S, tag) pairs, the word's tag is the tag of its states.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from reader.disktable import DiskTable, MemoryTable, open_table

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


State = tuple[str, str]  # (position B/M/E/S, tag)
_TABLE_VERSION = 1
_START_KEY, _TRANS_KEY = "\x01start", "\x01trans"  # the two non-character rows
_TABLES = ("char_state_tab", "prob_start", "prob_trans", "prob_emit")


def _table_stamp() -> tuple[object, ...]:
    import jieba

    folder = os.path.join(os.path.dirname(jieba.__file__), "posseg")
    files = (os.path.join(folder, f"{name}.py") for name in _TABLES)
    return (_TABLE_VERSION, *((f, *os.stat(f)[6:9]) for f in files))


def _table_items() -> Iterator[tuple[str, str]]:
    """jieba's four tables as rows of one disk table: the start and transition
    probabilities, then per character its possible states and emission log-probabilities
    (JSON: floats round-trip exactly)."""
    states_of, start_p, trans_p, emit_p = (_load_table(name) for name in _TABLES)
    yield _START_KEY, json.dumps([[*s, p] for s, p in start_p.items()])
    yield (
        _TRANS_KEY,
        json.dumps([[*s, [[*n, p] for n, p in nxt.items()]] for s, nxt in trans_p.items()]),
    )
    emits: dict[str, list[list[object]]] = {}
    for state, row in emit_p.items():
        for ch, p in row.items():
            emits.setdefault(ch, []).append([*state, p])
    for ch in dict.fromkeys([*states_of, *emits]):
        states = states_of.get(ch)
        row_states = [list(s) for s in states] if states is not None else None
        yield ch, json.dumps([row_states, emits.get(ch, [])])


class PosHMM:
    """jieba's POS HMM over one unknown word. Its tables (1.5 MB of Python literals, ~0.1 s
    to load) are read from one disk table in reader's cache dir, built from jieba's files
    and rebuilt when they change: the start and transition rows on first use, a character's
    states and emissions when a word has it."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir
        self._lock = threading.Lock()
        self._table: DiskTable | MemoryTable | None = None
        self._start: dict[State, float] = {}
        self._trans: dict[State, dict[State, float]] = {}
        self._into: dict[State, list[State]] = {}  # the states with a transition to each
        self._chars: dict[str, tuple[tuple[State, ...] | None, dict[State, float]]] = {}

    def _load(self) -> DiskTable | MemoryTable:
        if self._table is None:
            with self._lock:
                if self._table is None:
                    path = self._cache_dir / "jieba-pos-hmm.table" if self._cache_dir else None
                    table = open_table(path, _table_stamp(), _table_items)
                    self._start = {
                        (a, b): p for a, b, p in json.loads(table.get(_START_KEY) or "[]")
                    }
                    self._trans = {
                        (a, b): {(c, d): p for c, d, p in nxt}
                        for a, b, nxt in json.loads(table.get(_TRANS_KEY) or "[]")
                    }
                    for prev, nxt in self._trans.items():
                        for state in nxt:
                            self._into.setdefault(state, []).append(prev)
                    self._table = table
        return self._table

    def _char(self, ch: str) -> tuple[tuple[State, ...] | None, dict[State, float]]:
        """``ch``'s possible states (None: any) and its emission log-probability by state."""
        found = self._chars.get(ch)
        if found is None:
            row = self._load().get(ch) if not ch.startswith("\x01") else None
            if row is None:
                found = (None, {})
            else:
                states, emits = json.loads(row)
                found = (
                    tuple((a, b) for a, b in states) if states is not None else None,
                    {(a, b): p for a, b, p in emits},
                )
            self._chars[ch] = found
        return found

    def tag(self, word: str) -> str:
        """The tag of ``word`` when the HMM reads it as one word, else ``"x"``."""
        if not word:
            return "x"
        self._load()
        start_p, trans_p, into = self._start, self._trans, self._into
        every = list(trans_p)
        states, emits = self._char(word[0])
        scores = {
            s: start_p[s] + emits.get(s, _MIN) for s in (states if states is not None else every)
        }
        back: list[dict[Any, Any]] = []
        for ch in word[1:]:
            reachable = {n for p in scores if trans_p[p] for n in trans_p[p]}
            states, emits = self._char(ch)
            candidates = (
                set(states if states is not None else every) & reachable or reachable or set(every)
            )
            step: dict[Any, float] = {}
            came: dict[Any, Any] = {}
            for s in candidates:
                e = emits.get(s, _MIN)
                # Only states with a transition to s can score above -inf: the best of
                # those is the best of all (ties go to the larger state either way).
                options = [
                    (scores[p] + trans_p[p][s] + e, p) for p in into.get(s, ()) if p in scores
                ]
                found = max(options) if options else None
                if found is None or found[0] == float("-inf"):  # no finite score: as jieba
                    found = max(
                        (scores[p] + trans_p[p].get(s, float("-inf")) + e, p)
                        for p in scores
                        if trans_p[p]
                    )
                step[s], came[s] = found
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
