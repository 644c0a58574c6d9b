"""A recogniser's person or organisation across a bracket or quotation mark is cut there
(reader/glossary/mark_edges.py; DATA.md, sixteenth round). Our own sentences."""

from __future__ import annotations

from found_entity import Found

from reader.glossary.mark_edges import cut_at_marks


def names(text: str, *spans: tuple[str, str]) -> list[tuple[str, str]]:
    found = []
    for name, kind in spans:
        at = text.index(name)
        found.append(Found(at, at + len(name), kind, 0.9))
    return [(text[e.start : e.end], e.type) for e in cut_at_marks(found, text)]


def test_a_closing_mark_taken_into_a_name_is_left_out() -> None:
    text = "通讯员王小洋）报道"
    assert names(text, ("王小洋）", "PER")) == [("王小洋", "PER")]
    text = "远离农商行”。"
    assert names(text, ("农商行”", "ORG")) == [("农商行", "ORG")]


def test_a_name_and_its_bracketed_acronym_are_two_names() -> None:
    text = "受fsa（英国金融服务管理局）监管"
    assert names(text, ("fsa（英国金融服务管理局", "ORG")) == [
        ("fsa", "ORG"),
        ("英国金融服务管理局", "ORG"),
    ]


def test_marks_at_both_edges_are_left_out() -> None:
    text = "（克尔）应该坦白"
    assert names(text, ("（克尔）", "PER")) == [("克尔", "PER")]
    text = "刮奖查看>乐活家园"
    assert names(text, (">乐活家园", "ORG")) == [("乐活家园", "ORG")]


def test_marks_inside_a_name_are_the_names_and_it_stays_as_it_was() -> None:
    # the quotation marks, the bracketed group, are part of these names: no piece is one
    for name in ("台湾“工商建设研究会”经贸考察团", "“哥伦比亚”号航天飞机", "亚宝药业（集团）公司"):
        text = f"会见了{name}一行"
        assert names(text, (name, "ORG")) == [(name, "ORG")]


def test_a_piece_of_one_character_or_one_already_found_is_not_added() -> None:
    text = "（李）记者王明"
    assert names(text, ("（李）", "PER")) == [("（李）", "PER")]  # nothing to cut: as it was
    text = "苏格兰皇家银行（rbs）"
    assert names(text, ("苏格兰皇家银行（rbs", "ORG"), ("苏格兰皇家银行", "ORG")) == [
        ("苏格兰皇家银行", "ORG"),
        ("rbs", "ORG"),
    ]


def test_a_piece_of_a_book_title_is_the_works_not_a_name() -> None:
    text = "他撰写《王氏家训》一书"
    assert names(text, ("《王氏", "ORG")) == [("《王氏", "ORG")]  # not cut into 王氏
    text = "他撰写《王氏家训》一书"
    assert names(text, ("王氏家训》", "ORG")) == [("王氏家训》", "ORG")]


def test_products_and_names_without_marks_are_untouched() -> None:
    text = "憑藉《黑神话》和张三·李的作品"
    found = [Found(2, 7, "PRODUCT", 0.99), Found(8, 13, "PER", 0.9)]
    assert cut_at_marks(found, text) == found
