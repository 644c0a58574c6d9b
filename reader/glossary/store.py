"""Layered glossaries: shipped files, then the user's glossary, then extra files.

A later layer overrides an earlier one term by term (the terms compared in folded form,
so 宇树科技 in the user glossary overrides 宇樹科技 in a shipped file). The overriding
entry keeps the aliases of the one it replaces, so they still resolve to the new rendering.
Parsed files and built glossaries are kept by :class:`reader.resources.Resources`, not here.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from reader import paths
from reader.glossary.context import ORG_TYPES, ContextRules, get_rules
from reader.glossary.entry_table import EntryTable
from reader.glossary.fold import fold, fold_many
from reader.glossary.format import Entry, Issue, ParsedFile
from reader.glossary.judge import Candidate
from reader.glossary.match import Candidate as Match
from reader.glossary.match import Matcher, resolve, select
from reader.model import GlossaryHit

_FINGERPRINT_VERSION = "glossary-v1"
# bump when Glossary's attributes change: cached glossaries (reader.resources) are rebuilt
GLOSSARY_CACHE_VERSION = 5


class Glossary:
    """The effective glossary of one set of layers. Immutable once built."""

    def __init__(self, layers: Sequence[ParsedFile], rules: ContextRules | None = None) -> None:
        self.files: tuple[str, ...] = tuple(layer.path for layer in layers)
        self.issues: tuple[Issue, ...] = tuple(i for layer in layers for i in layer.issues)
        self._rules = rules or get_rules()
        self._affiliations = load_person_context()
        # Fold every term and alias in one pass: per-string folding dominated build time.
        all_entries = [e for layer in layers for e in layer.entries]
        words = [w for e in all_entries for w in (e.zh, *e.aliases)]
        folded_of = dict(zip(words, fold_many(words), strict=True))
        effective: dict[str, Entry] = {}
        layer_of: dict[str, int] = {}
        for index, layer in enumerate(layers):
            for entry in layer.entries:
                key = folded_of[entry.zh]
                old = effective.get(key)
                if old is not None:
                    inherited = tuple(a for a in old.aliases if folded_of[a] != key)
                    entry = replace(entry, aliases=tuple(dict.fromkeys(entry.aliases + inherited)))
                effective[key] = entry
                layer_of[key] = index
        self._table = EntryTable.of(tuple(effective.values()))
        # each entry's headword folded (what fold(entry.zh) gives), by entry index: the
        # per-sentence passes read it for every match
        self._terms: tuple[str, ...] = tuple(effective)
        # key -> entry index; a later layer wins, and within a layer a term beats an alias.
        keys: dict[str, int] = {}
        rank: dict[str, tuple[int, int]] = {}
        for idx, entry in enumerate(self._table):
            level = layer_of[folded_of[entry.zh]]
            for text, is_term in [(a, 0) for a in entry.aliases] + [(entry.zh, 1)]:
                key = folded_of[text]
                if key and (key not in rank or (level, is_term) >= rank[key]):
                    keys[key] = idx
                    rank[key] = (level, is_term)
        # the matcher's automaton answers exact look-ups too (lookup): no second key dict
        self._matcher = Matcher(keys)
        self._fingerprint: str | None = None
        self._user_words: list[str] | None = None
        self._lock = threading.Lock()
        self._document_matches: dict[str, list[Match]] = {}

    def __getstate__(self) -> dict[str, object]:
        """Pickled without its lock and the shipped rules (kept once per process)."""
        state = dict(self.__dict__)
        for name in ("_lock", "_rules", "_affiliations", "_user_words", "_document_matches"):
            state.pop(name, None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._rules = get_rules()
        self._affiliations = load_person_context()
        self._user_words = None
        self._lock = threading.Lock()
        self._document_matches = {}

    @property
    def entries(self) -> tuple[Entry, ...]:
        """The effective entries, in layer order (each term once)."""
        return self._table.all()

    def __len__(self) -> int:
        return len(self._table)

    def __repr__(self) -> str:
        return f"<Glossary {len(self)} entries from {len(self.files)} file(s)>"

    def lookup(self, term: str) -> Entry | None:
        """The entry for ``term`` (a headword or alias, either script, any Latin case)."""
        idx = self._matcher.entry_of(fold(term.strip()))
        return None if idx is None else self._table[idx]

    def find(self, text: str, established: Collection[str] = ()) -> list[GlossaryHit]:
        """Names in ``text``: longest match, non-overlapping, offsets into ``text``.

        An ambiguous entry (flag ``ambiguous``) is kept only where the context supports a
        name, or where it is a name elsewhere in ``text`` or in ``established`` (from
        :meth:`established` over the whole document); :meth:`candidates` still offers it.
        """
        folded = fold(text)
        chosen, _ = resolve(
            self._matcher.candidates(folded), folded, self._table, self._rules, established
        )
        return [self._hit(c.start, c.end, c.entry) for c in chosen]

    def established(self, texts: Iterable[str]) -> frozenset[str]:
        """Ambiguous terms that context shows to be names somewhere in ``texts`` (a document).

        Pass the result to :meth:`find` for each sentence, so 小米 in "小米进入汽车市场"
        is Xiaomi in an article that earlier said 小米创始人.
        """
        shown: set[str] = set()
        for text in texts:
            folded = fold(text)
            shown |= resolve(self._matcher.candidates(folded), folded, self._table, self._rules)[1]
        return frozenset(shown)

    def find_document(self, texts: Sequence[str]) -> list[list[GlossaryHit]]:
        """:meth:`find` for each text (e.g. sentence), with ambiguous names established across all."""
        established = self.established(texts)
        return [self.find(text, established) for text in texts]

    def established_by_rules(self, texts: Iterable[str]) -> frozenset[str]:
        """Ambiguous terms (folded) that a rule outranking the recogniser shows to be names
        somewhere in ``texts``: 小米 in 小米集团 or 小米创始人, 平安 in 中国平安."""
        shown: set[str] = set()
        entries, rules, terms = self._table, self._rules, self._terms
        # every sentence's matches, kept for classify() on the same sentences next (the
        # last document's only; a match list depends on the folded text alone)
        matches: dict[str, list[Match]] = {}
        for text in texts:
            folded = fold(text)
            found = matches[folded] = self._matcher.candidates(folded)
            for c in found:
                e = entries[c.entry]
                term = terms[c.entry]
                if e.ambiguous and term not in shown and folded[c.start : c.end] == term:
                    if rules.overrides(folded, c.start, c.end, term):
                        shown.add(term)
            shown.update(self._listed_with_companies(folded, found))
        self._document_matches = matches
        return frozenset(shown)

    def _listed_with_companies(self, folded: str, found: Sequence[Match]) -> set[str]:
        """Ambiguous terms in a list next to an unambiguous organisation (街电、小电、怪兽充电,
        滴滴、美团等网约车平台): the list names them once, and the article means the same
        brand where it names it again (小电宣布完成融资), unless the recogniser calls it
        another kind of name there or jieba uses it as a verb or adjective (judge.py)."""
        entries, rules, terms = self._table, self._rules, self._terms
        chosen = select(list(found))
        anchors = [
            c
            for c in chosen
            if not entries[c.entry].ambiguous and entries[c.entry].type in ORG_TYPES
        ]
        if not anchors:
            return set()
        ends, starts = {c.end for c in anchors}, {c.start for c in anchors}
        pending = [
            c for c in chosen if entries[c.entry].ambiguous and entries[c.entry].type in ORG_TYPES
        ]
        taken = rules.take_listed(folded, pending, lambda c: (c.start, c.end), ends, starts)
        return {terms[c.entry] for c in taken}

    def classify(self, text: str, folded: str | None = None) -> list[Candidate]:
        """Leftmost-longest glossary matches in ``text`` with what the context rules say.

        Block rules remove a match before selection (联想到 leaves room for nothing else);
        ambiguous matches carry whether a rule supports them. The recogniser decides the
        rest (:func:`reader.glossary.judge.judge`). ``folded``: ``fold(text)`` when the
        caller has it already.
        """
        if folded is None:
            folded = fold(text)
        entries, rules, terms = self._table, self._rules, self._terms
        open_cands, blocked = [], []
        found = self._document_matches.get(folded)
        for c in found if found is not None else self._matcher.candidates(folded):
            e = entries[c.entry]
            if e.ambiguous and rules.blocked(folded, c.start, c.end, terms[c.entry]):
                blocked.append(c)
                continue
            open_cands.append(c)
        chosen = select(open_cands)
        anchors_end = {c.end for c in chosen if not entries[c.entry].ambiguous}
        anchors_start = {c.start for c in chosen if not entries[c.entry].ambiguous}
        out: list[Candidate] = []
        for c in chosen:
            e = entries[c.entry]
            term = terms[c.entry]
            # an alias (商汤科技 for 商汤) is a full name: only the bare headword is ambiguous
            ambiguous = e.ambiguous and folded[c.start : c.end] == term
            supported = ambiguous and (
                rules.overrides(folded, c.start, c.end, term)
                or (
                    e.type in ORG_TYPES
                    and rules.listed_with(folded, c.start, c.end, anchors_end, anchors_start)
                )
            )
            affiliations = (
                self._affiliations.get(term, ()) if ambiguous and e.type == "person" else ()
            )
            out.append(
                Candidate(self._hit(c.start, c.end, c.entry), ambiguous, supported, affiliations)
            )
        # blocked matches come back marked: no name may be found there (联想到 is a verb)
        out.extend(
            Candidate(self._hit(c.start, c.end, c.entry), True, blocked=True) for c in blocked
        )
        return out

    def candidates(self, text: str) -> list[GlossaryHit]:
        """Every occurrence of every term, overlapping, ambiguous ones included (for look-up)."""
        return [self._hit(c.start, c.end, c.entry) for c in self._matcher.candidates(fold(text))]

    def _hit(self, start: int, end: int, idx: int) -> GlossaryHit:
        return entry_hit(self._table[idx], start, end)

    def user_words(self) -> list[str]:
        """Terms and aliases in both scripts, for jieba (words with spaces left out)."""
        with self._lock:
            if self._user_words is None:
                self._user_words = _both_scripts(
                    w for e in self.entries for w in (e.zh, *e.aliases)
                )
            return list(self._user_words)

    @property
    def fingerprint(self) -> str:
        """A stable hash of what changes output: entries' terms, renderings, flags, rules."""
        if self._fingerprint is None:
            rows = sorted(
                "\t".join((fold(e.zh), e.en, e.type, "|".join(e.aliases), "|".join(e.flags)))
                for e in self.entries
            )
            h = hashlib.sha256(_FINGERPRINT_VERSION.encode())
            h.update(self._rules.digest.encode())
            h.update("\n".join(rows).encode("utf-8"))
            self._fingerprint = h.hexdigest()[:20]
        return self._fingerprint


def _both_scripts(words: Iterable[str]) -> list[str]:
    from reader.annotate.script import convert

    originals = list(dict.fromkeys(w.strip() for w in words if w.strip()))
    originals = [w for w in originals if not any(ch.isspace() for ch in w)]
    joined = "\n".join(originals)
    variants = set(originals)
    for config in ("t2s", "s2t"):
        converted = convert(joined, config).split("\n")
        if len(converted) == len(originals):
            variants.update(converted)
    return sorted(v for v in variants if v)


# ---- loading ------------------------------------------------------------------------------


def shipped_files() -> list[Path]:
    folder = paths.shipped_glossaries_dir()
    return sorted(folder.glob("*.tsv")) if folder.is_dir() else []


def layer_files(
    extra_files: Sequence[str | os.PathLike[str]] = (),
    use_default: bool = True,
    use_user: bool = True,
) -> list[Path]:
    files: list[Path] = shipped_files() if use_default else []
    if use_user:
        user = paths.user_glossary_path()
        if user.is_file():
            files.append(user)
    files.extend(Path(f) for f in extra_files)
    return files


def load_glossary(
    extra_files: Sequence[str | os.PathLike[str]] = (),
    use_default: bool = True,
    use_user: bool = True,
) -> Glossary:
    """Shipped glossaries (sorted), then the user glossary, then ``extra_files`` in order.

    Parses the files every call (~0.2 s for the shipped 9,000 entries);
    :meth:`reader.resources.Resources.glossary` keeps built glossaries, in the process and
    in the cache dir between starts (the CLI's commands and the TUI use it).
    """
    from reader.glossary.format import read_glossary_file

    return Glossary(
        [read_glossary_file(f) for f in layer_files(extra_files, use_default, use_user)]
    )


PERSON_CONTEXT_FILE = "person_context.tsv"


def load_person_context() -> dict[str, tuple[str, ...]]:
    """Common person names → the organisations that identify the famous bearer (folded)."""
    path = paths.package_data(PERSON_CONTEXT_FILE)
    out: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("term\t"):
            continue
        fields = line.split("\t")
        if len(fields) >= 2 and fields[0].strip():
            out[fold(fields[0].strip())] = tuple(
                a.strip() for a in fields[1].split("|") if a.strip()
            )
    return out


def entry_hit(e: Entry, start: int, end: int) -> GlossaryHit:
    """A glossary entry as the name covering ``text[start:end]``."""
    return GlossaryHit(
        start=start,
        end=end,
        term=e.zh,
        en=e.en,
        type=e.type,
        source_file=e.source_file,
        source="glossary",
        note=e.note,
    )
