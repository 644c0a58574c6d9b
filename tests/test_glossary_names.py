"""Who's who: collect_names over an article, and `reader names`."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.glossary.names import collect_names
from reader.model import Article, GlossaryHit, Paragraph, Sentence, Token

from conftest import SIMPLIFIED_SAMPLE


def article_from(text: str, hits: list[GlossaryHit]) -> Article:
    """One sentence whose tokens are the hits' spans and single characters between them."""
    tokens, pos = [], 0
    for hit in sorted(hits, key=lambda h: h.start):
        tokens += [Token(text=text[i], start=i, end=i + 1) for i in range(pos, hit.start)]
        tokens.append(
            Token(text=text[hit.start : hit.end], start=hit.start, end=hit.end, glossary=hit)
        )
        pos = hit.end
    tokens += [Token(text=text[i], start=i, end=i + 1) for i in range(pos, len(text))]
    sentence = Sentence(index=0, start=0, end=len(text), text=text, tokens=tuple(tokens))
    return Article(
        text=text, paragraphs=(Paragraph(index=0, start=0, end=len(text), sentences=(sentence,)),)
    )


def hit(
    text: str, word: str, en: str, kind: str, source_file: str, nth: int = 0, term: str = ""
) -> GlossaryHit:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    auto = source_file == "auto"
    return GlossaryHit(
        start=start,
        end=start + len(word),
        term=term or word,
        en=en,
        type=kind,
        source_file=source_file,
        source="auto" if auto else "glossary",
    )


def test_collect_names_counts_groups_and_sorts() -> None:
    text = "宇树科技与宇樹科技，宇树合作；蒋韬和蔣韜；阿里"
    hits = [
        hit(text, "宇树科技", "Unitree Robotics", "company", "/g/companies.tsv"),
        hit(text, "宇樹科技", "Unitree Robotics", "company", "/g/companies.tsv", term="宇树科技"),
        hit(
            text, "宇树", "Unitree Robotics", "company", "/g/companies.tsv", nth=1, term="宇树科技"
        ),
        hit(text, "蒋韬", "Jiang Tao", "person", "auto"),
        hit(text, "蔣韜", "Jiang Tao", "person", "auto"),
        hit(text, "阿里", "Alibaba", "company", "/g/companies.tsv"),
    ]
    rows = collect_names(article_from(text, hits))
    assert [(r.name, r.en, r.count, r.source) for r in rows] == [
        ("宇树科技", "Unitree Robotics", 3, "glossary"),  # one entity: both scripts, alias
        ("蒋韬", "Jiang Tao", 2, "auto"),  # auto names in either script are one name
        ("阿里", "Alibaba", 1, "glossary"),
    ]
    assert set(rows[0].forms) == {"宇树科技", "宇樹科技", "宇树"}
    assert rows[0].to_json()["source_file"] == "/g/companies.tsv"


def test_collect_names_ties_keep_text_order() -> None:
    text = "乙公司和甲公司"
    hits = [
        hit(text, "乙公司", "B Co", "company", "auto"),
        hit(text, "甲公司", "A Co", "company", "auto"),
    ]
    assert [r.en for r in collect_names(article_from(text, hits))] == ["B Co", "A Co"]


@pytest.mark.shared
def test_names_command_on_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["names", str(SIMPLIFIED_SAMPLE), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows, "the sample names companies"
    counts = [r["count"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    text = SIMPLIFIED_SAMPLE.read_text(encoding="utf-8")
    for r in rows:
        assert r["source"] in ("glossary", "auto")
        assert (
            r["source_file"] == "auto"
            if r["source"] == "auto"
            else r["source_file"].endswith(".tsv")
        )
        assert all(form in text for form in r["forms"])
    assert any(r["type"] == "company" and r["source"] == "glossary" for r in rows)
