"""Every Textual worker of the reader names itself.

Without a ``description`` Textual's ``@work`` writes one from ``repr()`` of every argument,
on the UI thread, each time the worker starts: a translation job's argument is the whole
article, so on a 20 MB text each start built a repr of hundreds of megabytes (the reader's
peak memory, and seconds with keys unanswered)."""

from __future__ import annotations

import ast
from pathlib import Path

import reader.tui

TUI = Path(reader.tui.__file__).parent


def _work_decorators() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(TUI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for deco in node.decorator_list:
                    if isinstance(deco, ast.Call) and getattr(deco.func, "id", "") == "work":
                        found.append((f"{path.name}:{node.name}", deco))
    return found


def test_every_worker_has_a_description() -> None:
    workers = _work_decorators()
    assert len(workers) >= 5  # the scan sees the reader's workers
    missing = [
        name for name, deco in workers if not any(k.arg == "description" for k in deco.keywords)
    ]
    assert missing == []


def test_a_bare_work_decorator_would_be_caught() -> None:
    deco = ast.parse("@work(thread=True)\ndef f(): pass").body[0].decorator_list[0]  # type: ignore[attr-defined]
    assert not any(k.arg == "description" for k in deco.keywords)
