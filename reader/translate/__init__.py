"""Offline zh→en translation: Argos packages decoded with CTranslate2, names protected.

Importing this package is cheap: CTranslate2 and SentencePiece load on first use.
"""

from reader.translate.engine import DecodeOptions, MTBackend, Translator, load_translator
from reader.translate.packages import INSTALL_HINT
from reader.translate.run import TranslateStats, translate_article, translate_sentences
from reader.translation_method import GLOSS_LABEL, TranslationMethod, method_label

__all__ = [
    "GLOSS_LABEL",
    "INSTALL_HINT",
    "DecodeOptions",
    "MTBackend",
    "TranslateStats",
    "TranslationMethod",
    "Translator",
    "load_translator",
    "method_label",
    "translate_article",
    "translate_sentences",
]
