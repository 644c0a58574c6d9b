"""Command palette (ctrl+p): the reader's document commands, searchable by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp


def _commands(app: ReaderApp) -> list[tuple[str, str, Callable[[], object]]]:
    return [
        (
            "Toggle original pane",
            "show/hide the article as written (1)",
            lambda: app.action_toggle_pane("original"),
        ),
        (
            "Toggle converted pane",
            "show/hide the other script (2)",
            lambda: app.action_toggle_pane("converted"),
        ),
        ("Toggle pinyin pane", "show/hide pinyin (3)", lambda: app.action_toggle_pane("pinyin")),
        (
            "Toggle English pane",
            "show/hide the translation (4)",
            lambda: app.action_toggle_pane("english"),
        ),
        (
            "Toggle interlinear mode",
            "pinyin over words, English under sentences (i)",
            app.action_toggle_interlinear,
        ),
        ("Cycle conversion target", "s2t, s2tw, s2twp, t2s, … (t)", app.action_cycle_conversion),
        ("Cycle pinyin style", "tone marks, tone numbers, zhuyin (p)", app.action_cycle_pinyin),
        ("Search", "Chinese, toneless pinyin or English (/)", app.action_search),
        ("Export…", "Markdown, HTML, JSON, TSV, Anki (e)", app.action_export),
        ("Open another file…", "text, Markdown, HTML or a web address (o)", app.action_open),
        ("Feeds…", "followed news feeds and their items (f)", app.action_feeds),
        ("Add selection to glossary…", "or accept an auto name (a)", app.action_add_glossary),
        ("Names in this article", "who's who: renderings, types, sources (w)", app.action_names),
        (
            "Toggle full page",
            "show the whole page's text, not just the article (F)",
            app.action_toggle_full_page,
        ),
        (
            "Toggle look-up panel",
            "dictionary and glossary for the word (d)",
            app.action_toggle_lookup,
        ),
        ("Keys", "every binding (?)", app.action_help),
    ]


class ReaderCommands(Provider):
    """Document commands for the command palette."""

    def _app(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    async def discover(self) -> Hits:
        for name, help_text, callback in _commands(self._app()):
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in _commands(self._app()):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
