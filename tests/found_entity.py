"""A recogniser's entity as tests write one (reader.glossary.judge.Entity's shape)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    type: str
    confidence: float
