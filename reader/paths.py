"""Where reader keeps user data: platformdirs locations, overridable with READER_HOME.

READER_HOME (used by tests and portable installs) puts config, data and cache under
one directory. Glossaries live in the *data* dir so a reinstall never loses them.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

APP = "reader"


def _home() -> Path | None:
    value = os.environ.get("READER_HOME")
    return Path(value) if value else None


def config_dir() -> Path:
    home = _home()
    if home:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    home = _home()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    home = _home()
    if home:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP))


def user_glossary_path() -> Path:
    return data_dir() / "glossary.tsv"


def package_data(name: str) -> Path:
    """A data file shipped inside the package (reader/data/NAME)."""
    return Path(__file__).parent / "data" / name


def package_word_list(name: str) -> frozenset[str]:
    """A shipped word list (reader/data/NAME): one word a line, ``#`` starts a comment;
    read once per process (``parsed_package_data``)."""
    return parsed_package_data(name, _parse_word_list)


def _parse_word_list(text: str, source: str) -> frozenset[str]:
    return frozenset(word for line in text.splitlines() if (word := line.split("#", 1)[0].strip()))


def shipped_glossaries_dir() -> Path:
    """The shipped glossaries: ``glossaries/`` at the project root, bundled into the wheel."""
    bundled = Path(__file__).parent / "glossaries"
    if bundled.is_dir():
        return bundled
    return Path(__file__).parent.parent / "glossaries"


def data_rows(text: str, *headers: str) -> Iterator[tuple[int, str, list[str]]]:
    """The rows of a shipped tab-separated table: (line number, line, stripped fields),
    past a byte-order mark, blank lines, ``#`` comments and a header row (one whose first
    field is one of ``headers``). The one reader of the format every reader/data table
    shares; each parser checks its own columns."""
    for lineno, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if fields[0] in headers:
            continue
        yield lineno, line, fields


def parsed_package_data(name: str, parse: Callable[[str, str], T]) -> T:
    """A shipped data file (reader/data/NAME) parsed by ``parse(text, source)``, once per
    process. Only for immutable tables (rules, word lists): they never change while the
    process runs, so sharing them cannot make one run depend on another."""
    return _parsed(name, parse)  # type: ignore[return-value]


@functools.cache
def _parsed(name: str, parse: Callable[[str, str], object]) -> object:
    path = package_data(name)
    return parse(path.read_text(encoding="utf-8"), str(path))
