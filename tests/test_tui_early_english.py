"""The first screen's English comes early: the model loads while the article is annotated,
and the first annotated part is translated before the rest of the article is annotated,
with the names the whole article establishes; a file opened mid-translation is translated."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from test_names_judge import Ent

import reader.pipeline
from reader.model import Sentence
from reader.pipeline import Options
from reader.tui.annotation import ANNOTATE_FIRST
from reader.tui.app import make_app


class LoadingTranslator:
    """A fake model with a ``load`` step, recording what happened in which order."""

    model_id = "fake-mt"
    source_code = "zh"
    max_source_tokens = 400

    def __init__(self) -> None:
        self.loaded = threading.Event()
        self.translated: list[str] = []

    def load(self) -> None:
        self.loaded.set()

    def count_tokens(self, text: str) -> int:
        return len(text)

    def translate(self, texts: Sequence[str], fragments: bool = False) -> list[str]:
        self.translated.extend(texts)
        return ["EN sentence." for _ in texts]


@pytest.fixture
def long_article(tmp_path: Path) -> Path:
    """More sentences than the first annotation part, so annotation comes in two parts."""
    path = tmp_path / "long.txt"
    lines = [f"第{i}天我们在公园里散步。" for i in range(ANNOTATE_FIRST + 20)]
    path.write_text("\n\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def held_annotation(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Annotation yields its first part, then waits until the returned event is set."""
    release = threading.Event()
    original = reader.pipeline.ArticleRun.annotate
    calls: list[int] = []

    def held(self: reader.pipeline.ArticleRun, indices: Sequence[int]) -> list[Sentence]:
        calls.append(len(indices))
        if len(calls) == 2:
            release.wait(60)
        return original(self, indices)

    monkeypatch.setattr(reader.pipeline.ArticleRun, "annotate", held)
    return release


async def wait_for(pilot, condition, timeout: float = 120) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        await pilot.pause(0.05)


async def test_first_part_is_translated_before_annotation_finishes(
    long_article: Path, held_annotation: threading.Event
) -> None:
    fake = LoadingTranslator()
    app = make_app(str(long_article), Options(), translator_factory=lambda: fake)
    async with app.run_test(size=(160, 50)) as pilot:
        s = app.session
        await wait_for(pilot, lambda: s.sentences[0].translation is not None)
        assert not s.annotated  # the second part is still held back
        assert fake.loaded.is_set()
        translated = [i for i, x in enumerate(s.sentences) if x.translation is not None]
        assert max(translated) < ANNOTATE_FIRST  # only annotated sentences went to the model
        held_annotation.set()
        await wait_for(pilot, lambda: s.annotated and not app.translating)
        await wait_for(pilot, lambda: s.translated_count() == len(s.sentences))
        assert len(fake.translated) == len(set(fake.translated)) == len(s.sentences)


async def test_model_loads_while_annotation_runs(
    long_article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    original = reader.pipeline.ArticleRun.annotate

    def held(self: reader.pipeline.ArticleRun, indices: Sequence[int]) -> list[Sentence]:
        release.wait(60)  # not even the first part yet
        return original(self, indices)

    monkeypatch.setattr(reader.pipeline.ArticleRun, "annotate", held)
    fake = LoadingTranslator()
    app = make_app(str(long_article), Options(), translator_factory=lambda: fake)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, fake.loaded.is_set)
        assert not fake.translated and not app.session.annotated
        release.set()
        await wait_for(pilot, lambda: app.session.translated_count() == len(app.session.sentences))


async def test_a_failing_model_is_reported_once_translation_starts(long_article: Path) -> None:
    from reader.errors import ReaderError

    calls: list[int] = []

    def broken() -> object:
        calls.append(1)
        raise ReaderError("model.bin: not a CTranslate2 model; reinstall the package")

    app = make_app(str(long_article), Options(), translator_factory=broken)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: bool(app.model_error))
        assert "reinstall" in app.model_error
        # the preload tried too (its thread may run late on a busy machine): its failure
        # was silent, the worker's is the one shown
        await wait_for(pilot, lambda: len(calls) >= 2, 30)


class Scripted:
    """A recogniser that gives 小米 before 进入 weak support (0.3): too little for a name
    alone, enough for one the article establishes (小米集团, in its last sentence)."""

    def recognise(self, text, words=None, pos=None, lexicon_spans=None):  # type: ignore[no-untyped-def]
        start = text.find("小米进入")
        return [] if start < 0 else [Ent(start, start + 2, "ORG", 0.3)]


class EchoTranslator(LoadingTranslator):
    """Returns its (masked) input, so protected names come back intact."""

    def translate(self, texts: Sequence[str], fragments: bool = False) -> list[str]:
        self.translated.extend(texts)
        return list(texts)


def _xiaomi(sentence) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.glossary.en for t in sentence.tokens if t.text == "小米" and t.glossary]


async def test_an_early_sentence_carries_a_name_the_article_establishes_late(
    tmp_path: Path, held_annotation: threading.Event
) -> None:
    """Sentence 0 is translated before the sentence that makes 小米 a name (the last one)
    is annotated, yet goes to the model with Xiaomi, as when the whole article is annotated:
    names are decided with the whole article's text (reader.pipeline.ArticleRun)."""
    from reader.resources import Resources

    filler = [f"第{i}天我们在公园里散步。" for i in range(ANNOTATE_FIRST + 20)]
    lines = ["小米进入汽车市场。", *filler, "小米集团发布财报。"]
    path = tmp_path / "late-name.txt"
    path.write_text("\n\n".join(lines), encoding="utf-8")
    resources = Resources(cache_dir=tmp_path / "cache", recogniser=Scripted())
    glossary = resources.glossary(use_user=False)
    # the control: alone, the sentence's weak support makes no name
    alone = tmp_path / "alone.txt"
    alone.write_text(lines[0], encoding="utf-8")
    assert not _xiaomi(
        next(
            reader.pipeline.annotate_path(
                str(alone), Options(glossary=glossary), resources=resources
            ).sentences()
        )
    )

    fake = EchoTranslator()
    app = make_app(str(path), Options(glossary=glossary), translator_factory=lambda: fake)
    app.resources = resources
    async with app.run_test(size=(160, 50)) as pilot:
        s = app.session
        await wait_for(pilot, lambda: s.sentences[0].translation is not None)
        assert not s.annotated  # the last sentence (小米集团) is not annotated yet
        assert s.sentences[-1].translation is None
        early = s.sentences[0]
        assert _xiaomi(early) == ["Xiaomi"]
        assert any("Xiaomi" in text for text in fake.translated)
        assert "Xiaomi" in early.translation.text
        held_annotation.set()
        await wait_for(pilot, lambda: s.annotated and not app.translating)
        assert s.sentences[0].tokens == early.tokens  # annotated once, never differently
    whole = reader.pipeline.annotate_path(
        str(path), Options(glossary=glossary), resources=resources
    )
    first = next(whole.sentences())
    assert _xiaomi(first) == ["Xiaomi"] and first.tokens == early.tokens


class GatedTranslator(LoadingTranslator):
    """The first call returns; later ones wait for ``gate`` (so a test sees the job still
    running however slow the machine is)."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def translate(self, texts: Sequence[str], fragments: bool = False) -> list[str]:
        if self.translated:
            self.gate.wait(30)
        return super().translate(texts, fragments)


async def test_a_file_opened_while_translating_is_translated(tmp_path: Path) -> None:
    """The old article's job ends as a stale message; the new article still starts its
    English (it used to wait for a job that was never going to report)."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("\n\n".join(f"第{i}天我们在公园里散步。" for i in range(30)), "utf-8")
    second.write_text("\n\n".join(f"第{i}年他们在学校里读书。" for i in range(10)), "utf-8")
    fake = GatedTranslator()
    app = make_app(str(first), Options(), translator_factory=lambda: fake)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: app.session.sentences[0].translation is not None)
        assert app.translating
        app.load_file(str(second), full_page=False)
        fake.gate.set()  # the old job may go on now; its results must not land
        await wait_for(pilot, lambda: app.path == str(second) and app.session.annotated)
        s = app.session
        await wait_for(pilot, lambda: s.translated_count() == len(s.sentences), 60)
        assert sum("学校" in t for t in fake.translated) == len(s.sentences)


class SlowFirstTranslator(LoadingTranslator):
    """Notes, when each call returns, how many annotation parts were made; the first call
    is slow enough for the second part to come in first if nothing held it back."""

    def __init__(self, parts_made: list[int]) -> None:
        super().__init__()
        self.parts_made = parts_made
        self.parts_at_return: list[int] = []

    def translate(self, texts: Sequence[str], fragments: bool = False) -> list[str]:
        if not self.translated:
            time.sleep(0.5)
        out = super().translate(texts, fragments)
        self.parts_at_return.append(len(self.parts_made))
        return out


async def test_annotation_waits_for_the_cursors_english_after_its_first_part(
    long_article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cursor's English does not share the cores with annotating the rest: after its
    first part, annotation waits until the first translation chunk is back."""
    import reader.tui.annotation

    monkeypatch.setattr(reader.tui.annotation, "FIRST_ENGLISH_WAIT", 60.0)
    parts_made: list[int] = []
    original = reader.pipeline.ArticleRun.annotate

    def counted(self: reader.pipeline.ArticleRun, indices: Sequence[int]) -> list[Sentence]:
        part = original(self, indices)
        parts_made.append(len(part))
        return part

    monkeypatch.setattr(reader.pipeline.ArticleRun, "annotate", counted)
    fake = SlowFirstTranslator(parts_made)
    app = make_app(str(long_article), Options(), translator_factory=lambda: fake)
    async with app.run_test(size=(160, 50)) as pilot:
        s = app.session
        await wait_for(pilot, lambda: s.annotated and not app.translating)
        await wait_for(pilot, lambda: s.translated_count() == len(s.sentences))
    assert len(parts_made) >= 3
    # when the first chunk (the cursor's sentence) came back, one part had been made
    assert fake.parts_at_return[0] == 1
    assert fake.parts_at_return[-1] == len(parts_made)


async def test_annotation_does_not_wait_when_nothing_is_translated(
    long_article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.tui.annotation

    monkeypatch.setattr(reader.tui.annotation, "FIRST_ENGLISH_WAIT", 60.0)
    app = make_app(str(long_article), Options(), translator_factory=None, translate=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: app.session.annotated, timeout=30)
        assert app._first_english.is_set()
