"""Names in one article, sentence by sentence: glossary candidates judged by the recogniser.

:class:`NameDecider` is built once per article (it sees the whole text: which ambiguous
terms the article establishes, which organisations it names) and then asked per sentence.
Without a recogniser (weights missing, or disabled) it falls back to the rule-based
decision the glossary made before the recogniser existed, so reader still works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from reader.glossary.fold import fold
from reader.glossary.judge import AUTO_ACCEPT, Entity, judge, unclaimed
from reader.model import GlossaryHit

if TYPE_CHECKING:
    from reader.glossary.store import Glossary

Span = tuple[int, int]


class Recogniser(Protocol):
    def recognise(
        self,
        text: str,
        words: Sequence[Span] | None = None,
        pos: Sequence[str] | None = None,
        lexicon_spans: Sequence[tuple[int, int, str]] | None = None,
    ) -> Sequence[Entity]: ...


@dataclass(frozen=True, slots=True)
class SentenceNames:
    """One sentence's names, offsets relative to the sentence."""

    hits: list[GlossaryHit]  # glossary names kept (not crossing words)
    found: list[Entity]  # names the recogniser found that no glossary entry covers


class NameDecider:
    def __init__(
        self,
        glossary: Glossary | None,
        recogniser: Recogniser | None,
        sentence_texts: Iterable[str],
        word_freq: Callable[[str], int | None],
        auto_names: bool = True,
    ) -> None:
        texts = list(sentence_texts)
        self.glossary = glossary
        self.recogniser = recogniser
        self.auto_names = auto_names
        self._word_freq = word_freq
        self._established: frozenset[str] = (
            glossary.established(texts) if glossary is not None else frozenset()
        )
        self._folded_doc = fold("\n".join(texts)) if recogniser is not None else ""

    def sentence(
        self, text: str, simplified: str, words: Sequence[Span], tags: Sequence[str]
    ) -> SentenceNames:
        from reader.segment.words import crosses_words

        if self.recogniser is None:
            hits = self.glossary.find(text, self._established) if self.glossary is not None else []
            return SentenceNames([h for h in hits if not crosses_words(words, h.start, h.end)], [])
        candidates = self.glossary.classify(text) if self.glossary is not None else []
        candidates = [c for c in candidates if not crosses_words(words, c.hit.start, c.hit.end)]
        lexicon = [(c.hit.start, c.hit.end, label_of(c.hit.type)) for c in candidates]
        entities = list(self.recogniser.recognise(simplified, words, tags, lexicon))
        hits = judge(
            candidates,
            entities,
            self._established,
            self._in_document,
            self._ordinary,
            fold,
        )
        found = (
            unclaimed(entities, [(h.start, h.end) for h in hits], AUTO_ACCEPT)
            if self.auto_names
            else []
        )
        return SentenceNames(hits, found)

    def _in_document(self, folded_term: str) -> bool:
        return bool(folded_term) and folded_term in self._folded_doc

    def _ordinary(self, word: str) -> bool:
        from reader.glossary.auto import _common_word, get_name_rules

        return _common_word(fold(word), get_name_rules(), self._word_freq)


# The recogniser's label for each glossary type (its lexicon feature speaks in labels).
_LABEL_OF = {"person": "PER", "place": "LOC", "product": "PRODUCT", "brand": "PRODUCT"}


def label_of(gloss_type: str) -> str:
    return _LABEL_OF.get(gloss_type, "ORG")


def place(hit: GlossaryHit, start: int) -> GlossaryHit:
    """``hit`` moved from sentence offsets to article offsets."""
    return replace(hit, start=hit.start + start, end=hit.end + start)
