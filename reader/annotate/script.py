"""Script detection and OpenCC conversion (Simplified ⇄ Traditional variants)."""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reader.han import HAN_RUN_RE, is_han
from reader.model import Script

if TYPE_CHECKING:
    import opencc

# The OpenCC configurations readers can choose; the order is the TUI's cycle order.
CONFIGS: tuple[str, ...] = (
    "t2s",
    "s2t",
    "s2tw",
    "s2twp",
    "s2hk",
    "tw2s",
    "t2tw",
    "hk2s",
    "t2hk",
    "tw2sp",
)

_converters: dict[str, opencc.OpenCC] = {}
_lock = threading.Lock()
_OPENCC_CACHE_VERSION = 2  # 2: reader/data/opencc_fixes.tsv applied
_OPENCC_FIXES = "opencc_fixes.tsv"


def _converter(config: str) -> opencc.OpenCC:
    """OpenCC's converter for ``config``, one per process (an immutable table); its
    dictionaries come from reader's cache dir (:class:`_CachedDictionaries`)."""
    conv = _converters.get(config)
    if conv is None:
        if config not in CONFIGS:
            from reader.errors import ReaderError

            raise ReaderError(f"unknown conversion {config!r}; choose one of: {', '.join(CONFIGS)}")
        import opencc

        with _lock:
            conv = _converters.get(config)
            if conv is None:
                from reader import paths

                cache = _CachedDictionaries(paths.cache_dir())
                if config == "s2t":  # its phrases read per text (reader.annotate.opencc_phrases)
                    conv = _s2t_converter(cache, paths.cache_dir())
                else:
                    conv = opencc.OpenCC()  # no conversion yet: nothing read
                    conv.dict_cache = cache
                    conv.set_conversion(config)
                conv.convert("")  # reads the dictionaries now, under the lock
                _converters[config] = conv
    return conv


def _s2t_converter(cache: _CachedDictionaries, cache_dir: Path) -> opencc.OpenCC:
    from reader.annotate.opencc_phrases import PHRASES, PhraseSubset, SubsetConverter

    path = _dictionary_path(PHRASES)
    return SubsetConverter("s2t", cache, PhraseSubset(path, cache_dir, _dictionary_stamp(path)))


class _CachedDictionaries(dict):  # type: ignore[type-arg]
    """OpenCC's ``dict_cache`` (dictionary file → (longest key, shortest key, table)),
    filled from pickles in reader's cache dir: OpenCC parses its text dictionaries at
    every start (~0.2 s for s2t), a pickle loads in a tenth of that."""

    def __init__(self, cache_dir: Path) -> None:
        super().__init__()
        self._cache_dir = cache_dir

    def __contains__(self, item: object) -> bool:
        if not dict.__contains__(self, item) and isinstance(item, str):
            dict.__setitem__(self, item, opencc_dictionary(item, self._cache_dir))
        return dict.__contains__(self, item)


def opencc_dictionary(
    file: str | Path, cache_dir: Path | None = None
) -> tuple[int, int, dict[str, str]]:
    """One of OpenCC's dictionary files (a path, or a name in its dictionary dir such as
    ``TSCharacters.txt``) as OpenCC reads it: (longest key, shortest key, key → value),
    kept in reader's cache dir and re-read when the file changes."""
    from reader import paths
    from reader.fsutil import cached_pickle

    path = _dictionary_path(file)
    cache = (cache_dir or paths.cache_dir()) / f"opencc-{path.stem}.pickle"
    return cached_pickle(cache, _dictionary_stamp(path), lambda: _read_dictionary(path))


def _dictionary_path(file: str | Path) -> Path:
    path = Path(file)
    return path if path.is_absolute() else _opencc_dir() / "dictionary" / path


def _dictionary_stamp(path: Path) -> tuple[object, ...]:
    """What a table read from one of OpenCC's dictionaries depends on (its file and
    reader's corrections)."""
    from reader import paths

    st = path.stat()
    fixes = paths.package_data(_OPENCC_FIXES).stat()
    return (
        _OPENCC_CACHE_VERSION,
        str(path),
        st.st_size,
        st.st_mtime_ns,
        fixes.st_size,
        fixes.st_mtime_ns,
    )


def _read_dictionary(path: Path) -> tuple[int, int, dict[str, str]]:
    """As ``opencc.OpenCC._add_dictionaries`` reads a file (same table, same lengths)."""
    table: dict[str, str] = {}
    max_len, min_len = 1, 1000
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            key, value = line.strip().split("\t")
            table[key] = value
            max_len = max(max_len, len(key))
            min_len = min(min_len, len(key))
    for key, value in opencc_fixes().get(path.name, {}).items():
        table[key] = value
        max_len = max(max_len, len(key))
        min_len = min(min_len, len(key))
    return max_len, min_len, table


def opencc_fixes() -> dict[str, dict[str, str]]:
    """reader/data/opencc_fixes.tsv: dictionary file name → key → the corrected value.
    A value keeps its key's length, so converted text still lines up with the original."""
    from reader import paths
    from reader.errors import ReaderError

    path = paths.package_data(_OPENCC_FIXES)
    fixes: dict[str, dict[str, str]] = {}
    for lineno, _, fields in paths.data_rows(path.read_text(encoding="utf-8"), "file"):
        if len(fields) < 4 or not fields[3] or len(fields[1]) != len(fields[2]):
            raise ReaderError(
                f"{path}:{lineno}: expected file, key, value of the key's length, reason"
            )
        fixes.setdefault(fields[0], {})[fields[1]] = fields[2]
    return fixes


def _opencc_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        from reader.errors import ReaderError

        raise ReaderError("OpenCC is not installed; pip install opencc-python-reimplemented")
    return Path(next(iter(spec.submodule_search_locations)))


def convert(text: str, config: str) -> str:
    if config == "t2s":
        return _fast_t2s(text)
    return str(_converter(config).convert(text))


def _fast_t2s(text: str, folded: str | None = None) -> str:
    """OpenCC t2s from OpenCC's own tables applied with str.translate (~20× faster).

    The glossary's fold is exactly that (plus Latin lower-casing, undone here); tests check
    it agrees with OpenCC's converter on every Han character of both sample articles.
    ``folded``: ``fold(text)``, when the caller has it already.
    """
    from reader.annotate.fold import fold

    if folded is None:
        folded = fold(text)
    # the folded Han characters with the original runs of everything else between them
    # (the gaps between Han runs: one compiled class fewer at start than a negated one)
    parts: list[str] = []
    pos = 0
    for m in HAN_RUN_RE.finditer(text):
        parts.append(text[pos : m.start()])
        parts.append(folded[m.start() : m.end()])
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts)


@functools.cache
def changed_chars(name: str) -> frozenset[str]:
    """Characters one of OpenCC's character tables (``TSCharacters.txt``: t2s,
    ``STCharacters.txt``: s2t) turns into another as its first candidate; kept in the
    cache dir beside the table (a start needs the set, ~0.5 ms to load, not the table)."""
    from reader import paths
    from reader.fsutil import cached_pickle, files_stamp

    path = _dictionary_path(name)
    stamp = (_dictionary_stamp(path), files_stamp(Path(__file__)))  # and this code

    def build() -> frozenset[str]:
        table = opencc_dictionary(path)[2]
        return frozenset(src for src, targets in table.items() if targets.split(" ")[0] != src)

    return cached_pickle(
        paths.cache_dir() / f"opencc-changed-{path.stem}.pickle",
        stamp,
        build,
        accept=lambda found: isinstance(found, frozenset),
    )


def _script_only_chars() -> tuple[frozenset[str], frozenset[str]]:
    """Characters that exist in only one script, from OpenCC's own character tables."""
    traditional_only = changed_chars("TSCharacters.txt")
    simplified_only = changed_chars("STCharacters.txt") - traditional_only
    return traditional_only - simplified_only, simplified_only


def detect_script(text: str) -> Script:
    """Simplified, Traditional or mixed, from characters that exist in only one script."""
    from collections import Counter

    traditional_only, simplified_only = _script_only_chars()
    trad = simp = han = 0
    for ch, count in Counter(text).items():  # each distinct character once
        if ch in traditional_only:
            trad += count
        elif ch in simplified_only:
            simp += count
        elif is_han(ch):
            han += count
    if trad == simp == 0:
        return "simplified" if han else "none"  # script-neutral text reads the same either way
    share = trad / (trad + simp)
    if share >= 0.8:
        return "traditional"
    if share <= 0.2:
        return "simplified"
    return "mixed"


def default_conversion(script: Script) -> str:
    """Show the other script: Traditional/mixed text as Simplified, Simplified as Traditional."""
    return "s2t" if script in ("simplified", "none") else "t2s"


def to_simplified_aligned(text: str) -> str:
    """A Simplified form of ``text`` with exactly the same length (for segmentation).

    OpenCC's phrase rules can change length; where they do, fall back to per-character
    conversion so offsets still line up.
    """
    out = convert(text, "t2s")
    if len(out) == len(text):
        return out
    conv = _converter("t2s")
    chars = [conv.convert(ch) for ch in text]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, text, strict=True))


def convert_aligned(
    text: str, spans: list[tuple[int, int]], config: str, folded: str | None = None
) -> list[str]:
    """Convert ``text`` along its word ``spans`` (one string per token, same lengths).

    OpenCC's phrase tables match greedily over whatever they are given, so converting the
    whole text lets a phrase straddle two words: 董宇辉|发|长信 became 董宇輝髮長信 (发长
    "long hair"). Each word is converted as a unit instead — a multi-character word on its
    own (头发 → 頭髮, 干活 → 幹活, 后来 → 後來), a run of single-character words together,
    read after the last character of the word before it: a measure word or verb on the left
    picks the noun (一碗|面 → 一碗麵), while nothing on the right can pull a character into
    a phrase across a word boundary. A piece whose conversion changes length is converted
    character by character, so offsets still line up. ``folded``: ``fold(text)`` when the
    caller has it (t2s is made from it).
    """
    if config == "t2s":
        whole = _fast_t2s(text, folded)  # character tables only: no phrase can straddle
        if len(whole) == len(text):
            return [whole[a:b] for a, b in spans]
    # pieces: (start of the converted text, end, the token spans it serves)
    pieces: list[tuple[int, int, list[tuple[int, int]]]] = []
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if run:
            left = 1 if run[0][0] > 0 and is_han(text[run[0][0] - 1]) else 0
            pieces.append((run[0][0] - left, run[-1][1], list(run)))
            run.clear()

    for start, end in spans:
        if end - start == 1:
            run.append((start, end))
            continue
        flush()
        pieces.append((start, end, [(start, end)]))
    flush()
    converted = _convert_pieces([text[a:b] for a, b, _ in pieces], config)
    out: list[str] = []
    for (base, _, served), piece in zip(pieces, converted, strict=True):
        out.extend(piece[a - base : b - base] for a, b in served)
    return out


# Joins pieces for one OpenCC call: phrase tables hold only Han, so no match crosses it.
_PIECE_SEP = "\n"


def _convert_pieces(pieces: list[str], config: str) -> list[str]:
    """Each piece converted on its own (same lengths), in one OpenCC call where possible."""
    if not pieces:
        return []
    if not any(_PIECE_SEP in p for p in pieces):
        joined = convert(_PIECE_SEP.join(pieces), config).split(_PIECE_SEP)
        if len(joined) == len(pieces):
            return [
                c if len(c) == len(p) else _convert_piece(p, config)
                for c, p in zip(joined, pieces, strict=True)
            ]
    return [_convert_piece(p, config) for p in pieces]


def _convert_piece(piece: str, config: str) -> str:
    converted = convert(piece, config)
    if len(converted) == len(piece):
        return converted
    chars = [convert(ch, config) for ch in piece]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, piece, strict=True))
