"""The places glossary (glossaries/places.tsv): format, size, renderings, ambiguity flags,
and no overlap with the other shipped files once scripts are folded.

Parses the files with the csv module only (no reader.glossary dependency), so a broken data
file fails here with a FILE:LINE message.
"""

from __future__ import annotations

import csv
from functools import cache

import pytest

from glossary_files import GLOSSARY_DIR, HEADER

PLACES = "places.tsv"
MIN_ENTRIES = 250

# Official or established English forms; Taiwan's own (postal / Wade-Giles) spellings.
SPOT_CHECKS = {
    "台北": "Taipei",
    "新竹": "Hsinchu",
    "高雄": "Kaohsiung",
    "台中": "Taichung",
    "基隆": "Keelung",
    "新北": "New Taipei",
    "合肥": "Hefei",
    "武汉": "Wuhan",
    "西安": "Xi'an",
    "中关村": "Zhongguancun",
    "深圳": "Shenzhen",
    "九龙": "Kowloon",
    "内蒙古": "Inner Mongolia",
    "西藏": "Tibet",
    "呼和浩特": "Hohhot",
    "光谷": "Optics Valley",
}

# Cities whose 市 form must render the same.
CITIES = ("台北", "新竹", "高雄", "台中", "基隆", "合肥", "武汉", "西安", "深圳", "呼和浩特")

# Names that are also ordinary words or sit inside frequent words.
MUST_BE_AMBIGUOUS = ("中山", "朝阳", "大同", "德州", "开封", "安康", "永康", "吉安", "海口")
# The X市 / X区 forms settle it: flagging them would only cost recall.
MUST_NOT_BE_AMBIGUOUS = ("中山市", "朝阳区", "大同市", "德州市", "合肥", "台中", "新竹")


@cache
def rows(name: str) -> tuple[list[str], tuple[tuple[int, list[str]], ...]]:
    """Header and (line number, fields) of the data rows of one file; comments skipped."""
    with (GLOSSARY_DIR / name).open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        data = tuple(
            (reader.line_num, fields)
            for fields in reader
            if fields and not fields[0].startswith("#")
        )
    return header, data


def terms(fields: list[str]) -> list[str]:
    return [fields[0], *(a for a in fields[3].split("|") if a)]


@cache
def t2s():  # type: ignore[no-untyped-def]
    opencc = pytest.importorskip("opencc")
    return opencc.OpenCC("t2s")


def definitions(term: str, names: tuple[str, ...] = (PLACES,)) -> list[list[str]]:
    """Rows of ``names`` defining ``term`` (headword or alias), compared after folding."""
    key = t2s().convert(term)
    return [
        f for name in names for _, f in rows(name)[1] if key in {t2s().convert(t) for t in terms(f)}
    ]


def shipped() -> tuple[str, ...]:
    return tuple(p.name for p in sorted(GLOSSARY_DIR.glob("*.tsv")))


def test_encoding_and_line_endings() -> None:
    raw = (GLOSSARY_DIR / PLACES).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "has a BOM"
    assert b"\r" not in raw, "has CR line endings"
    assert raw.endswith(b"\n"), "no final newline"
    raw.decode("utf-8")


def test_header_and_columns() -> None:
    header, data = rows(PLACES)
    assert header == HEADER
    problems = []
    for line, f in data:
        where = f"{PLACES}:{line}"
        if len(f) != len(HEADER):
            problems.append(f"{where}: {len(f)} columns")
            continue
        if not f[0] or not f[1]:
            problems.append(f"{where}: empty zh or en")
        if f != [x.strip() for x in f]:
            problems.append(f"{where}: stray whitespace")
        if f[2] != "place":
            problems.append(f"{where}: type {f[2]!r}, expected 'place'")
        if f[5] not in ("", "ambiguous"):
            problems.append(f"{where}: flags {f[5]!r}")
        if f[3] and "" in f[3].split("|"):
            problems.append(f"{where}: empty alias")
        if f[5] == "ambiguous" and not f[4]:
            problems.append(f"{where}: ambiguous without a note saying why")
    assert not problems, "\n".join(problems)


def test_is_broad() -> None:
    assert len(rows(PLACES)[1]) >= MIN_ENTRIES


def test_terms_are_simplified() -> None:
    """Written in Simplified (t2s leaves them unchanged) unless the note says why not."""
    wrong = [
        f"{PLACES}:{line}: {t}"
        for line, f in rows(PLACES)[1]
        for t in terms(f)
        if t2s().convert(t) != t and "t2s" not in f[4]
    ]
    assert not wrong, "\n".join(wrong)


def test_no_term_twice_in_file() -> None:
    seen: dict[str, int] = {}
    repeated = []
    for line, f in rows(PLACES)[1]:
        for t in terms(f):
            first = seen.setdefault(t2s().convert(t), line)
            if first != line:
                repeated.append(f"{PLACES}:{line}: {t} (first on line {first})")
    assert not repeated, "\n".join(repeated)


def test_no_term_shared_with_other_files() -> None:
    """Every term and alias, folded, is new: other files are neither repeated nor contradicted."""
    others = [p.name for p in sorted(GLOSSARY_DIR.glob("*.tsv")) if p.name != PLACES]
    assert others, "the other shipped glossaries are missing"
    elsewhere = {
        t2s().convert(t): f"{name}:{line}"
        for name in others
        for line, f in rows(name)[1]
        for t in terms(f)
    }
    shared = [
        f"{PLACES}:{line}: {t} also at {elsewhere[t2s().convert(t)]}"
        for line, f in rows(PLACES)[1]
        for t in terms(f)
        if t2s().convert(t) in elsewhere
    ]
    assert not shared, "\n".join(shared)


@pytest.mark.parametrize("term", sorted(SPOT_CHECKS))
def test_spot_check(term: str) -> None:
    """Across every shipped file (深圳 itself is in people-places.tsv, 深圳市 here)."""
    forms = (term, term + "市") if term in CITIES else (term,)
    for form in forms:
        found = definitions(form, shipped())
        assert found, f"{form} is in no shipped glossary"
        assert {f[1] for f in found} == {SPOT_CHECKS[term]}, f"{form}: {found}"


def test_traditional_spelling_is_found() -> None:
    """Taiwan and Hong Kong write 臺北, 高雄市, 九龍; folding makes them the same entries."""
    assert [f[1] for f in definitions("臺北")] == ["Taipei"]
    assert [f[1] for f in definitions("高雄市")] == ["Kaohsiung"]
    assert [f[1] for f in definitions("九龍")] == ["Kowloon"]


@pytest.mark.parametrize("term", MUST_BE_AMBIGUOUS)
def test_ordinary_word_places_are_flagged(term: str) -> None:
    found = definitions(term)
    assert found, f"{term} is not in {PLACES}"
    assert all(f[5] == "ambiguous" for f in found), f"{term} is not flagged"


@pytest.mark.parametrize("term", MUST_NOT_BE_AMBIGUOUS)
def test_suffixed_places_are_not_flagged(term: str) -> None:
    found = definitions(term)
    assert found, f"{term} is not in {PLACES}"
    assert all(f[5] == "" for f in found), f"{term} is flagged"
