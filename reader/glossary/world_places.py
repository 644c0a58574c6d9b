"""World places in Chinese (reader/data/world_places.tsv, from GeoNames: see DATA.md and
tools/build_world_places.py): foreign cities CC-CEDICT does not know (格鲁琼兹 Grudziądz,
武科瓦尔 Vukovar), for the false-name screen (a "person" that is a city) and for a place's
English. The table holds no place in CN/TW/HK/MO (the glossary owns those), no everyday
word and no person CC-CEDICT knows (华盛顿, 林肯 stay persons).

Loaded on first use, once per process (an immutable table): a sentence without a name never
reads it, so a cold start does not pay for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from reader import paths

WORLD_PLACES_FILE = "world_places.tsv"


@dataclass(frozen=True, slots=True)
class WorldPlace:
    english: str  # GeoNames' name (Grudziądz)
    country: str  # ISO 3166 code (PL)


def parse_world_places(text: str, source: str = WORLD_PLACES_FILE) -> Mapping[str, WorldPlace]:
    places: dict[str, WorldPlace] = {}
    for lineno, line, fields in paths.data_rows(text, "han"):
        if len(fields) != 3 or not all(fields):
            raise ValueError(f"{source}:{lineno}: bad place row {line!r} (han, english, country)")
        places[fields[0]] = WorldPlace(fields[1], fields[2])
    return MappingProxyType(places)


def get_world_places() -> Mapping[str, WorldPlace]:
    """The shipped table, parsed once per process."""
    return paths.parsed_package_data(WORLD_PLACES_FILE, parse_world_places)


def world_place(name: str) -> WorldPlace | None:
    """The world place ``name`` (any script) is exactly, or None."""
    from reader.glossary.fold import fold

    return get_world_places().get(fold(name))
