"""LAC's network fine-tuned for our name types (reader/annotate/names_lac_ft.py, weights
reader/data/lac_ner.npz made by tools/finetune_lac_ner.py; DATA.md "Eighth round")."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from reader.annotate.names_lac import LacTagger, default_weights
from reader.annotate.names_lac_ft import LacNameTagger, bio_spans


def test_bio_spans_read_b_and_i_of_one_type() -> None:
    tags = ["B-ORG", "I-ORG", "O", "O", "O", "B-PER", "I-PER", "I-LOC", "O"]
    probs = [0.9, 0.8, 1.0, 1.0, 1.0, 0.7, 0.95, 0.6, 1.0]
    found = [(e.start, e.end, e.type, e.confidence) for e in bio_spans(tags, probs)]
    # an I of another type starts its own span, as the training data's reader does
    assert found == [(0, 2, "ORG", 0.8), (5, 7, "PER", 0.7), (7, 8, "LOC", 0.6)]


def test_a_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such weights file; make it with"):
        LacNameTagger(tmp_path / "lac_ner.npz")


def test_lac_own_weights_are_refused_with_a_clear_error() -> None:
    if not default_weights().is_file():
        pytest.skip(f"{default_weights()} absent (tools/convert_lac.py, DATA.md)")
    with pytest.raises(ValueError, match="not BIO name weights"):
        LacNameTagger(default_weights())


@pytest.fixture(scope="module")
def renamed_lac(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """LAC's own weights with its tags renamed to BIO (PER-B → B-PER, a part of speech →
    O): a weights file with another tag set, whose names must be LAC's."""
    if not default_weights().is_file():
        pytest.skip(f"{default_weights()} absent (tools/convert_lac.py, DATA.md)")
    with np.load(default_weights()) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["tags"] = np.array(
        [
            f"{t[-1]}-{t[:-2]}" if t[:-2] in ("PER", "ORG", "LOC") else "O"
            for t in arrays["tags"].tolist()
        ]
    )
    path = tmp_path_factory.mktemp("lac") / "renamed.npz"
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]
    return path


TEXTS = [
    "小米创始人雷军说，今年的手机卖得很好。",
    "马云创办了阿里巴巴集团，总部位于杭州。",
    "比亞迪董事長王傳福表示，海外銷量有望翻倍。",
    "今天天气很好，我们去公园散步吧。",
    "",
]


def test_another_tag_set_reads_names_as_lac_does(renamed_lac: Path) -> None:
    tagger = LacNameTagger(renamed_lac)
    found = tagger.names(TEXTS)
    lac = LacTagger().names(TEXTS)
    as_tuples = lambda rows: [  # noqa: E731
        [(e.start, e.end, e.type, round(e.confidence, 6)) for e in row] for row in rows
    ]
    assert as_tuples(found) == as_tuples(lac)
    named = {TEXTS[1][e.start : e.end]: e.type for e in found[1]}
    assert named == {"马云": "PER", "阿里巴巴集团": "ORG", "杭州": "LOC"}
    assert found[3] == [] and found[4] == []
    tags = tagger.tags(TEXTS)
    assert [len(t) for t in tags] == [len(t) for t in TEXTS]
    assert all(t == "O" or t[:2] in ("B-", "I-") for row in tags for t in row)
