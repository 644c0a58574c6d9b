"""What the look-up panel shows for the word or span under the cursor (no Textual)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.han import is_han
from reader.model import Token, Translation

if TYPE_CHECKING:
    from reader.annotate.dictionary import DictEntry, Dictionary
    from reader.model import GlossaryHit
    from reader.session import Session


@dataclass(frozen=True)
class LookupInfo:
    text: str  # the word or span as written
    converted: str  # in the other script
    pinyin: str
    entries: tuple[DictEntry, ...]  # the word's CC-CEDICT entries, chosen reading first
    chars: tuple[tuple[str, tuple[DictEntry, ...]], ...]  # per character: every reading
    glossary: GlossaryHit | None
    translation: Translation | None
    translation_label: str


def translation_label(translation: Translation | None) -> str:
    if translation is None:
        return "translating…"
    return translation.method.label


def lookup_info(
    session: Session, with_dictionary: bool = True, dictionary: Dictionary | None = None
) -> LookupInfo:
    """What the look-up panel shows for the selected word or span (``dictionary``: the
    CC-CEDICT to read; None: the default one)."""
    tokens = session.selected_tokens()
    sentence = session.current_sentence()
    text = "".join(t.text for t in tokens)
    converted = "".join(t.converted or t.text for t in tokens)
    pinyin = " ".join(t.pinyin for t in tokens if t.pinyin)
    readings = [r for t in tokens for r in t.readings]
    glossary = tokens[0].glossary if len(tokens) == 1 else _span_hit(tokens)
    entries: tuple[DictEntry, ...] = ()
    chars: tuple[tuple[str, tuple[DictEntry, ...]], ...] = ()
    if with_dictionary and any(is_han(ch) for ch in text):
        from reader.annotate.dictionary import default_dictionary

        lookup = (dictionary if dictionary is not None else default_dictionary()).lookup
        prefer = " ".join(r for r in readings if r) or None
        entries = tuple(lookup(text, prefer=prefer))
        han = [(k, ch) for k, ch in enumerate(text) if is_han(ch)]
        if len(han) > 1 and len(han) <= 8:
            chars = tuple(
                (ch, tuple(lookup(ch, prefer=readings[k] if k < len(readings) else None)))
                for k, ch in han
            )
    return LookupInfo(
        text=text,
        converted=converted,
        pinyin=pinyin,
        entries=entries,
        chars=chars,
        glossary=glossary,
        translation=sentence.translation,
        translation_label=translation_label(sentence.translation),
    )


def _span_hit(tokens: Sequence[Token]) -> GlossaryHit | None:
    hits = [t.glossary for t in tokens if t.glossary is not None]
    return hits[0] if len(hits) == 1 else None
