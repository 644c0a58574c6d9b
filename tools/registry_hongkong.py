"""Hong Kong listed companies for tools/build_registry_glossary.py: HKEX's List of Securities.

HKEX publishes the list twice, in English (ListOfSecurities.xlsx) and in Traditional Chinese
(ListOfSecurities_c.xlsx, here a CSV export of it); rows are joined on stock code *and* ISIN,
so a code reused by another company between the two dates is not joined wrongly. Only
equities (Main Board and GEM) are read. Rules (why each exists):

Chinese short name
- Trading markers are cut: －Ｗ (weighted voting rights), －Ｓ (secondary listing), －ＳＷ,
  －Ｂ (pre-revenue biotech), －Ｐ, －Ｒ (RMB counter); 太古股份公司Ａ's share class letter.
- The H-share marker 股份 at the end (青島啤酒股份) is cut when 3+ characters remain:
  articles write 青岛啤酒, not the exchange's marker.
- A short name with anything but Chinese characters left (ＧＢＡ集團, 香港小輪（集團）,
  QPL INT'L) is left out: it is not how articles write the company.
English
- HKEX's English name is an abbreviation of at most 15 characters in capitals (CKH HOLDINGS,
  SHK PPT, C SMARTERENERGY). It is used only when every word can be read: a word of
  CC-CEDICT's English definitions (Henderson, Land, Galaxy), a run of Hanyu pinyin syllables
  (Jinmao, Zoomlion is not, Sunac is not), initials of at most 4 consonants (CKH, CLP, kept in
  capitals), or one of the few exchange abbreviations in ABBREVIATIONS (HLDGS -> Holdings,
  INT'L -> International, PPT -> Properties). A name with any other word (a cut word: PROSP,
  INT; a single letter: C, G) is left out rather than guessed, and so is a name that is only
  initials (TVB, CRRC: a ticker-like rendering).
"""

from __future__ import annotations

import csv
import gzip
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
EQUITY_EN = "Equity"
EQUITY_ZH = "股本"
BOARDS = ("Equity Securities (Main Board)", "Equity Securities (GEM)")

# Exchange abbreviations whose meaning is not in doubt (each seen in the English list).
ABBREVIATIONS = {
    "HLDG": "Holdings",
    "HLDGS": "Holdings",
    "HOLD": "Holdings",
    "HLDS": "Holdings",
    "INT'L": "International",
    "INTL": "International",
    "GP": "Group",
    "GRP": "Group",
    "DEV": "Development",
    "PPT": "Properties",
    "PPTY": "Property",
    "INV": "Investment",
    "TECH": "Technology",
    "ENV": "Environmental",
    "EDU": "Education",
    "ENGRG": "Engineering",
    "INFRA": "Infrastructure",
    "SVCS": "Services",
    "MGT": "Management",
    "EXPWAY": "Expressway",
    "PHARM": "Pharmaceutical",
    "RES": "Resources",
    "IND": "Industrial",
    "HK": "HK",
}
# Last words that are whole at the 15-character limit (a longer name was cut there).
COMPLETE_LAST = {
    "GROUP",
    "HOLDINGS",
    "HOLDING",
    "BANK",
    "ENERGY",
    "CAPITAL",
    "LAND",
    "POWER",
    "MEDICAL",
    "HEALTH",
    "ASIA",
    "CHINA",
    "PHARMA",
    "GAMES",
    "GLASS",
    "MOTOR",
    "MINING",
    "GOLD",
    "STEEL",
    "FOODS",
    "LOGISTICS",
    "EDUCATION",
    "FINANCE",
    "SECURITIES",
    "INSURANCE",
    "PROPERTIES",
    "SERVICES",
    "TECHNOLOGY",
    "BIOTECH",
    "AUTO",
    "AIRLINES",
    "ELECTRIC",
    "CEMENT",
    "DAIRY",
}
# Words of CC-CEDICT's English that HKEX uses as cut words (CONS = Construction, INTEL =
# Intelligent, CH = China): never read as themselves.
CUT_WORDS = {
    "CONS",
    "INTEL",
    "PHAR",
    "CONST",
    "ELEC",
    "PROP",
    "TRAD",
    "CHEM",
    "MATL",
    "AGRI",
    "CH",
    "SEMI",
    "SHIP",
    "BREW",
    "TELE",
    "CHI",
    "ALUM",
    "CENT",
    "MACH",
    "RENEW",
}
# Words kept in lower case inside a name.
SMALL_WORDS = {"AND": "and", "OF": "of", "THE": "the", "&": "&"}
MARKERS_EN = re.compile(r"(?:\s*-\s*(?:SW|W|S|B|P|R|WR|SS))+$|\s+(?:LTD|LIMITED|CO)\.?$")
MARKERS_ZH = re.compile(r"(?:[－\-](?:ＳＷ|Ｗ|Ｓ|Ｂ|Ｐ|Ｒ|SW|W|S|B|P|R))+$|(?<=公司)[ＡＢAB]$")
CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class HongKongRow:
    code: str
    zh: str  # Simplified short name, markers cut
    exchange_zh: str  # the exchange's short name as listed
    en: str
    exchange_en: str


class EnglishWords:
    """Which words of an HKEX abbreviation can be read: CC-CEDICT's English definition words
    and its pinyin syllables (one pass over the dictionary file)."""

    def __init__(self, cedict_gz: Path) -> None:
        words: set[str] = set()
        capitals: set[str] = set()
        syllables: set[str] = set()
        with gzip.open(cedict_gz, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                head, _, rest = line.partition(" /")
                reading = head.partition(" [")[2].rstrip("]")
                syllables.update(re.sub(r"[0-9:]", "", s).lower() for s in reading.split())
                found = re.findall(r"[A-Za-z]{2,}", rest)
                words.update(w.lower() for w in found)
                capitals.update(w for w in found if w.isupper() and len(w) >= 4)
        self.words = frozenset(words)
        self.capitals = frozenset(capitals)  # CITIC, SINOPEC: written in capitals
        # real syllables only (CC-CEDICT also reads letters: K歌 [K ge1])
        self.syllables = frozenset(
            s for s in syllables if s.isalpha() and re.search("[aeiouv]", s) and len(s) >= 2
        )

    def is_pinyin(self, token: str) -> bool:
        """A run of 1-3 pinyin syllables (Jinmao, Hua); a longer run is several words written
        as one (FUDANZHANGJIANG), not a name to show."""
        t = token.lower()
        best: list[int | None] = [0] + [None] * len(t)  # fewest syllables for t[:i]
        for i in range(1, len(t) + 1):
            counts = [
                n + 1
                for j in range(max(0, i - 6), i)
                if (n := best[j]) is not None and t[j:i] in self.syllables
            ]
            best[i] = min(counts) if counts else None
        n = best[len(t)]
        return len(t) >= 2 and n is not None and n <= 3

    def is_word(self, token: str) -> bool:
        """An English word: 4+ letters in CC-CEDICT's definitions (2-3 letter words there
        are mostly cut words here: FIN, EST, INT)."""
        return len(token) >= 4 and token.lower() in self.words


def english_name(abbr: str, words: EnglishWords) -> tuple[str, str]:
    """(English, "") from an HKEX abbreviation, or ("", why it is left out)."""
    name = MARKERS_EN.sub("", " ".join(abbr.split())).strip()
    tokens = [t for t in re.split(r"(\s+|&)", name) if t.strip()]
    if len(tokens) == 1 and len(name) <= 5:
        return "", "one short word (a ticker-like rendering)"
    last = tokens[-1].upper() if tokens else ""
    if len(name) >= 14 and not (
        last in COMPLETE_LAST or last in ABBREVIATIONS or words.is_pinyin(last)
    ):
        return "", f"last word {tokens[-1]!r} may be cut at the 15-character limit"
    out: list[str] = []
    for token in tokens:
        upper = token.upper()
        base = upper[:-2] if upper.endswith("'S") else upper
        if upper in SMALL_WORDS:
            out.append(SMALL_WORDS[upper])
        elif upper in CUT_WORDS:
            return "", f"word {token!r} is a cut word"
        elif upper in ABBREVIATIONS:
            out.append(ABBREVIATIONS[upper])
        elif not base.isalpha():
            return "", f"word {token!r} is not a word"
        elif 3 <= len(base) <= 4 and not re.search(r"[AEIOUY]", base):
            out.append(upper)  # initials: CKH, CLP (two letters are a place's: SD, SH, GD)
        elif base in words.capitals:
            out.append(upper)
        elif words.is_word(base) or (
            words.is_pinyin(base) and (len(base) > 2 or _pinyin_neighbour(tokens, token, words))
        ):
            out.append(token[:1].upper() + token[1:].lower())
        else:
            return "", f"word {token!r} is cut or unknown"
    if not out or all(w.isupper() or w in SMALL_WORDS.values() for w in out):
        return "", "only initials (a ticker-like rendering)"
    en = " ".join(out).replace(" & ", " & ")
    return en[:1].upper() + en[1:], ""


def _pinyin_neighbour(tokens: list[str], token: str, words: EnglishWords) -> bool:
    """A 2-letter syllable is a name's part only beside another syllable (SA SA, HAO WEN);
    alone among English words it is a cut word (HISENSE HA, ZA ONLINE)."""
    i = tokens.index(token)
    near = tokens[max(0, i - 1) : i] + tokens[i + 1 : i + 2]
    return any(t != token and t.isalpha() and words.is_pinyin(t) for t in near) or (
        near.count(token) > 0
    )


COMPANY_WORDS = {"控股", "集团", "置业", "地产", "实业", "股份", "有限公司"}


def phrase_reason(zh: str, jieba_words: dict[str, tuple[int, str]], name_tags: set[str]) -> str:
    """Why a short name also reads as an ordinary phrase ("" if not): every word jieba cuts
    it into is an everyday word or a place, one at least an everyday word (绿色经济 "green
    economy", 中国食品 "Chinese food"). Such a name is flagged ``ambiguous``: the recogniser
    decides in context."""
    import jieba

    parts = jieba.lcut(zh, HMM=False)
    # a single character left over is a coined part (恒隆, 旺旺 are no phrase)
    if len(parts) < 2 or any(len(p) < 2 for p in parts):
        return ""
    tags = [jieba_words.get(p, (0, ""))[1] for p in parts]
    if parts[-1] in COMPANY_WORDS:
        # a company word at the end (控股, 集团) makes the phrase a company's name, unless
        # all before it are everyday words: 联合集团 "a united group" describes, and it met
        # 浙江出版联合集团 as "Allied Group"
        head = tags[:-1]
        if all(t and t not in name_tags for t in head):
            return f"everyday words and a company word ({' + '.join(parts)})"
        return ""
    common = [t for t in tags if t and t not in name_tags]
    if common and all(t and (t not in name_tags or t == "ns") for t in tags):
        return f"also an ordinary phrase ({' + '.join(parts)})"
    return ""


def chinese_name(short: str) -> str:
    name = MARKERS_ZH.sub("", re.sub(r"\s+", "", short))
    if name.endswith("股份") and len(name) >= 5:
        name = name[:-2]  # H-share marker: 青島啤酒股份 -> 青島啤酒
    return name


def read_english(path: Path) -> dict[tuple[str, str], str]:
    """(code, ISIN) -> English name of every equity of the English list."""
    with zipfile.ZipFile(path) as book:
        shared = [
            "".join(t.text or "" for t in si.iter(f"{SHEET_NS}t"))
            for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        ]
        rows: dict[tuple[str, str], str] = {}
        with book.open("xl/worksheets/sheet1.xml") as sheet:
            for _, el in ElementTree.iterparse(sheet):
                if el.tag != f"{SHEET_NS}row":
                    continue
                cells = {}
                for c in el.findall(f"{SHEET_NS}c"):
                    col = re.sub(r"[0-9]", "", c.get("r", ""))
                    v = c.find(f"{SHEET_NS}v")
                    inline = c.find(f"{SHEET_NS}is")
                    if c.get("t") == "s" and v is not None and v.text:
                        cells[col] = shared[int(v.text)]
                    elif inline is not None:
                        cells[col] = "".join(t.text or "" for t in inline.iter(f"{SHEET_NS}t"))
                    else:
                        cells[col] = v.text or "" if v is not None else ""
                if cells.get("C") == EQUITY_EN and cells.get("D") in BOARDS:
                    rows[(cells["A"].strip(), cells.get("G", "").strip())] = cells["B"]
                el.clear()
    return rows


def read_hongkong(
    english_xlsx: Path, chinese_csv: Path, cedict_gz: Path, t2s, dropped: Counter[str]
) -> list[HongKongRow]:
    english = read_english(english_xlsx)
    words = EnglishWords(cedict_gz)
    out = []
    with chinese_csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 6 or not row[0].isdigit() or row[2] != EQUITY_ZH:
                continue
            code, short, isin = row[0], row[1], row[5].strip()
            abbr = english.get((code, isin))
            if abbr is None:
                dropped["hongkong: not in the English list (code and ISIN)"] += 1
                continue
            zh = t2s(chinese_name(short))
            if not CJK_ONLY.match(zh) or len(zh) < 2:
                dropped["hongkong: short name not all Chinese characters"] += 1
                continue
            en, why = english_name(abbr, words)
            if not en:
                dropped["hongkong: English abbreviation not readable"] += 1
                continue
            out.append(HongKongRow(code, zh, short, en, abbr))
    return out
