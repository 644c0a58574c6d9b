"""Batching model inputs: every distinct text decoded once, in batches of similar length.

The run collects what its sentences wait for and hands the texts here. Each distinct text
is decoded once per run (a memo shared by every round) and cleaned (loops collapsed,
punctuation normalised). Batches are made of texts of similar token length, so a batch
pads little and the engine can decode it in one call; the order is a pure function of the
texts, never of set order, so the batches (and the output) are the same from run to run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from reader.translate import protect
from reader.translate.engine import MTBackend
from reader.translate.loops import collapse_repeats
from reader.translate.repair import Memo

BATCH = 32  # model inputs per engine call / progress step / cancellation check
FIRST_BATCH = 4  # the article's first inputs, decoded before the rest: the first screen


def length_order(texts: Sequence[str], count_tokens: Callable[[str], int]) -> list[str]:
    """``texts`` by token length, ties by text: neighbours in a batch pad little."""
    return sorted(texts, key=lambda t: (count_tokens(t), t))


def batches(
    texts: Sequence[str], count_tokens: Callable[[str], int], first: int
) -> list[list[str]]:
    """The first ``first`` texts (article order) alone, then the rest by length in BATCH.

    The head goes alone only when the rest is more than one batch: a small run (the
    reader's chunks) is one batch anyway, and splitting it would only cost batching.
    """
    if len(texts) <= BATCH:
        first = 0
    head = list(texts[:first])
    todo = length_order(list(dict.fromkeys(texts[first:])), count_tokens)
    chunks = [head] if head else []
    chunks += [todo[i : i + BATCH] for i in range(0, len(todo), BATCH)]
    return chunks


class Decoder:
    """Decodes texts with one backend, memoising the cleaned outputs for the whole run."""

    def __init__(self, translator: MTBackend, cancel: threading.Event | None) -> None:
        self.tr = translator
        self.cancel = cancel
        self.memo: Memo = {}
        self.model_inputs = 0  # distinct texts decoded
        self.loops_collapsed = 0
        self.cancelled = False

    def is_cancelled(self) -> bool:
        if self.cancel is not None and self.cancel.is_set():
            self.cancelled = True
        return self.cancelled

    def missing(self, texts: Sequence[str], fragments: bool = False) -> list[str]:
        """The distinct ``texts`` not decoded yet, in the order given."""
        return [t for t in dict.fromkeys(texts) if (fragments, t) not in self.memo]

    def decode(
        self,
        texts: Sequence[str],
        after_batch: Callable[[], None],
        fragments: bool = False,
        first: int = 0,
    ) -> bool:
        """Decode the ``texts`` not yet memoised; ``after_batch`` runs after each batch.

        The first ``first`` texts in the order given go alone, so the first screen of
        English is ready after a small batch. False when cancelled.
        """
        fresh = self.missing(texts, fragments)
        for chunk in batches(fresh, self.tr.count_tokens, first):
            if self.is_cancelled():
                return False
            outputs = self.tr.translate(chunk, fragments=fragments)
            self.model_inputs += len(chunk)
            for src, out in zip(chunk, outputs, strict=True):
                cleaned, looped = collapse_repeats(out)
                self.loops_collapsed += looped
                self.memo[(fragments, src)] = protect.tidy(cleaned.translate(protect.PUNCTUATION))
            after_batch()
        return True
