"""s2t with its phrase dictionary read per text converts exactly as OpenCC with the whole one."""

from __future__ import annotations

import random
from pathlib import Path

import opencc

from reader.annotate.opencc_phrases import PHRASES, PhraseSubset, SubsetConverter
from reader.annotate.script import (
    _CachedDictionaries,
    _dictionary_path,
    _dictionary_stamp,
    opencc_dictionary,
)

TEXTS = [
    "董宇辉发长信，头发很长。",
    "一碗面，干活，后来他们在台湾的历史标准下发展了面向未来的系统。",
    "杭州六小龙在人工智能领域崛起，银行行长说：“干杯！”",
    "",
    "A",
]


def _subset_converter(cache_dir: Path) -> SubsetConverter:
    path = _dictionary_path(PHRASES)
    phrases = PhraseSubset(path, cache_dir, _dictionary_stamp(path))
    return SubsetConverter("s2t", _CachedDictionaries(cache_dir), phrases)


def test_subset_converter_equals_opencc_with_the_whole_dictionary(tmp_path: Path) -> None:
    whole = opencc.OpenCC("s2t")
    keys = sorted(opencc_dictionary(PHRASES, tmp_path)[2])
    rng = random.Random(15)
    # texts made of phrases and their pieces, so phrases overlap and straddle each other
    made = ["".join(rng.choice(keys)[: rng.randint(1, 4)] for _ in range(30)) for _ in range(40)]
    converter = _subset_converter(tmp_path)
    for text in TEXTS + made:
        assert converter.convert(text) == whole.convert(text), text
    assert _subset_converter(tmp_path).convert(TEXTS[0]) == whole.convert(TEXTS[0])  # reopened
    assert 0 < len(converter._phrases.table) < len(keys)  # only the texts' phrases were read
    # and OpenCC reads its phrases from that table, never from the whole dictionary file
    assert converter._dict_chain_data[0][0][2] is converter._phrases.table


def test_a_damaged_phrase_index_is_rebuilt(tmp_path: Path) -> None:
    expected = opencc.OpenCC("s2t").convert(TEXTS[1])
    assert _subset_converter(tmp_path).convert(TEXTS[1]) == expected
    index = tmp_path / "opencc-STPhrases-heads.table"
    assert index.is_file()
    index.write_bytes(index.read_bytes()[:1000])
    assert _subset_converter(tmp_path).convert(TEXTS[1]) == expected
