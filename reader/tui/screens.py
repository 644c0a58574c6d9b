"""Modal screens: help, search, open, export (with overwrite confirmation), glossary entry,
and the article's names (who's who)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from reader.glossary.names import NameRow
from reader.text_layout import truncate

# Widest English shown in the names table: with name, type, source and count it fits the
# 100-column dialog.
NAMES_ENGLISH_WIDTH = 36


class _Modal(ModalScreen[object]):
    BINDINGS = [Binding("escape", "cancel", "Close", id="modal.cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(_Modal):
    """Every binding of the reader, generated from the binding lists (remaps included)."""

    def __init__(self, rows: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        lines = ["[b]reader — keys[/]", ""]
        width = max((len(k) for k, _ in self.rows), default=4)
        for key, description in self.rows:
            lines.append(f"  [b $text-accent]{escape(key.ljust(width))}[/]  {escape(description)}")
        lines += [
            "",
            "[dim]Keys can be remapped by binding id in keymap.toml in the config dir.[/]",
            "[dim]Press escape or ? to close.[/]",
        ]
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Static("\n".join(lines), id="help-text")

    BINDINGS = [
        Binding("escape,question_mark,q", "cancel", "Close", id="help.close"),
    ]


class SearchScreen(_Modal):
    """A one-line prompt at the bottom: Chinese (either script), toneless pinyin or English."""

    def __init__(self, previous: str = "") -> None:
        super().__init__()
        self.previous = previous

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-bar"):
            yield Label("/", id="search-label")
            yield Input(
                value=self.previous,
                placeholder="杭州 · 杭州 in either script · hangzhou · English words",
                id="search-input",
            )

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)


class OpenScreen(_Modal):
    def __init__(self, start: str = "") -> None:
        super().__init__()
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="open-dialog"):
            yield Label("[b]Open an article[/] (text, Markdown, HTML file, or a web address)")
            # The directory is a start to type after, not a selection that typing replaces.
            yield Input(
                value=self.start,
                placeholder="path/to/article.html or https://…",
                id="open-path",
                select_on_focus=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Open", variant="primary", id="open-ok")
                yield Button("Cancel", id="open-cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#open-ok")
    def submit(self) -> None:
        value = self.query_one("#open-path", Input).value.strip()
        if value:
            self.dismiss(value)

    @on(Button.Pressed, "#open-cancel")
    def cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    path: str
    force: bool


class ConfirmScreen(_Modal):
    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(self.question, id="confirm-question")
            with Horizontal(classes="buttons"):
                yield Button("Overwrite", variant="error", id="confirm-yes")
                yield Button("Cancel", id="confirm-no")

    BINDINGS = [
        Binding("escape,n", "cancel", "No", id="confirm.no"),
        Binding("y", "yes", "Yes", id="confirm.yes"),
    ]

    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


class ExportScreen(_Modal):
    """Format select and output path; asks before overwriting an existing file."""

    LABELS = {
        "md": "Markdown",
        "html": "HTML with ruby pinyin",
        "json": "JSON (full model)",
        "tsv": "TSV sentence pairs",
        "anki": "Anki vocabulary",
    }

    def __init__(self, stem: str, extensions: dict[str, str], fmt: str = "md") -> None:
        super().__init__()
        self.stem = stem
        self.extensions = extensions
        self.fmt = fmt

    def compose(self) -> ComposeResult:
        options = [(self.LABELS.get(f, f), f) for f in self.extensions]
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("[b]Export[/]")
            yield Select(options, value=self.fmt, allow_blank=False, id="export-format")
            yield Input(value=self._path_for(self.fmt), id="export-path")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _path_for(self, fmt: str) -> str:
        return self.stem + self.extensions.get(fmt, "." + fmt)

    @on(Select.Changed, "#export-format")
    def format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        old = self._path_for(self.fmt)
        self.fmt = str(event.value)
        if path.value in ("", old):
            path.value = self._path_for(self.fmt)

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-ok")
    def submit(self) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            return
        fmt = str(self.query_one("#export-format", Select).value)
        if Path(path).expanduser().exists():

            def confirmed(yes: object) -> None:
                if yes:
                    self.dismiss(ExportRequest(fmt, path, True))

            self.app.push_screen(ConfirmScreen(f"{path} exists. Overwrite it?"), confirmed)
            return
        self.dismiss(ExportRequest(fmt, path, False))

    @on(Button.Pressed, "#export-cancel")
    def cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class GlossaryRequest:
    zh: str
    en: str
    type: str


class GlossaryScreen(_Modal):
    """Add or edit a user-glossary entry for the selected word or span."""

    def __init__(self, zh: str, en: str = "", type_: str = "company", heading: str = "") -> None:
        super().__init__()
        self.zh = zh
        self.en = en
        self.type_ = type_
        self.heading = heading or "Add to your glossary"

    def compose(self) -> ComposeResult:
        from reader.glossary.format import TYPES

        type_ = self.type_ if self.type_ in TYPES else "other"
        with Vertical(classes="dialog", id="glossary-dialog"):
            yield Label(f"[b]{escape(self.heading)}[/]")
            yield Label("Chinese (either script)")
            yield Input(value=self.zh, id="glossary-zh")
            yield Label("English rendering")
            yield Input(value=self.en, placeholder="e.g. Unitree Robotics", id="glossary-en")
            yield Label("Type")
            yield Select(
                [(t, t) for t in TYPES], value=type_, allow_blank=False, id="glossary-type"
            )
            yield Label("", id="glossary-error")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="glossary-save")
                yield Button("Cancel", id="glossary-cancel")

    def on_mount(self) -> None:
        self.query_one("#glossary-en", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#glossary-save")
    def save(self) -> None:
        zh = self.query_one("#glossary-zh", Input).value.strip()
        en = self.query_one("#glossary-en", Input).value.strip()
        type_ = str(self.query_one("#glossary-type", Select).value)
        error = self.query_one("#glossary-error", Label)
        if not zh or not en:
            error.update("[b $text-error]Both the Chinese and the English are needed.[/]")
            return
        if any(ch in zh + en for ch in "\t\r\n"):
            error.update("[b $text-error]No tabs or line breaks, please.[/]")
            return
        self.dismiss(GlossaryRequest(zh, en, type_))

    @on(Button.Pressed, "#glossary-cancel")
    def cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class NameAction:
    action: str  # "goto" or "edit"
    row: NameRow


class NamesScreen(_Modal):
    """Who's who: every name in the article with its rendering, type, source and count."""

    BINDINGS = [
        Binding("escape,w", "cancel", "Close", id="names.close"),
        Binding("enter", "goto", "Go to", id="names.goto"),
        Binding("a", "edit", "Accept / edit", id="names.edit"),
    ]

    def __init__(self, rows: Sequence[NameRow]) -> None:
        super().__init__()
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="names-dialog"):
            yield Label(
                f"[b]Names in this article[/] ({len(self.rows)})  [dim]enter: go to · a: accept/edit[/]"
            )
            table: DataTable[str] = DataTable(
                id="names-table", cursor_type="row", zebra_stripes=True
            )
            table.add_columns("name", "English", "type", "source", "count")
            for row in self.rows:
                source = "auto" if row.source == "auto" else Path(row.source_file).name
                # A long rendering is cut so type, source and count stay on screen; the whole
                # of it is in the accept/edit form.
                english = truncate(row.en, NAMES_ENGLISH_WIDTH)
                table.add_row(
                    truncate(row.text, 24), english, row.type, truncate(source, 24), str(row.count)
                )
            yield table

    def _current(self) -> NameRow | None:
        table = self.query_one("#names-table", DataTable)
        if not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def action_goto(self) -> None:
        row = self._current()
        self.dismiss(NameAction("goto", row) if row else None)

    def action_edit(self) -> None:
        row = self._current()
        self.dismiss(NameAction("edit", row) if row else None)

    @on(DataTable.RowSelected)
    def selected(self) -> None:
        self.action_goto()
