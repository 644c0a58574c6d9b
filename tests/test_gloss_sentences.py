"""Fifty-odd everyday sentences glossed end to end (no MT model): key senses appear, the
dictionary's misleading first senses don't."""

from __future__ import annotations

import pytest

from reader.load import load_bytes
from reader.model import Sentence
from reader.pipeline import Options, annotate
from reader.translate.gloss import gloss_sentence

# sentence, words the gloss must contain, words it must not
CASES = [
    ("我在图书馆看书。", ["I", "in/at", "library"], ["exist"]),
    ("茅台市值跌破两万亿元。", ["2 trillion yuan"], ["20,000", "hundred million"]),
    ("公司融资1.5万亿美元。", ["1.5 trillion US dollars"], ["15,000"]),
    ("新华社北京12月4日电 国务院召开会议。", ["December 4 (dispatch)"], ["lightning", "NEC"]),
    ("他在接受采访时称，经济正在恢复。", ["when said"], ["o'clock", "weigh"]),
    # 在 … 会上: 在 already reads "in/at", so 会上 is "the meeting" (not "in/at at the meeting")
    ("总裁在财报电话会上表示，销量增长。", ["the meeting"], ["can first", "at at"]),
    ("他在会上发言。", ["at the meeting"], ["at at", "in/at"]),
    ("会上，双方交换了意见。", ["at the meeting", "both sides"], ["can first", "bilateral"]),
    ("国足主帅伊万科维奇赛后表示满意。", ["Yiwankeweiqi"], ["Vanke", "Pope"]),
    ("他和他的朋友一起去上海。", ["and", "friend", "Shanghai"], ["sum", "municipality"]),
    ("下课后我们去吃饭。", ["after", "we"], ["empress"]),
    ("在这些问题中最重要的是安全。", ["these", "in", "most", "important"], ["China", "exist"]),
    ("天气越来越冷了。", ["weather", "more and more", "cold"], ["peoples", "Vietnam"]),
    ("我的爷爷奶奶住在农村。", ["grandpa", "grandma", "live"], ["boobies", "father's father"]),
    ("这个项目投资了五亿元。", ["500 million yuan"], ["dynasty", "Mongol"]),
    ("原标题是什么并不重要。", ["title", "what", "not", "important"], ["Hara"]),
    ("双方就中德经贸合作交换了意见。", ["China-Germany"], ["virtue", "within"]),
    ("美俄之间的对话仍在继续。", ["US-Russia"], ["beautiful"]),
    ("中美关系近来有所缓和。", ["China-US"], ["beautiful", "within"]),
    ("周三A股三大指数集体收涨。", ["A-shares", "closed higher"], ["thigh", "receive"]),
    ("公司今年前十个月销量超过三百万辆。", ["first 10 month", "3 million"], ["moon", "before"]),
    ("三年前他来过这里。", ["3 years before"], ["first"]),
    ("主队2比1击败对手。", ["2-1"], ["than", "compare"]),  # a score (gloss_amounts.scores)
    ("他本赛季已打进30球。", ["this season", "scored 30 goals"], ["root", "breach", "ball"]),
    ("他们打进了决赛。", ["got into"], ["breach"]),
    ("这家公司完成了A轮融资，由红杉中国领投。", ["Series A", "led the round"], ["wheel", "neck"]),
    ("比亚迪今年销量超过三百万辆。", ["3 million"], ["ten thousand"]),
    ("首波疫情已经过去了。", ["first", "wave", "already"], ["Poland", "head"]),
    ("他们正在开会。", ["they", "now"], ["just at"]),
    ("她把书放在桌子上。", ["she", "book", "table", "on"], ["handle"]),
    ("这本书被我弟弟拿走了。", ["this", "book", "by", "younger brother"], ["quilt", "root"]),
    ("我们得早点出发。", ["we", "must"], ["obtain"]),
    ("他跑得很快。", ["he", "run", "very"], ["obtain", "get"]),
    ("你吃饭了吗？", ["you"], ["marker", "particle"]),
    ("因为下雨，所以比赛取消了。", ["because", "so", "cancel"], []),
    ("如果明天有空，我就去看你。", ["if", "tomorrow", "then"], ["suppositional"]),
    ("虽然很累，但是他很开心。", ["although", "tired", "but", "very"], ["accumulate"]),
    ("他每天都去跑步。", ["every day", "all", "go"], ["surname", "capital"]),
    ("我也想去北京。", ["also", "Beijing"], ["surname"]),
    ("这家公司有三百名员工。", ["this", "company", "300", "staff"], ["home", "family"]),
    ("会议将于下周一举行。", ["meeting", "will", "at"], ["general"]),
    ("他对这个问题很感兴趣。", ["to", "question"], ["correct"]),
    ("我们从北京出发。", ["from", "Beijing"], ["variant"]),
    ("她给妈妈打了电话。", ["she", "to", "telephone"], []),
    ("她向老师问了一个问题。", ["towards", "teacher", "a question"], ["surname"]),
    ("他还在学校。", ["still", "school"], ["pay back", "surname"]),
    ("请你再说一遍。", ["please", "again"], []),
    ("我已经吃过饭了。", ["already", "eat"], ["cross"]),
    ("这些苹果很甜。", ["these", "apple", "sweet"], []),
    ("孩子们在公园里玩。", ["child", "park", "in", "play"], ["lining", "li"]),
    ("他站在门外等着。", ["stand", "wait"], ["etc"]),
    ("学生们认真地听课。", ["student", "conscientious"], ["earth", "ground"]),
    ("这件衣服比那件贵。", ["this", "clothes", "than", "that", "expensive"], []),
    ("三年前他去了美国。", ["3", "year", "before", "United States"], []),
    ("他们在讨论中对方案提出了意见。", ["discuss", "in", "plan"], ["opposite", "China"]),
    ("这部电影我看过两次。", ["this", "movie", "2 times"], ["ministry", "cross"]),
    ("我没有时间。", ["have no", "time"], []),
    ("展会将于12日至15日在上海举办。", ["the 12th to the 15th"], ["solstice", "day"]),
    ("他在演讲中将公司称为一个大家庭。", ["speech", "company"], ["lieutenant general"]),
    # dates, percentages, frames and determiners read as English writes them
    ("新店于2025年4月3日开业。", ["2025 April 3"], ["month", "year", "day"]),
    ("出口下降了百分之十五。", ["15 percent"], ["percent fifteen"]),
    ("受台风影响，航班全部取消。", ["affected by", "typhoon"], ["receive", "influence"]),
    ("工厂的生产没有受影响。", ["affected"], ["receive", "influence"]),
    ("该银行昨天发布了财报。", ["the bank"], ["should"]),
    ("这项政策不会改变。", ["will not", "change"], ["improbable"]),
    ("他多次访台。", ["Taiwan"], ["you"]),
    ("该中将拒绝回答。", ["the lieutenant general"], ["should", "in will"]),
    ("警方将两名男子带走。", ["police", "2"], ["will"]),
    ("全市人口超过两千万。", ["20 million"], ["ten thousand"]),
    ("发布会推迟到明天。", ["postpone to tomorrow"], []),
    ("这是他第二次参加。", ["2nd time"], ["but"]),
    ("那辆车停在门口。", ["that car"], ["vehicle"]),
]


@pytest.fixture(scope="module")
def sentences() -> list[Sentence]:
    return annotated_cases(CASES)


def annotated_cases(cases: list[tuple[str, list[str], list[str]]]) -> list[Sentence]:
    """The cases' sentences annotated as one article, one sentence a line (each case's
    sentence must stay one sentence)."""
    text = "\n".join(s for s, _, _ in cases)
    article = annotate(load_bytes(text.encode(), "sentences.txt"), Options())
    found = list(article.sentences())
    assert [s.text.strip() for s in found] == [s for s, _, _ in cases]
    return found


def test_forty_sentences() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)))
def test_gloss_reads(
    sentences: list[Sentence], index: int, case: tuple[str, list[str], list[str]]
) -> None:
    _, present, absent = case
    assert_gloss_reads(sentences[index], present, absent)


def assert_gloss_reads(sentence: Sentence, present: list[str], absent: list[str]) -> None:
    """The sentence's gloss holds every ``present`` phrase, no ``absent`` word, and no
    dictionary syntax (| [ CL:)."""
    line, _ = gloss_sentence(sentence)
    words = f" {line} "
    for want in present:
        assert want in line, (line, want)
    for bad in absent:
        assert f" {bad}" not in words and f"{bad} " not in words, (line, bad)
    assert "|" not in line and "[" not in line and "CL:" not in line


def test_a_chinese_numeral_before_its_scale_reads_as_one_number() -> None:
    from reader.translate.gloss_numbers import scale_number

    assert scale_number("三百", "万", "300") == "3 million"  # 三百|万辆
    assert scale_number("两千", "亿", "2000") == "200 billion"
    assert scale_number("两万", "亿", "20,000") == "2 trillion"  # 两万|亿元, shown as 20,000
    assert scale_number("1.5", "万亿", "1.5") == "1.5 trillion"  # 1.5|万亿美元
    assert scale_number("三百", "万", "three hundred") is None  # not shown as its value


def test_country_pairs_and_domain_noted_verb_senses() -> None:
    from reader.translate.gloss import short_sense

    # "(computing) to encode" is a verb sense behind its note: a noun reading of 加码 must
    # not pick it as the only "non-verb" sense
    assert short_sense("加码", pos="n") == "ratchet up"
