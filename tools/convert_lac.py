"""Convert Baidu LAC's trained lexical-analysis network (PyPI sdist LAC-2.0.5) into one
compact numpy file, reader/data/lac.npz, read by reader/annotate/names_lac.py.

Run: .venv/bin/python tools/convert_lac.py LAC-2.0.5.tar.gz [--out reader/data/lac.npz]

The sdist (https://files.pythonhosted.org/packages/00/cf/36bbbfbeec33f40978c865ad9b899ab3
dbed588a5f2b1bfdf5c363834c03/LAC-2.0.5.tar.gz, Apache-2.0, sha256 in SOURCE_SHA256) holds
``LAC/lac_model/model/<parameter>``: one PaddlePaddle (fluid) tensor a file. Each file is
uint32 version, uint64 LoD level count (0 here), uint32 tensor version, int32 length of a
TensorDesc protobuf (field 1 data type, field 2 the dims as varints), then the raw
little-endian float32 data. No paddle is needed to read them.

The network (LAC/nets.py of the sdist): character embedding (8,224 × 128) → two BiGRU
layers (each direction: a fully connected layer 3H wide, then a GRU with H = 128) → a fully
connected layer to 49 tags → linear-chain CRF (``crfw``: row 0 start, row 1 end, rows 2: the
transition matrix). Weights are stored as float16 (halves the file; the inference computes
in float32), the vocabulary and the traditional/full-width → simplified/half-width
replacement list (conf/q2b.dic) as unicode arrays, the tag names from conf/tag.dic.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import tarfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SOURCE_URL = (
    "https://files.pythonhosted.org/packages/00/cf/"
    "36bbbfbeec33f40978c865ad9b899ab3dbed588a5f2b1bfdf5c363834c03/LAC-2.0.5.tar.gz"
)
SOURCE_SHA256 = "30dd4823ec2c9bc83e621d2cff2c1f116c22d6e7b0f884589d07f9630c88faa0"
PREFIX = "LAC-2.0.5/LAC/lac_model/"
# parameter order of nets.py: per BiGRU layer fc (forward), gru (forward), fc (reverse),
# gru (reverse); fc_4 the emission layer
PARAMETERS = ["word_emb", "crfw"] + [f"fc_{i}.{k}_0" for i in range(5) for k in "wb"]
PARAMETERS += [f"gru_{i}.{k}_0" for i in range(4) for k in "wb"]
FP32 = 5  # paddle VarType.FP32


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        value |= (byte & 0x7F) << shift
        at += 1
        if not byte & 0x80:
            return value, at
        shift += 7


def read_paddle_tensor(data: bytes) -> np.ndarray:
    """One fluid LoDTensor file (see the module docstring) → float32 array."""
    lod_levels = int.from_bytes(data[4:12], "little")
    at = 12
    for _ in range(lod_levels):  # each level: uint64 byte size, then the offsets
        size = int.from_bytes(data[at : at + 8], "little")
        at += 8 + size
    at += 4  # tensor version
    desc_size = int.from_bytes(data[at : at + 4], "little", signed=True)
    at += 4
    desc, at_data = data[at : at + desc_size], at + desc_size
    dtype, dims, i = None, [], 0
    while i < len(desc):
        key, i = _varint(desc, i)
        value, i = _varint(desc, i)
        if key >> 3 == 1:
            dtype = value
        elif key >> 3 == 2:
            dims.append(value)
    if dtype != FP32:
        raise ValueError(f"unexpected tensor data type {dtype} (want float32)")
    count = int(np.prod(dims))
    array = np.frombuffer(data, dtype="<f4", count=count, offset=at_data)
    if at_data + 4 * count != len(data):
        raise ValueError("tensor file size does not match its dims")
    return array.reshape(dims)


def read_dic(text: str) -> list[tuple[str, str]]:
    rows = []
    for line in text.split("\n"):
        cols = line.split("\t")
        if len(cols) == 2:
            rows.append((cols[0], cols[1]))
    return rows


def convert(sdist: Path) -> dict[str, np.ndarray]:
    files: dict[str, bytes] = {}
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            if member.name.startswith(PREFIX) and member.isfile():
                handle = tar.extractfile(member)
                assert handle is not None
                files[member.name[len(PREFIX) :]] = handle.read()
    out: dict[str, np.ndarray] = {}
    for name in PARAMETERS:
        out[name.replace(".", "_")] = read_paddle_tensor(files["model/" + name]).astype(np.float16)
    words = read_dic(files["conf/word.dic"].decode("utf-8"))
    if [int(i) for i, _ in words] != list(range(len(words))) or words[-1][1] != "OOV":
        raise ValueError("conf/word.dic: ids not 0..n-1 or last entry not OOV")
    out["vocab"] = np.array([w for _, w in words[:-1]], dtype="<U1")  # id = index; OOV = n
    pairs = read_dic(files["conf/q2b.dic"].decode("utf-8"))
    out["replace_from"] = np.array([a for a, _ in pairs], dtype="<U1")
    out["replace_to"] = np.array([b for _, b in pairs], dtype="<U1")
    tags = read_dic(files["conf/tag.dic"].decode("utf-8"))
    # several names share an id (nr-B and PER-B are both 16): the later line wins, as in
    # LAC's own reader (load_kv_dict), so the names are PER/LOC/ORG/TIME where they exist
    by_id: dict[int, str] = {}
    for i, tag in tags:
        by_id[int(i)] = tag
    out["tags"] = np.array([by_id[i] for i in range(len(by_id))], dtype="<U8")
    out["source"] = np.array([SOURCE_URL, SOURCE_SHA256])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sdist", type=Path, help="LAC-2.0.5.tar.gz from PyPI")
    parser.add_argument("--out", type=Path, default=ROOT / "reader" / "data" / "lac.npz")
    args = parser.parse_args()
    digest = hashlib.sha256(args.sdist.read_bytes()).hexdigest()
    if digest != SOURCE_SHA256:
        print(f"{args.sdist}: sha256 {digest} is not LAC-2.0.5's {SOURCE_SHA256}", file=sys.stderr)
        return 1
    arrays = convert(args.sdist)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    args.out.write_bytes(buffer.getvalue())
    print(f"wrote {args.out} ({len(buffer.getvalue()) / 1e6:.1f} MB)")
    for name, array in arrays.items():
        print(f"  {name:14} {array.dtype} {array.shape}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
