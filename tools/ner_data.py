"""Readers for the public NER data sets of DATA.md, and the fixed split of CLUENER train.

Every reader returns ``Sample(text, spans)`` with spans ``(start, end, TYPE)``, TYPE one of
PER, ORG, LOC, PRODUCT (reader.annotate.names_definition.TYPES). Used by tools/train_ner.py and
bench/names.py, so both see the same split.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

# CLUENER 2020 fine-grained labels → our types. position (CEO, 记者) is a title, not a name.
# address and scene both name places (杭州市文一西路, 故宫); government and organization
# (国家统计局, 皇家马德里) are organisations like company; book/game/movie are works that a
# reader wants kept as one name (PRODUCT).
CLUENER_TYPES = {
    "name": "PER",
    "company": "ORG",
    "government": "ORG",
    "organization": "ORG",
    "address": "LOC",
    "scene": "LOC",
    "book": "PRODUCT",
    "game": "PRODUCT",
    "movie": "PRODUCT",
    "position": None,
}
# Weibo NER: named mentions only; nominal mentions (PER.NOM 老师, 妈妈) are not names.
# GPE (countries, cities) is a place here.
WEIBO_TYPES = {"PER.NAM": "PER", "ORG.NAM": "ORG", "LOC.NAM": "LOC", "GPE.NAM": "LOC"}
# Resume NER (BMES tags): NAME is a person, LOC a place; CONT marks a nationality (中国国籍), EDU
# (degrees), PRO (majors), RACE (汉族) and TITLE (董事长) are not names.
RESUME_TYPES = {"NAME": "PER", "ORG": "ORG", "LOC": "LOC"}
# Resume NER also labels nominal mentions ORG (公司 183 times, 本公司 146, 本行, 集团): not
# names here, so spans that are one of these words, or start with 本/该 (本公司, 该集团), are
# dropped (read_bmes).
RESUME_NOMINAL_ORGS = frozenset(
    "公司 集团 本行 母公司 子公司 分公司 总公司 股份公司 销售公司 分厂 管理学院".split()
)
SPLIT_SEED = 14  # issue 14; fixed so the held-out part never changes
HELD_OUT_FRACTION = 0.10  # never trained or tuned on: bench/names.py reports it
TUNE_FRACTION = 0.10  # thresholds and c1/c2 chosen here, never trained on


@dataclass(frozen=True)
class Sample:
    text: str
    spans: tuple[tuple[int, int, str], ...]


def read_cluener(path: Path) -> list[Sample]:
    samples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        spans = []
        for label, mentions in row.get("label", {}).items():
            kind = CLUENER_TYPES[label]
            if kind is None:
                continue
            for where in mentions.values():
                for a, b in where:
                    spans.append((a, b + 1, kind))  # CLUENER ends are inclusive
        samples.append(Sample(row["text"], tuple(sorted(spans))))
    return samples


def split_cluener(samples: list[Sample]) -> dict[str, list[Sample]]:
    """train / tune / held_out by a seeded shuffle of the indices."""
    order = list(range(len(samples)))
    random.Random(SPLIT_SEED).shuffle(order)
    n_held = round(len(samples) * HELD_OUT_FRACTION)
    n_tune = round(len(samples) * TUNE_FRACTION)
    pick = lambda idx: [samples[i] for i in sorted(idx)]  # noqa: E731
    return {
        "held_out": pick(order[:n_held]),
        "tune": pick(order[n_held : n_held + n_tune]),
        "train": pick(order[n_held + n_tune :]),
    }


def _from_bio(chars: list[str], tags: list[str], mapping: dict[str, str] | None) -> Sample:
    spans = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and start >= 0 and tag[2:] == kind:
            continue
        if start >= 0:
            mapped = mapping.get(kind) if mapping is not None else kind
            if mapped:
                spans.append((start, i, mapped))
            start, kind = -1, ""
        if tag != "O":
            start, kind = i, tag[2:]
    return Sample("".join(chars), tuple(spans))


def read_msra_lines(sentences: Path, tags: Path) -> list[Sample]:
    """lemonhu/NER-BERT-pytorch layout: space-separated characters, one sentence a line."""
    out = []
    for s_line, t_line in zip(
        sentences.read_text(encoding="utf-8").splitlines(),
        tags.read_text(encoding="utf-8").splitlines(),
        strict=True,
    ):
        chars, tags_ = s_line.split(), t_line.split()
        if chars and len(chars) == len(tags_):
            out.append(_from_bio(chars, tags_, None))
    return out


def read_conll(path: Path, mapping: dict[str, str] | None = None) -> list[Sample]:
    """One ``char<TAB or space>tag`` a line, blank lines between sentences (MSRA test, Weibo).

    Weibo's tokens carry a word-position digit after the character (一0): only the first
    character is kept.
    """
    out: list[Sample] = []
    chars: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if len(parts) < 2:
            if chars:
                out.append(_from_bio(chars, tags, mapping))
            chars, tags = [], []
            continue
        chars.append(parts[0][0])
        tags.append(parts[-1])
    return out


def read_bmes(
    path: Path, mapping: dict[str, str], nominal: frozenset[str] = RESUME_NOMINAL_ORGS
) -> list[Sample]:
    """Resume NER layout: ``char tag`` a line with B-/M-/E-/S- tags, blank lines between
    sentences; converted to B-/I- and read like read_conll. Organisation spans that are
    ``nominal`` words or start with 本/该 are dropped (not names)."""
    bio = {"B": "B-", "M": "I-", "E": "I-", "S": "B-"}
    out: list[Sample] = []
    chars: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if len(parts) < 2:
            if chars:
                sample = _from_bio(chars, tags, mapping)
                kept = tuple(
                    (a, b, kind)
                    for a, b, kind in sample.spans
                    if not (
                        kind == "ORG" and (sample.text[a:b] in nominal or sample.text[a] in "本该")
                    )
                )
                out.append(Sample(sample.text, kept))
            chars, tags = [], []
            continue
        tag = parts[-1]
        chars.append(parts[0][0])
        tags.append("O" if tag == "O" else bio[tag[0]] + tag[2:])
    return out


def count(samples: list[Sample]) -> dict[str, int]:
    counts = {"sentences": len(samples), "chars": sum(len(s.text) for s in samples)}
    for s in samples:
        for _a, _b, kind in s.spans:
            counts[kind] = counts.get(kind, 0) + 1
    return counts
