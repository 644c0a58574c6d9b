"""reader.allocator: glibc's malloc told to keep freed memory (a process setting)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reader.allocator import keep_freed_memory


def _has_glibc() -> bool:
    try:
        os.confstr("CS_GNU_LIBC_VERSION")
    except (ValueError, OSError):
        return False
    return sys.platform.startswith("linux")


def test_glibc_takes_the_thresholds_and_others_are_left_alone() -> None:
    # in a fresh process: the setting is the process's, not this test run's to change
    code = "from reader.allocator import keep_freed_memory; print(keep_freed_memory())"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=os.getcwd()
    )
    assert done.stdout.strip() == str(_has_glibc())


@pytest.mark.skipif(sys.platform.startswith("linux"), reason="the no-op is for other systems")
def test_elsewhere_nothing_is_done() -> None:
    assert keep_freed_memory() is False
