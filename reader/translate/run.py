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
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace

from reader.model import Article, Sentence, Translation
from reader.translate import protect
from reader.translate.cache import CachedTranslation, TranslationCache, cache_key
from reader.translate.clauses import clause_spans, split_clauses
from reader.translate.engine import MTBackend
from reader.translate.gloss import gloss_sentence, gloss_text
from reader.translate.loops import collapse_repeats
from reader.translate.namefix import (
    NameVariants,
    fix_names,
    placeholder_masked,
    unmask_placeholders,
)
from reader.translation_method import TranslationMethod, coerce_method

Progress = Callable[[int, int], None]
BATCH = 32  # model inputs per progress step / cancellation check
FIRST_BATCH = 4  # the article's first inputs, decoded before the rest: the first screen


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


# Stages of one segment: the model's sentence (fixed in place if a name is mangled), the
# same with placeholders for the names, then clause by clause with pieces around names.
MASKED, PLACEHOLDER, CLAUSES = 0, 1, 2


@dataclass
class _Clause:
    segment: protect.Segment
    pieces: bool  # translate piece by piece around the names (else the whole clause)
    result: str | None = None
    method: TranslationMethod | None = None


@dataclass
class _Job:
    sentence: Sentence
    key: str
    segments: list[protect.Segment] = field(default_factory=list)
    results: list[str | None] = field(default_factory=list)  # final text per segment
    methods: list[TranslationMethod | None] = field(default_factory=list)  # None: no model
    stages: list[int] = field(default_factory=list)
    placeholders: dict[int, tuple[str, dict[str, str]]] = field(default_factory=dict)
    clauses: dict[int, list[_Clause]] = field(default_factory=dict)
    failed: dict[int, set[str]] = field(default_factory=dict)  # renderings the model lost
    names: tuple[NameVariants, ...] = ()

    @property
    def applied(self) -> tuple[str, ...]:
        return tuple(r for seg in self.segments for r in seg.applied)

    @property
    def done(self) -> bool:
        return all(r is not None for r in self.results)

    def results_text(self) -> str:
        return protect.tidy(" ".join(r or "" for r in self.results))

    def method(self) -> TranslationMethod:
        used = [m for m in self.methods if m is not None]
        if not used:
            return TranslationMethod.COPIED
        if all(m is TranslationMethod.GLOSS for m in used):
            return TranslationMethod.GLOSS
        if TranslationMethod.MT_PIECES in used or TranslationMethod.GLOSS in used:
            return TranslationMethod.MT_PIECES
        if TranslationMethod.MT_NAME_FIXED in used:
            return TranslationMethod.MT_NAME_FIXED
        return TranslationMethod.MT


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
    ) -> None:
        self.article = article
        self.tr = translator
        self.cache = cache
        self.progress = progress
        self.cancel = cancel
        self.stats = TranslateStats(model=translator.model_id)
        # (decoded as a fragment?, model input) → output, shared by every round
        self.memo: dict[tuple[bool, str], str] = {}
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
                self._finish_sentence(
                    sentence, Translation(text, TranslationMethod.COPIED, seg.applied)
                )
                self.stats.copied += 1
                continue
            planned.append((sentence, terms, self._key(sentence, terms)))

        cached = self.cache.get_many([key for *_, key in planned])
        jobs: list[_Job] = []
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
            job = _Job(sentence, key)
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
        if self.progress is not None and not self.stats.cancelled:
            self.progress(self.total, self.total)
        article = replace(self.article.with_sentences(self.finished), model=self.tr.model_id)
        return article, self.stats

    def _count(self, method: TranslationMethod) -> None:
        self.stats.methods[str(method)] = self.stats.methods.get(str(method), 0) + 1
        self.stats.repaired += method.repaired
        self.stats.glossed += method is TranslationMethod.GLOSS

    def _cancelled(self) -> bool:
        if self.cancel is not None and self.cancel.is_set():
            self.stats.cancelled = True
        return self.stats.cancelled

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(len(self.finished), self.total)

    def _decode(
        self,
        texts: list[str],
        after_batch: Callable[[], None],
        fragments: bool = False,
        first: int = 0,
    ) -> bool:
        """Translate the distinct ``texts`` not yet memoised, in batches of similar length.

        Sorted by (length, text), never by set order: the batches, and so the output, are
        the same from run to run (the engine's output does not depend on its batch either).
        """
        fresh = [t for t in dict.fromkeys(texts) if (fragments, t) not in self.memo]
        # The first ``first`` texts in article order go alone, so the first screen of
        # English is ready after a small batch; the rest by length, ties by text.
        head = fresh[:first]
        todo = sorted(set(fresh[first:]), key=lambda t: (len(t), t))
        chunks = [head] if head else []
        chunks += [todo[i : i + BATCH] for i in range(0, len(todo), BATCH)]
        for chunk in chunks:
            if self._cancelled():
                return False
            outputs = self.tr.translate(chunk, fragments=fragments)
            self.stats.model_inputs += len(chunk)
            for src, out in zip(chunk, outputs, strict=True):
                cleaned, looped = collapse_repeats(out)
                self.stats.loops_collapsed += looped
                self.memo[(fragments, src)] = protect.tidy(cleaned.translate(protect.PUNCTUATION))
            after_batch()
        return True

    # -- rounds: every pending segment advances as far as the decoded texts allow ----------

    def _rounds(self, jobs: list[_Job]) -> None:
        def settle() -> None:
            for job in jobs:
                if job.sentence.index in self.finished:
                    continue
                for i in range(len(job.segments)):
                    if job.results[i] is None:
                        self._advance(job, i)
                if job.done:
                    self._finish_job(job)
            self._flush()
            self._report()

        first = FIRST_BATCH
        while not self._cancelled():
            normal: list[str] = []
            pieces: list[str] = []
            for job in jobs:
                if job.sentence.index in self.finished:
                    continue
                for i in range(len(job.segments)):
                    if job.results[i] is None:
                        want_normal, want_pieces = self._needs(job, i)
                        normal += want_normal
                        pieces += want_pieces
            normal = [t for t in normal if (False, t) not in self.memo]
            pieces = [t for t in pieces if (True, t) not in self.memo]
            if not normal and not pieces:
                settle()  # whatever needed no model call
                return
            if not self._decode(normal, settle, first=first):
                return
            first = 0
            if not self._decode(pieces, settle, fragments=True):
                return
            settle()

    def _needs(self, job: _Job, i: int) -> tuple[list[str], list[str]]:
        """Model inputs segment ``i`` waits for at its stage: (whole texts, pieces)."""
        stage = job.stages[i]
        if stage == MASKED:
            return [job.segments[i].masked], []
        if stage == PLACEHOLDER:
            return [job.placeholders[i][0]], []
        normal: list[str] = []
        pieces: list[str] = []
        for clause in job.clauses[i]:
            if clause.result is not None:
                continue
            if clause.pieces:
                pieces += [p for p in clause.segment.pieces if protect.local_piece(p) is None]
            else:
                normal.append(clause.segment.masked)
        return normal, pieces

    def _advance(self, job: _Job, i: int) -> None:
        """Resolve segment ``i`` if its inputs are decoded, else move it to the next stage."""
        seg = job.segments[i]
        if job.stages[i] == MASKED:
            out = self.memo.get((False, seg.masked))
            if out is None:
                return
            want = protect.expected_counts(seg)
            if out and protect.verify(out, seg):
                job.results[i], job.methods[i] = out, TranslationMethod.MT
                return
            fixed = fix_names(out, want, job.names) if out else None
            if fixed is not None:
                job.results[i], job.methods[i] = fixed, TranslationMethod.MT_NAME_FIXED
                return
            job.failed[i] = {
                r for r, n in want.items() if protect.count_renderings(out, [r])[r] != n
            }
            if out and seg.terms:
                job.stages[i] = PLACEHOLDER
                job.placeholders[i] = placeholder_masked(seg)
            else:
                self._to_clauses(job, i)
            return self._advance(job, i)
        if job.stages[i] == PLACEHOLDER:
            text, mapping = job.placeholders[i]
            out = self.memo.get((False, text))
            if out is None:
                return
            fixed = unmask_placeholders(out, mapping) if out else None
            if fixed is not None and protect.verify(fixed, seg):
                job.results[i], job.methods[i] = fixed, TranslationMethod.MT_NAME_FIXED
                return
            self._to_clauses(job, i)
            return self._advance(job, i)
        for clause in job.clauses[i]:
            if clause.result is None:
                self._advance_clause(job, clause)
        if all(c.result is not None for c in job.clauses[i]):
            methods = [c.method for c in job.clauses[i] if c.method is not None]
            job.results[i] = protect.tidy(" ".join(c.result or "" for c in job.clauses[i]))
            if methods and all(m is TranslationMethod.GLOSS for m in methods):
                job.methods[i] = TranslationMethod.GLOSS
            else:
                job.methods[i] = TranslationMethod.MT_PIECES

    def _to_clauses(self, job: _Job, i: int) -> None:
        """Last resort: clause by clause; pieces only for the clauses holding a lost name."""
        seg = job.segments[i]
        job.stages[i] = CLAUSES
        failed = job.failed.get(i, set())
        spans = clause_spans(seg.source, [(t.start, t.end) for t in seg.terms])
        clauses = []
        for a, b in spans:
            inner = [
                replace(t, start=t.start - a, end=t.end - a)
                for t in seg.terms
                if a <= t.start and t.end <= b
            ]
            sub = protect.build_segment(seg.source[a:b], inner, self.convert)
            lost = not failed or any(t.en in failed for t in inner)
            clauses.append(_Clause(sub, pieces=bool(inner) and lost))
        job.clauses[i] = clauses

    def _advance_clause(self, job: _Job, clause: _Clause) -> None:
        seg = clause.segment
        if not clause.pieces:
            if not protect.has_han(seg.masked):
                clause.result = protect.tidy(seg.masked.translate(protect.PUNCTUATION))
                return
            out = self.memo.get((False, seg.masked))
            if out is None:
                return
            if not out.strip():
                if seg.terms:
                    clause.pieces = True  # names must survive: build it from pieces
                    return self._advance_clause(job, clause)
                clause.result, clause.method = gloss_text(seg.source), TranslationMethod.GLOSS
                return
            if protect.verify(out, seg):
                clause.result, clause.method = out, TranslationMethod.MT
                return
            fixed = fix_names(out, protect.expected_counts(seg), job.names)
            if fixed is not None:
                clause.result, clause.method = fixed, TranslationMethod.MT_NAME_FIXED
                return
            clause.pieces = True
            return self._advance_clause(job, clause)
        outs = [self._piece_output(p) for p in seg.pieces]
        if any(o is None for o in outs):
            return
        texts = [text for text, _ in outs]  # type: ignore[misc]
        kinds = [kind for _, kind in outs]  # type: ignore[misc]
        clause.result = protect.assemble(texts, seg)
        if "mt" in kinds:
            clause.method = TranslationMethod.MT_PIECES
        elif "gloss" in kinds:
            clause.method = TranslationMethod.GLOSS
        else:
            clause.method = None  # names and punctuation only

    def _piece_output(self, piece: str) -> tuple[str, str] | None:
        """(English, how it was made: "local" | "mt" | "gloss") or None while still queued."""
        local = protect.local_piece(piece)
        if local is not None:
            return local, "local"
        out = self.memo.get((True, piece))
        if out is None:
            return None
        if not out.strip():
            return gloss_text(piece), "gloss"  # the model gave nothing back
        return out, "mt"

    # -- results --------------------------------------------------------------------------

    def _finish_job(self, job: _Job) -> None:
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
