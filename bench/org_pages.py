"""Organisation names rendered right on real news pages no one tuned on.

Run: .venv/bin/python bench/org_pages.py [--before REV]

Two sets, each a list of the organisation names in real article text with the English a
reader should see, written by hand before reader's names on those texts were looked at:

* seen: the saved pages of tests/corpus/pages (Mainland and Taiwanese news, a WeChat page),
  bench/data/org_names_pages.json. Its misses were looked at (``--details``) after the first
  measurement, so later figures on it are no longer blind;
* held-out: five business/tech articles, bench/data/heldout-pages,
  bench/data/org_names_heldout.json. Only its totals are printed; nothing is tuned to it.

Each occurrence of a listed name is classed by the token that covers it in
``reader annotate --format json``:

* right      a name token covering it whose English contains an accepted rendering;
* left to MT a name token (organisation) with no English of its own: the translator decides;
* wrong      a name token with some other English, or one that covers only part of it;
* missed     no name token there at all.

Printed for this checkout and, with ``--before REV``, for that revision (checked out into a
temporary git worktree, run with the same venv), side by side. Issue 14's target: ≥ 90 % of
organisation names rendered right on unseen tech and business articles.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from revision import checked_out

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "seen": (ROOT / "tests" / "corpus" / "pages", ROOT / "bench" / "data" / "org_names_pages.json"),
    "held-out": (
        ROOT / "bench" / "data" / "heldout-pages",
        ROOT / "bench" / "data" / "org_names_heldout.json",
    ),
}
CLASSES = ("right", "left to MT", "wrong", "missed")


def annotate_json(cwd: Path, page: Path, home: Path) -> dict:
    env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(cwd))
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "annotate", str(page), "--format", "json"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench: annotate {page.name} failed in {cwd}: {proc.stderr[-300:]}")
    return json.loads(proc.stdout)


def name_tokens(doc: dict) -> list[tuple[int, int, str]]:
    """(start, end, English) of every token that carries a name."""
    out = []
    for sentence in doc["sentences"]:
        for token in sentence["tokens"]:
            hit = token.get("glossary")
            if hit:
                out.append((token["start"], token["end"], hit.get("en") or ""))
    return out


def classify(start: int, end: int, accepted: list[str], names: list[tuple[int, int, str]]) -> str:
    covering = [n for n in names if n[0] <= start and n[1] >= end]
    if covering:
        english = covering[0][2]
        if not english:
            return "left to MT"
        wanted = [a.lower() for a in accepted]
        return "right" if any(a in english.lower() for a in wanted) else "wrong"
    overlapping = [n for n in names if n[0] < end and n[1] > start]
    return "wrong" if overlapping else "missed"


def measure(cwd: Path, home: Path, pages: Path, names_file: Path) -> tuple[Counter[str], list[str]]:
    expected = json.loads(names_file.read_text(encoding="utf-8"))["pages"]
    counts: Counter[str] = Counter()
    details = []
    for page_name, orgs in expected.items():
        doc = annotate_json(cwd, pages / page_name, home)
        text = doc["text"]
        names = name_tokens(doc)
        for org in orgs:
            start = text.find(org["zh"])
            if start < 0:
                details.append(f"  {page_name}: {org['zh']} not in the article text")
                continue
            while start >= 0:
                end = start + len(org["zh"])
                cls = classify(start, end, org["en"], names)
                counts[cls] += 1
                if cls != "right":
                    got = [n[2] or "(MT)" for n in names if n[0] < end and n[1] > start]
                    details.append(f"  {page_name}: {org['zh']} → {cls} {got}")
                start = text.find(org["zh"], end)
    return counts, details


def row(label: str, counts: Counter[str]) -> str:
    total = sum(counts.values()) or 1
    cells = "  ".join(f"{counts[c]:>4} ({100 * counts[c] / total:5.1f} %)" for c in CLASSES)
    return f"{label:<24}{cells}  of {total}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="revision to compare with (e.g. c73d17f)")
    parser.add_argument("--details", action="store_true", help="list every miss of the seen set")
    args = parser.parse_args()
    header = " " * 24 + "  ".join(f"{c:>13}" for c in CLASSES)
    results = []
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        trees = [("this checkout", ROOT)]
        if args.before:
            trees.append(
                (args.before, stack.enter_context(checked_out(args.before, Path(tmp) / "before")))
            )
        for set_name, (pages, names_file) in SETS.items():
            for label, cwd in trees:
                counts, details = measure(
                    cwd, Path(tmp) / f"home-{len(results)}", pages, names_file
                )
                results.append(
                    (f"{set_name}: {label}", counts, details if set_name == "seen" else [])
                )
    print("organisation names rendered in real articles (bench/data/org_names_*.json)")
    print(header)
    for label, counts, _ in results:
        print(row(label, counts))
    if args.details:
        for label, _, details in results:
            if not label.startswith("seen"):
                continue
            print(f"\n{label}:")
            print("\n".join(details) or "  (none)")


if __name__ == "__main__":
    main()
