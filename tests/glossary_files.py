"""The glossary file format as the data tests check it, written out independently of
reader.glossary (so a mistake in the parser can't hide a mistake in the data)."""

from __future__ import annotations

from conftest import ROOT

GLOSSARY_DIR = ROOT / "glossaries"
HEADER = ["zh", "en", "type", "aliases", "note", "flags"]
TYPES = frozenset(
    {
        "company",
        "org",
        "university",
        "lab",
        "investor",
        "product",
        "media",
        "person",
        "place",
        "brand",
        "agency",
        "other",
    }
)
FLAGS = frozenset({"", "ambiguous"})
