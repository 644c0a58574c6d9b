"""Rules of the registry builders (tools/registry_brands.py, tools/registry_hongkong.py):
the derived brand forms and the HKEX abbreviations read or left out."""

from __future__ import annotations

import sys
from collections import Counter

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

from registry_brands import brand_flag, brand_form, unique_brand_forms  # noqa: E402
from registry_hongkong import chinese_name, english_name  # noqa: E402


class FakeWords:
    """The two questions english_name asks of CC-CEDICT, answered from small sets."""

    words = frozenset({"holdings", "land", "group", "energy", "pacific", "first", "china"})
    capitals = frozenset({"CITIC"})

    def is_word(self, token: str) -> bool:
        return len(token) >= 4 and token.lower() in self.words

    def is_pinyin(self, token: str) -> bool:
        return token.lower() in {"jinmao", "hang", "lung", "sa", "hao", "wen", "ha"}


def test_brand_form_cuts_one_industry_word() -> None:
    assert brand_form("格力电器") == ("格力", "电器")
    assert brand_form("恒瑞医药") == ("恒瑞", "医药")
    assert brand_form("招商银行") == ("", "")  # banks are not cut
    assert brand_form("中核科技") == ("", "")  # a state group's abbreviation
    assert brand_form("TCL科技") == ("", "")  # not all Chinese
    assert brand_form("科技") == ("", "")


def test_a_brand_two_companies_share_is_left_out() -> None:
    dropped: Counter[str] = Counter()
    brands = unique_brand_forms(["长城科技", "长城电子", "立讯精密"], dropped)
    assert brands == {"立讯": ("立讯精密", "精密")}
    assert sum(dropped.values()) == 1


def test_two_character_brand_forms_are_flagged() -> None:
    assert brand_flag("格力")
    assert not brand_flag("宁德时代")


def test_readable_hkex_names_are_kept() -> None:
    words = FakeWords()
    assert english_name("CKH HOLDINGS", words) == ("CKH Holdings", "")
    assert english_name("HANG LUNG PPT", words) == ("Hang Lung Properties", "")
    assert english_name("CHINA JINMAO", words) == ("China Jinmao", "")
    assert english_name("SA SA INT'L", words) == ("Sa Sa International", "")
    assert english_name("SENSETIME-W", words)[0] == ""  # unknown word: not guessed


def test_cut_or_guessed_hkex_names_are_left_out() -> None:
    words = FakeWords()
    for abbr in ("C SMARTERENERGY", "PROSP INV HOLD", "CH CITY INFRA", "SD GOLD", "TVB"):
        en, why = english_name(abbr, words)
        assert en == "" and why, abbr
    assert english_name("HISENSE HA", words)[0] == ""  # a lone 2-letter syllable is cut


def test_chinese_short_name_markers_are_cut() -> None:
    assert chinese_name("商湯－Ｗ") == "商湯"
    assert chinese_name("青島啤酒股份") == "青島啤酒"
    assert chinese_name("太古股份公司Ａ") == "太古股份公司"
