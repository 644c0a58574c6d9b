"""Annotation time for both sample articles, cold (fresh process) and warm (same process).

Run: .venv/bin/python bench/annotate.py
Target (issue 2): warm annotation of the Traditional sample ≤ 150 ms on one core.
Warm is printed for the default (accurate) recogniser and for ``--names fast``.
The obvious alternative it is printed beside: per-character pypinyin + jieba.posseg over the
whole text (what a naive pipeline does).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's reader, also from a worktree
ARTICLES = ROOT.parent / "shared" / "articles"
SAMPLES = {
    "simplified (nikkei .md)": ARTICLES / "nikkei-hangzhou-unicorn-map.md",
    "traditional (zhidx .txt)": ARTICLES / "zhidx-hangzhou-silicon-valley.txt",
}
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as reader's CLI sets it


def cold(path: Path) -> float:
    code = (
        "import time; t=time.perf_counter();"
        "from reader.glossary import load_glossary; from reader.pipeline import Options, annotate_path;"
        f"annotate_path({str(path)!r}, Options(glossary=load_glossary()));"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def warm(path: Path, names: str, repeat: int = 5) -> float:
    from reader.glossary import load_glossary
    from reader.model import NameModel
    from reader.pipeline import Options, annotate_path

    options = Options(glossary=load_glossary(), names=NameModel(names))
    annotate_path(str(path), options)
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        annotate_path(str(path), options)
        best = min(best, time.perf_counter() - t)
    return best


def naive(path: Path, repeat: int = 3) -> float:
    import jieba.posseg
    import pypinyin

    from reader.load import load_path

    text = load_path(str(path)).text
    list(jieba.posseg.cut(text))
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for word in jieba.posseg.cut(text):
            pypinyin.pinyin(word.word)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    print(f"{'article':28} {'chars':>6} {'cold s':>8} {'warm ms':>8} {'(fast)':>8} {'naive ms':>9}")
    for name, path in SAMPLES.items():
        if not path.exists():
            print(f"{name:28} missing ({path})")
            continue
        from reader.load import load_path

        chars = len(load_path(str(path)).text)
        print(
            f"{name:28} {chars:6d} {cold(path):8.2f} {warm(path, 'accurate') * 1000:8.1f} "
            f"{warm(path, 'fast') * 1000:8.1f} {naive(path) * 1000:9.1f}"
        )


if __name__ == "__main__":
    main()
