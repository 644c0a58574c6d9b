"""Unit tests of the translation building blocks: masking, clauses, loops, gloss, packages."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.translate import protect
from reader.translate.clauses import split_clauses
from reader.translate.loops import collapse_repeats
from reader.translate.packages import find_package, packages_dir, read_package, scan_packages

# -- protect ---------------------------------------------------------------------------------


def test_mask_puts_the_english_in_place_of_each_name() -> None:
    text = "阿里巴巴在杭州宣布投资。"
    terms = [protect.Term(0, 4, "Alibaba"), protect.Term(5, 7, "Hangzhou")]
    seg = protect.build_segment(text, terms)
    assert seg.masked == "Alibaba 在 Hangzhou 宣布投资。"
    assert seg.pieces == ("", "在", "宣布投资。")
    assert seg.renderings == ("Alibaba", "Hangzhou")


def test_mask_converts_only_the_text_between_names() -> None:
    seg = protect.build_segment("阿里巴巴與輝達", [protect.Term(0, 4, "Alibaba")], str.upper)
    assert seg.pieces == ("", "與輝達".upper())


def test_renderings_count_as_whole_words_longest_first() -> None:
    text = "Ant Group and Ant sued Antarctica; Alibaba Group met Alibaba."
    found = protect.count_renderings(text, ["Ant", "Ant Group", "Alibaba", "Alibaba Group"])
    assert found == Counter({"Ant Group": 1, "Ant": 1, "Alibaba Group": 1, "Alibaba": 1})


def test_verify_needs_each_name_exactly_once_per_occurrence() -> None:
    seg = protect.build_segment(
        "阿里巴巴和阿里巴巴集团",
        [protect.Term(0, 4, "Alibaba"), protect.Term(5, 11, "Alibaba Group")],
    )
    assert protect.verify("Alibaba and Alibaba Group", seg)
    assert not protect.verify("Alibaba and the group", seg)  # lost
    assert not protect.verify("Alibaba, Alibaba and Alibaba Group", seg)  # duplicated
    assert not protect.verify("alibaba and Alibaba Group", seg)  # mangled


def test_verify_counts_latin_names_already_in_the_source() -> None:
    seg = protect.build_segment("Alibaba即阿里巴巴", [protect.Term(8, 12, "Alibaba")])
    assert protect.verify("Alibaba is Alibaba", seg)
    assert not protect.verify("Alibaba", seg)


def test_assemble_joins_pieces_with_exact_renderings_and_drops_invented_copies() -> None:
    seg = protect.build_segment(
        "阿里巴巴在杭州宣布投资。", [protect.Term(0, 4, "Alibaba"), protect.Term(5, 7, "Hangzhou")]
    )
    out = protect.assemble(["", "in", "Hangzhou announced Hangzhou investment ."], seg)
    assert out == "Alibaba in Hangzhou announced investment."
    assert protect.count_renderings(out, seg.renderings) == Counter(seg.renderings)


def test_punctuation_only_pieces_need_no_model() -> None:
    assert protect.local_piece("，") == ","
    assert protect.local_piece("《") == "“"
    assert protect.local_piece("2024 ") == "2024 "
    assert protect.local_piece("在") is None


def test_tidy_fixes_spacing_without_touching_words() -> None:
    assert protect.tidy("  Alibaba ,  in ( Hangzhou ) “ hi ” . ") == "Alibaba, in (Hangzhou) “hi”."


# -- clauses ---------------------------------------------------------------------------------


def test_short_sentence_is_one_clause() -> None:
    assert split_clauses("我们去杭州。", 10, len) == [(0, 6)]


def test_long_sentence_is_cut_at_clause_marks_and_tiles_the_text() -> None:
    text = "第一部分很长很长，第二部分也很长；第三部分比较短，第四部分结束。"
    spans = split_clauses(text, 12, len)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(b - a <= 12 for a, b in spans)
    assert all(text[b - 1] in "，；。" for a, b in spans)


def test_strong_boundaries_win_over_commas() -> None:
    text = "甲乙，丙丁；戊己，庚辛。"
    assert split_clauses(text, 6, len) == [(0, 6), (6, 12)]


def test_no_boundary_cuts_between_characters_but_never_inside_a_name() -> None:
    text = "一二三四五六七八九十甲乙丙丁"
    spans = split_clauses(text, 4, len, protected=[(3, 7)])
    assert "".join(text[a:b] for a, b in spans) == text
    assert not any(a < cut < b for cut in (s[1] for s in spans) for a, b in [(3, 7)])


# -- loops -----------------------------------------------------------------------------------


def test_repetition_loops_collapse_to_one_unit() -> None:
    looped = "He said (applause) (applause) (applause) (applause) (applause) and left."
    assert collapse_repeats(looped) == ("He said (applause) and left.", True)
    assert collapse_repeats("the the the the company") == ("the company", True)
    assert collapse_repeats("a b c a b c a b c a b c. End") == ("a b c. End", True)


def test_ordinary_repetition_is_kept() -> None:
    text = "very good, very good. It is what it is."
    assert collapse_repeats(text) == (text, False)


# -- gloss -----------------------------------------------------------------------------------


def test_gloss_uses_cc_cedict_senses() -> None:
    from reader.translate.gloss import gloss_text, gloss_word, short_sense

    assert short_sense("宣布") == "declare"
    assert short_sense("独角兽") == "unicorn"
    assert short_sense("了", prefer="le5") == ""  # a particle is not a word
    assert gloss_word("杭州") == "Hangzhou"  # the place name, not its description
    assert gloss_text("独角兽，") == "unicorn,"


# -- packages --------------------------------------------------------------------------------


def _write_package(root: Path, name: str, meta: dict[str, str], model: bool = True) -> Path:
    pkg = root / name
    (pkg / "model").mkdir(parents=True)
    (pkg / "metadata.json").write_text(json.dumps(meta))
    (pkg / "sentencepiece.model").write_bytes(b"x")
    if model:
        (pkg / "model" / "model.bin").write_bytes(b"x")
    return pkg


def test_packages_dir_follows_argostranslate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "p"))
    assert packages_dir() == tmp_path / "p"
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert packages_dir() == tmp_path / "data" / "argos-translate" / "packages"
    settings = tmp_path / "cfg" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-settings")}))
    assert packages_dir() == tmp_path / "from-settings"


def test_metadata_without_type_or_code_is_a_translate_package(tmp_path: Path) -> None:
    meta = {"package_version": "1.9", "from_code": "zh", "to_code": "en", "from_name": "Chinese"}
    _write_package(tmp_path, "translate-zh_en-1_9", meta)
    _write_package(tmp_path, "translate-zh_en-1_10", {**meta, "package_version": "1.10"})
    _write_package(tmp_path, "broken", meta, model=False)
    found, broken = scan_packages(tmp_path)
    assert [p.version for p in found] == ["1.10", "1.9"]
    assert found[0].type == "translate" and found[0].pair == "zh→en"
    assert broken and "model/model.bin" in broken[0][1]
    newest = find_package("zh", "en", root=tmp_path)
    assert newest is not None and newest.version == "1.10"  # 1.10 > 1.9, not string order
    assert find_package("zt", "en", root=tmp_path) is None


def test_read_package_rejects_a_non_package(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="not an Argos translate package"):
        read_package(tmp_path)


def test_resolve_model_extracts_an_argosmodel_once(tmp_path: Path) -> None:
    from reader import paths
    from reader.translate.packages import resolve_model

    src = _write_package(
        tmp_path / "src", "translate-zh_en-9_9", {"from_code": "zh", "to_code": "en"}
    )
    archive = tmp_path / "m.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in src.rglob("*"):
            if f.is_file():
                zf.write(f, f"translate-zh_en-9_9/{f.relative_to(src).as_posix()}")
    first = resolve_model(str(archive))
    assert first.path.is_relative_to(paths.cache_dir())
    stamp = (first.path / "metadata.json").stat().st_mtime_ns
    second = resolve_model(str(archive))
    assert second.path == first.path
    assert (second.path / "metadata.json").stat().st_mtime_ns == stamp  # not extracted again
    assert resolve_model(str(src)).path == src  # an extracted dir is used in place
    with pytest.raises(ReaderError, match="no such file"):
        resolve_model(str(tmp_path / "missing.argosmodel"))
