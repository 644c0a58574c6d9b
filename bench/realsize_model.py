"""Build a random-weights zh→en Argos package of the real package's size (for benchmarks).

The real ``translate-zh_en-1_9`` model is an OPUS-MT Transformer-base: 6 encoder + 6
decoder layers, d_model 512, FFN 2048, 8 heads, a 65,000-token shared vocabulary with tied
embeddings (source, target and output projection share one matrix), int8. This writes the
same shape with random weights, so decoding costs what the real model's does; only the
English is noise. The vocabulary, SentencePiece model, config and metadata are copied
from the shared random-weights package (the real package's own files).

Nothing is committed: the benchmark builds it in a temp dir (~20 s, ~90 MB).
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

LAYERS = 6
D_MODEL = 512
FFN = 2048
HEADS = 8


def _fill(spec: object, rng: object, d: int, ffn: int, vocab: int) -> None:
    import numpy as np

    def w(*shape: int, scale: float | None = None) -> np.ndarray:
        s = scale if scale is not None else 1.0 / np.sqrt(shape[-1])
        return (rng.standard_normal(shape) * s).astype(np.float32)  # type: ignore[attr-defined]

    def norm(layer: object) -> None:
        layer.gamma = np.ones(d, np.float32)  # type: ignore[attr-defined]
        layer.beta = np.zeros(d, np.float32)  # type: ignore[attr-defined]

    def linear(layer: object, out: int, inp: int) -> None:
        layer.weight = w(out, inp)  # type: ignore[attr-defined]
        layer.bias = np.zeros(out, np.float32)  # type: ignore[attr-defined]

    enc, dec = spec.encoder, spec.decoder  # type: ignore[attr-defined]
    # Tied embeddings, as in OPUS-MT: one array, aliased by spec.optimize() when saved.
    shared = w(vocab, d, scale=0.05)
    enc.embeddings[0].weight = shared
    dec.embeddings.weight = shared
    dec.projection.weight = shared
    dec.projection.bias = np.zeros(vocab, np.float32)
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


def build_realsize_package(shared_package: Path, root: Path, seed: int = 0) -> Path:
    """Write ``root/translate-zh_en-1_9/`` (real files, random 6+6 x 512 int8 weights)."""
    import numpy as np
    from ctranslate2.specs import transformer_spec

    src = root / "src"
    with zipfile.ZipFile(shared_package) as zf:
        zf.extractall(src)
    (inner,) = [p for p in src.iterdir() if p.is_dir()]
    pkg = root / inner.name
    (pkg / "model").mkdir(parents=True, exist_ok=True)
    for name in ("metadata.json", "README.md", "sentencepiece.model"):
        shutil.copy(inner / name, pkg / name)
    vocab = json.loads((inner / "model" / "shared_vocabulary.json").read_text("utf-8"))
    config = json.loads((inner / "model" / "config.json").read_text("utf-8"))
    shutil.rmtree(src)

    spec = transformer_spec.TransformerSpec.from_config(
        num_layers=(LAYERS, LAYERS), num_heads=HEADS
    )
    _fill(spec, np.random.default_rng(seed), d=D_MODEL, ffn=FFN, vocab=len(vocab))
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    for key in ("add_source_bos", "add_source_eos", "bos_token", "eos_token", "unk_token"):
        if key in config:
            setattr(spec.config, key, config[key])
    spec.config.decoder_start_token = config.get("decoder_start_token", "<s>")
    spec.validate()
    spec.optimize(quantization="int8")
    spec.save(str(pkg / "model"))
    return pkg
