"""`reader model list|install`: local files, the Argos index over HTTP, and no network."""

from __future__ import annotations

import http.server
import json
import os
import socket
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main

from argos_fixture import fixture_argosmodel


@pytest.fixture(scope="session")
def argos_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_argosmodel(tmp_path_factory)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def packages() -> Path:
    return Path(os.environ["ARGOS_PACKAGES_DIR"])


def test_list_with_nothing_installed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "model", "list")
    assert code == 0 and f"packages dir: {packages()}" in out
    assert "no zh→en model installed" in err and "reader model install FILE.argosmodel" in err


def test_install_file_then_list(capsys: pytest.CaptureFixture[str], argos_package: Path) -> None:
    code, out, err = run(capsys, "model", "install", str(argos_package))
    assert code == 0, err
    target = packages() / "translate-zh_en-0_1"
    assert f"installed zh→en 0.1 at {target}" in out
    assert (target / "model" / "model.bin").is_file() and (target / "sentencepiece.model").is_file()
    code, out, err = run(capsys, "model", "list")
    assert code == 0 and err == ""
    assert "zh→en" in out and "0.1" in out and "Chinese → English" in out and str(target) in out

    # Reinstalling replaces the package in place and leaves no temporary directories.
    code, _, _ = run(capsys, "model", "install", str(argos_package))
    assert code == 0
    assert sorted(p.name for p in packages().iterdir()) == ["translate-zh_en-0_1"]


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


META = json.dumps({"from_code": "zh", "to_code": "en", "package_version": "1"}).encode()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (None, "not an Argos package (a .argosmodel file is a zip archive)"),
        ({"p/README.md": b"x"}, "no metadata.json in the archive"),
        ({"p/metadata.json": META, "p/model/model.bin": b"x"}, "no sentencepiece.model"),
        ({"p/metadata.json": META, "p/sentencepiece.model": b"x"}, "no model/model.bin"),
        (
            {
                "p/metadata.json": META,
                "p/model/model.bin": b"x",
                "p/sentencepiece.model": b"x",
                "p/../../evil.txt": b"x",
            },
            "unsafe path",
        ),
    ],
)
def test_install_refuses_bad_archives_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: dict[str, bytes] | None, message: str
) -> None:
    bad = tmp_path / "bad.argosmodel"
    if files is None:
        bad.write_text("not a zip")
    else:
        _zip(bad, files)
    code, out, err = run(capsys, "model", "install", str(bad))
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path.parent / "evil.txt").exists()
    leftovers = list(packages().iterdir()) if packages().exists() else []
    assert leftovers == []


def test_install_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "model", "install", str(tmp_path / "none.argosmodel"))
    assert code == 2 and "no such file" in err


@pytest.fixture
def index_server(argos_package: Path) -> Iterator[str]:
    """A local stand-in for the Argos index: index.json plus the package file."""
    port_holder: list[int] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/index/index.json":
                body = json.dumps(
                    [
                        {
                            "from_code": "en",
                            "to_code": "zh",
                            "package_version": "9.9",
                            "links": ["x"],
                        },
                        {
                            "from_code": "zh",
                            "to_code": "en",
                            "package_version": "0.1",
                            "links": [f"http://127.0.0.1:{port_holder[0]}/pkg.argosmodel"],
                        },
                    ]
                ).encode()
            elif self.path == "/pkg.argosmodel":
                body = argos_package.read_bytes()
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_holder.append(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port_holder[0]}/index/"
    finally:
        server.shutdown()
        server.server_close()


def test_install_from_the_index_with_progress(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, index_server: str
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    code, out, err = run(capsys, "model", "install")
    assert code == 0, err
    assert "installed zh→en 0.1" in out
    assert "downloading zh→en" in err and "100.0%" in err
    assert (packages() / "translate-zh_en-0_1" / "model" / "model.bin").is_file()


def test_install_offline_says_what_to_do(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{port}/")
    code, out, err = run(capsys, "model", "install")
    assert code == 3 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "cannot reach" in err and "reader model install FILE.argosmodel" in err
