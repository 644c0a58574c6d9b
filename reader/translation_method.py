"""How a sentence's English was made, and the one table of labels every view shows.

The TUI, the text output, JSON, TSV, Markdown and HTML all label a translation from this
table, so "mt+name-fixed" reads the same everywhere. It lives beside the document model
(not in ``reader.translate``) so the exports can use it without importing the translator.
"""

from __future__ import annotations

from enum import StrEnum


class TranslationMethod(StrEnum):
    """Values are the strings written to JSON (``translation_method``), TSV and the cache."""

    MT = "mt"  # the model's sentence, every protected name came back intact
    MT_NAME_FIXED = "mt+name-fixed"  # the model's sentence, a mangled name fixed in place
    MT_PIECES = "mt+pieces"  # a clause re-translated piece by piece around its names
    GLOSS = "gloss"  # word-by-word CC-CEDICT gloss: no model, or the model returned nothing
    COPIED = "copied"  # no Chinese in the sentence: copied as is, no model ran

    @property
    def repaired(self) -> bool:
        """The model's output needed fixing (the old ``repaired`` flag, kept in JSON/TSV)."""
        return self in (TranslationMethod.MT_NAME_FIXED, TranslationMethod.MT_PIECES)

    @property
    def from_model(self) -> bool:
        return self in (
            TranslationMethod.MT,
            TranslationMethod.MT_NAME_FIXED,
            TranslationMethod.MT_PIECES,
        )

    @property
    def label(self) -> str:
        return METHOD_LABELS[self][0]

    @property
    def description(self) -> str:
        return METHOD_LABELS[self][1]


GLOSS_LABEL = "gloss (no MT model installed)"
GLOSS_MODEL_EMPTY_LABEL = "gloss (the model returned nothing)"

# method → (short label shown beside a sentence, one-line description for help/tooltips)
METHOD_LABELS: dict[TranslationMethod, tuple[str, str]] = {
    TranslationMethod.MT: (
        "machine translation",
        "the model's sentence; every protected name came back intact",
    ),
    TranslationMethod.MT_NAME_FIXED: (
        "machine translation, name fixed",
        "the model's sentence; a name it misspelt, recased, dropped or left in Chinese "
        "was replaced by the glossary English in place",
    ),
    TranslationMethod.MT_PIECES: (
        "machine translation in pieces",
        "the model mangled a name beyond repair; the clause holding it was translated "
        "piece by piece around the name, in Chinese word order",
    ),
    TranslationMethod.GLOSS: (
        GLOSS_LABEL,
        "word-by-word CC-CEDICT gloss, not a translation",
    ),
    TranslationMethod.COPIED: (
        "copied (no Chinese)",
        "the sentence has no Chinese; copied as is, no model ran",
    ),
}

# Short marks for one-line views (text output, Markdown): "" for a plain model sentence.
METHOD_MARKS: dict[TranslationMethod, str] = {
    TranslationMethod.MT: "",
    TranslationMethod.MT_NAME_FIXED: "name fixed",
    TranslationMethod.MT_PIECES: "in pieces",
    TranslationMethod.GLOSS: "gloss",
    TranslationMethod.COPIED: "copied",
}


def coerce_method(method: str, repaired: bool = False) -> TranslationMethod:
    """A method from its string (JSON, cache, older callers); old ``"mt"`` + repaired → pieces."""
    value = TranslationMethod(method)
    if value is TranslationMethod.MT and repaired:
        return TranslationMethod.MT_PIECES  # before methods existed, every repair was pieces
    return value


def method_label(method: str | None, model: str | None) -> str:
    """How to label an article's (or sentence's) English for readers."""
    if method is None:
        return "not translated"
    value = TranslationMethod(method)
    if value is TranslationMethod.GLOSS:
        return GLOSS_LABEL if model is None else GLOSS_MODEL_EMPTY_LABEL
    if value.from_model and model:
        return f"{value.label} ({model})"
    return value.label
