"""LAC's network fine-tuned for our name types (reader/annotate/names_lac_ft.py, weights
reader/data/lac_ner.npz made by tools/finetune_lac_ner.py; DATA.md "Eighth round")."""

from __future__ import annotations

import pytest

from reader.annotate.names_lac import default_weights
from reader.annotate.names_lac_ft import LacNameTagger, bio_spans, default_ner_weights


def test_bio_spans_read_b_and_i_of_one_type() -> None:
    tags = ["B-ORG", "I-ORG", "O", "O", "O", "B-PER", "I-PER", "I-LOC", "O"]
    probs = [0.9, 0.8, 1.0, 1.0, 1.0, 0.7, 0.95, 0.6, 1.0]
    found = [(e.start, e.end, e.type, e.confidence) for e in bio_spans(tags, probs)]
    # an I of another type starts its own span, as the training data's reader does
    assert found == [(0, 2, "ORG", 0.8), (5, 7, "PER", 0.7), (7, 8, "LOC", 0.6)]


def test_lac_own_weights_are_refused_with_a_clear_error() -> None:
    if not default_weights().is_file():
        pytest.skip(f"{default_weights()} absent (tools/convert_lac.py, DATA.md)")
    with pytest.raises(ValueError, match="not BIO name weights"):
        LacNameTagger(default_weights())


needs_weights = pytest.mark.skipif(
    not default_ner_weights().is_file(),
    reason=f"{default_ner_weights()} absent (tools/finetune_lac_ner.py, DATA.md)",
)


@pytest.fixture(scope="module")
def tagger() -> LacNameTagger:
    return LacNameTagger()


@needs_weights
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("小米创始人雷军说，今年的手机卖得很好。", {"小米": "ORG", "雷军": "PER"}),
        (
            "马云创办了阿里巴巴集团，总部位于杭州。",
            {"马云": "PER", "阿里巴巴集团": "ORG", "杭州": "LOC"},
        ),
        ("今天天气很好，我们去公园散步吧。", {}),
    ],
)
def test_names(tagger: LacNameTagger, text: str, expected: dict[str, str]) -> None:
    (found,) = tagger.names([text])
    assert {text[e.start : e.end]: e.type for e in found} == expected
    assert all(0.0 < e.confidence <= 1.0 for e in found)


@needs_weights
def test_tags_are_bio_and_one_per_character(tagger: LacNameTagger) -> None:
    texts = ["华为在深圳发布了新款手机。", "", "张三"]
    tags = tagger.tags(texts)
    assert [len(t) for t in tags] == [len(t) for t in texts]
    assert all(t == "O" or t[:2] in ("B-", "I-") for row in tags for t in row)


@needs_weights
def test_batches_give_what_single_sentences_give(tagger: LacNameTagger) -> None:
    texts = ["小米创始人雷军说。", "马云创办了阿里巴巴集团，总部位于杭州。", "你好"]
    together = tagger.names(texts)
    alone = [tagger.names([t])[0] for t in texts]
    assert [[(e.start, e.end, e.type) for e in row] for row in together] == [
        [(e.start, e.end, e.type) for e in row] for row in alone
    ]
