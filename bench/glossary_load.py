"""Cold load of the shipped glossaries: parsing the TSV files beside the cached built glossary.

Run: .venv/bin/python bench/glossary_load.py [--runs 7] [--before REV]

Each measurement is a new process (what a start pays), timed inside it from before the
import of reader.glossary to a glossary ready to match:

* ``parse``: ``load_glossary()``: read and parse every shipped file, build the glossary
  (what ``reader glossary list`` did, and what any start would do without the cache);
* ``cached``: ``Resources(cache_dir).glossary()``: the built glossary from the cache dir
  (filled by one earlier run), the files only stamped (size, mtime, content hash);
* with ``--before REV``: the same cached load in that revision (a temporary git worktree),
  the runs interleaved with this checkout's so both see the same machine load.

Printed: median and minimum wall milliseconds, and the cache file's size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from revision import checked_out

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, sys, time
start = time.perf_counter()
if sys.argv[1] == "parse":
    from reader.glossary import load_glossary
    glossary = load_glossary(use_user=False)
else:
    from pathlib import Path
    from reader.resources import Resources
    glossary = Resources(cache_dir=Path(sys.argv[2])).glossary(use_user=False)
glossary.find("宇树科技发布新品")  # ready to match: the automaton is there
print(json.dumps({"ms": (time.perf_counter() - start) * 1000, "entries": len(glossary)}))
"""


def run(tree: Path, mode: str, cache: Path) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(tree), READER_HOME=str(cache.parent))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once, as an installed reader is
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(cache)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", help="revision to compare the cached load with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reader-bench-glossary-") as tmp, ExitStack() as stack:
        trees = {"parse": ROOT, "cached": ROOT}
        if args.before:
            before = stack.enter_context(checked_out(args.before, Path(tmp) / "before"))
            trees[f"cached {args.before}"] = before
        caches = {label: Path(tmp) / f"home-{i}" / "cache" for i, label in enumerate(trees)}
        for label, tree in trees.items():  # fill the caches, as any earlier use would
            run(tree, label.split()[0], caches[label])
        times: dict[str, list[float]] = {label: [] for label in trees}
        entries = {}
        for _ in range(args.runs):
            for label, tree in trees.items():
                found = run(tree, label.split()[0], caches[label])
                times[label].append(found["ms"])
                entries[label] = found["entries"]
        print(f"{'load':<22}{'median':>10}{'min':>10}{'entries':>9}{'cache file':>13}")
        for label, values in times.items():
            files = list(caches[label].glob("glossary-*.pickle"))
            size = f"{files[0].stat().st_size / 1e6:.1f} MB" if files else "-"
            print(
                f"{label:<22}{statistics.median(values):>8.1f} ms{min(values):>7.1f} ms"
                f"{entries[label]:>9}{size:>13}"
            )


if __name__ == "__main__":
    main()
