"""The honest fallback when no MT model is installed: a word-by-word CC-CEDICT gloss.

Each word becomes the first usable sense of its first dictionary entry ("to announce" →
"announce"); glossary names become their rendering; unknown words fall back to their
characters' senses, then to pinyin. It is labelled everywhere as a gloss, never as a
translation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from reader.annotate.script import convert
from reader.han import HAN_CLASS
from reader.model import Sentence, Token
from reader.translate.gloss_measures import (
    DETERMINERS,
    POINTING,
    QUANTITY_WORDS,
    counted,
    is_number,
    noun_follows,
    simple,
    singular,
)
from reader.translate.gloss_numbers import (
    chinese_number,
    counting_sense,
    number_phrase,
    numeral_words,
    ordinal,
    percent_phrase,
    quarter,
    scale_number,
    scale_prefix,
    tenths,
)
from reader.translate.protect import PUNCTUATION, has_han, is_han, tidy

# Senses that say nothing about the meaning in context.
_SKIP = re.compile(
    r"^(?:surname |(?:old |archaic |Japanese |ancient )?variant of |see |CL:|used in |"
    r"(?:erhua|old) variant|abbr\. for |pr\. |also pr\. |Taiwan pr\.|\(bound form\)|"
    r"classifier |(?:\([^)]*\) )?(?:unofficial |Japanese )?variant |used as |"
    r"\((?:slang|vulgar|Internet slang)\))",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\s*\([^)]*\)")
# "漢字|汉字[han4 zi4]", "五嶽|五岳" cross-references: cut out of a sense, not shown
_CROSS_REF = re.compile(rf"\s*(?:see (?:also )?)?\S*[{HAN_CLASS}|]\S*(?:\[[^\]]*\])?|\s*\[[^\]]*\]")
_MAX_WORD = 6


def _lookup(word: str, prefer: str | None = None) -> list[object]:
    try:
        from reader.annotate.dictionary import lookup
    except ImportError:  # the dictionary module is optional for this fallback
        return []
    return list(lookup(word, prefer=prefer))


_PLACE_KINDS = frozenset(
    "municipality city province county district prefecture river mountain island".split()
)
_ASPECT = frozenset("了过着")
# "a few", "a lot": the article belongs to the quantity
_QUANTIFIERS = frozenset(
    "few lot little bit while dozen hundred thousand couple number pair half quarter third".split()
)  # aspect particles glued to a verb inside an unknown compound


def _trim(definition: str) -> str:
    sense = _CROSS_REF.sub("", _PAREN.sub("", definition)).split(";")[0].split(",")[0].strip()
    if sense.lower().startswith("to "):
        sense = sense[3:]
    words = sense.split()
    if len(words) in (2, 3) and words[0] in ("a", "an") and words[1] not in _QUANTIFIERS:
        # "a man", "a post", "an exit": the gloss of a noun needs no article, which reads as
        # "one" before the number or name that follows (男子100米 "a man 100")
        words = words[1:]
        sense = " ".join(words)
    if len(words) == 2 and words[0][:1].isupper() and words[1] in _PLACE_KINDS:
        return words[0]  # "Shanghai municipality" → "Shanghai"
    if len(words) > 3 and words[0][:1].isupper():
        # "Hangzhou subprovincial city and capital of …" → "Hangzhou"
        sense = " ".join(words[: next((i for i, w in enumerate(words) if w.islower()), 3)])
    return sense


def _definitions(entry: object) -> tuple[str, ...]:
    return tuple(getattr(entry, "definitions", ()))


def _is_proper_noun(entry: object) -> bool:
    if getattr(entry, "proper", False):
        return True  # CC-CEDICT capitalises a proper noun's pinyin (中 Zhong1 "China")
    senses = [
        d for d in getattr(entry, "definitions", ()) if d and d[0].isalpha() and not _SKIP.match(d)
    ]
    return bool(senses) and all(d[0].isupper() for d in senses)


def short_sense(word: str, prefer: str | None = None, pos: str = "") -> str | None:
    """A short English sense of ``word`` ("" for a grammatical particle, None if unknown).

    From the first entry with a usable sense: its first sense of at most three words,
    else its shortest one. A verb (jieba POS ``v``) prefers the entry's first "to …" sense,
    a noun its first sense that is not one.
    """
    particle = False
    # Proper-noun entries (时代 "Time, US weekly news magazine"; 中 "China"; 波 "Poland")
    # go after the common word's entry; names worth rendering are the glossary's job.
    entries = sorted(_lookup(word, prefer), key=_is_proper_noun)
    if prefer is None and pos.startswith("v") and pos != "vn":
        # no reading to choose the entry: a verb reads the entry that has verb senses
        # (读 dú "to read" before dòu "comma")
        entries.sort(key=lambda e: not any(d.startswith("to ") for d in _definitions(e)))
    for n, entry in enumerate(entries):
        senses: list[tuple[str, bool]] = []
        for definition in getattr(entry, "definitions", ()):
            if _SKIP.match(definition):
                continue
            if definition.startswith("(") and not _PAREN.sub("", definition).strip():
                # "(completed action marker)": grammar, not a word — but "(informal) grandma
                # (paternal grandmother)" is a word with notes around it
                particle = True
                continue
            sense = _trim(definition)
            if sense:
                # "(computing) to encode" is a verb sense too, behind its domain note
                verbal = _PAREN.sub("", definition).strip().lower().startswith("to ")
                senses.append((sense, verbal))
        if senses:
            wanted = _by_pos(senses, pos)
            short = [s for s in wanted if len(s.split()) <= 3]
            return short[0] if short else min(wanted, key=len)
        if particle:
            return ""
        if not n and prefer and (bound := _bound_sense(entry, prefer)):
            # the reading chosen in context has only bound-form senses (校 xiào "(bound
            # form) school"): they beat another reading's sense (校 jiào "to check")
            return bound
    return "" if particle else None


_BOUND = "(bound form) "


def _bound_sense(entry: object, prefer: str) -> str | None:
    """The first "(bound form) …" sense of ``entry`` if it is the reading ``prefer``."""
    from reader.annotate.dictionary import normalize_pinyin

    if normalize_pinyin(str(getattr(entry, "pinyin", ""))) != normalize_pinyin(prefer):
        return None
    bound = [d[len(_BOUND) :] for d in _definitions(entry) if d.startswith(_BOUND)]
    return _trim(bound[0]) or None if bound else None


def _by_pos(senses: list[tuple[str, bool]], pos: str) -> list[str]:
    """The senses a part of speech reads: a verb's "to …" senses, a noun's others."""
    if pos.startswith("v") and pos != "vn":
        chosen = [s for s, verbal in senses if verbal]
    elif pos.startswith(("n", "a", "m", "q", "f", "t", "s")) or pos == "vn":
        chosen = [s for s, verbal in senses if not verbal]
    else:
        chosen = []
    return chosen or [s for s, _ in senses]


def gloss_word(word: str, pinyin: str = "", prefer: str | None = None, pos: str = "") -> str:
    if not has_han(word):
        return word.translate(PUNCTUATION)
    tables = _tables()
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
                    alone = [Token(key, 0, len(key), pos=pos if head else "")]
                    sense = tables.words.gloss(key, alone, 0) if key in tables.words else None
                    if sense is None:
                        sense = short_sense(piece, piece_prefer, pos if head else "")
                    glossed.append(sense)
            if all(g is not None for g in glossed) and any(glossed):
                return " ".join(g for g in glossed if g)
    return f"[{pinyin}]" if pinyin else word


def _split_known(word: str) -> list[str]:
    """Greedy longest-match split of ``word`` into dictionary words (or single characters)."""
    pieces: list[str] = []
    i = 0
    while i < len(word):
        for size in range(min(_MAX_WORD, len(word) - i), 0, -1):
            if size == 1 or _lookup(word[i : i + size]):
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
            if size == 1 or _lookup(text[i : i + size]):
                words.append(gloss_word(text[i : i + size]))
                i += size
                break
    return tidy(" ".join(words))


class _Tables:
    """The gloss's data: senses after a number (reader/data/gloss_after_number.tsv) and the
    function-word table (reader/data/gloss_function_words.tsv)."""

    def __init__(self) -> None:
        from reader.paths import package_data
        from reader.translate.gloss_rules import FunctionWords

        path = package_data("gloss_after_number.tsv")
        self.after_number: dict[str, str] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                word, _, sense = line.partition("\t")
                self.after_number[word.strip()] = sense.strip()
        self.words = FunctionWords.load()


@functools.cache
def _tables() -> _Tables:
    return _Tables()


def gloss_tokens(tokens: Sequence[Token]) -> tuple[str, tuple[str, ...]]:
    """(gloss line, glossary renderings applied in order) for a sentence's tokens."""
    words: list[str] = []
    applied: list[str] = []
    tables = _tables()
    after_number = tables.after_number
    titled = _titled(tokens)
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
        elif (percent := percent_phrase(simplified) or tenths(simplified)) is not None:
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
        elif (numbered := number_phrase(tokens, index, words)) is not None:
            words[-1:] = [numbered] if numbered else []  # the previous word, now read with this one
        elif index and is_number(tokens[index - 1].text) and simplified in after_number:
            counting = counting_sense(tokens[index - 1].text, simplified, after_number[simplified])
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
            if rest not in after_number:
                words.append(gloss_word(rest))
            else:  # a currency reads (万亿美元 "US dollars"), a measure before its noun only counts
                words.append("" if noun_follows(tokens, index) else after_number[rest])
        elif index and tokens[index - 1].text in QUANTITY_WORDS and simplified in after_number:
            # 这|款手机 "this phone": the demonstrative says it; the measure only counts
            words.append("" if noun_follows(tokens, index) else singular(after_number[simplified]))
        elif (
            simplified in tables.words
            and (sense := tables.words.gloss(simplified, tokens, index)) is not None
        ):
            words.append(sense)
        elif token.pos.startswith("m") and (numeral := numeral_words(simplified)) is not None:
            words.append(numeral)
        elif token.pos.startswith(("m", "r", "x")) and (
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
            words.append(gloss_word(token.text, token.pinyin, prefer, pos))
    return tidy(" ".join(words)), tuple(applied)


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
