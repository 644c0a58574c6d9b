"""Translate a whole Article: cache first, then batched MT with protected names, then repair.

Per sentence: a cached translation is used as is; a sentence with no Chinese is copied;
the rest is cut at clause boundaries when too long, masked (glossary names → English),
and every distinct model input of the article is decoded in batches sorted by length.
Inputs whose names did not come back intact are repaired in one more batched round: the
text between the names is translated on its own and joined with the renderings.
Finished sentences go to the cache batch by batch, so a cancelled run keeps its work.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace

from reader.model import Article, Sentence, Translation
from reader.translate import protect
from reader.translate.cache import CachedTranslation, TranslationCache, cache_key
from reader.translate.clauses import split_clauses
from reader.translate.engine import MTBackend
from reader.translate.gloss import gloss_sentence, gloss_text
from reader.translate.loops import collapse_repeats

Progress = Callable[[int, int], None]
BATCH = 32  # model inputs per progress step / cancellation check


@dataclass
class TranslateStats:
    sentences: int = 0
    sent_to_model: int = 0  # sentences that needed the model this run
    from_cache: int = 0
    repaired: int = 0  # sentences whose names were repaired (this run or when cached)
    glossed: int = 0  # sentences glossed (no model, or the model returned nothing)
    copied: int = 0  # sentences without Chinese, copied through
    model_inputs: int = 0  # distinct texts decoded (segments + repair pieces)
    loops_collapsed: int = 0
    cancelled: bool = False
    seconds: float = 0.0
    model: str | None = None

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class _Job:
    sentence: Sentence
    key: str
    segments: list[protect.Segment] = field(default_factory=list)
    results: list[str | None] = field(default_factory=list)  # final text per segment
    pending_repair: set[int] = field(default_factory=set)
    repaired: bool = False
    mt_parts: int = 0  # parts of the result that came from the model
    glossed_parts: int = 0  # parts the model returned nothing for, glossed instead

    @property
    def applied(self) -> tuple[str, ...]:
        return tuple(r for seg in self.segments for r in seg.applied)

    @property
    def done(self) -> bool:
        return all(r is not None for r in self.results)

    def results_text(self) -> str:
        return protect.tidy(" ".join(r or "" for r in self.results))


def sentence_terms(sentence: Sentence) -> list[protect.Term]:
    """The sentence's glossary/auto hits as sorted, non-overlapping spans relative to it."""
    hits = {(h.start, h.end): h for h in sentence.glossary_hits}
    terms: list[protect.Term] = []
    cursor = 0
    for (start, end), hit in sorted(hits.items()):
        a, b = start - sentence.start, end - sentence.start
        if a < cursor or b > len(sentence.text) or a >= b or not hit.en.strip() or not hit.forced:
            continue  # an unsure name (not forced) is left to the translator
        terms.append(protect.Term(a, b, hit.en.strip()))
        cursor = b
    return protect.with_source_copies(sentence.text, terms)


def _to_simplified(text: str) -> str:
    from reader.annotate.script import convert

    return convert(text, "t2s")


def translate_article(
    article: Article,
    translator: MTBackend | None = None,
    cache: TranslationCache | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> tuple[Article, TranslateStats]:
    """Fill every sentence's translation; ``translator=None`` glosses (no model installed).

    ``cache=None`` uses the shared cache file in the user cache dir. On ``cancel`` the
    sentences finished so far are returned (others keep ``translation=None``) and
    ``stats.cancelled`` is set.
    """
    began = time.perf_counter()
    if translator is None:
        article, stats = _gloss_article(article, progress, cancel)
    else:
        run = _Run(
            article, translator, cache if cache is not None else _shared_cache(), progress, cancel
        )
        article, stats = run.execute()
    stats.seconds = round(time.perf_counter() - began, 3)
    return article, stats


_cache_lock = threading.Lock()
_cache: TranslationCache | None = None


def _shared_cache() -> TranslationCache:
    global _cache
    with _cache_lock:
        if _cache is None or _cache.path != TranslationCache().path:
            _cache = TranslationCache()
        return _cache


def _gloss_article(
    article: Article, progress: Progress | None, cancel: threading.Event | None
) -> tuple[Article, TranslateStats]:
    sentences = list(article.sentences())
    stats = TranslateStats(sentences=len(sentences))
    done: dict[int, Sentence] = {}
    for i, sentence in enumerate(sentences):
        if cancel is not None and cancel.is_set():
            stats.cancelled = True
            break
        text, applied = gloss_sentence(sentence)
        done[sentence.index] = replace(
            sentence, translation=Translation(text, "gloss", glossary_applied=applied)
        )
        stats.glossed += 1
        if progress is not None and (i + 1) % BATCH == 0:
            progress(i + 1, len(sentences))
    if progress is not None and not stats.cancelled:
        progress(len(sentences), len(sentences))
    return replace(article.with_sentences(done), model=None), stats


class _Run:
    def __init__(
        self,
        article: Article,
        translator: MTBackend,
        cache: TranslationCache,
        progress: Progress | None,
        cancel: threading.Event | None,
    ) -> None:
        self.article = article
        self.tr = translator
        self.cache = cache
        self.progress = progress
        self.cancel = cancel
        self.stats = TranslateStats(model=translator.model_id)
        self.memo: dict[str, str] = {}  # model input → output, shared by both rounds
        self.finished: dict[int, Sentence] = {}
        self.to_cache: list[tuple[str, CachedTranslation]] = []
        convert_needed = translator.source_code == "zh" and article.script != "simplified"
        self.convert: Callable[[str], str] | None = _to_simplified if convert_needed else None
        settings = getattr(translator, "settings_id", "")
        self.key_prefix = (
            protect.PROTECTION_VERSION,
            translator.model_id,
            settings,
            bool(self.convert),
        )

    # -- plan -----------------------------------------------------------------------------

    def _key(self, sentence: Sentence, terms: Sequence[protect.Term]) -> str:
        spans = [(t.start, t.end, t.en) for t in terms if t.applied]
        return cache_key(*self.key_prefix, sentence.text, spans)

    def _plan(self, sentence: Sentence, terms: list[protect.Term]) -> list[protect.Segment]:
        protected = [(t.start, t.end) for t in terms]
        spans = split_clauses(
            sentence.text, self.tr.max_source_tokens, self.tr.count_tokens, protected
        )
        segments = []
        for a, b in spans:
            inner = [
                replace(t, start=t.start - a, end=t.end - a)
                for t in terms
                if a <= t.start and t.end <= b
            ]
            segments.append(protect.build_segment(sentence.text[a:b], inner, self.convert))
        return segments

    # -- run ------------------------------------------------------------------------------

    def execute(self) -> tuple[Article, TranslateStats]:
        sentences = list(self.article.sentences())
        self.total = len(sentences)
        self.stats.sentences = self.total
        planned: list[tuple[Sentence, list[protect.Term], str]] = []
        for sentence in sentences:
            terms = sentence_terms(sentence)
            if not protect.has_han(sentence.text):
                seg = protect.build_segment(sentence.text, terms)
                text = protect.tidy(seg.masked.translate(protect.PUNCTUATION)) or sentence.text
                self._finish_sentence(sentence, Translation(text, "mt", seg.applied))
                self.stats.copied += 1
                continue
            planned.append((sentence, terms, self._key(sentence, terms)))

        cached = self.cache.get_many([key for *_, key in planned])
        jobs: list[_Job] = []
        for sentence, terms, key in planned:
            hit = cached.get(key)
            if hit is not None:
                self._finish_sentence(
                    sentence,
                    Translation(
                        hit.text,
                        "gloss" if hit.method == "gloss" else "mt",
                        hit.glossary_applied,
                        hit.repaired,
                        from_cache=True,
                    ),
                )
                self.stats.from_cache += 1
                self.stats.repaired += hit.repaired
                continue
            job = _Job(sentence, key)
            job.segments = self._plan(sentence, terms)
            # Segments whose Chinese is all inside names ("阿里巴巴（Alibaba）") need no model.
            job.results = [
                None
                if protect.has_han(seg.masked)
                else protect.tidy(seg.masked.translate(protect.PUNCTUATION))
                for seg in job.segments
            ]
            if job.done:
                self._finish_sentence(sentence, Translation(job.results_text(), "mt", job.applied))
                self.stats.copied += 1
                continue
            jobs.append(job)
        self.stats.sent_to_model = len(jobs)
        self._report()

        if jobs:
            self._first_round(jobs)
        if jobs and not self._cancelled():
            self._repair_round(jobs)
        self._flush()
        if self.progress is not None and not self.stats.cancelled:
            self.progress(self.total, self.total)
        article = replace(self.article.with_sentences(self.finished), model=self.tr.model_id)
        return article, self.stats

    def _cancelled(self) -> bool:
        if self.cancel is not None and self.cancel.is_set():
            self.stats.cancelled = True
        return self.stats.cancelled

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(len(self.finished), self.total)

    def _decode(
        self, texts: list[str], after_batch: Callable[[], None], fragments: bool = False
    ) -> bool:
        """Translate the distinct ``texts`` not yet memoised, shortest first, in batches."""
        todo = sorted({t for t in texts if t not in self.memo}, key=len)
        for i in range(0, len(todo), BATCH):
            if self._cancelled():
                return False
            chunk = todo[i : i + BATCH]
            outputs = self.tr.translate(chunk, fragments=fragments)
            self.stats.model_inputs += len(chunk)
            for src, out in zip(chunk, outputs, strict=True):
                cleaned, looped = collapse_repeats(out)
                self.stats.loops_collapsed += looped
                self.memo[src] = protect.tidy(cleaned.translate(protect.PUNCTUATION))
            after_batch()
        return True

    def _first_round(self, jobs: list[_Job]) -> None:
        def settle() -> None:
            for job in jobs:
                if job.sentence.index in self.finished:
                    continue
                for i, seg in enumerate(job.segments):
                    if job.results[i] is not None or i in job.pending_repair:
                        continue
                    out = self.memo.get(seg.masked)
                    if out is None:
                        continue
                    if out and protect.verify(out, seg):
                        job.results[i] = out
                        job.mt_parts += 1
                    else:
                        job.pending_repair.add(i)
                if job.done:
                    self._finish_job(job)
            self._flush()
            self._report()

        self._decode([seg.masked for job in jobs for seg in job.segments], settle)

    def _repair_round(self, jobs: list[_Job]) -> None:
        waiting = [
            job for job in jobs if job.pending_repair and job.sentence.index not in self.finished
        ]
        texts = [
            piece
            for job in waiting
            for i in job.pending_repair
            for piece in job.segments[i].pieces
            if protect.local_piece(piece) is None
        ]

        def settle() -> None:
            for job in waiting:
                if job.sentence.index in self.finished:
                    continue
                for i in sorted(job.pending_repair):
                    outs = [self._piece_output(p) for p in job.segments[i].pieces]
                    if any(o is None for o in outs):
                        continue
                    texts = [text for text, _ in outs]  # type: ignore[misc]
                    kinds = [kind for _, kind in outs]  # type: ignore[misc]
                    job.mt_parts += kinds.count("mt")
                    job.glossed_parts += kinds.count("gloss")
                    job.results[i] = protect.assemble(texts, job.segments[i])
                    job.pending_repair.discard(i)
                    job.repaired = True
                if job.done:
                    self._finish_job(job)
            self._flush()
            self._report()

        self._decode(texts, settle, fragments=True)
        settle()  # jobs whose repair needed no model call at all

    def _piece_output(self, piece: str) -> tuple[str, str] | None:
        """(English, how it was made: "local" | "mt" | "gloss") or None while still queued."""
        local = protect.local_piece(piece)
        if local is not None:
            return local, "local"
        out = self.memo.get(piece)
        if out is None:
            return None
        if not out.strip():
            return gloss_text(piece), "gloss"  # the model gave nothing back
        return out, "mt"

    # -- results --------------------------------------------------------------------------

    def _finish_job(self, job: _Job) -> None:
        text = job.results_text()
        glossed = job.glossed_parts > 0
        if not text:
            text = gloss_sentence(job.sentence)[0]
            glossed = True
        only_gloss = glossed and job.mt_parts == 0
        translation = Translation(
            text,
            "gloss" if only_gloss else "mt",
            glossary_applied=job.applied,
            repaired=job.repaired or (glossed and not only_gloss),
        )
        self.stats.repaired += translation.repaired
        self.stats.glossed += glossed
        self._finish_sentence(job.sentence, translation)
        cached = CachedTranslation(
            translation.text, translation.method, translation.glossary_applied, translation.repaired
        )
        self.to_cache.append((job.key, cached))

    def _finish_sentence(self, sentence: Sentence, translation: Translation) -> None:
        self.finished[sentence.index] = replace(sentence, translation=translation)

    def _flush(self) -> None:
        if self.to_cache:
            self.cache.put_many(self.to_cache, model=self.tr.model_id)
            self.to_cache = []


def translate_sentences(
    article: Article,
    indices: Sequence[int],
    translator: MTBackend | None,
    cache: TranslationCache | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> tuple[dict[int, Translation], TranslateStats]:
    """Translations of the sentences at ``indices`` (article positions), by index.

    The one translation path: the CLI and the exports translate every index, the TUI
    the chunks nearest the reader first. Sentences not finished (cancelled, or glossed
    to nothing) are missing from the result.
    """
    from reader.model import Paragraph

    wanted = set(indices)
    chosen = tuple(s for s in article.sentences() if s.index in wanted)
    if not chosen:
        return {}, TranslateStats()
    # The run works on an article; these sentences form one paragraph of it (their
    # offsets still point into the article's text, which is what the cache keys use).
    sub = replace(article, paragraphs=(Paragraph(0, chosen[0].start, chosen[-1].end, "p", chosen),))
    out, stats = translate_article(sub, translator, cache, progress, cancel)
    done = {s.index: s.translation for s in out.sentences() if s.translation is not None}
    return done, stats
