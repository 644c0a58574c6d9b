"""`reader pinyin`: pinyin for lines of text, one output line per input line.

Lines go through the same pipeline as `reader annotate` (sentences, jieba words with the
glossary's names, the batched context reader), so a character gets the same reading here as
in annotate, the TUI and the exports. Input is read in chunks, each chunk one batch.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Iterable, Iterator

from reader.cli.common import add_glossary_arguments
from reader.errors import ReaderError
from reader.model import PinyinStyle

_CHUNK = 256  # lines per batch: large enough to batch the model, small enough to stream


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "pinyin",
        help="pinyin for text lines",
        description="Pinyin for each line of TEXT (or of stdin): one output line per input line.",
    )
    p.add_argument("text", nargs="*", metavar="TEXT", help="text to read; - or nothing: stdin")
    p.add_argument("--style", choices=PinyinStyle.names(), default="marks", help="default: marks")
    p.add_argument(
        "--sandhi",
        action="store_true",
        help="spoken tones (一/不, third tone), not dictionary tones",
    )
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: syllables, words separated by spaces; json: one array per line with "
        "one entry per character (its reading, or the character itself)",
    )
    add_glossary_arguments(p)  # names the glossary knows are read as words
    p.set_defaults(func=run)


def _input_lines(texts: list[str]) -> Iterator[str]:
    if not texts or texts == ["-"]:
        if sys.stdin is None or sys.stdin.isatty():
            if not texts:
                raise ReaderError(
                    "pinyin: no text given; pass TEXT arguments or pipe lines on stdin (-)"
                )
        assert sys.stdin is not None
        for line in sys.stdin:
            yield line.rstrip("\n").rstrip("\r")
        return
    for text in texts:
        yield from text.split("\n")


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run(args: argparse.Namespace) -> int:
    from reader.model import NameModel
    from reader.pipeline import Options
    from reader.resources import default_resources

    glossary = default_resources().glossary(
        extra_files=tuple(args.glossary), use_default=not args.no_default_glossary
    )
    # pinyin only: no other script to convert to (OpenCC's tables stay unread), and the fast
    # recogniser (names only steer a surname's reading; LAC's network would double the start)
    options = Options(
        pinyin_style=args.style,
        glossary=glossary,
        sandhi=args.sandhi,
        convert=False,
        names=NameModel.FAST,
    )
    if args.sandhi:
        print("reader: pinyin shows tone sandhi (spoken tones), not dictionary tones",
              file=sys.stderr)  # fmt: skip
    out = sys.stdout
    for chunk in _chunks(_input_lines(args.text), _CHUNK):
        for line in render_lines(chunk, options, args.format):
            out.write(line + "\n")
        out.flush()
    return 0


def render_lines(lines: list[str], options: object, fmt: str) -> list[str]:
    """One output line per input line (``options`` is a reader.pipeline.Options)."""
    from reader.annotate.pinyin import format_syllable
    from reader.model import Block, LoadedText, Meta
    from reader.pipeline import Options, annotate

    assert isinstance(options, Options)
    text = "\n".join(lines)
    blocks: list[Block] = []
    pos = 0
    for line in lines:
        if line.strip():
            blocks.append(Block(pos, pos + len(line)))
        pos += len(line) + 1
    article = annotate(LoadedText(text=text, blocks=tuple(blocks), meta=Meta()), options)
    tokens = sorted(article.tokens(), key=lambda t: t.start)

    rendered: list[str] = []
    pos = 0
    k = 0
    for line in lines:
        end = pos + len(line)
        line_tokens = []
        while k < len(tokens) and tokens[k].start < end + 1:
            if tokens[k].start >= pos:
                line_tokens.append(tokens[k])
            k += 1
        if fmt == "json":
            cells: list[str] = list(line)
            for tok in line_tokens:
                for i, reading in enumerate(tok.readings):
                    if reading is not None and 0 <= tok.start - pos + i < len(cells):
                        cells[tok.start - pos + i] = format_syllable(reading, options.pinyin_style)
            rendered.append(json.dumps(cells, ensure_ascii=False))
        else:
            rendered.append(_text_line(line_tokens))
        pos = end + 1
    return rendered


def _text_line(tokens: list) -> str:  # type: ignore[type-arg]
    """Words separated by spaces; punctuation sticks to the word before it."""
    words: list[str] = []
    for tok in tokens:
        piece = tok.pinyin if tok.pinyin else tok.text.strip()
        if not piece:
            continue
        if words and all(unicodedata.category(ch).startswith("P") for ch in piece):
            words[-1] += piece
        else:
            words.append(piece)
    return " ".join(words)
