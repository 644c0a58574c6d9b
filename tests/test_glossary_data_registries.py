"""The registry glossaries (glossaries/listed-*.tsv, built by tools/build_registry_glossary.py)
and the size and consistency of all shipped glossaries together.

Parses with the csv module only (no reader.glossary), like the other data tests.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest

from glossary_files import GLOSSARY_DIR, HEADER, Row

REGISTRY_FILES = ("listed-mainland.tsv", "listed-taiwan.tsv", "listed-hongkong.tsv")
MIN_TOTAL_ENTRIES = 6000

# An English rendering that is a bare ticker code (聯發科 "MTK", 台苯 "T.S.M.C.") is exactly the
# failure this file guards against; a few real names are written like one.
TICKER = re.compile(r"^[A-Z0-9.&\-]{1,5}$")
ACRONYM_NAMES = frozenset(
    {"BYD", "TSMC", "SMIC", "BOE", "CATL", "ZTE", "TCL", "HTC", "AUO", "UMC", "ASE", "CITIC"}
    | {"XCMG", "SAIC", "GAC", "BAIC", "FAW", "CICC", "CRRC", "CNOOC", "COSCO", "CTBC", "AMEC"}
)


def registry_rows_of(name: str) -> list[Row]:
    return read(name)


@cache
def read(name: str) -> list[Row]:
    path = GLOSSARY_DIR / name
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == HEADER, f"{name}:1: header is {header}"
        return [
            Row(name, reader.line_num, fields)
            for fields in reader
            if fields and not fields[0].startswith("#")
        ]


def all_files() -> list[Path]:
    return sorted(GLOSSARY_DIR.glob("*.tsv"))


@cache
def every_row() -> tuple[Row, ...]:
    return tuple(row for path in all_files() for row in read(path.name))


@cache
def t2s():  # type: ignore[no-untyped-def]
    opencc = pytest.importorskip("opencc")
    return opencc.OpenCC("t2s")


def definitions(term: str) -> list[Row]:
    """Every row (any file) defining ``term`` or its Traditional/Simplified twin."""
    conv = t2s()
    key = conv.convert(term)
    return [row for row in every_row() if any(conv.convert(t) == key for t in row.terms)]


def test_registry_files_exist_and_are_clean() -> None:
    for name in REGISTRY_FILES:
        raw = (GLOSSARY_DIR / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{name}: has a BOM"
        assert b"\r" not in raw, f"{name}: has CR line endings"
        assert raw.endswith(b"\n"), f"{name}: no final newline"
        assert len(read(name)) >= 500, f"{name}: only {len(read(name))} entries"


def test_all_shipped_glossaries_hold_at_least_6000_entries() -> None:
    assert len(every_row()) >= MIN_TOTAL_ENTRIES, f"only {len(every_row())} entries"


@pytest.mark.parametrize("name", REGISTRY_FILES)
def test_registry_rows_are_well_formed(name: str) -> None:
    problems = []
    for row in read(name):
        if len(row.fields) != len(HEADER):
            problems.append(f"{row.where}: {len(row.fields)} columns")
            continue
        if row.type != "company":
            problems.append(f"{row.where}: type {row.type!r}")
        if row.flags not in ("", "ambiguous"):
            problems.append(f"{row.where}: flags {row.flags!r}")
        if not row.note:
            problems.append(f"{row.where}: no note (source and rule)")
        if row.flags and "ordinary word" not in row.note:
            problems.append(f"{row.where}: flagged without saying why")
        if not re.search(r"[\u4e00-\u9fff]", row.zh):
            problems.append(f"{row.where}: headword {row.zh!r} has no Chinese character")
        if re.search(r"^(\*?ST|XD|XR)|[-*]|[AＡ]$", row.zh):
            problems.append(f"{row.where}: trading marker left in {row.zh!r}")
    assert not problems, "\n".join(problems[:50])


@pytest.mark.parametrize("name", REGISTRY_FILES)
def test_english_names_are_names_not_ticker_codes(name: str) -> None:
    bad = []
    for row in read(name):
        en = row.en
        if not en.strip() or not en.isascii() or not re.search(r"[A-Za-z]{2}", en):
            bad.append(f"{row.where}: {row.zh} -> {en!r} (empty or not ASCII)")
        elif TICKER.match(en) and en not in ACRONYM_NAMES:
            bad.append(f"{row.where}: {row.zh} -> {en!r} looks like a ticker code")
        elif en.islower():
            bad.append(f"{row.where}: {row.zh} -> {en!r} all lower case")
    assert not bad, "\n".join(bad[:50])


def test_no_duplicate_or_conflicting_terms_after_script_folding() -> None:
    """Across every shipped file: a term (or alias) folded to Simplified is defined once in
    the registry files, and never with a second English anywhere."""
    conv = t2s()
    seen: dict[str, Row] = {}
    problems = []
    for row in every_row():
        for term in row.terms:
            key = conv.convert(term)
            first = seen.setdefault(key, row)
            if first is row:
                continue
            if first.en != row.en:
                problems.append(
                    f"{row.where}: {term} = {row.en!r}, but {first.where}: {first.en!r}"
                )
            elif row.file in REGISTRY_FILES:
                problems.append(f"{row.where}: {term} repeats {first.where}")
    assert not problems, "\n".join(problems[:50])


SPOT_CHECKS: dict[str, set[str]] = {
    "台積電": {"TSMC"},
    "聯發科": {"MediaTek"},
    "鴻海": {"Foxconn", "Hon Hai"},
    "贵州茅台": {"Kweichow Moutai"},
    "比亚迪": {"BYD"},
    "腾讯控股": {"Tencent", "Tencent Holdings"},
    "腾讯": {"Tencent"},
    "宁德时代": {"CATL"},
    "中兴通讯": {"ZTE", "ZTE Corporation"},
    "平安银行": {"Ping An Bank"},
    "云南白药": {"Yunnan Baiyao Group"},
    "中联重科": {"Zoomlion Heavy Industry Science and Technology", "Zoomlion"},
    "和碩": {"Pegatron"},
    "大立光": {"Largan Precision", "Largan"},
    "頎邦": {"Chipbond", "Chipbond Technology"},
    "聯詠": {"Novatek"},
    "清华大学": {"Tsinghua University"},
    "北京大学": {"Peking University"},
    "浙江大学": {"Zhejiang University"},
    "国立台湾大学": {"National Taiwan University"},
    # Hong Kong (HKEX English short names, readable ones only)
    "中电控股": {"CLP Holdings"},
    "恒隆地产": {"Hang Lung Properties"},
    "周生生": {"Chow Sang Sang"},
    "中国旺旺": {"Want Want China"},
    "华润置地": {"China Resources Land"},
    "泡泡玛特": {"Pop Mart"},
}

# HKEX abbreviations that would be a guess (cut words, single letters, place initials): the
# company is left out of listed-hongkong.tsv rather than rendered so.
GUESSED_HONG_KONG = frozenset({"CH", "C", "G", "INT", "FIN", "SEMI", "PHAR", "SD", "SH", "EST"})


def test_hong_kong_english_has_no_cut_abbreviation() -> None:
    bad = [
        f"{row.where}: {row.zh} -> {row.en!r}"
        for row in read("listed-hongkong.tsv")
        if GUESSED_HONG_KONG & set(row.en.upper().split())
    ]
    assert not bad, "\n".join(bad[:50])


@pytest.mark.parametrize("term", sorted(SPOT_CHECKS))
def test_spot_check_renderings(term: str) -> None:
    found = definitions(term)
    assert found, f"{term} is in no glossary"
    for row in found:
        assert row.en in SPOT_CHECKS[term], f"{row.where}: {term} -> {row.en!r}"


# Ordinary words that are also companies' short names: absent, or flagged ambiguous.
ORDINARY_WORDS = (
    "平安",
    "美的",
    "得到",
    "精诚",
    "苹果",
    "蚂蚁",
    "东方",
    "长城",
    "华夏",
    "光明",
    "民生",
    "太阳",
    "大众",
    "农产品",
    "机器人",
    "星期六",
    "大量",
    "进阶",
    "光环",
    "时报",
    "幸福",
    "统一",
)


@pytest.mark.parametrize("term", ORDINARY_WORDS)
def test_ordinary_words_are_absent_or_flagged(term: str) -> None:
    for row in definitions(term):
        if row.zh == term or t2s().convert(row.zh) == term:
            assert row.flags == "ambiguous", f"{row.where}: {term} is not flagged ambiguous"


def test_ticker_abbreviations_never_become_names() -> None:
    """台苯's exchange abbreviation is T.S.M.C.: it must not render as TSMC (nor the code)."""
    for term in ("台苯", "瑞昱", "华邦电"):
        for row in definitions(term):
            assert row.en not in {"T.S.M.C.", "TSMC", "RT", "WEC"}, f"{row.where}: {row.en!r}"


def test_special_treatment_names_are_left_out() -> None:
    """*ST中华A is Shenzhen China Bicycle: its stripped short form 中华 must not carry that."""
    for row in definitions("中华"):
        assert "Bicycle" not in row.en, f"{row.where}: {row.en!r}"


def test_places_are_not_company_headwords() -> None:
    """张家界 is a city before it is Zhangjiajie Tourism Group."""
    for row in definitions("张家界"):
        assert row.file not in REGISTRY_FILES, f"{row.where}: {row.en!r}"
