"""Pages must read clean: the loader on the real saved pages of tests/corpus/pages/, scored
against the hand-written expectations (PAGE.expected.json), before and after side by side.

Per page: kept = share of expected article characters found in the article text, leaked =
must-not-appear strings (share buttons, related headlines, WeChat header/tail) found in it,
dropped = expected characters missing; plus whether the title is right.

Run: python bench/clean_pages.py [--before REV]   (REV default: the commit that added the
corpus, i.e. the loader before the fixes; it is exported to a temporary directory)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "corpus" / "pages"
DEFAULT_BEFORE = "5a717da"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def score(page: Path, expected: dict[str, object]) -> dict[str, object]:
    from reader.load import load_path

    loaded = load_path(str(page))
    body = loaded.text
    got = squash(body)
    keep = [str(k) for k in expected["keep"]]  # type: ignore[union-attr]
    total = sum(len(squash(k)) for k in keep)
    kept = sum(len(squash(k)) for k in keep if squash(k) in got)
    leaked = [s for s in expected["must_not"] if s in body]  # type: ignore[union-attr]
    title = str(expected["title"])
    if title:
        title_ok = squash(loaded.meta.title) == squash(title)
    else:
        title_ok = not any(s in loaded.meta.title for s in expected["must_not"])  # type: ignore[union-attr]
    author_ok = None
    if "author" in expected:
        author_ok = loaded.meta.author == expected["author"]
    return {
        "kept": kept,
        "total": total,
        "leaked": leaked,
        "title_ok": title_ok,
        "title": loaded.meta.title,
        "author_ok": author_ok,
        "author": loaded.meta.author,
    }


def run_here() -> dict[str, dict[str, object]]:
    out = {}
    for exp_path in sorted(PAGES.glob("*.expected.json")):
        expected = json.loads(exp_path.read_text("utf-8"))
        out[expected["page"]] = score(PAGES / expected["page"], expected)
    return out


def run_at(rev: str) -> dict[str, dict[str, object]]:
    """Score with the loader as it was at REV (exported to a temporary directory)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "reader"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = dict(os.environ, PYTHONPATH=tmp, CLEAN_PAGES_CHILD="1")
        res = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--json"],
            check=True,
            capture_output=True,
            env=env,
            cwd=tmp,
        )
        return json.loads(res.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", default=DEFAULT_BEFORE)
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.json:
        print(json.dumps(run_here(), ensure_ascii=False))
        return
    sys.path.insert(0, str(ROOT))
    before = run_at(args.before)
    after = run_here()
    print(f"before = loader at {args.before}; after = this tree")
    print(
        f"{'page':24} {'kept before':>12} {'after':>7} {'leaked b':>9} {'a':>3} "
        f"{'dropped b':>10} {'a':>5} {'title b/a':>10} {'author b/a':>11}"
    )
    tot = {"kb": 0, "ka": 0, "t": 0, "lb": 0, "la": 0, "tb": 0, "ta": 0, "n": 0}
    for name in sorted(after):
        b, a = before[name], after[name]
        t = int(a["total"])
        row = (
            f"{name:24} {int(b['kept']) / t:>12.0%} {int(a['kept']) / t:>7.0%} "
            f"{len(b['leaked']):>9} {len(a['leaked']):>3} "
            f"{t - int(b['kept']):>10} {t - int(a['kept']):>5} "
            f"{'ok' if b['title_ok'] else 'BAD':>5}/{'ok' if a['title_ok'] else 'BAD':<4} "
        )
        if a["author_ok"] is not None:
            row += f"{'ok' if b['author_ok'] else 'BAD':>6}/{'ok' if a['author_ok'] else 'BAD'}"
        print(row)
        tot["kb"] += int(b["kept"])
        tot["ka"] += int(a["kept"])
        tot["t"] += t
        tot["lb"] += len(b["leaked"])
        tot["la"] += len(a["leaked"])
        tot["tb"] += bool(b["title_ok"])
        tot["ta"] += bool(a["title_ok"])
        tot["n"] += 1
    print(
        f"{'total':24} {tot['kb'] / tot['t']:>12.0%} {tot['ka'] / tot['t']:>7.0%} "
        f"{tot['lb']:>9} {tot['la']:>3} {tot['t'] - tot['kb']:>10} {tot['t'] - tot['ka']:>5} "
        f"{tot['tb']:>5}/{tot['ta']:<4}  ({tot['t']} expected chars; titles right of {tot['n']} pages)"
    )
    print("\nleaked after:")
    for name in sorted(after):
        if after[name]["leaked"]:
            print(f"  {name}: {after[name]['leaked']}")


if __name__ == "__main__":
    main()
