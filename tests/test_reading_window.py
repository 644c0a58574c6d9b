"""A very long article is annotated in a window round the reader (reader.reading.window):
the order parts are taken in, the window's span, and which sentences are let go."""

from __future__ import annotations

import pytest

from reader.pipeline import outline, plain_sentence
from reader.reading.window import BEFORE, AnnotationPlan
from reader.session import Session


def test_a_short_article_is_annotated_whole_from_above_the_reader() -> None:
    plan = AnnotationPlan(100, window=40, keep=200)
    assert not plan.windowed
    first = plan.take(50, 5)
    assert first == list(range(50 - BEFORE, 50 - BEFORE + 5))
    rest = plan.take(50, 1000)
    # on to the end, then back up from above the reader to the start
    assert rest[: 100 - (50 - BEFORE + 5)] == list(range(50 - BEFORE + 5, 100))
    assert rest[100 - (50 - BEFORE + 5) :] == list(range(50 - BEFORE - 1, -1, -1))
    assert plan.take(50, 10) == []
    assert plan.let_go(0, range(100)) == []  # the whole article fits: nothing let go


def test_a_long_article_is_annotated_round_the_reader_only() -> None:
    plan = AnnotationPlan(1000, window=100, keep=150)
    assert plan.windowed
    taken = plan.take(500, 10_000)
    assert sorted(taken) == list(range(450, 550))
    assert plan.take(500, 10) == []  # the window is done until the reader moves
    assert plan.take(520, 100) == list(range(550, 570))  # the window follows the reader


def test_the_window_keeps_its_size_at_the_ends() -> None:
    plan = AnnotationPlan(1000, window=100, keep=150)
    assert plan.span(3, 100) == range(0, 100)
    assert plan.span(998, 100) == range(900, 1000)
    assert sorted(plan.take(999, 10_000)) == list(range(900, 1000))


def test_far_sentences_are_let_go_and_taken_again_when_the_reader_returns() -> None:
    plan = AnnotationPlan(1000, window=100, keep=150)
    plan.take(100, 10_000)  # 50..149
    annotated = set(range(50, 150))
    assert plan.let_go(120, annotated) == []  # within the keep span 45..194
    far = plan.let_go(800, annotated)
    assert far == sorted(annotated)
    plan.forget(far)
    assert sorted(plan.take(100, 10_000)) == list(range(50, 150))


def test_keep_must_hold_the_window() -> None:
    with pytest.raises(ValueError, match="keep"):
        AnnotationPlan(10, window=20, keep=10)


def test_session_lets_sentences_go_back_to_plain_form() -> None:
    from reader.load import load_bytes

    loaded = load_bytes("我们在公园里散步。今天天气很好。他说：好啊。".encode(), name="t.txt")
    text = loaded.text
    article = outline(loaded, tokens="runs")
    s = Session(article, annotated=True)
    assert s.annotated_at == {0, 1, 2}
    s.windowed = True
    before = s.versions.get(1, 0)
    assert s.let_go([1, 2]) == [1, 2]
    assert s.annotated_at == {0}
    assert s.versions[1] == before + 1
    assert s.sentences[1] == plain_sentence(text, s.sentences[1])
    assert list(s.article.sentences())[1] == s.sentences[1]
    # only annotated sentences wait for English in a windowed article
    assert s.untranslated() == [0]
    assert s.let_go([0]) == []  # never the reader's own sentence
