"""Families of jieba cuts that change readings and glosses, fixed after the cut.

The lists live in reader/data/segment_fixes.tsv (``kind<TAB>characters<TAB>reason``):

- ``unit``: after a number, jieba's HMM glues a date unit or measure word to the next
  character into a word its dictionary doesn't have (21日至23日 → 日至 "solstice",
  30家台厂 → 家台, 3天后 → 天后 "diva"). A token right after a number that jieba's
  dictionary doesn't know and that starts with one of these characters is cut after it.
- ``localizer`` / ``clause``: in a 在 … 中 frame, a word ending in a localizer followed by a
  clause-opening function word (对话中将杭州 → 中将 "lieutenant general", 在过程中将会 →
  过程中将) is cut after the localizer: 中 | 将. Only inside the frame: a 在 within the
  previous few words and no localizer closing it yet, so 中将 in 陆军中将 stays a rank.
  Outside a frame (会议中将讨论, 对话中将杭州列为…) the same cut is made when what follows
  shows the function word: a verb right after it (将 "will": 中将 | 讨论 → 中 | 将 | 讨论), or
  a ``clause_verb`` within a few words (将 X 列为: the 把 construction), unless the word
  before ends in a ``rank_before`` character (陆军中将, 一名中将: the rank).
- ``preposition`` / ``admin_level``: jieba's HMM glues a preposition to the level of the
  government body that follows (记者从市教育局获悉 → 从市 | 教育局). A word jieba's
  dictionary doesn't know, made of a preposition and an administrative level, before a Han
  word, is cut in two: 从 | 市 | 教育局. It glues one to a time word too, and may call the
  result a person (原定于本周六 → 于本周/nr | 六): a word made of a preposition and a word
  the dictionary tags as time (本周, 下月, 明年) is cut after the preposition.
- ``particle``: jieba's HMM glues a structural particle to the verb after it (高兴地说 →
  地说, 大声地喊 → 地喊): an unknown word opening with one and going on with a verb, after
  a word that is no noun, is cut after it (地 | 说), so the word and its pinyin read "de
  shuō" (桃园 | 地检署 stays: a place, then its prosecutors' office).
- ``dateline``: a news dateline ends in the day and the dispatch (新华社北京12月4日电): after
  a number, the words listed (日电, which jieba knows as NEC) are cut into the day and the
  dispatch mark, whether jieba's dictionary knows them or not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.errors import ReaderError
from reader.han import is_han

_KINDS = (
    "unit",
    "localizer",
    "clause",
    "rank_before",
    "clause_verb",
    "preposition",
    "admin_level",
    "dateline",
    "particle",
)
_WORD_LISTS = frozenset({"clause_verb", "dateline"})  # kinds whose column lists words
_NUMERAL = frozenset("0123456789０１２３４５６７８９零〇一二三四五六七八九十百千万亿两几多")
_FRAME_REACH = 8  # words back from the candidate to the opening 在
_CLAUSE_VERB_REACH = 4  # words after the candidate in which a 把-construction verb shows it


class WordFixes:
    def __init__(
        self,
        units: str,
        localizers: str,
        clause_words: str,
        rank_before: str = "",
        clause_verbs: Sequence[str] = (),
        prepositions: str = "",
        admin_levels: str = "",
        datelines: Sequence[str] = (),
        particles: str = "",
    ) -> None:
        self.units = frozenset(units)
        self.localizers = frozenset(localizers)
        self.clause_words = frozenset(clause_words)
        self.rank_before = frozenset(rank_before)
        self.clause_verbs = frozenset(clause_verbs)
        self.prepositions = frozenset(prepositions)
        self.admin_levels = frozenset(admin_levels)
        self.datelines = frozenset(datelines)
        self.particles = frozenset(particles)

    @classmethod
    def parse(cls, lines: Sequence[str], source: str = "<segment fixes>") -> WordFixes:
        found = {kind: "" for kind in _KINDS}
        for lineno, raw in enumerate(lines, 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            cols = raw.rstrip("\r\n").split("\t")
            if len(cols) < 3 or cols[0] not in _KINDS or not cols[2].strip():
                raise ReaderError(
                    f"{source}:{lineno}: expected kind<TAB>characters<TAB>reason with kind "
                    f"one of {', '.join(_KINDS)}; fix the line"
                )
            found[cols[0]] += cols[1].strip() + (" " if cols[0] in _WORD_LISTS else "")
        return cls(
            found["unit"],
            found["localizer"],
            found["clause"],
            found["rank_before"],
            found["clause_verb"].split(),
            found["preposition"],
            found["admin_level"],
            found["dateline"].split(),
            found["particle"],
        )

    @classmethod
    def load(cls) -> WordFixes:
        from reader.paths import package_data

        path = package_data("segment_fixes.tsv")
        return cls.parse(path.read_text(encoding="utf-8").splitlines(), str(path))

    def apply(
        self,
        words: list[str],
        known: Callable[[str], bool],
        tag: Callable[[str], str] | None = None,
    ) -> list[str]:
        """``words`` re-cut where a family applies; ``known(word)``: in jieba's dictionary;
        ``tag(word)``: its part of speech (without it, only the 在 … 中 frame is read)."""
        out: list[str] = []
        frame_open = -1  # index in ``out`` of the last 在 not yet closed by a localizer
        for k, word in enumerate(words):
            prev = out[-1] if out else ""
            if (
                len(word) > 1
                and prev
                and prev[-1] in _NUMERAL
                and word[0] in self.units
                and (word in self.datelines or not known(word))
            ):
                out.extend((word[0], word[1:]))
                continue
            if self._particle_glued_to_verb(word, prev, known, tag):
                out.extend((word[0], word[1:]))
                continue
            if self._preposition_glued_to_level(word, words[k + 1 : k + 2], known):
                out.extend(word)
                continue
            if self._preposition_glued_to_time(word, known, tag):
                out.extend((word[0], word[1:]))
                continue
            if (
                frame_open >= 0
                and len(out) - frame_open <= _FRAME_REACH
                and len(word) > 1
                and word[-1] in self.clause_words
                and word[-2] in self.localizers
            ):
                out.extend((word[:-1], word[-1]))
                frame_open = -1
                continue
            if frame_open < 0 and self._function_word_follows(words, k, prev, tag):
                out.extend((word[:-1], word[-1]))
                continue
            if word == "在":
                frame_open = len(out)
            elif frame_open >= 0 and word[-1] in self.localizers:
                frame_open = -1  # 在会议中 closed: a later 中将 is not in this frame
            out.append(word)
        return out

    def _particle_glued_to_verb(
        self, word: str, prev: str, known: Callable[[str], bool], tag: Callable[[str], str] | None
    ) -> bool:
        """高兴 | 地说: a coined word of a particle and a verb, after a word that is no noun
        (桃园 | 地检署 is a place and its prosecutors' office, not 地 "-ly")."""
        return (
            tag is not None
            and len(word) > 1
            and word[0] in self.particles
            and bool(prev)
            and is_han(prev[-1])
            and is_han(word[1])
            and not known(word)
            and tag(word[1:]).startswith("v")
            and not tag(prev).startswith("n")
        )

    def _preposition_glued_to_level(
        self, word: str, following: Sequence[str], known: Callable[[str], bool]
    ) -> bool:
        """从市 before 教育局: a coined preposition + administrative level word."""
        return (
            len(word) == 2
            and word[0] in self.prepositions
            and word[1] in self.admin_levels
            and bool(following)
            and is_han(following[0][0])
            and not known(word)
        )

    def _preposition_glued_to_time(
        self, word: str, known: Callable[[str], bool], tag: Callable[[str], str] | None
    ) -> bool:
        """于本周 (before 六): a preposition + a time word the dictionary knows. jieba's
        dictionary holds some of these as words (于本周, freq 16), so whether it knows the
        whole is not asked: a preposition and a time word make no word of their own."""
        return (
            tag is not None
            and len(word) > 2
            and word[0] in self.prepositions
            and known(word[1:])
            and tag(word[1:]).startswith("t")
        )

    def _function_word_follows(
        self, words: Sequence[str], k: int, prev: str, tag: Callable[[str], str] | None
    ) -> bool:
        """Outside a 在 … 中 frame: is ``words[k]`` (中将) a localizer and a function word, by
        what follows it (a verb: 将 "will"; a 把-construction verb soon: 将 X 列为)?"""
        word = words[k]
        if (
            tag is None
            or len(word) != 2
            or word[0] not in self.localizers
            or word[1] not in self.clause_words
            or not prev
            or prev[-1] in self.rank_before
        ):
            return False
        following = words[k + 1 : k + 1 + _CLAUSE_VERB_REACH]
        if not following:
            return False
        if tag(following[0]).startswith("v"):
            return True
        return any(w in self.clause_verbs for w in following[1:])
