"""Launch → the first English sentence on the reader's screen, with the model installed.

Run: .venv/bin/python bench/first_english.py [--runs 3] [--before REV]
Target (issue 16): ≤ 2 s.

Each launch is a new process that builds the app exactly as ``reader ARTICLE`` does
(``make_app`` with the installed model; Textual's ``run_test`` at 160×50, no terminal I/O)
and reports, in seconds after the launch, when

* the article is first painted (raw sentences),
* annotation has finished,
* the model is loaded,
* the first sentence with Chinese shows an English translation by the model.

The model is a random-weights package of the real zh→en 1.9 size (``bench/realsize_model.py``,
built in a temp dir and installed into a temp ``ARGOS_PACKAGES_DIR``). Random weights never
stop on their own, so outputs are forced to 1.2 × the source tokens, as in
``bench/translate.py``. Every launch uses a READER_HOME whose derived caches (jieba) were
made by one earlier launch, but with no translation cache: the English is decoded.

With ``--before REV`` (default: this branch's merge base with main) the same launches run
for that revision, checked out into a temporary git worktree, alternating with this
checkout's so both see the same machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLE = SHARED / "articles" / "nikkei-hangzhou-unicorn-map.md"
SHARED_MODEL = SHARED / "models" / "translate-zh_en-1_9-randomweights.argosmodel"

CHILD = """
import asyncio, json, re, sys, time
t0 = float(sys.argv[1])
from reader.load import load_path
from reader.pipeline import Options
from reader.tui.app import make_app

made = []

def translator():
    # The installed package, as `reader ARTICLE` finds it, with outputs forced to 1.2 x the
    # source (random weights never stop on their own).
    from reader.translate import load_translator
    from reader.translate.engine import DecodeOptions, Translator
    t = Translator(load_translator().package, DecodeOptions(forced_length_ratio=1.2))
    made.append(t)
    return t

HAN = re.compile(r"[\\u4e00-\\u9fff]")

async def main():
    app = make_app(load_path(sys.argv[2]), Options(), translator_factory=translator)
    marks = {}
    async with app.run_test(size=(160, 50)) as pilot:
        while time.time() - t0 < 120:
            now = time.time() - t0
            if "paint" not in marks and app.view.first_paint is not None:
                marks["paint"] = now
            if "annotated" not in marks and app.session.annotated:
                marks["annotated"] = now
            if "model" not in marks and made and made[0].loaded:
                marks["model"] = now
            first = next((s for s in app.session.sentences if HAN.search(s.text)), None)
            tr = first.translation if first is not None else None
            if tr is not None and str(tr.method).startswith("mt"):
                marks["english"] = now
                break
            await asyncio.sleep(0.005)
        print("MARKS " + json.dumps(marks), flush=True)
        app._cancel.set()
        app.exit()

asyncio.run(main())
"""


def _env(home: Path, packages: Path, code: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["READER_HOME"] = str(home)
    env["ARGOS_PACKAGES_DIR"] = str(packages)
    env["PYTHONPATH"] = str(code)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


def launch(code: Path, home: Path, packages: Path) -> dict[str, float]:
    """One launch of the reader from checkout ``code``; seconds after launch per mark."""
    for cached in home.rglob("translations.sqlite3*"):
        cached.unlink()  # decode, never read an earlier launch's English
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(t0), str(ARTICLE)],
        env=_env(home, packages, code),
        cwd=code,
        capture_output=True,
        text=True,
        timeout=300,
    )
    for line in out.stdout.splitlines():
        if line.startswith("MARKS "):
            return dict(json.loads(line[6:]))
    raise RuntimeError(f"no marks from {code}: {out.stderr[-2000:]}")


def _merge_base() -> str:
    out = subprocess.run(
        ["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], capture_output=True, text=True
    )
    return out.stdout.strip() or "HEAD"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="launches per checkout (default 3)")
    parser.add_argument("--before", default=None, help="revision to compare (default: merge base)")
    parser.add_argument("--no-before", action="store_true", help="measure this checkout only")
    args = parser.parse_args()
    if not SHARED_MODEL.is_file() or not ARTICLE.is_file():
        print(f"skipped: needs {SHARED_MODEL} and {ARTICLE}")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from realsize_model import build_realsize_package

    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        base = Path(tmp)
        packages = base / "packages"
        build_realsize_package(SHARED_MODEL, packages)
        shutil.rmtree(packages / "src", ignore_errors=True)
        checkouts = [("this checkout", ROOT)]
        if not args.no_before:
            rev = args.before or _merge_base()
            before = base / "before"
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(before), rev],
                check=True,
                capture_output=True,
            )
            checkouts.insert(0, (f"before ({rev[:10]})", before))
        try:
            homes = {label: base / f"home-{i}" for i, (label, _) in enumerate(checkouts)}
            for label, code in checkouts:
                launch(code, homes[label], packages)  # warm jieba and the other caches
            results: dict[str, list[dict[str, float]]] = {label: [] for label, _ in checkouts}
            for _ in range(args.runs):
                for label, code in checkouts:
                    results[label].append(launch(code, homes[label], packages))
        finally:
            if not args.no_before:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base / "before")],
                    capture_output=True,
                )

    print(f"article: {ARTICLE.name}; model: real-size random weights, outputs forced 1.2x")
    print(f"seconds after launch, median of {args.runs} warm launches (translation cache empty)")
    print(f"{'checkout':24} {'painted':>8} {'model':>8} {'annotated':>10} {'1st English':>12}")
    for label, runs in results.items():

        def med(key: str, runs: list[dict[str, float]] = runs) -> str:
            values = [r[key] for r in runs if key in r]
            return f"{statistics.median(values):.2f}" if values else "-"

        print(
            f"{label:24} {med('paint'):>8} {med('model'):>8} {med('annotated'):>10} "
            f"{med('english'):>12}"
        )
        print(
            f"{'':24} every launch, 1st English: {[round(r.get('english', -1), 2) for r in runs]}"
        )
    print("target: first English ≤ 2.00 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
