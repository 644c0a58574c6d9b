"""The glossary's matching form: re-exported from its owner, reader.annotate.fold.

Folding (OpenCC t2s tables applied 1:1, Latin lower-cased) belongs to the script layer,
which the annotate step owns; the glossary matches in that form. Kept as a name here so the
glossary's modules read ``from reader.glossary.fold import fold``.
"""

from reader.annotate.fold import fold, fold_many, is_latin_word_char

__all__ = ["fold", "fold_many", "is_latin_word_char"]
