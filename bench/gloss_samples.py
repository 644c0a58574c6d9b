"""The no-model gloss of the first sentences of both sample articles, before and after.

Run: .venv/bin/python bench/gloss_samples.py [--before c73d17f] [-n 5]

Runs ``reader translate ARTICLE --format json`` with an empty READER_HOME (no model
installed, so every sentence is glossed) for this checkout and, with ``--before``, for that
revision checked out into a temporary git worktree; prints each sentence with both glosses.
Needs ../shared/articles (the samples are others' texts and are not copied here).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from revision import checked_out

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "articles"
SAMPLES = ("zhidx-hangzhou-silicon-valley.txt", "nikkei-hangzhou-unicorn-map.md")


def glosses(cwd: Path, article: Path, home: Path, count: int) -> list[tuple[str, str]]:
    env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(cwd))
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "translate", str(article), "--format", "json"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench: translate {article.name} failed in {cwd}: {proc.stderr[-300:]}")
    doc = json.loads(proc.stdout)
    return [(s["text"], s["translation"] or "") for s in doc["sentences"][:count]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="c73d17f", help="revision to compare with")
    parser.add_argument("-n", type=int, default=5, help="sentences per article")
    args = parser.parse_args()
    if not ARTICLES.is_dir():
        raise SystemExit(f"bench: {ARTICLES} is missing (the shared sample articles)")
    with tempfile.TemporaryDirectory() as tmp:
        with checked_out(args.before, Path(tmp) / "before") as tree:
            for name in SAMPLES:
                now = glosses(ROOT, ARTICLES / name, Path(tmp) / "home-now", args.n)
                old = glosses(tree, ARTICLES / name, Path(tmp) / "home-old", args.n)
                print(f"## {name}\n")
                for (text, after), (_, before) in zip(now, old, strict=False):
                    print(f"- {text}\n  - before: {before}\n  - after:  {after}")
                print()


if __name__ == "__main__":
    main()
