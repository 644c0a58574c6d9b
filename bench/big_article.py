"""A long generated article in the reader: first screen, quit, peak memory.

Run: .venv/bin/python bench/big_article.py [--mb 20] [--wait 10] [--repo CHECKOUT]

Builds an article of ``--mb`` megabytes from the bundled sample's paragraphs (shuffled, so
the glossary and the recogniser see real text), then in a child process drives the TUI
headless (App.run_test), opened by path as ``reader ARTICLE`` opens it: time to the first
painted line and to the first line's pinyin, how many sentences are annotated after
``--wait`` seconds of background work, how long the pinyin takes to appear after a jump to
the end, the middle and back to the start (``--wait``/4 seconds at each), then how long
the app takes to exit after ``q`` — and the child's peak RSS over all of it. Printed beside
the same article through ``reader annotate`` (streamed, the headless path). ``--repo``
measures another checkout's reader (e.g. main, for a before/after pair).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "reader" / "data" / "sample.md"

CHILD = """
import asyncio, json, sys, time
t0 = time.perf_counter()
from textual import events
from reader.pipeline import Options
from reader.tui.app import make_app

JUMP_LIMIT = 30.0

async def main():
    app = make_app(sys.argv[1], Options(), translator_factory=lambda: None)
    async with app.run_test(size=(160, 50)) as pilot:
        while app.view.first_paint is None:
            await asyncio.sleep(0.005)
        painted = time.perf_counter() - t0
        shown = len(app.session.sentences)
        s = app.session
        while not any(t.pinyin for t in s.sentences[0].tokens):
            await asyncio.sleep(0.005)
        pinyin = time.perf_counter() - t0
        await asyncio.sleep(float(sys.argv[2]))
        done = sum(1 for s in app.session.sentences if any(t.pinyin for t in s.tokens))
        jumps = []
        for where in (len(s.sentences) - 1, len(s.sentences) // 2, 0):
            if app.outlining:
                break
            j = time.perf_counter()
            app.session.move_to_offset(s.sentences[where].start)
            app.after_cursor_move()
            while not any(t.pinyin for t in s.current_sentence().tokens):
                if time.perf_counter() - j > JUMP_LIMIT:
                    break  # a reader that annotates in order gets there much later
                await asyncio.sleep(0.005)
            jumps.append(time.perf_counter() - j)
            await asyncio.sleep(float(sys.argv[2]) / 4)
        q = time.perf_counter()
        # the key as a terminal delivers it: pilot.press() would then wait for the whole
        # process to go idle (Textual's wait_for_idle, up to 2 x 1 s), which background
        # annotation never is, and time the test harness instead of the reader
        app.post_message(events.Key("q", "q"))
        while app.is_running:
            await asyncio.sleep(0.005)
    quit_s = time.perf_counter() - q
    print(json.dumps({"first_paint": painted, "annotated": done, "shown_first": shown,
                      "sentences": len(app.session.sentences), "quit_app": quit_s,
                      "first_pinyin": pinyin, "jumps": jumps}), flush=True)
    return q

q = asyncio.run(main())
print(json.dumps({"quit_process_from_q": time.perf_counter() - q}), flush=True)
"""


def build_article(megabytes: float, path: Path) -> None:
    paragraphs = [p for p in SAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    paragraphs = [p for p in paragraphs if not p.startswith(("#", "---"))] or paragraphs
    rng = random.Random(7)
    out: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    while size < target:
        p = rng.choice(paragraphs)
        out.append(p)
        size += len(p.encode("utf-8")) + 2
    path.write_text("\n\n".join(out), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--wait", type=float, default=5.0)
    parser.add_argument("--repo", type=Path, default=ROOT, help="checkout to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reader-big-") as tmp:
        article = Path(tmp) / "big.txt"
        build_article(args.mb, article)
        env = dict(os.environ, READER_HOME=str(Path(tmp) / "home"))
        # fill the caches first (jieba tables etc.), as any earlier use would
        subprocess.run(
            [sys.executable, "-m", "reader", "annotate", str(SAMPLE)],
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
            cwd=args.repo,
        )
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(article), str(args.wait)],
            env=env,
            capture_output=True,
            text=True,
            cwd=args.repo,
        )
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if out.returncode != 0:
            raise SystemExit(out.stderr[-2000:])
        # the floor: the same child on the bundled 5 KB sample (imports, first layout)
        small = subprocess.run(
            [sys.executable, "-c", CHILD, str(SAMPLE), "0"],
            env=env,
            capture_output=True,
            text=True,
            cwd=args.repo,
        )
        floor = json.loads(small.stdout.splitlines()[0])["first_paint"] if small.stdout else 0.0
        result: dict[str, float] = {}
        for line in out.stdout.splitlines():
            if line.startswith("{"):
                result.update(json.loads(line))
        print(f"article: {article.stat().st_size / 1e6:.1f} MB, {result['sentences']} sentences")
        print(f"TUI first paint:            {result['first_paint']:8.2f} s   (target ≤ 1 s)")
        print(f"  same, bundled 5 KB sample: {floor:8.2f} s   (imports + first layout)")
        print(f"sentences on first paint:   {result['shown_first']:8d}")
        print(f"pinyin on the first screen: {result['first_pinyin']:8.2f} s")
        print(f"annotated after {args.wait:.0f} s:       {result['annotated']:8d} sentences")
        jumps = (
            ", ".join(f"{x:.2f}" if x < 30 else "> 30 (not yet)" for x in result["jumps"])
            or "(still outlining)"
        )
        print(f"then a jump to the end, the middle, the start: pinyin there after {jumps} s")
        print(f"q → app closed:             {result['quit_app']:8.2f} s")
        print(
            f"q → process exit:           {result['quit_process_from_q']:8.2f} s   (target ≤ 1 s)"
        )
        print(f"TUI peak RSS:               {max(rss, before) / 1024:8.0f} MB  (target ≤ 1500)")
        began = time.perf_counter()
        head = subprocess.Popen(
            [sys.executable, "-m", "reader", "annotate", str(article)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert head.stdout is not None
        head.stdout.readline()
        first = time.perf_counter() - began
        head.kill()
        head.wait()
        print(f"reader annotate first line: {first:8.2f} s   (streamed; was: after the whole run)")


if __name__ == "__main__":
    main()
