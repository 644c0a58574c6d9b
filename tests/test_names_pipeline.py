"""The issue's sentences through the whole pipeline with the trained recogniser.

What a reader sees for ordinary sentences that used to turn into names, and for lists of
companies that used to be refused. Known misses of the committed weights are xfail(strict),
so an improvement shows up as a failure asking to drop the mark.
"""

from __future__ import annotations

import pytest

from reader.model import Block, LoadedText, Meta
from reader.pipeline import Options, annotate
from reader.resources import Resources


@pytest.fixture(scope="module")
def names_in():  # type: ignore[no-untyped-def]
    resources = Resources()
    if resources.recogniser is None:
        pytest.skip("the name model (python-crfsuite, reader/data/ner.crfsuite) is missing")
    glossary = resources.glossary(use_user=False)

    def run(text: str, every: bool = False):  # type: ignore[no-untyped-def]
        loaded = LoadedText(text=text, blocks=(Block(0, len(text)),), meta=Meta())
        article = annotate(loaded, Options(glossary=glossary), resources)
        named = [(t.text, t.glossary.en) for t in article.tokens() if t.glossary is not None]
        return [name for name, _ in named] if every else dict(named)

    return run


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("我们得到用户的认可。", "得到"),
        ("这是很美的产品。", "美的"),
        ("双方精诚合作。", "精诚"),
        ("院子里有蚂蚁、黄蜂。", "蚂蚁"),
        ("他张开嘴说不出话来。", "张开"),
        ("商汤灭夏，建立商朝。", "商汤"),
        ("他联想到了过去。", "联想"),
        ("小米发布财报。他早上喝小米粥。", "小米粥"),
    ],
)
def test_ordinary_words_stay_words(names_in, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    assert not [name for name in names_in(text) if word in name or name in word]


def test_a_common_person_name_is_not_the_famous_one_elsewhere(names_in) -> None:  # type: ignore[no-untyped-def]
    assert names_in("海底捞创始人张勇说。")["张勇"] == "Zhang Yong"
    assert names_in("阿里巴巴董事长张勇表示。")["张勇"] == "Daniel Zhang"


def test_transliterations_are_left_to_the_translator(names_in) -> None:  # type: ignore[no-untyped-def]
    found = names_in("费利佩和雷德克纳普都来了。")
    assert found.get("费利佩") == "" and found.get("雷德克纳普") == ""  # never "Fei Lipei"


def test_companies_in_lists_and_with_a_founding_date(names_in) -> None:  # type: ignore[no-untyped-def]
    found = names_in("滴滴、美团等网约车平台都在扩张。")
    assert found.get("滴滴") == "DiDi" and found.get("美团") == "Meituan"
    assert names_in("理想汽车成立于2015年。").get("理想汽车") == "Li Auto"
    assert names_in("联想、华为和小米都发布了财报。").get("小米") == "Xiaomi"


def test_an_established_name_counts_in_later_sentences(names_in) -> None:  # type: ignore[no-untyped-def]
    found = names_in("小米创始人雷军说。小米进入汽车市场。")
    assert found.get("小米") == "Xiaomi" and found.get("雷军") == "Lei Jun"
    # an established name stays a verb where it is used as one: one Dedao, not two
    assert list(names_in("得到App的用户很多。我们得到了认可。", every=True)).count("得到") == 1


def test_fruit_is_no_company(names_in) -> None:  # type: ignore[no-untyped-def]
    assert "苹果" not in names_in("我买了苹果、梨和香蕉。")


def test_a_three_character_name_stays_whole(names_in) -> None:  # type: ignore[no-untyped-def]
    assert "艾未未" in names_in("艾未未在北京接受了记者的采访。")


def test_the_person_a_company_is_known_by_makes_its_short_name_a_name(names_in) -> None:  # type: ignore[no-untyped-def]
    found = names_in("我们公司和小米有合作，雷军也来参观过。")
    assert found.get("小米") == "Xiaomi" and found.get("雷军") == "Lei Jun"
    # no such person in the sentence: the millet stays millet
    assert "小米" not in names_in("我们和农民有合作，小米的收成很好。")


def test_a_news_dateline_is_no_company(names_in) -> None:  # type: ignore[no-untyped-def]
    found = names_in("新华社北京12月4日电 国务院召开常务会议。")
    assert "日电" not in found and found.get("新华社") == "Xinhua News Agency"


def test_a_place_before_a_company_keeps_both_names(names_in) -> None:  # type: ignore[no-untyped-def]
    # jieba holds 美国苹果公司 and 日本共同社 as words: the glossary reads both names in them
    found = names_in("美国苹果公司和日本共同社都发表了声明。")
    assert found.get("美国") == "United States" and found.get("苹果公司") == "Apple"
    assert found.get("日本") == "Japan" and found.get("共同社") == "Kyodo News"


def test_world_news_names_come_from_the_glossary(names_in) -> None:  # type: ignore[no-untyped-def]
    found = names_in("以色列国防军称已对加沙地带的哈马斯目标发动空袭，北约秘书长表示关切。")
    assert found.get("哈马斯") == "Hamas"  # was shown as a place left to the translator
    assert found.get("以色列国防军") == "Israel Defense Forces"
    assert found.get("北约") == "NATO" and found.get("加沙地带") == "Gaza Strip"
    cited = names_in("据塔斯社报道，半岛电视台和美国之音也报道了此事。")
    assert cited.get("塔斯社") == "TASS" and cited.get("美国之音") == "Voice of America"


def test_latin_script_tech_names_come_from_the_glossary(names_in) -> None:  # type: ignore[no-untyped-def]
    found = names_in("OpenAI首席执行官奥特曼称，GPT-5将于今年发布，Claude也将更新。")
    assert found.get("OpenAI") == "OpenAI" and found.get("GPT-5") == "GPT-5"
    assert found.get("Claude") == "Claude"  # the model, never a person "Claude"
    # a word boundary: a longer Latin word is not the name
    assert "Sora" not in names_in("这个Soraya项目很有意思。")
