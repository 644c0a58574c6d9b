"""This round's gloss families (reader/translate/gloss*.py, gloss_function_words.tsv,
gloss_after_number.tsv): counts jieba tags a name or a place, measure words of buildings,
rooms and things, longer units glued to a numeral, Chinese decimals, 在 … 上/里/内 frames,
adverbs whose first dictionary sense misleads, a noun counted across its modifier, and "an"
before a vowel sound. Sentences written for these tests; ``absent`` holds what the gloss read
before."""

from __future__ import annotations

import pytest
from test_gloss_sentences import annotated_cases, assert_gloss_reads

from reader.model import Sentence
from reader.translate.gloss_measures import articles, numeral_led
from reader.translate.gloss_numbers import chinese_decimal, chinese_number, decimal_words

CASES = [
    # counts jieba tags a person's name (三万人/nrt) or a place word (两间/f)
    ("报名参加比赛的已超过两万人。", ["more than 20,000 people"], ["ten thousand", "surpass"]),
    ("学校新建了两间教室。", ["2 classrooms"], ["between"]),
    # measure words of buildings, trees, and units of more than one character
    ("一场大火烧毁了五栋房屋。", ["5 houses"], ["ridgepole"]),
    ("村民们在山坡上种了三百棵树。", ["300 trees"], ["棵"]),
    ("新修的公路全长八十公里。", ["80 kilometers"], ["eighty"]),
    # a Chinese decimal cut by jieba after 点 (六点|二级), but never a clock time
    ("当地发生里氏五点八级地震。", ["5.8"], ["o'clock"]),
    ("我们明天早上七点半出发。", ["7 o'clock"], ["7.5"]),
    # 在 … 上/里/内 and an event: the preposition by its closing word, which then adds nothing
    ("他在桌子上写字。", ["on table"], ["in/at", "table on"]),
    ("孩子们在公园里踢足球。", ["in park"], ["in/at", "inside"]),
    ("这座新桥有望在两年内建成。", ["within 2 years"], ["in/at", "inside"]),
    ("市长在发布会上回答了记者的提问。", ["at"], ["in/at"]),
    # adverbs and quantities whose first CC-CEDICT sense misleads
    ("他们两家人一直保持联系。", ["always"], ["straight"]),
    ("今年的产量比去年增加了很多。", ["a lot"], ["very many"]),
    ("很多家长担心孩子的视力。", ["many"], ["very many"]),
    ("她先洗手，然后吃饭。", ["first wash"], ["early"]),
    ("她一听到消息就哭了。", ["as soon as hear"], ["1 hear"]),
    ("他刚下班，就接到了电话。", ["just finish"], ["hard"]),
    ("无论天气怎样，比赛都会照常进行。", ["no matter"], ["..."]),
    ("这个项目预计明年完工。", ["project"], ["item"]),
    ("政府将提高最低工资。", ["minimum wage"], ["most low"]),
    ("北京、上海等超一线城市房价很高。", ["super"], ["over front"]),
    ("该公司已在全国落地超200个项目。", ["over 200 projects"], ["exceed"]),
    # digits, then 多 glued to the measure word (300|多款): "over 300"
    ("该平台已接入50多款应用。", ["over 50"], ["many"]),
    ("园区已有20多家企业入驻。", ["over 20 companies"], ["many company"]),
    # the counted noun after an adjective and 的: the measure word only counts
    ("会议通过了一项新的环保法规。", ["a new"], ["item"]),
    # 在 … 前/后/期间: "before", "after", "during"
    ("他们打算在春节前搬家。", ["before Spring Festival"], ["in/at"]),
    ("比赛在两小时后重新开始。", ["after 2 hours"], ["in/at", "hours after"]),
    # weather and temperature, spans of time counted in the plural
    ("夜里下起了大雪。", ["heavy snow"], ["Daxue"]),
    ("今天最低气温零下五度。", ["lowest", "5 degrees"], ["pass", "most low"]),
    ("这条地铁线停运了三个月。", ["3 months"], []),
    ("他在国外生活了二十年。", ["20 years"], []),
    ("下一步，公司将扩大生产。", ["next"], ["down"]),
    ("我们应该多读书。", ["more read"], ["many read"]),
    ("救护车很快就到了。", ["quickly"], ["very rapid"]),
    ("参加这次活动的大多是学生。", ["activity", "mostly"], ["loose"]),
    # a decimal percentage, an ordinal and a month part cut by jieba
    ("该股今日上涨百分之三点五。", ["3.5 percent"], ["a bit"]),
    ("他在第三十分钟破门得分。", ["30th minute"], ["third 10"]),
    ("截至上月末，该市已建成五千个充电桩。", ["end of last month"], ["on end"]),
    # a count's measure word: its sense where no noun follows, nothing where one does, also
    # across one modifier glued to the noun, and the noun in the plural
    ("全市新能源汽车保有量已突破二十万辆。", ["200,000 vehicles"], []),
    ("两家企业将成立一家合资公司。", ["a joint venture company"], ["a company joint"]),
    ("这支球队已经连续三场比赛保持不败。", ["3 competitions"], ["matches competition"]),
    ("他在比赛中打进了一粒点球。", ["scored a penalty"], ["grain", "got into"]),
    # words of news whose first dictionary sense misleads
    ("新款手机将于下月中旬上市，售价约为三千元。", ["mid-month", "about 3,000"], ["about as"]),
    ("该行表示将进一步降低贷款利率。", ["the bank", "further"], []),
    ("比赛因雷雨推迟了半个小时。", ["half an hour"], ["half of"]),
    # everyday speech: reduplication, a piece's reading in context, measure glued to a noun
    ("她把桌子擦得干干净净。", ["very clean"], ["dry"]),
    ("老师说得对。", ["say right"], ["get"]),
    ("我想把这封信寄给妈妈。", ["this letter"], ["confer"]),
    ("这双鞋太贵了。", ["too expensive"], ["highest"]),
    ("出门别忘了带钥匙。", ["don't forget bring"], ["leave", "band"]),
    ("医生让他少吃糖。", ["less eat"], ["few"]),
    ("我们明天早点出发吧。", ["a bit earlier"], ["breakfast"]),
    ("从这里到机场大概要一个小时。", ["take an hour"], ["want"]),
    ("最近怎么样？", ["how?"], ["how??"]),
    # diplomatic and world news
    (
        "该国总理将于下周晚些时候出访欧洲三国。",
        ["later", "visit abroad", "three countries"],
        ["Three Kingdoms"],
    ),
    ("两国在能源领域的合作不断加强。", ["in energy"], ["in/at"]),
    ("事故原因仍在调查之中。", ["in investigation"], ["inside"]),
    ("会谈后，双方签署了多项合作协议。", ["many cooperation"], ["cooperations"]),
    ("已有3万多名志愿者报名。", ["over 30,000 volunteers"], ["many"]),
    # found after set C's one reading (so not measured by it): 一边 … 一边, 从来没有, 多了一倍
    ("她一边走路，一边听音乐。", ["while walk", "while listen"], ["one side"]),
    ("我从来没有见过这么大的雪。", ["never"], ["always have no"]),
    ("今年的游客比去年多了一倍。", ["doubled"], ["a time"]),
    ("请不要在这里吸烟。", ["don't"], ["!"]),
    # "an" before a vowel sound
    ("他每天学习一个小时的中文。", ["an hour"], ["a hour"]),
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


def test_an_before_a_vowel_sound() -> None:
    assert articles("a hour and a item") == "an hour and an item"
    assert articles("a university, a one-off, a car") == "a university, a one-off, a car"
    assert articles("a AI model, a US firm") == "an AI model, a US firm"
    assert articles("plan a") == "plan a"


def test_chinese_decimals_and_clock_times() -> None:
    assert chinese_decimal("六", "二") == "6.2"
    assert chinese_decimal("三", "零五") == "3.05"
    assert chinese_decimal("十", "〇一") == "10.01"
    assert chinese_decimal("六", "二十") is None
    assert decimal_words("六点二", "级") == "6.2"
    assert decimal_words("六点二", "十分") is None  # 六点二|十分 is 6:20


def test_numerals_that_are_words_stay_words() -> None:
    # 万一 "in case" and 千万 "by all means" are no numbers; jieba's adverb 十分 "very" is
    # never read again as a count
    assert chinese_number("万一") is None
    assert not numeral_led("十分", "d")
    assert not numeral_led("千万", "d")
    assert numeral_led("三万人", "nrt")
    assert numeral_led("两间", "f")
