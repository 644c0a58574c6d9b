"""Offline zh→en translation: Argos packages decoded with CTranslate2, names protected.

Importing this package is cheap: CTranslate2 and SentencePiece load on first use.
"""

from reader.translate.engine import DecodeOptions, MTBackend, Translator, load_translator
from reader.translate.gloss import GLOSS_LABEL
from reader.translate.packages import INSTALL_HINT
from reader.translate.run import TranslateStats, translate_article, translate_sentences

__all__ = [
    "GLOSS_LABEL",
    "INSTALL_HINT",
    "DecodeOptions",
    "MTBackend",
    "TranslateStats",
    "Translator",
    "load_translator",
    "method_label",
    "translate_article",
    "translate_sentences",
]


def method_label(method: str | None, model: str | None) -> str:
    """How to label a translation for readers: the model, or an honest gloss label."""
    if method == "gloss":
        return GLOSS_LABEL if model is None else "gloss (the model returned nothing)"
    if method == "mt":
        return f"machine translation ({model})" if model else "machine translation"
    return "not translated"
