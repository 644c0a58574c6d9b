"""The reader's interactive logic without a terminal: cursor, selection, search, panes,
cycles, reading positions, glossary re-annotation, look-up data."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from reader.model import Article, Translation
from reader.session import (
    PositionStore,
    Session,
    article_key,
    lookup_info,
    raw_article,
    reannotate,
    remember_position,
    restore_position,
    toneless,
)

from conftest import BUNDLED_TRADITIONAL, TRADITIONAL_SAMPLE


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(TRADITIONAL_SAMPLE, marks=pytest.mark.shared, id="shared"),
        pytest.param(BUNDLED_TRADITIONAL, id="bundled"),
    ],
)
def trad_path(request: pytest.FixtureRequest) -> Path:
    """A Traditional article: the shared sample, and the bundled one (present in any clone)."""
    return request.param  # type: ignore[no-any-return]


def shared_article_only(test: Callable[..., None]) -> Callable[..., None]:
    """For tests written around words of the shared Traditional article: run on it only."""
    only = pytest.mark.parametrize(
        "trad_path", [pytest.param(TRADITIONAL_SAMPLE, id="shared")], indirect=True
    )
    return pytest.mark.shared(only(test))


@pytest.fixture(scope="module")
def loaded_trad(trad_path: Path) -> Iterator[object]:
    from reader.load import load_path

    yield load_path(str(trad_path))


@pytest.fixture(scope="module")
def article_trad(tmp_path_factory: pytest.TempPathFactory, loaded_trad: object) -> Article:
    """The Traditional sample annotated with the shipped glossary (built once per module)."""
    from reader.glossary import load_glossary
    from reader.pipeline import Options, annotate

    with pytest.MonkeyPatch.context() as mp:  # keep jieba's cache out of the real user dirs
        mp.setenv("READER_HOME", str(tmp_path_factory.mktemp("home")))
        glossary = load_glossary(use_user=False)
        return annotate(loaded_trad, Options(glossary=glossary))  # type: ignore[arg-type]


def find_token(session: Session, text: str) -> tuple[int, int]:
    for si, s in enumerate(session.sentences):
        for ti, t in enumerate(s.tokens):
            if t.text == text:
                return si, ti
    raise AssertionError(f"{text} not in article")


# -- raw article ------------------------------------------------------------------------------


def test_raw_article_has_the_annotated_sentence_spans(loaded_trad, article_trad):
    raw = raw_article(loaded_trad)
    assert [(s.start, s.end) for s in raw.sentences()] == [
        (s.start, s.end) for s in article_trad.sentences()
    ]
    for s in raw.sentences():  # tokens tile each sentence
        assert "".join(t.text for t in s.tokens) == s.text
        assert s.converted == "" and all(t.pinyin == "" for t in s.tokens)


# -- cursor and selection ---------------------------------------------------------------------


@shared_article_only
def test_right_skips_punctuation_and_crosses_sentences(article_trad):
    s = Session(article_trad)
    sentence = s.current_sentence()
    seen = []
    while s.cursor.sentence == 0:
        seen.append(s.current_token().text)
        s.move_right()
    assert "".join(seen) == "".join(
        t.text for t in sentence.tokens if any(c.isalnum() for c in t.text)
    )
    assert s.cursor.sentence == 1 and s.current_token().text == "DeepSeek"


@shared_article_only
def test_left_at_sentence_start_goes_to_last_word_of_previous(article_trad):
    s = Session(article_trad)
    s.move_to(1)
    s.move_left()
    assert s.cursor.sentence == 0
    assert s.current_token().text == "獨角獸"


def test_up_down_top_bottom(article_trad):
    s = Session(article_trad)
    s.move_down()
    s.move_down()
    assert s.cursor.sentence == 2
    s.move_up()
    assert s.cursor.sentence == 1
    s.bottom()
    assert s.cursor.sentence == len(s.sentences) - 1
    s.move_down()  # stays at the end
    assert s.cursor.sentence == len(s.sentences) - 1
    s.top()
    assert s.cursor == s.cursor.__class__(0, 0)


@shared_article_only
def test_selection_extends_within_one_sentence(article_trad):
    s = Session(article_trad)
    si, ti = find_token(s, "聚光燈")
    s.move_to(si, ti)
    s.move_right(extend=True)
    assert s.selected_text() == "聚光燈下"
    s.move_right(extend=True)  # only punctuation left: the span stays
    assert s.selected_text() == "聚光燈下"
    s.move_left(extend=True)
    s.move_left(extend=True)
    assert s.selection()[1:] == (ti - 1, ti)
    s.move_down()  # a plain move drops the selection
    assert s.anchor is None and s.selection()[1] == s.selection()[2]


def test_move_to_offset_lands_on_covering_token(article_trad):
    s = Session(article_trad)
    offset = article_trad.text.index("宇樹科技") + 2
    s.move_to_offset(offset)
    assert s.current_token().text == "宇樹科技"


# -- panes and cycles -------------------------------------------------------------------------


def test_panes_toggle_but_last_one_stays(article_trad):
    s = Session(article_trad)
    assert s.visible_panes() == ["original", "converted", "pinyin", "english"]
    assert s.toggle_pane("converted") is False
    assert s.toggle_pane("pinyin") is False
    assert s.toggle_pane("english") is False
    assert s.toggle_pane("original") is True  # the only one left
    assert s.visible_panes() == ["original"]
    assert s.toggle_pane("pinyin") is True
    with pytest.raises(ValueError):
        s.toggle_pane("nonsense")


def test_interlinear_auto_below_threshold_and_switchable(article_trad):
    s = Session(article_trad)
    assert s.is_interlinear(100) and not s.is_interlinear(160)
    s.toggle_interlinear(160)
    assert s.is_interlinear(160) and s.is_interlinear(100)


def test_conversion_and_pinyin_cycles(article_trad):
    from reader.annotate.script import CONFIGS

    s = Session(article_trad)
    assert article_trad.conversion == "t2s"
    assert s.next_conversion() == CONFIGS[(CONFIGS.index("t2s") + 1) % len(CONFIGS)]
    s.article = replace(s.article, conversion=CONFIGS[-1])
    assert s.next_conversion() == CONFIGS[0]
    assert s.next_pinyin_style() == "numbers"
    s.article = replace(s.article, pinyin_style="zhuyin")
    assert s.next_pinyin_style() == "marks"


# -- search -----------------------------------------------------------------------------------


def test_search_chinese_in_either_script(article_trad):
    s = Session(article_trad)
    trad = s.search("宇樹科技")
    simp = s.search("宇树科技")  # Simplified query, Traditional text
    assert trad == simp >= 2
    assert s.current_token().text == "宇樹科技"


@shared_article_only
def test_search_pinyin_without_tones_matches_whole_syllables(article_trad):
    s = Session(article_trad)
    n = s.search("hangzhou")
    assert n >= 20
    hit = s.search_state.hits[s.search_state.current]
    tokens = s.sentences[hit.sentence].tokens[hit.first : hit.last + 1]
    assert "".join(t.text for t in tokens).startswith("杭州")
    assert s.search("Hang Zhou") == n  # spaces and case don't matter
    assert s.search("háng zhōu") == n  # tone marks are dropped
    assert s.search("angzho") == 0  # not inside syllables


@shared_article_only
def test_search_english_and_next_previous_wrap(article_trad):
    translated = article_trad.map_sentences(
        lambda sent: replace(sent, translation=Translation(f"sentence number {sent.index}.", "mt"))
    )
    s = Session(translated)
    assert s.search("number 12.") == 1
    assert s.cursor.sentence == 12
    total = s.search("number 1")  # 1, 10-19, 100-142
    assert total == 1 + 10 + 43
    first = s.search_state.current
    s.next_hit(backwards=True)
    s.next_hit()
    assert s.search_state.current == first
    for _ in range(total):
        s.next_hit()
    assert s.search_state.current == first  # wrapped around once


def test_search_latin_in_chinese_text(article_trad):
    s = Session(article_trad)
    assert s.search("deepseek") >= 1
    assert s.current_token().text.lower().startswith("deepseek")


def test_toneless():
    assert toneless("lǘ") == "lv"
    assert toneless("hang2") == "hang"
    assert toneless("Zhōng") == "zhong"


# -- translations and versions ----------------------------------------------------------------


@shared_article_only
def test_stale_translations_are_dropped(article_trad):
    s = Session(article_trad)
    versions = s.snapshot_versions([3, 4])
    s.clear_translations([4])  # a glossary edit touched sentence 4 meanwhile
    done = s.apply_translations(
        {3: Translation("three", "mt"), 4: Translation("four", "mt")}, versions
    )
    assert done == [3]
    assert s.sentences[3].translation.text == "three"
    assert s.sentences[4].translation is None
    assert s.untranslated(from_cursor=False)[0] == 0
    s.move_to(50)
    assert s.untranslated()[0] == 50  # translation starts where the reader is


# -- positions --------------------------------------------------------------------------------


def test_position_store_round_trip(tmp_path: Path, article_trad, trad_path: Path):
    store = PositionStore(tmp_path / "positions.json")
    key = article_key(str(trad_path), article_trad.text)
    s = Session(article_trad)
    si, ti = find_token(s, "宇樹科技")
    s.move_to(si, ti)
    remember_position(s, store, key)

    again = Session(article_trad)
    assert restore_position(again, PositionStore(tmp_path / "positions.json"), key)
    assert again.current_token().text == "宇樹科技"
    data = json.loads((tmp_path / "positions.json").read_text(encoding="utf-8"))
    assert data[key]["offset"] == s.current_token().start


def test_position_key_depends_on_path_and_content(article_trad):
    a = article_key("/x/a.txt", "內容")
    assert a == article_key("/x/a.txt", "內容")
    assert a != article_key("/x/a.txt", "內容!")
    assert a != article_key("/x/b.txt", "內容")


def test_damaged_positions_file_is_ignored(tmp_path: Path, article_trad):
    path = tmp_path / "positions.json"
    path.write_text("{not json", encoding="utf-8")
    store = PositionStore(path)
    assert store.get("k") is None
    s = Session(article_trad)
    s.move_to(5)
    remember_position(s, store, "k")
    assert PositionStore(path).get("k") == s.current_token().start


def test_default_store_lives_in_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("READER_HOME", str(tmp_path))
    assert PositionStore().path == tmp_path / "data" / "positions.json"


# -- glossary edits ---------------------------------------------------------------------------


@shared_article_only
def test_reannotate_applies_a_new_glossary_term(tmp_path: Path, article_trad):
    from reader.glossary import load_glossary
    from reader.pipeline import Options

    extra = tmp_path / "mine.tsv"
    extra.write_text("zh\ten\ttype\n科技家底\tTech Base\tother\n", encoding="utf-8")
    glossary = load_glossary(extra_files=[extra], use_user=False)
    s = Session(article_trad)
    indices = s.sentences_containing(["科技家底"])  # either script
    assert len(indices) == 1
    new = reannotate(s.article, indices, Options(glossary=glossary))
    s.apply_sentences(new, s.snapshot_versions(indices), keep_translation=False)
    tokens = [t for t in s.sentences[indices[0]].tokens if t.text == "科技家底"]
    assert len(tokens) == 1
    hit = tokens[0].glossary
    assert hit is not None and hit.en == "Tech Base" and hit.source_file.endswith("mine.tsv")
    assert tokens[0].converted == "科技家底" and tokens[0].pinyin  # conversion and pinyin kept
    assert s.sentences[indices[0]].index == indices[0]


def test_names_lists_each_name_with_counts(article_trad):
    s = Session(article_trad)
    names = {(n.text, n.en): n for n in s.names()}
    unitree = names[("宇樹科技", "Unitree Robotics")]
    assert unitree.count == sum(1 for t in article_trad.tokens() if t.text == "宇樹科技")
    assert unitree.type == "company" and unitree.source == "glossary"
    first = s.sentences[unitree.first_sentence].tokens[unitree.first_token]
    assert first.text == "宇樹科技"


# -- look-up ----------------------------------------------------------------------------------


def test_lookup_of_a_glossary_name(article_trad):
    s = Session(article_trad)
    s.move_to(*find_token(s, "宇樹科技"))
    info = lookup_info(s)
    assert info.text == "宇樹科技" and info.converted == "宇树科技"
    assert info.pinyin.replace(" ", "") == "yǔshùkējì"
    assert info.glossary is not None and info.glossary.en == "Unitree Robotics"
    assert info.glossary.source_file.endswith(".tsv")
    assert [ch for ch, _ in info.chars] == list("宇樹科技")  # per-character readings


def test_lookup_of_a_single_character_lists_every_reading_chosen_first(article_trad):
    s = Session(article_trad)
    for si, sentence in enumerate(s.sentences):
        for ti, tok in enumerate(sentence.tokens):
            if tok.text == "了" and tok.readings == ("le5",):
                s.move_to(si, ti)
                info = lookup_info(s)
                readings = [e.pinyin for e in info.entries]
                assert readings[0] == "le5"
                assert "liao3" in readings  # the other reading is listed too
                return
    pytest.fail("no 了 read le5 in the sample")


@shared_article_only
def test_lookup_span_and_translation_label(article_trad):
    glossed = article_trad.map_sentences(
        lambda sent: replace(sent, translation=Translation("gloss words", "gloss"))
    )
    s = Session(glossed)
    s.move_to(*find_token(s, "聚光燈"))
    s.move_right(extend=True)
    info = lookup_info(s, with_dictionary=False)
    assert info.text == "聚光燈下" and info.converted == "聚光灯下"
    assert info.translation_label == "gloss (no MT model installed)"
    assert info.entries == ()


def test_session_is_plain_python():
    """The TUI's logic imports no Textual (it is tested, and usable, without a terminal)."""
    import subprocess
    import sys

    code = "import sys, reader.session; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
