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


def test_titled_persons_read_as_title_and_surname_in_the_gloss() -> None:
    # one token (刘女士, 王某) or a surname token and a title token (周 | 女士); shown in the
    # gloss, not made names (news NER data leaves them unlabelled)
    from reader.model import Block, LoadedText, Meta
    from reader.pipeline import Options, annotate
    from reader.resources import Resources
    from reader.translate.gloss import gloss_sentence

    res = Resources()

    def gloss(text: str) -> str:
        loaded = LoadedText(text=text, blocks=(Block(0, len(text)),), meta=Meta())
        article = annotate(loaded, Options(glossary=res.glossary(use_user=False)), res)
        return " ".join(gloss_sentence(s)[0] for s in article.sentences())

    line = gloss("家住朝阳区的刘女士告诉记者，犯罪嫌疑人王某已被拘留。")
    assert "Ms. Liu" in line and "Wang (surname)" in line and "king or monarch" not in line
    line = gloss("他对高女士说，周女士和吴先生都来了。")
    assert "Ms. Zhou" in line and "Mr. Wu" in line and "lady" not in line
    # 三张 | 先生的照片: 张 counts the photos, it is no surname here
    assert "Mr. Zhang" not in gloss("三张先生的照片挂在墙上。")
    # 于 "at" and 某 "some" before a number: no Yu
    assert "Yu (surname)" not in gloss("于某两家基金公司进行了调查。")
    # 氏 makes a family as often as a woman: left to the recogniser (程氏序 "the Cheng preface")
    assert "Lady Cheng" not in gloss("可见程氏序系后来的藏书家配补。")


def test_a_titled_person_reads_as_title_and_surname_in_the_names_list() -> None:
    from reader.glossary.titled_persons import titled_persons
    from reader.model import Token

    def token(text: str, start: int, pos: str, readings: tuple[str, ...]) -> Token:
        return Token(text, start, start + len(text), text, "", readings, pos, None)

    tokens = [
        token("周", 0, "nr", ("zhou1",)),
        token("女士", 1, "n", ("nv3", "shi4")),
        token("和", 3, "c", ("he2",)),
        token("王某", 4, "nr", ("wang2", "mou3")),
    ]
    found = {(h.term, h.en, h.forced) for h in titled_persons(tokens)}
    assert found == {("周女士", "Ms. Zhou", False), ("王某", "Wang (surname)", False)}
