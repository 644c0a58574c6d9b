"""`reader glossary list/add/import/export`: user glossary edits and round trips."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reader import paths
from reader.cli import main
from reader.glossary import load_glossary
from reader.glossary.format import read_glossary_file

BASIC = Path(__file__).parent / "data" / "glossary" / "basic.tsv"

USER_FILE = """\
# my names
zh\ten\ttype\taliases\tnote\tflags

# robots
宇树科技\tUnitree\tcompany
# search
百度\tBaidu\tcompany\t\tsearch engine
"""


@pytest.fixture
def user_file() -> Path:
    path = paths.user_glossary_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(USER_FILE, encoding="utf-8")
    return path


def test_add_creates_the_user_glossary(capsys: pytest.CaptureFixture[str]) -> None:
    path = paths.user_glossary_path()
    assert not path.exists()
    assert main(["glossary", "add", "蔚来", "NIO", "--type", "company", "--note", "EV maker"]) == 0
    parsed = read_glossary_file(path)
    assert parsed.issues == []
    assert [(e.zh, e.en, e.type, e.note) for e in parsed.entries] == [
        ("蔚来", "NIO", "company", "EV maker")
    ]
    assert "added" in capsys.readouterr().out


def test_add_keeps_comments_and_order_and_replaces_in_place(user_file: Path) -> None:
    assert main(["glossary", "add", "宇樹科技", "Unitree Robotics", "--type", "company"]) == 0
    assert main(["glossary", "add", "小鹏", "XPeng", "--type", "company", "--alias", "小鵬"]) == 0
    lines = user_file.read_text(encoding="utf-8").splitlines()
    assert lines == [
        "# my names",
        "zh\ten\ttype\taliases\tnote\tflags",
        "",
        "# robots",
        "宇樹科技\tUnitree Robotics\tcompany",  # replaced where it was (other script)
        "# search",
        "百度\tBaidu\tcompany\t\tsearch engine",
        "小鹏\tXPeng\tcompany\t小鵬",
    ]
    g = load_glossary(use_default=False)
    assert g.lookup("宇树科技").en == "Unitree Robotics"  # type: ignore[union-attr]
    assert g.lookup("小鵬").en == "XPeng"  # type: ignore[union-attr]


def test_add_to_a_file_whose_header_lacks_columns(user_file: Path) -> None:
    user_file.write_text("# short\nzh\ten\n宇树科技\tUnitree\n", encoding="utf-8")
    assert main(["glossary", "add", "百度", "Baidu", "--type", "company", "--note", "search"]) == 0
    parsed = read_glossary_file(user_file)
    assert parsed.issues == []
    assert [(e.zh, e.type, e.note) for e in parsed.entries] == [
        ("宇树科技", "other", ""),
        ("百度", "company", "search"),
    ]
    assert user_file.read_text(encoding="utf-8").startswith("# short\n")


def test_add_rejects_tabs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "add", "百度", "Bai\tdu"]) == 2
    assert "tab" in capsys.readouterr().err


def test_list_by_type(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["glossary", "list", "--no-default-glossary", "--glossary", str(BASIC), "--type", "place"]
    )
    assert code == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert {r[0] for r in rows} == {"之江", "西湖", "杭州", "杭州湾", "湾区"}
    assert all(r[2] == "place" and r[5] == str(BASIC) for r in rows)


@pytest.mark.parametrize("fmt", ["csv", "tbx", "tsv"])
def test_export_then_import_gives_identical_entries(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = load_glossary(use_default=False, extra_files=[BASIC]).entries
    out = tmp_path / f"export.{fmt}"
    args = ["glossary", "export", "--format", fmt, "-o", str(out)]
    assert main([*args, "--no-default-glossary", "--glossary", str(BASIC)]) == 0
    assert main(["glossary", "import", str(out)]) == 0
    imported = load_glossary(use_default=False).entries
    assert len(imported) == len(original)
    for a, b in zip(original, imported, strict=True):
        assert a.same_content(b), (a, b)


def test_tbx_structure(tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    main(
        [
            "glossary",
            "export",
            "--format",
            "tbx",
            "-o",
            str(out),
            "--no-default-glossary",
            "--glossary",
            str(BASIC),
        ]
    )
    root = ET.parse(out).getroot()
    assert root.tag == "martif"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entry = root.find("text/body/termEntry")
    assert entry is not None
    secs = {s.get(lang): s for s in entry.findall("langSec")}
    assert secs["zh"].findtext("tig/term") == "宇樹科技"
    assert secs["en"].findtext("tig/term") == "Unitree Robotics"
    assert secs["zh"].findtext("tig/termNote[@type='entityType']") == "company"


def test_export_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "g.csv"
    out.write_text("keep me", encoding="utf-8")
    args = ["glossary", "export", "--format", "csv", "-o", str(out), "--no-default-glossary"]
    assert main([*args, "--glossary", str(BASIC)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main([*args, "--glossary", str(BASIC), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("zh,en,type")


def test_import_csv_from_a_spreadsheet_reports_bad_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "names.csv"
    sheet.write_text(
        '\ufeffzh,en,type,note\n蔚来,NIO,company,"EV maker, Shanghai"\n,Nothing,company\n',
        encoding="utf-8",
    )
    assert main(["glossary", "import", str(sheet)]) == 1
    assert f"{sheet}:3: empty term" in capsys.readouterr().err
    entry = load_glossary(use_default=False).lookup("蔚來")
    assert entry is not None and entry.note == "EV maker, Shanghai"


def test_import_can_skip_entries_the_shipped_glossary_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "mine.tsv"
    sheet.write_text(
        "zh\ten\ttype\n宇树科技\tUnitree Robotics\tcompany\n呯嘭智能\tPingPong AI\tcompany\n",
        encoding="utf-8",
    )
    assert main(["glossary", "import", str(sheet), "--skip-shipped"]) == 0
    assert "skipped 1 entries" in capsys.readouterr().out
    user = load_glossary(use_default=False).entries
    assert [e.zh for e in user] == ["呯嘭智能"]
