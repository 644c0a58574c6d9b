"""Article extraction on the Chinese HTML pages of tests/corpus: ours vs trafilatura vs
readability-lxml — quality (share of expected sentences recovered, boilerplate sentences
leaked) and time per page, side by side, plus a synthetic 50 KB page.

Run: python bench/extract.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.load import decode, load_bytes  # noqa: E402
from reader.load import html as page  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
_SENT = re.compile(r"[^。！？!?；;]+[。！？!?；;]*[”’」』）)]*")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def sentences(text: str) -> list[str]:
    return [s for s in (m.group(0).strip() for m in _SENT.finditer(text)) if len(squash(s)) >= 2]


# -- extractors: HTML string -> article text --------------------------------------------
def ours(source: str) -> str:
    doc = page.parse(source, "bench")
    visible = page.visible_blocks(doc)
    return "\n".join(t for _k, t in page.finish(page.extract(doc, visible)))


def trafilatura_default(source: str) -> str:
    import trafilatura

    return trafilatura.extract(source, include_comments=False, include_tables=True) or ""


def trafilatura_recall(source: str) -> str:
    import trafilatura

    return (
        trafilatura.extract(source, include_comments=False, include_tables=True, favor_recall=True)
        or ""
    )


def readability(source: str) -> str:
    from readability import Document

    summary = Document(source).summary(html_partial=True)
    # Readability returns HTML; turn it into blocks with a plain walk (no chrome removal).
    return "\n".join(b.text for b in page.walk(page.body_of(page.parse(summary, "bench"))))


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "ours": ours,
    "trafilatura": trafilatura_default,
    "trafilatura+recall": trafilatura_recall,
    "readability-lxml": readability,
}


def corpus_pages() -> list[tuple[str, str, list[str], list[str]]]:
    """(name, html source, expected sentences, boilerplate sentences) per HTML page."""
    out = []
    for path in sorted(CORPUS.glob("*.html")):
        data = path.read_bytes()
        source, _enc = decode.decode(data, path.name, declared=decode.declared_charset(data))
        golden = json.loads((path.parent / (path.name + ".golden.json")).read_text("utf-8"))
        body = [t for k, t in golden["blocks"][1:]]  # the title comes from metadata for all
        expected = [s for t in body for s in sentences(t)]
        gold = squash("".join(t for _k, t in golden["blocks"]))
        visible = [b.text for b in page.visible_blocks(page.parse(source, path.name))]
        chrome = [s for t in visible for s in sentences(t) if squash(s) not in gold]
        out.append((path.name, source, expected, chrome))
    return out


def quality(text: str, expected: list[str], chrome: list[str]) -> tuple[float, int]:
    got = squash(text)
    recovered = sum(1 for s in expected if squash(s) in got) / max(1, len(expected))
    leaked = sum(1 for s in chrome if squash(s) in got)
    return recovered, leaked


def timed(fn: Callable[[str], str], source: str, runs: int) -> float:
    fn(source)  # warm (imports, caches)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(source)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def big_page() -> str:
    """A ~50 KB page: the Taiwanese news page with its article body repeated."""
    source = (CORPUS / "tw-news-share.html").read_text("utf-8")
    start = source.index('<div class="article-body"')
    end = source.index('<div class="tags">')
    body = source[start:end]
    inner = body[body.index(">") + 1 :]
    while len(source.encode("utf-8")) < 50_000:
        source = source.replace('<div class="tags">', inner + '<div class="tags">', 1)
    return source


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    names = list(EXTRACTORS)
    pages = corpus_pages()
    print("Quality per page: recovered share of expected sentences / boilerplate sentences leaked")
    print(f"{'page':24}" + "".join(f"{n:>22}" for n in names))
    totals = {n: [0.0, 0, 0] for n in names}
    for name, source, expected, chrome in pages:
        row = f"{name:24}"
        for n in names:
            rec, leak = quality(EXTRACTORS[n](source), expected, chrome)
            totals[n][0] += rec
            totals[n][1] += leak
            totals[n][2] += 1
            row += f"{rec:>14.0%} / {leak:<5}"
        print(row)
    chrome_total = sum(len(c) for *_x, c in pages)
    print(
        f"{'mean / total':24}"
        + "".join(f"{totals[n][0] / totals[n][2]:>14.0%} / {int(totals[n][1]):<5}" for n in names)
    )
    print(
        f"({sum(len(e) for _n, _s, e, _c in pages)} expected sentences, {chrome_total} boilerplate sentences)"
    )
    print()
    print(f"Time per page, ms (median of {args.runs})")
    print(f"{'page':24}{'KB':>6}" + "".join(f"{n:>20}" for n in ["load_bytes", *names]))
    cases = [(n, s) for n, s, _e, _c in pages] + [("synthetic-50KB.html", big_page())]
    for name, source in cases:
        raw = source.encode("utf-8")
        row = f"{name:24}{len(raw) / 1024:>6.1f}"
        row += f"{timed(lambda s: load_bytes(s.encode('utf-8'), name='x.html').text, source, args.runs):>20.1f}"
        for n in names:
            row += f"{timed(EXTRACTORS[n], source, args.runs):>20.1f}"
        print(row)


if __name__ == "__main__":
    main()
