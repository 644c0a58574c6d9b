"""A surname plus a title (付小姐, 陳男, 李姓) is rendered as a title and the surname, never as
a given name read in pinyin ("Fu Xiaojie", "Chen Nan"). Sentences made up for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_names_recall import hits

from reader import paths
from reader.glossary.person_titles import TITLES_FILE, parse_titles, titled_person


@pytest.mark.parametrize(
    ("name", "surname_len", "surname_en", "english"),
    [
        ("付小姐", 1, "Fu", "Ms. Fu"),
        ("陈男", 1, "Chen", "Mr. Chen"),  # the fold of 陳男
        ("李姓", 1, "Li", "Li (surname)"),
        ("欧阳先生", 2, "Ouyang", "Mr. Ouyang"),  # a compound surname stays whole
        ("张某某", 1, "Zhang", "Zhang (surname)"),
        ("张氏", 1, "Zhang", "Lady Zhang"),  # 其母张氏: a married woman by her birth family
        ("付晓洁", 1, "Fu", None),  # a given name: no title
        ("小姐", 0, "", None),  # no surname
    ],
)
def test_titles_read_after_the_surname(
    name: str, surname_len: int, surname_en: str, english: str | None
) -> None:
    assert titled_person(name, surname_len, surname_en) == english


def test_every_title_row_has_its_english_and_reason() -> None:
    titles = parse_titles(paths.package_data(TITLES_FILE).read_text(encoding="utf-8"))
    assert titles["小姐"] == "Ms. {surname}" and len(titles) >= 10
    with pytest.raises(ValueError, match="person_titles.tsv:1"):
        parse_titles("先生\tMr.\tno surname placeholder\n")
    with pytest.raises(ValueError, match="reason"):
        parse_titles("先生\tMr. {surname}\n")


def test_the_pipeline_renders_titled_persons(tmp_path: Path) -> None:
    text = "警方指出，陳男當天騎車經過，付小姐則在車上，付晓洁也在。"
    got = hits(
        text,
        {"陈男": ("PER", 0.97), "付小姐": ("PER", 0.97), "付晓洁": ("PER", 0.97)},
        tmp_path,
    )
    assert got["陳男"].en == "Mr. Chen" and got["陳男"].type == "person"
    assert got["付小姐"].en == "Ms. Fu"
    assert got["付晓洁"].en == "Fu Xiaojie"  # a given name is still read in pinyin
