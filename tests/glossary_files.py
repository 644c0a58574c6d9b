"""The glossary file format as the data tests check it, written out independently of
reader.glossary (so a mistake in the parser can't hide a mistake in the data)."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Row:
    """One data line of a glossary file, by position in the header above."""

    file: str
    line: int
    fields: list[str]

    @property
    def zh(self) -> str:
        return self.fields[0]

    @property
    def en(self) -> str:
        return self.fields[1]

    @property
    def type(self) -> str:
        return self.fields[2]

    @property
    def aliases(self) -> list[str]:
        return [a for a in self.fields[3].split("|") if a]

    @property
    def note(self) -> str:
        return self.fields[4]

    @property
    def flags(self) -> str:
        return self.fields[5]

    @property
    def terms(self) -> list[str]:
        """The term followed by its aliases."""
        return [self.zh, *self.aliases]

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"
