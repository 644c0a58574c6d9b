"""Very long articles in the reader: the first screen from the article's head, the rest later.

A 20 MB text takes seconds to decode and clean, more to split into sentences, and the names
pass reads all of it. The reader does not wait: a big plain-text file is opened from its
first ``HEAD_BYTES`` (cut at a paragraph break and loaded as the whole file would be), and
a long loaded text is shown from the blocks in its first ``HEAD_CHARS`` characters. Loading
and outlining both work front to back, so the head's sentences have the indices and offsets
of the whole article's first sentences: when the background outline of the whole text is
ready it replaces the head and the cursor and scroll position stay where they were.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Callable
from dataclasses import replace

from reader.errors import ReaderError
from reader.model import Article, LoadedText
from reader.pipeline import Options
from reader.session import LARGE_ARTICLE

HEAD_CHARS = 20_000  # characters outlined before the first paint (several screens)
LONG_ARTICLE = LARGE_ARTICLE  # characters: longer texts are outlined in the background
HEAD_BYTES = 64 * 1024  # bytes of a big plain-text file read before the first paint
BIG_FILE_BYTES = 2_000_000  # files from this size are opened from their head
SCRIPT_SAMPLE = 200_000  # characters the script of a long article is judged on


def head_of(loaded: LoadedText, chars: int = HEAD_CHARS) -> LoadedText:
    """The blocks of ``loaded`` that start within its first ``chars`` characters (at least
    one), as a LoadedText with the same offsets."""
    starts = [b.start for b in loaded.blocks]
    count = max(1, bisect.bisect_left(starts, chars))
    blocks = loaded.blocks[:count]
    end = blocks[-1].end if blocks else min(len(loaded.text), chars)
    return replace(loaded, text=loaded.text[:end], blocks=blocks, full_text="")


def is_long(loaded: LoadedText) -> bool:
    return len(loaded.text) > LONG_ARTICLE


def load_file_head(path: str, encoding: str | None, full_page: bool) -> LoadedText | None:
    """A big plain-text file's head, loaded as the whole file would be; None when the file
    is small, not plain text (Markdown and HTML need the whole document) or unreadable (the
    whole load then says why)."""
    from reader.load import load_bytes

    if path == "-" or "://" in path:
        return None
    try:
        if os.path.getsize(path) < BIG_FILE_BYTES:
            return None
        with open(os.path.expanduser(path), "rb") as f:
            data = f.read(HEAD_BYTES)
    except OSError:
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16: a byte cut is not a character cut
    cut = data.rfind(b"\n\n")  # a paragraph break; never inside a UTF-8/GB18030/Big5 character
    if cut <= 0:
        return None
    try:
        head = load_bytes(data[:cut], name=path, encoding=encoding, full_page=full_page)
    except ReaderError:
        return None
    return head if head.meta.format == "text" else None


def raw_outline(loaded: LoadedText, long: bool, stop: Callable[[], bool] | None = None) -> Article:
    """The instant article shown before annotation (reader.session.raw_article), with the
    tokens of the whole article's size (``long``: one token per run) so the head and the
    whole agree token for token.

    A long article's outline makes millions of objects and no garbage cycle: the cyclic
    collector is paused while it is built (its full passes over a growing heap held the
    interpreter lock for seconds, so `q` waited 2 s on a 20 MB text), and what was built is
    then frozen out of later passes (``gc.freeze``), as the article lives as long as the
    reader shows it."""
    import gc

    from reader.pipeline import outline

    if not long:
        return outline(loaded, tokens="chars", detect=False, stop=stop)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return outline(loaded, tokens="runs", detect=False, stop=stop)
    finally:
        if was_enabled:
            gc.enable()
        gc.freeze()


def skeleton_of(raw: Article, options: Options) -> Article:
    """The article to annotate, from the raw outline already built (no second outline):
    the script judged on the first ``SCRIPT_SAMPLE`` characters."""
    from reader.annotate.script import default_conversion, detect_script

    script = detect_script(raw.text[:SCRIPT_SAMPLE])
    return replace(
        raw,
        script=script,
        conversion=options.conversion or default_conversion(script),
        pinyin_style=options.pinyin_style,
    )


def notice(size_mb: float) -> str:
    return (
        f"Long article ({size_mb:.1f} MB): showing its beginning now; the rest is read "
        "in the background (the status line says when it is all there)."
    )
