"""Find installed Argos Translate packages without importing argostranslate.

argostranslate.settings creates directories in $HOME and freezes ARGOS_* variables at
import time, so we resolve the packages dir the same way it does and read each package's
``metadata.json`` ourselves. Real packages' metadata may lack ``type`` and ``code``
(zh_en 1.9 has neither); a missing ``type`` means "translate", as in argostranslate.

A package is a directory with ``metadata.json``, a CTranslate2 model in ``model/`` and a
SentencePiece ``sentencepiece.model``. ``--model`` may name such a directory or a
``.argosmodel`` zip, which is extracted once into the cache, keyed by the file's hash.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError

INSTALL_HINT = (
    "run `reader model install FILE.argosmodel` (offline) "
    "or `reader model install` (downloads zh→en from the Argos index)"
)


@dataclass(frozen=True, slots=True)
class ArgosPackage:
    path: Path
    from_code: str
    to_code: str
    from_name: str = ""
    to_name: str = ""
    version: str = ""
    argos_version: str = ""
    type: str = "translate"

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sentencepiece_model(self) -> Path:
        return self.path / "sentencepiece.model"

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    def version_key(self) -> tuple[int, ...]:
        parts = []
        for part in self.version.split("."):
            parts.append(int(part) if part.isdigit() else 0)
        return tuple(parts)


def _argos_setting(key: str) -> str | None:
    """An ARGOS_* setting: environment first, then argostranslate's settings.json."""
    value = os.environ.get(key)
    if value:
        return value
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    settings_file = config / "argos-translate" / "settings.json"
    try:
        data = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    found = data.get(key) if isinstance(data, dict) else None
    return str(found) if found else None


def packages_dir() -> Path:
    """Where argostranslate installs packages (ARGOS_PACKAGES_DIR, else its data dir)."""
    configured = _argos_setting("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured).expanduser()
    home = Path.home()
    if "SNAP" in os.environ and os.environ.get("SNAP_USER_DATA"):
        home = Path(os.environ["SNAP_USER_DATA"])
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return data / "argos-translate" / "packages"


def package_problems(path: Path) -> list[str]:
    """What is missing for ``path`` to be a usable translate package (empty if fine)."""
    problems = []
    if not (path / "metadata.json").is_file():
        problems.append("no metadata.json")
    if not (path / "model" / "model.bin").is_file():
        problems.append("no model/model.bin")
    if not (path / "sentencepiece.model").is_file():
        problems.append("no sentencepiece.model")
    return problems


def read_package(path: Path) -> ArgosPackage:
    """Read a package directory's metadata; ReaderError if it isn't a usable package."""
    problems = package_problems(path)
    if problems:
        raise ReaderError(f"{path} is not an Argos translate package ({', '.join(problems)})")
    try:
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReaderError(f"{path / 'metadata.json'}: unreadable package metadata ({exc})") from exc
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise ReaderError(
            f"{path / 'metadata.json'}: no from_code/to_code; not a translate package"
        )
    return ArgosPackage(
        path=path,
        from_code=str(meta["from_code"]),
        to_code=str(meta["to_code"]),
        from_name=str(meta.get("from_name", "")),
        to_name=str(meta.get("to_name", "")),
        version=str(meta.get("package_version", "")),
        argos_version=str(meta.get("argos_version", "")),
        type=str(meta.get("type") or "translate"),
    )


def scan_packages(root: Path | None = None) -> tuple[list[ArgosPackage], list[tuple[Path, str]]]:
    """Installed translate packages, and (path, problem) for directories that aren't usable."""
    base = packages_dir() if root is None else root
    found: list[ArgosPackage] = []
    broken: list[tuple[Path, str]] = []
    if not base.is_dir():
        return found, broken
    for entry in sorted(base.iterdir()):
        if not entry.is_dir() or entry.name.startswith("."):
            continue
        try:
            pkg = read_package(entry)
        except ReaderError as exc:
            broken.append((entry, str(exc)))
            continue
        if pkg.type == "translate":
            found.append(pkg)
    return found, broken


def installed_packages(root: Path | None = None) -> list[ArgosPackage]:
    return scan_packages(root)[0]


def find_package(
    from_code: str, to_code: str = "en", root: Path | None = None
) -> ArgosPackage | None:
    """The newest installed package for a language pair, or None."""
    matches = [
        p for p in installed_packages(root) if p.from_code == from_code and p.to_code == to_code
    ]
    if not matches:
        return None
    return max(matches, key=lambda p: p.version_key())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def resolve_model(spec: str | os.PathLike[str]) -> ArgosPackage:
    """``--model``: a package directory, or a ``.argosmodel`` file extracted once into the cache."""
    path = Path(spec).expanduser()
    if path.is_dir():
        if not (path / "metadata.json").exists():
            inner = [p for p in path.iterdir() if p.is_dir() and (p / "metadata.json").exists()]
            if len(inner) == 1:
                path = inner[0]
        return read_package(path)
    if not path.exists():
        raise ReaderError(f"--model {spec}: no such file or directory; {INSTALL_HINT}")
    from reader import paths
    from reader.translate.install import extract_package

    target = paths.cache_dir() / "argos-models" / file_sha256(path)[:20]
    return extract_package(path, target)
