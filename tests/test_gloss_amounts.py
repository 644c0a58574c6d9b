"""Rough amounts, determiners with their measure words, dates in Chinese numerals, scores
and plural counts in the no-model gloss (reader/translate/gloss_amounts.py and the counting
helpers of gloss_measures.py). The sentences are news sentences written for this; each
case names what the gloss must read and what it read before (in ``absent``)."""

from __future__ import annotations

import pytest
from test_gloss_sentences import annotated_cases, assert_gloss_reads

from reader.han import has_han
from reader.model import Sentence
from reader.translate.gloss import gloss_sentence
from reader.translate.gloss_measures import counts_many, plural

CASES = [
    (
        "受台风影响，深圳和香港的航班大面积取消，数千名旅客滞留机场。",
        ["thousands of travelers"],
        ["数千"],
    ),
    ("事故发生后，数十名消防员赶到现场。", ["dozens of firefighters"], ["数十"]),
    ("近千名志愿者参与了此次救援行动。", ["nearly 1,000 volunteers"], ["thousand"]),
    ("据不完全统计，全国已有上百家企业宣布退出该市场。", ["over 100 companies"], ["on 100"]),
    (
        "本次展会吸引了来自四十多个国家和地区的一千余家企业参展。",
        ["over 40 countries", "over 1,000 companies"],
        ["home", "next in sequence"],
    ),
    (
        "这家成立不到三年的初创企业，已经完成了五轮融资。",
        ["less than 3 year", "5 rounds"],
        ["arrive", "wheel"],
    ),
    ("截至今年九月底，比亚迪今年累计销量已突破三百万辆。", ["end of September"], ["background"]),
    ("该市将于明年一月一日起实施新的垃圾分类规定。", ["January 1"], ["a day"]),
    ("这份报告指出，全球经济增速可能进一步放缓。", ["this report"], []),
    ("我国首艘国产大型邮轮正式投入运营。", ["first domestically produced"], []),
    ("这部电影上映首日票房就超过了两亿元。", ["first day"], []),
    ("这场比赛双方战成一比一平。", ["this competition", "end in 1-1 draw"], ["stage", "flat"]),
    ("他们二比零击败对手。", ["2-0"], ["compare"]),
    ("中国女排以三比二逆转战胜对手。", ["by 3-2"], ["compare", "use"]),
    ("今年以来，该省已发生三起类似案件。", ["3 incidents"], ["rise"]),
    ("由于资金链断裂，这家公司于上月申请破产。", ["apply for go bankrupt"], ["sth"]),
    ("市民可通过手机应用程序查询实时路况。", ["can through"], ["approve"]),
    ("近年来，越来越多的年轻人选择回乡创业。", ["more and more young"], ["many"]),
    ("全市有5家企业参加。", ["5 companies participate"], ["company"]),
    ("共有3名学生获奖。", ["3 students"], ["people"]),
    # an amount or a date jieba cut in two (三|千余件, 十二月|底) reads as one
    ("全年共受理投诉三千余件。", ["over 3,000"], ["thousand", "more"]),
    ("截至十二月底，工程已完工。", ["end of December"], ["background"]),
    ("每人发放两百元补贴。", ["200 yuan subsidy"], ["subsidies"]),
    ("该项目耗资上亿元。", ["over 100 million yuan"], ["on 100"]),
    ("会议原定于下周三举行。", ["next Wednesday"], ["make a circuit"]),
    # everyday sentences: counts, frames and plural 们
    ("这本书我看了三遍。", ["3 times"], ["everywhere"]),
    ("她比她姐姐高一点。", ["high a little"], ["o'clock"]),
    ("孩子们放学后在操场上踢足球。", ["children", "playground on"], ["first", "dismiss"]),
    ("这家餐厅的菜又便宜又好吃。", ["both cheap and tasty"], ["again"]),
    ("他连一句话都没说就走了。", ["even a word not say"], ["continuously", "dialect"]),
    ("等雨停了再走吧。", ["when rain stop"], ["etc."]),
    ("如果明天不下雨，我们就去爬山。", ["no rain"], ["less than"]),
    ("虽然工作很忙，但他仍然坚持锻炼身体。", ["very busy"], ["hurry"]),
    # diplomatic and business news: votes, years in Chinese digits, a month's end
    (
        "该法案在参议院以五十一票对四十九票获得通过。",
        ["51 votes to 49 votes", "approval"],
        ["ticket"],
    ),
    ("他于二〇一九年当选为该国总理。", ["2019"], ["zero", "nine"]),
    ("联合国安理会将于本月底召开紧急会议。", ["end of this month"], ["background"]),
    ("新政策将从明年起分三个阶段实施。", ["next year onwards"], ["rise"]),
    ("外交部发言人表示，中方对此表示严重关切。", ["the Chinese side"], ["square"]),
    ("据介绍，该系统每秒可处理上万笔交易。", ["over 10,000 transaction"], ["pen"]),
    # families set B found after its one reading (closing note): one-word weekdays, a bound
    # before tenths, a measure glued to its noun, 比|上 glued
    ("上周五，双方举行了会谈。", ["last Friday"], ["five"]),
    ("近三成的受访者表示满意。", ["nearly 30 percent"], ["succeed"]),
    (
        "这部手机的售价比上一代便宜了五百元。",
        ["this cell phone", "than the previous generation"],
        ["ministry"],
    ),
    ("他每天坚持步行一万步。", ["10,000 steps"], ["one step"]),
    # lexicalised words and years stay as they were
    ("我们一起去吧。", ["together"], ["incident", "incidents"]),
    ("他在2008年将学生时代创立的企业卖掉。", ["2008 student"], ["students"]),
    ("该公司成为首位。", ["first place"], ["person"]),
    ("截至3月份，已有多家企业签约。", ["March"], ["month"]),
]


@pytest.fixture(scope="module")
def sentences() -> list[Sentence]:
    return annotated_cases(CASES)


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)))
def test_gloss_reads(
    sentences: list[Sentence], index: int, case: tuple[str, list[str], list[str]]
) -> None:
    _, present, absent = case
    assert_gloss_reads(sentences[index], present, absent)
    line, _ = gloss_sentence(sentences[index])
    assert not has_han(line), line  # no Chinese left in the gloss (数千 was)


def test_plural_of_one_word_nouns() -> None:
    assert plural("company") == "companies"
    assert plural("day") == "days"
    assert plural("bus") == "bus"  # a word ending in s is left alone
    assert plural("match") == "matches"
    assert plural("person") == "people"
    assert plural("Tesla") == "Tesla"  # a name
    assert plural("real estate") == "real estate"  # a phrase


def test_counts_of_more_than_one() -> None:
    assert counts_many("3") and counts_many("over 1,000") and counts_many("1.2 million")
    assert counts_many("thousands of") and counts_many("tens of thousands of")
    assert not counts_many("1") and not counts_many("a") and not counts_many("2025")
    assert not counts_many("series of")  # 一系列 is no count
