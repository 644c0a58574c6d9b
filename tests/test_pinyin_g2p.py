"""The batched numpy g2pM forward pass gives the package's predictions."""

from __future__ import annotations

import pytest

from reader.annotate.g2p import get_model

from conftest import SHARED

DEV = SHARED / "eval" / "cpp-dev" / "dev.sent"


def _sentences(n: int) -> list[str]:
    lines = DEV.read_text(encoding="utf-8").splitlines()
    return [ln.replace("\u2581", "") for ln in lines[:: len(lines) // n]][:n]


@pytest.mark.shared("eval/cpp-dev/dev.sent")  # CPP dev sentences, input only
def test_batched_model_matches_the_package() -> None:
    from g2pM import G2pM

    original = G2pM()
    model = get_model()
    texts = _sentences(150)
    targets = [[i for i, ch in enumerate(t) if model.is_polyphone(ch)] for t in texts]
    batched = model.predict(texts, targets)
    compared = 0
    for text, tgt, preds in zip(texts, targets, batched, strict=True):
        ref = original(text, char_split=True)
        for pos, pred in zip(tgt, preds, strict=True):
            assert pred == ref[pos].replace("u:", "v"), (text, pos)
            compared += 1
    assert compared > 500


def test_padding_does_not_change_predictions() -> None:
    model = get_model()
    texts = ["他长大了。", "这条很长很长的河流过了三个省的许多城市和乡村。", "行"]
    targets = [[i for i, ch in enumerate(t) if model.is_polyphone(ch)] for t in texts]
    together = model.predict(texts, targets)
    alone = [model.predict([t], [g])[0] for t, g in zip(texts, targets, strict=True)]
    assert together == alone


def test_candidate_logp_is_a_distribution_over_the_characters_readings() -> None:
    import math

    model = get_model()
    text = "我去银行。"
    logits = model.scores([text], [[3]])[0][0]
    logp = model.candidate_logp("行", logits)
    assert set(logp) == {"hang2", "xing2"}
    assert math.isclose(sum(math.exp(v) for v in logp.values()), 1.0, rel_tol=1e-6)


def test_candidate_logps_of_many_characters_are_each_ones_candidate_logp() -> None:
    """The batched softmax (grouped by reading count) gives each character's own numbers,
    bit for bit: the readings chosen from them must not move."""
    import numpy as np

    model = get_model()
    texts = ["我去银行。他长大了，还得了第一。", "这条很长很长的河流过了三个省。"]
    targets = [[i for i, ch in enumerate(t) if model.is_polyphone(ch)] for t in texts]
    scores = model.scores(texts, targets)
    chars = [t[i] for t, tgt in zip(texts, targets, strict=True) for i in tgt]
    assert len({len(model.candidates[ch]) for ch in chars}) > 1  # several groups
    together = model.candidate_logps(chars, np.concatenate(scores))
    alone = [
        model.candidate_logp(ch, row) for ch, row in zip(chars, np.concatenate(scores), strict=True)
    ]
    assert together == alone
    assert [list(d) for d in together] == [list(d) for d in alone]  # the readings' order too


def test_the_cached_input_projection_is_the_computed_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from reader.annotate.g2p import G2PModel

    first = G2PModel(np.float32, cache_dir=tmp_path)  # computes and keeps it
    cached = tmp_path / "g2p-projection-np_ckpt-float32.pickle"
    assert cached.is_file()
    again = G2PModel(np.float32, cache_dir=tmp_path)  # reads it
    computed = np.einsum("ve,deg->dvg", first.emb, first.w_ih) + first.b[:, None, :]
    assert np.array_equal(again.proj, computed) and again.proj.dtype == np.float32
    cached.write_bytes(b"damaged")
    assert np.array_equal(G2PModel(np.float32, cache_dir=tmp_path).proj, computed)


def test_weights_from_an_npz_give_that_models_readings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Other weights (a ``.npz`` with g2pM's array names, as tools/train_g2p.py writes)
    load in place of the package's, with their own projection cache beside its."""
    import numpy as np

    from reader.annotate.g2p import G2PModel, load_weights

    package = G2PModel(np.float32, cache_dir=tmp_path)
    state = load_weights(package.weights)
    np.savez(tmp_path / "same.npz", **state)
    # a copy whose 长 never reads zhang3: the classifier's bias for that class pushed down
    changed = dict(state)
    bias = np.array(changed["logit_layer.2.bias"], dtype=np.float32)
    bias[package.class_index["zhang3"]] -= 100.0
    changed["logit_layer.2.bias"] = bias
    np.savez(tmp_path / "changed.npz", **changed)
    texts = ["他长大了。", "他是我们的校长。"]
    targets = [[1], [6]]
    same = G2PModel(np.float32, cache_dir=tmp_path, weights=tmp_path / "same.npz")
    other = G2PModel(np.float32, cache_dir=tmp_path, weights=tmp_path / "changed.npz")
    assert package.predict(texts, targets, masked=True) == [["zhang3"], ["zhang3"]]
    assert same.predict(texts, targets, masked=True) == [["zhang3"], ["zhang3"]]
    assert other.predict(texts, targets, masked=True) == [["chang2"], ["chang2"]]
    assert (tmp_path / "g2p-projection-changed-float32.pickle").is_file()

    # the pinyin reader given that model decides the characters left open with it
    from reader.annotate.pinyin import PinyinReader

    assert PinyinReader(model=other).model is other
    assert PinyinReader(model=other).read_batch([("长", [(0, 1)])]) == [["chang2"]]
    assert PinyinReader(model=package).read_batch([("长", [(0, 1)])]) == [["zhang3"]]
