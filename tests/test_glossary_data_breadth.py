"""The breadth glossaries (glossaries/greater-china.tsv, glossaries/people.tsv): format,
consistency across every shipped file, size, well-known renderings and ambiguity flags.

Parses the files with the csv module only (no reader.glossary dependency), so a broken data
file fails here with a FILE:LINE message.
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from glossary_files import FLAGS, GLOSSARY_DIR, HEADER, TYPES, Row

BREADTH_FILES = ("greater-china.tsv", "people.tsv")
MIN_GREATER_CHINA = 800

# The form the organisation or person uses (own site, exchange listing, standard press form);
# a literal translation or pinyin here is exactly the failure the glossary exists to fix.
WELL_KNOWN: dict[str, set[str]] = {
    "大疆": {"DJI"},
    "商汤": {"SenseTime"},
    "旷视": {"Megvii"},
    "拼多多": {"Pinduoduo", "PDD Holdings"},
    "中芯国际": {"SMIC"},
    "中芯": {"SMIC"},
    "京东": {"JD.com"},
    "京东方": {"BOE"},
    "台积电": {"TSMC"},
    "联发科": {"MediaTek"},
    "鸿海": {"Hon Hai"},
    "富士康": {"Foxconn"},
    "华硕": {"Asus"},
    "宏碁": {"Acer"},
    "广达": {"Quanta Computer"},
    "日月光": {"ASE"},
    "瑞昱": {"Realtek"},
    "光宝科": {"Lite-On Technology"},
    "华邦电": {"Winbond"},
    "科大讯飞": {"iFlytek"},
    "月之暗面": {"Moonshot AI"},
    "零一万物": {"01.AI"},
    "阶跃星辰": {"StepFun"},
    "寒武纪": {"Cambricon"},
    "小马智行": {"Pony.ai"},
    "文远知行": {"WeRide"},
    "宁德时代": {"CATL"},
    "蔚来": {"NIO"},
    "小鹏": {"XPeng"},
    "理想汽车": {"Li Auto"},
    "长江存储": {"YMTC"},
    "文心一言": {"Ernie Bot"},
    "微信": {"WeChat"},
    "支付宝": {"Alipay"},
    "携程": {"Trip.com Group"},
    "汇丰": {"HSBC"},
    "红杉中国": {"HongShan"},
    "工信部": {"Ministry of Industry and Information Technology"},
    "行政院": {"Executive Yuan"},
    "工研院": {"Industrial Technology Research Institute"},
    "国立清华大学": {"National Tsing Hua University"},
    "清华大学": {"Tsinghua University"},
    "南华早报": {"South China Morning Post"},
    "国际商业机器公司": {"IBM"},
    "库克": {"Tim Cook"},
    "奥尔特曼": {"Sam Altman"},
    "扎克伯格": {"Mark Zuckerberg"},
    "祖克柏": {"Mark Zuckerberg"},
    "马化腾": {"Pony Ma"},
    "刘强东": {"Richard Liu"},
    "张忠谋": {"Morris Chang"},
    "魏哲家": {"C.C. Wei"},
    "郭台铭": {"Terry Gou"},
    "苏姿丰": {"Lisa Su"},
    "川普": {"Donald Trump"},
}

# Names that are also ordinary words (or sit inside frequent phrases): they must carry the
# flag wherever they are defined, so the matcher only forces them where context supports it.
MUST_BE_AMBIGUOUS = (
    "联想",
    "平安",
    "快手",
    "小米",
    "苹果",
    "理想",
    "长城",
    "字节",
    "滴滴",
    "美的",
    "大众",
    "通用",
    "统一",
    "北大",
    "可成",
    "李强",
)

# Full names and unambiguous forms that must NOT be flagged (a flag costs recall).
MUST_NOT_BE_AMBIGUOUS = ("联想集团", "中国平安", "快手科技", "小米集团", "台积电", "比亚迪", "华为")


def all_files() -> list[Path]:
    return sorted(GLOSSARY_DIR.glob("*.tsv"))


@cache
def read_rows(name: str) -> tuple[list[str], list[Row]]:
    """Header and data rows of one glossary file; comment lines skipped."""
    path = GLOSSARY_DIR / name
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        rows = [
            Row(name, reader.line_num, fields)
            for fields in reader
            if fields and not fields[0].startswith("#")
        ]
    return header, rows


def rows(name: str) -> list[Row]:
    return read_rows(name)[1]


def every_row() -> list[Row]:
    return [row for path in all_files() for row in rows(path.name)]


def definitions(term: str) -> list[Row]:
    return [row for row in every_row() if term in row.terms]


def test_breadth_files_exist() -> None:
    for name in BREADTH_FILES:
        assert (GLOSSARY_DIR / name).is_file(), f"missing glossaries/{name}"


@pytest.mark.parametrize("name", BREADTH_FILES)
def test_encoding_and_line_endings(name: str) -> None:
    raw = (GLOSSARY_DIR / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name}: has a BOM"
    assert b"\r" not in raw, f"{name}: has CR line endings"
    assert raw.endswith(b"\n"), f"{name}: no final newline"
    raw.decode("utf-8")  # raises on invalid UTF-8


@pytest.mark.parametrize("path", all_files(), ids=lambda p: p.name)
def test_header_is_exact(path: Path) -> None:
    header, _ = read_rows(path.name)
    assert header == HEADER, f"{path.name}:1: header is {header}"


@pytest.mark.parametrize("path", all_files(), ids=lambda p: p.name)
def test_rows_are_well_formed(path: Path) -> None:
    problems = []
    for row in rows(path.name):
        if len(row.fields) != len(HEADER):
            problems.append(f"{row.where}: {len(row.fields)} columns, expected {len(HEADER)}")
            continue
        if not row.zh.strip() or not row.en.strip():
            problems.append(f"{row.where}: empty zh or en")
        if row.fields != [f.strip() for f in row.fields]:
            problems.append(f"{row.where}: stray whitespace around a field")
        if row.type not in TYPES:
            problems.append(f"{row.where}: unknown type {row.type!r}")
        if row.flags not in FLAGS:
            problems.append(f"{row.where}: unknown flags {row.flags!r}")
        if "" in row.fields[3].split("|") and row.fields[3]:
            problems.append(f"{row.where}: empty alias in {row.fields[3]!r}")
    assert not problems, "\n".join(problems)


def test_no_term_with_two_renderings_across_all_files() -> None:
    """A term or alias defined twice (in one file or across files) must agree on the English."""
    seen: dict[str, Row] = {}
    conflicts = []
    for row in every_row():
        for term in row.terms:
            first = seen.setdefault(term, row)
            if first.en != row.en:
                conflicts.append(
                    f"{row.where}: {term} = {row.en!r}, but {first.where}: {first.en!r}"
                )
    assert not conflicts, "\n".join(conflicts)


def test_no_term_repeated_within_breadth_files() -> None:
    """Inside the breadth files a term appears once (same-rendering duplicates are noise)."""
    counts = Counter(term for name in BREADTH_FILES for row in rows(name) for term in row.terms)
    repeated = sorted(term for term, n in counts.items() if n > 1)
    assert not repeated, f"repeated terms: {repeated}"


def test_breadth_does_not_repeat_sample_files() -> None:
    """Names from the sample-article files live there only; the breadth files add, not repeat."""
    sample_terms = {
        term
        for path in all_files()
        if path.name not in BREADTH_FILES
        for row in rows(path.name)
        for term in row.terms
    }
    repeated = sorted(
        f"{row.where}: {term}"
        for name in BREADTH_FILES
        for row in rows(name)
        for term in row.terms
        if term in sample_terms
    )
    assert not repeated, "\n".join(repeated)


def test_greater_china_is_broad() -> None:
    entries = rows("greater-china.tsv")
    assert len(entries) >= MIN_GREATER_CHINA, f"only {len(entries)} entries"
    types = Counter(row.type for row in entries)
    for kind in ("company", "product", "agency", "university", "media", "investor", "lab"):
        assert types[kind] >= 10, f"only {types[kind]} entries of type {kind}"


def test_people_file_holds_people() -> None:
    entries = rows("people.tsv")
    assert len(entries) >= 150
    assert {row.type for row in entries} == {"person"}


@pytest.mark.parametrize("term", sorted(WELL_KNOWN))
def test_well_known_rendering(term: str) -> None:
    found = definitions(term)
    assert found, f"{term} is in no glossary"
    for row in found:
        assert row.en in WELL_KNOWN[term], f"{row.where}: {term} -> {row.en!r}"


@pytest.mark.parametrize("term", MUST_BE_AMBIGUOUS)
def test_ordinary_word_names_are_flagged(term: str) -> None:
    found = definitions(term)
    assert found, f"{term} is in no glossary"
    for row in found:
        assert row.flags == "ambiguous", f"{row.where}: {term} is not flagged ambiguous"


@pytest.mark.parametrize("term", MUST_NOT_BE_AMBIGUOUS)
def test_unambiguous_names_are_not_flagged(term: str) -> None:
    found = definitions(term)
    assert found, f"{term} is in no glossary"
    for row in found:
        assert row.flags == "", f"{row.where}: {term} is flagged but is not an ordinary word"


def test_flagged_entries_explain_why() -> None:
    """Every ambiguous entry in the breadth files says what else the word means."""
    silent = [
        f"{row.where}: {row.zh}"
        for name in BREADTH_FILES
        for row in rows(name)
        if row.flags == "ambiguous" and not row.note
    ]
    assert not silent, "\n".join(silent)


def test_terms_are_simplified() -> None:
    """Terms are written in Simplified (OpenCC t2s leaves them unchanged), unless the note
    says why not (characters OpenCC folds into another word, e.g. 昇腾 -> 升腾)."""
    opencc = pytest.importorskip("opencc")
    t2s = opencc.OpenCC("t2s")
    wrong = [
        f"{row.where}: {term} -> {t2s.convert(term)}"
        for name in BREADTH_FILES
        for row in rows(name)
        for term in row.terms
        if t2s.convert(term) != term and "t2s" not in row.note
    ]
    assert not wrong, "\n".join(wrong)


def test_no_two_renderings_after_script_folding() -> None:
    """The matcher folds scripts with OpenCC: two terms that fold to the same text must agree."""
    opencc = pytest.importorskip("opencc")
    t2s = opencc.OpenCC("t2s")
    seen: dict[str, Row] = {}
    conflicts = []
    for row in every_row():
        for term in row.terms:
            first = seen.setdefault(t2s.convert(term), row)
            if first.en != row.en:
                conflicts.append(
                    f"{row.where}: {term} = {row.en!r}, but {first.where}: {first.en!r}"
                )
    assert not conflicts, "\n".join(conflicts)
