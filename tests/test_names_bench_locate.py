"""bench/names.py's pipeline row finds each set sentence in the loaded article, even when the
loader dropped a trailing hyphen (a sentence's names were all counted as missed before)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tools"))

from names import locate  # noqa: E402


def test_locate_finds_a_sentence_and_its_end() -> None:
    assert locate("甲乙\n丙丁", "丙丁", 0) == (3, 5)


def test_locate_drops_a_trailing_hyphen_the_loader_dropped() -> None:
    assert locate("科蒂克宣称投资5\n下一句", "科蒂克宣称投资5-", 0) == (0, 8)


def test_locate_searches_from_the_cursor_and_reports_absence() -> None:
    assert locate("甲乙甲乙", "甲乙", 1) == (2, 4)
    assert locate("甲乙", "丙丁戊", 0) == (-1, -1)
