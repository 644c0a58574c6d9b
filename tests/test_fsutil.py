from __future__ import annotations

import os
import stat
from pathlib import Path

from reader.fsutil import atomic_write


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    atomic_write(target, "第一版")
    atomic_write(target, "第二版")
    assert target.read_text(encoding="utf-8") == "第二版"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_new_files_follow_the_umask_and_existing_modes_are_kept(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "export.html"
        atomic_write(fresh, "<p>x</p>")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        private = tmp_path / "glossary.tsv"
        private.write_text("x")
        private.chmod(0o600)
        atomic_write(private, "y")
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    finally:
        os.umask(old)
