"""The learner's vocabulary: which words they know, HSK levels, and per-article counts.

``words``: what counts as vocabulary and its key; ``levels``: HSK 3.0/2.0 levels and
frequency ranks; ``store``: the SQLite vocabulary; ``stats``: an article's words and how
many are known; ``imports``: word lists, Pleco and Anki exports; ``reading``: the reader's
vocabulary state for one open article (no Textual). Nothing here imports textual.
"""

from __future__ import annotations

from reader.vocab.levels import HskSystem, Levels, level_label
from reader.vocab.store import VocabStore
from reader.vocab.words import Status, VocabRules

__all__ = ["HskSystem", "Levels", "Status", "VocabRules", "VocabStore", "level_label"]
