"""Derived tables in the cache dir: rebuilt when their source changes, and a damaged,
partial or foreign cache file is never fatal (it is rebuilt from the source)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.disktable import DiskTable, MemoryTable, encode, open_table
from reader.resources import Resources

ROWS = [("银行", "1 n"), ("银", "0"), ("行长", "2 n"), ("Latin", "x"), ("空", "")]


def _built(calls: list[int]):  # type: ignore[no-untyped-def]
    def build():  # type: ignore[no-untyped-def]
        calls.append(1)
        return iter(ROWS)

    return build


def test_disk_table_answers_every_key_and_nothing_else(tmp_path: Path) -> None:
    table = open_table(tmp_path / "t.table", "v1", lambda: ROWS)
    assert isinstance(table, DiskTable)
    for key, value in ROWS:
        assert table.get(key) == value
    assert table.get("银行行长") is None and table.get("") is None
    assert table.get("行", "default") == "default"
    assert "银" in table and "长" not in table
    assert table.get("银\0") is None and table.get("\ud800") is None  # never a key


def test_disk_table_is_reused_while_its_stamp_matches_and_rebuilt_when_it_changes(
    tmp_path: Path,
) -> None:
    calls: list[int] = []
    path = tmp_path / "t.table"
    open_table(path, ("dict.txt", 100, 1), _built(calls))
    open_table(path, ("dict.txt", 100, 1), _built(calls))
    assert calls == [1]  # the second open read the file
    rebuilt = open_table(path, ("dict.txt", 101, 2), lambda: [("新", "1")])
    assert rebuilt.get("新") == "1" and rebuilt.get("银行") is None
    again = open_table(path, ("dict.txt", 101, 2), _built(calls))
    assert again.get("新") == "1" and calls == [1]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # partial
        lambda data: b"",  # empty
        lambda data: b"garbage",  # foreign
        lambda data: data[:-3] + bytes([data[-3] ^ 0x55]) + data[-2:],  # one flipped byte
        lambda data: data[:60] + bytes([data[60] ^ 0x01]) + data[61:],  # a slot changed
    ],
)
def test_a_damaged_disk_table_is_rebuilt_from_its_source(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "t.table"
    open_table(path, "v1", lambda: ROWS)
    path.write_bytes(damage(path.read_bytes()))
    calls: list[int] = []
    table = open_table(path, "v1", _built(calls))
    assert calls == [1]
    assert dict((k, table.get(k)) for k, _ in ROWS) == dict(ROWS)
    assert path.read_bytes() == encode(ROWS, "v1")  # written again, whole


def test_an_unwritable_cache_dir_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache dir should be", encoding="utf-8")
    table = open_table(blocker / "t.table", "v1", lambda: ROWS)
    assert isinstance(table, MemoryTable)
    assert table.get("行长") == "2 n" and table.get("行") is None


def test_segmenter_rebuilds_a_truncated_jieba_table(tmp_path: Path) -> None:
    text = "杭州六小龙在人工智能领域崛起，银行行长说"
    first = Resources(cache_dir=tmp_path).segmenter
    expected = first.cut(text), [first.tag(text[a:b]) for a, b in first.cut(text)]
    table = tmp_path / "jieba.table"
    table.write_bytes(table.read_bytes()[:4096])
    again = Resources(cache_dir=tmp_path).segmenter
    assert (again.cut(text), [again.tag(text[a:b]) for a, b in again.cut(text)]) == expected
    assert again.freq("银行") == first.freq("银行") and again.freq("行长说") is None


GLOSSARY = "zh\ten\ttype\n宇树科技\tUnitree Robotics\tcompany\n"


def _glossary_resources(tmp_path: Path) -> Resources:
    return Resources(cache_dir=tmp_path / "cache")


def test_cached_glossary_is_reused_and_rebuilt_when_its_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.glossary.format as glossary_format

    extra = tmp_path / "mine.tsv"
    extra.write_text(GLOSSARY, encoding="utf-8")
    first = _glossary_resources(tmp_path).glossary([extra], use_default=False, use_user=False)
    assert first.lookup("宇樹科技").en == "Unitree Robotics"  # type: ignore[union-attr]
    assert list((tmp_path / "cache").glob("glossary-*.pickle"))

    parsed: list[str] = []
    real_read = glossary_format.read_glossary_file

    def counting_read(path):  # type: ignore[no-untyped-def]
        parsed.append(str(path))
        return real_read(path)

    monkeypatch.setattr(glossary_format, "read_glossary_file", counting_read)
    cached = _glossary_resources(tmp_path).glossary([extra], use_default=False, use_user=False)
    assert parsed == []  # a new process (a new Resources) unpickles it
    assert cached.fingerprint == first.fingerprint
    assert cached.lookup("宇樹科技").en == "Unitree Robotics"  # type: ignore[union-attr]
    assert [h.en for h in cached.find("宇树科技发布新品")] == ["Unitree Robotics"]

    # the same size and mtime but other content still rebuilds (the content hash)
    st = extra.stat()
    extra.write_text(GLOSSARY.replace("Unitree Robotics", "Unitree Robotic!"), encoding="utf-8")
    os.utime(extra, ns=(st.st_atime_ns, st.st_mtime_ns))
    edited = _glossary_resources(tmp_path).glossary([extra], use_default=False, use_user=False)
    assert parsed == [str(extra)]
    assert edited.lookup("宇树科技").en == "Unitree Robotic!"  # type: ignore[union-attr]
    assert edited.fingerprint != first.fingerprint


def test_a_damaged_glossary_cache_is_rebuilt(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(GLOSSARY, encoding="utf-8")
    _glossary_resources(tmp_path).glossary([extra], use_default=False, use_user=False)
    (cache,) = (tmp_path / "cache").glob("glossary-*.pickle")
    for damaged in (cache.read_bytes()[:100], b"", b"\x80\x05garbage"):
        cache.write_bytes(damaged)
        glossary = _glossary_resources(tmp_path).glossary(
            [extra], use_default=False, use_user=False
        )
        assert glossary.lookup("宇树科技").en == "Unitree Robotics"  # type: ignore[union-attr]
        assert len(cache.read_bytes()) > 100  # written again


def test_a_missing_glossary_file_is_still_a_one_line_error(tmp_path: Path) -> None:
    from reader.errors import ReaderError

    with pytest.raises(ReaderError, match="missing.tsv"):
        _glossary_resources(tmp_path).glossary([tmp_path / "missing.tsv"], use_default=False)


def test_opencc_dictionary_cache_is_rebuilt_when_damaged(tmp_path: Path) -> None:
    from reader.annotate.script import _opencc_dir, _read_dictionary, opencc_dictionary

    source = _opencc_dir() / "dictionary" / "TSCharacters.txt"
    expected = _read_dictionary(source)
    assert opencc_dictionary("TSCharacters.txt", tmp_path) == expected
    cache = tmp_path / "opencc-TSCharacters.pickle"
    assert cache.is_file()
    cache.write_bytes(cache.read_bytes()[:50])
    assert opencc_dictionary("TSCharacters.txt", tmp_path) == expected
    assert expected[2]["銀"] == "银"


def test_pypinyin_table_is_rebuilt_when_damaged(tmp_path: Path) -> None:
    from reader.annotate.pinyin_words import WordReader

    words = ["银行", "行长", "银行行长", "别着急", "了解", "长"]
    first = [WordReader(cache_dir=tmp_path).read(w) for w in words]
    table = tmp_path / "pypinyin.table"
    table.write_bytes(table.read_bytes()[:-10] + b"0123456789")
    assert [WordReader(cache_dir=tmp_path).read(w) for w in words] == first
    assert first[2].readings == ("yin2", "hang2", "hang2", "zhang3")


def test_files_stamp_changes_with_a_source_and_the_cache_follows(tmp_path: Path) -> None:
    from reader.fsutil import cached_pickle, files_stamp

    source = tmp_path / "words.tsv"
    source.write_text("银行\n", encoding="utf-8")
    cache = tmp_path / "cache" / "words.pickle"

    def build() -> list[str]:
        return source.read_text(encoding="utf-8").split()

    assert cached_pickle(cache, files_stamp(source), build) == ["银行"]
    source.write_text("银行\n行长\n", encoding="utf-8")  # another size, another mtime
    assert cached_pickle(cache, files_stamp(source), build) == ["银行", "行长"]
    assert cached_pickle(cache, files_stamp(source), lambda: ["stale"]) == ["银行", "行长"]


def _damage(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:40])


def test_hsk_levels_cache_equals_a_parse_and_is_rebuilt_when_damaged_or_foreign(
    tmp_path: Path,
) -> None:
    import pickle

    from reader.fsutil import files_stamp
    from reader.vocab import levels
    from reader.vocab.levels import Levels

    parsed = Levels(levels.Levels().path)._parse()  # another path: never cached
    assert Levels(cache_dir=tmp_path)._table == parsed  # built
    assert Levels(cache_dir=tmp_path)._table == parsed  # read back
    cache = tmp_path / "hsk-levels.pickle"
    _damage(cache)
    assert Levels(cache_dir=tmp_path)._table == parsed
    stamp = files_stamp(Levels().path, Path(levels.__file__))
    cache.write_bytes(pickle.dumps((stamp, (("银行",), b"\x01")), protocol=5))  # bad shape
    assert Levels(cache_dir=tmp_path)._table == parsed
    assert parsed["银行"][0] >= 1 and Levels(cache_dir=tmp_path).level("银行") == parsed["银行"][0]


def test_fold_tables_cache_equals_a_derivation_and_is_rebuilt_when_damaged() -> None:
    from reader import paths
    from reader.annotate import fold

    table, phrases = fold._derive()
    built = fold._build()  # this test's READER_HOME: written now
    assert built[0] == table and built[2] == phrases
    cache = paths.cache_dir() / "fold-tables.pickle"
    assert cache.is_file()
    assert fold._build()[0] == table
    _damage(cache)
    again = fold._build()
    assert again[0] == table and again[2] == phrases and again[1] is not None
    assert again[1].pattern == built[1].pattern  # type: ignore[union-attr]


def test_g2p_vocab_cache_equals_a_derivation_and_is_rebuilt_when_damaged() -> None:
    from reader import paths
    from reader.annotate.g2p_vocab import _derive_vocab, load_vocab

    expected = _derive_vocab()
    assert load_vocab.__wrapped__() == expected  # written now
    cache = paths.cache_dir() / "g2p-vocab.pickle"
    assert cache.is_file()
    assert load_vocab.__wrapped__() == expected  # read back
    _damage(cache)
    assert load_vocab.__wrapped__() == expected
    assert len(expected.candidates["行"]) >= 2


def test_opencc_changed_characters_cache_is_rebuilt_when_damaged() -> None:
    from reader import paths
    from reader.annotate.script import changed_chars, opencc_dictionary

    table = opencc_dictionary("TSCharacters.txt")[2]
    expected = frozenset(k for k, v in table.items() if v.split(" ")[0] != k)
    assert changed_chars.__wrapped__("TSCharacters.txt") == expected
    cache = paths.cache_dir() / "opencc-changed-TSCharacters.pickle"
    assert cache.is_file()
    _damage(cache)
    assert changed_chars.__wrapped__("TSCharacters.txt") == expected
    assert "銀" in expected and "银" not in expected


def test_a_long_key_probing_the_last_short_record_is_no_crash(tmp_path: Path) -> None:
    """A key longer than the file's last record, hashing to its slot, once read past the
    end of the map (IndexError in the middle of annotating); it is simply absent."""
    table = open_table(tmp_path / "t.table", "s", lambda: [("a", "b")])
    assert isinstance(table, DiskTable)
    assert table.get("a") == "b"
    for k in range(200):  # a one-record table: about every other key probes that slot
        assert table.get("长长的关键词" * 3 + str(k)) is None
