"""A surname plus a title: how Chinese news names a person without a given name.

付小姐, 陈先生, 王老师; in Taiwanese reports 陳男, 張女, 李姓. The recogniser marks the whole
as a person, and read as surname + given name it came out "Fu Xiaojie", "Chen Nan". The
titles and their English are data (reader/data/person_titles.tsv, a reason per row): 付小姐
→ "Ms. Fu", 陳男 → "Mr. Chen", 李姓 → "Li (surname)".
"""

from __future__ import annotations

from collections.abc import Mapping

from reader import paths

TITLES_FILE = "person_titles.tsv"


def parse_titles(text: str, source: str = TITLES_FILE) -> dict[str, str]:
    """Title → English pattern (with ``{surname}``); a header row is skipped, a row without
    its reason or its ``{surname}`` is an error."""
    titles: dict[str, str] = {}
    for lineno, line, fields in paths.data_rows(text, "title"):
        if len(fields) < 3 or not all(fields[:3]) or "{surname}" not in fields[1]:
            raise ValueError(
                f"{source}:{lineno}: bad row {line!r} (title, English with {{surname}}, reason)"
            )
        titles[fields[0]] = fields[1]
    return titles


def get_titles() -> Mapping[str, str]:
    """The shipped titles (an immutable table, parsed once per process)."""
    return paths.parsed_package_data(TITLES_FILE, parse_titles)


def titled_person(
    folded: str, surname_len: int, surname_en: str, titles: Mapping[str, str] | None = None
) -> str | None:
    """The English of surname + title (``folded``: the name in Simplified; ``surname_en``:
    the surname in pinyin), or None when what follows the surname is no title."""
    if not surname_len:
        return None
    pattern = (titles if titles is not None else get_titles()).get(folded[surname_len:])
    return pattern.format(surname=surname_en) if pattern else None


def surname_english(person_en: str) -> str:
    """The surname of a person's pinyin rendering ("Ouyang Xiu" → "Ouyang")."""
    return person_en.split(" ", 1)[0]
