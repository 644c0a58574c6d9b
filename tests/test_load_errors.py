"""Bad input gets one ReaderError line (what, where, what to do); encodings are detected."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.load import load_bytes, load_path

ARTICLE = (
    "城市图书馆的夜间开放\n\n"
    "今年夏天，市图书馆把闭馆时间从晚上八点推迟到十点。馆长说，延长开放后，晚上来读书的上班族明显增多。\n"
    "一位常客表示，下班后能有一个安静的地方看书，是这座城市最让她满意的变化之一。\n"
)
TRAD = (
    "夜市攤商的數位轉型\n"
    "近年來，越來越多夜市攤商開始接受行動支付。攤商表示，找零的麻煩少了，帳目也更清楚。\n"
    "不過，也有年長的老闆覺得操作複雜，仍然習慣收現金。\n"
)


def _error(path: str, **kw: object) -> str:
    with pytest.raises(ReaderError) as info:
        load_path(path, **kw)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message and message
    return message


def test_missing_path(tmp_path: Path) -> None:
    msg = _error(str(tmp_path / "nope.txt"))
    assert "nope.txt" in msg and "no such file" in msg


def test_directory(tmp_path: Path) -> None:
    assert "directory" in _error(str(tmp_path))


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"   \n\n\t  ",
        "\u3000\u3000\n".encode(),
        b"\xef\xbb\xbf",
        b"<html><body> </body></html>",
    ],
)
def test_empty_inputs(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    msg = _error(str(f))
    assert "empty" in msg or "no readable text" in msg


@pytest.mark.parametrize("name", ["page.html", "page.md", "page"])
def test_markup_without_text(tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    f.write_text(
        "<!doctype html><html><head><title></title><style>p{color:red}</style></head>"
        "<body><div><img src='a.jpg' alt='图片说明'></div><script>var x='文字';</script></body></html>",
        encoding="utf-8",
    )
    assert "no readable text" in _error(str(f))


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"\xff\xd8\xff\xe0" + bytes(200), "JPEG"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF"),
        (b"PK\x03\x04" + bytes(100), "ZIP"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_files(tmp_path: Path, content: bytes, word: str) -> None:
    f = tmp_path / "article.txt"
    f.write_bytes(content)
    assert word in _error(str(f))


def test_forced_encoding_that_fails(tmp_path: Path) -> None:
    f = tmp_path / "gb.txt"
    f.write_bytes(ARTICLE.encode("gb18030"))
    msg = _error(str(f), encoding="utf-8")
    assert "--encoding" in msg and "gb.txt" in msg


def test_undecodable_file(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    f = tmp_path / "mystery.txt"
    f.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(3000)))
    msg = _error(str(f))
    assert "mystery.txt" in msg and "--encoding" in msg


def test_unknown_encoding(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    msg = _error(str(f), encoding="klingon-8")
    assert "klingon-8" in msg and "--encoding" in msg


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(ARTICLE, encoding="utf-8")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    msg = _error(str(f))
    assert "permission denied" in msg and "secret.txt" in msg


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(ARTICLE.encode("gb18030")), encoding="latin-1")
    monkeypatch.setattr(sys, "stdin", fake)
    loaded = load_path("-")
    assert loaded.meta.path == "-"
    assert loaded.meta.title == "城市图书馆的夜间开放"
    assert loaded.meta.encoding == "gb18030"


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert "standard input" in _error("-")


# -- encodings ---------------------------------------------------------------------------
def _blocks(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (ARTICLE, "utf-8", "utf-8"),
        (ARTICLE, "utf-8-sig", "utf-8"),
        (ARTICLE, "utf-16", "utf-16"),
        (ARTICLE, "utf-16-be", None),  # no BOM: found from the NUL pattern
        (ARTICLE, "gb18030", "gb18030"),
        (ARTICLE, "gbk", "gb18030"),
        (ARTICLE, "gb2312", "gb18030"),
        (TRAD, "big5", None),
        (TRAD, "cp950", None),
        (TRAD, "utf-8", "utf-8"),
    ],
)
def test_detected_encodings(text: str, codec: str, expected: str | None) -> None:
    data = text.encode("utf-16-be") if codec == "utf-16-be" else text.encode(codec)
    loaded = load_bytes(data, name="article.txt")
    assert [loaded.text[b.start : b.end] for b in loaded.blocks] == _blocks(text)
    if expected:
        assert loaded.meta.encoding == expected
    assert not loaded.text.startswith("\ufeff")


def test_big5_text_detected_as_traditional_codec() -> None:
    loaded = load_bytes(TRAD.encode("cp950"), name="news.txt")
    assert loaded.meta.encoding in ("cp950", "big5hkscs")


def test_forced_encoding_wins() -> None:
    data = TRAD.encode("cp950")
    loaded = load_bytes(data, name="x.txt", encoding="big5")
    assert loaded.meta.title == "夜市攤商的數位轉型"
    # Forcing the wrong (but decodable) codec is obeyed: the user asked for it.
    wrong = load_bytes(data, name="x.txt", encoding="latin-1")
    assert "夜市" not in wrong.text


def test_html_meta_charset_is_honoured() -> None:
    body = "<p>杭州的咖啡馆越来越多，年轻人喜欢在周末去坐一坐。</p>"
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK"></head><body>{body}</body></html>'
    loaded = load_bytes(page.encode("gb18030"), name="page.html")
    assert loaded.meta.encoding == "gb18030"
    assert loaded.text.endswith("年轻人喜欢在周末去坐一坐。")


def test_xml_declaration_is_honoured() -> None:
    page = (
        '<?xml version="1.0" encoding="big5"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<body><p>花蓮的民宿業者期待交通改善，讓旅客願意多住一晚。</p></body></html>"
    )
    loaded = load_bytes(page.encode("cp950"), name="page.xhtml")
    assert loaded.meta.encoding == "cp950"
    assert "花蓮的民宿業者" in loaded.text


def test_wrong_declared_charset_falls_back_to_detection() -> None:
    page = (
        '<html><head><meta charset="utf-8"></head><body>'
        "<p>老字号药店上线了小程序，顾客可以提前预约抓药。</p></body></html>"
    )
    loaded = load_bytes(page.encode("gb18030"), name="page.html")
    assert "老字号药店上线了小程序" in loaded.text
    assert loaded.meta.encoding == "gb18030"
