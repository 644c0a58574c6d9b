"""Is a name that opens with a Chinese surname really a transliteration?

柯林斯 opens with the surname 柯, but it is Collins, not "Ke Linsi"; 费利佩 is Felipe, not
"Fei Lipei". The hand-written character list in name_rules.tsv catches the clear cases
(two transliteration characters in the given name); this is the measured second opinion for
the rest: naive-Bayes log-odds of the given name's characters and character pairs, foreign
transliteration against Chinese given name, trained by tools/build_transliteration.py on
jieba's dictionary tags and CC-CEDICT's person entries (reader/data/transliteration.tsv; how
it was split, trained and measured is in that file's header and in DATA.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from reader import paths

ODDS_FILE = "transliteration.tsv"


def name_features(given: str) -> list[str]:
    """What the model looks at: each character of the given name and each adjacent pair."""
    return [*given, *(a + b for a, b in zip(given, given[1:], strict=False))]


@dataclass(frozen=True, slots=True)
class TransliterationOdds:
    odds: dict[str, float]  # feature → log P(feature | foreign) − log P(feature | Chinese)
    unseen: float  # the same for a feature neither class had in training
    threshold: float  # a given name scoring above this is a transliteration

    def score(self, given: str) -> float:
        return sum(self.odds.get(f, self.unseen) for f in name_features(given))

    def is_foreign(self, given: str) -> bool:
        return bool(given) and self.score(given) > self.threshold


def parse_odds(text: str, source: str = ODDS_FILE) -> TransliterationOdds:
    odds: dict[str, float] = {}
    settings: dict[str, float] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            if fields[0] == "setting":
                settings[fields[1]] = float(fields[2])
            else:
                odds[fields[0]] = float(fields[1])
        except (IndexError, ValueError):
            raise ValueError(f"{source}:{lineno}: bad line {line!r}") from None
    try:
        return TransliterationOdds(odds, settings["unseen"], settings["threshold"])
    except KeyError as exc:
        raise ValueError(f"{source}: setting {exc.args[0]} missing") from None


def transliteration_odds() -> TransliterationOdds:
    """The shipped table, parsed once per process (an immutable table)."""
    return paths.parsed_package_data(ODDS_FILE, parse_odds)
