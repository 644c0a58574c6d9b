"""Build reader/data/hsk.tsv from drkameleon/complete-hsk-vocabulary's complete.min.json.

Usage: python tools/build_hsk.py GIT_DIR [COMMIT] > reader/data/hsk.tsv

GIT_DIR is a (bare) clone of https://github.com/drkameleon/complete-hsk-vocabulary (MIT).
Keeps per word: the Simplified form, its HSK 3.0 level (1-6, 7 = the 7-9 band) and its
HSK 2.0 level (1-6); 0 = not in that list. Traditional forms are not stored: reader folds
any script to Simplified with OpenCC before looking a word up.
"""

from __future__ import annotations

import json
import subprocess
import sys


def main() -> int:
    git_dir = sys.argv[1]
    commit = sys.argv[2] if len(sys.argv) > 2 else "HEAD"
    commit = subprocess.run(
        ["git", "--git-dir", git_dir, "rev-parse", commit],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    raw = subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"{commit}:complete.min.json"],
        capture_output=True,
        check=True,
    ).stdout
    rows: dict[str, tuple[int, int]] = {}
    for entry in json.loads(raw):
        word = entry["s"]
        new = min((int(x[1:]) for x in entry["l"] if x.startswith("n")), default=0)
        old = min((int(x[1:]) for x in entry["l"] if x.startswith("o")), default=0)
        if word in rows:  # a word listed twice keeps its lowest level in each list
            a, b = rows[word]
            new = min(x for x in (a, new) if x) if a or new else 0
            old = min(x for x in (b, old) if x) if b or old else 0
        rows[word] = (new, old)
    out = sys.stdout
    out.write("# HSK levels per word (Simplified). Built by tools/build_hsk.py from\n")
    out.write(f"# github.com/drkameleon/complete-hsk-vocabulary @ {commit} (MIT licence).\n")
    out.write(
        "# hsk3: HSK 3.0 (2021) level 1-6, 7 = the 7-9 band; hsk2: HSK 2.0 level 1-6; 0 = absent\n"
    )
    out.write("word\thsk3\thsk2\n")
    for word in sorted(rows, key=lambda w: (rows[w][0] or 99, rows[w][1] or 99, w)):
        new, old = rows[word]
        out.write(f"{word}\t{new}\t{old}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
