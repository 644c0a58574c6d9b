"""Every reader action, once: id, default keys, descriptions, where it is shown.

The one source for the Textual bindings of the reader screen (:func:`bindings`), the
``keymap.toml`` remapping (binding ids ``reader.<id>``), the help screen (:func:`help_rows`),
the command palette (:func:`palette_actions`, with the keys in effect after remapping) and the
README's key table (:func:`readme_table`; a test checks the README matches).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType

# Below this many columns the footer leaves out the keys marked with it (see footer_min_width).
NARROW_FOOTER = 110

# Key names as people read them (Textual names on the left).
_KEY_NAMES = {"slash": "/", "question_mark": "?", "space": "space", "escape": "esc"}


@dataclass(frozen=True)
class Action:
    id: str  # binding id without the "reader." prefix; keymap.toml uses "reader.<id>"
    keys: str  # default keys, Textual names, comma-separated (first is the main one)
    action: str  # Textual action string, run on the app
    description: str  # short label: footer, help screen
    help: str = ""  # longer text: palette, README
    footer: bool = False  # shown in the footer
    palette: str = ""  # name in the command palette; "" = not offered there
    group: str = ""  # footer group (keys shown together, e.g. 1234 Panes)
    # Narrowest terminal whose footer still shows it (0: always); below, the key still works
    # and is in help and the palette, but the footer keeps its room for the essential keys.
    footer_min_width: int = 0

    @property
    def binding_id(self) -> str:
        return f"reader.{self.id}"


ACTIONS: tuple[Action, ...] = (
    Action("left", "left,h", "app.move('left')", "Previous word", "word cursor (mouse click too)"),
    Action("right", "right,l", "app.move('right')", "Next word", "word cursor right"),
    Action("up", "up,k", "app.move('up')", "Previous sentence", "cursor to the sentence above"),
    Action("down", "down,j", "app.move('down')", "Next sentence", "cursor to the sentence below"),
    Action("extend-left", "shift+left,H", "app.move('left', True)", "Extend selection left"),
    Action("extend-right", "shift+right,L", "app.move('right', True)", "Extend selection right"),
    # K is "mark the sentence's new words known" (vocabulary); shift+up extends upwards
    Action("extend-up", "shift+up", "app.move('up', True)", "Extend selection to sentence start"),
    Action(
        "extend-down", "shift+down,J", "app.move('down', True)", "Extend selection to sentence end"
    ),
    Action("page-down", "pagedown,space", "app.page(1)", "Page down"),
    Action("page-up", "pageup,b", "app.page(-1)", "Page up"),
    Action("top", "g,home", "app.top", "Top", "first sentence"),
    Action("bottom", "G,end", "app.bottom", "Bottom", "last sentence"),
    Action(
        "pane-original",
        "1",
        "app.toggle_pane('original')",
        "Original",
        "show/hide the article as written",
        footer=True,
        palette="Toggle original pane",
        group="Panes",
    ),
    Action(
        "pane-converted",
        "2",
        "app.toggle_pane('converted')",
        "Converted",
        "show/hide the other script",
        footer=True,
        palette="Toggle converted pane",
        group="Panes",
    ),
    Action(
        "pane-pinyin",
        "3",
        "app.toggle_pane('pinyin')",
        "Pinyin",
        "show/hide pinyin",
        footer=True,
        palette="Toggle pinyin pane",
        group="Panes",
    ),
    Action(
        "pane-english",
        "4",
        "app.toggle_pane('english')",
        "English",
        "show/hide the translation",
        footer=True,
        palette="Toggle English pane",
        group="Panes",
    ),
    Action(
        "interlinear",
        "i",
        "app.toggle_interlinear",
        "Interlinear",
        "pinyin over words, English under sentences",
        footer=True,
        palette="Toggle interlinear mode",
    ),
    Action(
        "search",
        "slash",
        "app.search",
        "Search",
        "either script, toneless pinyin (yushu) or English",
        footer=True,
        palette="Search",
    ),
    Action("next-hit", "n", "app.next_hit", "Next hit", "next search hit"),
    Action("prev-hit", "N", "app.prev_hit", "Previous hit", "previous search hit"),
    Action("clear", "escape", "app.clear", "Clear selection and search"),
    Action(
        "conversion",
        "t",
        "app.cycle_conversion",
        "Script",
        "cycle the OpenCC conversion: s2t, s2tw, s2twp, t2s, …",
        footer=True,
        footer_min_width=NARROW_FOOTER,
        palette="Cycle conversion target",
    ),
    Action(
        "pinyin-style",
        "p",
        "app.cycle_pinyin",
        "Pinyin style",
        "cycle the pinyin style: tone marks, tone numbers, zhuyin",
        footer=True,
        palette="Cycle pinyin style",
    ),
    Action(
        "romanisation",
        "R",
        "app.cycle_romanisation",
        "Romanisation",
        "persons the glossary lacks: auto (as Taiwan or Hong Kong writes them there), pinyin, "
        "Wade–Giles, Hong Kong, left to the translator",
        palette="Cycle names romanisation",
    ),
    Action(
        "glossary-add",
        "a",
        "app.add_glossary",
        "Glossary+",
        "add/edit a glossary entry for the selection, or accept an auto name",
        footer=True,
        palette="Add selection to glossary…",
    ),
    Action(
        "names",
        "w",
        "app.names",
        "Names",
        "who's who: every name with rendering, type, source",
        footer=True,
        palette="Names in this article",
    ),
    Action("save-word", "s", "app.save_word", "Save word for Anki", "keep the word for export"),
    Action(
        "vocab-cycle",
        "v",
        "app.vocab_cycle",
        "Cycle word status",
        "new → learning → known → ignored, for the word under the cursor",
        palette="Cycle the word's status",
    ),
    Action(
        "vocab-known-sentence",
        "K",
        "app.vocab_known_sentence",
        "Sentence known",
        "mark every still-new word of the sentence as known",
        palette="Mark the sentence's new words known",
    ),
    Action(
        "vocab-known-article",
        "ctrl+k",
        "app.vocab_known_article",
        "Article known",
        "mark every still-new word of the article as known",
        palette="Mark the article's new words known",
    ),
    Action(
        "vocabulary",
        "V",
        "app.vocabulary",
        "Vocabulary",
        "your words: filter by status and HSK level, jump to where a word was met",
        palette="Vocabulary…",
    ),
    Action(
        "feeds",
        "f",
        "app.feeds",
        "Feeds",
        "followed news feeds and their items",
        palette="Feeds…",
    ),
    Action(
        "export",
        "e",
        "app.export",
        "Export",
        "Markdown, HTML, JSON, TSV, Anki",
        footer=True,
        footer_min_width=NARROW_FOOTER,
        palette="Export…",
    ),
    Action(
        "open",
        "o",
        "app.open",
        "Open",
        "another file (text, Markdown, HTML) or a web address",
        footer=True,
        footer_min_width=NARROW_FOOTER,
        palette="Open another file…",
    ),
    Action(
        "full-page",
        "F",
        "app.toggle_full_page",
        "Full page text",
        "the whole page's text, not just the article",
        palette="Toggle full page",
    ),
    Action(
        "lookup",
        "d",
        "app.toggle_lookup",
        "Look-up panel",
        "dictionary and glossary for the word",
        palette="Toggle look-up panel",
    ),
    Action(
        "help", "question_mark", "app.help", "Keys", "every binding", footer=True, palette="Keys"
    ),
    Action("quit", "q", "app.quit", "Quit", "remembers the reading position", footer=True),
)

# Textual's own keys, listed in help and README but not remappable through this registry.
BUILTIN_KEYS: tuple[tuple[str, str], ...] = (
    ("ctrl+p", "Command palette (toggle panes, export, …)"),
    ("ctrl+q", "Quit"),
)

_BY_ID = {a.id: a for a in ACTIONS}


def action(action_id: str) -> Action:
    return _BY_ID[action_id]


def _group(name: str) -> Binding.Group | None:
    if not name:
        return None
    return Binding.Group(name, compact=True)


def bindings() -> list[BindingType]:
    """The reader screen's bindings, ids ``reader.<id>`` (what keymap.toml remaps)."""
    groups = {a.group: _group(a.group) for a in ACTIONS if a.group}
    return [
        Binding(
            a.keys,
            a.action,
            a.description,
            show=a.footer,
            id=a.binding_id,
            group=groups.get(a.group),
        )
        for a in ACTIONS
    ]


def footer_hidden(width: int) -> frozenset[str]:
    """Binding ids the footer leaves out on a screen ``width`` columns wide."""
    return frozenset(a.binding_id for a in ACTIONS if a.footer and a.footer_min_width > width)


def effective_keys(a: Action, keymap: Mapping[str, str] | None = None) -> str:
    """The keys bound to ``a`` after remapping (Textual names, comma-separated)."""
    return (keymap or {}).get(a.binding_id, a.keys)


def display_keys(keys: str) -> str:
    """``"slash,n"`` → ``"/, n"``: keys as a reader would type them."""
    return ", ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def help_rows(keymap: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(keys, description) for the help screen: every action, then Textual's own keys."""
    rows = [(display_keys(effective_keys(a, keymap)), a.description) for a in ACTIONS]
    rows.extend(BUILTIN_KEYS)
    return rows


def palette_actions(keymap: Mapping[str, str] | None = None) -> list[tuple[str, str, str]]:
    """(name, help with the first key in effect, action string) for the command palette."""
    out = []
    for a in ACTIONS:
        if a.palette:
            first = display_keys(effective_keys(a, keymap).split(",")[0])
            out.append((a.palette, f"{a.help or a.description} ({first})", a.action))
    return out


def readme_table() -> str:
    """The README's key table (Markdown), generated from the registry."""
    lines = ["| keys | action | keymap id |", "|---|---|---|"]
    for a in ACTIONS:
        text = a.description if not a.help else f"{a.description} — {a.help}"
        keys = display_keys(a.keys).replace("|", "\\|")
        lines.append(f"| {keys} | {text} | `{a.binding_id}` |")
    for keys, text in BUILTIN_KEYS:
        lines.append(f"| {keys} | {text} | (Textual) |")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m reader.tui.actions: print the README table
    print(readme_table())
