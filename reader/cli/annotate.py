"""`reader annotate`: segmentation, script conversion, pinyin and names, headless."""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli.common import add_article_arguments, load_article
from reader.model import Article


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("annotate", help="segment, convert and add pinyin (headless)")
    add_article_arguments(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--no-vocab",
        action="store_true",
        help="JSON without your vocabulary's per-token status and hsk keys",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    article = load_article(args)
    if args.format == "json":
        from reader.export.jsonfmt import article_to_json

        fields = None
        if not args.no_vocab:  # status and hsk per token, from the user's vocabulary
            from reader.cli.vocab import open_vocabulary

            fields = open_vocabulary().token_fields(article)
        doc = article_to_json(article, token_fields=fields)
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_interlinear(article))
    return 0


def render_interlinear(article: Article) -> str:
    """A terminal-readable interlinear view: each sentence, its other script, pinyin per word."""
    from reader.text_layout import interlinear_lines

    out: list[str] = []
    if article.meta.title:
        out.append(f"# {article.meta.title}")
    if article.meta.source_url:
        out.append(f"  {article.meta.source_url}")
    if article.script == "none":
        out.append("  script: none (no Chinese characters found)")
    else:
        out.append(f"  script: {article.script} · other script: {article.conversion}")
    out.append("")
    for sentence in article.sentences():
        if not any(t.pinyin for t in sentence.tokens):
            out.append(sentence.text)  # nothing to annotate: show it as written
            out.append("")
            continue
        out.extend(interlinear_lines(sentence, width=100))
        out.append(f"  {sentence.converted}")
        names = [
            f"{t.text} = {t.glossary.en or '(transliteration)'}"
            + (" [auto]" if t.glossary.source == "auto" else "")
            for t in sentence.tokens
            if t.glossary is not None
        ]
        if names:
            out.append("  names: " + "; ".join(dict.fromkeys(names)))
        if sentence.translation is not None:
            label = "" if sentence.translation.method == "mt" else "[gloss] "
            out.append(f"  {label}{sentence.translation.text}")
        out.append("")
    return "\n".join(out)
