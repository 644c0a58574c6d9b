"""Exports built from hand-made Articles (exact offsets, both scripts, names, gloss)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from reader.annotate.pinyin_format import format_syllable, format_word
from reader.errors import ReaderError
from reader.export import ExportExists, format_for_path, render, write_export
from reader.export.anki import select_vocab, to_anki
from reader.export.html import to_html
from reader.export.jsonfmt import article_to_json, to_json
from reader.export.markdown import md_escape, to_markdown
from reader.export.tsv import to_tsv
from reader.model import (
    Article,
    GlossaryHit,
    Meta,
    Paragraph,
    Sentence,
    Token,
    Translation,
)

# --- a small article builder -------------------------------------------------------------
# A token spec: (text, converted, readings or None, name or None); readings are tone numbers
# per Han character separated by spaces; a name is (en, type, source).
TokSpec = tuple[str, str, str | None, tuple[str, str, str] | None]
SentSpec = dict[str, Any]  # {"tokens": [TokSpec], "en": str | None, "method": "mt"|"gloss"}


def build_article(
    paragraphs: list[tuple[str, list[SentSpec]]],
    *,
    title: str = "",
    script: str = "traditional",
    conversion: str = "t2s",
    model: str | None = "zh-en-test",
    style: str = "marks",
    source_url: str = "https://example.com/a?x=1&y=2",
) -> Article:
    text = ""
    paras: list[Paragraph] = []
    index = 0
    for p_index, (kind, sents) in enumerate(paragraphs):
        if p_index:
            text += "\n"
        p_start = len(text)
        sentences: list[Sentence] = []
        for spec in sents:
            s_start = len(text)
            tokens: list[Token] = []
            for tok_text, converted, readings, name in spec["tokens"]:
                start = len(text)
                text += tok_text
                hit = None
                if name is not None:
                    en, typ, source = name
                    hit = GlossaryHit(
                        start=start,
                        end=len(text),
                        term=tok_text,
                        en=en,
                        type=typ,
                        source_file="auto" if source == "auto" else "glossaries/test.tsv",
                        source=source,  # type: ignore[arg-type]
                    )
                per_char: tuple[str | None, ...] = (None,) * len(tok_text)
                pinyin = ""
                if readings is not None:
                    syl = iter(readings.split())
                    per_char = tuple(next(syl) if _han(ch) else None for ch in tok_text)
                    pinyin = format_word(per_char, style, text=tok_text)
                tokens.append(
                    Token(
                        text=tok_text,
                        start=start,
                        end=len(text),
                        converted=converted,
                        pinyin=pinyin,
                        readings=per_char,
                        pos="nr" if hit else "n",
                        glossary=hit,
                    )
                )
            translation = None
            if spec.get("en") is not None:
                applied = tuple(
                    t.glossary.en
                    for t in tokens
                    if t.glossary is not None and t.glossary.en in spec["en"]
                )
                translation = Translation(
                    text=spec["en"],
                    method=spec.get("method", "mt"),
                    glossary_applied=applied,
                    repaired=spec.get("repaired", False),
                )
            sentences.append(
                Sentence(
                    index=index,
                    start=s_start,
                    end=len(text),
                    text=text[s_start:],
                    tokens=tuple(tokens),
                    converted="".join(t.converted for t in tokens),
                    translation=translation,
                )
            )
            index += 1
        paras.append(
            Paragraph(
                index=p_index, start=p_start, end=len(text), kind=kind, sentences=tuple(sentences)
            )
        )
    meta = Meta(title=title, author="測試", date="2024-10-27", source_url=source_url)
    return Article(
        text=text,
        meta=meta,
        paragraphs=tuple(paras),
        script=script,  # type: ignore[arg-type]
        conversion=conversion,
        pinyin_style=style,
        model=model,
    )


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


UNITREE = ("Unitree Robotics", "company", "glossary")
NVIDIA = ("NVIDIA", "company", "glossary")
JENSEN = ("Jensen Huang", "person", "auto")


def traditional_article(method: str = "mt", style: str = "marks") -> Article:
    """Traditional text: a heading, 行 read two ways, two glossary names and an auto name."""
    heading = {
        "tokens": [
            ("杭州", "杭州", "hang2 zhou1", None),
            ("“", "“", None, None),
            ("六小龍", "六小龙", "liu4 xiao3 long2", None),
            ("”", "”", None, None),
        ],
        "en": 'Hangzhou\'s "Six Little Dragons"',
        "method": method,
    }
    s1 = {
        "tokens": [
            ("宇樹科技", "宇树科技", "yu3 shu4 ke1 ji4", UNITREE),
            ("在", "在", "zai4", None),
            ("銀行", "银行", "yin2 hang2", None),
            ("旁邊", "旁边", "pang2 bian1", None),
            ("行走", "行走", "xing2 zou3", None),
            ("。", "。", None, None),
        ],
        "en": "Unitree Robotics walks beside the bank.",
        "method": method,
    }
    s2 = {
        "tokens": [
            ("輝達", "辉达", "hui1 da2", NVIDIA),
            ("創始人", "创始人", "chuang4 shi3 ren2", None),
            ("黃仁勳", "黄仁勋", "huang2 ren2 xun1", JENSEN),
            ("說", "说", "shuo1", None),
            ("：", "：", None, None),
            ("AI", "AI", None, None),
            ("很", "很", "hen3", None),
            ("重要", "重要", "zhong4 yao4", None),
            ("！", "！", None, None),
        ],
        "en": "NVIDIA founder Jensen Huang said:\tAI is\nvery important!",
        "method": method,
        "repaired": True,
    }
    s3 = {
        "tokens": [
            ("銀行", "银行", "yin2 hang2", None),
            ("很", "很", "hen3", None),
            ("重要", "重要", "zhong4 yao4", None),
            ("。", "。", None, None),
        ],
        "en": "Banks are important.",
        "method": method,
    }
    return build_article(
        [("heading", [heading]), ("p", [s1, s2]), ("p", [s3])],
        title="杭州的銀行",
        model="zh-en-test" if method == "mt" else None,
        style=style,
    )


def simplified_article() -> Article:
    s1 = {
        "tokens": [
            ("阿里巴巴", "阿里巴巴", "a1 li3 ba1 ba1", ("Alibaba", "company", "glossary")),
            ("的", "的", "de5", None),
            ("员工", "員工", "yuan2 gong1", None),
            ("在", "在", "zai4", None),
            ("杭州", "杭州", "hang2 zhou1", None),
            ("创业", "創業", "chuang4 ye4", None),
            ("。", "。", None, None),
        ],
        "en": "Alibaba's employees start businesses in Hangzhou.",
    }
    return build_article(
        [("p", [s1])], title="杭州创业", script="simplified", conversion="s2t", model="m1"
    )


def injection_article() -> Article:
    """Hostile text in every field an export shows."""
    evil_script = "<script>alert(1)</script>"
    evil_attr = '"><img src=x onerror=alert(1)>'
    s1 = {
        "tokens": [
            ("銀行", "银行", "yin2 hang2", ("Bank" + evil_attr, "company" + evil_attr, "glossary")),
            (evil_script, evil_script, None, None),
            (evil_attr, evil_attr, None, None),
            ("。", "。", None, None),
        ],
        "en": f"The bank {evil_script} {evil_attr}",
    }
    art = build_article(
        [("p" + evil_attr, [s1])],
        title=evil_script + evil_attr,
        source_url="javascript:alert(1)",
        model=evil_script,
    )
    return replace(art, meta=replace(art.meta, author=evil_attr, site=evil_script))


# --- HTML parsing helpers -------------------------------------------------------------------


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.rt_texts: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._rt: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "rt":
            self._rt = []
            self._rt_attrs = dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "rt" and self._rt is not None:
            self.rt_texts.append(("".join(self._rt), self._rt_attrs))
            self._rt = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._rt is not None:
            self._rt.append(data)


def parse(doc: str) -> Collector:
    c = Collector()
    c.feed(doc)
    c.close()
    return c


def han_words(article: Article) -> list[Token]:
    return [t for t in article.tokens() if any(_han(ch) for ch in t.text)]


# --- JSON ---------------------------------------------------------------------------------


def test_json_has_every_annotation_and_consistent_offsets() -> None:
    art = traditional_article()
    doc = json.loads(to_json(art))
    assert doc["format_version"] == 1
    assert doc["title"] == "杭州的銀行"
    assert doc["source"] == "https://example.com/a?x=1&y=2"
    assert doc["script"] == "traditional" and doc["conversion"] == "t2s"
    assert doc["model"] == "zh-en-test" and doc["pinyin_style"] == "marks"
    assert doc["meta"]["author"] == "測試"
    sentences = list(art.sentences())
    assert len(doc["sentences"]) == len(sentences) == 4
    assert [p["sentences"] for p in doc["paragraphs"]] == [[0], [1, 2], [3]]
    assert doc["paragraphs"][0]["kind"] == "heading"
    for s in doc["sentences"]:
        assert doc["text"][s["start"] : s["end"]] == s["text"]
        assert "".join(t["text"] for t in s["tokens"]) == s["text"]
        for t in s["tokens"]:
            assert doc["text"][t["start"] : t["end"]] == t["text"]
            assert len(t["readings"]) == len(t["text"])
    s1 = doc["sentences"][1]
    assert s1["paragraph"] == 1
    assert s1["converted"] == "宇树科技在银行旁边行走。"
    assert s1["tokens"][0]["glossary"] == {
        "en": "Unitree Robotics",
        "type": "company",
        "source_file": "glossaries/test.tsv",
        "source": "glossary",
        "term": "宇樹科技",
        "confidence": 1.0,
        "forced": True,
    }
    assert s1["tokens"][1]["glossary"] is None
    assert s1["tokens"][2]["pinyin"] == "yínháng" and s1["tokens"][2]["readings"] == [
        "yin2",
        "hang2",
    ]
    assert s1["translation_method"] == "mt"
    assert s1["glossary_applied"] == ["Unitree Robotics"]
    assert s1["repaired"] is False and doc["sentences"][2]["repaired"] is True
    assert doc["sentences"][2]["tokens"][2]["glossary"]["source"] == "auto"
    assert "stats" not in doc


def test_json_untranslated_sentences_have_nulls_and_stats_are_included() -> None:
    art = traditional_article()
    bare = art.map_sentences(lambda s: replace(s, translation=None))
    doc = article_to_json(replace(bare, model=None), stats={"sent_to_model": 3, "from_cache": 1})
    s = doc["sentences"][0]
    assert s["translation"] is None and s["translation_method"] is None
    assert s["glossary_applied"] == [] and s["repaired"] is False
    assert doc["model"] is None
    assert doc["stats"] == {"sent_to_model": 3, "from_cache": 1}
    json.dumps(doc)  # serialisable as is


def test_schema_doc_lists_every_key_the_export_writes() -> None:
    schema = (Path(__file__).parents[1] / "reader" / "export" / "SCHEMA.md").read_text("utf-8")
    doc = article_to_json(traditional_article(), stats={"sent_to_model": 1})
    keys = set(doc) | set(doc["paragraphs"][0]) | set(doc["sentences"][0])
    keys |= set(doc["sentences"][0]["tokens"][0]) | set(
        doc["sentences"][1]["tokens"][0]["glossary"]
    )
    missing = sorted(k for k in keys if f"`{k}`" not in schema)
    assert not missing, f"SCHEMA.md does not document {missing}"


# --- TSV ----------------------------------------------------------------------------------


def test_tsv_one_row_per_sentence_with_clean_fields() -> None:
    art = traditional_article()
    out = to_tsv(art)
    lines = out.rstrip("\n").split("\n")
    assert lines[0] == "original\tconverted\tpinyin\tenglish\tmethod"
    assert len(lines) == 1 + len(list(art.sentences()))
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(r) == 5 for r in rows)
    assert [r[4] for r in rows] == ["mt", "mt", "mt+pieces", "mt"]
    assert rows[1][0] == "宇樹科技在銀行旁邊行走。"
    assert rows[1][1] == "宇树科技在银行旁边行走。"
    assert "yínháng" in rows[1][2] and "xíngzǒu" in rows[1][2]
    # the tab and newline inside the English became spaces: still one row
    assert rows[2][3] == "NVIDIA founder Jensen Huang said: AI is very important!"


# --- Markdown -----------------------------------------------------------------------------


def test_markdown_has_every_glossary_rendering_and_all_three_lines() -> None:
    art = traditional_article()
    md = to_markdown(art)
    assert md.startswith("# 杭州的銀行\n")
    assert "<https://example.com/a?x=1&y=2>" in md
    assert "**宇樹科技** (Unitree Robotics)" in md
    assert "**輝達** (NVIDIA)" in md
    assert "**黃仁勳** (Jensen Huang, auto)" in md  # auto names flagged
    for hit in (t.glossary for t in art.tokens() if t.glossary):
        assert hit.en in md
    assert "Simplified: **宇树科技**在银行旁边行走。" in md
    assert "English: Unitree Robotics walks beside the bank." in md
    assert "machine translation (zh-en-test)" in md
    assert "no MT model" not in md
    assert "## 杭州“六小龍”" in md  # heading paragraph


def test_markdown_labels_gloss_translations() -> None:
    md = to_markdown(traditional_article(method="gloss"))
    assert "- English: gloss (no MT model installed)" in md
    assert "English, gloss (no MT model installed): Unitree Robotics walks" in md


def test_markdown_escapes_article_text_so_it_renders_literally() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    hostile = "*斜* [鏈接](http://x.test) <b>粗</b> `碼` _a_ &lt; | ~~刪~~"
    spec = {"tokens": [(hostile, hostile, None, None)], "en": "**not bold** [x](y)"}
    line_start = {"tokens": [("01. 餘杭", "01. 余杭", None, None)], "en": None}
    art = build_article([("p", [spec]), ("p", [line_start])], title="# 標題 *x*")
    md = to_markdown(art)
    rendered = markdown_it.MarkdownIt("commonmark").enable("strikethrough").render(md)
    body = rendered.split("<hr />", 1)[1]
    for tag in ("<em>", "<a ", "<b>", "<code>", "<s>", "<ol", "<strong>not"):
        assert tag not in body, (tag, body)
    assert "*斜*" in body and "&lt;b&gt;粗&lt;/b&gt;" in body and "&amp;lt;" in body
    assert "01. 餘杭" in body
    assert rendered.startswith("<h1># 標題 *x*</h1>")


def test_markdown_names_render_bold() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").render(to_markdown(traditional_article()))
    assert "<strong>宇樹科技</strong> (Unitree Robotics)" in rendered
    assert "<strong>宇树科技</strong>在银行" in rendered


def test_md_escape_collapses_lines() -> None:
    assert md_escape("a\nb\tc") == "a b c"


# --- HTML ---------------------------------------------------------------------------------


def test_html_one_ruby_per_word_and_one_rt_per_character() -> None:
    art = traditional_article()
    doc = to_html(art)
    c = parse(doc)
    words = han_words(art)
    assert sum(1 for tag, _ in c.tags if tag == "ruby") == len(words)
    han_chars = sum(1 for t in words for ch in t.text if _han(ch))
    readings = [rt for rt, attrs in c.rt_texts if attrs.get("class") != "x"]
    assert len(readings) == han_chars
    # each character carries its own syllable, in order: 銀行 yín háng, 行走 xíng zǒu
    expected = [format_syllable(r, "marks") for t in words for r in t.readings if r is not None]
    assert readings == expected
    assert (
        "<ruby>銀<rp>(</rp><rt>yín</rt><rp>)</rp>行<rp>(</rp><rt>háng</rt><rp>)</rp></ruby>" in doc
    )
    assert "行<rp>(</rp><rt>xíng</rt>" in doc


def test_html_ruby_in_other_pinyin_styles() -> None:
    art = traditional_article(style="zhuyin")
    c = parse(to_html(art))
    assert [rt for rt, _ in c.rt_texts][:2] == ["ㄏㄤˊ", "ㄓㄡ"]
    art = traditional_article(style="numbers")
    assert [rt for rt, _ in parse(to_html(art)).rt_texts][:2] == ["hang2", "zhou1"]


def test_html_structure_names_translation_and_toggles() -> None:
    art = traditional_article()
    doc = to_html(art)
    c = parse(doc)
    assert doc.startswith('<!DOCTYPE html>\n<html lang="zh">')
    names = [a for tag, a in c.tags if tag == "span" and "name" in (a.get("class") or "").split()]
    titles = [a["title"] for a in names if a.get("title")]
    assert any(t.startswith("Unitree Robotics · company") for t in titles)
    assert any("Jensen Huang" in t and "auto-detected" in t for t in titles)
    auto = [a for a in names if "auto" in (a.get("class") or "").split()]
    # 黃仁勳 in the original and 黄仁勋 in the converted line
    assert len(auto) == 2 and all("t-person" in a["class"] for a in auto)  # type: ignore[operator]
    en = [a for tag, a in c.tags if tag == "p" and a.get("class") == "en"]
    assert len(en) == len(list(art.sentences()))
    assert 'lang="zh-Hant"' in doc and 'lang="zh-Hans"' in doc
    ids = {a.get("id") for tag, a in c.tags if tag == "input"}
    assert ids == {"show-pinyin", "show-converted", "show-english"}
    # the toggles are pure CSS: hiding rt/.cv/.en when unchecked
    assert "#show-pinyin:not(:checked) ~ main rt" in doc
    assert "#show-english:not(:checked) ~ main .en" in doc
    # glossary rendering in the English is marked; repaired sentence is tagged
    assert '<b class="name-en">Unitree Robotics</b>' in doc
    assert 'class="tag method-mt-pieces"' in doc and ">in pieces</span>" in doc
    text = "".join(c.text)
    assert "Unitree Robotics walks beside the bank." in text


def test_html_is_self_contained() -> None:
    doc = to_html(traditional_article())
    c = parse(doc)
    for tag, attrs in c.tags:
        assert tag not in ("script", "img", "link", "iframe", "object", "embed")
        assert "src" not in attrs and "style" not in attrs
        href = attrs.get("href")
        assert href is None or href == "https://example.com/a?x=1&y=2"
    assert "default-src 'none'" in doc
    assert "url(" not in doc and "@import" not in doc


def test_html_gloss_label() -> None:
    doc = to_html(traditional_article(method="gloss"))
    assert doc.count("gloss (no MT model installed)") == 1 + 4  # header + each sentence


def _assert_inert(doc: str) -> None:
    c = parse(doc)
    tags = [tag for tag, _ in c.tags]
    assert "script" not in tags and "img" not in tags
    for tag, attrs in c.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert "javascript:" not in (value or "").lower() or name == "title", (tag, name)
    # the same with a real HTML5-ish parser
    from lxml import html as lhtml

    root = lhtml.document_fromstring(doc)
    assert not root.xpath("//script | //img")
    assert not root.xpath("//@*[starts-with(name(), 'on')]")
    assert not root.xpath("//a[starts-with(@href, 'javascript')]")


def test_html_injection_is_inert() -> None:
    art = injection_article()
    doc = to_html(art)
    _assert_inert(doc)
    text = "".join(parse(doc).text)
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    assert '"><img src=x onerror=alert(1)>' in text


def test_html_escapes_attributes() -> None:
    doc = to_html(injection_article())
    c = parse(doc)
    names = [a for tag, a in c.tags if tag == "span" and "title" in a and "name" in a["class"]]  # type: ignore[operator]
    assert names and names[0]["title"].startswith('Bank"><img src=x onerror=alert(1)>')  # type: ignore[union-attr]
    assert names[0]["class"] == "name t-other"  # unknown/hostile type → other


def test_other_formats_keep_hostile_text_as_text() -> None:
    art = injection_article()
    doc = json.loads(to_json(art))
    assert doc["sentences"][0]["text"].count("<script>") == 1
    md = to_markdown(art)
    assert "<script>" not in md and "\\<script\\>" in md
    assert re.search(r"(?<!\\)<", md) is None  # every < is escaped


# --- Anki ---------------------------------------------------------------------------------


class FakeEntry:
    def __init__(self, simplified: str, traditional: str, pinyin: str, *defs: str) -> None:
        self.simplified, self.traditional, self.pinyin = simplified, traditional, pinyin
        self.definitions = tuple(defs)


ENTRIES = {
    "銀行": [FakeEntry("银行", "銀行", "yin2 hang2", "bank", "CL:家[jia1]")],
    "重要": [FakeEntry("重要", "重要", "zhong4 yao4", "important", "significant")],
    "很": [FakeEntry("很", "很", "hen3", "very")],
}


def fake_lookup(word: str) -> list[FakeEntry]:
    return ENTRIES.get(word, [])  # type: ignore[return-value]


def _deck(text: str) -> tuple[list[str], list[list[str]]]:
    lines = text.rstrip("\n").split("\n")
    headers = [line for line in lines if line.startswith("#")]
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    return headers, rows


def test_anki_selected_words_with_bold_context_and_english() -> None:
    art = traditional_article()
    headers, rows = _deck(to_anki(art, words=["银行", "重要"], lookup=fake_lookup))
    assert headers[:2] == ["#separator:tab", "#html:true"]
    assert headers[-1] == "#columns:Word\tOther script\tPinyin\tDefinition\tExample\tEnglish"
    assert all(len(r) == 6 for r in rows)
    bank, important = rows
    assert bank[:4] == ["銀行", "银行", "yínháng", "bank; CL:家[jia1]"]
    assert bank[4] == "宇樹科技在<b>銀行</b>旁邊行走。"
    assert bank[5] == "Unitree Robotics walks beside the bank."
    assert important[1] == ""  # same in both scripts
    assert "<b>重要</b>" in important[4]
    assert important[5] == "NVIDIA founder Jensen Huang said: AI is very important!"


def test_anki_all_vocab_threshold_names_and_function_words() -> None:
    art = traditional_article()
    words = [v.word for v in select_vocab(art, all_vocab=True, min_count=2)]
    assert words == ["銀行", "重要"]  # 很 occurs twice too but is a listed function word
    once = [v.word for v in select_vocab(art, all_vocab=True, min_count=1)]
    assert "行走" in once and "在" not in once  # 在 is a listed function word
    assert "宇樹科技" not in once and "黃仁勳" not in once  # names excluded
    with_names = [
        v.word for v in select_vocab(art, all_vocab=True, min_count=1, include_names=True)
    ]
    assert "宇樹科技" in with_names and "黃仁勳" in with_names


def test_anki_name_card_uses_glossary_english() -> None:
    art = traditional_article()
    _, rows = _deck(to_anki(art, words=["宇樹科技"], lookup=fake_lookup))
    assert rows[0][3] == "Unitree Robotics <i>(company)</i>"


def test_anki_gloss_example_is_labelled_and_word_not_a_token_is_found() -> None:
    art = traditional_article(method="gloss")
    _, rows = _deck(to_anki(art, words=["樹科"], lookup=fake_lookup))
    assert rows[0][4] == "宇<b>樹科</b>技在銀行旁邊行走。"
    assert rows[0][1] == "树科"
    assert "gloss (no MT model installed)" in rows[0][5]


def test_anki_without_words_is_a_one_line_error() -> None:
    with pytest.raises(ReaderError) as exc:
        to_anki(traditional_article(), lookup=fake_lookup)
    assert "\n" not in str(exc.value) and "--all-vocab" in str(exc.value)


def test_anki_with_real_dictionary() -> None:
    pytest.importorskip("reader.annotate.dictionary")
    _, rows = _deck(to_anki(traditional_article(), words=["銀行", "行走"]))
    assert "bank" in rows[0][3]
    assert "walk" in rows[1][3]


def test_anki_escapes_html() -> None:
    art = injection_article()
    _, rows = _deck(to_anki(art, words=["銀行"], include_names=True, lookup=fake_lookup))
    assert "<script>" not in rows[0][4] and "&lt;script&gt;" in rows[0][4]
    assert "<img" not in rows[0][3] + rows[0][5]


# --- writing ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "json", "tsv"])
def test_write_export_refuses_to_overwrite_and_leaves_no_temp_files(
    tmp_path: Path, fmt: str
) -> None:
    art = traditional_article()
    out = tmp_path / f"article.{fmt}"
    write_export(art, fmt, out)
    first = out.read_bytes()
    assert first.decode("utf-8") == render(art, fmt)
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportExists) as exc:
        write_export(art, fmt, out)
    assert "--force" in str(exc.value) and "\n" not in str(exc.value)
    assert out.read_text(encoding="utf-8") == "keep me"
    write_export(art, fmt, out, force=True)
    assert out.read_bytes() == first
    assert sorted(os.listdir(tmp_path)) == [out.name]


def test_write_export_failed_render_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "deck.txt"
    with pytest.raises(ReaderError):
        write_export(traditional_article(), "anki", out)  # no words selected
    assert not out.exists() and os.listdir(tmp_path) == []


def test_write_export_errors(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="directory"):
        write_export(traditional_article(), "md", tmp_path, force=True)
    with pytest.raises(ReaderError, match="unknown export format"):
        write_export(traditional_article(), "pdf", tmp_path / "x.pdf")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ReaderError, match="cannot write"):
        write_export(traditional_article(), "md", blocker / "sub" / "x.md")


def test_render_passes_only_the_options_a_format_takes() -> None:
    art = traditional_article()
    md = render(art, "md", words=["銀行"], stats=None)
    assert md == to_markdown(art)
    deck = render(art, "anki", words=["銀行"], stats=None, lookup=fake_lookup)
    assert "<b>銀行</b>" in deck


def test_format_for_path() -> None:
    assert format_for_path("a.md") == "md"
    assert format_for_path("A.HTML") == "html"
    assert format_for_path("x.json") == "json"
    assert format_for_path("v.anki.txt") == "anki"
    assert format_for_path("x.tsv") is None


def test_simplified_article_exports() -> None:
    art = simplified_article()
    md = to_markdown(art)
    assert "**阿里巴巴** (Alibaba)" in md and "Traditional: **阿里巴巴**的員工" in md
    doc = to_html(art)
    assert 'lang="zh-Hans"' in doc and 'lang="zh-Hant"' in doc
    assert parse(doc).tags.count(("ruby", {})) == len(han_words(art))
    assert json.loads(to_json(art))["sentences"][0]["converted"] == "阿里巴巴的員工在杭州創業。"


def test_gloss_label_matches_the_translate_module() -> None:
    from reader.export._common import GLOSS_LABEL
    from reader.translate import GLOSS_LABEL as TRANSLATE_LABEL

    assert GLOSS_LABEL == TRANSLATE_LABEL


def test_markdown_adjacent_names_share_one_bold_run() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    spec = {
        "tokens": [
            ("中國", "中国", "zhong1 guo2", ("China", "place", "glossary")),
            ("矽谷", "硅谷", "xi4 gu3", ("Silicon Valley", "place", "glossary")),
        ],
        "en": "China's Silicon Valley",
    }
    md = to_markdown(build_article([("p", [spec])], title="t"))
    assert "**中國** (China)**矽谷** (Silicon Valley)" in md
    assert "Simplified: **中国硅谷**" in md
    rendered = markdown_it.MarkdownIt("commonmark").render(md)
    assert "<strong>中國</strong> (China)<strong>矽谷</strong>" in rendered
    assert "<strong>中国硅谷</strong>" in rendered


def test_exports_never_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from test_export import traditional_article, fake_lookup\n"
        "from reader.export import render\n"
        "a = traditional_article()\n"
        "for f in ('md', 'html', 'json', 'tsv'):\n"
        "    render(a, f)\n"
        "render(a, 'anki', all_vocab=True, min_count=1, lookup=fake_lookup)\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(root / "tests")])}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
