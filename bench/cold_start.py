"""Cold start of the headless commands, this checkout beside an earlier revision.

Run: .venv/bin/python bench/cold_start.py [--before REV] [--runs 5]

Each command runs in a new process (what a user waits for), with a READER_HOME whose cache
was filled by one earlier run (jieba's tables and the other derived caches exist, as on any
machine after the first use). Printed: median wall time and peak RSS of

* ``reader pinyin 银行行长`` (target ≤ 0.5 s, ≤ 250 MB),
* ``reader annotate`` of the Traditional sample article (target ≤ 1.0 s), or of the bundled
  sample when ../shared is absent,

for this checkout and, with ``--before REV`` (default: the commit before this round,
c73d17f), for that revision checked out into a temporary git worktree: the same commands,
the same venv, the same machine, one after the other.

The runs may write bytecode (PYTHONDONTWRITEBYTECODE is dropped from their environment), so
the filling run compiles both trees, as installing reader does: otherwise a fresh worktree
recompiles every module at every run (~0.15 s) and a checkout with stale bytecode only some,
and the columns would differ by what was compiled before, not by what a start costs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from revision import checked_out

ROOT = Path(__file__).resolve().parents[1]
TRADITIONAL = ROOT.parent / "shared" / "articles" / "zhidx-hangzhou-silicon-valley.txt"
BUNDLED = ROOT / "reader" / "data" / "sample.md"


def _env(cwd: Path, home: Path) -> dict[str, str]:
    env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(cwd))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once, as an installed reader is
    return env


def run_once(cwd: Path, args: list[str], home: Path) -> float:
    """Wall seconds of ``python -m reader ARGS`` run from ``cwd``."""
    env = _env(cwd, home)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "reader", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(args)} failed in {cwd}: {proc.stderr.strip()[-300:]}")
    return elapsed


def peak_rss(cwd: Path, args: list[str], home: Path) -> float:
    """Peak RSS (MB) of one run, measured in a wrapper process of its own."""
    code = (  # resource is imported in the wrapper, not here
        "import resource, subprocess, sys;"
        f"subprocess.run([sys.executable, '-m', 'reader', *{args!r}], stdout=subprocess.DEVNULL,"
        " stderr=subprocess.DEVNULL, check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    env = _env(cwd, home)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / 1024


def measure(cwd: Path, args: list[str], runs: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="reader-bench-home-") as tmp:
        home = Path(tmp)
        run_once(cwd, args, home)  # fill the caches, as any earlier use would
        times = [run_once(cwd, args, home) for _ in range(runs)]
        return statistics.median(times), peak_rss(cwd, args, home)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="c73d17f", help="revision to compare with")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    article = TRADITIONAL if TRADITIONAL.is_file() else BUNDLED
    commands = {
        "reader pinyin 银行行长": ["pinyin", "银行行长"],
        f"reader annotate {article.name}": ["annotate", str(article), "--format", "json"],
    }
    with tempfile.TemporaryDirectory(prefix="reader-before-") as tmp:
        with checked_out(args.before, Path(tmp) / "tree") as before:
            print(f"{'command':<44}{'before ' + args.before:>26}{'now':>22}")
            for label, cmd in commands.items():
                t0, m0 = measure(before, cmd, args.runs)
                t1, m1 = measure(ROOT, cmd, args.runs)
                print(f"{label:<44}{t0:>10.2f} s {m0:>8.0f} MB{t1:>10.2f} s {m1:>8.0f} MB")


if __name__ == "__main__":
    main()
