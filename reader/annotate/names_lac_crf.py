"""LAC's linear-chain CRF (start, end and transition scores: names_lac_weights) decoded
over the packed layout of names_lac.LacTagger: Viterbi's best tags and the marginals.

Positions are in the packed order: sentences longest first, laid out time step by time
step, so the sentences still running at step t are the first ``alive[t]`` rows.
"""

from __future__ import annotations

import numpy as np


def viterbi(
    scores: np.ndarray,
    alive: list[int],
    start: np.ndarray,
    end: np.ndarray,
    transition: np.ndarray,
) -> np.ndarray:
    """Best tag of every packed position.

    A step's paths lie source first (from, rows, to): their best over the sources is a
    reduction over the leading axis, elementwise across contiguous memory (an argmax
    along the short last axis of (rows, to, from) cost three times as much). The
    source it came from is the first one equal to that best (as argmax takes the first
    of equal scores): each source marks where it equals the best with a weight that
    falls with its index, and the largest mark names it. The same values compared as
    before, the same best scores and back pointers (the scores are finite: a best is
    always one of the paths).
    """
    tags = len(transition)
    best = scores[: alive[0]] + start
    back = np.zeros(scores.shape, dtype=np.int64)
    step = transition[:, None, :]  # (from, 1, to)
    paths_buf = np.empty((tags, alive[0], tags), dtype=np.float32)
    equal_buf = np.empty((tags, alive[0], tags), dtype=bool)
    mark_type = np.min_scalar_type(tags)
    mark_buf = np.empty((tags, alive[0], tags), dtype=mark_type)
    weights = (tags - np.arange(tags)).astype(mark_type)[:, None, None]  # tags … 1
    at = alive[0]
    for n in alive[1:]:
        paths = np.add(best[:n].T[:, :, None], step, out=paths_buf[:, :n])
        top = paths.max(axis=0)  # (rows, to)
        equal = np.equal(paths, top, out=equal_buf[:, :n])
        marks = np.multiply(equal.view(np.uint8), weights, out=mark_buf[:, :n])
        np.subtract(tags, marks.max(axis=0), out=back[at : at + n])
        best[:n] = top
        best[:n] += scores[at : at + n]
        at += n
    final = (best + end).argmax(axis=1)
    path = np.empty(len(scores), dtype=np.int64)
    current = np.empty_like(final)
    ends = [*alive[1:], 0]
    for t in range(len(alive) - 1, -1, -1):
        n, at = alive[t], at - alive[t]
        current[ends[t] : n] = final[ends[t] : n]  # sentences whose last step is t
        path[at : at + n] = current[:n]
        current[:n] = back[at + np.arange(n), current[:n]]
    return path


def marginals(
    scores: np.ndarray,
    alive: list[int],
    start: np.ndarray,
    end: np.ndarray,
    transition: np.ndarray,
) -> np.ndarray:
    """P(tag) of every packed position under the CRF, by forward-backward.

    In probability space with each row rescaled at every step (a position's marginal
    is its forward × backward product normalised, so per-row scales cancel): one
    (rows × tags) @ (tags × tags) product a step instead of a log-sum-exp over a cube.
    The CRF weights are small (|w| < 25), so exp() of them cannot overflow.
    """
    offsets = np.concatenate([[0], np.cumsum(alive)])
    # emission factors, each row scaled by its largest (float64: no underflow to 0)
    factor = np.exp(scores - scores.max(axis=1, keepdims=True), dtype=np.float64)
    step = np.exp(transition.astype(np.float64))  # (from, to)
    alpha = np.empty_like(factor)
    first = np.exp(start.astype(np.float64)) * factor[: alive[0]]
    alpha[: alive[0]] = first / first.sum(axis=1, keepdims=True)
    for t in range(1, len(alive)):
        n, at, before = alive[t], offsets[t], offsets[t - 1]
        current = (alpha[before : before + n] @ step) * factor[at : at + n]
        alpha[at : at + n] = current / current.sum(axis=1, keepdims=True)
    beta = np.empty_like(factor)
    last = np.exp(end.astype(np.float64))
    last /= last.sum()
    for t in range(len(alive) - 1, -1, -1):
        n, at = alive[t], offsets[t]
        going_on = alive[t + 1] if t + 1 < len(alive) else 0
        beta[at + going_on : at + n] = last  # sentences whose last step is t
        if going_on:
            after = offsets[t + 1]
            following = factor[after : after + going_on] * beta[after : after + going_on]
            current = following @ step.T
            beta[at : at + going_on] = current / current.sum(axis=1, keepdims=True)
    joint = alpha * beta
    return joint / joint.sum(axis=1, keepdims=True)
