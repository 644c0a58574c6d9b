"""A surname and a title among a sentence's tokens (刘女士, 王某, 周|女士), for the gloss.

News names a witness, a suspect or a victim this way (家住朝阳区的刘女士, 犯罪嫌疑人王某,
黄某驾车逃逸); glossed word by word they read "Liu lady", "king or monarch some". The gloss
(reader/translate/gloss.py) reads them as a title and a surname. They are not made names:
the recogniser judges names, and news NER data (CLUENER) leaves such mentions unlabelled.
The titles and their English are the data of person_titles.py
(reader/data/person_titles.tsv); this finds them among a sentence's tokens:

- one token that jieba tags as a name, made of a surname and a title (刘女士, 王某, 陈姓);
- a one-character surname token followed by a title token (周 | 女士, 何 | 某某), not after a
  number (三张 | 先生的照片 counts photos) and only with the titles that never follow an
  ordinary word (先生, 女士, 小姐, 太太, 某, 某某: 高 | 女士 is Ms. Gao, 好 | 老师 a good
  teacher).

The English is shown, not forced on the translator: "Wang (surname)" is the reader's note,
not a phrase for an English sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reader.glossary.auto import PERSON_POS, NameRules, get_name_rules, person_pinyin
from reader.glossary.fold import fold
from reader.glossary.person_titles import get_titles, surname_english, titled_person
from reader.model import GlossaryHit, Token

TITLE_NOTE = "auto: a surname and a title"
# titles that make a surname of the word before them even as tokens of their own
_APART_TITLES = frozenset({"先生", "女士", "小姐", "太太", "某", "某某"})


def titled_persons(tokens: Sequence[Token]) -> list[GlossaryHit]:
    """The surname-and-title persons among one sentence's ``tokens`` (the tokens' offsets)."""
    rules, titles = get_name_rules(), get_titles()
    hits: list[GlossaryHit] = []
    i = 0
    while i < len(tokens):
        found = _titled_at(tokens, i, rules, titles)
        if found is None:
            i += 1
            continue
        end, surname_len = found
        group = tokens[i:end]
        name = "".join(t.text for t in group)
        readings = tuple(r for t in group for r in t.readings)
        english = titled_person(
            fold(name), surname_len, surname_english(person_pinyin(name, surname_len, readings))
        )
        if english:
            hits.append(
                GlossaryHit.auto(
                    start=group[0].start,
                    end=group[-1].end,
                    term=name,
                    en=english,
                    type="person",
                    note=TITLE_NOTE,
                    forced=False,
                )
            )
        i = end
    return hits


def _titled_at(
    tokens: Sequence[Token], i: int, rules: NameRules, titles: Mapping[str, str]
) -> tuple[int, int] | None:
    """(end token index, surname length) of a surname-and-title person at token ``i``."""
    token = tokens[i]
    if token.glossary is not None:
        return None
    word = fold(token.text)
    if token.pos in PERSON_POS:
        for n in (2, 1):
            if word[:n] in rules.surnames and word[n:] in titles and word[n:] not in _FAMILY:
                return i + 1, n
    if (
        len(word) == 1
        and word in rules.surnames
        and not token.pos.startswith(_FUNCTION_POS)
        and i + 1 < len(tokens)
        and tokens[i + 1].glossary is None
        and fold(tokens[i + 1].text) in _APART_TITLES
        and not (i and tokens[i - 1].pos.startswith("m"))
        # 某 before a number is "some" (于某两家基金公司 "at some two fund companies")
        and not (i + 2 < len(tokens) and tokens[i + 2].pos.startswith(("m", "q")))
    ):
        return i + 2, 1
    return None


# 氏 makes a family as often as a woman (程氏序 "the Cheng preface", 陈氏集团): only where
# the recogniser marks the person (张氏 Lady Zhang)
_FAMILY = frozenset({"氏"})

# jieba POS of a surname character used as a function word where it stands (于 "at", 向
# "towards", 和 "and"): no surname there
_FUNCTION_POS = ("p", "c", "u", "d")
