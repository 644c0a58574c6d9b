"""The recogniser's character features as trained: the definition.

:func:`char_features` (and :func:`context_features` for weights trained with the second
feature set) make each character's feature strings from the character and its neighbours,
the words jieba cut, their parts of speech, the cue lists (reader/data/ner_cues.tsv) and
lexicon matches. tools/train_ner.py trains with these; at inference
:class:`reader.annotate.names_features.FeatureMaker` makes exactly the same strings faster
(tests/test_names_model.py compares the two).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from reader.han import is_han

TYPES = ("PER", "ORG", "LOC", "PRODUCT")

# Glossary entry types (glossaries/*.tsv) → the model's types, for lexicon spans given with
# the glossary's own type; anything else organisation-like (company, media, university…).
LEXICON_TYPES = MappingProxyType(
    {"person": "PER", "place": "LOC", "product": "PRODUCT", "brand": "PRODUCT"}
)


def lexicon_type(kind: str) -> str:
    return kind if kind in TYPES else LEXICON_TYPES.get(kind, "ORG")


@dataclass(frozen=True)
class NameCues:
    """Cue lists read from reader/data/ner_cues.tsv (features only, never decisions)."""

    surnames: frozenset[str]
    translit: frozenset[str]
    org_suffixes: frozenset[str]
    place_suffixes: frozenset[str]
    person_cues: frozenset[str]
    list_joiners: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path) -> NameCues:
        kinds: dict[str, frozenset[str]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            kind, entries, _reason = line.split("\t", 2)
            values = entries.split()
            if kind == "translit":  # one string of characters
                values = [ch for value in values for ch in value]
            kinds[kind] = frozenset(values)
        return cls(
            surnames=kinds.get("surname", frozenset()),
            translit=kinds.get("translit", frozenset()),
            org_suffixes=kinds.get("org_suffix", frozenset()),
            place_suffixes=kinds.get("place_suffix", frozenset()),
            person_cues=kinds.get("person_cue", frozenset()),
            list_joiners=kinds.get("list_joiner", frozenset()),
        )


# Full-width ASCII to half-width and every ASCII or full-width digit to 0 (one str.translate);
# Latin letters are lower-cased after it. Read-only.
_FOLD = MappingProxyType(
    {0xFF01 + i: chr(0x21 + i) for i in range(94)}
    | {ord(d): "0" for d in "0123456789０１２３４５６７８９"}
)


def _kind(ch: str) -> str:
    """H Han, D digit, L letter, S space, P anything else (of a folded character)."""
    if is_han(ch):
        return "H"
    if ch == "0":
        return "D"
    if ch.isalpha():
        return "L"
    if ch.isspace():
        return "S"
    return "P"


def char_features(
    text: str,
    words: Sequence[tuple[int, int]],
    pos: Sequence[str] | None,
    cues: NameCues,
    lexicon_spans: Sequence[tuple[int, int, str]] = (),
) -> list[list[str]]:
    """One list of feature strings per character (shared by training and inference).

    Built column by column (one comprehension per feature over the whole text) because
    this runs on every sentence of every article: per-character loops were 3x slower.
    """
    n = len(text)
    if n == 0:
        return []
    chars = list(text.translate(_FOLD).lower())
    kinds = ["H" if is_han(c) else "D" if c == "0" else _kind(c) for c in chars]
    pad = ["^", "^", *chars, "$", "$"]
    kpad = ["P", *kinds, "P"]
    p2, p1, n1, n2 = pad[0:n], pad[1 : n + 1], pad[3 : n + 3], pad[4 : n + 4]
    columns = [
        ["b"] * n,
        ["c=" + c for c in chars],
        ["c-1=" + c for c in p1],
        ["c+1=" + c for c in n1],
        ["c-2=" + c for c in p2],
        ["c+2=" + c for c in n2],
        ["c-1c=" + a + b for a, b in zip(p1, chars, strict=True)],
        ["cc+1=" + a + b for a, b in zip(chars, n1, strict=True)],
        ["c-2c-1=" + a + b for a, b in zip(p2, p1, strict=True)],
        ["c+1c+2=" + a + b for a, b in zip(n1, n2, strict=True)],
        ["k=" + a + b + c for a, b, c in zip(kinds, kpad[0:n], kpad[2 : n + 2], strict=True)],
    ]
    out = [list(row) for row in zip(*columns, strict=True)]
    # word features: once per word, copied onto its characters
    if not words:
        for i in range(n):
            out[i].append("wp=S1")
    org_suf, place_suf = cues.org_suffixes, cues.place_suffixes
    person_cues = cues.person_cues
    word_text = [text[a:b] for a, b in words]
    last = len(words) - 1
    for w, (a, b) in enumerate(words):
        word = word_text[w]
        size = b - a
        tail = str(min(size, 4))
        tag = pos[w] if pos is not None else None
        prev_word = word_text[w - 1] if w > 0 else "^"
        next_word = word_text[w + 1] if w < last else "$"
        org = word in org_suf or word[-2:] in org_suf
        place = word in place_suf or word[-1:] in place_suf
        for i in range(a, min(b, n)):
            bmes = "S" if size == 1 else "B" if i == a else "E" if i == b - 1 else "M"
            feats = out[i]
            feats.append("wp=" + bmes + tail)
            if size > 1:
                feats.append("w=" + word)
            if tag is not None:
                feats.append("p=" + tag + bmes)
            if bmes in "BS":
                feats.append("pw=" + prev_word)
                if prev_word in person_cues:
                    feats.append("pcue-1")
            if bmes in "ES":
                feats.append("nw=" + next_word)
                if next_word in person_cues:
                    feats.append("pcue+1")
                if next_word in org_suf:
                    feats.append("osuf+1")
                if next_word in place_suf:
                    feats.append("lsuf+1")
            if org:
                feats.append("osuf" + bmes)
            if place:
                feats.append("lsuf" + bmes)
    # character cues
    surnames, translit = cues.surnames, cues.translit
    bmes_of = ["S"] * n
    for a, b in words:
        for i in range(a, min(b, n)):
            bmes_of[i] = "S" if b - a == 1 else "B" if i == a else "E" if i == b - 1 else "M"
    for i, ch in enumerate(chars):
        if ch in surnames or text[i : i + 2] in surnames:
            out[i].append("sur" + bmes_of[i])
        if ch in translit:
            out[i].append("tr")
    add_lexicon_features(out, lexicon_spans)
    return out


def add_lexicon_features(
    out: list[list[str]], lexicon_spans: Sequence[tuple[int, int, str]]
) -> None:
    """Each lexicon match's B-/I-TYPE on its characters, appended last (both feature makers)."""
    n = len(out)
    for a, b, given in lexicon_spans:
        kind = lexicon_type(given)
        for i in range(max(a, 0), min(b, n)):
            out[i].append(("lex=B-" if i == a else "lex=I-") + kind)


def context_features(
    text: str,
    words: Sequence[tuple[int, int]],
    pos: Sequence[str] | None,
    cues: NameCues,
    out: Sequence[list[str]] | Sequence[list[bytes | str]],
) -> None:
    """Second feature set (models whose .json lists "context" in "features"), appended to
    char_features' lists in place; kept apart so char_features stays as it was.

    - ``dup``: a Han character repeated next to it (艾未未, 菲菲): given names double
      characters where jieba often cuts them apart;
    - ``p-1=`` / ``p+1=``: the part of speech of the word before a word's first character
      and after its last one (names follow 记者/v and precede 说/v, 表示/v);
    - ``li-=`` / ``li+=``: the part of speech of the other item when the word sits in a
      list (苹果、梨: an ordinary noun beside it; 华为、小米: a name; joiners: the cue file);
    - ``c-1cc+1=``: the character trigram centred on the character.
    """
    n = len(text)
    padded = "^" + text.translate(_FOLD).lower() + "$"  # folded as in char_features
    for i in range(n):
        ch = text[i]
        if is_han(ch) and ((i > 0 and text[i - 1] == ch) or (i + 1 < n and text[i + 1] == ch)):
            out[i].append("dup")
        out[i].append("c-1cc+1=" + padded[i : i + 3])
    if pos is None or not words:
        return
    joiners = cues.list_joiners
    last = len(words) - 1
    word_text = [text[a:b] for a, b in words]
    for w, (a, b) in enumerate(words):
        if a >= n:
            break
        out[a].append("p-1=" + (pos[w - 1] if w > 0 else "^"))
        out[min(b, n) - 1].append("p+1=" + (pos[w + 1] if w < last else "$"))
        if w + 2 <= last and word_text[w + 1] in joiners:
            out[a].append("li+=" + pos[w + 2])
        if w >= 2 and word_text[w - 1] in joiners:
            out[a].append("li-=" + pos[w - 2])
