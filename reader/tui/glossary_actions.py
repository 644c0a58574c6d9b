"""Glossary actions: add or edit an entry for the selection (re-annotating only the
sentences that contain it, in a worker), the who's-who names screen, how persons the
glossary lacks are romanised (re-annotating only the sentences holding one), and saving a
word for the Anki export.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import work

from reader.errors import ReaderError
from reader.model import Article, Romanisation, Sentence
from reader.session import reannotate
from reader.tui.host import ReaderHost
from reader.tui.messages import SentencesRemade, WorkFailed
from reader.tui.screens import GlossaryRequest, GlossaryScreen, NameAction, NamesScreen

if TYPE_CHECKING:
    from reader.pipeline import Options


class GlossaryActions(ReaderHost):
    """Mixin for ReaderApp: the glossary form, the names screen, saved words."""

    def action_add_glossary(self) -> None:
        if not self.session.annotated:
            self.notify("Still annotating; try again in a moment.", timeout=3)
            return
        tokens = self.session.selected_tokens()
        text = "".join(t.text for t in tokens).strip()
        if not text:
            return
        hit = tokens[0].glossary if len(tokens) == 1 else None
        if hit is None:
            heading = "Add to your glossary"
        elif hit.source == "auto":
            heading = "Accept auto name into your glossary"
        else:
            heading = "Edit (your glossary overrides the shipped one)"
        self.open_glossary_form(
            text, hit.en if hit else "", hit.type if hit else "company", heading
        )

    def open_glossary_form(self, zh: str, en: str, type_: str, heading: str) -> None:
        def done(request: object) -> None:
            if isinstance(request, GlossaryRequest):
                self.save_glossary_entry(request)

        self.push_screen(GlossaryScreen(zh, en, type_, heading), done)

    def save_glossary_entry(self, request: GlossaryRequest) -> None:
        s = self.session
        indices = sorted(set(s.sentences_containing([request.zh])) | {s.cursor.sentence})
        self._save_glossary(
            self.generation,
            request,
            s.article,
            indices,
            list(s.sentences),
            s.snapshot_versions(indices),
        )

    @work(thread=True, group="glossary", description="save a glossary entry", exit_on_error=False)
    def _save_glossary(
        self,
        generation: int,
        request: GlossaryRequest,
        article: Article,
        indices: list[int],
        sentences: list[Sentence],
        versions: dict[int, int],
    ) -> None:
        from reader.glossary import Entry, add_user_entries

        try:
            add_user_entries([Entry(request.zh, request.en, request.type)])
            factory = self._glossary_factory or self.resources.glossary
            glossary = factory()
            new = reannotate(
                article, indices, replace(self.options, glossary=glossary), self.resources
            )
        except (ReaderError, OSError) as exc:
            self.post_message(WorkFailed("glossary", str(exc)))
            return
        note = f"Saved {request.zh} → {request.en}; {len(new)} sentence(s) updated"
        self.post_message(
            SentencesRemade(generation, new, versions, False, {}, note, glossary=glossary)
        )

    def action_cycle_romanisation(self) -> None:
        if not self.session.annotated:
            self.notify("Still annotating; try again in a moment.", timeout=3)
            return
        order = list(Romanisation)
        self.options = replace(
            self.options,
            romanisation=order[(order.index(self.options.romanisation) + 1) % len(order)],
        )
        s = self.session
        indices = s.sentences_with_auto_persons()
        self._reromanise(
            self.generation, s.article, indices, s.snapshot_versions(indices), self.options
        )

    @work(
        thread=True,
        exclusive=True,
        group="romanise",
        description="romanise persons again",
        exit_on_error=False,
    )
    def _reromanise(
        self,
        generation: int,
        article: Article,
        indices: list[int],
        versions: dict[int, int],
        options: Options,
    ) -> None:
        try:
            new = reannotate(article, indices, options, self.resources) if indices else {}
        except (ReaderError, OSError) as exc:
            self.post_message(WorkFailed("romanisation", str(exc)))
            return
        note = f"Names: {options.romanisation.value}; {len(new)} sentence(s) updated"
        self.post_message(SentencesRemade(generation, new, versions, not new, {}, note))

    def action_names(self) -> None:
        def done(result: object) -> None:
            if not isinstance(result, NameAction):
                return
            row = result.row
            if result.action == "goto":
                self.session.move_to(row.first_sentence, row.first_token)
                self.after_cursor_move()
            else:
                self.session.move_to(row.first_sentence, row.first_token)
                self.after_cursor_move()
                heading = "Accept auto name" if row.source == "auto" else "Edit glossary entry"
                self.open_glossary_form(row.text, row.en, row.type, heading)

        self.push_screen(NamesScreen(self.session.names()), done)

    def action_save_word(self) -> None:
        word = self.session.selected_text().strip()
        if word:
            self.vocab.add(word)
            self.notify(f"{word} saved for the Anki export ({len(self.vocab)} words)", timeout=3)
