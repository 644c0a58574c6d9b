"""News sentences glossed end to end (no MT model): tests/data/gloss_news.txt, sixty sentences
written for the gloss (politics, economy, tech, sports, society, international; some in
Traditional script). Each case names the sense the gloss must show and the misreading it
showed before the families in reader/data/gloss_function_words.tsv and
reader/translate/gloss_numbers.py were added."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_gloss_sentences import assert_gloss_reads

from reader.load import load_bytes
from reader.model import Sentence
from reader.pipeline import Options, annotate

NEWS = Path(__file__).parent / "data" / "gloss_news.txt"

# sentence of gloss_news.txt, words the gloss must contain, words it must not
CASES = [
    # numbers, dates and amounts as an English reader writes them
    ("该省今年一季度地区生产总值同比增长5.3%。", ["1st quarter", "5.3%"], ["one season"]),
    ("这家企业去年净利润达到12.6亿元，同比增长三成。", ["30 percent"], ["succeed"]),
    (
        "今年前三季度，全国快递业务量同比增长两成以上。",
        ["first 3 quarters", "20 percent or more"],
        ["season", "succeed", "above-mentioned"],
    ),
    (
        "這家晶片公司第三季營收創下歷史新高。",
        ["3rd quarter", "set"],
        ["but", "season", "establish"],
    ),
    (
        "截至3月底，该市累计建成5G基站两万余个。",
        ["end of March", "over 20,000", "the city"],
        ["end of the month", "ten thousand", "should", "market", "running total"],
    ),
    ("该公司股价当天上涨逾10%，市值突破千亿元。", ["100 billion yuan"], ["100000000000"]),
    (
        "上半年全国居民人均可支配收入为两万元左右。",
        ["20,000 yuan or so", "can", "income"],
        ["left and right", "approve", "take in", "20000"],
    ),
    (
        "据统计，今年全市新增就业岗位超过十万个。",
        ["100,000", "employment"],
        ["get a job", "a post"],
    ),
    ("台北股市今天收盤上漲一百二十點。", ["120 points"], ["o'clock"]),
    ("俄乌冲突已持续两年多。", ["over 2 year"], ["many"]),
    (
        "这起事故造成三人死亡、五人受伤。",
        ["this accident", "3 people", "5 people"],
        ["rise", "three person"],
    ),
    ("这名选手在男子100米决赛中夺得金牌。", ["men's 100 meters"], ["rice", "people", "a man"]),
    (
        "他在比赛第85分钟打入制胜球。",
        ["85th minute", "scored winning goal"],
        ["got into", "85 minute"],
    ),
    (
        "這名投手本季已拿下十二勝。",
        ["pitcher", "this season", "12 wins"],
        ["root", "beat", "arrest"],
    ),
    ("全国人大常委会第十次会议于周二在北京闭幕。", ["10th meeting"], ["time meeting"]),
    (
        "国际油价周一大幅下跌，布伦特原油跌至每桶七十美元以下。",
        ["70 US dollars or less", "barrel"],
        ["the following", "bucket"],
    ),
    (
        "这款手机将于下月正式开售，售价为4999元起。",
        ["next month", "officially", "4999 yuan and up"],
        ["under", "yuan rise"],
    ),
    (
        "立法院三讀通過修正案，明年一月起實施。",
        ["passed third reading", "January onwards"],
        ["read out", "a month", "rise"],
    ),
    (
        "行政院會議週四通過明年度總預算案。",
        ["passed", "next year", "total budget bill"],
        ["through", "bright", "general"],
    ),
    # determiners opening a word jieba keeps whole
    ("去年该国人口首次出现负增长。", ["the country"], ["should"]),
    ("球队本赛季主场保持不败。", ["this season", "unbeaten"], ["root", "not defeat"]),
    (
        "发言人称，这一决定不会影响两国关系。",
        ["say", "this decision"],
        ["weigh", "this one", "decide"],
    ),
    # 在 … 上 at an event; 上/下 before a period
    ("外交部发言人在例行记者会上回答了提问。", ["press conference reply"], ["conference on"]),
    ("日本首相在记者会上表示将解散众议院。", ["press conference state"], ["conference on"]),
    (
        "国务院总理在会上强调，要稳定就业和物价。",
        ["at the meeting", "employment"],
        ["at at", "get a job"],
    ),
    # senses CC-CEDICT lists after one that misleads in news text
    ("市政府宣布将投入五十亿元改造老旧小区。", ["invest 5 billion yuan"], ["throw into"]),
    ("房地产市场仍处于调整阶段，新房成交量环比下降。", ["deal volume"], ["contract", "capacity"]),
    (
        "这款芯片采用五纳米工艺，性能提升了百分之四十。",
        ["technique", "performance improve 40 percent"],
        ["arts and crafts", "function", "promote"],
    ),
    ("新能源汽车出口量首次突破一百万辆。", ["export volume", "1 million"], ["an exit", "capacity"]),
    ("主教练赛后接受采访时称，球员发挥出色。", ["head coach", "when said"], ["bishop"]),
    ("警方已对涉事司机依法采取刑事强制措施。", ["involved"], ["recount"]),
    ("教育部要求各地减轻学生课业负担。", ["burden"], ["bear"]),
    ("联合国秘书长呼吁双方立即停火。", ["both sides"], ["bilateral"]),
    ("美国总统周三宣布对进口钢铁加征关税。", ["impose extra"], ["journey"]),
    ("欧盟委员会表示将对此展开调查。", ["launch investigation"], ["unfold"]),
    (
        "这项工程总投资约八百亿元，预计2027年建成。",
        ["project", "total investment", "80 billion yuan"],
        ["engineering", "general", "forecast"],
    ),
    (
        "会议期间，代表们就教育改革提出了多项建议。",
        ["during", "on education"],
        ["period of time", "then"],
    ),
    ("他被任命为驻美大使。", ["stationed in US ambassador"], ["halt", "beautiful"]),
    ("近日，多地出台政策鼓励生育。", ["many places"], ["earth"]),
    ("颱風預計明天凌晨在花蓮一帶登陸。", ["typhoon", "expected"], ["forecast"]),
]

# The same families in sentences outside the measured set: they must generalise.
UNSEEN = [
    ("该县第四季度财政收入增长七成。", ["the county", "4th quarter", "70 percent"], ["season"]),
    ("截至5月初，该校已有三千余名学生报名。", ["early May", "the school"], ["check", "should"]),
    (
        "深证成指下跌35.6点，两市成交额超过八千亿元。",
        ["35.6 points", "deal amount", "800 billion"],
        ["o'clock", "forehead"],
    ),
    (
        "部长在新闻发布会上宣布了这项计划。",
        ["news conference declare", "this plan"],
        ["conference on"],
    ),
    ("球队下赛季将引进两名外援。", ["next season", "bring in"], ["under", "recommend"]),
    (
        "這項調整將於下月起生效。",
        ["this adjustment", "next month onwards"],
        ["item", "rise", "under"],
    ),
    ("女子200米决赛中，她以微弱优势夺冠。", ["women's 200 meters"], ["rice"]),
    ("此次会议期间，各方就气候问题进行了磋商。", ["during", "on climate"], ["period of time"]),
    ("会议从明天起连续举行三天。", ["from tomorrow continuous", "3 days"], ["rise", "onwards"]),
]


def _annotated(texts: list[str]) -> list[Sentence]:
    article = annotate(load_bytes("\n".join(texts).encode(), "news.txt"), Options())
    found = list(article.sentences())
    assert [s.text.strip() for s in found] == texts
    return found


@pytest.fixture(scope="module")
def news() -> dict[str, Sentence]:
    texts = [line for line in NEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return dict(zip(texts, _annotated(texts), strict=True))


@pytest.fixture(scope="module")
def unseen() -> dict[str, Sentence]:
    texts = [s for s, _, _ in UNSEEN]
    return dict(zip(texts, _annotated(texts), strict=True))


def test_the_news_set_is_sixty_sentences_in_both_scripts() -> None:
    texts = [line for line in NEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) == 60 and len(set(texts)) == 60
    from reader.annotate.script import convert

    assert sum(convert(t, "t2s") != t for t in texts) >= 10  # some in Traditional script


def _check(sentence: Sentence, present: list[str], absent: list[str]) -> None:
    assert_gloss_reads(sentence, present, absent)


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_news_gloss_reads(
    news: dict[str, Sentence], text: str, present: list[str], absent: list[str]
) -> None:
    assert text in news, "a case must be a sentence of tests/data/gloss_news.txt"
    _check(news[text], present, absent)


@pytest.mark.parametrize(("text", "present", "absent"), UNSEEN)
def test_families_reach_unseen_sentences(
    unseen: dict[str, Sentence], text: str, present: list[str], absent: list[str]
) -> None:
    _check(unseen[text], present, absent)


def test_counting_words_of_news() -> None:
    from reader.translate.gloss_numbers import counting_sense, numeral_words, quarter, tenths

    assert [quarter(t) for t in ("一季度", "第三季度", "第三季", "4季度")] == [1, 3, 3, 4]
    assert quarter("三季") is None  # three seasons, not the third quarter
    assert quarter("五季度") is None
    assert (tenths("三成"), tenths("两成"), tenths("十成")) == ("30 percent", "20 percent", None)
    assert numeral_words("两万余") == "over 20,000"
    assert numeral_words("十多") == "over 10"
    assert numeral_words("千亿") == "100 billion"
    assert numeral_words("多") is None
    assert counting_sense("120", "点", "o'clock") == "points"
    assert counting_sense("35.6", "点", "o'clock") == "points"
    assert counting_sense("10", "点", "o'clock") == "o'clock"  # a clock time stays one
    assert counting_sense("120", "年", "year") == "year"


def test_a_sense_drops_its_article_but_not_a_quantity() -> None:
    from reader.translate.gloss_senses import trim_sense as _trim

    assert _trim("a man; a male") == "man"
    assert _trim("an exit") == "exit"
    assert _trim("a few") == "a few"
    assert _trim("a lot") == "a lot"
    # a name keeps its own "of"; a place's description after the name is cut
    assert _trim("Ministry of Foreign Affairs") == "Ministry of Foreign Affairs"
    assert _trim("Hangzhou subprovincial city and capital of Zhejiang") == "Hangzhou"
    assert _trim("to apply for sth") == "apply for"  # CC-CEDICT's placeholder goes


def test_a_measure_counts_one_in_the_singular() -> None:
    from reader.translate.gloss_measures import singular

    assert [singular(w) for w in ("people", "batches", "companies", "times")] == [
        "person",
        "batch",
        "company",
        "time",
    ]
