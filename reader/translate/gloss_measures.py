"""Measure words and determiners in the word-by-word gloss (gloss.py's counting helpers).

A measure word only counts (一家公司 "a company", 这家|企业 "this company"); where nothing
follows to say what is counted it gives the counted thing (三家 "3 companies"). A determiner
opening a word jieba keeps whole (该省, 本季) reads "the", "this", and a verb after a
demonstrative with its measure reads as a noun (这一决定 "this decision").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from reader.annotate.script import convert
from reader.model import Token
from reader.translate.gloss_numbers import NUMERAL_CHARS, chinese_number, number_words, ordinal
from reader.translate.protect import has_han


def is_number(text: str) -> bool:
    """Digits or a numeral (also 一千余, 十来: a numeral and "odd", before its measure)."""
    text = simple(text)  # 數百|款: the table's numerals are Simplified
    if len(text) > 1 and text[-1] in "余来":
        text = text[:-1]
    return bool(text) and all(ch.isdigit() or ch in ".,，" or ch in _CHINESE_DIGITS for ch in text)


def numeral_led(text: str, pos: str) -> bool:
    """Whether ``text`` is a Chinese numeral and a measure at most (三万人, 两间) that jieba
    tagged a name, a place or an idiom (三万人/nrt, 两间/f "between", 两万人/i): a count all the same. Adverbs
    and conjunctions written with numerals keep their sense (十分 "very", 万一 "in case",
    千万 "by all means"): only the name and place tags are read again."""
    text = simple(text)
    return (
        pos.startswith(("n", "f", "s", "i", "l", "t"))
        and len(text) > 1
        and text[0] in NUMERAL_CHARS
        and is_number(text[:-1])
    )


# numerals, and the quantity words a measure word follows like a number (多家, 几个, 每次)
_CHINESE_DIGITS = frozenset(NUMERAL_CHARS + "多几每数")


# measure words that only count (家 "companies", 名 "people"): before the noun they count,
# the noun says what is counted (5|家|企业 "5 company"); a unit (米, 元, 公里) is kept
CLASSIFIERS = frozenset(
    "家 名 位 款 项 批 起 轮 艘 份 场 届 例 户 架 栋 幢 间 棵 头 匹 套 封 幅 集 门 群 辆 篇".split()
)


# determiners that open a compound jieba keeps whole (该省, 该市, 本季, 此案): their
# dictionary senses read "should", "root"
DETERMINERS = {"该": "the", "本": "this", "此": "this", "这": "this", "那": "that", "各": "each"}


# a demonstrative with its measure: the verb after it is a noun (这一决定, 这项计划, 此次调整)
POINTING = frozenset(
    "这一 那一 这个 那个 这项 那项 此项 该项 这次 此次 这些 那些 这种 这类 上述".split()
)


def simple(text: str) -> str:
    return convert(text, "t2s") if has_han(text) else text


# quantity words before a measure word ("a company", "this company", "many companies")
QUANTITY_WORDS = {
    "一": "a", "多": "many", "几": "several", "每": "every", "数": "several",
    "这": "this", "那": "that", "哪": "which", "该": "this", "此": "this",
}  # fmt: skip
_SINGULAR = frozenset({"a", "every", "this", "that", "which"})


def noun_follows(tokens: Sequence[Token], index: int) -> bool:
    """Whether a noun follows token ``index``; after a demonstrative a verbal noun too
    (这项|调整/vn "this adjustment", but 一家|运用/vn … 的企业 "a company using …")."""
    if index + 1 >= len(tokens) or simple(tokens[index + 1].text) in _LOCALISERS:
        return False  # 五年|内 "within 5 years": jieba tags the localiser 内 a noun
    after = tokens[index + 1].pos
    if after.startswith("n") or after == "vn" and simple(tokens[index].text)[:1] in "这那该此":
        return True
    if simple(tokens[index].text)[-1:] in _MEANINGFUL:
        return False  # 5|轮|融资 "5 rounds financing", 三起|类似|案件 "3 incidents similar case"
    if after == "vn" and closes_phrase(tokens, index + 2):
        return True  # a verbal noun the clause goes on from (两场|比赛|。, 五场|比赛|保持): a noun
    return _modified_noun_follows(tokens, index + 1)


_LOCALISERS = frozenset("内 外 中 里 上 下 前 后 间 以内 以上 以下 以后 以前 之间".split())


# measure words that say more than "how many" (rounds of financing, incidents of a case): only
# a plain noun right after them makes them redundant
_MEANINGFUL = frozenset("轮 起 批 届".split())


def _modified_noun_follows(tokens: Sequence[Token], start: int) -> bool:
    """Whether a noun follows after a modifier closed by 的 (一项|新|的|就业|政策: "a new
    employment policy", not "a item new …"): adjectives and verbs, 的 among them."""
    if (
        start + 1 < len(tokens)
        and tokens[start].pos in ("vn", "b")
        and tokens[start + 1].pos.startswith("n")
        and (start + 2 >= len(tokens) or tokens[start + 2].text in _PHRASE_ENDS)
    ):
        # one modifier glued to the noun that ends the clause (一家|合资|公司|。 "a joint
        # venture company"; not 一家|运用|人工智能|技术…的企业, where the noun is far, nor
        # 6|家|国家级|专精|特新…, a run jieba cut in pieces)
        return True
    seen_de = modifier = False
    for token in tokens[start : start + _MODIFIER_REACH]:
        if token.pos.startswith("n"):
            return seen_de
        if token.text == "的":
            # the count's own 的 (成立不到三年|的|公司) makes the count the modifier
            if not modifier:
                return False
            seen_de = True
        elif token.pos.startswith(("a", "b", "v", "j")):  # j: an abbreviation (环保)
            modifier = True
        else:
            return False
    return False


def closes_phrase(tokens: Sequence[Token], index: int) -> bool:
    """Whether a noun phrase ends before token ``index``: the end, a mark, or a verb, adverb,
    preposition or conjunction next (not more of the phrase: 一家|运用/vn|AI|的企业)."""
    if index >= len(tokens):
        return True
    token = tokens[index]
    return token.text in _PHRASE_ENDS or token.pos.startswith(("v", "d", "p", "c"))


# marks that end a phrase (a bracket or a quote may open more of it: 一家|运用|人工智能|（AI）)
_PHRASE_ENDS = frozenset("，,。；;：:！!？?、")


_MODIFIER_REACH = 5  # tokens between a measure word and the noun it counts


def counted(
    word: str,
    after_number: Mapping[str, str],
    sense: Callable[[str], str | None],
    noun_next: bool = False,
) -> str | None:
    """A numeral + measure word token (一家, 多家, 三个) as the number and the measure's
    counting sense ("one companies" reads better as "a company", but never "whole family");
    ``after_number``: the measures' counting senses, ``sense``: a word's short sense (for a
    number the numerals don't read)."""
    unit = _measure_suffix(word, after_number)
    if unit is None:
        return None
    number = word[: -len(unit)]
    if unit == "月" and 1 <= (chinese_number(number) or 0) <= 12:
        return None  # 一月, 三月: the dictionary's month name (三个月 is the count of months)
    head = QUANTITY_WORDS.get(number)
    if head is None and number.startswith("第") and (nth := chinese_number(number[1:])):
        # 第三次 "3rd time": an ordinal counts one; 第十次会议 "10th meeting"
        measure = "" if noun_next else singular(after_number[unit])
        return f"{ordinal(nth)} {measure}".strip()
    if head is None:
        if not is_number(number):
            return None
        value = chinese_number(number)
        head = number_words(value) if value is not None else sense(number) or number
    measure = measure_sense(unit, after_number, noun_next)
    if head in _SINGULAR:
        measure = singular(measure)
    elif unit in TIME_PLURALS and counts_many(head):
        measure = plural(measure)  # 十年 "10 years", 两个月 "2 months"
    return f"{head} {measure}".strip()


def measure_sense(unit: str, after_number: Mapping[str, str], noun_next: bool) -> str:
    """The measure's own sense ("companies") only where no noun follows to say what is
    counted; a unit stays (五百元补贴 "500 yuan subsidy")."""
    return "" if noun_next and unit not in UNITS else after_number[unit]


def _measure_suffix(word: str, after_number: Mapping[str, str]) -> str | None:
    """The measure closing a count token: its last character (三家, 五|百元), else a longer
    measure after a plain number (十公里 "10 kilometers", 两小时)."""
    if len(word) < 2:
        return None
    if word[-1] in after_number:
        return word[-1]
    return next(
        (
            word[i:]
            for i in range(1, len(word) - 1)
            if word[i:] in after_number and is_number(word[1:i] if word[0] == "第" else word[:i])
        ),
        None,
    )


def singular(plural: str) -> str:
    """ "companies" → "company", "times" → "time", "people" → "person" (the measure table's
    plural senses)."""
    if plural == "people":
        return "person"  # 一名, 一人 "a person"
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    if plural.endswith(("ches", "shes", "xes")):
        return plural[:-2]  # "batches" → "batch"
    return plural[:-1] if plural.endswith("s") else plural


# a count of more than one as the gloss writes it: "3", "over 40", "1.2 million", "thousands of"
_PLURAL_COUNT = re.compile(
    r"(?:(?:over|nearly|about|less than) )?(?:\d[\d,.]*(?: (?:million|billion|trillion))?)"
    r"|(?:(?:tens|hundreds) of )?(?:dozens|hundreds|thousands|millions|billions) of"
    r"|many|several|multiple"
)
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")  # 2025|年度: a year counts nothing
_IRREGULAR = {"person": "people", "child": "children", "man": "men", "woman": "women"}
# senses that take no plural: mass nouns, and adjectives CC-CEDICT gives a noun (新生 "new")
_NO_PLURAL = frozenset(
    "staff personnel equipment information news police data software research evidence "
    "advice traffic money cash funding capital weather work property new old big small "
    "good bad high low main other same whole first last".split()
)
_ADJECTIVE_ENDINGS = ("al", "ous", "ive", "ful", "less", "ic", "able", "ible", "ed", "ing")
# units a count is measured in: what follows them is no counted thing (五百元补贴 "500 yuan
# subsidy", not "500 subsidies"), and a noun after them keeps them (not "500 subsidy")
UNITS = frozenset(
    "元 块 角 毛 美元 人民币 亿元 万元 米 厘米 毫米 公里 千米 公斤 千克 克 吨 斤 升 度 平方米 亩 "
    "倍 桶 层 对 双 瓶 杯 碗 盒 箱 袋 包 公顷 平方公里 小时 分钟".split()
)


# time units whose sense after a number is singular in the table ("year", "month"): more than
# one of them is plural (时 is left out: 15时 is a clock time)
TIME_PLURALS = frozenset("年 月 秒".split())


def counts_many(previous: str) -> bool:
    """Whether the gloss word before a noun counts more than one of it ("3", "over 40",
    "thousands of"; not "1", "a")."""
    if previous in ("1", "1.0") or _YEAR.fullmatch(previous):
        return False
    return bool(_PLURAL_COUNT.fullmatch(previous))


def plural(noun: str) -> str:
    """A one-word noun's English plural ("company" → "companies", "bus" → "buses"); anything
    else (a phrase, a capitalised name, a word already plural) as it is."""
    if not noun.isalpha() or not noun.islower() or noun.endswith("s") or noun in _NO_PLURAL:
        return noun
    if noun.endswith(_ADJECTIVE_ENDINGS):
        return noun  # "financial", "digital": an adjective's gloss, or a gerund
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("ch", "sh", "x", "z")):
        return noun + "es"
    return noun + "s"


# "a" before a vowel sound is "an" (一个小时 "an hour", not "a hour"); a vowel letter that
# sounds "you" or "won" keeps "a" (a university, a one-off), a silent h takes "an"
_A_BEFORE = re.compile(r"(?<![\w'-])([Aa]) (?=([A-Za-z]+))")
_YOU_SOUND = ("uni", "use", "usu", "uti", "ura", "eu", "one", "once", "ubiq")
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")
_VOWEL_LETTER_NAMES = frozenset("AEFHILMNORSX")  # "ay", "ef", "aitch" … open with a vowel


def articles(line: str) -> str:
    """``line`` with "a" made "an" before a vowel sound ("an hour", "an item")."""

    def choose(match: re.Match[str]) -> str:
        article, word = match.group(1), match.group(2)
        lower = word.lower()
        if word.isupper() and len(word) > 1:
            vowel = word[0] in _VOWEL_LETTER_NAMES  # read by its letters: "an AI", "a US"
        else:
            vowel = lower[0] in "aeiou" and not lower.startswith(_YOU_SOUND)
        if vowel or lower.startswith(_SILENT_H):
            return f"{article}n "
        return match.group(0)

    return _A_BEFORE.sub(choose, line)
