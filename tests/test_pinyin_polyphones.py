"""The everyday polyphone set (tests/data/polyphones.tsv): every word must be read right."""

from __future__ import annotations

from pathlib import Path

from reader.annotate.dictionary import lookup
from reader.resources import default_resources

DATA = Path(__file__).parent / "data" / "polyphones.tsv"


def _rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("sentence\t"):
            continue
        cols = line.split("\t")
        rows.append((cols[0], cols[1], cols[2], cols[3] if len(cols) > 3 else ""))
    return rows


def test_the_set_is_large_and_well_formed() -> None:
    rows = _rows()
    assert len(rows) >= 200
    assert len({(s, w) for s, w, _, _ in rows}) == len(rows)
    for sentence, word, readings, _ in rows:
        assert word in sentence, (sentence, word)
        assert len(readings.split()) == len(word), (word, readings)
    polyphonic = {ch for _, w, _, _ in rows for ch in w if len(lookup(ch)) > 1}
    assert len(polyphonic) >= 80


def _same_up_to_neutral(entry: str, expected: str) -> bool:
    """Equal, except where the dictionary has a neutral tone and we expect the full tone."""
    pairs = list(zip(entry.split(), expected.split(), strict=False))
    return len(entry.split()) == len(expected.split()) and all(
        e == x or (e[-1] == "5" and e[:-1] == x[:-1]) for e, x in pairs
    )


def test_expected_readings_are_dictionary_readings() -> None:
    bad = []
    for _sentence, word, readings, note in _rows():
        entries = [e.pinyin for e in lookup(word)]
        if not entries or note == "context":
            continue
        if readings in entries:
            continue
        if "neutral" in note and any(_same_up_to_neutral(e, readings) for e in entries):
            continue
        bad.append((word, readings, entries))
    assert not bad, bad


def test_every_everyday_polyphone_is_read_right() -> None:
    reader = default_resources().pinyin
    rows = _rows()
    results = reader.read_batch([(s, reader.segment(s)) for s, _, _, _ in rows])
    misses = []
    for (sentence, word, expected, _), readings in zip(rows, results, strict=True):
        i = sentence.index(word)
        got = " ".join(r or "-" for r in readings[i : i + len(word)])
        if got != expected:
            misses.append(f"{sentence} {word}: expected {expected}, got {got}")
    assert not misses, f"{len(misses)} of {len(rows)} misread:\n" + "\n".join(misses)
