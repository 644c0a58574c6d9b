"""CLI usage defects: mistyped commands, options that do nothing, options without help."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main


def test_mistyped_command_is_named_with_a_suggestion(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["anotate", "f"]) == 2
    err = capsys.readouterr().err
    assert "unknown command 'anotate'" in err
    assert "did you mean 'annotate'?" in err
    assert "unrecognized arguments" not in err


def test_a_file_named_like_a_command_still_opens(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`reader nmaes` is an article when such a file exists; an unknown path says so."""
    from reader.cli import _mistyped_command

    monkeypatch.chdir(tmp_path)
    assert _mistyped_command("nmaes") == "names"
    (tmp_path / "nmaes").write_text("中文。", encoding="utf-8")
    assert _mistyped_command("nmaes") is None
    assert _mistyped_command("article.md") is None
    assert _mistyped_command("annotate") is None
    assert _mistyped_command("zzzz") is None


def _help(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    return capsys.readouterr().out


def test_names_help_offers_no_pinyin_options(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help("names", capsys)
    assert "--pinyin" not in out and "--sandhi" not in out
    assert "--glossary" in out
    assert "--pinyin" in _help("annotate", capsys)


def test_pinyin_glossary_option_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help("pinyin", capsys)
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("--glossary FILE"))
    assert "glossary file" in line
    assert "shipped glossaries" in out  # --no-default-glossary explained too


def test_names_still_runs_without_pinyin_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("小米创始人雷军说。\n", encoding="utf-8")
    assert main(["names", str(path), "--format", "json"]) == 0
    assert capsys.readouterr().out.strip().startswith("[")
