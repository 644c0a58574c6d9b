"""The built glossary kept in the cache dir (reader.resources): a start that finds it reads
the same glossary a fresh parse gives, and any change to a file it was built from, a
damaged cache file or an unwritable cache dir only ever costs a rebuild."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from reader.glossary import load_glossary
from reader.glossary.entry_table import EntryTable
from reader.glossary.format import Entry
from reader.glossary.store import Glossary
from reader.resources import Resources

GLOSSARY = (
    "zh\ten\ttype\taliases\tnote\tflags\n"
    "宇树科技\tUnitree Robotics\tcompany\t宇树\tmaker of robot dogs\n"
    "小米\tXiaomi\tcompany\t\t\tambiguous\n"
    "杭州\tHangzhou\tplace\n"
)
SENTENCES = ["宇树科技发布新品", "小米创始人雷军在杭州", "宇樹的機器狗", "小米粥"]


def _counting_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import reader.glossary.format as glossary_format

    parsed: list[str] = []
    real_read = glossary_format.read_glossary_file

    def counting_read(path):  # type: ignore[no-untyped-def]
        parsed.append(Path(path).name)
        return real_read(path)

    monkeypatch.setattr(glossary_format, "read_glossary_file", counting_read)
    return parsed


def _same_glossary(cached: Glossary, fresh: Glossary) -> None:
    assert cached.entries == fresh.entries
    assert len(cached) == len(fresh)
    assert cached.issues == fresh.issues and cached.files == fresh.files
    assert cached.fingerprint == fresh.fingerprint
    assert cached.user_words() == fresh.user_words()
    for entry in fresh.entries:
        for term in (entry.zh, *entry.aliases):
            assert cached.lookup(term) == fresh.lookup(term)
    assert cached.lookup("不是词条") is None and cached.lookup("") is None
    for text in SENTENCES:
        assert cached.find(text) == fresh.find(text)
        assert cached.candidates(text) == fresh.candidates(text)
        assert cached.classify(text) == fresh.classify(text)


def test_a_cache_hit_is_the_glossary_a_fresh_parse_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(GLOSSARY, encoding="utf-8")
    Resources(cache_dir=tmp_path / "cache").glossary([extra], use_user=False)  # fills it
    parsed = _counting_parses(monkeypatch)
    cached = Resources(cache_dir=tmp_path / "cache").glossary([extra], use_user=False)
    assert parsed == []  # read from the cache: nothing parsed
    monkeypatch.undo()
    fresh = load_glossary([extra], use_user=False)
    assert len(fresh) > 1000  # the shipped glossaries and the extra file
    _same_glossary(cached, fresh)


def test_an_edited_file_rebuilds_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(GLOSSARY, encoding="utf-8")
    cache = tmp_path / "cache"
    Resources(cache_dir=cache).glossary([extra], use_default=False, use_user=False)
    extra.write_text(GLOSSARY + "深圳\tShenzhen\tplace\n", encoding="utf-8")
    os.utime(extra, ns=(1_000_000_000, 1_000_000_000))  # another mtime, another size
    parsed = _counting_parses(monkeypatch)
    edited = Resources(cache_dir=cache).glossary([extra], use_default=False, use_user=False)
    assert parsed == ["mine.tsv"]
    assert edited.lookup("深圳").en == "Shenzhen"  # type: ignore[union-attr]
    monkeypatch.undo()
    _same_glossary(edited, load_glossary([extra], use_default=False, use_user=False))


def test_an_edited_user_glossary_rebuilds_the_cache(tmp_path: Path) -> None:
    from reader import paths

    user = paths.user_glossary_path()  # under the test's own READER_HOME
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text(GLOSSARY, encoding="utf-8")
    cache = tmp_path / "cache"
    first = Resources(cache_dir=cache).glossary(use_default=False)
    assert first.lookup("杭州").en == "Hangzhou"  # type: ignore[union-attr]
    user.write_text(GLOSSARY.replace("Hangzhou", "Hang-zhou"), encoding="utf-8")
    edited = Resources(cache_dir=cache).glossary(use_default=False)
    assert edited.lookup("杭州").en == "Hang-zhou"  # type: ignore[union-attr]
    user.unlink()  # no user glossary any more: another set of files
    assert Resources(cache_dir=cache).glossary(use_default=False).lookup("杭州") is None


@pytest.mark.parametrize(
    "damage",
    ["truncated", "foreign object", "uneven columns", "not a pickle"],
)
def test_a_damaged_cache_file_is_ignored_and_rebuilt(tmp_path: Path, damage: str) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(GLOSSARY, encoding="utf-8")
    cache = tmp_path / "cache"
    Resources(cache_dir=cache).glossary([extra], use_default=False, use_user=False)
    (path,) = cache.glob("glossary-*.pickle")
    with path.open("rb") as fh:
        stamp, glossary = pickle.load(fh)
    if damage == "truncated":
        data = path.read_bytes()[: len(path.read_bytes()) // 2]
    elif damage == "foreign object":
        data = pickle.dumps((stamp, ["not", "a", "glossary"]))
    elif damage == "uneven columns":  # the right stamp, a table whose columns disagree
        glossary._table = _Uneven()
        data = pickle.dumps((stamp, glossary))
    else:
        data = b"\x00" * 64
    path.write_bytes(data)
    rebuilt = Resources(cache_dir=cache).glossary([extra], use_default=False, use_user=False)
    _same_glossary(rebuilt, load_glossary([extra], use_default=False, use_user=False))
    with path.open("rb") as fh:
        assert isinstance(pickle.load(fh)[1], Glossary)  # written again, whole


class _Uneven:
    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (EntryTable, ((("a", "b"), ("A",), (), (), (), (), (), ()),))


def test_an_unwritable_cache_dir_only_costs_speed(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(GLOSSARY, encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    resources = Resources(cache_dir=blocker / "cache")  # mkdir fails under a file
    glossary = resources.glossary([extra], use_default=False, use_user=False)
    _same_glossary(glossary, load_glossary([extra], use_default=False, use_user=False))
    assert not (blocker / "cache").exists()


def test_an_entry_table_pickles_as_its_columns_and_gives_equal_entries() -> None:
    entries = (
        Entry("宇树科技", "Unitree Robotics", "company", ("宇树",), "note", (), "a.tsv", 2),
        Entry("小米", "Xiaomi", "company", (), "", ("ambiguous",), "a.tsv", 3),
        Entry("杭州", "Hangzhou", "place", source_file="b.tsv", line=9),
    )
    table = EntryTable.of(entries)
    again = pickle.loads(pickle.dumps(table))
    assert isinstance(again, EntryTable) and len(again) == 3
    assert again[1] == entries[1] and again[-1] == entries[-1]
    assert again[1] is again[1]  # made once
    assert again[0:2] == entries[0:2]
    assert tuple(again) == entries == again.all()
    with pytest.raises(IndexError):
        again[3]
    with pytest.raises(ValueError):
        EntryTable((("a",), ("b", "c"), (), (), (), (), (), ()))


def test_a_change_to_what_the_fold_reads_rebuilds_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.annotate.fold as fold

    extra = tmp_path / "mine.tsv"
    extra.write_text(GLOSSARY, encoding="utf-8")
    source = tmp_path / "TSCharacters.txt"  # stands in for OpenCC's table (never read here)
    source.write_text("乾\t干\n", encoding="utf-8")
    monkeypatch.setattr(fold, "table_sources", lambda: (source,))
    cache = tmp_path / "cache"
    Resources(cache_dir=cache).glossary([extra], use_default=False, use_user=False)
    parsed = _counting_parses(monkeypatch)
    Resources(cache_dir=cache).glossary([extra], use_default=False, use_user=False)
    assert parsed == []
    source.write_text("乾\t干\n瞭\t了\n", encoding="utf-8")
    Resources(cache_dir=cache).glossary([extra], use_default=False, use_user=False)
    assert parsed == ["mine.tsv"]


def test_a_change_to_the_glossary_code_rebuilds_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.resources as resources

    extra = tmp_path / "mine.tsv"
    extra.write_text(GLOSSARY, encoding="utf-8")
    cache = tmp_path / "cache"
    Resources(cache_dir=cache).glossary([extra], use_default=False, use_user=False)
    parsed = _counting_parses(monkeypatch)
    # another module's source among the code: as if one of them had been edited
    monkeypatch.setattr(resources, "_GLOSSARY_CODE", (*resources._GLOSSARY_CODE, "reader.paths"))
    Resources(cache_dir=cache).glossary([extra], use_default=False, use_user=False)
    assert parsed == ["mine.tsv"]
