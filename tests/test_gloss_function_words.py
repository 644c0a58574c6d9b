"""The gloss's function-word table (reader/data/gloss_function_words.tsv) in context."""

from __future__ import annotations

import pytest

from reader.model import Token
from reader.translate.gloss import gloss_tokens
from reader.translate.gloss_rules import FunctionWords


def _tokens(spec: str) -> list[Token]:
    """ "他/r 在/d/zai4 吃饭/v" → tokens with POS and (optional) readings."""
    out, pos = [], 0
    for item in spec.split():
        text, tag, *reading = item.split("/")
        readings = tuple(reading[0].split("+")) if reading else ()
        out.append(Token(text, pos, pos + len(text), pos=tag, readings=readings))
        pos += len(text)
    return out


# (tokens, index of the word, expected gloss of that word; "" = dropped)
CASES = [
    ("书/n 的/uj", 1, ""),
    ("高兴/a 地/uv 说/v", 1, ""),
    ("跑/v 得/ud/de5 快/a", 1, ""),
    ("我们/r 得/ud/dei3 走/v", 1, "must"),
    ("他/r 得/v/de2 了/ul/le5 三分/m", 1, "get"),
    ("走/v 了/ul/le5", 1, ""),
    ("看/v 着/uz/zhe5", 1, ""),
    ("去/v 过/ug", 1, ""),
    ("好/a 吗/y", 1, ""),
    ("你/r 呢/y", 1, ""),
    ("走/v 吧/y", 1, ""),
    ("好/a 啊/y", 1, ""),
    ("在/p 家/n", 0, "in/at"),
    ("上赛季/t 打进/v", 0, "last season"),
    ("营收/n 同比/d 增长/v", 1, "year on year"),
    ("新/a 一轮/m 谈判/vn", 1, "round"),
    ("多元/m 创新/vn", 0, "diverse"),
    ("保持/v 在/p 两位数/m", 2, "double digits"),
    ("股价/n 盘中/t 大涨/v", 1, "intraday"),
    ("最佳/a 射手/n", 0, "best"),
    ("较/d 上/f 一代/m 上涨/v", 1, "previous"),
    ("成立/v 不到/v 三年/m", 1, "less than"),
    ("越来越/d 多/m 的/uj 人/n", 1, ""),
    ("市民/n 可/v 通过/p 手机/n", 1, "can"),
    ("他/r 在/d 吃饭/v", 1, "now"),
    ("不/d 在/v 了/ul", 1, "be at"),
    ("正在/t 开会/v", 0, "now"),
    ("你/r 和/c 我/r", 1, "and"),
    ("跟/p 他/r", 0, "with"),
    ("与/p 他/r", 0, "and"),
    ("及/c 其他/r", 0, "and"),
    ("以及/c 其他/r", 0, "and"),
    ("而且/c 便宜/a", 0, "and also"),
    ("或/c 你/r", 0, "or"),
    ("或者/c 你/r", 0, "or"),
    ("茶/n 还是/c 咖啡/n", 1, "or"),
    ("但/c 他/r", 0, "but"),
    ("但是/c 他/r", 0, "but"),
    ("可是/c 他/r", 0, "but"),
    ("因为/c 下雨/v", 0, "because"),
    ("所以/c 取消/v", 0, "so"),
    ("如果/c 有空/v", 0, "if"),
    ("虽然/c 很累/a", 0, "although"),
    ("他/r 还/d/hai2 在/p", 1, "still"),
    ("还/v/huan2 钱/n", 0, "return"),
    ("也/d 想/v", 0, "also"),
    ("都/d/dou1 去/v", 0, "all"),
    ("就/d 去/v", 0, "then"),
    ("又/d 来/v", 0, "again"),
    ("再/d 说/v", 0, "again"),
    ("很/d 好/a", 0, "very"),
    ("最/d 好/a", 0, "most"),
    ("更/d/geng4 好/a", 0, "more"),
    ("越/d 好/a", 0, "the more"),
    ("太/d 贵/a", 0, "too"),
    ("已经/d 走/v", 0, "already"),
    ("将/d 举行/v", 0, "will"),
    ("把/p 书/n", 0, ""),
    ("被/p 他/r", 0, "by"),
    ("给/p 妈妈/n", 0, "to"),
    ("从/p 北京/ns", 0, "from"),
    ("向/p 老师/n", 0, "towards"),
    ("对/p 他/r", 0, "to"),
    ("为/p/wei4 人民/n", 0, "for"),
    ("于/p 上海/ns", 0, "at"),
    ("公园/n 里/f", 1, "in"),
    ("桌子/n 上/f", 1, "on"),
    ("三年/m 前/f", 1, "before"),
    ("下课/v 后/f", 1, "after"),
    ("企业/n 中/f", 1, "in"),
    ("在/p 企业/n 中/f", 2, ""),  # 在 … 中: 在 already says "in"
    ("在/p 公园/n 里/f", 2, ""),
    ("在/p 家/n ，/x 公园/n 里/f", 4, "in"),  # punctuation closes the frame
    ("门/n 外/f", 1, "outside"),
    ("这/r 书/n", 0, "this"),
    ("那/r 书/n", 0, "that"),
    ("这些/r 书/n", 0, "these"),
    ("是/v 老师/n", 0, "is"),
    ("不/d 去/v", 0, "not"),
    ("没有/v 时间/n", 0, "have no"),
    ("每/r 天/q", 0, "every"),
    ("比/p 他/r", 0, "than"),
    ("关于/p 这/r", 0, "about"),
    ("我/r 们/k", 1, ""),
    # news families (tests/test_gloss_news.py has them in whole sentences)
    ("记者会/n 上/f", 1, "at"),  # an event takes 上 "at"
    ("在/p 例行/v 记者会/n 上/f", 3, ""),  # … and 在 already reads "in/at"
    ("下/f 月/m", 0, "next"),
    ("上/f 赛季/t", 0, "last"),
    ("两成/m 以上/f", 1, "or more"),
    ("七十/m 美元/q 以下/f", 2, "or less"),
    ("发言人/l 称/v", 1, "say"),
    ("驻/v 美/ns", 1, "US"),
    ("就/d 教育/vn 改革/vn 提出/v", 0, "on"),
    ("就/d 连/nr 技术人员/n", 0, "then"),  # no talk closes the topic: the adverb
    # a Traditional neighbour matches the table's Simplified word
    ("週四/t 通过/p 明/a 年度/n 總/b 預算案/n", 1, "passed"),  # 預算案 closes it
    ("記者會/n 上/f", 1, "at"),
    ("从/p 明天/t 起/v 连续/a", 2, ""),  # 从 … 起: 从 already reads "from"
    ("一月/m 起/v 实施/v", 1, "onwards"),
]


@pytest.mark.parametrize(("spec", "index", "expected"), CASES)
def test_function_word_in_context(spec: str, index: int, expected: str) -> None:
    tokens = _tokens(spec)
    table = FunctionWords.load()
    word = tokens[index].text
    assert table.gloss(word, tokens, index) == expected, (spec, word)


def test_sixty_words_at_least() -> None:
    assert len({_tokens(spec)[i].text for spec, i, _ in CASES}) >= 60


def test_dropped_words_leave_no_gap() -> None:
    line, _ = gloss_tokens(_tokens("他/r 读/v 着/uz/zhe5 书/n 了/ul/le5"))
    assert line.split() == ["he", *line.split()[1:-1], "book"] and "着" not in line
    assert len(line.split()) <= 4  # 着 and 了 add no words


def test_bad_table_line_is_a_clear_error() -> None:
    from reader.errors import ReaderError

    with pytest.raises(ReaderError, match="condition"):
        FunctionWords.parse(["在\tnear:n\tin\twhy"])
    with pytest.raises(ReaderError, match="reason"):
        FunctionWords.parse(["在\t*\tin"])
