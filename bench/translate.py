"""Sentences per second: argostranslate's per-sentence path vs reader's batched path.

Same model (the shared real-shaped zh→en package, installed into a temp dir), same
sentences (both sample articles, segmented by reader), same run:

  (a) argostranslate: ``apply_packaged_translation`` once per sentence, with a one-sentence
      splitter and its defaults (beam 4, batch by tokens, no length cap), which is what
      ``argostranslate.translate.translate()`` does per sentence (1 hypothesis);
  (b) reader: ``translate_article`` over each article: batched ``translate_batch``, beam 2,
      length cap, glossary names protected and repaired (the repair round is included);
  (b0) reader without the glossary (no protection, no repair): the batching alone;
  (c) (b) again with the cache warm.

The shared package has random weights: its output is noise and runs long, which makes
both paths slower than with the real model, and forces the repair path for every name.

Usage: python bench/translate.py [--limit N] [--model FILE.argosmodel]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = [
    SHARED / "articles" / "nikkei-hangzhou-unicorn-map.md",
    SHARED / "articles" / "zhidx-hangzhou-silicon-valley.txt",
]
MODEL = SHARED / "models" / "translate-zh_en-1_9-randomweights.argosmodel"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--limit", type=int, default=0, help="only the first N sentences per article"
    )
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    try:
        return run(args, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run(args: argparse.Namespace, home: Path) -> int:
    # Before anything imports argostranslate.settings (it freezes these at import).
    os.environ["READER_HOME"] = str(home)
    os.environ["ARGOS_PACKAGES_DIR"] = str(home / "argos-packages")
    os.environ["XDG_DATA_HOME"] = str(home / "xdg-data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "xdg-config")
    os.environ["XDG_CACHE_HOME"] = str(home / "xdg-cache")
    sys.path.insert(0, str(ROOT))

    from dataclasses import replace

    from reader.glossary import load_glossary
    from reader.model import Article
    from reader.pipeline import Options, annotate_path
    from reader.translate import load_translator, translate_article
    from reader.translate.cache import TranslationCache
    from reader.translate.install import install_file

    pkg = install_file(args.model)
    translator = load_translator()
    assert translator is not None
    translator.load()

    glossary = load_glossary()
    articles: list[Article] = []
    for path in SAMPLES:
        article = annotate_path(str(path), Options(glossary=glossary))
        if args.limit:
            paras = []
            left = args.limit
            for p in article.paragraphs:
                keep = p.sentences[:left]
                left -= len(keep)
                if keep:
                    paras.append(replace(p, sentences=keep))
            article = replace(article, paragraphs=tuple(paras))
        articles.append(article)
    sentences = [s.text for a in articles for s in a.sentences()]
    names = sum(len(s.glossary_hits) for a in articles for s in a.sentences())
    print(f"model: {translator.model_id} ({pkg.path})")
    print(f"sentences: {len(sentences)} from {len(articles)} articles, {names} glossary names")
    print(f"threads: {os.cpu_count()} cores\n")

    # (a) argostranslate, one call per sentence.
    import ctranslate2
    from argostranslate import package as argos_package
    from argostranslate import settings as argos_settings
    from argostranslate.translate import apply_packaged_translation

    class OneSentence:
        def split_sentences(self, text: str) -> list[str]:
            return [text]

    argos_pkg = argos_package.Package(pkg.path)
    argos_model = ctranslate2.Translator(
        str(pkg.path / "model"),
        device=argos_settings.device,
        inter_threads=argos_settings.inter_threads,
        intra_threads=argos_settings.intra_threads,
        compute_type=argos_settings.compute_type,
    )
    splitter = OneSentence()
    apply_packaged_translation(argos_pkg, sentences[0], argos_model, splitter, 1)  # warm-up
    began = time.perf_counter()
    for text in sentences:
        apply_packaged_translation(argos_pkg, text, argos_model, splitter, num_hypotheses=1)
    t_argos = time.perf_counter() - began

    def ours(cache: TranslationCache, strip_names: bool = False) -> tuple[float, int, int]:
        began = time.perf_counter()
        inputs = repaired = 0
        for article in articles:
            if strip_names:
                article = article.map_sentences(
                    lambda s: replace(s, tokens=tuple(replace(t, glossary=None) for t in s.tokens))
                )
            _, stats = translate_article(article, translator, cache=cache)
            inputs += stats.model_inputs
            repaired += stats.repaired
        return time.perf_counter() - began, inputs, repaired

    t_plain, inputs_plain, _ = ours(TranslationCache.memory(), strip_names=True)
    disk = TranslationCache(home / "bench-cache.sqlite3")
    t_ours, inputs_ours, repaired = ours(disk)
    t_cached, inputs_cached, _ = ours(disk)

    n = len(sentences)
    rows = [
        ("(a) argostranslate, per sentence, beam 4", t_argos, n),
        ("(b) reader, batched, names protected", t_ours, inputs_ours),
        ("(b0) reader, batched, no glossary", t_plain, inputs_plain),
        ("(c) reader, cached re-run", t_cached, inputs_cached),
    ]
    print(f"{'path':44} {'seconds':>9} {'sent/s':>10} {'model inputs':>13}")
    for label, seconds, inputs in rows:
        print(f"{label:44} {seconds:9.3f} {n / seconds:10.1f} {inputs:13d}")
    print()
    print(
        f"(b) vs (a): {t_argos / t_ours:.1f}x faster (target >= 3x); {repaired} sentences repaired"
    )
    print(f"(b0) vs (a): {t_argos / t_plain:.1f}x faster")
    print(f"(c) vs (b): {t_ours / t_cached:.0f}x faster (target >= 100x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
