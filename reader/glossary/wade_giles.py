"""Taiwanese persons' names as Taiwan writes them in English: Wade–Giles, passport style.

In Taiwan a person's name is romanised in Wade–Giles without its apostrophes and umlauts,
the given name's syllables joined by a hyphen: 謝明俊 Hsieh Ming-chun, 邱俊欽 Chiu Chun-chin,
陳嘉寧 Chen Chia-ning (the English press and the government write them so; pinyin's "Xie
Mingjun" names no one a reader can look up). This converts the pipeline's pinyin syllables
(toneless, ü as "ü" or "v") by the scheme's rules; the table below is the scheme itself, not
a list of names, so a name the glossary lacks gets the usual spelling. People who chose
another spelling (蔡英文 Tsai Ing-wen, 侯友宜 Hou Yu-ih) belong in the glossary.
"""

from __future__ import annotations

from collections.abc import Sequence

# Whole syllables whose Wade–Giles form is not initial + final (the "buzzing" vowels)
_WHOLE = {
    "zhi": "chih", "chi": "chih", "shi": "shih", "ri": "jih",
    "zi": "tzu", "ci": "tzu", "si": "ssu",
    "er": "erh", "yi": "i", "you": "yu", "yan": "yen", "ye": "yeh", "yong": "yung",
    "yue": "yueh", "yuan": "yuan", "yun": "yun", "yu": "yu", "wo": "wo",
}  # fmt: skip

# Initials, longest first (zh before z)
_INITIALS = (
    ("zh", "ch"), ("ch", "ch"), ("sh", "sh"),
    ("b", "p"), ("p", "p"), ("m", "m"), ("f", "f"),
    ("d", "t"), ("t", "t"), ("n", "n"), ("l", "l"),
    ("g", "k"), ("k", "k"), ("h", "h"),
    ("j", "ch"), ("q", "ch"), ("x", "hs"),
    ("r", "j"), ("z", "ts"), ("c", "ts"), ("s", "s"),
    ("y", "y"), ("w", "w"),
)  # fmt: skip

_VELARS = frozenset({"g", "k", "h"})  # ge → ko, guo → kuo, gui → kuei
_PALATALS = frozenset({"j", "q", "x", "y"})  # ju is chü: u after them is ü


def wade_giles_syllable(syllable: str) -> str:
    """One toneless pinyin syllable (xie, lü, lv, zhong) in passport Wade–Giles (hsieh, lu,
    lu, chung); what is no pinyin syllable comes back as it was."""
    s = syllable.lower().replace("ü", "v")
    if s in _WHOLE:
        return _WHOLE[s]
    for pinyin, wade in _INITIALS:
        if s.startswith(pinyin):
            initial, final = pinyin, s[len(pinyin) :]
            return wade + _final(initial, final)
    return _final("", s)


def _final(initial: str, final: str) -> str:
    if initial in _PALATALS and final.startswith("u"):
        final = "v" + final[1:]  # ju, que, xuan, yun: the u is ü
    if final == "e":
        return "o" if initial in _VELARS else "e"  # ge ko, he ho; de te, zhe che
    if final == "uo":
        return "uo" if initial in _VELARS or initial == "sh" else "o"  # guo kuo; luo lo
    if final == "ui":
        return "uei" if initial in ("g", "k") else "ui"  # gui kuei; hui, dui tui
    if final == "ong":
        return "ung"
    if final == "iong":
        return "iung"
    if final == "ian":
        return "ien"
    if final == "ie":
        return "ieh"
    if final in ("ve", "ue"):
        return "ueh"  # jue chueh, xue hsueh, lüe lueh
    return final.replace("v", "u")  # lü lu, xu hsu, juan chuan (umlauts dropped)


def wade_giles_person(surname: Sequence[str], given: Sequence[str]) -> str:
    """Surname, then the given name's syllables joined by hyphens: Hsieh Ming-chun."""
    family = "".join(wade_giles_syllable(s) for s in surname)
    name = "-".join(wade_giles_syllable(s) for s in given)
    return f"{family[:1].upper()}{family[1:]} {name[:1].upper()}{name[1:]}".strip()
