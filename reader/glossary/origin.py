"""Where is an article from? Persons the glossary lacks are written as that place writes them.

Taiwan writes its people's names in English in Wade–Giles (reader/glossary/wade_giles.py),
Hong Kong in its Cantonese romanisation (reader/glossary/hong_kong.py); pinyin is the
mainland's. An article in Traditional script that names Taiwanese places or institutions
(reader/data/origin_markers.tsv) at least twice, and more often than Hong Kong's, is taken
as Taiwanese; one naming Hong Kong's at least twice, and more often than Taiwan's, as from
Hong Kong. A mainland person named in it is then written the same way: the names panel says
which romanisation a name got, and a reader who wants pinyin chooses it (``--romanise
pinyin``, or R in the reader). An article about Japan or Korea (either script, its markers
named at least three times) leaves the persons the glossary lacks to the translator: their
names are read in Japanese or Korean, not in pinyin.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader import paths
from reader.glossary.fold import fold
from reader.model import Romanisation, Script

MARKERS_FILE = "origin_markers.tsv"
_KINDS = ("taiwan", "hongkong", "japan", "korea")
_ENOUGH = 2  # Taiwanese markers needed (one mention of 台北 can be a mainland story's)
# Japanese or Korean markers needed (a mainland story names 日本 once or twice in passing)
_ENOUGH_ABROAD = 3
_HEAD = 20_000  # characters read: an article tells where it is from early, and a 20 MB
# text must not be folded whole for this


@dataclass(frozen=True, slots=True)
class Markers:
    taiwan: tuple[str, ...]
    hongkong: tuple[str, ...]
    japan: tuple[str, ...] = ()
    korea: tuple[str, ...] = ()


def parse_markers(text: str, source: str = MARKERS_FILE) -> Markers:
    found: dict[str, list[str]] = {kind: [] for kind in _KINDS}
    for lineno, line, fields in paths.data_rows(text, "kind"):
        if len(fields) < 3 or fields[0] not in found or not fields[1] or not fields[2]:
            raise ValueError(f"{source}:{lineno}: bad row {line!r} (kind, word, reason)")
        found[fields[0]].append(fold(fields[1]))
    return Markers(*(tuple(found[kind]) for kind in _KINDS))


def get_markers() -> Markers:
    """The shipped table (immutable, parsed once per process)."""
    return paths.parsed_package_data(MARKERS_FILE, parse_markers)


def is_taiwanese(texts: Iterable[str], script: Script, markers: Markers | None = None) -> bool:
    """An article in Traditional script naming Taiwan at least twice, more than Hong Kong,
    in its first 20,000 characters."""
    return article_origin(texts, script, markers) == "taiwan"


def article_origin(texts: Iterable[str], script: Script, markers: Markers | None = None) -> str:
    """ "taiwan" or "hongkong" for an article in Traditional script naming the one at least
    twice and more often than the other; else "japan" or "korea" for one (either script)
    naming that country at least three times and more often than the other; "" otherwise.
    Read in the first 20,000 characters."""
    table = markers if markers is not None else get_markers()
    head: list[str] = []
    size = 0
    for text in texts:
        head.append(text)
        size += len(text) + 1
        if size >= _HEAD:
            break
    folded = fold("\n".join(head)[:_HEAD])
    taiwan = sum(folded.count(word) for word in table.taiwan)
    hongkong = sum(folded.count(word) for word in table.hongkong)
    if script == "traditional" and taiwan >= _ENOUGH and taiwan > hongkong:
        return "taiwan"
    if script == "traditional" and hongkong >= _ENOUGH and hongkong > taiwan:
        return "hongkong"
    japan = sum(folded.count(word) for word in table.japan)
    korea = sum(folded.count(word) for word in table.korea)
    if japan >= _ENOUGH_ABROAD and japan > korea:
        return "japan"
    if korea >= _ENOUGH_ABROAD and korea > japan:
        return "korea"
    return ""


_BY_ORIGIN = {
    "taiwan": Romanisation.WADE_GILES,
    "hongkong": Romanisation.HONG_KONG,
    # Japanese and Korean names are read in their own languages, which no table here holds:
    # the translator writes them (林芳正 is Hayashi Yoshimasa, never "Lin Fangzheng")
    "japan": Romanisation.TRANSLATOR,
    "korea": Romanisation.TRANSLATOR,
}


def person_romanisation(chosen: Romanisation, texts: Iterable[str], script: Script) -> Romanisation:
    """The romanisation persons get: ``chosen``, or for AUTO the article's own."""
    if chosen is not Romanisation.AUTO:
        return chosen
    return _BY_ORIGIN.get(article_origin(texts, script), Romanisation.PINYIN)
