"""`reader vocab …`, `reader annotate --format json` status/hsk, `reader export --unknown`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.vocab import Status, VocabStore
from reader.vocab.store import default_path

ARTICLE = "# 测试\n\n我們去銀行看看三個朋友，宇樹科技的估值很高。\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def status(word: str) -> Status:
    return VocabStore(default_path()).status(word)


@pytest.mark.parametrize(
    "name,text,fmt",
    [
        ("words.txt", "銀行\n估值\n", "plain"),
        ("pleco.txt", "// deck\n银行[銀行]\tyin2hang2\tbank\n估值\tgu1zhi2\tvaluation\n", "pleco"),
        ("deck.txt", "#separator:tab\n#html:true\n<b>銀行</b>\tbank\n估值\tvaluation\n", "anki"),
    ],
)
def test_import_the_three_formats(tmp_path: Path, capsys, name: str, text: str, fmt: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert main(["vocab", "import", str(path), "--status", "learning"]) == 0
    assert f"({fmt})" in capsys.readouterr().out
    assert status("银行") is Status.LEARNING and status("估值") is Status.LEARNING


def test_import_without_words_is_one_line(tmp_path: Path, capsys):
    path = tmp_path / "empty.txt"
    path.write_text("hello\nworld\n", encoding="utf-8")
    assert main(["vocab", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "no Chinese words found" in err and "Traceback" not in err


def test_init_list_export_and_stats(tmp_path: Path, capsys, article: Path):
    assert main(["vocab", "init", "--known-hsk", "1"]) == 0
    assert "as known" in capsys.readouterr().out
    assert status("朋友") is Status.KNOWN
    assert main(["vocab", "list", "--status", "known", "--level", "1"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed and all("\tknown\tHSK 1\t" in line for line in listed)
    out = tmp_path / "vocab.tsv"
    assert main(["vocab", "export", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("word\tstatus\thsk")
    assert main(["vocab", "export", str(out)]) == 2  # never overwritten without --force
    capsys.readouterr()
    assert main(["vocab", "stats", str(article), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["known_words"] >= 2 and 0 < stats["known_share_words"] < 1
    assert main(["vocab", "stats"]) == 0
    assert "known" in capsys.readouterr().out


def test_hsk_two_setting(capsys):
    assert main(["vocab", "init", "--hsk", "2.0", "--known-hsk", "6"]) == 0
    assert "HSK 2.0" in capsys.readouterr().out
    assert main(["vocab", "init", "--known-hsk", "7"]) == 2  # HSK 2.0 has six levels


def test_annotate_json_gains_status_and_hsk(capsys, article: Path):
    VocabStore(default_path()).set_status(["银行"], Status.KNOWN)
    assert main(["annotate", str(article), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    tokens = {t["text"]: t for s in doc["sentences"] for t in s["tokens"]}
    assert tokens["銀行"]["status"] == "known" and tokens["銀行"]["hsk"] == 2
    assert tokens["估值"]["status"] == "new"
    assert tokens["宇樹科技"]["status"] is None and tokens["宇樹科技"]["hsk"] is None
    assert tokens["，"]["status"] is None
    assert main(["annotate", str(article), "--format", "json", "--no-vocab"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert "status" not in plain["sentences"][1]["tokens"][0]


def test_export_anki_unknown_words(capsys, article: Path):
    VocabStore(default_path()).set_status(
        ["测试", "我们", "去", "银行", "朋友", "很", "高", "的"], Status.KNOWN
    )
    VocabStore(default_path()).set_status(["看看"], Status.IGNORED)
    args = ["export", str(article), "--format", "anki", "--unknown", "-o", "-", "--no-translate"]
    assert main(args) == 0
    cards = [
        ln.split("\t") for ln in capsys.readouterr().out.splitlines() if not ln.startswith("#")
    ]
    assert [c[0] for c in cards] == ["估值"]
    assert "<b>估值</b>" in cards[0][4]  # the sentence it was met in
    VocabStore(default_path()).set_status(["估值"], Status.KNOWN)
    assert main(args) == 2
    assert "no unknown words" in capsys.readouterr().err
