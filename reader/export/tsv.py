"""TSV export: one row per sentence (original, converted, pinyin, English, how it was made).

For spreadsheets and translation-memory tools: a single header row, no comment lines,
no quoting; tabs and line breaks inside fields become spaces so every sentence is
exactly one row.
"""

from __future__ import annotations

from reader.export._common import one_line, sentence_pinyin
from reader.model import Article

HEADER = ("original", "converted", "pinyin", "english", "method")


def to_tsv(article: Article) -> str:
    rows = ["\t".join(HEADER)]
    for s in article.sentences():
        english = s.translation.text if s.translation is not None else ""
        method = str(s.translation.method) if s.translation is not None else ""
        fields = (s.text, s.converted, sentence_pinyin(s), english, method)
        rows.append("\t".join(one_line(f) for f in fields))
    return "\n".join(rows) + "\n"
