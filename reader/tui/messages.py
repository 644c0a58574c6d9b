"""Messages that background workers post to the app (small dataclasses, one module).

Every message carries the ``generation`` of the article it was computed for: opening another
file (or toggling the full page) starts a new generation and late results of the old one are
dropped. Sentence-level results also carry the sentence *versions* they were computed from,
so a result that lost a race with a glossary edit is ignored rather than undoing it.

Parts of one job merge while they wait in the app's queue (``can_replace``: Textual hands
the app the newer message instead of the older one, which gave it its sentences first), so
a busy UI thread applies one update for several parts instead of redrawing for each.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from reader.model import Article, LoadedText, Sentence, Translation


@dataclass
class Outlined(Message):
    """The whole of a long article, split into sentences in the background: replaces the
    head on screen (same offsets and indices). ``key`` is its reading-position key."""

    generation: int
    loaded: LoadedText
    article: Article
    key: str


@dataclass
class Annotated(Message):
    """A part of the article annotated (sentences by index); ``done`` on the last part
    (for a very long article: when the window round the reader is annotated; parts for
    where the reader moves on follow it). ``applied`` is set once the app took the part:
    the annotating thread waits for it before it posts the next, so parts never pile up
    in memory faster than the UI thread takes them."""

    generation: int
    sentences: dict[int, Sentence]
    article_fields: dict[str, Any]
    glossary: Any
    done: bool
    seconds: float
    applied: threading.Event = field(default_factory=threading.Event)

    def can_replace(self, message: Message) -> bool:
        """A later part of the same run takes this part's sentences along."""
        if self.done or not isinstance(message, Annotated) or message.generation != self.generation:
            return False
        message.sentences = {**self.sentences, **message.sentences}
        self.applied.set()  # its sentences travel on with the later part
        return True


@dataclass
class Loaded(Message):
    """A file was (re)loaded: becomes the new article, generation ``generation``."""

    generation: int
    loaded: LoadedText
    path: str
    full_page: bool


@dataclass
class ModelStatus(Message):
    generation: int
    model: str | None  # model id, None when glossing
    error: str = ""


@dataclass
class Translated(Message):
    generation: int
    translations: dict[int, Translation]
    versions: dict[int, int]
    model: str | None

    def can_replace(self, message: Message) -> bool:
        """A later chunk of the same job takes this chunk's translations along (a sentence
        in both keeps the later translation with the version it was made from)."""
        if (
            not isinstance(message, Translated)
            or message.generation != self.generation
            or message.model != self.model
        ):
            return False
        message.translations = {**self.translations, **message.translations}
        message.versions = {**self.versions, **message.versions}
        return True


@dataclass
class TranslationFinished(Message):
    generation: int
    cancelled: bool
    seconds: float


@dataclass
class SentencesRemade(Message):
    """Re-annotated (glossary edit) or restyled (conversion, pinyin style) sentences."""

    generation: int
    sentences: dict[int, Sentence]
    versions: dict[int, int]
    keep_translation: bool
    article_fields: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    glossary: Any = None  # the reloaded glossary after an edit


@dataclass
class DictionaryReady(Message):
    pass


@dataclass
class WorkFailed(Message):
    what: str
    error: str
