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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.errors import ReaderError

_KINDS = ("unit", "localizer", "clause")
_NUMERAL = frozenset("0123456789０１２３４５６７８９零〇一二三四五六七八九十百千万亿两几多")
_FRAME_REACH = 8  # words back from the candidate to the opening 在


class WordFixes:
    def __init__(self, units: str, localizers: str, clause_words: str) -> None:
        self.units = frozenset(units)
        self.localizers = frozenset(localizers)
        self.clause_words = frozenset(clause_words)

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
            found[cols[0]] += cols[1].strip()
        return cls(found["unit"], found["localizer"], found["clause"])

    @classmethod
    def load(cls) -> WordFixes:
        from reader.paths import package_data

        path = package_data("segment_fixes.tsv")
        return cls.parse(path.read_text(encoding="utf-8").splitlines(), str(path))

    def apply(self, words: list[str], known: Callable[[str], bool]) -> list[str]:
        """``words`` re-cut where a family applies; ``known(word)``: in jieba's dictionary."""
        out: list[str] = []
        frame_open = -1  # index in ``out`` of the last 在 not yet closed by a localizer
        for word in words:
            prev = out[-1] if out else ""
            if (
                len(word) > 1
                and prev
                and prev[-1] in _NUMERAL
                and word[0] in self.units
                and not known(word)
            ):
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
            if word == "在":
                frame_open = len(out)
            elif frame_open >= 0 and word[-1] in self.localizers:
                frame_open = -1  # 在会议中 closed: a later 中将 is not in this frame
            out.append(word)
        return out
