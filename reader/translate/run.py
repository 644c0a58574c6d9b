"""Translate a whole Article: cache first, then batched MT with protected names, then repair.

Per sentence: a cached translation is used as is; a sentence with no Chinese is copied
(method ``copied``); the rest is cut at clause boundaries when too long, masked (glossary
names → English), and every distinct model input of the article is decoded in batches
sorted by length. A name that did not come back intact is repaired as gently as possible:

1. fixed in place inside the model's sentence (case, spacing, hyphens, a doubled or dropped
   word, pinyin, Chinese left as is: ``namefix``) → ``mt+name-fixed``;
2. else the segment is decoded again with placeholders for the names, put back after
   → ``mt+name-fixed``;
3. else clause by clause: clauses without a lost name are translated whole, the clause
   holding it piece by piece around the name → ``mt+pieces``.

Each stage runs as one more batched round over all the sentences that need it. Finished
sentences go to the cache batch by batch, so a cancelled run keeps its work.

This module plans and orchestrates; ``batches`` decodes (memo, batching by length) and
``repair`` verifies and repairs names stage by stage.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace

from reader.model import Article, Sentence, Translation
from reader.translate import protect
from reader.translate.batches import BATCH, FIRST_BATCH, Decoder
from reader.translate.cache import CachedTranslation, TranslationCache, cache_key
from reader.translate.clauses import split_clauses
from reader.translate.engine import MTBackend
from reader.translate.gloss import gloss_sentence
from reader.translate.namefix import NameVariants, placeholder_masked
from reader.translate.repair import MASKED, Job, Repairer
from reader.translation_method import TranslationMethod, coerce_method

Progress = Callable[[int, int], None]


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
    methods: dict[str, int] = field(default_factory=dict)  # sentences per method
    cancelled: bool = False
    seconds: float = 0.0
    model: str | None = None

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def name_variants(sentence: Sentence, terms: Sequence[protect.Term]) -> tuple[NameVariants, ...]:
    """Each protected name's English, Chinese and pinyin (token readings, else pypinyin)."""
    out: dict[str, NameVariants] = {}
    for term in terms:
        if not term.applied or term.en in out:
            continue
        zh = sentence.text[term.start : term.end]
        a, b = sentence.start + term.start, sentence.start + term.end
        readings = [
            r
            for tok in sentence.tokens
            if a <= tok.start and tok.end <= b
            for r in tok.readings
            if r is not None
        ]
        if readings:
            syllables = tuple(r.rstrip("012345").replace("v", "u") for r in readings)
        else:
            from pypinyin import lazy_pinyin

            syllables = tuple(s for s in lazy_pinyin(zh) if s.isalpha())
        converted = "".join(
            tok.converted for tok in sentence.tokens if a <= tok.start and tok.end <= b
        )
        forms = tuple(dict.fromkeys(f for f in (zh, converted) if f))
        out[term.en] = NameVariants(term.en, forms, syllables)
    return tuple(out.values())


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
    eager_repair: bool = False,
) -> tuple[Article, TranslateStats]:
    """Fill every sentence's translation; ``translator=None`` glosses (no model installed).

    ``cache=None`` opens the cache file in the user cache dir for this call (the CLI and
    the TUI pass the one their resources own, opened once). On ``cancel`` the
    sentences finished so far are returned (others keep ``translation=None``) and
    ``stats.cancelled`` is set. ``eager_repair``: see :func:`translate_sentences`.
    """
    began = time.perf_counter()
    if translator is None:
        article, stats = _gloss_article(article, progress, cancel)
    else:
        chosen = cache if cache is not None else TranslationCache()
        run = _Run(article, translator, chosen, progress, cancel, eager_repair)
        article, stats = run.execute()
    stats.seconds = round(time.perf_counter() - began, 3)
    return article, stats


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
            sentence,
            translation=Translation(text, TranslationMethod.GLOSS, glossary_applied=applied),
        )
        stats.glossed += 1
        stats.methods["gloss"] = stats.methods.get("gloss", 0) + 1
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
        eager_repair: bool = False,
    ) -> None:
        self.article = article
        self.eager_repair = eager_repair
        self.tr = translator
        self.cache = cache
        self.progress = progress
        self.cancel = cancel
        self.stats = TranslateStats(model=translator.model_id)
        self.finished: dict[int, Sentence] = {}
        self.to_cache: list[tuple[str, CachedTranslation]] = []
        convert_needed = translator.source_code == "zh" and article.script != "simplified"
        self.convert: Callable[[str], str] | None = _to_simplified if convert_needed else None
        self.decoder = Decoder(translator, cancel)
        self.repairer = Repairer(self.decoder.memo, self.convert)
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
                self._finish_sentence(
                    sentence, Translation(text, TranslationMethod.COPIED, seg.applied)
                )
                self.stats.copied += 1
                continue
            planned.append((sentence, terms, self._key(sentence, terms)))

        cached = self.cache.get_many([key for *_, key in planned])
        jobs: list[Job] = []
        for sentence, terms, key in planned:
            hit = cached.get(key)
            if hit is not None:
                translation = Translation(
                    hit.text,
                    coerce_method(hit.method, hit.repaired),
                    hit.glossary_applied,
                    from_cache=True,
                )
                self._finish_sentence(sentence, translation)
                self.stats.from_cache += 1
                self._count(translation.method)
                continue
            job = Job(sentence, key)
            job.segments = self._plan(sentence, terms)
            job.names = name_variants(sentence, terms)
            job.stages = [MASKED] * len(job.segments)
            job.methods = [None] * len(job.segments)
            # Segments whose Chinese is all inside names ("阿里巴巴（Alibaba）") need no model.
            job.results = [
                None
                if protect.has_han(seg.masked)
                else protect.tidy(seg.masked.translate(protect.PUNCTUATION))
                for seg in job.segments
            ]
            if job.done:
                self._finish_sentence(
                    sentence,
                    Translation(job.results_text(), TranslationMethod.COPIED, job.applied),
                )
                self.stats.copied += 1
                continue
            jobs.append(job)
        self.stats.sent_to_model = len(jobs)
        self._report()

        if jobs:
            self._rounds(jobs)
        self._flush()
        self.stats.model_inputs = self.decoder.model_inputs
        self.stats.loops_collapsed = self.decoder.loops_collapsed
        self.stats.cancelled = self.decoder.cancelled
        if self.progress is not None and not self.stats.cancelled:
            self.progress(self.total, self.total)
        article = replace(self.article.with_sentences(self.finished), model=self.tr.model_id)
        return article, self.stats

    def _count(self, method: TranslationMethod) -> None:
        self.stats.methods[str(method)] = self.stats.methods.get(str(method), 0) + 1
        self.stats.repaired += method.repaired
        self.stats.glossed += method is TranslationMethod.GLOSS

    def _cancelled(self) -> bool:
        return self.decoder.is_cancelled()

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(len(self.finished), self.total)

    # -- rounds: every pending segment advances as far as the decoded texts allow ----------

    def _rounds(self, jobs: list[Job]) -> None:
        def pending() -> list[Job]:
            return [job for job in jobs if job.sentence.index not in self.finished]

        def settle() -> None:
            for job in pending():
                for i in job.pending():
                    self.repairer.advance(job, i)
                if job.done:
                    self._finish_job(job)
            self._flush()
            self._report()

        decoder = self.decoder
        first = FIRST_BATCH
        while not self._cancelled():
            normal: list[str] = []
            pieces: list[str] = []
            for job in pending():
                for i in job.pending():
                    want_normal, want_pieces = self.repairer.needs(job, i)
                    normal += want_normal
                    pieces += want_pieces
            if first and self.eager_repair:
                normal += self._placeholder_inputs(pending())
            normal = decoder.missing(normal)
            pieces = decoder.missing(pieces, fragments=True)
            if not normal and not pieces:
                settle()  # whatever needed no model call
                return
            if not decoder.decode(normal, settle, first=first):
                return
            first = 0
            if not decoder.decode(pieces, settle, fragments=True):
                return
            settle()

    @staticmethod
    def _placeholder_inputs(jobs: list[Job]) -> list[str]:
        """The second masking strategy's inputs of every segment still at its first stage:
        decoded in the first batch beside the masked texts when a reader waits for them,
        so a name the model mangles costs no second round. Each text's output does not
        depend on its batch, so the English is the same as decoded later."""
        return [
            placeholder_masked(job.segments[i])[0]
            for job in jobs
            for i in job.pending()
            if job.stages[i] == MASKED and job.segments[i].terms
        ]

    # -- results --------------------------------------------------------------------------

    def _finish_job(self, job: Job) -> None:
        text = job.results_text()
        method = job.method()
        if not text:
            text = gloss_sentence(job.sentence)[0]
            method = TranslationMethod.GLOSS
        translation = Translation(text, method, glossary_applied=job.applied)
        self._count(method)
        self._finish_sentence(job.sentence, translation)
        cached = CachedTranslation(
            translation.text, str(method), translation.glossary_applied, translation.repaired
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
    eager_repair: bool = False,
) -> tuple[dict[int, Translation], TranslateStats]:
    """Translations of the sentences at ``indices`` (article positions), by index.

    The one translation path: the CLI and the exports translate every index, the TUI
    the chunks nearest the reader first. Sentences not finished (cancelled, or glossed
    to nothing) are missing from the result. ``eager_repair`` (a reader waits for these
    few sentences): decode each name's repair input in the first batch too, trading a
    little CPU, wasted when the model keeps the names, for one round less when it does not.
    """
    from reader.model import Paragraph

    wanted = set(indices)
    chosen = tuple(s for s in article.sentences() if s.index in wanted)
    if not chosen:
        return {}, TranslateStats()
    # The run works on an article; these sentences form one paragraph of it (their
    # offsets still point into the article's text, which is what the cache keys use).
    sub = replace(article, paragraphs=(Paragraph(0, chosen[0].start, chosen[-1].end, "p", chosen),))
    out, stats = translate_article(sub, translator, cache, progress, cancel, eager_repair)
    done = {s.index: s.translation for s in out.sentences() if s.translation is not None}
    return done, stats
