"""The loader on tests/corpus/: realistic pages written for the project, each with a golden file.

Goldens (NAME.golden.json) hold the expected metadata and the exact list of (kind, text)
blocks. After a deliberate change, regenerate with READER_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from reader.load import load_path
from reader.model import LoadedText

CORPUS = Path(__file__).parent / "corpus"
PAGES = sorted(
    p
    for p in CORPUS.iterdir()
    if p.suffix in (".html", ".md", ".txt") and not p.name.startswith((".", "README"))
)
META_KEYS = ("title", "author", "date", "source_url", "site", "encoding", "format")

# Interface text, markup and links that must never reach an article block.
FORBIDDEN = re.compile(
    r"<|>|&[a-z]+;|&#|https?:|www\.|\.(?:jpe?g|png|gif|webp)\b|"
    r"分享|複製連結|复制链接|二维码|二維碼|阅读原文|閱讀原文|预览时标签|微信扫一扫|使用小程序|"
    r"点击上方|关注我们|在看|往期推荐|版权|版權|转载|轉載|未经授权|未經授權|"
    r"责任编辑|責任編輯|热门|熱門|排行|相关新闻|相關新聞|相关阅读|延伸閱讀|相關標籤|"
    r"留言規則|网友评论|字号：|【字号|字級|字型|登录|登入|注册|註冊|Copyright|©|ICP|"
    r"关键词|關鍵字|标签|為你推荐|为你推荐|上一篇|下一篇|訂閱|订阅|"
    r"文｜|编辑｜|^来源：|^來源："
)


def _golden_path(page: Path) -> Path:
    return page.with_name(page.name + ".golden.json")


def _snapshot(loaded: LoadedText) -> dict[str, object]:
    meta = {k: getattr(loaded.meta, k) for k in META_KEYS}
    blocks = [[b.kind, loaded.text[b.start : b.end]] for b in loaded.blocks]
    return {"meta": meta, "blocks": blocks}


def test_corpus_is_big_enough() -> None:
    assert len(PAGES) >= 10
    assert all(_golden_path(p).exists() for p in PAGES), "every page needs a golden file"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_matches_golden(page: Path) -> None:
    loaded = load_path(str(page))
    got = _snapshot(loaded)
    golden = _golden_path(page)
    if os.environ.get("READER_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert got["meta"] == expected["meta"]
    assert got["blocks"] == expected["blocks"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_blocks_are_clean(page: Path) -> None:
    loaded = load_path(str(page))
    texts = [loaded.text[b.start : b.end] for b in loaded.blocks]
    assert loaded.text == "\n".join(texts)
    for text in texts:
        assert text and text == text.strip(" \t\n\u3000\u00a0")
        assert "\n" not in text
        assert not FORBIDDEN.search(text), text
    # The title shows once, first.
    assert loaded.blocks[0].kind == "heading"
    assert texts[0] == loaded.meta.title
    assert texts.count(loaded.meta.title) == 1


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_full_page_keeps_everything(page: Path) -> None:
    article = load_path(str(page))
    full = load_path(str(page), full_page=True)
    assert full.text == article.full_text
    # Every article paragraph is somewhere in the whole page's text (modulo URL scrubbing).
    for b in article.blocks:
        if b.kind == "p":
            head = article.text[b.start : b.end][:8]
            assert head in full.text
    assert article.dropped_chars > 0
    assert len(full.text) >= len(article.text) - len(article.meta.title) - 1
