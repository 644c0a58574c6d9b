"""The Han definition is one (reader/han.py) and every layer agrees on it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.han import HAN_RE, HAN_RUN_RE, has_han, is_han

READER = Path(__file__).resolve().parents[1] / "reader"

# First code points of the Han blocks, as they would be written in a range literal elsewhere:
# "\u4e00", "0x4E00", "\U00020000", ... Only reader/han.py may spell them.
_BLOCK_STARTS = ("4e00", "3400", "f900", "20000", "2f800", "30000", "31350")
_LITERAL = re.compile(r"(?:\\u|\\U000|0x|U\+)(" + "|".join(_BLOCK_STARTS) + r")\b", re.IGNORECASE)

EXT_B = "\U00020bb7"  # 𠮷 (Extension B), seen in Hong Kong and Japanese names
EXT_A = "\u3400"  # 㐀
COMPAT = "\uf91f"  # CJK compatibility ideograph (NFC -> 瀞's unified twin)
COMPAT_SUPPLEMENT = "\U0002f800"  # CJK Compatibility Ideographs Supplement
EXT_G = "\U00030000"


def test_no_other_han_range_literal_in_reader() -> None:
    offenders = []
    for path in sorted(READER.rglob("*.py")):
        if path.name == "han.py" and path.parent == READER:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _LITERAL.search(line):
                offenders.append(f"{path.relative_to(READER.parent)}:{number}: {line.strip()}")
    assert offenders == [], "Han ranges belong in reader/han.py:\n" + "\n".join(offenders)


def test_the_literal_check_would_catch_a_copy() -> None:
    assert _LITERAL.search(r'return "\u4e00" <= ch <= "\u9fff"')
    assert _LITERAL.search("0x4E00 <= cp <= 0x9FFF")
    assert _LITERAL.search(r"[\U00020000-\U0003134f]")
    assert not _LITERAL.search("sample = text[:20000]")


@pytest.mark.parametrize(
    "ch", ["中", "國", "〇", EXT_A, EXT_B, COMPAT, COMPAT_SUPPLEMENT, EXT_G, "\u9fff"]
)
def test_han_characters(ch: str) -> None:
    assert is_han(ch)
    assert HAN_RE.fullmatch(ch)


@pytest.mark.parametrize(
    "ch", ["a", "1", "，", "。", "々", "ㄅ", "\u2f00", "\u2e80", "あ", "한", "Ａ", "\u3000", "😀"]
)
def test_not_han(ch: str) -> None:
    assert not is_han(ch)
    assert not HAN_RE.fullmatch(ch)


def test_is_han_agrees_with_the_ranges_at_every_block_edge() -> None:
    from reader.han import HAN_RANGES

    for first, last in HAN_RANGES:
        for cp in (first - 1, first, last, last + 1):
            inside = any(a <= cp <= b for a, b in HAN_RANGES)
            assert is_han(chr(cp)) is inside, hex(cp)
            assert bool(HAN_RE.fullmatch(chr(cp))) is inside, hex(cp)


def test_runs_and_has_han() -> None:
    text = f"A{EXT_B}野家，{COMPAT}x"
    assert [m.group() for m in HAN_RUN_RE.finditer(text)] == [f"{EXT_B}野家", COMPAT]
    assert has_han("abc中") and not has_han("abc，")


def test_every_layer_uses_the_definition() -> None:
    """Tokens, the exports' Han test, the cursor and the glossary see Ext-B and compatibility
    characters as Han, as pinyin does."""
    from reader.annotate.pinyin import is_han as pinyin_is_han
    from reader.annotate.script import is_han as script_is_han
    from reader.export._common import is_han_char as export_is_han
    from reader.glossary.auto import is_han as glossary_is_han
    from reader.model import Token
    from reader.reading.search import is_han as session_is_han
    from reader.translate.protect import has_han as protect_has_han
    from reader.translate.protect import is_han as protect_is_han

    for fn in (
        pinyin_is_han,
        script_is_han,
        export_is_han,
        glossary_is_han,
        session_is_han,
        protect_is_han,
    ):
        assert fn is is_han
    assert protect_has_han(f"x{EXT_B}")
    assert Token(EXT_B, 0, 1).is_han
    assert Token(COMPAT, 0, 1).is_han
    assert not Token("abc", 0, 3).is_han


def test_cursor_stops_on_ext_b_and_compatibility_characters() -> None:
    """The exports and the TUI find the Han characters of a token the same way pinyin does."""
    from reader.export._common import is_han_char

    text = f"用{EXT_B}和{COMPAT}，ok"
    assert [ch for ch in text if is_han_char(ch)] == ["用", EXT_B, "和", COMPAT]
