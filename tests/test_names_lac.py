"""Baidu LAC's network in numpy (reader/annotate/names_lac.py, weights reader/data/lac.npz).

tests/data/lac_reference.jsonl holds 50 of the project's own sentences (the bundled sample in
both scripts, the names evaluation passages, a few edge cases) with the tags LAC 2.0.5 gave
them under PaddlePaddle 2.6.2 (paddle.inference on the sdist's model directory): the numpy
inference must give the same tag for every character.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from reader.annotate.names_lac import LacTagger, default_weights, lac_features

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path(__file__).parent / "data" / "lac_reference.jsonl"
needs_weights = pytest.mark.skipif(
    not default_weights().is_file(),
    reason=f"{default_weights()} absent (build it with tools/convert_lac.py, DATA.md)",
)


@pytest.fixture(scope="module")
def tagger() -> LacTagger:
    return LacTagger()


@needs_weights
def test_tags_match_paddle_reference(tagger: LacTagger) -> None:
    rows = [json.loads(line) for line in REFERENCE.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 50
    got = tagger.tags([row["text"] for row in rows])
    for row, tags in zip(rows, got, strict=True):
        assert tags == row["tags"], row["text"]


@needs_weights
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "马云创办了阿里巴巴集团，总部位于杭州。",
            {"马云": "PER", "阿里巴巴集团": "ORG", "杭州": "LOC"},
        ),
        ("比亞迪董事長王傳福表示，海外銷量有望翻倍。", {"比亞迪": "ORG", "王傳福": "PER"}),
        ("今天天气很好，我们去公园散步吧。", {}),
    ],
)
def test_names(tagger: LacTagger, text: str, expected: dict[str, str]) -> None:
    (found,) = tagger.names([text])
    assert {text[e.start : e.end]: e.type for e in found} == expected
    assert all(0.0 <= e.confidence <= 1.0 for e in found)


@needs_weights
def test_batches_give_what_single_sentences_give(tagger: LacTagger) -> None:
    texts = ["", "习近平主席在北京会见了美国总统。", "好", "腾讯公司总部位于深圳南山区。" * 4]
    batched = tagger.names(texts)
    assert batched[0] == [] and tagger.tags([""]) == [[]]
    for text, names in zip(texts, batched, strict=True):
        (alone,) = tagger.names([text])
        assert [(e.start, e.end, e.type) for e in alone] == [
            (e.start, e.end, e.type) for e in names
        ]
        # another batch shape changes the float32 sums (BLAS kernels): equal to rounding
        assert [e.confidence for e in alone] == pytest.approx(
            [e.confidence for e in names], abs=1e-4
        )


@needs_weights
def test_characters_are_replaced_once_as_lac_does(tagger: LacTagger) -> None:
    # q2b.dic maps 旋 → 镟, 鏇 → 镟 and 镟 → 碹: LAC looks up the first replacement only
    xuan, xuan_trad, xuan_lathe, wan, wan_simple = tagger.char_ids("旋鏇镟萬万").tolist()
    assert xuan == xuan_trad != xuan_lathe
    assert wan == wan_simple


def test_crf_features_from_lac_tags() -> None:
    tags = ["PER-B", "PER-I", "v-B", "ORG-B", "ORG-I", "ORG-I"]
    rows = lac_features(tags)
    assert rows[0] == ["lac=PER-B", "lac-1=BOS", "lac+1=PER-I"]
    assert rows[5] == ["lac=ORG-I", "lac-1=ORG-I", "lac+1=EOS"]
    rich = lac_features(tags, [0.99, 0.95, 1.0, 0.97, 0.5, 0.9])
    assert rich[1][3:] == ["lacw=E-PER", "lacc=PER>0.9"]
    assert rich[2][3:] == ["lacw=S-v"]  # not a name: no confidence band
    assert rich[4][3:] == ["lacw=M-ORG", "lacc=ORG<0.6"]  # the word's smallest marginal


def test_encoded_features_from_lac_are_lac_features_in_utf8(tagger: LacTagger) -> None:
    """The recogniser hands crfsuite FeatureMaker.lac_encoded: lac_features' strings, the
    same order, as bytes (the weights were trained on those strings)."""
    from reader.annotate.names_definition import NameCues
    from reader.annotate.names_features import FeatureMaker
    from reader.paths import package_data

    maker = FeatureMaker(NameCues.load(package_data("ner_cues.tsv")))
    texts = ["马云在杭州创办了阿里巴巴。", "李小米说，华为和小米都在深圳。", "好"]
    for _ in range(2):  # the second time from the maker's tables
        for tags, probs in tagger.analyse(texts):
            for given in (probs, None):
                expected = [[f.encode() for f in row] for row in lac_features(tags, given)]
                assert maker.lac_encoded(tags, given) == expected
                # appended after the rows' own features (as the recogniser hands them on)
                own = [[b"own", str(i).encode()] for i in range(len(tags))]
                into = maker.lac_encoded(tags, given, into=[list(row) for row in own])
                assert into == [a + b for a, b in zip(own, expected, strict=True)]


def test_unreadable_weights_say_what_to_do(tmp_path: Path) -> None:
    bad = tmp_path / "lac.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="convert_lac.py"):
        LacTagger(bad)


def test_paddle_tensor_file_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    from convert_lac import read_paddle_tensor

    values = np.arange(6, dtype="<f4")
    header = (0).to_bytes(4, "little") + (0).to_bytes(8, "little") + (0).to_bytes(4, "little")
    desc = bytes([0x08, 0x05, 0x10, 0x02, 0x10, 0x03])  # float32, dims [2, 3]
    blob = header + len(desc).to_bytes(4, "little") + desc + values.tobytes()
    assert read_paddle_tensor(blob).tolist() == values.reshape(2, 3).tolist()
    with pytest.raises(ValueError, match="size"):
        read_paddle_tensor(blob + b"\0\0\0\0")


@needs_weights
def test_weights_cache_is_made_reused_and_rebuilt(tmp_path: Path, tagger: LacTagger) -> None:
    from reader.annotate.names_lac_weights import LacWeights

    texts = ["腾讯公司总部位于深圳南山区。", "习近平主席在北京会见了美国总统。"]
    cached = LacTagger(cache_dir=tmp_path)
    (made,) = tmp_path.glob("lac-weights-*.pickle")
    assert cached.analyse(texts) == tagger.analyse(texts)
    stamp = made.stat().st_mtime_ns
    again = LacTagger(cache_dir=tmp_path)  # read from the cache: not written again
    assert made.stat().st_mtime_ns == stamp
    assert again.analyse(texts) == tagger.analyse(texts)
    assert np.array_equal(again.embedding, tagger.embedding)
    made.write_bytes(b"damaged")  # any damage: rebuilt from lac.npz and written anew
    assert LacTagger(cache_dir=tmp_path).tags(texts) == tagger.tags(texts)
    import pickle

    stale_stamp, weights = pickle.loads(made.read_bytes())
    assert isinstance(weights, LacWeights)
    made.write_bytes(pickle.dumps(((0, *stale_stamp[1:]), "foreign")))  # older layout
    assert LacTagger(cache_dir=tmp_path).tags(texts) == tagger.tags(texts)
    assert isinstance(pickle.loads(made.read_bytes())[1], LacWeights)


def _plain_viterbi(
    scores: np.ndarray, start: np.ndarray, end: np.ndarray, transition: np.ndarray
) -> list[int]:
    """One sentence's best tags by the textbook recursion (argmax: the first of ties)."""
    best = scores[0] + start
    back = []
    for row in scores[1:]:
        paths = best[:, None] + transition  # (from, to)
        came = paths.argmax(axis=0)
        back.append(came)
        best = paths[came, np.arange(len(came))] + row
    tags = [int((best + end).argmax())]
    for came in reversed(back):
        tags.append(int(came[tags[-1]]))
    return tags[::-1]


def test_packed_viterbi_is_the_plain_recursion_ties_included() -> None:
    """names_lac_crf.viterbi over sentences packed longest first gives each sentence the
    path of the plain recursion; scores in whole numbers make many ties, which both must
    break alike (towards the first source)."""
    from reader.annotate.names_lac_crf import viterbi

    rng = np.random.default_rng(5)
    tags = 7
    transition = rng.integers(-1, 2, (tags, tags)).astype(np.float32)
    start = rng.integers(-1, 2, tags).astype(np.float32)
    end = rng.integers(-1, 2, tags).astype(np.float32)
    lengths = sorted(rng.integers(1, 12, 30).tolist(), reverse=True)
    sentences = [rng.integers(-1, 2, (n, tags)).astype(np.float32) for n in lengths]
    alive = [sum(1 for n in lengths if n > t) for t in range(max(lengths))]
    packed = np.concatenate(
        [np.stack([s[t] for s in sentences if len(s) > t]) for t in range(len(alive))]
    )
    path = viterbi(packed, alive, start, end, transition)
    at = np.concatenate([[0], np.cumsum(alive)])
    for k, sentence in enumerate(sentences):
        got = [int(path[at[t] + k]) for t in range(len(sentence))]
        assert got == _plain_viterbi(sentence, start, end, transition)
