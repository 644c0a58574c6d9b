"""Pinyin style names are one enum on the model; the CLI, the formatter and the TUI use it."""

from __future__ import annotations

import argparse

from reader.annotate.pinyin_format import STYLES, format_syllable
from reader.model import PinyinStyle


def _choices(argv0: str) -> tuple[str, ...]:
    from reader.cli import _build_parser

    parser = _build_parser(None)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    flag = "--style" if argv0 == "pinyin" else "--pinyin"
    action = next(a for a in sub.choices[argv0]._actions if flag in a.option_strings)
    return tuple(action.choices or ())


def test_enum_values() -> None:
    assert PinyinStyle.names() == ("marks", "numbers", "zhuyin")
    assert PinyinStyle("zhuyin") is PinyinStyle.ZHUYIN
    assert PinyinStyle.MARKS == "marks"


def test_everyone_uses_the_enum() -> None:
    from reader import pipeline, session

    assert STYLES == pipeline.PINYIN_STYLES == session.PINYIN_STYLES == PinyinStyle.names()
    assert _choices("pinyin") == PinyinStyle.names()
    assert _choices("annotate") == PinyinStyle.names()


def test_every_style_formats() -> None:
    for style in PinyinStyle:
        assert format_syllable("hao3", style)
