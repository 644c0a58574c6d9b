"""Everything annotation needs, built lazily once and passed explicitly.

One :class:`Resources` object owns the segmenter (and one derived segmenter per glossary),
the pinyin reader, the CC-CEDICT dictionary, the name recogniser and the parsed glossary
files. Nothing a run learns
(a glossary's words, a parsed file) lives in module state, so results never depend on what
ran before in the same process: two Resources objects are fully independent.

:func:`default_resources` is only a convenience instance for callers that don't care (as
``jieba.dt`` is for jieba); the CLI and the TUI build their own and pass it down.

Immutable shipped tables (OpenCC's character tables, the g2pM weights, rule files)
are read once per process by their owning modules: they never change while it runs, so
sharing them cannot make one run depend on another.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader import paths
from reader.model import NameModel

if TYPE_CHECKING:
    from reader.annotate.dictionary import Dictionary
    from reader.annotate.names_model import NameRecogniser
    from reader.annotate.pinyin import PinyinReader
    from reader.glossary.decide import Recogniser
    from reader.glossary.format import ParsedFile
    from reader.glossary.store import Glossary
    from reader.segment.words import Segmenter
    from reader.translate.cache import TranslationCache

_WEIGHTS = {NameModel.FAST: "ner.crfsuite", NameModel.ACCURATE: "ner_lac.crfsuite"}
_SEGMENTERS_KEPT = 4  # derived segmenters kept (one per glossary fingerprint)
_GLOSSARIES_KEPT = 8


class Resources:
    """Lazily built annotation resources. Thread-safe: builders run once under a lock."""

    def __init__(
        self,
        cache_dir: Path | None = None,
        *,
        use_recogniser: bool = True,
        recogniser: Recogniser | None = None,
    ) -> None:
        """``use_recogniser=False`` keeps the rule-based name decision; ``recogniser``
        replaces the trained one (tests pass fakes)."""
        self._cache_dir = cache_dir  # None: the user's cache dir, as it is when asked
        self.use_recogniser = use_recogniser
        self._lock = threading.RLock()
        self._segmenter: Segmenter | None = None
        self._derived: OrderedDict[str, Segmenter] = OrderedDict()
        self._pinyin: PinyinReader | None = None
        self._dictionary: Dictionary | None = None
        # a recogniser given (tests' fakes) serves every name model; else one per model,
        # loaded on first use (None: disabled or weights missing)
        self._given: Recogniser | None = recogniser
        self._recognisers: dict[NameModel, NameRecogniser | None] = {}
        self._parsed: dict[str, tuple[tuple[int, int, int], ParsedFile]] = {}
        self._glossaries: OrderedDict[tuple[object, ...], Glossary] = OrderedDict()
        self._translation_cache: TranslationCache | None = None

    @property
    def cache_dir(self) -> Path:
        """Where derived tables and the translation cache live: the dir given, else the
        user's cache dir (READER_HOME can change between runs in one process, e.g. tests)."""
        return self._cache_dir if self._cache_dir is not None else paths.cache_dir()

    # -- segmentation --------------------------------------------------------------------
    @property
    def segmenter(self) -> Segmenter:
        """The base segmenter: jieba's dictionary only, never taught a glossary's words."""
        if self._segmenter is None:
            with self._lock:
                if self._segmenter is None:
                    from reader.segment.words import Segmenter

                    self._segmenter = Segmenter(self.cache_dir)
        return self._segmenter

    def segmenter_for(self, glossary: Glossary | None) -> Segmenter:
        """A segmenter that also knows ``glossary``'s terms (derived per glossary fingerprint)."""
        if glossary is None or not len(glossary):
            return self.segmenter
        key = glossary.fingerprint
        with self._lock:
            found = self._derived.get(key)
            if found is not None:
                self._derived.move_to_end(key)
                return found
        derived = self.segmenter.with_words(glossary.user_words, key=key)
        with self._lock:
            self._derived[key] = derived
            while len(self._derived) > _SEGMENTERS_KEPT:
                self._derived.popitem(last=False)
        return derived

    # -- pinyin ---------------------------------------------------------------------------
    @property
    def pinyin(self) -> PinyinReader:
        """The pinyin reader (g2p model, overrides), sharing the base segmenter."""
        if self._pinyin is None:
            with self._lock:
                if self._pinyin is None:
                    from reader.annotate.pinyin import PinyinReader

                    self._pinyin = PinyinReader(
                        segmenter=self.segmenter, dictionary=self.dictionary
                    )
        return self._pinyin

    # -- dictionary -----------------------------------------------------------------------
    @property
    def dictionary(self) -> Dictionary:
        """CC-CEDICT (its index in this cache dir, built on first look-up).

        With no cache dir of their own, resources read the default instance, which the
        glossary's and the gloss's dictionary questions also ask: one index in the process
        (each index maps its table: ~20 MB resident)."""
        if self._dictionary is None:
            with self._lock:
                if self._dictionary is None:
                    from reader.annotate.dictionary import Dictionary, default_dictionary

                    self._dictionary = (
                        Dictionary(self._cache_dir)
                        if self._cache_dir is not None
                        else default_dictionary()
                    )
        return self._dictionary

    # -- names ----------------------------------------------------------------------------
    @property
    def recogniser(self) -> Recogniser | None:
        """The default name recogniser, or None when disabled or its weights are missing."""
        return self.recogniser_for(NameModel.ACCURATE)

    def recogniser_for(self, model: NameModel) -> Recogniser | None:
        """The trained recogniser ``model`` names, built once; None when disabled or its
        weights are missing (then the rule-based decision remains)."""
        if self._given is not None:
            return self._given
        if not self.use_recogniser:
            return None
        with self._lock:
            if model not in self._recognisers:
                self._recognisers[model] = self._load_recogniser(model)
            return self._recognisers[model]

    def _load_recogniser(self, model: NameModel) -> NameRecogniser | None:
        weights = paths.package_data(_WEIGHTS[model])
        try:
            from reader.annotate.names_model import NameRecogniser
        except ImportError:  # python-crfsuite missing: the rule-based decision remains
            return None
        if not weights.is_file():
            return None
        return NameRecogniser(weights, segmenter=self.segmenter, cache_dir=self.cache_dir)

    # -- translation cache ----------------------------------------------------------------
    @property
    def translation_cache(self) -> TranslationCache:
        """The translation cache file in this cache dir, one handle per file (connected on
        first use; ``open()`` connects it early, e.g. while the model loads). User data: it
        follows the cache dir when that moves, the read-only tables need not."""
        from reader.translate.cache import CACHE_FILE, TranslationCache

        path = self.cache_dir / CACHE_FILE
        with self._lock:
            if self._translation_cache is None or self._translation_cache.path != path:
                self._translation_cache = TranslationCache(path)
            return self._translation_cache

    # -- glossaries -----------------------------------------------------------------------
    def parse_glossary_file(self, path: str | os.PathLike[str]) -> ParsedFile:
        """Parse ``path`` once per change (stat key); raises ReaderError if unreadable."""
        from reader.glossary.format import read_glossary_file

        p = Path(path)
        try:
            st = p.stat()
        except OSError:
            return read_glossary_file(p)  # raises the one-line error
        key = (st.st_mtime_ns, st.st_size, st.st_ino)
        with self._lock:
            cached = self._parsed.get(str(p))
        if cached is not None and cached[0] == key:
            return cached[1]
        parsed = read_glossary_file(p)
        with self._lock:
            self._parsed[str(p)] = (key, parsed)
        return parsed

    def glossary(
        self,
        extra_files: Sequence[str | os.PathLike[str]] = (),
        use_default: bool = True,
        use_user: bool = True,
    ) -> Glossary:
        """Shipped glossaries, the user glossary, then ``extra_files``; rebuilt when a file changes.

        The built glossary is also kept in the cache dir (one file per set of glossary
        files), stamped with each file's size, mtime and content hash, the rules, the fold's
        tables and the code it was built with (:func:`_glossary_stamp`): a start unpickles
        it (~15 ms: its entries as columns, reader.glossary.entry_table) instead of parsing
        9,000 entries again (~0.2 s). A stale, damaged or foreign file is rebuilt; an
        unwritable cache dir only costs speed.
        """
        from reader.glossary.store import layer_files

        files = layer_files(extra_files, use_default, use_user)
        try:
            stamp = _glossary_stamp(files)
        except OSError:  # a missing or unreadable file: parsing says what is wrong
            return self._build_glossary(files)
        with self._lock:
            found = self._glossaries.get(stamp)
            if found is not None:
                self._glossaries.move_to_end(stamp)
                return found
        glossary = self._cached_glossary(files, stamp)
        with self._lock:
            self._glossaries[stamp] = glossary
            while len(self._glossaries) > _GLOSSARIES_KEPT:
                self._glossaries.popitem(last=False)
        return glossary

    def _build_glossary(self, files: Sequence[Path]) -> Glossary:
        from reader.glossary.store import Glossary

        glossary = Glossary([self.parse_glossary_file(f) for f in files])
        glossary.fingerprint  # noqa: B018 - computed now, so a cached copy keeps it
        return glossary

    def _cached_glossary(self, files: Sequence[Path], stamp: tuple[object, ...]) -> Glossary:
        from reader.fsutil import cached_pickle
        from reader.glossary.store import Glossary

        names = "\n".join(str(f.resolve()) for f in files).encode("utf-8")
        cache = (
            self.cache_dir / f"glossary-{hashlib.blake2b(names, digest_size=8).hexdigest()}.pickle"
        )
        return cached_pickle(
            cache,
            stamp,
            lambda: self._build_glossary(files),
            accept=lambda found: isinstance(found, Glossary),  # a foreign object: rebuilt
        )


def _glossary_stamp(files: Sequence[Path]) -> tuple[object, ...]:
    """What a built glossary depends on: each file's size, mtime and content, the rules,
    the files the fold's tables come from (a term's folded key) and the code that parses
    and builds it (so an edit to that code cannot meet a glossary built by the old one,
    even when GLOSSARY_CACHE_VERSION was not bumped)."""
    from reader.annotate.fold import table_sources
    from reader.glossary.context import get_rules
    from reader.glossary.store import GLOSSARY_CACHE_VERSION, PERSON_CONTEXT_FILE

    parts: list[object] = [GLOSSARY_CACHE_VERSION, get_rules().digest]
    for path in [*files, paths.package_data(PERSON_CONTEXT_FILE)]:
        st = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        parts.append((str(path), st.st_size, st.st_mtime_ns, digest))
    for path in table_sources():
        st = path.stat()
        parts.append((str(path), st.st_size, st.st_mtime_ns))
    code = hashlib.sha256()
    for name in _GLOSSARY_CODE:
        code.update(Path(importlib.import_module(name).__file__ or "").read_bytes())
    parts.append(code.hexdigest())
    return tuple(parts)


# the modules whose code decides what a built glossary holds (parsing, layering, folding,
# the matcher and the entry table that are pickled with it)
_GLOSSARY_CODE = (
    "reader.glossary.format",
    "reader.glossary.store",
    "reader.glossary.entry_table",
    "reader.glossary.match",
    "reader.annotate.fold",
)


_default: Resources | None = None
_default_lock = threading.Lock()


def default_resources() -> Resources:
    """A shared default instance for callers that pass none (like ``jieba.dt``)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Resources()
    return _default
