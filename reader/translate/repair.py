"""Verification and name repair: how one sentence's segments move from MT output to English.

A segment waits for its model inputs at one of three stages, each gentler than the next:

1. ``MASKED``: the model's translation of the masked segment; kept if every protected name
   came back intact, else fixed in place (``namefix``) → ``mt+name-fixed``;
2. ``PLACEHOLDER``: the segment decoded again with placeholders for the names, put back
   after → ``mt+name-fixed``;
3. ``CLAUSES``: clause by clause; clauses without a lost name are translated whole, the
   clause holding it piece by piece around the name → ``mt+pieces``.

:class:`Repairer` never calls the model: it says which texts a segment waits for
(:meth:`Repairer.needs`) and advances the segment once they are in the decoded memo
(:meth:`Repairer.advance`). The run decodes what every sentence waits for in one batched
round, then lets each advance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reader.model import Sentence
from reader.translate import protect
from reader.translate.clauses import clause_spans
from reader.translate.gloss import gloss_text
from reader.translate.namefix import (
    NameVariants,
    fix_names,
    placeholder_masked,
    unmask_placeholders,
)
from reader.translation_method import TranslationMethod

# Stages of one segment: the model's sentence (fixed in place if a name is mangled), the
# same with placeholders for the names, then clause by clause with pieces around names.
MASKED, PLACEHOLDER, CLAUSES = 0, 1, 2

# (decoded as a fragment?, model input) → cleaned model output
Memo = dict[tuple[bool, str], str]


@dataclass
class Clause:
    segment: protect.Segment
    pieces: bool  # translate piece by piece around the names (else the whole clause)
    result: str | None = None
    method: TranslationMethod | None = None


@dataclass
class Job:
    """One sentence on its way through the model: its segments and where each stands."""

    sentence: Sentence
    key: str
    segments: list[protect.Segment] = field(default_factory=list)
    results: list[str | None] = field(default_factory=list)  # final text per segment
    methods: list[TranslationMethod | None] = field(default_factory=list)  # None: no model
    stages: list[int] = field(default_factory=list)
    placeholders: dict[int, tuple[str, dict[str, str]]] = field(default_factory=dict)
    clauses: dict[int, list[Clause]] = field(default_factory=dict)
    failed: dict[int, set[str]] = field(default_factory=dict)  # renderings the model lost
    names: tuple[NameVariants, ...] = ()

    @property
    def applied(self) -> tuple[str, ...]:
        return tuple(r for seg in self.segments for r in seg.applied)

    @property
    def done(self) -> bool:
        return all(r is not None for r in self.results)

    def pending(self) -> list[int]:
        return [i for i, r in enumerate(self.results) if r is None]

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


class Repairer:
    """Moves segments through the stages, reading model outputs from a shared memo."""

    def __init__(self, memo: Memo, convert: Callable[[str], str] | None) -> None:
        self.memo = memo
        self.convert = convert  # Traditional → Simplified for a zh model, else None

    def needs(self, job: Job, i: int) -> tuple[list[str], list[str]]:
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

    def advance(self, job: Job, i: int) -> None:
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
            return self.advance(job, i)
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
            return self.advance(job, i)
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

    def _to_clauses(self, job: Job, i: int) -> None:
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
            clauses.append(Clause(sub, pieces=bool(inner) and lost))
        job.clauses[i] = clauses

    def _advance_clause(self, job: Job, clause: Clause) -> None:
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
