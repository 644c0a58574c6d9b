"""Who's who: every name in an annotated article with its rendering, source and count."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reader.model import Article


@dataclass(frozen=True, slots=True)
class NameRow:
    name: str  # the form seen most often in the text
    term: str  # the glossary headword (or the text, for auto names)
    en: str
    type: str
    source: str  # "glossary" or "auto"
    source_file: str
    count: int
    forms: tuple[str, ...]  # every surface form seen (both scripts, aliases)
    first: int  # offset of the first occurrence
    first_sentence: int = 0  # position of that occurrence's sentence in the article
    first_token: int = 0  # and of its token in the sentence

    @property
    def text(self) -> str:
        return self.name

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "en": self.en,
            "type": self.type,
            "source": self.source,
            "source_file": self.source_file,
            "count": self.count,
            "term": self.term,
            "forms": list(self.forms),
        }


def collect_names(article: Article) -> list[NameRow]:
    """One row per named thing (same headword, rendering and source), most frequent first."""
    forms: dict[tuple[str, str, str, str, str], Counter[str]] = {}
    first: dict[tuple[str, str, str, str, str], tuple[int, int, int]] = {}
    for si, sentence in enumerate(article.sentences()):
        for ti, token in enumerate(sentence.tokens):
            hit = token.glossary
            if hit is None:
                continue
            term = hit.term if hit.source == "glossary" else _auto_key(hit.term)
            key = (term, hit.en, hit.type, hit.source, hit.source_file)
            surface = article.text[hit.start : hit.end] or token.text
            forms.setdefault(key, Counter())[surface] += 1
            first.setdefault(key, (hit.start, si, ti))
    rows = [
        NameRow(
            name=counter.most_common(1)[0][0],
            term=key[0],
            en=key[1],
            type=key[2],
            source=key[3],
            source_file=key[4],
            count=sum(counter.values()),
            forms=tuple(sorted(counter, key=lambda f: (-counter[f], f))),
            first=first[key][0],
            first_sentence=first[key][1],
            first_token=first[key][2],
        )
        for key, counter in forms.items()
    ]
    rows.sort(key=lambda r: (-r.count, r.first))
    return rows


def _auto_key(term: str) -> str:
    """Auto names in either script are one name (蔣韜 and 蒋韬)."""
    from reader.glossary.fold import fold

    return fold(term)
