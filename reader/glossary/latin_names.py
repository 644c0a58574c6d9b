"""Names written in Latin letters (NBA, Tim Cook, bwin): their English is the name itself.

Chinese text names many organisations and persons in Latin letters. The recogniser finds
them like any other name, but pinyin or a translation would be wrong: a reader wants "NBA"
in the names panel as an organisation spelt "NBA", and the machine translation must keep it
verbatim (a forced name's English is put back as written). Only the recogniser's sure ones
are shown (``latin_name_shown``): on CLUENER train's tuning part, pure-Latin persons and
organisations at the shown-name thresholds were right 43 times of 62 (acronyms of things
that are no body, game titles, roads), at the forcing thresholds 29 of 32 (DATA.md, sixth
round). A capital letter is not required of a person: CLUENER's gamers go by lower-case
handles (nliye), and requiring it lost 4 of them on the tuning part for 1 false name; words
such as Python or markdown that the recogniser takes for persons are glossary products
(glossaries/software.tsv).
"""

from __future__ import annotations

import re
import unicodedata

from reader.han import is_han
from reader.model import GlossaryHit

LATIN_NOTE = "auto: Latin script, kept as written"
# Letters and digits, joined by single spaces or . - & ' (Tim Cook, AT&T, J.P. Morgan,
# 4Kings); at least two letters: a lone letter or a number is no name.
_LATIN_NAME = re.compile(
    r"[A-Za-z0-9\u00c0-\u024f]+(?:(?:\. |[ .\-&'’])[A-Za-z0-9\u00c0-\u024f]+)*\.?"
)
_KIND_OF = {"PER": "person", "ORG": "org"}


def as_written(name: str) -> str:
    """``name`` with full-width letters made half-width (ＮＢＡ → NBA), spaces trimmed."""
    return unicodedata.normalize("NFKC", name).strip()


def is_latin_name(name: str) -> bool:
    """Whether ``name`` is written in Latin letters only (digits and joiners allowed)."""
    plain = as_written(name)
    return bool(_LATIN_NAME.fullmatch(plain)) and sum(ch.isalpha() for ch in plain) >= 2


def is_mixed_name(name: str) -> bool:
    """Whether ``name`` mixes Han characters with Latin letters or digits and nothing else
    (沙尔克04, valve游戏公司; not 农商行” with a quotation mark, not a pure Latin name)."""
    plain = as_written(name)
    han = sum(1 for ch in plain if is_han(ch))
    other = sum(1 for ch in plain if ch.isascii() and ch.isalnum())
    joiners = sum(1 for ch in plain if ch in " .-·")
    return han > 0 and other > 0 and han + other + joiners == len(plain)


def has_latin_letters(name: str) -> bool:
    """Whether ``name`` holds a Latin letter (full-width ones too: Ｅ of ＥＡ公司)."""
    return any(ch.isascii() and ch.isalpha() for ch in as_written(name))


def latin_name_shown(name: str, label: str, confidence: float, force_limit: float) -> bool:
    """A person or organisation in Latin letters is shown only when the recogniser is sure
    enough to force it (``force_limit``, its type's forcing threshold); anything else
    (Han names, other labels) is not this rule's to decide."""
    if label not in _KIND_OF or not is_latin_name(name):
        return True
    return confidence >= force_limit


def render_latin(name: str, label: str, confidence: float) -> GlossaryHit | None:
    """An ``auto`` hit whose English is the name as written (forced: MT keeps it), for a
    person or an organisation in Latin letters; None for anything else."""
    kind = _KIND_OF.get(label)
    if kind is None or not is_latin_name(name):
        return None
    return GlossaryHit.auto(
        start=0,
        end=len(name),
        term=name,
        en=as_written(name),
        type=kind,
        note=LATIN_NOTE,
        confidence=confidence,
        forced=True,
    )
