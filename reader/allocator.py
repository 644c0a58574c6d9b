"""Keep the memory an annotation frees for the next one (glibc's malloc; elsewhere nothing).

glibc hands a large block (from 128 kB, its threshold rising to at most 32 MB as such blocks
are freed) straight from the kernel and gives it back on free(), and it trims the heap's
free top above twice that threshold. LAC's network (reader/annotate/names_lac.py) works in
arrays of several MB (~3 kB a character of the batch), so every annotation touched fresh
pages: the kernel zeroes each on its first touch, ~10 ms of the Traditional sample's warm
annotation. With both thresholds fixed high the arrays come from the heap again, already
mapped. The cost: the process keeps its largest annotation's working set (tens of MB).

A process setting like OPENBLAS_NUM_THREADS, made once by reader's CLI (reader.cli.main)
and by the benchmarks that stand for it; the library itself never calls it. The values
only change where memory comes from, never a computed number.
"""

from __future__ import annotations

import sys

# mallopt() parameters (glibc's malloc.h)
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
# blocks up to this size come from the heap: glibc's largest allowed (HEAP_MAX_SIZE / 2)
MMAP_THRESHOLD = 32 * 1024 * 1024
# the heap's free top is kept up to this size
TRIM_THRESHOLD = 256 * 1024 * 1024


def keep_freed_memory() -> bool:
    """Fix glibc's thresholds (above); False where there is no glibc malloc to tell."""
    if not sys.platform.startswith("linux"):
        return False
    import os

    try:
        os.confstr("CS_GNU_LIBC_VERSION")  # glibc's alone (musl has no such thresholds)
    except (ValueError, OSError):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    # mallopt returns 1 on success, 0 when it refuses a value
    mmap = mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    trim = mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    return mmap == 1 and trim == 1
