"""Glossary files: parsing, validation (FILE:LINE), layering, look-up, fingerprint."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import paths
from reader.cli import main
from reader.errors import ReaderError
from reader.glossary import load_glossary
from reader.glossary.format import parse_tsv, read_glossary_file

DATA = Path(__file__).parent / "data" / "glossary"
BASIC = DATA / "basic.tsv"
BROKEN = DATA / "broken.tsv"
OVERRIDE = DATA / "override.tsv"


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A shipped-glossaries dir holding only the basic fixture."""
    folder = tmp_path / "shipped"
    folder.mkdir()
    (folder / "basic.tsv").write_bytes(BASIC.read_bytes())
    monkeypatch.setattr(paths, "shipped_glossaries_dir", lambda: folder)
    return folder


def test_parse_fixture_columns_aliases_flags() -> None:
    parsed = read_glossary_file(BASIC)
    assert parsed.errors == []
    by_zh = {e.zh: e for e in parsed.entries}
    assert by_zh["宇樹科技"].aliases == ("宇树",)
    assert by_zh["宇樹科技"].type == "company"
    assert by_zh["联想"].ambiguous and not by_zh["华为"].ambiguous
    assert by_zh["之江"].line == 6
    assert by_zh["之江"].source_file == str(BASIC)


def test_bom_and_crlf_are_tolerated() -> None:
    text = "\ufeffzh\ten\ttype\r\n# comment\r\n宇树科技\tUnitree Robotics\tcompany\r\n"
    parsed = parse_tsv(text, "x.tsv")
    assert parsed.issues == []
    assert [(e.zh, e.en, e.type) for e in parsed.entries] == [
        ("宇树科技", "Unitree Robotics", "company")
    ]


def test_files_without_optional_columns() -> None:
    parsed = read_glossary_file(DATA / "two_columns.tsv")  # no header, zh and en only
    assert parsed.issues == []
    assert [(e.zh, e.en, e.type) for e in parsed.entries] == [
        ("宇树科技", "Unitree Robotics", "other"),
        ("群核科技", "Manycore Tech", "other"),
    ]


def test_validation_reports_file_line_and_keeps_the_rest() -> None:
    parsed = read_glossary_file(BROKEN)
    errors = [str(i) for i in parsed.errors]
    assert len(errors) == 3
    assert errors[0].startswith(f"{BROKEN}:4: missing column")
    assert errors[1].startswith(f"{BROKEN}:5: empty term")
    assert errors[2].startswith(f"{BROKEN}:6: duplicate term")
    assert "Unitree Robotics" in errors[2]  # names the rendering it conflicts with
    assert [e.zh for e in parsed.entries] == ["宇树科技", "群核科技"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("宇树科技\t\tcompany", "empty English"),
        ("宇树科技\tUnitree\tcomapny", "unknown type 'comapny'"),
        ("宇树科技\tUnitree\tcompany\t\t\tmaybe", "unknown flag 'maybe'"),
        ("宇树科技\tUnitree\tcompany\t\t\t\textra", "fields but the header has"),
    ],
)
def test_other_validation_errors(line: str, expected: str) -> None:
    parsed = parse_tsv("zh\ten\ttype\taliases\tnote\tflags\n" + line + "\n", "g.tsv")
    assert len(parsed.errors) == 1
    assert str(parsed.errors[0]).startswith("g.tsv:2: ")
    assert expected in str(parsed.errors[0])
    assert parsed.entries == []


def test_check_command_prints_three_errors_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "check", str(BROKEN)]) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith(f"{BROKEN}:")]
    assert [line.split(":")[1] for line in lines] == ["4", "5", "6"]


def test_check_command_passes_on_a_good_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "check", str(BASIC)]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_check_reports_a_term_rendered_differently_in_two_files(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["glossary", "check", str(BASIC), str(OVERRIDE)]) == 1
    out = capsys.readouterr().out
    assert f"{OVERRIDE}:3: term '宇树科技'" in out  # 宇樹科技 in basic.tsv, another script


def test_unreadable_files_raise_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="not found"):
        load_glossary(extra_files=[tmp_path / "nope.tsv"], use_default=False)
    latin1 = tmp_path / "latin1.tsv"
    latin1.write_bytes("zh\ten\ncafé\tcafé\n".encode("latin-1"))
    with pytest.raises(ReaderError, match="not UTF-8"):
        load_glossary(extra_files=[latin1], use_default=False)


def test_layers_later_overrides_earlier(shipped: Path) -> None:
    base = load_glossary()
    assert base.lookup("宇树科技").en == "Unitree Robotics"  # type: ignore[union-attr]
    layered = load_glossary(extra_files=[OVERRIDE])
    entry = layered.lookup("宇樹科技")
    assert entry is not None and entry.en == "Unitree"
    assert entry.source_file == str(OVERRIDE)
    # The overriding entry keeps the aliases of the one it replaced.
    alias = layered.lookup("宇树")
    assert alias is not None and alias.en == "Unitree"
    assert layered.lookup("蔚来").en == "NIO"  # type: ignore[union-attr]
    assert len(layered) == len(base) + 1  # overrides replace, they don't add
    assert load_glossary(use_default=False, extra_files=[OVERRIDE]).lookup("华为") is None


def test_user_glossary_sits_between_shipped_and_extra(shipped: Path) -> None:
    user = paths.user_glossary_path()
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text(
        "zh\ten\ttype\n华为\tHuawei Technologies\tcompany\n宇树科技\tUser Unitree\tcompany\n"
    )
    g = load_glossary()
    assert g.lookup("华为").en == "Huawei Technologies"  # type: ignore[union-attr]
    assert g.lookup("宇树科技").en == "User Unitree"  # type: ignore[union-attr]
    g2 = load_glossary(extra_files=[OVERRIDE])
    assert g2.lookup("宇树科技").en == "Unitree"  # type: ignore[union-attr]
    assert load_glossary(use_user=False).lookup("华为").en == "Huawei"  # type: ignore[union-attr]


def test_shipped_layer_is_parsed_once_and_reloaded_on_change(shipped: Path) -> None:
    from reader.resources import Resources

    resources = Resources()
    first = resources.glossary()
    assert resources.glossary() is first
    (shipped / "more.tsv").write_text("zh\ten\ttype\n蔚来\tNIO\tcompany\n", encoding="utf-8")
    second = resources.glossary()
    assert second is not first and second.lookup("蔚来") is not None


def test_lookup_in_either_script_and_latin_case() -> None:
    g = load_glossary(use_default=False, extra_files=[BASIC])
    assert g.lookup("宇树科技") is g.lookup("宇樹科技")
    assert g.lookup("浙江大學").en == "Zhejiang University"  # type: ignore[union-attr]
    assert g.lookup("浙大").zh == "浙江大学"  # type: ignore[union-attr]
    assert g.lookup("deepseek").zh == "深度求索"  # type: ignore[union-attr]
    assert g.lookup("联想").ambiguous  # type: ignore[union-attr]
    assert g.lookup("不存在") is None


def test_user_words_cover_both_scripts() -> None:
    words = set(load_glossary(use_default=False, extra_files=[BASIC]).user_words())
    assert {"宇樹科技", "宇树科技", "之江实验室", "之江實驗室", "浙大", "36氪"} <= words
    assert "DeepSeek" in words


def test_fingerprint_is_stable_and_tracks_renderings(tmp_path: Path) -> None:
    a = load_glossary(use_default=False, extra_files=[BASIC]).fingerprint
    copy = tmp_path / "copy.tsv"
    copy.write_bytes(BASIC.read_bytes())
    assert load_glossary(use_default=False, extra_files=[copy]).fingerprint == a
    changed = tmp_path / "changed.tsv"
    changed.write_text(
        BASIC.read_text(encoding="utf-8").replace("Zhejiang Lab", "ZJ Lab"), encoding="utf-8"
    )
    assert load_glossary(use_default=False, extra_files=[changed]).fingerprint != a
