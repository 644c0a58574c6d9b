"""Detect and collapse repetition loops in MT output ("(applause) (applause) (applause) …").

Argos zh→en is known to degenerate into loops (argos #422, #444). Decoding already forbids
repeated 4-token sequences and caps the length; this is the post-hoc net for loops made
of longer units or of differently-split tokens: any run of the same 1..8-word unit
repeated three or more times in a row is kept once.
"""

from __future__ import annotations

_STRIP = ".,;:!?\"'()[]“”‘’"


def _norm(word: str) -> str:
    return word.strip(_STRIP).lower()


def collapse_repeats(text: str, max_unit: int = 8, min_repeats: int = 3) -> tuple[str, bool]:
    """Return (text with looping runs collapsed to one unit, whether anything was collapsed)."""
    words = text.split()
    if len(words) < min_repeats:
        return text, False
    keys = [_norm(w) for w in words]
    out: list[str] = []
    changed = False
    i = 0
    while i < len(words):
        run = _run_at(keys, i, max_unit, min_repeats)
        if run is None:
            out.append(words[i])
            i += 1
            continue
        n, reps = run
        # Keep the last copy: it carries the run's closing punctuation.
        out.extend(words[i + (reps - 1) * n : i + reps * n])
        i += reps * n
        changed = True
    return (" ".join(out), True) if changed else (text, False)


def _run_at(keys: list[str], i: int, max_unit: int, min_repeats: int) -> tuple[int, int] | None:
    """(unit length, repetitions) of the shortest unit repeated from ``i``, if any."""
    for n in range(1, max_unit + 1):
        if i + n * min_repeats > len(keys):
            return None
        unit = keys[i : i + n]
        if not any(unit):
            continue
        reps = 1
        while keys[i + reps * n : i + (reps + 1) * n] == unit:
            reps += 1
        if reps >= min_repeats:
            return n, reps
    return None
