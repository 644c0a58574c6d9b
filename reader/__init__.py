"""reader: an offline bilingual reading and translation assistant for Chinese articles.

Importing this package is deliberately cheap: heavy resources (jieba's dictionary,
pypinyin's tables, the MT model) load lazily, once, on first use.
"""

__version__ = "0.1.0"
