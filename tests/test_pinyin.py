"""The context pinyin reader: word readings, the context model, conversion, overrides."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.annotate.pinyin_overrides import Overrides, load_overrides, parse_overrides
from reader.errors import ReaderError
from reader.resources import default_resources


def _read(text: str) -> list[str | None]:
    return default_resources().pinyin.read_text(text)


def _word(text: str, word: str) -> str:
    i = text.index(word)
    return " ".join(r or "-" for r in _read(text)[i : i + len(word)])


def test_hang_in_bank_and_xing_in_walk_differ_in_both_scripts() -> None:
    for text in ("我去銀行取錢，然後沿著河邊行走。", "我去银行取钱，然后沿着河边行走。"):
        readings = _read(text)
        assert readings[text.index("行")] == "hang2"
        assert readings[text.rindex("行")] == "xing2"


def test_traditional_reads_like_its_simplified_form() -> None:
    trad = "他長大後在銀行工作，覺得這份工作還不錯。"
    simp = "他长大后在银行工作，觉得这份工作还不错。"
    assert _read(trad) == _read(simp)


def test_one_reading_per_character_none_for_non_han() -> None:
    text = "iPhone 15和DeepSeek-R1都很好。"
    readings = _read(text)
    assert len(readings) == len(text)
    for ch, r in zip(text, readings, strict=True):
        assert (r is None) == (not ("\u4e00" <= ch <= "\u9fff")), (ch, r)


def test_read_batch_uses_given_spans_and_is_batch_independent() -> None:
    reader = default_resources().pinyin
    a = "我还没吃饭。"
    b = "请把书还给图书馆。"
    alone = [reader.read_batch([(t, reader.segment(t))])[0] for t in (a, b)]
    together = reader.read_batch([(a, reader.segment(a)), (b, reader.segment(b))])
    assert alone == together
    assert together[0][1] == "hai2" and together[1][3] == "huan2"


def test_word_spans_decide_the_phrase() -> None:
    reader = default_resources().pinyin
    text = "行长"
    # one word: the bank president; spans that leave gaps or overlap are repaired
    assert reader.read_batch([(text, [(0, 2)])])[0] == ["hang2", "zhang3"]
    assert len(reader.read_batch([(text, [])])[0]) == 2
    assert len(reader.read_batch([("银行行长", [(0, 3), (1, 4)])])[0]) == 4


def test_dictionary_tones_not_pypinyin_sandhi() -> None:
    # pypinyin's phrase dictionary spells 一个 as yí gè; the dictionary tone is yi1
    assert _word("我有一个问题。", "一个") == "yi1 ge4"
    assert _word("这不是我的。", "不是") == "bu4 shi4"


def test_neutral_tone_and_erhua() -> None:
    assert _word("我的弟弟很高。", "弟弟") == "di4 di5"
    assert _word("我去超市买东西。", "东西") == "dong1 xi5"
    assert _word("东西南北都有路。", "东西") == "dong1 xi1"
    assert _word("我喝了一点儿水。", "一点儿") == "yi1 dian3 r5"
    assert _word("这儿有很多人。", "这儿") == "zhe4 r5"
    assert _word("我有一个女儿。", "女儿") == "nv3 er2"
    assert _word("儿童节快到了。", "儿童") == "er2 tong2"


def test_particles_from_overrides() -> None:
    assert _word("他跑得很快。", "得") == "de5"
    assert _word("你得早点儿回家。", "得") == "dei3"
    assert _word("他获得很多奖。", "获得") == "huo4 de2"  # a pattern never overrides 获得
    assert _word("这么多菜，我吃不了。", "吃不了") == "chi1 bu4 liao3"
    assert _word("我不了解他。", "了解") == "liao3 jie3"
    assert _word("他高兴地笑了。", "地") == "de5"
    assert _word("地上有水。", "地上") == "di4 shang4"


def test_resources_build_one_reader_across_threads() -> None:
    from reader.resources import Resources

    resources = Resources()
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(resources.pinyin)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r is seen[0] for r in seen)


def test_shipped_overrides_parse() -> None:
    ov = load_overrides()
    assert len(ov) >= 20
    assert "不得了" in ov.words


def test_overrides_word_and_pattern() -> None:
    ov = parse_overrides(
        ["# comment", "", "行长\thang2 zhang3", "re:(?<=很)(长)\tchang2", "re:数一数\tshu3 - shu3"]
    )
    out: list[str | None] = ["x"] * 5
    ov.apply("行长很长的", [(0, 2), (2, 3), (3, 4), (4, 5)], out)
    assert out == ["hang2", "zhang3", "x", "chang2", "x"]
    out = ["a", "yi1", "b"]
    ov.apply("数一数", [(0, 3)], out)
    assert out == ["shu3", "yi1", "shu3"]
    locked: list[str | None] = ["zhang3"]
    Overrides(patterns=ov.patterns).apply("长", [(0, 1)], locked, {0})
    assert locked == ["zhang3"]


@pytest.mark.parametrize(
    "line",
    [
        "行长",  # no readings column
        "行长\thang2",  # one reading for two characters
        "行长\thang2 zhang",  # no tone
        "re:(\tde5",  # bad regex
    ],
)
def test_bad_override_lines_are_one_line_errors(line: str, tmp_path: Path) -> None:
    path = tmp_path / "ov.tsv"
    path.write_text(f"# header\n{line}\n", encoding="utf-8")
    with pytest.raises(ReaderError) as err:
        load_overrides(path)
    assert f"{path}:2" in str(err.value)
    assert "\n" not in str(err.value)


def test_override_patterns_need_their_literals_and_match_as_compiled() -> None:
    import random
    import re

    from reader.annotate.lazy_pattern import LazyPattern

    ov = load_overrides()
    assert ov.patterns and all(p.regex is not None and p.regex.needs for p in ov.patterns)
    lazy = LazyPattern("(?<=[很太])(长)(?!大)")
    assert lazy.needs == frozenset("长")
    assert list(lazy.finditer("很短的句子")) == [] and lazy._compiled is None  # never compiled
    assert list(lazy.finditer("长很，大长")) == [] and lazy._compiled is None  # no 很长/太长
    assert [m.span(1) for m in lazy.finditer("很长，太长大")] == [(1, 2)]
    # optional, alternative, repeated-maybe and lookaround parts need nothing
    assert LazyPattern("数(?:一|二)?[数算]*(?=了)x+").needs == frozenset("数x")
    assert LazyPattern("(?i)ab").needs == frozenset() and LazyPattern("(?i)ab").anchor is None
    # a repeat's literals are needed, but not as each other's neighbours
    assert LazyPattern("(?:a[xy]b)+").could_match("axb")
    # every text where the compiled pattern matches passes the prefilter, and the matches are
    # the compiled pattern's: texts from each pattern's own characters, short and dense
    rng = random.Random(15)
    fixed = ["他跑得很快", "慢慢地走", "第三行代码", "干这行", "数一数", "银行行长很长", ""]
    matched = 0
    for p in ov.patterns:
        assert p.regex is not None
        compiled = re.compile(p.regex.source)
        alphabet = sorted({ch for ch in p.regex.source if not ch.isascii()} | set("0a，的"))
        texts = fixed + [
            "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))) for _ in range(400)
        ]
        for text in texts:
            found = [m.span() for m in compiled.finditer(text)]
            if found:
                matched += 1
                assert p.regex.could_match(text), (p.pattern, text)
            assert [m.span() for m in p.regex.finditer(text)] == found, (p.pattern, text)
    assert matched > 300  # the texts do reach the patterns


def test_a_lookbehind_of_varying_width_is_an_error_when_the_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ov.tsv"
    path.write_text("re:(?<=很|非常)(长)\tchang2\n", encoding="utf-8")
    with pytest.raises(ReaderError) as err:
        load_overrides(path)
    assert f"{path}:1" in str(err.value) and "look-behind" in str(err.value)


def test_length_groups_tile_the_sentences_and_part_short_from_long() -> None:
    from reader.annotate.pinyin import _length_groups

    lengths = [3] * 40 + [150] * 3
    groups = _length_groups(lengths)
    assert [k for g in groups for k in g] == list(range(len(lengths)))
    assert len(groups) == 2 and list(groups[1]) == [40, 41, 42]
    assert _length_groups([]) == []


def test_the_model_loads_only_when_the_dictionaries_leave_a_polyphone_open() -> None:
    """银行行长: both dictionaries settle 行 in each word, so numpy and the weights wait;
    他长大了 leaves 长 to the model, which then loads (in a fresh process each)."""
    import subprocess
    import sys

    code = (
        "import sys; from reader.resources import Resources; r = Resources();"
        "print(r.pinyin.read_text(sys.argv[1]), 'numpy' in sys.modules)"
    )
    runs = {
        text: subprocess.run(
            [sys.executable, "-c", code, text], capture_output=True, text=True, check=True
        ).stdout.split()[-1]
        for text in ("银行行长", "他长大了")
    }
    assert runs == {"银行行长": "False", "他长大了": "True"}
