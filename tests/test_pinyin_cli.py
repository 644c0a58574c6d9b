"""`reader pinyin`: one output line per input line; JSON arrays as long as their line."""

from __future__ import annotations

import io
import json

import pytest

from reader.cli import main

from conftest import BUNDLED_TRADITIONAL, TRADITIONAL_SAMPLE

LINES = ["我去銀行取錢，然後行走。", "", "iPhone 15 和 DeepSeek-R1 都很好", "他喝了一点儿水。"]


def test_text_one_line_per_input_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pinyin", *LINES]) == 0
    out = capsys.readouterr().out.split("\n")
    assert out[-1] == ""
    out = out[:-1]
    assert len(out) == len(LINES)
    assert out[0].startswith("wǒ qù yínháng")
    assert "xíngzǒu" in out[0]
    assert out[1] == ""
    assert "iPhone" in out[2] and "15" in out[2] and "DeepSeek-R1" in out[2]
    assert "yīdiǎnr" in out[3]


def test_stdin_and_styles(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("银行\n行走\n\n"))
    assert main(["pinyin", "-", "--style", "numbers"]) == 0
    assert capsys.readouterr().out == "yin2hang2\nxing2zou3\n\n"
    assert main(["pinyin", "--style", "zhuyin", "银行"]) == 0
    assert capsys.readouterr().out == "ㄧㄣˊ ㄏㄤˊ\n"


def test_json_one_entry_per_character(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pinyin", "--format", "json", *LINES]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(LINES)
    for line, row in zip(LINES, out, strict=True):
        cells = json.loads(row)
        assert len(cells) == len(line)
        for ch, cell in zip(line, cells, strict=True):
            if "\u4e00" <= ch <= "\u9fff":
                assert cell != ch and cell.isalpha(), (ch, cell)
            else:
                assert cell == ch
    first = json.loads(out[0])
    assert first[LINES[0].index("行")] == "háng"
    assert first[LINES[0].rindex("行")] == "xíng"


def test_sandhi_is_labelled(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pinyin", "--sandhi", "--style", "numbers", "不是", "你好"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "bu2shi4\nni2hao3\n"
    assert "sandhi" in captured.err
    assert main(["pinyin", "--style", "numbers", "不是"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "bu4shi4\n" and captured.err == ""


@pytest.mark.parametrize(
    "sample",
    [
        pytest.param(TRADITIONAL_SAMPLE, marks=pytest.mark.shared, id="shared"),
        pytest.param(BUNDLED_TRADITIONAL, id="bundled"),
    ],
)
def test_pinyin_and_annotate_agree_on_the_traditional_sample(
    capsys: pytest.CaptureFixture[str], tmp_path, sample
) -> None:
    from reader.glossary import load_glossary
    from reader.pipeline import Options, annotate_path

    text = sample.read_text(encoding="utf-8")
    if text.startswith("---\n"):  # front matter: not text to read
        text = text.split("\n---\n", 1)[1]
    lines = [ln for ln in text.splitlines() if ln.strip()][:20]
    path = tmp_path / "sample.txt"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    article = annotate_path(str(path), Options(pinyin_style="numbers", glossary=load_glossary()))
    by_char: dict[int, str] = {}
    for tok in article.tokens():
        for i, r in enumerate(tok.readings):
            if r is not None:
                by_char[tok.start + i] = r
    assert main(["pinyin", "--format", "json", "--style", "numbers", *lines]) == 0
    rows = [json.loads(r) for r in capsys.readouterr().out.splitlines()]
    text = article.text
    checked = 0
    for line, cells in zip(lines, rows, strict=True):
        base = text.index(line)
        for i, cell in enumerate(cells):
            if base + i in by_char:
                assert cell == by_char[base + i], (line, i, cell, by_char[base + i])
                checked += 1
    assert checked > (400 if sample == TRADITIONAL_SAMPLE else 200)


def test_without_conversion_only_the_converted_text_differs() -> None:
    """reader pinyin annotates with convert=False (OpenCC's tables stay unread): every token
    reads, segments and names exactly as with the conversion; only ``converted`` is the
    text as written."""
    from dataclasses import replace

    from reader.pipeline import Options, annotate_path

    path = str(BUNDLED_TRADITIONAL)
    converted = annotate_path(path, Options())
    plain = annotate_path(path, Options(convert=False))
    pairs = list(zip(converted.sentences(), plain.sentences(), strict=True))
    assert any(a.converted != a.text for a, _ in pairs)
    for a, b in pairs:
        assert b.converted == b.text
        assert [t.converted for t in b.tokens] == [t.text for t in b.tokens]
        same = [replace(t, converted=t.text) for t in a.tokens]
        assert same == list(b.tokens)
