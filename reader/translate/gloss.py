"""The honest fallback when no MT model is installed: a word-by-word CC-CEDICT gloss.

Each word becomes the first usable sense of its first dictionary entry ("to announce" →
"announce"); glossary names become their rendering; unknown words fall back to their
characters' senses, then to pinyin. It is labelled everywhere as a gloss, never as a
translation.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.annotate.script import convert
from reader.model import Sentence, Token
from reader.translate.gloss_amounts import (
    TIME_UNITS,
    amount_phrase,
    bound_before,
    bounded_tenths,
    digit_years,
    joined_amount,
    measure_glued,
    scores,
)
from reader.translate.gloss_measures import (
    CLASSIFIERS,
    DETERMINERS,
    POINTING,
    QUANTITY_WORDS,
    TIME_PLURALS,
    UNITS,
    articles,
    closes_phrase,
    counted,
    counts_many,
    is_number,
    measure_sense,
    noun_follows,
    numeral_led,
    plural,
    simple,
    singular,
)
from reader.translate.gloss_numbers import (
    chinese_number,
    counting_sense,
    decimal_words,
    number_phrase,
    numeral_words,
    ordinal,
    percent_phrase,
    quarter,
    scale_number,
    scale_prefix,
    tenths,
)
from reader.translate.gloss_rules import gloss_tables
from reader.translate.gloss_senses import lookup_entries, short_sense
from reader.translate.protect import PUNCTUATION, has_han, is_han, tidy

_MAX_WORD = 6  # characters in the longest dictionary piece tried
# aspect particles glued to a verb inside an unknown compound
_ASPECT = frozenset("了过着")
# localisers that close an unknown word as a place (操场上 "on", 房间里 "in"); narrower
# than gloss_measures' set after a count: a 前 jieba glues to the word before it still
# reads "former" (由前 of 由前阿里…负责人 "by the former …")
_LOCALISERS = frozenset("上里中内下外")


def gloss_word(word: str, pinyin: str = "", prefer: str | None = None, pos: str = "") -> str:
    if not has_han(word):
        return word.translate(PUNCTUATION)
    tables = gloss_tables()
    simplified = convert(word, "t2s")
    if simplified in tables.words:
        # the table's context-free sense (爷爷 "grandpa", 在 "in/at") for a word seen alone
        lone = [Token(simplified, 0, len(word), pos=pos)]
        context_free = tables.words.gloss(simplified, lone, 0)
        if context_free is not None:
            return context_free
    sense = short_sense(word, prefer, pos)
    if sense is not None:
        return sense
    base = _reduplicated_base(simplified)
    if base is not None and not has_han(doubled := gloss_word(base, pos=pos)):
        # 干干净净 "very clean" (AABB stresses an adjective), 研究研究 "research"
        stressed = len(simplified) == 4 and simplified[0] == simplified[1]
        return f"very {doubled}" if stressed and " " not in doubled else doubled
    if len(word) > 1:
        # An unknown compound (亿美元) reads best as its longest dictionary pieces (亿 + 美元),
        # not character by character; a piece after a number takes its counting sense
        # (亿 + 元 "yuan", not the Yuan dynasty) and function pieces their table sense.
        pieces = _split_known(word)
        if len(pieces) > 1:
            glossed: list[str | None] = []
            syllables = prefer.split() if prefer else []
            offset = 0
            keys = [convert(piece, "t2s") for piece in pieces]  # the tables are Simplified
            for i, piece in enumerate(pieces):
                key = keys[i]
                # each piece read as the word was read in context (很累: 累 lèi "tired")
                reading = syllables[offset : offset + len(piece)]
                piece_prefer = " ".join(reading) if len(reading) == len(piece) else None
                offset += len(piece)
                if not has_han(piece):
                    glossed.append(piece)
                elif i and key in _ASPECT:
                    glossed.append("")  # 看过, 吃过饭: tense is not glossed
                elif i and keys[i - 1] in QUANTITY_WORDS and key in tables.after_number:
                    glossed.append("")  # 那辆车 "that car": the measure word only counts
                elif i and is_number(pieces[i - 1]) and key in tables.after_number:
                    glossed.append(tables.after_number[key])
                elif i == 1 and keys[0] in DETERMINERS:
                    # 该省 "the province", 本季 "this season": after a determiner the rest is
                    # the noun it picks out (省 "province", not "to save"; 各鎮 "each town")
                    alone = [Token(key, 0, len(key), pos="n")]
                    sense = tables.words.gloss(key, alone, 0) if key in tables.words else None
                    glossed.append(sense or short_sense(piece, piece_prefer, "n"))
                elif not i and key in DETERMINERS:
                    glossed.append(DETERMINERS[key])
                else:
                    # the last piece heads a common noun and reads as a noun (课业负担/n:
                    # 负担 "burden", not "to bear"; 出口量/n: 量 "volume"); other tags' heads
                    # read many ways, and after a piece read "… to" it is that piece's verb
                    # (难以想像 "hard to imagine", not "hard to imagination")
                    head = pos == "n" and i == len(pieces) - 1
                    head = head and not (glossed and (glossed[-1] or "").endswith(" to"))
                    # a localiser closing the word (操场上, 房间里) reads as one: "on", "in"
                    place = i and i == len(pieces) - 1 and key in _LOCALISERS
                    alone = [
                        Token(
                            key,
                            0,
                            len(key),
                            # the piece's readings in context: 说得对 reads 得 de5, a
                            # complement marker, not dé "get"
                            readings=tuple(reading) if len(reading) == len(piece) else (),
                            pos="f" if place else pos if head else "",
                        )
                    ]
                    if i:  # the piece before it: no sentence starts inside a word (化|等)
                        alone.insert(0, Token(keys[i - 1], 0, 0))
                    at = len(alone) - 1
                    sense = tables.words.gloss(key, alone, at) if key in tables.words else None
                    if sense is None:
                        sense = short_sense(piece, piece_prefer, pos if head else "")
                    glossed.append(sense)
            if all(g is not None for g in glossed) and any(glossed):
                return " ".join(g for g in glossed if g)
    return f"[{pinyin}]" if pinyin else word


def _reduplicated_base(word: str) -> str | None:
    """The word a reduplication doubles (干干净净 → 干净, 研究研究 → 研究, 看看 → 看) when
    the dictionary lacks the doubled form and has the base; None otherwise."""
    if len(word) == 4 and word[0] == word[1] and word[2] == word[3] and word[0] != word[2]:
        base = word[0] + word[2]  # AABB
    elif len(word) == 4 and word[:2] == word[2:]:
        base = word[:2]  # ABAB
    elif len(word) == 2 and word[0] == word[1]:
        base = word[0]  # AA
    else:
        return None
    return base if _in_dictionary(base) else None


def _in_dictionary(word: str) -> bool:
    return bool(lookup_entries(word))


def _split_known(word: str) -> list[str]:
    """Greedy longest-match split of ``word`` into dictionary words (or single characters)."""
    pieces: list[str] = []
    i = 0
    while i < len(word):
        for size in range(min(_MAX_WORD, len(word) - i), 0, -1):
            if size == 1 or lookup_entries(word[i : i + size]):
                pieces.append(word[i : i + size])
                i += size
                break
    return pieces


def gloss_text(text: str) -> str:
    """Gloss raw text (no tokens): greedy longest dictionary match."""
    words: list[str] = []
    i = 0
    while i < len(text):
        if not is_han(text[i]):
            j = i
            while j < len(text) and not is_han(text[j]):
                j += 1
            words.append(text[i:j].translate(PUNCTUATION))
            i = j
            continue
        for size in range(min(_MAX_WORD, len(text) - i), 0, -1):
            if size == 1 or lookup_entries(text[i : i + size]):
                words.append(gloss_word(text[i : i + size]))
                i += size
                break
    return tidy(" ".join(words))


def gloss_tokens(tokens: Sequence[Token]) -> tuple[str, tuple[str, ...]]:
    """(gloss line, glossary renderings applied in order) for a sentence's tokens."""
    words: list[str] = []
    applied: list[str] = []
    tables = gloss_tables()
    after_number = tables.after_number
    titled = (
        scores(tokens) | digit_years(tokens) | _titled(tokens)
    )  # index → its gloss, "" for a later token
    for index, token in enumerate(tokens):
        hit = token.glossary
        simplified = convert(token.text, "t2s") if has_han(token.text) else token.text
        if index in titled:
            words.append(titled[index])  # 刘女士 "Ms. Liu"; "" for 女士 of 周|女士
        elif hit is not None and hit.en:
            words.append(hit.en)
            applied.append(hit.en)
        elif hit is not None and hit.type == "person" and token.readings and all(token.readings):
            # a person left to the translator (伊万科维奇) has no translator here: its sound,
            # one capitalised word, says "a name" where its characters' senses would not
            # ("that Vanke Pope Vigilius")
            words.append(_sounded_name(token.readings))
        elif (
            joined := joined_amount(tokens, index, tables.after_number, tables.measures, gloss_word)
        ) is not None and words:
            words[-1] = joined  # 两|千余件 "over 2,000", 十一月|底 "end of November"
        elif (
            percent := percent_phrase(simplified)
            or tenths(simplified)
            or bounded_tenths(simplified)
        ) is not None:
            words.append(percent)  # 百分之二十 "20 percent", 三成 "30 percent"
        elif (
            index
            and tokens[index - 1].text == "第"
            and (nth := chinese_number(simplified.replace(",", ""))) is not None
        ):
            words.append(ordinal(nth))  # 第|85|分钟 "85th minute" (the table drops 第)
        elif (nth := quarter(simplified)) is not None:
            if index and tokens[index - 1].text == "前" and words:
                words[-1] = f"first {nth} quarters"  # 前三季度: the first three quarters
            else:
                words.append(f"{ordinal(nth)} quarter")  # 一季度, 第三季 "3rd quarter"
        elif (
            simplified in ("多", "余")
            and index
            and tokens[index - 1].pos.startswith("m")
            and (words and words[-1][:1].isdigit())
        ):
            words[-1] = f"over {words[-1]}"  # 两年|多 "over 2 year"
        elif (
            simplified[:1] in ("多", "余")
            and simplified[1:] in after_number
            and index
            and is_number(tokens[index - 1].text)
            and (words and words[-1][:1].isdigit())
        ):
            # 300|多款|模型 "over 300 models", not "300 many model": the measure only counts
            words[-1] = f"over {words[-1]}"
            words.append(measure_sense(simplified[1:], after_number, noun_follows(tokens, index)))
        elif (numbered := number_phrase(tokens, index, words)) is not None:
            words[-1:] = [numbered] if numbered else []  # the previous word, now read with this one
        elif index and is_number(tokens[index - 1].text) and simplified in after_number:
            counting = counting_sense(tokens[index - 1].text, simplified, after_number[simplified])
            if simplified in CLASSIFIERS and noun_follows(tokens, index):
                counting = ""  # 5|家|企业 "5 companies", not "5 companies company"
            scaled = scale_number(
                tokens[index - 1].text, scale_prefix(simplified), words[-1] if words else ""
            )
            if scaled is not None:
                # 10亿美元 "1 billion US dollars", not "10 hundred million US dollars"
                words[-1] = scaled
                counting = counting.split(" ", 2)[-1] if counting.count(" ") >= 2 else ""
            words.append(counting)
        elif (
            index
            and words
            and len(simplified) > len(scale := scale_prefix(simplified))
            and (scaled := scale_number(tokens[index - 1].text, scale, words[-1]))
        ):
            # the scale and a word in one token: 100|万人 "1 million person"; a measure word
            # only counts (1.2|亿名用户 "120 million user"); 1.5|万亿美元 "1.5 trillion"
            words[-1] = scaled
            rest = simplified[len(scale) :]
            if rest[:1] in ("多", "余") and (rest[1:] in after_number or not rest[1:]):
                words[-1] = f"over {scaled}"  # 24|万多名 "over 240,000", not "240,000 many"
                rest = rest[1:]
            if not rest:
                words.append("")
            elif rest not in after_number:
                words.append(gloss_word(rest))
            else:  # a currency reads (万亿美元 "US dollars"), a measure before its noun only counts
                words.append("" if noun_follows(tokens, index) else after_number[rest])
        elif index and tokens[index - 1].text in QUANTITY_WORDS and simplified in after_number:
            # 这|款手机 "this phone": the demonstrative says it; the measure only counts
            words.append("" if noun_follows(tokens, index) else singular(after_number[simplified]))
        elif simplified == "们" and words and words[-1]:
            words[-1] = plural(words[-1])  # 孩子|们 "children", not "child"
            words.append("")
        elif (
            (noun := measure_glued(tokens, index, tables.measures)) is not None
            and _in_dictionary(noun)
            and not _in_dictionary(simplified)
        ):
            words.append(gloss_word(noun))  # 这|部手机 "this phone", not "this ministry cell phone"
        elif (bound := bound_before(tokens, index)) is not None:
            words.append(bound)  # 上|百家企业 "over 100 companies", not "on"
        elif (
            simplified in tables.words
            and (sense := tables.words.gloss(simplified, tokens, index)) is not None
        ):
            if (token.pos.startswith("n") or simplified in TIME_PLURALS) and _after_a_count(
                tokens, index, words
            ):
                sense = plural(sense)  # 100个|项目 "100 projects", as a dictionary noun
            words.append(sense)
        elif (
            amount := amount_phrase(
                tokens, index, tables.after_number, tables.measures, _in_dictionary
            )
        ) is not None:
            words.append(amount)  # 数千名 "thousands of", 这份 "this", 九月底 "end of September"
        elif (token.pos.startswith("m") or numeral_led(simplified, token.pos)) and (
            numeral := numeral_words(simplified)
            or decimal_words(simplified, tokens[index + 1].text if index + 1 < len(tokens) else "")
        ) is not None:
            words.append(numeral)
        elif (token.pos.startswith(("m", "r", "x")) or numeral_led(simplified, token.pos)) and (
            counted_ := counted(
                simplified, tables.after_number, short_sense, noun_follows(tokens, index)
            )
        ):
            words.append(counted_)
        else:
            readings = token.readings
            prefer = " ".join(r for r in readings if r) if readings and all(readings) else None
            pos = token.pos
            if pos.startswith("v") and index and simple(tokens[index - 1].text) in POINTING:
                pos = "vn"  # 这一决定 "this decision", not "this decide"
            sense = gloss_word(token.text, token.pinyin, prefer, pos)
            # a verbal noun only where it ends the phrase (两场|比赛, not 多项|合作|协议)
            verbal_noun = pos == "vn" and closes_phrase(tokens, index + 1)
            if (pos.startswith("n") or verbal_noun or simplified in TIME_PLURALS) and (
                _after_a_count(tokens, index, words)
            ):
                sense = plural(sense)  # 3家公司 "3 companies", 两个|月 "2 months", 两场|比赛
            words.append(sense)
    return articles(tidy(" ".join(words))), tuple(applied)


def _after_a_count(tokens: Sequence[Token], index: int, words: Sequence[str]) -> bool:
    """Whether the token before ``index`` counts more than one of it: a number or a measure
    word (or a token ending in one, 近千名) whose gloss is such a count ("3", "over 40",
    "thousands of"); a year before 年 counts nothing (2008年|学生时代)."""
    said = [w for w in words if w]
    if not index or not said or not counts_many(said[-1]):
        return False
    counter = simple(tokens[index - 1].text)
    if counter[-1:] in TIME_UNITS or counter[-1:] in UNITS or counter[-2:] in UNITS:
        return False  # 2008年|学生时代, 五百元|补贴: a year or an amount of money counts nothing
    tables = gloss_tables()
    return (
        tokens[index - 1].pos.startswith(("m", "q"))
        or counter in tables.after_number
        or counter[-1:] in tables.measures
    )


def _titled(tokens: Sequence[Token]) -> dict[int, str]:
    """Token index → gloss for a surname and a title (刘女士 "Ms. Liu", 王某 "Wang
    (surname)", 周|女士 "Ms. Zhou" on 周 and nothing on 女士): read as a title, not as
    "Liu lady" or "king or monarch some". Not names: the recogniser judges those, and news
    NER data leaves such mentions unlabelled."""
    from reader.glossary.titled_persons import titled_persons

    found = titled_persons(tokens)
    if not found:
        return {}
    start_of = {t.start: i for i, t in enumerate(tokens)}
    out: dict[int, str] = {}
    for hit in found:
        i = start_of[hit.start]
        out[i] = hit.en
        for j in range(i + 1, len(tokens)):
            if tokens[j].start >= hit.end:
                break
            out[j] = ""
    return out


def _sounded_name(readings: Sequence[str | None]) -> str:
    """One capitalised toneless pinyin word for a name's readings (伊万科维奇 Yiwankeweiqi)."""
    from reader.glossary.auto import join_syllables

    return join_syllables([str(r).rstrip("012345").replace("v", "ü") for r in readings])


def gloss_sentence(sentence: Sentence) -> tuple[str, tuple[str, ...]]:
    if sentence.tokens:
        return gloss_tokens(sentence.tokens)
    return gloss_text(sentence.text), ()
