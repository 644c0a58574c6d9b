"""Segmentation families that change readings and glosses (reader/data/segment_fixes.tsv)."""

from __future__ import annotations

import pytest

from reader.segment.word_fixes import WordFixes
from reader.segment.words import Segmenter


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


def _words(segmenter: Segmenter, text: str) -> list[str]:
    return [text[a:b] for a, b in segmenter.cut(text)]


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        # dates and ranges: a unit, then 至/到/起 — never 日至 "solstice"
        ("展会将于12日至15日在上海举办。", "日至"),
        ("活动从5日起正式实施。", "日起"),
        ("假期是10月1日到7日。", "日到"),
        ("他们约好3天后再见面。", "天后"),
        # numbers with measure words
        ("这个园区已经吸引了40家台企入驻。", "家台"),
        ("今年有12家台厂扩产。", "家台"),
        # 在 … 中 frame, then a clause-opening function word
        ("他在演讲中将公司称为一个大家庭。", "中将"),
        ("我们在比赛中将对手彻底击败。", "中将"),
        ("她在过程中将会遇到很多困难。", "过程中将"),
        # no frame, but what follows shows 将: a verb ("will"), or a 把-construction verb
        ("对话中将杭州列为重点城市。", "中将"),
        ("本次会议中将讨论明年的预算。", "中将"),
        # a preposition glued to the level of a government body
        ("记者从市教育局获悉，新学期将推迟开学。", "从市"),
        ("记者从区卫健委了解到这一情况。", "从区"),
        # a preposition glued to a time word (jieba even tags 于本周 as a person)
        ("比赛原定于本周六举行。", "于本周"),
        # a news dateline: the day and the dispatch, never 日电 "NEC"
        ("新华社北京12月4日电 国家主席出席会议。", "日电"),
        ("本报杭州5日讯 今天降温。", "日讯"),
        # a particle glued to the verb after it: 地 | 说 ("de shuō")
        ("他高兴地说了很久。", "地说"),
        ("他大声地喊着。", "地喊"),
    ],
)
def test_family_is_cut_apart(segmenter: Segmenter, text: str, bad: str) -> None:
    assert bad not in _words(segmenter, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("他的父亲是一位陆军中将。", "中将"),  # no 在 frame: the rank stays
        ("陆军中将表示反对。", "中将"),  # a verb follows, but 陆军 makes it the rank
        ("一名中将说明了情况。", "中将"),
        ("冬至和夏至都是节气。", "夏至"),  # a dictionary word after no number
        ("会议持续了30分钟才结束。", "分钟"),  # a dictionary word after a number stays
        ("在会议中和他谈了很久。", "会议"),
        ("他昨天从市场买了很多菜。", "市场"),  # a dictionary word after the preposition
        ("在市中心开了一家店。", "市中心"),
        ("自省是一种美德。", "自省"),  # a preposition + level that jieba knows
        ("日电是一家日本电子公司。", "日电"),  # no number before it: NEC stays a word
        ("这里发生了地震。", "地震"),  # a dictionary word opening with 地 stays
        ("他被移送桃园地检署后声押。", "地检署"),  # after a place: 地 is no particle
        ("从今年起实施新规。", "从今年起"),  # a word of its own: "from this year on"
    ],
)
def test_words_outside_the_families_stay(segmenter: Segmenter, text: str, word: str) -> None:
    assert word in _words(segmenter, text)


def test_frame_needs_a_nearby_zai() -> None:
    fixes = WordFixes("日", "中", "将")
    known = {"中将"}.__contains__
    assert fixes.apply(["在", "对话", "中将", "杭州"], known) == ["在", "对话", "中", "将", "杭州"]
    assert fixes.apply(["陆军", "中将", "杭州"], known) == ["陆军", "中将", "杭州"]
    # the frame closed by 中 earlier: a later 中将 is a word again
    assert fixes.apply(["在", "会", "中", "提到", "中将"], known)[-1] == "中将"


def test_bad_line_is_a_clear_error() -> None:
    from reader.errors import ReaderError

    with pytest.raises(ReaderError, match="kind"):
        WordFixes.parse(["nonsense\t中\twhy"])


def test_outside_a_frame_what_follows_decides() -> None:
    fixes = WordFixes("日", "中", "将", rank_before="军名", clause_verbs=["列为"])
    known = {"中将"}.__contains__
    tags = {"讨论": "v", "杭州": "ns", "列为": "v", "表示": "v", "重点": "n"}.get

    def tag(word: str) -> str:
        return tags(word) or "x"

    assert fixes.apply(["会议", "中将", "讨论"], known, tag) == ["会议", "中", "将", "讨论"]
    cut = fixes.apply(["对话", "中将", "杭州", "列为", "重点"], known, tag)
    assert cut[:3] == ["对话", "中", "将"]
    assert fixes.apply(["陆军", "中将", "表示"], known, tag) == ["陆军", "中将", "表示"]
    assert fixes.apply(["对话", "中将", "杭州"], known, tag) == ["对话", "中将", "杭州"]
    assert fixes.apply(["会议", "中将", "讨论"], known) == ["会议", "中将", "讨论"]  # no tags


def test_the_fold_s_lower_case_letters_find_jieba_s_capitals(segmenter: Segmenter) -> None:
    """The pipeline cuts the fold of a sentence (Latin lower-cased); jieba's dictionary
    writes A股, A轮, T恤 with capitals: the fold's a股 is still one word, with its tag."""
    assert "a股" in _words(segmenter, "周三a股三大指数集体收涨")
    assert "a轮" in _words(segmenter, "公司完成a轮融资")
    assert segmenter.tag("a股") == segmenter.tag("A股") == "n"
    assert "apple" in _words(segmenter, "apple发布新品")  # a Latin word stays itself
