"""Organisation names of a family get English instead of being left to the translator
(issue 14): a glossary organisation plus a suffix, a place's own body found by the suffix
rules, a city's government. A scripted recogniser stands in for the model."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_names_recall import Tuned, hits

from reader.model import Block, LoadedText, Meta
from reader.pipeline import Options, annotate
from reader.resources import Resources


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("org-families-cache")


def names(
    text: str, marks: dict[str, tuple[str, float]], cache: Path
) -> dict[str, tuple[str, bool]]:
    """Each name shown: (its English, whether it is forced into MT)."""
    return {name: (hit.en, hit.forced) for name, hit in hits(text, marks, cache).items()}


def test_a_glossary_company_plus_a_suffix_keeps_the_company_s_english(cache: Path) -> None:
    """新浪 (ambiguous: also 新浪潮 "new wave") inside the recogniser's 新浪公司: the whole
    span stays one name, shown as the glossary's English plus the suffix's, not forced."""
    got = names("据新浪公司称，今年用户增长了。", {"新浪公司": ("ORG", 0.9)}, cache)
    assert got["新浪公司"] == ("Sina Company", False)
    assert "新浪" not in got


def test_a_glossary_name_plus_an_unknown_unit_stays_with_the_translator(cache: Path) -> None:
    text = "中国政法大学传播法中心研究员认为不行。"
    got = names(text, {"中国政法大学传播法中心": ("ORG", 0.9)}, cache)
    assert got["中国政法大学传播法中心"][0] == ""


def test_a_city_s_government_found_by_the_recogniser_has_english(cache: Path) -> None:
    got = names("台北市政府昨天表示將延期。", {"台北市政府": ("ORG", 0.9)}, cache)
    assert got["台北市政府"][0] == "Taipei City Government"


def test_a_place_s_body_found_by_the_suffix_rules_has_english(cache: Path) -> None:
    """永康 | 分局 found by the suffix rules (the recogniser silent): a place CC-CEDICT knows
    plus organisation suffixes is rendered, not left to the translator."""
    got = names("不治後，永康分局警方報請檢察官相驗。", {}, cache)
    assert got["永康分局"] == ("Yongkang Branch", False)


def test_a_brand_listed_with_companies_is_that_brand_in_the_whole_article(cache: Path) -> None:
    """小电 is ambiguous ("small electric"); listed next to a plain company (街电) it is the
    brand, there and where the article names it again without a list."""
    listed = "其中，街电、小电等头部企业的份额最高。"
    again = "今年3月小电宣布完成新一轮融资。"
    for text, shown in ((listed + again, True), (again, False)):
        res = Resources(cache_dir=cache, recogniser=Tuned({}))
        loaded = LoadedText(text=text, blocks=(Block(0, len(text)),), meta=Meta())
        article = annotate(loaded, Options(glossary=res.glossary(use_user=False)), res)
        late = [
            t for t in article.tokens() if t.text == "小电" and t.start >= len(text) - len(again)
        ]
        assert bool(late and late[0].glossary and late[0].glossary.en == "Xiaodian") is shown
