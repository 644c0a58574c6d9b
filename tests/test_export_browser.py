"""The HTML export rendered by a real browser (Debian's chromium, headless).

Skipped when chromium is not installed, unless READER_REQUIRE_CHROMIUM=1 (CI), where a
missing browser is a failure. Install: ``apt-get install -y chromium fonts-noto-cjk``.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from test_export import build_article, traditional_article

from reader.export.html import to_html

WINDOW = (800, 1000)
# A payload that leaves a mark in the DOM if it ever runs (alert() would not).
MARK = "document.documentElement.setAttribute('data-pwned','1')"
EVIL_SCRIPT = f"<script>{MARK}</script>"
EVIL_ATTR = f'"><img src=x onerror="{MARK}">'
EVIL_SVG = f'<svg onload="{MARK}"></svg>'


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    reason = "chromium not installed (apt-get install -y chromium fonts-noto-cjk)"
    if os.environ.get("READER_REQUIRE_CHROMIUM") == "1":
        pytest.fail(f"READER_REQUIRE_CHROMIUM=1 but {reason}")
    pytest.skip(reason)


def run_chromium(tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    cmd = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        *extra,
        page.resolve().as_uri(),
    ]
    env = {**os.environ, "HOME": str(tmp_path)}  # crash reports etc. stay in tmp
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium timed out: {' '.join(cmd)}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def dump_dom(tmp_path: Path, html_text: str, name: str = "page.html") -> str:
    page = tmp_path / name
    page.write_text(html_text, encoding="utf-8")
    dom = run_chromium(tmp_path, page, "--dump-dom").stdout
    assert "<html" in dom, "chromium printed no DOM"
    return dom


def screenshot(tmp_path: Path, html_text: str, name: str) -> tuple[int, int, list[bytes]]:
    page = tmp_path / f"{name}.html"
    page.write_text(html_text, encoding="utf-8")
    png = tmp_path / f"{name}.png"
    run_chromium(tmp_path, page, f"--screenshot={png}")
    assert png.is_file() and png.stat().st_size > 10_000, "screenshot missing or tiny"
    return read_png(png.read_bytes())


# --- a small PNG reader (8-bit RGB/RGBA, not interlaced: what chromium writes) -----------


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB bytes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, []
    width = height = bpp = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if ftype == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif ftype == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev, strict=True))
        elif ftype == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif ftype == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        prev = line
        rgb = line if bpp == 3 else bytearray(v for i, v in enumerate(line) if i % 4 != 3)
        rows.append(bytes(rgb))
    return width, height, rows


def pixels(rows: list[bytes]) -> list[tuple[int, int, int]]:
    return [(r[i], r[i + 1], r[i + 2]) for r in rows for i in range(0, len(r), 3)]


def near(px: tuple[int, int, int], color: tuple[int, int, int], tol: int = 6) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(px, color, strict=True))


COMPANY_BG = (0xFF, 0xE3, 0xBF)  # .t-company in export.css
ENGLISH_FG = (0x2B, 0x4A, 0x6F)  # --en in export.css


# --- tests -----------------------------------------------------------------------------------


def test_browser_renders_text_and_english(tmp_path: Path) -> None:
    from lxml import html as lhtml

    art = traditional_article()
    root = lhtml.document_fromstring(dump_dom(tmp_path, to_html(art)))
    text = root.text_content()
    for s in art.sentences():
        # ruby splits the characters apart in the DOM text: compare the Han characters
        bases = "".join(root.xpath(f"//div[@id='s{s.index}']/*[contains(@class,'zh')]//text()"))
        stripped = "".join(ch for ch in bases if not ch.isascii() or ch in "AI")
        assert all(ch in stripped for ch in s.text if not ch.isascii()), s.text
        assert s.translation is not None
        english = " ".join(s.translation.text.split())
        assert english in " ".join(text.split())
    assert len(root.xpath("//ruby")) == sum(
        1 for t in art.tokens() if any("\u4e00" <= c <= "\u9fff" for c in t.text)
    )
    assert root.xpath("//span[contains(@class,'t-company')][@title]")
    assert not root.xpath("//script | //img")


def test_browser_does_not_run_injected_markup(tmp_path: Path) -> None:
    from lxml import html as lhtml

    spec = {
        "tokens": [
            ("銀行", "银行", "yin2 hang2", ("Bank" + EVIL_ATTR, "company", "glossary")),
            (EVIL_SCRIPT, EVIL_SCRIPT, None, None),
            (EVIL_ATTR, EVIL_ATTR, None, None),
            (EVIL_SVG, EVIL_SVG, None, None),
            ("。", "。", None, None),
        ],
        "en": f"The bank {EVIL_SCRIPT}{EVIL_ATTR}{EVIL_SVG}",
    }
    art = build_article(
        [("p", [spec])], title=EVIL_SCRIPT + EVIL_ATTR, source_url="javascript:" + MARK
    )
    art = replace(art, meta=replace(art.meta, author=EVIL_ATTR, site=EVIL_SVG))
    # control: the same payload unescaped does run, so the check below can fail
    raw = dump_dom(tmp_path, f"<!DOCTYPE html><html><body>{EVIL_SCRIPT}</body></html>", "raw.html")
    assert lhtml.document_fromstring(raw).get("data-pwned") == "1"

    dom = dump_dom(tmp_path, to_html(art))
    root = lhtml.document_fromstring(dom)
    assert root.get("data-pwned") is None, "injected code ran in the browser"
    assert not root.xpath("//script | //img | //svg | //*[local-name()='svg']")
    assert not root.xpath("//@*[starts-with(name(), 'on')]")
    assert not root.xpath("//a")  # a javascript: source is not linked
    text = root.text_content()
    assert EVIL_SCRIPT in text and EVIL_ATTR in text  # shown as text


def test_browser_screenshot_shows_styled_page_and_toggle_works(tmp_path: Path) -> None:
    page = to_html(traditional_article())
    width, height, rows = screenshot(tmp_path, page, "page")
    assert (width, height) == WINDOW
    px = pixels(rows)
    background = max(set(px[::97]), key=px[::97].count)
    ink = sum(1 for p in px if p != background) / len(px)
    assert ink > 0.02, f"page looks blank ({ink:.1%} non-background pixels)"
    assert sum(1 for p in px if sum(p) < 200) > 500, "no dark text rendered"
    assert sum(1 for p in px if near(p, COMPANY_BG, 2)) > 200, "company names not highlighted"
    english_on = sum(1 for p in px if near(p, ENGLISH_FG))
    assert english_on > 100, "English lines not rendered in their colour"

    # The no-JS toggle: unchecking the English checkbox hides every English line.
    hidden = page.replace('id="show-english" checked', 'id="show-english"')
    assert hidden != page
    _, _, rows_off = screenshot(tmp_path, hidden, "no-english")
    english_off = sum(1 for p in pixels(rows_off) if near(p, ENGLISH_FG))
    assert english_off < english_on / 20, (english_on, english_off)


def test_browser_renders_sample_article(tmp_path: Path) -> None:
    pipeline = pytest.importorskip("reader.pipeline")
    from lxml import html as lhtml

    from conftest import BUNDLED_TRADITIONAL, TRADITIONAL_SAMPLE, have_shared

    sample = TRADITIONAL_SAMPLE if have_shared() else BUNDLED_TRADITIONAL
    art = pipeline.annotate_path(str(sample), pipeline.Options())
    root = lhtml.document_fromstring(dump_dom(tmp_path, to_html(art)))
    words = [t for t in art.tokens() if any("\u4e00" <= c <= "\u9fff" for c in t.text)]
    assert len(root.xpath("//ruby")) == len(words)
    assert len(root.xpath("//div[@class='s']")) == sum(1 for _ in art.sentences())
    assert "宇" in root.text_content()
