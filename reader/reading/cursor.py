"""The word cursor: a sentence and a token in it (positions in the Session's lists)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cursor:
    sentence: int  # position in Session.sentences
    token: int
