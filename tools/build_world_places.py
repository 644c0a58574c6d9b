"""Build reader/data/world_places.tsv, a gazetteer of world places in Chinese, from GeoNames'
cities15000 (every city of 15,000 people or more; CC BY 4.0, attribution GeoNames).

Usage: python tools/build_world_places.py GIT_DIR COMMIT PATH > reader/data/world_places.tsv

GIT_DIR is a bare clone of a public repository that commits GeoNames' dump as PATH
(cities15000.txt, or the cities15000.zip GeoNames serves); DATA.md names the one used.

Per city, its alternate names written wholly in Han characters (2 or more; Traditional and
Simplified both appear, folded to Simplified with reader's fold) become rows: Han name,
English (GeoNames' name when written in Latin letters, else its ASCII name), country code.
Dropped, counted by reason in the header:
- places in CN, TW, HK, MO, and any name one of them bears: the glossary and the name
  rules own those;
- everyday words (CC-CEDICT knows the name only with common senses: 和平, 光明);
- names CC-CEDICT knows as a person (a lifespan in a definition, or "(name)": 华盛顿,
  林肯): the recogniser's person must not become a city;
- a Han name of two cities whose English names differ (ambiguous): which one is meant is
  not in the name. Two cities with one English name (Kingston in Jamaica and in Canada)
  keep the name, with the larger city's country.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections import Counter

from reader.annotate.dictionary import default_dictionary
from reader.glossary.dictionary_names import _entries
from reader.glossary.family_checks import A_LIFETIME
from reader.glossary.fold import fold
from reader.han import is_han

# the glossary (glossaries/) and the name rules (reader/data/name_rules.tsv) own these
OWN_COUNTRIES = frozenset({"CN", "TW", "HK", "MO"})


def read_dump(git_dir: str, commit: str, path: str) -> str:
    raw = subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], capture_output=True, check=True
    ).stdout
    if path.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            raw = archive.read("cities15000.txt")
    return raw.decode("utf-8")


def english_of(name: str, ascii_name: str) -> str:
    """GeoNames' name when it is written in Latin letters (Grudziądz), else its ASCII name."""
    latin = all(not ch.isalpha() or ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in name)
    return name if name and latin else ascii_name


def is_a_person(name: str) -> bool:
    """CC-CEDICT knows ``name`` as a person: a lifespan in a definition, or "(name)"."""
    return any(
        A_LIFETIME.search(d) or "(name)" in d for _, senses in _entries(name, True) for d in senses
    )


def build(dump: str) -> tuple[list[tuple[str, str, str]], Counter[str]]:
    counts: Counter[str] = Counter()
    # Han name → {English (lower-cased ASCII): (population, English, country)}
    places: dict[str, dict[str, tuple[int, str, str]]] = {}
    own: set[str] = set()  # the Han names of places in CN/TW/HK/MO
    for line in dump.splitlines():
        cols = line.split("\t")
        if len(cols) < 15:
            continue
        counts["cities read"] += 1
        names = {fold(n.strip()) for n in cols[3].split(",")}
        names = {n for n in names if len(n) >= 2 and all(is_han(ch) for ch in n)}
        if not names:
            continue
        counts["cities with a Han name"] += 1
        if cols[8] in OWN_COUNTRIES:
            counts["dropped: city in CN/TW/HK/MO"] += 1
            own |= names
            continue
        english = english_of(cols[1], cols[2])
        population = int(cols[14] or 0)
        for han in names:
            known = places.setdefault(han, {})
            key = cols[2].lower()
            if key not in known or known[key][0] < population:
                known[key] = (population, english, cols[8])
    counts["Han names (other countries)"] = len(places)
    dictionary = default_dictionary()
    rows: list[tuple[str, str, str]] = []
    for han in sorted(places):
        if han in own:
            counts["dropped: also a place in CN/TW/HK/MO"] += 1
        elif dictionary.only_common_senses(han):
            counts["dropped: everyday word"] += 1
        elif is_a_person(han):
            counts["dropped: a person in CC-CEDICT"] += 1
        elif len(places[han]) > 1:
            counts["dropped: ambiguous (two cities, two English names)"] += 1
        else:
            _, english, country = next(iter(places[han].values()))
            rows.append((han, english, country))
    counts["names kept"] = len(rows)
    return rows, counts


_ORDER = (
    "cities read",
    "cities with a Han name",
    "dropped: city in CN/TW/HK/MO",
    "Han names (other countries)",
    "dropped: also a place in CN/TW/HK/MO",
    "dropped: everyday word",
    "dropped: a person in CC-CEDICT",
    "dropped: ambiguous (two cities, two English names)",
    "names kept",
)


def main() -> int:
    git_dir, commit, path = sys.argv[1:4]
    rows, counts = build(read_dump(git_dir, commit, path))
    out = sys.stdout
    out.write(
        "# World places in Chinese: GeoNames cities15000 (geonames.org), licence CC BY 4.0,\n"
        "# attribution GeoNames. Built by tools/build_world_places.py from the copy committed\n"
        f"# at {path} of commit {commit}\n# (see DATA.md). Places in CN/TW/HK/MO, everyday "
        "words, persons CC-CEDICT knows\n# and names of two differently named cities are left out.\n"
    )
    for reason in _ORDER:
        n = counts[reason]
        out.write(f"# {reason}: {n}\n")
    out.write("han\tenglish\tcountry\n")
    for row in rows:
        out.write("\t".join(row) + "\n")
    for reason in _ORDER:
        n = counts[reason]
        print(f"{reason}: {n}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
