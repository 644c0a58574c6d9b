"""How an organisation's name ends: 政府, 局, 委员会, 银行 … (reader/data/org_endings.tsv and the
organisation suffixes of reader/data/name_rules.tsv).

Used where a glossary name lies inside a longer organisation the recogniser found
(reader/glossary/decide.py): an organisation that ends like one is a name, and the glossary's
place or company inside it is part of that name (深圳市 in 深圳市人大常委会)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from types import MappingProxyType

from reader import paths

ENDINGS_FILE = "org_endings.tsv"
GENERIC_TAILS_FILE = "org_generic_tails.tsv"


def parse_endings(text: str, source: str = ENDINGS_FILE) -> tuple[str, ...]:
    """The first column of a two-column table (ending or tail, reason); a header row
    (``ending`` or ``tail``) is skipped, a row without its reason is an error."""
    endings: list[str] = []
    for lineno, line, fields in paths.data_rows(text, "ending", "tail"):
        if len(fields) < 2 or not fields[0] or not fields[1]:
            raise ValueError(f"{source}:{lineno}: bad row {line!r} (ending or tail, reason)")
        endings.append(fields[0])
    return tuple(endings)


def get_endings() -> frozenset[str]:
    """The shipped endings plus name_rules.tsv's organisation suffixes (immutable tables,
    parsed once per process)."""
    from reader.glossary.auto import get_name_rules

    own = paths.parsed_package_data(ENDINGS_FILE, parse_endings)
    suffixes = (s for s, (_, kind) in get_name_rules().suffixes.items() if kind != "place")
    return frozenset((*own, *suffixes))


def ends_like_an_organisation(name: str, endings: Collection[str] | None = None) -> bool:
    """Whether ``name`` (Simplified) ends in an organisation's ending and has more before it
    (the name's tails looked up, not every ending tried)."""
    table = endings if endings is not None else get_endings()
    return any(name[k:] in table for k in range(1, len(name)))


def get_generic_tails() -> frozenset[str]:
    """Company descriptions that follow a name (子公司, 主体公司): a name plus one of these is
    no longer name (immutable table, parsed once per process)."""
    return frozenset(paths.parsed_package_data(GENERIC_TAILS_FILE, parse_endings))


TAILS_EN_FILE = "org_tails_en.tsv"


def parse_tails_english(text: str, source: str = TAILS_EN_FILE) -> Mapping[str, str]:
    """A three-column table (tail, English, reason) as tail → English; a header row
    (``tail``) is skipped, a row without its English or reason is an error."""
    tails: dict[str, str] = {}
    for lineno, line, fields in paths.data_rows(text, "tail"):
        if len(fields) < 3 or not all(fields[:3]):
            raise ValueError(f"{source}:{lineno}: bad row {line!r} (tail, English, reason)")
        tails[fields[0]] = fields[1]
    return MappingProxyType(tails)


def get_tails_english() -> Mapping[str, str]:
    """Government, court and council tails with their English (台北市政府 → … City
    Government); parsed once per process, never mutated."""
    return paths.parsed_package_data(TAILS_EN_FILE, parse_tails_english)
