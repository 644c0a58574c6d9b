"""Brand forms of A-share short names for tools/build_registry_glossary.py.

Articles name a listed company by its brand more often than by the exchange short name:
格力 for 格力电器, 恒瑞 for 恒瑞医药, 立讯 for 立讯精密, 汇川 for 汇川技术. The exchange short name
is the brand plus an industry word; cutting one such word (INDUSTRY_WORDS, longest first) off
the end gives the brand form, with the company's English. Rules (why each exists):

- Only the words in INDUSTRY_WORDS are cut: words that describe a trade (电器 "appliances",
  医药 "pharmaceuticals", 精密 "precision"), never part of what the company is called for
  short. Banks, brokers and insurers are not cut (招商银行 is 招行 for short, not 招商).
- The brand keeps at least 2 characters, all Chinese (TCL科技 gives no brand form here).
- A 2-character brand opening with 中 or 国 is left out: it is a state group's abbreviation
  naming the parent, not the listed subsidiary (中核 is CNNC, not 中核科技 SUFA Technology;
  中航 is AVIC).
- A brand form that two or more companies would share (长城 from 长城科技 and 长城电子, 中国
  from many) names none of them: it is left out.
- A 2-character brand form is flagged ``ambiguous``: cut from its short name it is as often
  a fragment of ordinary text (蠡湖 the lake, 步科 "infantry", 纳尔 in 多纳尔森堡: three new
  false names in 1,600 development sentences before this rule, none after).
- The builder's own checks then apply as for any short name (a place or an everyday word is
  left out, an ordinary word is flagged ``ambiguous``), and a term already shipped wins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

INDUSTRY_WORDS = (
    "股份",
    "集团",
    "控股",
    "科技",
    "技术",
    "电器",
    "医药",
    "医疗",
    "生物",
    "化学",
    "电子",
    "精密",
    "重工",
    "绿能",
    "味业",
    "乳业",
    "药业",
    "制药",
    "创新",
    "智能",
    "新材",
    "光电",
    "信息",
    "软件",
    "通信",
    "网络",
    "实业",
)


STATE_PREFIXES = "中国"
CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")


def brand_form(short_name: str) -> tuple[str, str]:
    """(brand, the industry word cut) or ("", "") when the name ends in none."""
    for word in sorted(INDUSTRY_WORDS, key=len, reverse=True):
        if short_name.endswith(word) and len(short_name) - len(word) >= 2:
            brand = short_name[: -len(word)]
            if not CJK_ONLY.match(brand) or (len(brand) == 2 and brand[0] in STATE_PREFIXES):
                return "", ""
            return brand, word
    return "", ""


def brand_flag(brand: str) -> str:
    """Why a brand form is flagged ``ambiguous`` ("" if not)."""
    if len(brand) == 2:
        return "a 2-character brand form, also a fragment of ordinary text"
    return ""


def unique_brand_forms(
    short_names: Sequence[str], dropped: Counter[str]
) -> dict[str, tuple[str, str]]:
    """brand -> (short name, industry word cut), for brands exactly one company yields."""
    found: dict[str, list[tuple[str, str]]] = {}
    for name in short_names:
        brand, word = brand_form(name)
        if brand:
            found.setdefault(brand, []).append((name, word))
    out = {}
    for brand, owners in found.items():
        if len(owners) == 1 and brand not in short_names:
            out[brand] = owners[0]
        else:
            dropped["mainland brand: shared by several companies or itself a short name"] += 1
    return out
