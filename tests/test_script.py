from __future__ import annotations

from pathlib import Path

import pytest

from reader.annotate.script import (
    CONFIGS,
    convert,
    convert_aligned,
    default_conversion,
    detect_script,
    to_simplified_aligned,
)
from reader.errors import ReaderError

from conftest import BUNDLED_SAMPLE, BUNDLED_TRADITIONAL, SIMPLIFIED_SAMPLE, TRADITIONAL_SAMPLE


def test_detects_each_script() -> None:
    assert detect_script("宇樹科技與輝達合作開發機器人。") == "traditional"
    assert detect_script("宇树科技与辉达合作开发机器人。") == "simplified"
    assert detect_script("宇树科技与辉达合作。宇樹科技與輝達合作開發機器人。") == "mixed"
    assert detect_script("DeepSeek 123") == "none"


def test_default_conversion_shows_the_other_script() -> None:
    assert default_conversion("traditional") == "t2s"
    assert default_conversion("simplified") == "s2t"
    assert default_conversion("mixed") == "t2s"


@pytest.mark.parametrize("config", ["t2s", "s2t", "s2tw", "s2twp", "s2hk", "tw2s", "t2tw"])
def test_required_configs_convert(config: str) -> None:
    assert config in CONFIGS
    source = "软件" if config.startswith("s") else "軟體"
    assert convert(source, config)


def test_taiwan_phrases_change_length_and_stay_aligned_per_token() -> None:
    text = "这个软件的信息"
    spans = [(0, 2), (2, 4), (4, 5), (5, 7)]
    parts = convert_aligned(text, spans, "s2twp")
    assert len(parts) == 4
    assert parts[1] == "軟體"
    assert parts[3] == "資訊"


def test_aligned_simplified_keeps_length() -> None:
    text = "宇樹科技與輝達"
    out = to_simplified_aligned(text)
    assert out == "宇树科技与辉达" and len(out) == len(text)


def test_unknown_config_is_a_one_line_error() -> None:
    with pytest.raises(ReaderError, match="unknown conversion"):
        convert("x", "x2y")


@pytest.mark.parametrize(
    "samples",
    [
        pytest.param(
            (TRADITIONAL_SAMPLE, SIMPLIFIED_SAMPLE), marks=pytest.mark.shared, id="shared"
        ),
        pytest.param((BUNDLED_TRADITIONAL, BUNDLED_SAMPLE), id="bundled"),
    ],
)
def test_fast_t2s_agrees_with_opencc_on_the_samples(samples: tuple[Path, Path]) -> None:
    import opencc

    reference = opencc.OpenCC("t2s")
    for path in samples:
        text = path.read_text(encoding="utf-8")
        assert convert(text, "t2s") == reference.convert(text)
    mixed = "DeepSeek-R1 與ＡＢＣ發佈了3.9版，瞭解乾隆。"
    assert convert(mixed, "t2s") == reference.convert(mixed)
