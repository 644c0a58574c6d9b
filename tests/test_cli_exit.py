"""The ``reader`` program's exit (reader.cli.entry, exit_now): the read-only headless commands
skip the interpreter's teardown, and nothing a normal exit does for the user is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )


def test_exit_now_flushes_runs_atexit_and_keeps_the_code(tmp_path: Path) -> None:
    marker = tmp_path / "atexit-ran"
    code = (
        "import atexit, sys\n"
        "from reader.cli import exit_now\n"
        f"atexit.register(lambda: open({str(marker)!r}, 'w').write('yes'))\n"
        "sys.stdout.write('buffered, no newline')\n"
        "exit_now(3)\n"
        "print('not reached')\n"
    )
    proc = _python(code, tmp_path)
    assert proc.returncode == 3
    assert proc.stdout == "buffered, no newline"
    assert marker.read_text() == "yes"


def test_exit_now_returns_while_another_thread_runs(tmp_path: Path) -> None:
    """A thread the teardown would wait for: exit_now leaves the exit to sys.exit."""
    code = (
        "import threading, time\n"
        "from reader.cli import exit_now\n"
        "done = threading.Event()\n"
        "t = threading.Thread(target=lambda: (done.wait(5), time.sleep(0.2)))\n"
        "t.start()\n"
        "exit_now(4)\n"
        "print('returned')\n"
        "done.set()\n"
    )
    proc = _python(code, tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.strip() == "returned"


def test_quick_commands_exit_with_their_code_and_output(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ok = subprocess.run(
        [sys.executable, "-m", "reader", "pinyin", "银行行长"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (ok.returncode, ok.stdout.strip()) == (0, "yínhánghángzhǎng")
    missing = subprocess.run(
        [sys.executable, "-m", "reader", "annotate", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert missing.returncode != 0
    assert "no such file" in missing.stderr


def test_annotate_json_closes_the_vocabulary(tmp_path: Path) -> None:
    """The teardown no longer closes the vocabulary's connection: annotate does, so the
    write-ahead journal is folded back and removed, as after any normal exit."""
    article = tmp_path / "a.txt"
    article.write_text("银行行长在北京。", encoding="utf-8")
    home = Path(os.environ["READER_HOME"])
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "annotate", "--format", "json", str(article)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"sentences"' in proc.stdout
    vocab = sorted(p.name for p in home.rglob("vocab.sqlite*"))
    assert vocab == ["vocab.sqlite"], vocab
