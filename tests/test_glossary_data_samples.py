"""The shipped glossary data for the sample articles: format, consistency and coverage.

Parses glossaries/companies.tsv and glossaries/people-places.tsv with the csv module only
(no reader.glossary dependency), so a broken data file fails here with a precise message.
"""

from __future__ import annotations

import csv
from functools import cache

import opencc
import pytest

from conftest import SIMPLIFIED_SAMPLE, TRADITIONAL_SAMPLE
from glossary_files import FLAGS, GLOSSARY_DIR, HEADER, TYPES, Row

FILES = ("companies.tsv", "people-places.tsv")
NOT_IN_SAMPLES = "not in samples"

# Issue 3's list: these names must be present with the English the organisations use.
REQUIRED = {
    "阿里巴巴": "Alibaba",
    "同盾科技": "Tongdun Technology",
    "涂鸦": "Tuya",
    "微医": "WeDoctor",
    "宇树科技": "Unitree Robotics",
    "群核科技": "Manycore Tech",
    "强脑科技": "BrainCo",
    "云深处科技": "DEEP Robotics",
    "游戏科学": "Game Science",
    "深度求索": "DeepSeek",
    "DeepSeek": "DeepSeek",
    "海康威视": "Hikvision",
    "大华股份": "Dahua Technology",
    "宇视科技": "Uniview",
    "新华三": "New H3C",
    "之江实验室": "Zhejiang Lab",
    "西湖大学": "Westlake University",
    "蚂蚁集团": "Ant Group",
    "达摩院": "DAMO Academy",
    "通义千问": "Qwen",
    "酷家乐": "Kujiale",
    "智东西": "Zhidx",
    "36Kr": "36Kr",
    "日经": "Nikkei",
    "黄仁勋": "Jensen Huang",
    "梁文锋": "Liang Wenfeng",
    "余杭": "Yuhang",
    "滨江": "Binjiang",
}


def _raw(name: str) -> bytes:
    return (GLOSSARY_DIR / name).read_bytes()


@cache
def _rows(name: str) -> tuple[list[str], tuple[Row, ...]]:
    """Header and data rows of one file; comment lines skipped, line numbers kept."""
    lines = _raw(name).decode("utf-8").removesuffix("\n").split("\n")
    # A blank line is kept: it parses to zero columns and fails the row check.
    numbered = [(n, line) for n, line in enumerate(lines, 1) if not line.startswith("#")]
    parsed = csv.reader((line for _, line in numbered), delimiter="\t", quoting=csv.QUOTE_NONE)
    records = [(n, fields) for (n, _), fields in zip(numbered, parsed, strict=True)]
    header = records[0][1]
    return header, tuple(Row(name, n, fields) for n, fields in records[1:])


def _all_rows() -> list[Row]:
    """Well-formed rows of both files (malformed ones fail test_rows_are_well_formed)."""
    return [row for name in FILES for row in _rows(name)[1] if len(row.fields) == len(HEADER)]


@cache
def _converters() -> tuple:
    return tuple(opencc.OpenCC(c).convert for c in ("s2t", "s2tw", "t2s"))


def _script_forms(name: str) -> set[str]:
    """The name as written plus its Traditional and Simplified conversions."""
    return {name, *(convert(name) for convert in _converters())}


@cache
def _samples() -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in (SIMPLIFIED_SAMPLE, TRADITIONAL_SAMPLE))


def _in_samples(name: str) -> bool:
    return any(form in text for form in _script_forms(name) for text in _samples())


@pytest.mark.parametrize("name", FILES)
def test_file_is_utf8_without_bom_with_lf_endings(name: str) -> None:
    raw = _raw(name)
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name}: BOM"
    assert b"\r" not in raw, f"{name}: CR line ending"
    assert raw.endswith(b"\n"), f"{name}: no final newline"
    raw.decode("utf-8")


@pytest.mark.parametrize("name", FILES)
def test_header_is_exact(name: str) -> None:
    header, _ = _rows(name)
    assert header == HEADER


@pytest.mark.parametrize("name", FILES)
def test_rows_are_well_formed(name: str) -> None:
    _, rows = _rows(name)
    assert rows, f"{name}: no entries"
    problems = []
    for row in rows:
        if len(row.fields) != len(HEADER):
            problems.append(f"{row.where}: {len(row.fields)} columns, expected 6")
            continue
        zh, en, type_, aliases, _note, flags = row.fields
        if not zh or not en:
            problems.append(f"{row.where}: empty zh or en")
        if type_ not in TYPES:
            problems.append(f"{row.where}: type {type_!r} not allowed")
        if flags not in FLAGS:
            problems.append(f"{row.where}: flags {flags!r} not allowed")
        if aliases and any(not a for a in aliases.split("|")):
            problems.append(f"{row.where}: empty alias in {aliases!r}")
        if any(field != field.strip() for field in row.fields):
            problems.append(f"{row.where}: leading or trailing whitespace")
    assert not problems, "\n".join(problems)


def test_no_term_or_alias_repeats_within_or_across_files() -> None:
    """Compared after t2s: one entry serves both scripts, so 宇樹科技 beside 宇树科技 is a repeat.

    Within an entry, an alias may share the term's t2s form only when OpenCC's s2t does not
    produce it (the Traditional sample's 深湧智能 for 深涌智能): that alias is what lets an
    s2t-based matcher find the sample's spelling.
    """
    to_simplified = _converters()[2]
    first: dict[str, str] = {}
    repeats = []
    for row in _all_rows():
        for alias in row.terms[1:]:
            if alias in _script_forms(row.zh):
                repeats.append(f"{row.where}: alias {alias} is {row.zh} in another script")
        keys = [to_simplified(name) for name in row.terms]
        if len(set(row.terms)) != len(row.terms):
            repeats.append(f"{row.where}: an alias repeats within the entry")
        for key in dict.fromkeys(keys):
            if key in first:
                repeats.append(f"{row.where}: {key} already at {first[key]}")
            else:
                first[key] = row.where
    assert not repeats, "\n".join(repeats)


@pytest.mark.parametrize(("name", "expected"), sorted(REQUIRED.items()))
def test_required_name_has_the_english_the_organisation_uses(name: str, expected: str) -> None:
    matches = [row for row in _all_rows() if name in row.terms]
    assert matches, f"{name} is missing from the shipped glossary"
    assert [row.en for row in matches] == [expected]


@pytest.mark.shared
def test_every_entry_occurs_in_a_sample_in_either_script() -> None:
    missing = [
        f"{row.where}: {row.zh}"
        for row in _all_rows()
        if NOT_IN_SAMPLES not in row.fields[4] and not any(_in_samples(n) for n in row.terms)
    ]
    assert not missing, "entries found in neither sample:\n" + "\n".join(missing)


@pytest.mark.shared
def test_entries_marked_not_in_samples_really_are_absent() -> None:
    present = [
        f"{row.where}: {row.zh}"
        for row in _all_rows()
        if NOT_IN_SAMPLES in row.fields[4] and any(_in_samples(n) for n in row.terms)
    ]
    assert not present, "marked 'not in samples' but present:\n" + "\n".join(present)


@pytest.mark.shared
def test_required_names_occur_in_the_samples() -> None:
    absent = [name for name in REQUIRED if not _in_samples(name)]
    assert not absent, f"required names absent from both samples: {absent}"


def test_both_files_cover_their_kinds() -> None:
    """People and places live in people-places.tsv; organisations in companies.tsv."""
    companies = [r for r in _all_rows() if r.file == "companies.tsv"]
    people_places = [r for r in _all_rows() if r.file == "people-places.tsv"]
    assert not [r.where for r in companies if r.fields[2] in {"person", "place"}]
    assert not [r.where for r in people_places if r.fields[2] not in {"person", "place", "other"}]
    assert len(companies) + len(people_places) >= 150
