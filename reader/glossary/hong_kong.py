"""Hong Kong persons' names as Hong Kong writes them in English: Cantonese, government style.

Hong Kong registers its people's names in the Hong Kong Government Cantonese romanisation:
陳大文 Chan Tai-man, 李家超 Lee Ka-chiu, 張國榮 Cheung Kwok-wing. Pinyin ("Chen Dawen")
names no one a Hong Kong reader could look up. The Cantonese reading of each character
comes from ToJyutping (BSD-2-Clause, CanCLID); this turns its Jyutping into the
government's spelling by the scheme's rules (the table below), and surnames, whose
spellings are fixed by custom rather than by rule (周 Chow but 鄒 Chau, 沈 Shum), from
reader/data/hk_surnames.tsv. People who chose another spelling (李家超 is John Lee) belong
in the glossary; this is for the rest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reader import paths
from reader.glossary.fold import fold

SURNAMES_FILE = "hk_surnames.tsv"

# Jyutping initials, longest first, and their government spelling
_INITIALS = (
    ("gw", "kw"), ("kw", "kw"), ("ng", "ng"),
    ("b", "p"), ("p", "p"), ("m", "m"), ("f", "f"),
    ("d", "t"), ("t", "t"), ("n", "n"), ("l", "l"),
    ("g", "k"), ("k", "k"), ("h", "h"), ("w", "w"),
    ("z", "ch"), ("c", "ch"), ("s", "s"), ("j", "y"),
)  # fmt: skip

# Jyutping finals and their spelling (the long aa is written a; oeng eung; eoi ui; yu u;
# un oon: 冠 Koon, 官 Koon, 歡 Foon)
_FINALS = {
    "aa": "a", "aai": "ai", "aau": "au", "aam": "am", "aan": "an", "aang": "ang",
    "aap": "ap", "aat": "at", "aak": "ak",
    "a": "a", "ai": "ai", "au": "au", "am": "am", "an": "an", "ang": "ang",
    "ap": "ap", "at": "at", "ak": "ak",
    "e": "e", "ei": "ei", "eng": "eng", "ek": "ek",
    "i": "i", "iu": "iu", "im": "im", "in": "in", "ing": "ing", "ip": "ip", "it": "it",
    "ik": "ik",
    "o": "o", "oi": "oi", "ou": "o", "on": "on", "ong": "ong", "ot": "ot", "ok": "ok",
    "u": "u", "ui": "ui", "un": "oon", "ung": "ung", "ut": "oot", "uk": "uk",
    "yu": "u", "yun": "uen", "yut": "uet",
    "oe": "oe", "oeng": "eung", "oek": "euk",
    "eoi": "ui", "eon": "un", "eot": "ut",
    "m": "m", "ng": "ng",
}  # fmt: skip

# Whole syllables the scheme writes otherwise than initial + final
_WHOLE = {
    "zi": "chi", "ci": "chi", "si": "sze", "ji": "yee",  # 志 Chi, 思 Sze, 儀 Yee
    "jyu": "yu", "jyun": "yuen", "jyut": "yuet",  # 余 Yu, 阮 Yuen, 月 Yuet
    "ng": "ng", "m": "m",  # 吳 Ng, 唔 M
    "waa": "wah",  # 華 Wah, as every 華 in a Hong Kong name is written
}  # fmt: skip

# ts, not ch, before these finals (謝 Tse, 曾 Tsang, 徐 Tsui)
_TS_FINALS = frozenset({"e", "ang", "eoi"})
# sh, not s, before these finals (石 Shek, 佘 She, 書 Shu, 水 Shui, 信 Shun, 常 Sheung,
# 城 Shing)
_SH_FINALS = frozenset({"e", "ek", "yu", "eoi", "eon", "oeng", "uk", "ing"})


# The short a written u after these initials (振 zan Chun, 斌 ban Pun, 針 zam Chum, 心 sam
# Sum; but 文 man Man, 林 lam Lam, 欣 jan Yan)
_SHORT_A_AS_U = {"an": frozenset("zcbp"), "am": frozenset("zcs")}


def hk_syllable(jyutping: str) -> str | None:
    """One Jyutping syllable (tone digit optional) in the government's spelling, lower case
    (gaa1 → ka, ciu1 → chiu, zoeng1 → cheung); None for what is no Jyutping syllable."""
    s = jyutping.rstrip("123456").lower()
    if s in _WHOLE:
        return _WHOLE[s]
    for initial, spelt in _INITIALS:
        if s.startswith(initial) and s[len(initial) :] in _FINALS:
            final = s[len(initial) :]
            if initial in ("z", "c") and final in _TS_FINALS:
                spelt = "ts"
            elif initial == "s" and final in _SH_FINALS:
                spelt = "sh"
            if initial in _SHORT_A_AS_U.get(final, ()):
                return spelt + "u" + final[1:]  # 振 zan Chun, 心 sam Sum
            return spelt + _FINALS[final]
    return _FINALS.get(s)  # a syllable with no initial (愛 oi, 安 on)


def parse_surnames(text: str, source: str = SURNAMES_FILE) -> dict[str, str]:
    """Surname (folded) → its customary spelling; a row needs surname, spelling, reason."""
    table: dict[str, str] = {}
    for lineno, line, fields in paths.data_rows(text, "surname"):
        if len(fields) < 3 or not all(fields[:3]):
            raise ValueError(f"{source}:{lineno}: bad row {line!r} (surname, spelling, reason)")
        table[fold(fields[0])] = fields[1]
    return table


def get_surnames() -> Mapping[str, str]:
    """The shipped table (immutable, parsed once per process)."""
    return paths.parsed_package_data(SURNAMES_FILE, parse_surnames)


def hk_person(
    name: str,
    surname_len: int,
    readings: Sequence[str | None] | None = None,
    surnames: Mapping[str, str] | None = None,
) -> str | None:
    """陳大文 → "Chan Tai-man": the surname by custom, the given name's syllables joined by a
    hyphen. ``readings``: each character's Jyutping (None: ToJyutping's). None when a
    character has no Cantonese reading to spell."""
    if not 0 < surname_len < len(name):
        return None
    jyutping = list(readings) if readings is not None else cantonese_readings(name)
    spelt = [hk_syllable(j) if j else None for j in jyutping]
    if len(spelt) != len(name) or any(s is None for s in spelt[surname_len:]):
        return None
    table = surnames if surnames is not None else get_surnames()
    if surname_len == 1 and len(name) == 4 and fold(name[1]) in table and fold(name[0]) in table:
        # a married woman's two surnames, her husband's first: 林鄭月娥 Lam Cheng Yuet-ngo
        husband, own = table[fold(name[0])], table[fold(name[1])]
        return f"{husband} {own} {'-'.join(str(s) for s in spelt[2:]).capitalize()}"
    surname = table.get(fold(name[:surname_len]))
    if surname is None:
        if any(s is None for s in spelt[:surname_len]):
            return None
        surname = " ".join(str(s).capitalize() for s in spelt[:surname_len])
    given = "-".join(str(s) for s in spelt[surname_len:])
    return f"{surname} {given.capitalize()}"


def cantonese_readings(text: str) -> list[str | None]:
    """Each character's Jyutping in context (ToJyutping), None where it has none; all None
    when ToJyutping is not installed (the caller falls back to pinyin)."""
    try:
        import ToJyutping
    except ImportError:
        return [None] * len(text)
    pairs = ToJyutping.get_jyutping_list(text)
    if len(pairs) != len(text):
        return [None] * len(text)
    return [reading or None for _char, reading in pairs]
