"""The indented JSON writer gives json.dumps's text exactly (it replaces it for speed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.export.jsontext import dumps_indented
from reader.pipeline import Options, annotate_path, article_to_json

from conftest import BUNDLED_SAMPLE, BUNDLED_TRADITIONAL


@pytest.mark.parametrize("path", [BUNDLED_SAMPLE, BUNDLED_TRADITIONAL], ids=lambda p: p.name)
@pytest.mark.parametrize("indent", [1, 2])
def test_an_annotated_article_reads_as_json_dumps_writes_it(path: Path, indent: int) -> None:
    doc = article_to_json(annotate_path(str(path), Options()))
    assert dumps_indented(doc, indent) == json.dumps(doc, ensure_ascii=False, indent=indent)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        (),
        "",
        0,
        {"empty": {}, "none": [], "nested": [[], {"a": ()}]},
        ['é\u2028"\\\n\t\x00', "𠀀", 1.5, -0.0, 1e-7, 10**30, True, False, None],
        {"nan": float("nan")},  # json's NaN, handed to json.dumps
        {"inf": [float("-inf")]},
        {1: "int key", None: "null key"},  # json converts such keys
        [{"x": 1}, 2.0],
    ],
)
def test_edge_values_read_as_json_dumps_writes_them(value: Any) -> None:
    for indent in (1, 2):
        assert dumps_indented(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_values_json_cannot_write_fail_as_in_json_dumps() -> None:
    with pytest.raises(TypeError):
        dumps_indented({"set": {1, 2}})
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError):
        dumps_indented(loop)
