"""Names the whole pipeline marks in ordinary text, for a hand check of false names.

Run: .venv/bin/python bench/names_pipeline.py [--sentences 400] [--seed 7] [--list]

bench/names.py counts the recogniser's spans; a reader sees what the pipeline makes of them
(the glossary's judge, dictionary names, suffix rules, the dictionary-word filters). This
annotates a fixed-seed sample of the sentences of ../shared/eval/cpp-dev/dev.sent (polyphone
sentences from Wikipedia-like text: ordinary prose, with some real names in it) as one
article, one paragraph per sentence, and prints the person/organisation names marked per
10,000 characters, split by where they come from: the shipped glossary, or ``auto``
(recogniser, CC-CEDICT, suffix rules). ``--list`` prints every auto name with its sentence
so that the false ones can be counted by hand; the closing note gives that count.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CPP_DEV = ROOT.parent / "shared" / "eval" / "cpp-dev" / "dev.sent"
PERSON_OR_ORG = {"person", "company", "org", "media", "university", "agency", "investor", "lab"}


def sample_sentences(count: int, seed: int, exclude: int | None = None) -> list[str]:
    lines = [
        line.strip().replace("▁", "")
        for line in CPP_DEV.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if exclude is not None:  # a development sample disjoint from the measured one
        kept = set(random.Random(exclude).sample(lines, min(count, len(lines))))
        lines = [line for line in lines if line not in kept]
    return random.Random(seed).sample(lines, min(count, len(lines)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--list", action="store_true", help="print every auto name")
    parser.add_argument(
        "--names", default="accurate", choices=("accurate", "fast"), help="the recogniser"
    )
    parser.add_argument(
        "--exclude",
        type=int,
        default=None,
        metavar="SEED",
        help="leave out the sample of this seed: look at false names here, report on that seed",
    )
    args = parser.parse_args()
    if not CPP_DEV.is_file():
        raise SystemExit(f"bench: {CPP_DEV} is missing (../shared/eval/cpp-dev)")
    from reader.model import Block, LoadedText, Meta, NameModel
    from reader.pipeline import Options, annotate
    from reader.resources import Resources

    sentences = sample_sentences(args.sentences, args.seed, args.exclude)
    text = "\n".join(sentences)
    blocks, offset = [], 0
    for sentence in sentences:
        blocks.append(Block(offset, offset + len(sentence)))
        offset += len(sentence) + 1
    res = Resources()
    loaded = LoadedText(text=text, blocks=tuple(blocks), meta=Meta())
    article = annotate(
        loaded, Options(glossary=res.glossary(use_user=False), names=NameModel(args.names)), res
    )
    chars = sum(len(s) for s in sentences)
    by_source: Counter[str] = Counter()
    listed = []
    for sentence in article.sentences():
        for token in sentence.tokens:
            hit = token.glossary
            if hit is None or hit.type not in PERSON_OR_ORG:
                continue
            by_source[hit.source] += 1
            if hit.source == "auto":
                listed.append(f"{token.text}\t{hit.type}\t{hit.en or '(MT)'}\t{sentence.text}")
    excluded = f", without seed {args.exclude}'s" if args.exclude is not None else ""
    print(f"{len(sentences)} sentences, {chars} characters (seed {args.seed}{excluded})")
    for source in ("glossary", "auto"):
        n = by_source[source]
        print(
            f"  person/organisation names from {source:<8}: {n:4}  ({1e4 * n / chars:5.1f} per 10k)"
        )
    if args.list:
        print("\n".join(listed))


if __name__ == "__main__":
    main()
