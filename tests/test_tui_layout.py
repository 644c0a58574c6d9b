"""The screen layout as data: aligned rows, CJK cell widths, interlinear columns, clicks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.model import GlossaryHit, Sentence, Token, Translation
from reader.text_layout import cell_width
from reader.tui.layout import (
    Piece,
    column_widths,
    english_pieces,
    pinyin_pieces,
    wrap,
)
from reader.tui.layout_builder import LayoutBuilder, build_layout

PANES = ["original", "converted", "pinyin", "english"]


def make_sentence(index: int = 0, long: bool = False) -> Sentence:
    words = [
        ("宇樹科技", "宇树科技", "yǔshùkējì", ("yu3", "shu4", "ke1", "ji4")),
        ("在", "在", "zài", ("zai4",)),
        ("杭州", "杭州", "hángzhōu", ("hang2", "zhou1")),
        ("，", "，", "", (None,)),
        ("生產", "生产", "shēngchǎn", ("sheng1", "chan3")),
        ("機器人", "机器人", "jīqìrén", ("ji1", "qi4", "ren2")),
        ("。", "。", "", (None,)),
    ]
    if long:
        words = words[:-1] * 6 + words[-1:]
    tokens = []
    pos = 0
    for text, conv, py, readings in words:
        hit = None
        if text == "宇樹科技":
            hit = GlossaryHit(
                pos, pos + 4, "宇树科技", "Unitree Robotics", "company", "companies.tsv"
            )
        tokens.append(Token(text, pos, pos + len(text), conv, py, readings, "n", hit))
        pos += len(text)
    text = "".join(t.text for t in tokens)
    english = "Unitree Robotics makes robots in Hangzhou." * (4 if long else 1)
    return Sentence(
        index,
        0,
        pos,
        text,
        tuple(tokens),
        "".join(t.converted for t in tokens),
        Translation(english, "mt"),
    )


def test_columns_fill_the_width_and_never_overlap():
    cols = column_widths(PANES, 120)
    assert [c.pane for c in cols] == PANES
    for a, b in zip(cols, cols[1:], strict=False):
        assert a.x + a.width < b.x  # a gap for the separator
    assert cols[-1].x + cols[-1].width <= 120


@pytest.mark.parametrize("width", [80, 120, 160, 200])
def test_rows_stay_aligned_when_columns_wrap_differently(width):
    sentences = [make_sentence(0, long=True), make_sentence(1)]
    layout = build_layout([("p", sentences)], PANES, width, interlinear=False)
    for index in (0, 1):
        first, height = layout.rows[index]
        row = layout.lines[first : first + height]
        assert all(line.sentence == index for line in row)
        seps = {tuple(s.x for s in line.spans if s.role == "sep") for line in row}
        assert len(seps) == 1  # separators in the same cells on every line of the row
        for line in row:
            for span in line.spans:
                if span.role == "sep":
                    continue
                col = next(c for c in layout.columns if c.pane == span.pane)
                assert col.x <= span.x and span.x + cell_width(span.text) <= col.x + col.width
    # the next row starts after a blank line, on the same line in every column
    first1, _ = layout.rows[1]
    assert layout.lines[first1 - 1].sentence == -1
    starts = {min(s.x for s in layout.lines[first1].spans if s.pane == p) for p in PANES}
    assert starts == {c.x for c in layout.columns}


def test_cjk_counts_two_cells():
    sentence = make_sentence(0, long=True)
    layout = build_layout([("p", [sentence])], ["original"], 30, interlinear=False)
    first, height = layout.rows[0]
    width = layout.columns[0].width
    for line in layout.lines[first : first + height]:
        used = sum(cell_width(s.text) for s in line.spans if s.role != "sep")
        assert used <= width
    text = "".join(s.text for line in layout.lines[first : first + height] for s in line.spans)
    assert text == sentence.text  # nothing lost by wrapping


def test_names_are_marked_in_every_pane():
    layout = build_layout([("p", [make_sentence()])], PANES, 160, interlinear=False)
    roles = {(s.pane, s.text): s.role for line in layout.lines for s in line.spans}
    assert roles[("original", "宇樹科技")] == "name-company"
    assert roles[("converted", "宇树科技")] == "name-company"
    assert roles[("pinyin", "yǔshùkējì")] == "name-company"
    english = [s for line in layout.lines for s in line.spans if s.pane == "english"]
    assert any(s.role == "name-company" and s.text == "Unitree" for s in english)
    assert any(s.role == "english" and s.text == "makes" for s in english)


def test_auto_names_get_their_own_role():
    s = make_sentence()
    tok = s.tokens[2]
    auto = GlossaryHit(tok.start, tok.end, "杭州", "Hangzhou", "place", "auto", "auto")
    tokens = list(s.tokens)
    tokens[2] = replace(tok, glossary=auto)
    s = replace(s, tokens=tuple(tokens))
    layout = build_layout([("p", [s])], PANES, 160, interlinear=False)
    assert any(
        sp.role == "name-auto" and sp.text == "杭州" for ln in layout.lines for sp in ln.spans
    )


def test_pinyin_column_spacing_and_punctuation():
    pieces = pinyin_pieces(make_sentence())
    line = wrap(pieces, 200)[0]
    out = ""
    for span in line:
        out += " " * (span.x - len(out)) + span.text
    assert out == "yǔshùkējì zài hángzhōu, shēngchǎn jīqìrén."


def test_untranslated_sentence_shows_pending():
    s = replace(make_sentence(), translation=None)
    assert [p.role for p in english_pieces(s)] == ["pending"]


def test_raw_sentence_shows_pending_pinyin_and_converted():
    s = make_sentence()
    raw = replace(
        s,
        converted="",
        tokens=tuple(replace(t, converted="", pinyin="", readings=()) for t in s.tokens),
    )
    layout = build_layout([("p", [raw])], PANES, 160, interlinear=False)
    by_pane = {}
    for line in layout.lines:
        for span in line.spans:
            by_pane.setdefault(span.pane, []).append(span)
    assert [sp.role for sp in by_pane["converted"]] == ["pending"]
    assert [sp.role for sp in by_pane["pinyin"]] == ["pending"]
    assert "".join(sp.text for sp in by_pane["original"]) == raw.text


def test_wrap_breaks_a_piece_longer_than_the_line():
    lines = wrap([Piece("一二三四五六七八九十", "text", 0)], 6)
    assert ["".join(s.text for s in line) for line in lines] == ["一二三", "四五六", "七八九", "十"]


def test_interlinear_puts_pinyin_over_each_word():
    layout = build_layout([("p", [make_sentence()])], PANES, 100, interlinear=True)
    first, height = layout.rows[0]
    lines = layout.lines[first : first + height]
    pinyin, original, converted = lines[0].spans, lines[1].spans, lines[2].spans
    by_token = {s.token: s.x for s in original}
    for span in pinyin:
        assert by_token[span.token] == span.x  # same column as its word
    assert [s.text for s in converted][:2] == ["宇树科技", "在"]
    english = [s for line in lines[3:] for s in line.spans]
    assert english and all(s.pane == "english" for s in english)


def test_token_at_maps_cells_back_to_tokens():
    layout = build_layout([("p", [make_sentence()])], PANES, 160, interlinear=False)
    first, _ = layout.rows[0]
    original = layout.columns[0]
    assert layout.token_at(original.x, first) == (0, 0)  # 宇樹科技 starts the line
    assert layout.token_at(original.x + 8, first) == (0, 1)  # 在: after 4 wide chars
    english = layout.columns[3]
    assert layout.token_at(english.x, first) == (0, -1)
    assert layout.token_at(0, first - 1 if first else len(layout.lines) - 1) is None


def test_builder_reuses_rows_of_unchanged_sentences():
    builder = LayoutBuilder()
    a, b = make_sentence(0), make_sentence(1, long=True)
    first = builder.build([("p", [a, b])], PANES, 160, False)
    b2 = replace(b, translation=Translation("short", "mt"))
    second = builder.build([("p", [a, b2])], PANES, 160, False)
    assert second.lines[0].spans is first.lines[0].spans  # row 0 was not re-wrapped
    start, height = second.rows[1]
    english = [
        s.text
        for ln in second.lines[start : start + height]
        for s in ln.spans
        if s.pane == "english"
    ]
    assert english == ["short"]  # row 1 was re-wrapped with its new translation


def test_pinyin_column_keeps_latin_runs_as_written():
    words = [
        ("发布", "fābù", ("fa1", "bu4")),
        ("DeepSeek", "", (None,) * 8),
        ("-", "", (None,)),
        ("R1", "", (None, None)),
        (" ", "", (None,)),
        ("AI", "", (None, None)),
        ("模型", "móxíng", ("mo2", "xing2")),
    ]
    tokens, pos = [], 0
    for text, py, readings in words:
        tokens.append(Token(text, pos, pos + len(text), text, py, readings))
        pos += len(text)
    sentence = Sentence(0, 0, pos, "".join(w[0] for w in words), tuple(tokens), "x")
    line = wrap(pinyin_pieces(sentence), 200)[0]
    out = ""
    for span in line:
        out += " " * (span.x - len(out)) + span.text
    assert out == "fābù DeepSeek-R1 AI móxíng"


def test_closing_punctuation_never_starts_a_line() -> None:
    pieces = [
        Piece("视频", "text", 0),
        Piece("监控", "text", 1),
        Piece("设备", "text", 2),
        Piece("。", "text", 3),
    ]
    lines = wrap(pieces, 12)  # 视频监控设备 fills 12 cells; 。 would be alone below
    texts = ["".join(span.text for span in line) for line in lines]
    assert texts == ["视频监控", "设备。"]
    assert all(not t.startswith("。") for t in texts)
    # positions restart at the line's left edge
    assert lines[1][0].x == 0 and lines[1][1].x == cell_width("设备")


def test_english_comma_stays_with_its_word() -> None:
    pieces = [Piece("aaaa", "en", space=True), Piece("bbbb", "en", space=True), Piece(",", "en")]
    lines = wrap(pieces, 9)  # "aaaa bbbb" fills the line; the comma takes bbbb down with it
    assert [[(s.x, s.text) for s in line] for line in lines] == [
        [(0, "aaaa")],
        [(0, "bbbb"), (4, ",")],
    ]


def test_a_long_articles_far_rows_are_estimated_and_its_row_cache_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reader.tui.layout_builder

    monkeypatch.setattr(reader.tui.layout_builder, "ROWS_KEPT", 10)
    builder = LayoutBuilder()
    sentences = [make_sentence(i) for i in range(60)]
    full = builder.build([("p", sentences)], PANES, 160, False)  # no focus: all wrapped
    builder.build([("p", sentences)], PANES, 160, False, focus=range(0, 5))
    # the rows wrapped outside the focus were used once more, then trimmed to the bound
    assert len(builder._rows) <= 10
    near_start = builder.build([("p", sentences)], PANES, 160, False, focus=range(0, 5))
    assert near_start.rows[0] == full.rows[0]
    start, height = near_start.rows[59]
    assert 59 in near_start.estimated
    lines = near_start.lines[start : start + height]
    assert {ln.sentence for ln in lines} == {59} and all(ln.spans == () for ln in lines)
    # and the reader moving to the end gets those rows wrapped again
    near_end = builder.build([("p", sentences)], PANES, 160, False, focus=range(55, 60))
    assert 59 not in near_end.estimated
    assert near_end.rows[59][1] == full.rows[59][1]
    assert near_end.token_at(5, near_end.rows[59][0]) == (59, 0)
