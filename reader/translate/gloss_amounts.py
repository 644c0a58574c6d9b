"""Rough amounts, a determiner with its measure word, and dates written in Chinese numerals,
in the word-by-word gloss (gloss.py asks :func:`amount_phrase` before the dictionary).

News counts roughly, and jieba keeps the count and its measure word in one token that no
dictionary holds, so the gloss showed the characters or their first senses:

- 数千名旅客 "数千 traveler", 数十名消防员 "数十 firefighter": 数/几 before a scale is
  "thousands of", "dozens of" (数十万 "hundreds of thousands of");
- 近千名志愿者 "near thousand people volunteer": 近 is "nearly 1,000"; 上|百家企业 "on 100":
  上 before a hundred or more is "over 100";
- 四十多个国家 "四十多 country", 一千余|家企业 "over 1,000 home company": a numeral with 多,
  余 or 来 after it is "over 40", "about 10" (来), and its measure word only counts;
- 十几万家 "over 100,000": 几 after a tens numeral is "-odd", read as "over";
- 这份报告 "[zhèfèn] report", 首艘邮轮 "[shǒusōu]", 本次展会 "this next in sequence",
  这场比赛 "this stage competition": a determiner with its measure word is the determiner
  ("this report", "first cruise ship"), and the measure's sense only where no noun follows;
- 九月底 "September background", 一月|一日 "January a day": a month's end and a day after
  its month are "end of September", "January 1".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from reader.han import has_han
from reader.model import Token
from reader.translate.gloss_measures import (
    DETERMINERS,
    QUANTITY_WORDS,
    counted,
    noun_follows,
    simple,
    singular,
)
from reader.translate.gloss_numbers import (
    MONTH_PARTS,
    NUMERAL_CHARS,
    SPELLED_DIGITS,
    chinese_number,
    month_name,
    number_words,
    split_decimal,
    tenths,
)

# 数/几 + a scale: the English of "some number of" that scale
_ROUGH_SCALES = {
    "十": "dozens of",
    "百": "hundreds of",
    "千": "thousands of",
    "万": "tens of thousands of",
    "十万": "hundreds of thousands of",
    "百万": "millions of",
    "千万": "tens of millions of",
    "亿": "hundreds of millions of",
    "十亿": "billions of",
}
# 近/上 + a round number: "nearly", "over" (近千名, 上百家, 上万个)
_BOUNDS = {"近": "nearly", "将近": "nearly", "上": "over"}
# a numeral with one of these after it (四十多, 一千余, 十来): "over" it, "about" it
_AFTER_NUMERAL = {"多": "over", "余": "over", "来": "about"}
_NUMERAL = NUMERAL_CHARS
_ROUGH = re.compile(r"(数|几|好几)([十百千万亿]+)(.*)")
_BOUNDED = re.compile(rf"(近|将近|上)([百千万亿][{_NUMERAL}]*)(.*)")
_TRAILING = re.compile(rf"([{_NUMERAL}]+)(多|余|来)(.*)")
_TENS_ODD = re.compile(r"([一二三四五六七八九]?十)几([万亿]?)(.*)")  # 十几, 二十几万

# measure words that are the counted time itself (首日, 每年, 本周, 该月)
TIME_UNITS = frozenset("日 天 年 月 周 星期 小时 分钟 秒 世纪".split())
# a determiner opening a token with its measure word (这份, 首艘, 本次, 每户, 各项)
# (gloss_measures.DETERMINERS, and the ones that open no compound of their own there)
DETERMINER_WORDS = DETERMINERS | {"每": "every", "首": "first", "某": "a certain", "哪": "which"}


def amount_phrase(
    tokens: Sequence[Token],
    index: int,
    after_number: Mapping[str, str],
    measures: frozenset[str],
    in_dictionary: Callable[[str], bool],
) -> str | None:
    """The gloss of token ``index`` if it is a rough amount, a determiner with its measure
    word or a date in Chinese numerals (see the module); None otherwise. ``after_number``:
    the measure words' counting senses; ``measures``: every measure word; ``in_dictionary``:
    whether a word has a dictionary entry (首位 alone is "first place", not "first person")."""
    word = simple(tokens[index].text)
    noun_next = noun_follows(tokens, index)
    if (date := _date(tokens, index, word)) is not None:
        return date
    if word[:2] in _WEEKS and word[:2] != "星期" and word[2:] in _WEEKDAYS:
        return f"{_WEEKS[word[:2]]} {_WEEKDAYS[word[2:]]}"  # 上周五 as one word "last Friday"
    for read in (_rough, _bounded, _trailing, _tens_odd):
        found = read(word)
        if found is not None:
            amount, rest = found
            counted = _measure(rest, after_number, measures, noun_next)
            return None if counted is None else f"{amount} {counted}".strip()
    measure = word[1:]
    if (
        len(word) == 2
        and word[0] in DETERMINER_WORDS
        and (measure in measures or measure in after_number)
    ):
        # a time unit is the noun itself (首日 "first day", 每年 "every year"), a measure
        # word only counts what follows it
        if not noun_next and in_dictionary(word):
            return None  # a word of its own where no noun follows (首位 "first place")
        only_counts = noun_next and measure not in TIME_UNITS
        sense = "" if only_counts else singular(after_number.get(measure, ""))
        if not sense and not noun_next and _clause_ends(tokens, index):
            sense = "one"  # 这个 at the end of a clause: "this one"
        return f"{DETERMINER_WORDS[word[0]]} {sense}".strip()
    return None


def bounded_tenths(word: str) -> str | None:
    """近三成 "nearly 30 percent", 超两成 "over 20 percent": a bound before tenths."""
    bound = _TENTHS_BOUNDS.get(word[:1])
    rest = tenths(word[1:]) if bound else None
    return f"{bound} {rest}" if rest else None


# a bound jieba keeps with the tenths after it (近三成)
_TENTHS_BOUNDS = {"近": "nearly", "约": "about", "超": "over", "逾": "over"}


def measure_glued(tokens: Sequence[Token], index: int, measures: frozenset[str]) -> str | None:
    """The noun of a token that opens with a measure word after a determiner or a number
    token (这|部手机: "phone", not "ministry cell phone"); None otherwise. The caller checks
    that the token is no word of its own (多|场景 is "scene")."""
    word = simple(tokens[index].text)
    if not index or len(word) < 2 or word[0] not in measures or word[0] in "多余来几":
        return None  # 这|几大: a quantity word of the list, no measure
    before = simple(tokens[index - 1].text)
    if before not in DETERMINER_WORDS and before not in QUANTITY_WORDS and before != "两":
        return None
    return word[1:]


def joined_amount(
    tokens: Sequence[Token],
    index: int,
    after_number: Mapping[str, str],
    measures: frozenset[str],
    word_sense: Callable[[str], str] = lambda word: "",
) -> str | None:
    """The gloss of the previous token and token ``index`` read as one, where jieba cut an
    amount or a date in two: 两|千余件 "over 2,000", 十一月|底 "end of November"; None
    otherwise. The caller puts it in place of the previous token's gloss."""
    if not index:
        return None
    before, word = simple(tokens[index - 1].text), simple(tokens[index].text)
    if before in _WEEKS and word in _WEEKDAYS:  # 本周|六 "this Saturday"
        return f"{_WEEKS[before]} {_WEEKDAYS[word]}".strip()
    if (decimal := _split_decimal(before, word)) is not None:
        number, rest = decimal  # 六点|二级 "6.2 level", not "6 o'clock grade 2"
        return f"{number} {after_number.get(rest) or word_sense(rest)}".strip() if rest else number
    digit = before in _DIGITS and word[:1] in "十百千万亿"
    if (
        not digit
        and before[-1:] in "十百千万"
        and chinese_number(before) is not None
        and word[:1] in _DIGITS - {"两"}
    ):  # 五十|一票 "51 votes"
        numeral = before + word
        counted_ = counted(numeral, after_number, lambda _word: None, noun_follows(tokens, index))
        if counted_ is not None:
            return counted_
        value = chinese_number(numeral)
        return None if value is None else number_words(value)
    if before[:1] == "第" and before[1:] in _DIGITS and word[:1] in "十百千":
        # 第二|十分钟 "20th minute", not "second 10 minutes"
        return counted(before + word, after_number, lambda _word: None, noun_follows(tokens, index))
    month_part = before.endswith("月") and word in ("底", "末", "初")
    month_part = month_part or before in _RELATIVE_MONTHS and word in MONTH_PARTS  # 上|月末
    bounded = before in ("上", "近") and word[:1] in "百千万亿"  # 上|万笔 "over 10,000"
    if not (digit or month_part or bounded):
        return None
    first, current = tokens[index - 1], tokens[index]
    joined = Token(before + word, first.start, current.end, pos=current.pos)
    around = [*tokens[: index - 1], joined, *tokens[index + 1 :]]
    return amount_phrase(around, index - 1, after_number, measures, lambda _word: False)


_DIGITS = frozenset(d for d in SPELLED_DIGITS if d not in "零〇") | {"两"}  # one … nine


def _split_decimal(before: str, word: str) -> tuple[str, str] | None:
    """("6.2", "级") for 六点|二级, ("1.2 percent", "") for 百分之一点|二; None for a clock
    time (六点|二十分) or where ``before`` is no numeral and 点."""
    if len(before) < 2 or before[-1] != "点":
        return None
    whole = before[:-1]
    percent = whole.startswith("百分之")
    decimal = split_decimal(whole[3:] if percent else whole, word)
    if decimal is None or not percent:
        return decimal
    return f"{decimal[0]} percent", decimal[1]


# a week and its day in two tokens (本周|六, 下周|一): the day after its week
_WEEKS = {"本周": "this", "上周": "last", "下周": "next", "周": "", "星期": "", "礼拜": ""}
_WEEKDAYS = dict(
    zip(
        "一二三四五六日天",
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Sunday".split(),
        strict=True,
    )
)


def _clause_ends(tokens: Sequence[Token], index: int) -> bool:
    return index + 1 >= len(tokens) or not has_han(tokens[index + 1].text)


def bound_before(tokens: Sequence[Token], index: int) -> str | None:
    """ "over" for 上 as its own token before a round number (上|百家企业, 上|千人), else
    None: jieba cuts 上 off as a localiser, which the gloss read "on"."""
    if simple(tokens[index].text) != "上" or index + 1 >= len(tokens):
        return None
    following = simple(tokens[index + 1].text)
    return "over" if following[:1] in "百千万亿" else None


def _measure(
    rest: str, after_number: Mapping[str, str], measures: frozenset[str], noun_next: bool
) -> str | None:
    """What the rest of the token after its amount says: nothing for no rest or a measure
    word before its noun, the measure's counting sense otherwise; None when the rest is no
    measure word (the token is something else)."""
    if not rest:
        return ""
    if rest not in measures and rest not in after_number:
        return None
    return "" if noun_next else after_number.get(rest, "")


def _rough(word: str) -> tuple[str, str] | None:
    match = _ROUGH.fullmatch(word)
    if match is None:
        return None
    scale, rest = match.group(2), match.group(3)
    # the longest scale the token opens with (数十万 "hundreds of thousands of")
    for size in (2, 1):
        if scale[:size] in _ROUGH_SCALES:
            return _ROUGH_SCALES[scale[:size]], scale[size:] + rest
    return None


def _bounded(word: str) -> tuple[str, str] | None:
    match = _BOUNDED.fullmatch(word)
    if match is None:
        return None
    numeral = match.group(2)
    # a bare scale is one of it (上万 "over 10,000", 近千 "nearly 1,000")
    value = chinese_number("一" + numeral if numeral in ("万", "亿") else numeral)
    if value is None:
        return None
    return f"{_BOUNDS[match.group(1)]} {number_words(value)}", match.group(3)


def _trailing(word: str) -> tuple[str, str] | None:
    match = _TRAILING.fullmatch(word)
    if match is None or (value := chinese_number(match.group(1))) is None or value < 10:
        return None  # 一多 is no count; 三来 neither (来 "come")
    return f"{_AFTER_NUMERAL[match.group(2)]} {number_words(value)}", match.group(3)


def _tens_odd(word: str) -> tuple[str, str] | None:
    match = _TENS_ODD.fullmatch(word)
    if match is None or (tens := chinese_number(match.group(1))) is None:
        return None
    scale = {"": 1, "万": 10_000, "亿": 100_000_000}[match.group(2)]
    return f"over {number_words(tens * scale)}", match.group(3)


def _date(tokens: Sequence[Token], index: int, word: str) -> str | None:
    """九月底 "end of September"; 一日 after 一月 "1" (the month already reads "January")."""
    for part, english in MONTH_PARTS.items():
        if not word.endswith(part):
            continue
        before = word[: -len(part)]
        if before in _RELATIVE_MONTHS:  # 本月底 "end of this month"
            return f"{english} {_RELATIVE_MONTHS[before]}"
        month = chinese_number(before)
        if month is not None and 1 <= month <= 12:
            return f"{english} {month_name(month)}"
    if len(word) < 2 or word[-1] not in "日号" or not index:
        return None
    day = chinese_number(word[:-1])
    previous = simple(tokens[index - 1].text)
    month = chinese_number(previous[:-1]) if previous.endswith("月") else None
    if day is None or not 1 <= day <= 31 or month is None or not 1 <= month <= 12:
        return None
    return str(day)


_SCORE_NUMBER = rf"(\d+|[{_NUMERAL}]+)"
_SCORE = re.compile(rf"{_SCORE_NUMBER}比{_SCORE_NUMBER}(平)?")


def _token_edges(tokens: Sequence[Token]) -> tuple[str, dict[int, int], dict[int, int]]:
    """The tokens' text joined (Simplified) and the tokens by where they start and end in
    it, to find a phrase jieba cut anywhere and keep it only at tokens' edges."""
    text, starts = "", {}
    for i, token in enumerate(tokens):
        starts[len(text)] = i
        text += simple(token.text)
    ends = {start + len(simple(tokens[i].text)): i for start, i in starts.items()}
    return text, starts, ends


def scores(tokens: Sequence[Token]) -> dict[int, str]:
    """Token index → gloss for a score (一比|一平 "1-1 draw", 3|比|1 "3-1", 二比|零 "2-0"),
    "" on the score's later tokens. jieba cuts a score anywhere (一比 is a "word"), so it
    is found in the sentence's text and kept only where it starts and ends at tokens'
    edges; the gloss read 战成一比一平 "fight succeed one compare one flat"."""
    text, starts, ends = _token_edges(tokens)
    found: dict[int, str] = {}
    for match in _SCORE.finditer(text):
        first, last = starts.get(match.start()), ends.get(match.end())
        opening = ""
        if first is None:  # 以三比|二: jieba glued the preposition before it
            first = starts.get(match.start() - 1)
            opening = _SCORE_OPENERS.get(text[match.start() - 1 : match.start()], "")
            first = first if opening else None
        left, right = _score_value(match.group(1)), _score_value(match.group(2))
        if first is None or last is None or left is None or right is None:
            continue
        score = f"{left}-{right}" + (" draw" if match.group(3) else "")
        found[first] = f"{opening} {score}".strip()
        found.update({i: "" for i in range(first + 1, last + 1)})
    return found


# the month a month part (底, 初, 末) belongs to, said as a neighbour (本月底)
_RELATIVE_MONTHS = {
    "本": "this month", "这个": "this month", "上": "last month", "上个": "last month",
    "下": "next month", "下个": "next month",
}  # fmt: skip


# a preposition jieba glues to a score's first number (以三比|二逆转战胜对手)
_SCORE_OPENERS = {"以": "by"}


def _score_value(number: str) -> int | None:
    return int(number) if number.isdigit() else chinese_number(number)


_DIGIT_YEAR = re.compile(rf"([{''.join(SPELLED_DIGITS)}]{{4}})年")


def digit_years(tokens: Sequence[Token]) -> dict[int, str]:
    """Token index → gloss for a year written digit by digit in Chinese (二〇一九年
    "2019"), "" on its later tokens; jieba cuts it into single digits (二|〇|一|九年), which
    the gloss read "2 zero 1 nine year". Kept only where it starts and ends at tokens' edges."""
    text, starts, ends = _token_edges(tokens)
    found: dict[int, str] = {}
    for match in _DIGIT_YEAR.finditer(text):
        first, last = starts.get(match.start()), ends.get(match.end())
        if first is None or last is None:
            continue
        found[first] = "".join(SPELLED_DIGITS[ch] for ch in match.group(1))
        found.update({i: "" for i in range(first + 1, last + 1)})
    return found
