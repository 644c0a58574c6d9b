"""A built wheel carries the code, the bundled data and the glossaries: build it, install it
into a fresh venv (dependencies seen from the test's own environment, nothing downloaded) and
run `reader annotate` on the bundled sample from outside the source tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_wheel_installs_and_annotates_the_bundled_sample(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="the build backend (dev extra) is not installed")
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout: the tracked sources to build from are unknown")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    # Build from a copy of the tracked sources, so stray files of a worktree stay out.
    src = tmp_path / "src"
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    dist = tmp_path / "dist"
    built = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            ".",
        ],
        src,
        env,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = dist.glob("reader-*.whl")

    venv = tmp_path / "venv"
    assert (
        _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, env).returncode
        == 0
    )
    python = venv / "bin" / "python"
    installed = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        tmp_path,
        env,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    # The dependencies come from this environment's site-packages (a path line, so its own
    # .pth files — such as an editable install of reader — are not processed).
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            tmp_path,
            env,
        ).stdout.strip()
    )
    (site / "_deps_from_test_env.pth").write_text(sysconfig.get_path("purelib") + "\n")

    where = _run([str(python), "-c", "import reader; print(reader.__file__)"], tmp_path, env)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr
    package = site / "reader"
    sample = package / "data" / "sample.md"
    assert sample.is_file()
    assert any((package / "glossaries").glob("*.tsv"))

    env["READER_HOME"] = str(tmp_path / "home")
    out = _run(
        [str(venv / "bin" / "reader"), "annotate", "--format", "json", str(sample)], tmp_path, env
    )
    assert out.returncode == 0, out.stderr[-2000:]
    doc = json.loads(out.stdout)
    tokens = [t for s in doc["sentences"] for t in s["tokens"]]
    names = {t["text"]: t["glossary"]["en"] for t in tokens if t["glossary"]}
    assert names.get("宇树科技") == "Unitree Robotics"  # the shipped glossaries came along
    assert any(t["pinyin"] == "hángzhōu" for t in tokens)
