"""One Resources object owns what annotation learns: no state leaks from one run to the next."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.model import Block, LoadedText, Meta
from reader.pipeline import Options, annotate, annotate_sentences
from reader.resources import Resources


def _loaded(text: str) -> LoadedText:
    return LoadedText(text=text, blocks=(Block(0, len(text)),), meta=Meta())


def _words(article) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.text for t in article.tokens()]


def test_a_glossary_word_does_not_leak_into_a_run_without_it(tmp_path: Path) -> None:
    resources = Resources(cache_dir=tmp_path)
    extra = tmp_path / "g.tsv"
    extra.write_text("zh\ten\ttype\n云栖小镇\tYunqi Town\tplace\n", encoding="utf-8")
    with_glossary = resources.glossary(extra_files=[extra], use_default=False, use_user=False)
    text = "他去了云栖小镇参观。"
    first = annotate(_loaded(text), Options(glossary=with_glossary, auto_names=False), resources)
    assert "云栖小镇" in _words(first)
    later = annotate(_loaded(text), Options(auto_names=False), resources)
    fresh = annotate(_loaded(text), Options(auto_names=False), Resources(cache_dir=tmp_path))
    assert _words(later) == _words(fresh)
    assert "云栖小镇" not in _words(later)


def test_reannotating_one_sentence_keeps_names_established_elsewhere(tmp_path: Path) -> None:
    resources = Resources(cache_dir=tmp_path)
    glossary = resources.glossary(use_user=False)
    text = "小米创始人雷军说。小米进入汽车市场。"
    options = Options(glossary=glossary)
    article = annotate(_loaded(text), options, resources)
    sentences = list(article.sentences())
    assert len(sentences) == 2

    def xiaomi(sentence) -> list[str]:  # type: ignore[no-untyped-def]
        return [t.glossary.en for t in sentence.tokens if t.text == "小米" and t.glossary]

    assert xiaomi(sentences[0]) == ["Xiaomi"] and xiaomi(sentences[1]) == ["Xiaomi"]
    again = annotate_sentences(article, [1], options, resources)
    assert list(again) == [1]
    assert xiaomi(again[1]) == ["Xiaomi"]
    assert again[1].start == sentences[1].start and again[1].index == 1


def test_two_resources_objects_are_independent(tmp_path: Path) -> None:
    a, b = Resources(cache_dir=tmp_path), Resources(cache_dir=tmp_path)
    assert a.segmenter is not b.segmenter
    assert a.segmenter is a.segmenter  # built once


def test_segmenter_tables_come_from_one_cache_file(tmp_path: Path) -> None:
    seg = Resources(cache_dir=tmp_path).segmenter
    assert (tmp_path / "jieba.table").is_file()
    again = Resources(cache_dir=tmp_path).segmenter  # loaded from the cache
    text = "杭州六小龙在人工智能领域崛起"
    assert seg.cut(text) == again.cut(text)
    assert seg.tag("杭州") == again.tag("杭州") == "ns"
    # a damaged cache is rebuilt, not fatal
    (tmp_path / "jieba.table").write_bytes(b"garbage")
    assert Resources(cache_dir=tmp_path).segmenter.cut(text) == seg.cut(text)


def test_streamed_json_equals_the_whole_document(tmp_path: Path) -> None:
    import io
    import json

    from reader.cli.annotate import write_json_stream
    from reader.pipeline import article_to_json, iter_annotated, outline
    from reader.resources import default_resources

    text = "小米创始人雷军说。小米进入汽车市场。\n\n杭州是一座城市。OpenAI 发布了新模型。"
    loaded = LoadedText(
        text=text, blocks=(Block(0, 18), Block(20, len(text))), meta=Meta(title="t")
    )
    res = default_resources()
    options = Options(glossary=res.glossary(use_user=False))
    whole = annotate(loaded, options, res)
    skeleton = outline(loaded, options, tokens=False)
    out = io.StringIO()
    chunks = iter_annotated(skeleton, options, res, chunk=1)  # one sentence per chunk
    write_json_stream(skeleton, (s for c in chunks for s in c), out)
    assert json.loads(out.getvalue()) == json.loads(json.dumps(article_to_json(whole)))


def test_iter_annotated_starts_where_asked_and_covers_every_sentence() -> None:
    from reader.pipeline import iter_annotated, outline

    text = "一。二。三。四。五。"
    loaded = _loaded(text)
    skeleton = outline(loaded, Options(auto_names=False), tokens=False)
    order = [
        s.index
        for c in iter_annotated(skeleton, Options(auto_names=False), chunk=2, start=3)
        for s in c
    ]
    assert order == [3, 4, 0, 1, 2]


def test_the_translation_cache_belongs_to_its_resources(tmp_path: Path) -> None:
    """Each Resources owns one translation cache handle in its own cache dir; the translate
    module keeps none (what one run cached is found by the run that shares the handle)."""
    from test_translate import SAMPLE, FakeMT, drop_names, make_article

    import reader.translate.run as run
    from reader.translate import translate_article

    first, second = Resources(tmp_path / "a"), Resources(tmp_path / "b")
    assert first.translation_cache is first.translation_cache
    assert first.translation_cache.path == tmp_path / "a" / "translations.sqlite3"
    assert second.translation_cache.path == tmp_path / "b" / "translations.sqlite3"
    article = make_article(SAMPLE)
    translate_article(article, FakeMT(drop_names), cache=first.translation_cache)
    again = FakeMT(drop_names)
    translate_article(article, again, cache=first.translation_cache)
    assert again.calls == []  # all from the first resources' cache
    other = FakeMT(drop_names)
    translate_article(article, other, cache=second.translation_cache)
    assert other.calls  # the second resources' cache is its own
    assert not any(isinstance(v, type(first.translation_cache)) for v in vars(run).values())


def test_the_translation_cache_follows_the_user_cache_dir(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without a cache dir given, translations go where READER_HOME says at the time."""
    resources = Resources()
    assert resources.translation_cache.path == _isolated_home / "cache" / "translations.sqlite3"
    monkeypatch.setenv("READER_HOME", str(tmp_path / "elsewhere"))
    assert (
        resources.translation_cache.path
        == tmp_path / "elsewhere" / "cache" / "translations.sqlite3"
    )


def test_cc_cedict_belongs_to_its_resources(tmp_path: Path) -> None:
    """The dictionary is one of the resources: its index lives in their cache dir, the
    pinyin reader and the name decider read it, and another Resources has its own."""
    first, second = Resources(cache_dir=tmp_path / "a"), Resources(cache_dir=tmp_path / "b")
    assert first.dictionary is first.dictionary
    assert first.dictionary is not second.dictionary
    annotate(_loaded("得到用户的支持。"), Options(), first)
    assert (tmp_path / "a" / "cedict.table").is_file()
    assert not (tmp_path / "b").exists()
    assert first.pinyin.words.dictionary is first.dictionary
    assert first.dictionary.only_common_senses("得到")  # "to get": an ordinary word
    assert not first.dictionary.only_common_senses("腾讯")  # a proper noun
    assert [e.pinyin for e in first.dictionary.lookup("銀行")][0] == "yin2 hang2"
    # without a cache dir of their own, resources share the default index (one per process)
    from reader.annotate.dictionary import default_dictionary

    assert Resources().dictionary is default_dictionary()
