"""Names in one article, sentence by sentence: glossary candidates judged by the recogniser.

:class:`NameDecider` is built once per article (it sees the whole text: which ambiguous
terms the article establishes, which organisations it names) and then asked per sentence.
Without a recogniser (weights missing, or disabled) it falls back to the rule-based
decision the glossary made before the recogniser existed, so reader still works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from reader.glossary.country_pairs import join_country_entities
from reader.glossary.fold import fold
from reader.glossary.judge import (
    AUTO_ACCEPT,
    COMPATIBLE,
    FORCE,
    Candidate,
    Entity,
    NameSpan,
    judge,
    unclaimed,
)
from reader.glossary.latin_names import latin_name_shown
from reader.glossary.mark_edges import cut_at_marks
from reader.glossary.org_yield import (
    glossary_headed,
    place_and_body_words,
    returned_matches,
    yield_to_headed_orgs,
)
from reader.glossary.place_chains import places_after_places
from reader.model import GlossaryHit, Romanisation

if TYPE_CHECKING:
    from reader.annotate.dictionary import Dictionary
    from reader.glossary.store import Glossary

Span = tuple[int, int]


class Recogniser(Protocol):
    def recognise(
        self,
        text: str,
        words: Sequence[Span] | None = None,
        pos: Sequence[str] | None = None,
        lexicon_spans: Sequence[tuple[int, int, str]] | None = None,
    ) -> Sequence[Entity]: ...


@dataclass(frozen=True, slots=True)
class SentenceNames:
    """One sentence's names, offsets relative to the sentence."""

    hits: list[GlossaryHit]  # glossary names kept (not crossing words)
    found: list[Entity]  # names the recogniser found that no glossary entry covers


class NameDecider:
    def __init__(
        self,
        glossary: Glossary | None,
        recogniser: Recogniser | None,
        sentence_texts: Iterable[str],
        word_freq: Callable[[str], int | None],
        auto_names: bool = True,
        dictionary: Dictionary | None = None,
        romanisation: Romanisation = Romanisation.PINYIN,
    ) -> None:
        """``dictionary``: CC-CEDICT, which tells ordinary words (None: the default
        one); ``romanisation``: how the persons the glossary lacks are written."""
        from reader.annotate.dictionary import default_dictionary

        texts = list(sentence_texts)
        self._dictionary = dictionary if dictionary is not None else default_dictionary()
        self.glossary = glossary
        self.recogniser = recogniser
        self.auto_names = auto_names
        self.romanisation = romanisation
        self._word_freq = word_freq
        # Ambiguous terms a rule that outranks the recogniser shows to be names somewhere in
        # the article (小米创始人): their other occurrences need less from the recogniser.
        # Without a recogniser, the old rule-based establishment.
        if glossary is None:
            self._established: frozenset[str] = frozenset()
        elif recogniser is None:
            self._established = glossary.established(texts)
        else:
            self._established = glossary.established_by_rules(texts)
        self._folded_doc = fold("\n".join(texts)) if recogniser is not None else ""
        # CC-CEDICT's answer per word (organisation_spans): the article repeats its words
        self._dictionary_orgs: dict[str, str | None] = {}
        # per-label confidence from which an unknown name is shown (tuned with the weights)
        tuned = getattr(recogniser, "thresholds", None)
        self._thresholds: dict[str, float] = dict(tuned) if isinstance(tuned, dict) else {}

    def sentence(
        self, text: str, simplified: str, words: Sequence[Span], tags: Sequence[str]
    ) -> SentenceNames:
        from reader.segment.words import crosses_words

        if self.recogniser is None:
            hits = self.glossary.find(text, self._established) if self.glossary is not None else []
            return SentenceNames([h for h in hits if not crosses_words(words, h.start, h.end)], [])
        classified = self.glossary.classify(text, simplified) if self.glossary is not None else []
        blocked = [(c.hit.start, c.hit.end) for c in classified if c.blocked]
        tiled = place_and_body_words(words, classified)
        candidates = [
            c
            for c in classified
            if not c.blocked
            and (
                (c.hit.start, c.hit.end) in tiled
                or not crosses_words(words, c.hit.start, c.hit.end)
            )
        ]
        word_uses = {
            span for span, tag in zip(words, tags, strict=False) if tag[:1] in _NOT_A_NAME_POS
        }
        dictionary_orgs = (
            self._dictionary_organisations(simplified, words, [*blocked, *tiled], word_uses)
            if self.auto_names
            else []
        )
        if dictionary_orgs:
            # A place heading a word the dictionary knows as an organisation (广州 in
            # 广州日报 "Guangzhou Daily") is part of that name, not a name of its own.
            candidates = [
                c
                for c in candidates
                if not any(
                    o.start <= c.hit.start
                    and c.hit.end <= o.end
                    and o.end - o.start > c.hit.end - c.hit.start
                    for o in dictionary_orgs
                )
            ]
        # Only unambiguous entries are evidence for the recogniser: an ambiguous one (苹果,
        # 美的) is exactly what it must judge from the sentence alone.
        lexicon = [
            (c.hit.start, c.hit.end, label_of(c.hit.type)) for c in candidates if not c.ambiguous
        ]
        entities = join_country_entities(
            self.recogniser.recognise(simplified, words, tags, lexicon), simplified
        )
        # a span across a bracket or quotation mark is its pieces (余洋） → 余洋)
        entities = cut_at_marks(entities, simplified)
        before_yield = candidates
        candidates = yield_to_headed_orgs(
            candidates,
            entities,
            simplified,
            self._thresholds.get("ORG", AUTO_ACCEPT),
            self.forces,
        )
        yielded = [c for c in before_yield if c not in candidates]
        hits = self._judge(candidates, entities, word_uses)
        # the rest of an address after the glossary's places at its head (左营区 of
        # 高雄市左营区) is a place of its own
        entities = [*entities, *places_after_places(entities, hits, simplified)]
        # A glossary match the judge turned down is no unknown name either (吉利 "lucky"
        # is not rendered "Jili"), unless it is a common person name without its famous
        # bearer's company (张勇 → Zhang Yong).
        kept = {(h.start, h.end) for h in hits}
        turned_down = [
            (c.hit.start, c.hit.end)
            for c in candidates
            if (c.hit.start, c.hit.end) not in kept and not c.affiliations
        ]
        found = (
            [
                e
                for e in unclaimed(entities, [*kept, *blocked], self._thresholds)
                # only inside a turned-down match: a name that reaches past it is another
                # reading (记者李小米: 李小米, though 小米 there is no Xiaomi)
                if not any(a <= e.start and e.end <= b for a, b in turned_down)
                # a dictionary word with only common senses is no name (市政府 "city hall",
                # 海军 "navy"): the recogniser learnt such bodies as organisations
                if not self._ordinary(simplified[e.start : e.end])
                and not self._starts_with_a_word(simplified[e.start : e.end], e)
                # a name in Latin letters only when sure (NBA; not every acronym), as
                # written (the fold lower-cases Latin: a person needs its capital)
                and latin_name_shown(
                    text[e.start : e.end], e.type, e.confidence, self._force_limit(e)
                )
            ]
            if self.auto_names
            else []
        )
        if found or dictionary_orgs:
            # false names by families (eras, relations, beliefs, places, armies), with LAC's
            # analysis as a second opinion where the recogniser has it
            from reader.glossary.name_families import screen

            second = getattr(self.recogniser, "lac_words", None)
            lac = second(simplified) if second is not None else None
            found = screen(found, simplified, lac, forces=self.forces)
            # the dictionary's organisations are no recogniser guess: no agreement asked
            dictionary_orgs = screen(dictionary_orgs, simplified, lac, agreement=False)
        if yielded:
            # a match yields to the organisation that swallowed it only if that organisation
            # is shown: one the screen dropped or cut (日产汽车社长内田诚宣布公司, a tagger's
            # run-on) gives its matches back, to be judged as any other
            yielded, returned = returned_matches(yielded, found, [*kept, *blocked])
            if returned:
                returned_hits = self._judge(returned, entities, word_uses)
                hits = sorted([*hits, *returned_hits], key=lambda h: h.start)
                kept = {(h.start, h.end) for h in hits}
        if dictionary_orgs:
            taken = [*kept, *blocked, *turned_down, *((e.start, e.end) for e in found)]
            found = sorted(
                [
                    *found,
                    *(
                        o
                        for o in dictionary_orgs
                        if not any(a < o.end and o.start < b for a, b in taken)
                    ),
                ],
                key=lambda e: e.start,
            )
        if yielded and found:
            composed, found = glossary_headed(yielded, found, text, simplified)
            hits = sorted([*hits, *composed], key=lambda h: h.start)
        if found and self.glossary is not None:
            # a match that yielded to a longer organisation was never judged: if the
            # screen cut that organisation back to the match (日产汽车 of 日产汽车社长…公司),
            # it is the entry again
            judged = {(c.hit.start, c.hit.end) for c in candidates}
            named, found = self._known_to_the_glossary(found, simplified, judged)
            hits = sorted([*hits, *named], key=lambda h: h.start)
        return SentenceNames(hits, found)

    def _known_to_the_glossary(
        self, found: list[Entity], simplified: str, judged: set[tuple[int, int]]
    ) -> tuple[list[GlossaryHit], list[Entity]]:
        """A name the recogniser found whose very span is a glossary term of a fitting type,
        and that the glossary did not offer there (``judged``: the spans the judge already
        decided, 张勇 without his company among them), is that entry: 中共中央政治局 in
        中共中央政治局常委 (jieba's 中共中央|政治局常委 kept the glossary from reading across
        the word edge; the recogniser's agreement on the exact span is the evidence the edge
        rule asks for)."""
        from reader.glossary.store import entry_hit

        assert self.glossary is not None
        named: list[GlossaryHit] = []
        rest: list[Entity] = []
        for e in found:
            entry = self.glossary.lookup(simplified[e.start : e.end])
            if (
                (e.start, e.end) in judged
                or entry is None
                or not entry.en
                or entry.type not in COMPATIBLE.get(e.type, ())
            ):
                rest.append(e)
                continue
            hit = entry_hit(entry, e.start, e.end)
            named.append(hit.judged(e.confidence, self.forces(e)))
        return named, rest

    def _judge(
        self, candidates: list[Candidate], entities: Sequence[Entity], word_uses: set[Span]
    ) -> list[GlossaryHit]:
        """The glossary candidates the recogniser's ``entities`` and the article keep."""
        return judge(
            candidates,
            entities,
            self._established,
            self._in_document,
            self._ordinary,
            fold,
            word_uses,
        )

    def _dictionary_organisations(
        self,
        simplified: str,
        words: Sequence[Span],
        taken: Sequence[Span],
        word_uses: set[Span],
    ) -> list[Entity]:
        """Words CC-CEDICT knows only as organisations (广州日报), where nothing else is."""
        from reader.glossary.dictionary_names import organisation_spans

        # Not a model probability: a dictionary listing the word only as an institution is
        # as sure as a confident recogniser, so the name is forced like one.
        return [
            NameSpan(a, b, "ORG", DICTIONARY_CONFIDENCE)
            for a, b, _ in organisation_spans(
                simplified, words, taken, word_uses, self._dictionary_orgs
            )
        ]

    def _starts_with_a_word(self, name: str, entity: Entity) -> bool:
        """A "person" that opens with an everyday word (张开嘴: 张开 "to open") is that word,
        unless the recogniser is as sure as it must be to force a name."""
        if entity.type != "PER" or self.forces(entity):
            return False
        return any(self._ordinary(name[:k]) for k in range(2, len(name)))

    def forces(self, entity: Entity) -> bool:
        """Whether an unknown name is sure enough to impose its rendering on the MT."""
        return entity.confidence >= self._force_limit(entity)

    def _force_limit(self, entity: Entity) -> float:
        tuned = getattr(self.recogniser, "force_thresholds", None)
        return float(tuned.get(entity.type, FORCE)) if isinstance(tuned, dict) else FORCE

    def _in_document(self, folded_term: str) -> bool:
        return bool(folded_term) and folded_term in self._folded_doc

    def _ordinary(self, word: str) -> bool:
        """An everyday word: CC-CEDICT knows it only with common senses (得到 "to get",
        精诚 "sincerity"). A name's own entry is capitalised (中国 China, 阿里 Ali), so a
        frequent name is not "ordinary" however often jieba has seen it."""
        return self._dictionary.only_common_senses(fold(word))


# The confidence given to a word CC-CEDICT lists only as an organisation (see
# _dictionary_organisations): at the force threshold's level, as a glossary entry is.
DICTIONARY_CONFIDENCE = 0.9

# jieba POS initials of words that are not names where they stand: verb, adjective,
# adverb, preposition, conjunction, particle, pronoun, numeral, measure word, idiom.
_NOT_A_NAME_POS = frozenset("vadpcurmqi")

# The recogniser's label for each glossary type (its lexicon feature speaks in labels).
_LABEL_OF = {"person": "PER", "place": "LOC", "product": "PRODUCT", "brand": "PRODUCT"}


def label_of(gloss_type: str) -> str:
    return _LABEL_OF.get(gloss_type, "ORG")


def place(hit: GlossaryHit, start: int) -> GlossaryHit:
    """``hit`` moved from sentence offsets to article offsets."""
    return hit.shifted(start)
