"""Startup: time from launching the reader to the first painted article screen.

Run: .venv/bin/python bench/startup.py [--runs 5] [--no-tmux]
Target (issue 5): ≤ 1.5 s warm, with annotation and translation still running.

Two measurements, each cold (first launch, fresh READER_HOME: no jieba cache, no translation
cache) and warm (median of later launches with the same home):

* headless: a child process builds the app exactly as `reader ARTICLE` does and reports
  when the article view paints its first line (App.run_test, no terminal I/O);
* tmux: the real `python -m reader ARTICLE` in a detached 160×50 tmux session, polled with
  capture-pane until the article's first sentence is on screen.

Printed beside them, the obvious alternative: annotate first, then show (the first paint
would wait for jieba, pypinyin, OpenCC and the glossary): launch → annotated article.

Also measured (warm, in process): applying a glossary edit — re-annotating only the sentences
that contain the new term (what the reader does) beside re-annotating the whole article.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT.parent / "shared" / "articles" / "zhidx-hangzhou-silicon-valley.txt"
MODEL = ROOT.parent / "shared" / "models" / "translate-zh_en-1_9-randomweights.argosmodel"
FIRST_LINE = "黃仁勳口中的"

CHILD = """
import asyncio, json, sys
from reader.load import load_path
from reader.pipeline import Options
from reader.tui.app import make_app

def translator():
    from reader.translate import load_translator
    return load_translator(sys.argv[2] if len(sys.argv) > 2 else None)

async def main():
    app = make_app(load_path(sys.argv[1]), Options(), translator_factory=translator)
    async with app.run_test(size=(160, 50)) as pilot:
        while app.view.first_paint is None:
            await asyncio.sleep(0.002)
        state = {"annotated": app.session.annotated,
                 "translated": app.session.translated_count(),
                 "sentences": len(app.session.sentences)}
        print("PAINTED " + json.dumps(state), flush=True)
        app._cancel.set()
        app.exit()

asyncio.run(main())
"""

ALTERNATIVE = """
import sys
from reader.glossary import load_glossary
from reader.load import load_path
from reader.pipeline import Options, annotate
annotate(load_path(sys.argv[1]), Options(glossary=load_glossary()))
print("ANNOTATED", flush=True)
"""


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["READER_HOME"] = str(home)
    env["ARGOS_PACKAGES_DIR"] = str(home / "argos")
    env["PYTHONPATH"] = str(ROOT)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


def _until(args: list[str], marker: str, home: Path) -> tuple[float, str]:
    """Wall time from launch until the child prints ``marker``; then stop it."""
    began = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_env(home), cwd=ROOT
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(marker):
            elapsed = time.perf_counter() - began
            proc.terminate()
            proc.wait(timeout=30)
            return elapsed, line[len(marker) :].strip()
    proc.wait()
    raise RuntimeError(f"child exited ({proc.returncode}) before {marker}")


def headless(home: Path) -> tuple[float, str]:
    return _until([sys.executable, "-c", CHILD, str(ARTICLE), str(MODEL)], "PAINTED", home)


def alternative(home: Path) -> float:
    return _until([sys.executable, "-c", ALTERNATIVE, str(ARTICLE)], "ANNOTATED", home)[0]


_RUNS = iter(range(1_000_000))


def in_tmux(home: Path) -> float:
    sock = f"reader-bench-{os.getpid()}-{next(_RUNS)}"  # a fresh server per launch
    env = _env(home)
    cmd = " ".join(
        [
            "env -u COLUMNS -u LINES",
            *(
                f"{k}={shlex.quote(env[k])}"
                for k in ("READER_HOME", "ARGOS_PACKAGES_DIR", "PYTHONPATH")
            ),
            "TERM=xterm-256color",
            shlex.quote(sys.executable),
            "-m reader",
            shlex.quote(str(ARTICLE)),
            "--model",
            shlex.quote(str(MODEL)),
        ]
    )

    def tmux(*a: str) -> str:
        return subprocess.run(["tmux", "-L", sock, *a], capture_output=True, text=True).stdout

    try:
        tmux("new-session", "-d", "-s", "b", "-x", "160", "-y", "50", "sleep 600")
        tmux("set-option", "-t", "b", "window-size", "manual")
        tmux("resize-window", "-t", "b", "-x", "160", "-y", "50")
        began = time.perf_counter()
        tmux("respawn-pane", "-k", "-t", "b", f"cd {shlex.quote(str(ROOT))} && {cmd}")
        screen = ""
        while time.perf_counter() - began < 60:
            screen = tmux("capture-pane", "-p", "-t", "b")
            if FIRST_LINE in screen and "│" in screen:
                elapsed = time.perf_counter() - began
                tmux("send-keys", "-t", "b", "q")
                time.sleep(0.5)
                return elapsed
            time.sleep(0.01)
        raise RuntimeError("the reader never painted in tmux:\n" + screen)
    finally:
        tmux("kill-server")


def glossary_edit(runs: int) -> tuple[float, float, int]:
    """(affected sentences only, whole article, number affected) in seconds, warm medians."""
    from reader.glossary import load_glossary
    from reader.load import load_path
    from reader.pipeline import Options, annotate
    from reader.session import Session, reannotate

    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        os.environ["READER_HOME"] = tmp
        extra = Path(tmp) / "mine.tsv"
        extra.write_text("zh\ten\ttype\n聚光燈下\tUnder the Spotlight\tother\n", encoding="utf-8")
        loaded = load_path(str(ARTICLE))
        article = annotate(loaded, Options(glossary=load_glossary(use_user=False)))
        glossary = load_glossary(extra_files=[extra], use_user=False)
        options = Options(glossary=glossary)
        session = Session(article)
        indices = session.sentences_containing(["聚光燈下"])
        annotate(loaded, options)  # warm: jieba has the new word
        subset, whole = [], []
        for _ in range(runs):
            t = time.perf_counter()
            reannotate(article, indices, options)
            subset.append(time.perf_counter() - t)
            t = time.perf_counter()
            annotate(loaded, options)
            whole.append(time.perf_counter() - t)
    return statistics.median(subset), statistics.median(whole), len(indices)


def _series(fn, runs: int) -> tuple[float, list[float], str]:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        home = Path(tmp)
        first = fn(home)
        cold, note = first if isinstance(first, tuple) else (first, "")
        warm = []
        for _ in range(runs):
            got = fn(home)
            warm.append(got[0] if isinstance(got, tuple) else got)
            note = got[1] if isinstance(got, tuple) else note
    return cold, warm, note


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm launches (default 5)")
    parser.add_argument("--no-tmux", action="store_true", help="skip the tmux measurement")
    args = parser.parse_args()

    print(f"article: {ARTICLE.name}  ({len(ARTICLE.read_text(encoding='utf-8'))} chars)")
    print(
        f"{'launch → first painted article':44} {'cold':>8} {'warm (median)':>14}  state at paint"
    )
    cold, warm, note = _series(headless, args.runs)
    state = json.loads(note) if note else {}
    status = (
        f"annotated={state.get('annotated')}, translated {state.get('translated')}/{state.get('sentences')}"
        if state
        else ""
    )
    print(
        f"{'reader, headless (run_test)':44} {cold:8.2f} {statistics.median(warm):14.2f}  {status}"
    )
    if not args.no_tmux and shutil.which("tmux"):
        cold_t, warm_t, _ = _series(in_tmux, args.runs)
        print(
            f"{'reader in tmux 160x50 (real terminal)':44} {cold_t:8.2f} {statistics.median(warm_t):14.2f}"
        )
    cold_a, warm_a, _ = _series(alternative, args.runs)
    print(
        f"{'alternative: annotate first, then show':44} {cold_a:8.2f} {statistics.median(warm_a):14.2f}"
        "  (launch → annotated; paint comes after)"
    )
    print("target: ≤ 1.50 s warm")
    subset, whole, n = glossary_edit(args.runs)
    print(
        f"glossary edit, re-annotate: {n} affected sentence(s) {subset * 1000:.0f} ms"
        f"  vs  whole article {whole * 1000:.0f} ms  (warm median)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
