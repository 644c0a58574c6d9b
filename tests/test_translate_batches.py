"""Batching of model inputs (reader.translate.batches) and the engine's OpenMP setting."""

from __future__ import annotations

import os

import pytest

from reader.translate.batches import BATCH, batches
from reader.translate.engine import _import_ctranslate2, decode_jobs


def test_small_runs_are_one_batch_sorted_by_token_length() -> None:
    texts = ["长长长长长", "短", "中中中"]
    assert batches(texts, len, first=4) == [["短", "中中中", "长长长长长"]]


def test_long_runs_send_the_head_alone_then_batches_by_length() -> None:
    texts = [f"{'字' * (i % 7 + 1)}{i}" for i in range(BATCH + 10)]
    chunks = batches(texts, len, first=4)
    assert chunks[0] == texts[:4]  # the first screen, in article order
    rest = [t for chunk in chunks[1:] for t in chunk]
    assert sorted(rest) == sorted(texts[4:]) and all(len(c) <= BATCH for c in chunks)
    assert rest == sorted(texts[4:], key=lambda t: (len(t), t))
    assert batches(texts, len, first=4) == chunks  # the same from run to run


def test_a_dominant_length_group_is_shared_between_workers() -> None:
    groups = {32: list(range(30)), 48: [30, 31]}  # 960 of 1,056 units of work
    jobs = decode_jobs(groups, workers=2)
    assert [(b, len(ix)) for b, ix in jobs] == [(32, 15), (32, 15), (48, 2)]
    assert sorted(i for _, ix in jobs for i in ix) == list(range(32))
    assert decode_jobs(groups, workers=1) == [(32, groups[32]), (48, [30, 31])]
    # under 3/4 of the work: whole groups, biggest first
    groups = {16: [0, 1, 2, 3, 4], 32: list(range(5, 26)), 48: list(range(26, 32))}
    assert [(b, len(ix)) for b, ix in decode_jobs(groups, workers=2)] == [
        (32, 21),
        (48, 6),
        (16, 5),
    ]
    # the first screen: one group of 4, decoded as 2 + 2
    assert decode_jobs({16: [0, 1, 2, 3]}, workers=2) == [(16, [0, 1]), (16, [2, 3])]
    assert decode_jobs({16: [0]}, workers=2) == [(16, [0])]


def test_openmp_threads_sleep_when_idle_unless_the_user_chose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    _import_ctranslate2()
    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")
    _import_ctranslate2()
    assert os.environ["OMP_WAIT_POLICY"] == "ACTIVE"
