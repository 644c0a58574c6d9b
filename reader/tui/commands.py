"""Command palette (ctrl+p): the reader's document commands, searchable by name.

The commands and their help come from the action registry (reader.tui.actions), with the keys
in effect after keymap.toml remapping, so the palette never names a key that no longer works.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.tui.actions import palette_actions


class ReaderCommands(Provider):
    """Document commands for the command palette."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app = self.app
        keymap = dict(getattr(app, "_keymap", {}) or {})
        return [
            (name, help_text, partial(app.run_action, action))
            for name, help_text, action in palette_actions(keymap)
        ]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
