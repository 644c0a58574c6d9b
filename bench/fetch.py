"""Reading from the web: fetch + extract + first paint of a 50 KB page from a local server,
beside loading the same page from a file. Target (issue 17): ≤ 1 s.

Run: .venv/bin/python bench/fetch.py [--runs 5] [--size 50000]

The page (Chinese news paragraphs, navigation, footer; UTF-8) is served by
``python -m http.server`` in a child process on 127.0.0.1 (a separate process, so server and
client do not share a GIL). Each measurement runs in this process with warm imports, from
"open this" to the reader's article view painting its first line (headless App.run_test):

* file: load_path + first paint (the obvious alternative: save the page, open the file);
* web, fetched: load_source(URL, refresh) — fetch, decode, extract, cache — + first paint;
* web, cached: load_source(URL) from the page cache (no network) + first paint.

Medians of --runs (the cases interleaved) after one warm-up run of each.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PARAGRAPHS = [
    "杭州的人工智能公司在过去一年里快速成长，吸引了大量投资，从机器人到大模型都有新公司出现。",
    "宇树科技发布了新一代四足机器人，售价比上一代低了三成，订单已经排到明年春天。",
    "分析人士认为，这座城市正在成为中国的硅谷，人才和资本不断涌入，房租也随之上涨。",
    "市政府表示，将继续支持年轻创业者，为他们提供办公空间、低息贷款和人才公寓。",
]


def page(size: int) -> bytes:
    head = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>杭州新硅谷 | 新闻网</title>'
        '</head><body><nav><a href="/">首页</a> <a href="/tech">科技</a></nav><article>'
        "<h1>杭州新硅谷</h1>"
    )
    tail = "</article><footer>版权所有 新闻网</footer></body></html>"
    body, n = [], 0
    while len((head + "".join(body) + tail).encode("utf-8")) < size:
        body.append(f"<p>{escape(PARAGRAPHS[n % len(PARAGRAPHS)])}</p>")
        n += 1
    return (head + "".join(body) + tail).encode("utf-8")


async def _paint(loaded) -> float:  # type: ignore[no-untyped-def]
    from reader.pipeline import Options
    from reader.tui.app import make_app

    app = make_app(loaded, Options(), translator_factory=lambda: None, translate=False)
    async with app.run_test(size=(160, 50)):
        while app.view.first_paint is None:
            await asyncio.sleep(0.001)
        painted = app.view.first_paint
        app.workers.cancel_all()
        app.exit()
    return painted


def timed(load) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(load seconds, load + first paint seconds)."""
    began = time.perf_counter()
    loaded = load()
    loaded_at = time.perf_counter()
    painted = asyncio.run(_paint(loaded))
    return loaded_at - began, painted - began


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_server(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the local server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=50_000, help="page size in bytes")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        root = Path(tmp)
        os.environ["READER_HOME"] = str(root / "home")
        site = root / "site"
        site.mkdir()
        data = page(args.size)
        (site / "page.html").write_bytes(data)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
            cwd=site,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for_server(port)
            from reader.load import load_path
            from reader.web import Web, load_source

            url = f"http://127.0.0.1:{port}/page.html"
            path = str(site / "page.html")
            web = Web()
            cases = {
                "file (load_path)": lambda: load_path(path),
                "web, fetched (refresh)": lambda: load_source(url, web, refresh=True),
                "web, from the cache": lambda: load_source(url, web),
            }
            results: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
            for load in cases.values():
                timed(load)  # warm-up: imports, the page cache
            for _ in range(args.runs):  # interleaved, so load on the machine hits all alike
                for name, load in cases.items():
                    results[name].append(timed(load))
        finally:
            server.terminate()
            server.wait(timeout=10)

    chars = len(load_path_text(data))
    print(f"page: {len(data):,} bytes, {chars:,} characters of article text; {args.runs} runs")
    print(f"{'':26} {'load/fetch+extract':>20} {'+ first paint':>15}")
    for name, rows in results.items():
        load_s = statistics.median(r[0] for r in rows)
        paint_s = statistics.median(r[1] for r in rows)
        print(f"{name:26} {load_s * 1000:17.0f} ms {paint_s * 1000:12.0f} ms")
    web_total = statistics.median(r[1] for r in results["web, fetched (refresh)"])
    verdict = "meets" if web_total <= 1.0 else "misses"
    print(f"target ≤ 1 s for fetch + extract + first paint: {verdict} ({web_total:.2f} s)")
    return 0


def load_path_text(data: bytes) -> str:
    from reader.load import load_bytes

    return load_bytes(data, name="page.html").text


if __name__ == "__main__":
    sys.exit(main())
