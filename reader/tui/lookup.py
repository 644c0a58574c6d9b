"""The look-up panel: the word under the cursor in both scripts, pinyin, CC-CEDICT, glossary,
and the current sentence's translation."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import Static

from reader.session import LookupInfo

MAX_ENTRIES = 6
MAX_DEFINITIONS = 6


def _pinyin(numbers: str, style: str) -> str:
    """A dictionary reading ("yu3 shu4") in the reader's style, syllables spaced."""
    from reader.annotate.pinyin_format import format_syllable

    try:
        return " ".join(format_syllable(r, style) for r in numbers.split())
    except (ValueError, KeyError):
        return numbers


def render_lookup(
    info: LookupInfo | None, style: str = "marks", dictionary_ready: bool = True, vocab: str = ""
) -> Content:
    """The panel's text as Textual markup (theme variables, user text escaped)."""
    if info is None:
        return Content("")
    out: list[str] = []
    word = escape(info.text)
    if info.converted and info.converted != info.text:
        out.append(f"[b $text-accent]{word}[/]  [dim]→[/]  [b]{escape(info.converted)}[/]")
    else:
        out.append(f"[b $text-accent]{word}[/]")
    if info.pinyin:
        out.append(f"[$text-secondary]{escape(info.pinyin)}[/]")
    if vocab:  # HSK level and vocabulary status ("HSK 3 · new · met 4×")
        out.append(f"[dim]{escape(vocab)}[/]")
    hit = info.glossary
    if hit is not None:
        out.append("")
        if hit.source == "auto":
            out.append("[b $text-error]Auto name[/] [dim](not in any glossary)[/]")
            out.append(f"[b]{escape(hit.en)}[/]  [dim]{escape(hit.type)}[/]")
            out.append("[dim]press[/] [b]a[/] [dim]to accept it into your glossary[/]")
        else:
            out.append("[b $text-primary]Glossary[/]")
            out.append(f"[b]{escape(hit.en)}[/]  [dim]{escape(hit.type)}[/]")
            out.append(f"[dim]{escape(_short_path(hit.source_file))}[/]")
            if hit.note:
                out.append(f"[dim]{escape(hit.note)}[/]")
    out.append("")
    out.append("[b $text-primary]CC-CEDICT[/]")
    if not dictionary_ready:
        out.append("[dim]loading the dictionary…[/]")
    elif info.entries:
        for entry in info.entries[:MAX_ENTRIES]:
            forms = escape(entry.simplified)
            if entry.traditional != entry.simplified:
                forms = f"{escape(entry.traditional)} {forms}"
            out.append(f"{forms} [$text-secondary]{escape(_pinyin(entry.pinyin, style))}[/]")
            defs = "; ".join(entry.definitions[:MAX_DEFINITIONS])
            out.append(f"  {escape(defs)}")
    elif any(ch.isalpha() for ch in info.text):
        out.append("[dim]not in CC-CEDICT[/]")
    for ch, entries in info.chars:
        if not entries:
            continue
        readings = []
        for entry in entries[:4]:
            defs = "; ".join(entry.definitions[:3])
            readings.append(
                f"  [$text-secondary]{escape(_pinyin(entry.pinyin, style))}[/] {escape(defs)}"
            )
        out.append(f"[b]{escape(ch)}[/]")
        out.extend(readings)
    out.append("")
    out.append("[b $text-primary]Sentence[/]")
    if info.translation is not None:
        out.append(escape(info.translation.text))
    out.append(f"[dim]{escape(info.translation_label)}[/]")
    return Content.from_markup("\n".join(out))


def _short_path(path: str) -> str:
    parts = path.replace("\\", "/").split("/")
    return "/".join(parts[-2:]) if len(parts) > 2 else path


class LookupPanel(VerticalScroll, can_focus=False):
    """Shows :func:`render_lookup` of the current word; scrolls when long."""

    DEFAULT_CSS = """
    LookupPanel {
        width: 40;
        border-left: vkey $panel-lighten-1;
        padding: 0 1;
        background: $surface;
    }
    LookupPanel > #lookup-text { width: 100%; }
    """

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="lookup-text", markup=False)

    def show(
        self, info: LookupInfo | None, style: str, dictionary_ready: bool, vocab: str = ""
    ) -> None:
        text = render_lookup(info, style, dictionary_ready, vocab)
        self.query_one("#lookup-text", Static).update(text)
        self.scroll_home(animate=False)

    @property
    def text(self) -> str:
        """Plain text currently shown (for tests and the tmux smoke test)."""
        content = self.query_one("#lookup-text", Static).visual
        return str(content) if content is not None else ""
