"""Install Argos packages: from a local ``.argosmodel`` zip, or from the Argos package index.

We unzip ourselves rather than call ``argostranslate.package.install_from_path``: that
imports argostranslate.translate (torch, stanza: seconds) and extracts without checking
the archive. Here the archive is validated (one package, no paths escaping the target,
``model/`` and ``sentencepiece.model`` present), unpacked into a temporary directory next
to the destination and renamed into place, so a failed or concurrent install never leaves
a half-written package behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from reader.errors import ReaderError
from reader.translate.packages import (
    ArgosPackage,
    package_problems,
    packages_dir,
    read_package,
)

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
Progress = Callable[[int, int], None]  # (bytes done, bytes total or 0 if unknown)


def _package_prefix(zf: zipfile.ZipFile, source: Path) -> str:
    """The folder inside the zip that holds metadata.json ("" when it sits at the root)."""
    prefixes = set()
    for name in zf.namelist():
        parts = PurePosixPath(name).parts
        if parts and parts[-1] == "metadata.json" and len(parts) <= 2:
            prefixes.add("" if len(parts) == 1 else parts[0] + "/")
    if len(prefixes) != 1:
        what = "no metadata.json" if not prefixes else "several packages"
        raise ReaderError(f"{source}: not a single Argos package ({what} in the archive)")
    return prefixes.pop()


def _safe_extract(zf: zipfile.ZipFile, prefix: str, dest: Path, source: Path) -> None:
    for info in zf.infolist():
        if not info.filename.startswith(prefix) or info.is_dir():
            continue
        rel = PurePosixPath(info.filename[len(prefix) :])
        if rel.is_absolute() or ".." in rel.parts or not rel.parts:
            raise ReaderError(
                f"{source}: unsafe path {info.filename!r} in the archive; not installed"
            )
        out = dest.joinpath(*rel.parts)
        out.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(info) as src, open(out, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)


def _unpack(source: Path, parent: Path) -> tuple[Path, str]:
    """Unpack ``source`` into a fresh temp dir under ``parent``; return (temp dir, package name)."""
    if not source.is_file():
        raise ReaderError(f"{source}: no such file; give the path of a .argosmodel file")
    if not zipfile.is_zipfile(source):
        raise ReaderError(f"{source}: not an Argos package (a .argosmodel file is a zip archive)")
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".installing-", dir=parent))
    try:
        with zipfile.ZipFile(source) as zf:
            prefix = _package_prefix(zf, source)
            _safe_extract(zf, prefix, tmp, source)
        problems = package_problems(tmp)
        if problems:
            raise ReaderError(
                f"{source}: not a usable translate package ({', '.join(problems)}); not installed"
            )
        pkg = read_package(tmp)
    except (zipfile.BadZipFile, OSError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ReaderError(f"{source}: damaged package archive ({exc}); download it again") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    name = (
        prefix.rstrip("/")
        or f"translate-{pkg.from_code}_{pkg.to_code}-{pkg.version.replace('.', '_')}"
    )
    return tmp, name


def extract_package(source: Path, target: Path) -> ArgosPackage:
    """Extract ``source`` under ``target`` once (cache for ``--model FILE``); reuse it after."""
    if target.is_dir():
        for entry in target.iterdir():
            if entry.is_dir() and not entry.name.startswith(".") and not package_problems(entry):
                return read_package(entry)
    tmp, name = _unpack(source, target)
    dest = target / name
    try:
        os.rename(tmp, dest)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # another process got there first
        if package_problems(dest):
            raise
    return read_package(dest)


def install_file(source: Path, root: Path | None = None) -> ArgosPackage:
    """Install a local ``.argosmodel`` into the packages dir, replacing the same package."""
    base = packages_dir() if root is None else root
    tmp, name = _unpack(Path(source), base)
    dest = base / name
    old = None
    if dest.exists():
        old = base / f".replaced-{name}-{os.getpid()}-{time.time_ns()}"
        os.rename(dest, old)
    try:
        os.rename(tmp, dest)
    except OSError:
        if old is not None:
            os.rename(old, dest)
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return read_package(dest)


def index_url() -> str:
    """The Argos index URL, as argostranslate builds it (ARGOS_PACKAGE_INDEX + index.json)."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _offline(url: str, exc: BaseException) -> ReaderError:
    reason = getattr(exc, "reason", None) or exc
    return ReaderError(
        f"cannot reach {url} ({reason}); offline? download translate-zh_en-*.argosmodel "
        "on another machine and run `reader model install FILE.argosmodel`",
        exit_code=3,
    )


def fetch_index(timeout: float = 20.0) -> list[dict[str, object]]:
    url = index_url()
    try:
        with urllib.request.urlopen(_request(url), timeout=timeout) as resp:
            data = json.loads(resp.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise _offline(url, exc) from exc
    except ValueError as exc:
        raise ReaderError(f"{url}: the package index is not valid JSON ({exc})") from exc
    if not isinstance(data, list):
        raise ReaderError(f"{url}: unexpected package index format (not a list)")
    return [d for d in data if isinstance(d, dict)]


def _request(url: str) -> urllib.request.Request:
    return urllib.request.Request(url, headers={"User-Agent": "reader (argos-compatible)"})


def _version_key(entry: dict[str, object]) -> tuple[int, ...]:
    return tuple(
        int(p) if p.isdigit() else 0 for p in str(entry.get("package_version", "")).split(".")
    )


def choose_entry(index: list[dict[str, object]], from_code: str, to_code: str) -> dict[str, object]:
    matches = [
        e
        for e in index
        if e.get("from_code") == from_code
        and e.get("to_code") == to_code
        and (e.get("type") or "translate") == "translate"
        and e.get("links")
    ]
    if not matches:
        raise ReaderError(f"the Argos index has no {from_code}→{to_code} package")
    return max(matches, key=_version_key)


def download(
    urls: list[str], dest: Path, progress: Progress | None = None, timeout: float = 30.0
) -> Path:
    """Stream the first reachable URL to ``dest`` (via a .part file), reporting progress."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    last: BaseException | None = None
    for url in urls:
        try:
            with (
                urllib.request.urlopen(_request(url), timeout=timeout) as resp,
                open(part, "wb") as fh,
            ):
                total = int(resp.headers.get("Content-Length") or 0)
                done = 0
                while block := resp.read(1 << 16):
                    fh.write(block)
                    done += len(block)
                    if progress is not None:
                        progress(done, total)
            os.replace(part, dest)
            return dest
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            last = exc
            part.unlink(missing_ok=True)
    assert last is not None
    raise _offline(urls[0], last)


def install_from_index(
    from_code: str = "zh", to_code: str = "en", progress: Progress | None = None
) -> ArgosPackage:
    """Download the newest ``from_code``→``to_code`` package from the Argos index and install it."""
    from reader import paths

    entry = choose_entry(fetch_index(), from_code, to_code)
    raw_links = entry.get("links")
    links = [u for u in raw_links if isinstance(u, str)] if isinstance(raw_links, list) else []
    version = str(entry.get("package_version", "")).replace(".", "_")
    target = (
        paths.cache_dir() / "downloads" / f"translate-{from_code}_{to_code}-{version}.argosmodel"
    )
    download(links, target, progress)
    try:
        return install_file(target)
    finally:
        target.unlink(missing_ok=True)
