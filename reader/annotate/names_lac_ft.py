"""Names from LAC's network fine-tuned for our name types, run in numpy (no torch).

tools/finetune_lac_ner.py trains Baidu LAC's network (reader/annotate/names_lac.py) end to
end with a new output layer and CRF over BIO tags of PER / ORG / LOC / PRODUCT
(``O``, ``B-PER``, ``I-PER``…) and writes the weights in lac.npz's layout (float16). The
network and the CRF run exactly as ``LacTagger`` runs LAC's; only reading the tags into
names differs: a span is a B tag and the I tags of the same type after it (an I without
its B starts a span), with the smallest CRF marginal of its characters' tags as its
confidence. DATA.md ("Eighth round") has the training and the measurements.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.annotate.names_lac import LONGEST, LacTagger
from reader.annotate.names_model import Entity


class LacNameTagger(LacTagger):
    """The fine-tuned network: ``names`` gives its PER/ORG/LOC/PRODUCT spans with
    confidences, ``tags`` its BIO tag per character (``analyse``: tags and marginals).
    No weights ship with reader (DATA.md, "Eighth round": they did not beat the accurate
    recogniser); ``path`` is a file made by tools/finetune_lac_ner.py."""

    def __init__(
        self, path: Path, longest: int | None = LONGEST, cache_dir: Path | None = None
    ) -> None:
        if not path.is_file():
            raise ValueError(
                f"{path}: no such weights file; make it with tools/finetune_lac_ner.py (DATA.md)"
            )
        super().__init__(path, longest=longest, cache_dir=cache_dir)
        if "O" not in self.tag_names or any(
            t != "O" and t[:2] not in ("B-", "I-") for t in self.tag_names
        ):
            raise ValueError(
                f"{path}: not BIO name weights (tags {', '.join(self.tag_names[:4])}…); "
                "make them with tools/finetune_lac_ner.py"
            )

    def names(self, texts: Sequence[str]) -> list[list[Entity]]:
        return [bio_spans(tags, probs) for tags, probs in self._run(texts, marginals=True)]


def bio_spans(tags: Sequence[str], probs: Sequence[float]) -> list[Entity]:
    """BIO tags → spans, each with the smallest marginal of its tags."""
    found: list[Entity] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and start >= 0 and tag[2:] == kind:
            continue
        if start >= 0:
            found.append(Entity(start, i, kind, min(probs[start:i])))
            start = -1
        if tag != "O":
            start, kind = i, tag[2:]
    return found
