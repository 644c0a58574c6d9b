"""Worker messages that merge while queued (Message.can_replace): nothing is lost."""

from __future__ import annotations

from reader.model import Sentence, Translation
from reader.tui.messages import Annotated, Translated
from reader.tui.web_actions import FetchProgressed


def _sentence(i: int) -> Sentence:
    return Sentence(i, i, i + 1, "字", ())


def _translation(text: str) -> Translation:
    return Translation(text=text, method="mt")


def test_translated_chunks_merge_into_the_later_one() -> None:
    first = Translated(1, {0: _translation("a"), 1: _translation("b")}, {0: 3, 1: 1}, "m")
    later = Translated(1, {1: _translation("B"), 2: _translation("c")}, {1: 2, 2: 1}, "m")
    assert first.can_replace(later)
    assert {i: t.text for i, t in later.translations.items()} == {0: "a", 1: "B", 2: "c"}
    assert later.versions == {0: 3, 1: 2, 2: 1}


def test_translated_of_another_generation_or_model_stays() -> None:
    first = Translated(1, {0: _translation("a")}, {0: 1}, "m")
    assert not first.can_replace(Translated(2, {}, {}, "m"))
    assert not first.can_replace(Translated(1, {}, {}, None))


def test_annotated_parts_merge_but_the_last_part_is_never_dropped() -> None:
    part = Annotated(1, {0: _sentence(0)}, {}, None, False, 0.0)
    done = Annotated(1, {1: _sentence(1)}, {}, None, True, 2.0)
    assert part.can_replace(done)
    assert sorted(done.sentences) == [0, 1] and done.done
    assert not done.can_replace(Annotated(1, {}, {}, None, False, 0.0))
    assert not part.can_replace(Annotated(2, {}, {}, None, False, 0.0))


def test_fetch_progress_keeps_only_the_latest_but_never_drops_the_end() -> None:
    a = FetchProgressed(1, "http://x", 10, 100)
    assert a.can_replace(FetchProgressed(1, "http://x", 20, 100))
    assert not a.can_replace(FetchProgressed(1, "http://y", 20, 100))
    assert not FetchProgressed(1, "http://x", 100, 100, ended=True).can_replace(a)
