"""The MT engine: an Argos package's CTranslate2 model and SentencePiece model, used directly.

argostranslate's own ``translate()`` splits sentences with a sentence splitter that may
download a model on first use, joins the hypotheses of a paragraph into one string and
calls CTranslate2 once per paragraph, on one worker. We take the project's own sentences
and decode many of them per ``translate_batch`` call, one worker per core, with the same
tokenizer and model config:

- CTranslate2 reads the package's ``model/config.json`` itself: ``add_source_eos`` makes it
  append ``</s>`` to every source (appending it by hand as well would double it) and
  ``decoder_start_token`` is applied by the runtime. argostranslate passes no target prefix
  unless the metadata has ``target_prefix``; we do the same.
- Output pieces are joined and the SentencePiece space marker turned into spaces, as
  argostranslate's tokenizer does (the package's SentencePiece model is the source side,
  so target pieces are mostly unknown to it and decode literally).

Everything heavy loads lazily, once, under a lock; a Translator is safe to share.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Protocol

from reader.translate.packages import ArgosPackage

if TYPE_CHECKING:
    import ctranslate2
    import sentencepiece

SP_SPACE = "\u2581"


@dataclass(frozen=True)
class DecodeOptions:
    """Decoding settings; part of the cache key (changing them re-translates)."""

    beam_size: int = 2  # argostranslate uses 4; 2 is ~2x faster at nearly the same quality
    # Repair pieces (the short text between names) are decoded greedily: beam search buys
    # little on a few words, and repairs must not double the cost of a sentence.
    fragment_beam_size: int = 1
    length_penalty: float = 0.2  # argostranslate's value for its packages
    # Loops (argos #422/#444): forbid repeating any 4-token sequence; loops.py collapses the rest.
    no_repeat_ngram_size: int = 4
    repetition_penalty: float = 1.0
    length_ratio: float = 2.0  # max target tokens per source token (+ length_extra)
    length_extra: int = 10
    max_decoding_length: int = 400
    max_source_tokens: int = 150  # longer sentences are split at clause boundaries
    max_batch_size: int = 32  # examples per CTranslate2 batch (it sorts by length itself)
    # Sources are grouped by token length rounded up to this; the length cap comes from the
    # group, never from whichever long sentence shares the batch, so a sentence's output
    # does not depend on its neighbours (a batch-wide cap made re-runs differ).
    length_bucket: int = 16
    # Benchmarks only: force every output to this many target tokens per source token of
    # the longest source in its length group (min = max decoding length; one call decodes
    # one group), so two decoders are compared doing the same work. A real model stops each
    # output at its own end; a one-sentence call is forced to ratio x its own tokens.
    forced_length_ratio: float = 0.0

    def fingerprint(self) -> str:
        raw = json.dumps(asdict(self), sort_keys=True)
        return hashlib.sha256(raw.encode()).hexdigest()[:12]


class MTBackend(Protocol):
    """What the article translator needs from a model (a fake one is enough in tests)."""

    model_id: str
    source_code: str  # "zh" (Simplified input) or "zt" (Traditional input)
    max_source_tokens: int

    def count_tokens(self, text: str) -> int: ...

    def translate(self, texts: Sequence[str], fragments: bool = False) -> list[str]:
        """One output per input, in order; ``fragments``: short pieces between names."""
        ...


def model_fingerprint(pkg: ArgosPackage) -> str:
    """A cheap content fingerprint: metadata, config, sizes and the ends of model.bin.

    Two packages with the same name and version (say the real one and a random-weights
    test copy) must not share cached translations, but hashing 100 MB per start is slow.
    """
    digest = hashlib.sha256()
    for name in ("metadata.json", "model/config.json"):
        try:
            digest.update((pkg.path / name).read_bytes())
        except OSError:
            pass
    for name in ("sentencepiece.model", "model/shared_vocabulary.json"):
        try:
            digest.update(str((pkg.path / name).stat().st_size).encode())
        except OSError:
            pass
    model_bin = pkg.model_dir / "model.bin"
    size = model_bin.stat().st_size
    digest.update(str(size).encode())
    with open(model_bin, "rb") as fh:
        digest.update(fh.read(1 << 20))
        if size > 2 << 20:
            fh.seek(-(1 << 20), os.SEEK_END)
            digest.update(fh.read())
    return digest.hexdigest()[:10]


def _default_threads() -> int:
    """Decoding workers: every core, at most 4 (CTranslate2's own default thread count).

    Each worker is a CTranslate2 replica with one intra-op thread (``inter_threads`` =
    this, ``intra_threads=1``; the replicas share the weights), and ``translate`` hands
    them its length groups at once. On 2 cores, 40 sentences at beam 4: 4.1-4.3 s and
    7.1 s CPU, against 7.2-8.2 s and 9.4-10.7 s CPU for one replica with 2 intra-op
    threads (decoding steps on small batches are too short to share well between
    threads) and 7.2-7.5 s for one replica with one thread.
    """
    return max(1, min(4, os.cpu_count() or 1))


def decode_jobs(groups: dict[int, list[int]], workers: int) -> list[tuple[int, list[int]]]:
    """The ``(bucket, indices)`` batches to decode for length ``groups``, biggest first.

    A group is cut into as many parts as it holds workers' shares of the call's work
    (sources x bucket; rounded), so one worker does not decode a big group alone while
    the others idle: on 2 cores, the first screen's 4 sentences decode as 2 + 2, and a
    group of 30 beside 2 longer sentences as 15 + 15. A group under 3/4 of the work stays
    whole: cutting costs CPU (smaller batches; cutting every group in two took 8.2-9.5 s
    CPU instead of 7.1-8.4 s for 40 sentences), and the biggest-first order balances the rest.
    """
    total = sum(bucket * len(order) for bucket, order in groups.items())
    out: list[tuple[int, list[int]]] = []
    for bucket in sorted(groups):
        order = groups[bucket]
        parts = max(1, min(len(order), round(bucket * len(order) * workers / total)))
        size = -(-len(order) // parts)
        out += [(bucket, order[i : i + size]) for i in range(0, len(order), size)]
    return sorted(out, key=lambda job: -job[0] * len(job[1]))


class Translator:
    """One Argos package, loaded on first use; ``translate`` decodes a batch on every core."""

    def __init__(self, package: ArgosPackage, options: DecodeOptions | None = None) -> None:
        self.package = package
        self.options = options or DecodeOptions()
        self.source_code = package.from_code
        self.max_source_tokens = self.options.max_source_tokens
        self.model_id = f"{package.name}@{model_fingerprint(package)}"
        self.settings_id = self.options.fingerprint()  # joins model_id in cache keys
        self._lock = threading.Lock()
        self._model: ctranslate2.Translator | None = None
        self._sp: sentencepiece.SentencePieceProcessor | None = None
        self._target_prefix = ""
        self.workers = _default_threads()

    def __repr__(self) -> str:
        return f"Translator({self.model_id}, {self.package.path})"

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def _tokenizer(self) -> sentencepiece.SentencePieceProcessor:
        if self._sp is None:
            with self._lock:
                if self._sp is None:
                    import sentencepiece

                    self._sp = sentencepiece.SentencePieceProcessor(
                        model_file=str(self.package.sentencepiece_model)
                    )
        return self._sp

    def load(self) -> ctranslate2.Translator:
        """Load the CTranslate2 model now (e.g. from a background thread)."""
        if self._model is None:
            self._tokenizer()
            with self._lock:
                if self._model is None:
                    ctranslate2 = _import_ctranslate2()
                    meta = json.loads((self.package.path / "metadata.json").read_text("utf-8"))
                    self._target_prefix = str(meta.get("target_prefix") or "")
                    self._model = ctranslate2.Translator(
                        str(self.package.model_dir),
                        device="cpu",
                        compute_type="int8" if _int8_supported() else "auto",
                        inter_threads=self.workers,
                        intra_threads=1,
                    )
        return self._model

    def tokenize(self, text: str) -> list[str]:
        return list(self._tokenizer().encode(text, out_type=str))

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer().encode(text))

    def detokenize(self, pieces: Sequence[str]) -> str:
        text = self._tokenizer().decode_pieces(list(pieces)).replace(SP_SPACE, " ")
        if self._target_prefix and text.startswith(self._target_prefix):
            text = text[len(self._target_prefix) :]
        return text.strip()

    def translate(self, texts: Sequence[str], fragments: bool = False) -> list[str]:
        """Translate ``texts`` (already cut to at most ``max_source_tokens``).

        Sources are grouped by length; every group (a dominant one cut in parts, see
        :func:`decode_jobs`) is handed to the model at once and the workers decode them in
        parallel. Each text's output depends only on the text, its group's length limits
        and the settings, never on which part or worker decoded it.
        """
        if not texts:
            return []
        model = self.load()
        sources = self._tokenizer().encode(list(texts), out_type=str)  # one call per batch
        groups: dict[int, list[int]] = {}
        for i, src in enumerate(sources):
            groups.setdefault(self.bucket(len(src)), []).append(i)
        pending = []
        for bucket, order in decode_jobs(groups, self.workers):
            longest = max(len(sources[i]) for i in groups[bucket])  # the whole group's
            kwargs = self.decode_kwargs(bucket, len(order), fragments, longest)
            pending.append(
                (
                    order,
                    model.translate_batch([sources[i] for i in order], asynchronous=True, **kwargs),
                )
            )
        outputs: list[str] = [""] * len(texts)
        for order, results in pending:
            for i, result in zip(order, results, strict=True):
                outputs[i] = self.detokenize(result.result().hypotheses[0])
        return outputs

    def forced_length(self, longest: int) -> int:
        """Benchmarks: the forced output length of a group whose longest source has
        ``longest`` tokens."""
        return max(1, round(longest * self.options.forced_length_ratio))

    def group_forced_lengths(self, texts: Sequence[str]) -> list[int]:
        """Benchmarks: the forced output length of each text when ``texts`` are one
        ``translate`` call (the same grouping as :meth:`translate`)."""
        counts = [self.count_tokens(t) for t in texts]
        longest: dict[int, int] = {}
        for n in counts:
            b = self.bucket(n)
            longest[b] = max(longest.get(b, 0), n)
        return [self.forced_length(longest[self.bucket(n)]) for n in counts]

    def bucket(self, source_tokens: int) -> int:
        step = max(1, self.options.length_bucket)
        return -(-max(1, source_tokens) // step) * step

    def decode_kwargs(
        self, bucket: int, count: int, fragments: bool = False, longest: int | None = None
    ) -> dict[str, Any]:
        """``translate_batch`` settings for ``count`` sources of (bucketed) length ``bucket``,
        the longest ``longest`` tokens (only forced lengths use it; default: ``bucket``)."""
        opts = self.options
        limit = min(opts.max_decoding_length, int(bucket * opts.length_ratio) + opts.length_extra)
        kwargs: dict[str, Any] = {
            "max_batch_size": opts.max_batch_size,
            "beam_size": opts.fragment_beam_size if fragments else opts.beam_size,
            "length_penalty": opts.length_penalty,
            "no_repeat_ngram_size": opts.no_repeat_ngram_size,
            "repetition_penalty": opts.repetition_penalty,
            "max_decoding_length": limit,
            "replace_unknowns": True,
            # Beam search / greedy only, never sampling (CTranslate2's default, stated so
            # that a changed default cannot make two runs differ).
            "sampling_topk": 1,
        }
        if opts.forced_length_ratio > 0:
            forced = self.forced_length(bucket if longest is None else longest)
            kwargs["min_decoding_length"] = kwargs["max_decoding_length"] = forced
        if self._target_prefix:
            kwargs["target_prefix"] = [[self._target_prefix]] * count
        return kwargs


def _import_ctranslate2() -> Any:
    """CTranslate2, with its OpenMP threads set to sleep when idle (unless the user chose).

    libgomp reads OMP_WAIT_POLICY once, when CTranslate2 loads it. By default idle OpenMP
    threads spin; a model loaded in a thread that then ends (the reader loads it in the
    background while the article is annotated) left every later decode about 10x slower
    on 2 cores: 4 sentences in 26-33 s instead of 3 s, in any thread. Sleeping threads:
    2.5-3 s, the same as loading and decoding in one thread.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import ctranslate2

    return ctranslate2


def _int8_supported() -> bool:
    ctranslate2 = _import_ctranslate2()
    return "int8" in ctranslate2.get_supported_compute_types("cpu")


_translators: dict[str, Translator] = {}
_translators_lock = threading.Lock()
SOURCE_CODES = ("zh", "zt")  # Argos codes: Simplified, Traditional Chinese


def load_translator(model: str | None = None, *, traditional: bool = False) -> Translator | None:
    """The translator for ``--model`` (dir or .argosmodel), else the installed zh→en package.

    With ``traditional`` a zt→en package is preferred when one is installed (there is
    none in the Argos index today; Traditional text is converted to Simplified instead).
    None when nothing is installed and no model was given. Loaded models are reused.
    """
    from reader.errors import ReaderError
    from reader.translate.packages import find_package, resolve_model

    if model:
        pkg = resolve_model(model)
    else:
        found = find_package("zt", "en") if traditional else None
        found = found or find_package("zh", "en")
        if found is None:
            return None
        pkg = found
    if pkg.from_code not in SOURCE_CODES or pkg.to_code != "en":
        raise ReaderError(
            f"{pkg.path}: a {pkg.pair} package; reader needs a zh→en (or zt→en) model"
        )
    stat = (pkg.model_dir / "model.bin").stat()
    key = f"{pkg.path.resolve()}:{stat.st_mtime_ns}:{stat.st_size}"  # a reinstall reloads
    with _translators_lock:
        translator = _translators.get(key)
        if translator is None:
            translator = _translators[key] = Translator(pkg)
    return translator
