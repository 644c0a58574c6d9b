"""Glossary of names: file format, layered loading, matching in either script, auto names.

Public API::

    load_glossary(extra_files=(), use_default=True, use_user=True) -> Glossary
    Glossary.find(text) -> list[GlossaryHit]         # longest match, non-overlapping
    Glossary.candidates(text) -> list[GlossaryHit]   # every occurrence, ambiguous ones too
    Glossary.lookup(term) -> Entry | None
    Glossary.user_words() -> list[str]               # for jieba, both scripts
    Glossary.fingerprint, Glossary.entries, Glossary.issues
    detect_names(tokens, sentence_text, sentence_start) -> list[GlossaryHit]  # auto names
    add_user_entries(entries) -> (added, replaced)   # e.g. accept an auto name
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.glossary.format import COLUMNS, FLAGS, TYPES, Entry, Issue
from reader.glossary.store import Glossary, load_glossary

if TYPE_CHECKING:
    from reader.glossary.auto import detect_names
    from reader.glossary.edit import add_user_entries

__all__ = [
    "COLUMNS",
    "FLAGS",
    "TYPES",
    "Entry",
    "Glossary",
    "Issue",
    "add_user_entries",
    "detect_names",
    "load_glossary",
]


def __getattr__(name: str) -> Any:
    # Auto names pull in pypinyin (~3 MB of tables): import only when asked for.
    if name == "detect_names":
        from reader.glossary.auto import detect_names

        return detect_names
    if name == "add_user_entries":
        from reader.glossary.edit import add_user_entries

        return add_user_entries
    raise AttributeError(name)
