"""The translation cache: round trip, corruption recovery, two processes at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.translate.cache import CachedTranslation, TranslationCache, cache_key, default_path

from conftest import ROOT

ENTRY = CachedTranslation("Alibaba invests.", "mt", ("Alibaba",), True)


def test_round_trip_in_the_user_cache_dir(_isolated_home: Path) -> None:
    cache = TranslationCache()
    assert cache.path == default_path() == _isolated_home / "cache" / "translations.sqlite3"
    key = cache_key("model", "阿里巴巴投资。")
    assert cache.get_many([key]) == {}
    cache.put_many([(key, ENTRY)], model="model")
    cache.close()
    reopened = TranslationCache()
    assert reopened.get_many([key, "missing"]) == {key: ENTRY}
    assert len(reopened) == 1


def test_keys_differ_by_every_part() -> None:
    base = cache_key("p1", "model", "settings", False, "句子", [(0, 2, "X")])
    assert base != cache_key("p1", "model2", "settings", False, "句子", [(0, 2, "X")])
    assert base != cache_key("p1", "model", "settings", False, "句子", [(0, 2, "Y")])
    assert base != cache_key("p1", "model", "settings", False, "句孑", [(0, 2, "X")])


def test_a_corrupt_file_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "translations.sqlite3"
    good = TranslationCache(path)
    good.put_many([("k", ENTRY)])
    good.close()
    path.write_bytes(b"this is not a database" * 500)
    for side in ("-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)

    cache = TranslationCache(path)
    assert cache.get_many(["k"]) == {}  # a miss, not an exception
    assert cache.recovered is not None and cache.recovered.name.startswith(
        "translations.sqlite3.corrupt-"
    )
    assert cache.recovered.read_bytes().startswith(b"this is not a database")
    cache.put_many([("k", ENTRY)])
    assert TranslationCache(path).get_many(["k"]) == {"k": ENTRY}


def test_a_damaged_table_page_is_recovered_on_query(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "c.sqlite3"
    cache = TranslationCache(path)
    cache.put_many([(f"k{i}", ENTRY) for i in range(300)])
    cache.close()
    with sqlite3.connect(path) as conn:  # fold the WAL into the main file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    with open(path, "r+b") as fh:  # keep the header page, wreck every page after it
        fh.seek(4096)
        fh.write(b"\xff" * (size - 4096))
    cache = TranslationCache(path)
    assert cache.get_many(["k1", "k2"]) == {}
    assert cache.recovered is not None
    cache.put_many([("k1", ENTRY)])
    assert cache.get_many(["k1"]) == {"k1": ENTRY}


def test_an_unusable_location_disables_the_cache_without_failing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = TranslationCache(blocker / "sub" / "c.sqlite3")  # parent is a file
    cache.put_many([("a", ENTRY)])
    assert cache.get_many(["a"]) == {}
    assert cache.disabled


def test_open_connects_before_the_first_look_up(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    cache = TranslationCache(path)
    assert not path.exists()
    assert cache.open() and path.is_file()  # the reader opens it while the model loads
    cache.put_many([("k", ENTRY)])
    assert cache.get_many(["k"]) == {"k": ENTRY}
    blocker = tmp_path / "file"
    blocker.write_text("x")
    unusable = TranslationCache(blocker / "sub" / "c.sqlite3")
    assert not unusable.open() and unusable.disabled  # no exception


WRITER = """
import sys
from reader.translate.cache import CachedTranslation, TranslationCache
cache = TranslationCache(sys.argv[1])
tag = sys.argv[2]
for batch in range(40):
    rows = [(f"{tag}-{batch}-{i}", CachedTranslation(f"{tag} {batch} {i}", "mt", (), False)) for i in range(25)]
    cache.put_many(rows)
    got = cache.get_many([key for key, _ in rows])
    assert len(got) == 25, (tag, batch, len(got))
print("ok")
"""


def test_two_processes_write_the_same_cache(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), tag],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "ok" and "cache off" not in err and "unreadable" not in err
    cache = TranslationCache(path)
    assert len(cache) == 2 * 40 * 25
    assert cache.get_many(["a-39-24", "b-0-0"])["b-0-0"].text == "b 0 0"
