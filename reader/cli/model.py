"""`reader model list|install`: offline translation models (Argos Translate packages)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "model",
        help="list or install offline translation models",
        description="Argos Translate packages used for offline zh→en translation. Packages "
        "live in ARGOS_PACKAGES_DIR (default ~/.local/share/argos-translate/packages), "
        "shared with argostranslate itself.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help="installed packages: languages, version, path")
    inst = actions.add_parser(
        "install",
        help="install a .argosmodel file, or download zh→en from the Argos index",
    )
    inst.add_argument(
        "file", nargs="?", metavar="FILE", help="a local .argosmodel file (omit to download)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.action == "install":
        return install(args.file)
    return list_models()


def list_models() -> int:
    from reader.translate.packages import INSTALL_HINT, packages_dir, scan_packages

    root = packages_dir()
    found, broken = scan_packages(root)
    print(f"packages dir: {root}")
    for pkg in found:
        names = f"{pkg.from_name or pkg.from_code} → {pkg.to_name or pkg.to_code}"
        print(f"  {pkg.pair:8} {pkg.version or '?':6} {names:22} {pkg.path}")
    for path, problem in broken:
        print(f"  (unusable) {path}: {problem}")
    if not any(p.from_code in ("zh", "zt") and p.to_code == "en" for p in found):
        print(f"no zh→en model installed: {INSTALL_HINT}", file=sys.stderr)
    return 0


def install(file: str | None) -> int:
    from reader.translate.install import install_file, install_from_index

    if file:
        pkg = install_file(Path(file))
    else:
        bar = ProgressBar("downloading zh→en")
        try:
            pkg = install_from_index("zh", "en", progress=bar)
        finally:
            bar.close()
    print(f"installed {pkg.pair} {pkg.version} at {pkg.path}")
    return 0


class ProgressBar:
    """A one-line byte progress bar on stderr (redrawn at most 10 times a second)."""

    def __init__(self, label: str, width: int = 30) -> None:
        self.label = label
        self.width = width
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and done != total:
            return
        self.last = now
        mb = done / 1e6
        if total:
            filled = int(self.width * done / total)
            bar = "#" * filled + "-" * (self.width - filled)
            line = f"{self.label} [{bar}] {100 * done / total:5.1f}% {mb:.1f}/{total / 1e6:.1f} MB"
        else:
            line = f"{self.label} {mb:.1f} MB"
        sys.stderr.write("\r" + line)
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()
