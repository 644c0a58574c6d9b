"""translate_article: batching, protected names, repair, cache, progress/cancel, fallback.

Fake translators make the model's behaviour a controlled input (copy names, drop them,
duplicate them, return nothing, loop); the fixture package runs the real CTranslate2 path.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.model import Article, GlossaryHit, Paragraph, Sentence, Token
from reader.translate import load_translator, translate_article
from reader.translate.cache import TranslationCache
from reader.translate.install import install_file

from argos_fixture import fixture_argosmodel

HAN = re.compile(r"[\u4e00-\u9fff]+")


@pytest.fixture(scope="session")
def argos_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_argosmodel(tmp_path_factory)


def make_article(
    items: Sequence[tuple[str, Sequence[tuple[str, str]]]], script: str = "simplified"
) -> Article:
    """One paragraph per sentence; ``(term, english)`` pairs mark every occurrence as a name."""
    text = ""
    paragraphs = []
    for index, (sentence_text, names) in enumerate(items):
        start = len(text) + (1 if text else 0)
        text = f"{text}\n{sentence_text}" if text else sentence_text
        spans: list[tuple[int, int, str]] = []
        for term, en in names:
            spans += [(m.start(), m.end(), en) for m in re.finditer(re.escape(term), sentence_text)]
        tokens, cursor = [], 0
        for a, b, en in sorted(spans):
            if cursor < a:
                tokens.append(Token(sentence_text[cursor:a], start + cursor, start + a))
            hit = GlossaryHit(start + a, start + b, sentence_text[a:b], en, "company", "test.tsv")
            tokens.append(Token(sentence_text[a:b], start + a, start + b, glossary=hit))
            cursor = b
        if cursor < len(sentence_text):
            tokens.append(Token(sentence_text[cursor:], start + cursor, start + len(sentence_text)))
        sentence = Sentence(index, start, start + len(sentence_text), sentence_text, tuple(tokens))
        paragraphs.append(Paragraph(index, sentence.start, sentence.end, sentences=(sentence,)))
    return Article(text=text, paragraphs=tuple(paragraphs), script=script)  # type: ignore[arg-type]


class FakeMT:
    """A model stand-in: ``fn`` maps each input text to its 'translation'."""

    def __init__(
        self, fn: Callable[[str], str], source_code: str = "zh", budget: int = 150
    ) -> None:
        self.fn = fn
        self.model_id = "fake@1"
        self.source_code = source_code
        self.max_source_tokens = budget
        self.calls: list[list[str]] = []
        self.fragments: list[bool] = []

    def count_tokens(self, text: str) -> int:
        return len(text)

    def translate(self, texts: Sequence[str], fragments: bool = False) -> list[str]:
        self.calls.append(list(texts))
        self.fragments.append(fragments)
        return [self.fn(t) for t in texts]


def copy_names(text: str) -> str:
    return HAN.sub(" word ", text)


def drop_names(text: str) -> str:
    return HAN.sub(" word ", re.sub(r"[A-Za-z][A-Za-z ]*", "", text))


SAMPLE = [
    ("阿里巴巴在杭州宣布投资。", [("阿里巴巴", "Alibaba"), ("杭州", "Hangzhou")]),
    (
        "蚂蚁集团和阿里巴巴都在杭州。",
        [("蚂蚁集团", "Ant Group"), ("阿里巴巴", "Alibaba"), ("杭州", "Hangzhou")],
    ),
    ("今天天气很好。", []),
    ("2024 — AI", []),
    ("阿里巴巴（Alibaba）", [("阿里巴巴", "Alibaba")]),
]


def rendering_counts(text: str, renderings: Sequence[str]) -> Counter[str]:
    """Independent check: whole-word occurrences, longest rendering first."""
    counts: Counter[str] = Counter()
    for r in sorted(set(renderings), key=len, reverse=True):
        pattern = rf"(?<![A-Za-z0-9]){re.escape(r)}(?![A-Za-z0-9])"
        counts[r] = len(re.findall(pattern, text))
        text = re.sub(pattern, "\0", text)
    return counts


def assert_names_exact(article: Article) -> None:
    """Each name's rendering once per occurrence (plus copies the source already writes)."""
    for s in article.sentences():
        assert s.translation is not None and s.translation.text.strip()
        names = [h.en for h in s.glossary_hits]
        assert list(s.translation.glossary_applied) == names
        outside = s.text
        for h in s.glossary_hits:
            a, b = h.start - s.start, h.end - s.start
            outside = outside[:a] + "\0" * (b - a) + outside[b:]
        want = Counter(names) + rendering_counts(outside, names)
        assert rendering_counts(s.translation.text, names) == want, s.translation.text


def test_names_the_model_copies_are_verified_not_repaired() -> None:
    mt = FakeMT(copy_names)
    out, stats = translate_article(make_article(SAMPLE), mt, cache=TranslationCache.memory())
    assert_names_exact(out)
    first = next(out.sentences()).translation
    assert first is not None and first.text == "Alibaba word Hangzhou word."
    assert not first.repaired and first.method == "mt"
    assert out.model == "fake@1"
    assert (stats.sent_to_model, stats.copied, stats.repaired, stats.from_cache) == (3, 2, 0, 0)
    assert list(out.sentences())[4].translation.text == "Alibaba (Alibaba)"  # type: ignore[union-attr]
    assert len(mt.calls) == 1  # every sentence in one batch


def test_lost_names_are_repaired_in_one_more_batch() -> None:
    mt = FakeMT(drop_names)
    out, stats = translate_article(make_article(SAMPLE), mt, cache=TranslationCache.memory())
    assert_names_exact(out)
    flags = [s.translation.repaired for s in out.sentences() if s.translation]
    assert flags == [True, True, False, False, False]
    assert stats.repaired == 2
    # first round, then placeholders (also dropped), then all repair pieces together
    assert len(mt.calls) == 3
    assert mt.fragments == [False, False, True]
    assert all("ZX" in t for t in mt.calls[1])
    assert all(not re.search("[A-Za-z]", t) for t in mt.calls[2])  # pieces between names only
    second = list(out.sentences())[1].translation
    assert second is not None and second.text == "Ant Group word Alibaba word Hangzhou."


def test_cached_rerun_still_counts_repaired_sentences() -> None:
    cache = TranslationCache.memory()
    translate_article(make_article(SAMPLE), FakeMT(drop_names), cache=cache)
    out, stats = translate_article(make_article(SAMPLE), FakeMT(drop_names), cache=cache)
    assert stats.from_cache == 3 and stats.sent_to_model == 0  # two have no Chinese: copied
    assert (
        stats.repaired
        == sum(bool(s.translation and s.translation.repaired) for s in out.sentences())
        == 2
    )


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: copy_names(t).replace("Alibaba", "alibaba"),  # mangled
        lambda t: copy_names(t).replace("Hangzhou", "Hangzhou Hangzhou"),  # duplicated
        lambda t: copy_names(t).replace("Ant Group", "Ant"),  # shortened
    ],
)
def test_mangled_or_duplicated_names_are_repaired(mangle: Callable[[str], str]) -> None:
    out, stats = translate_article(
        make_article(SAMPLE[:2]), FakeMT(mangle), cache=TranslationCache.memory()
    )
    assert_names_exact(out)
    assert stats.repaired >= 1


def test_model_returning_nothing_falls_back_to_a_gloss() -> None:
    out, stats = translate_article(
        make_article(SAMPLE[:3]), FakeMT(lambda t: ""), cache=TranslationCache.memory()
    )
    assert_names_exact(out)
    plain = list(out.sentences())[2].translation
    assert plain is not None and plain.method == "gloss" and "weather" in plain.text
    assert stats.glossed == 3


def test_loops_are_collapsed() -> None:
    looped = FakeMT(lambda t: copy_names(t) + " (applause)" * 30)
    out, stats = translate_article(
        make_article(SAMPLE[:1]), looped, cache=TranslationCache.memory()
    )
    text = next(out.sentences()).translation.text  # type: ignore[union-attr]
    assert text.count("applause") == 1 and stats.loops_collapsed == 1


def test_second_run_sends_nothing_to_the_model() -> None:
    cache = TranslationCache()
    article = make_article(SAMPLE)
    first, stats1 = translate_article(article, FakeMT(drop_names), cache=cache)
    mt = FakeMT(drop_names)
    second, stats2 = translate_article(article, mt, cache=cache)
    assert mt.calls == [] and stats2.sent_to_model == 0 and stats2.from_cache == 3
    for a, b in zip(first.sentences(), second.sentences(), strict=True):
        assert a.translation and b.translation
        assert (a.translation.text, a.translation.repaired) == (
            b.translation.text,
            b.translation.repaired,
        )
        assert b.translation.from_cache == (b.index < 3)


def test_cache_keys_follow_model_and_names() -> None:
    cache = TranslationCache.memory()
    translate_article(make_article(SAMPLE[:1]), FakeMT(copy_names), cache=cache)
    other_model = FakeMT(copy_names)
    other_model.model_id = "fake@2"
    _, stats = translate_article(make_article(SAMPLE[:1]), other_model, cache=cache)
    assert stats.from_cache == 0
    renamed = make_article([("阿里巴巴在杭州宣布投资。", [("阿里巴巴", "Alibaba Group")])])
    _, stats = translate_article(renamed, FakeMT(copy_names), cache=cache)
    assert stats.from_cache == 0


def test_identical_sentences_are_decoded_once() -> None:
    mt = FakeMT(copy_names)
    translate_article(make_article([SAMPLE[0]] * 5), mt, cache=TranslationCache.memory())
    assert sum(len(c) for c in mt.calls) == 1


def test_traditional_text_goes_through_t2s_but_names_stay() -> None:
    mt = FakeMT(copy_names)
    article = make_article([("輝達與阿里巴巴對話。", [("輝達", "NVIDIA")])], script="traditional")
    out, _ = translate_article(article, mt, cache=TranslationCache.memory())
    assert mt.calls == [["NVIDIA 与阿里巴巴对话。"]]
    assert_names_exact(out)
    zt = FakeMT(copy_names, source_code="zt")
    translate_article(article, zt, cache=TranslationCache.memory())
    assert zt.calls == [["NVIDIA 與阿里巴巴對話。"]]  # a zt→en model reads Traditional


def test_long_sentences_are_split_at_clauses_not_truncated() -> None:
    long = "阿里巴巴在杭州宣布投资，" * 6 + "今天天气很好。"
    mt = FakeMT(copy_names, budget=25)
    out, _ = translate_article(
        make_article([(long, [("阿里巴巴", "Alibaba")])]), mt, cache=TranslationCache.memory()
    )
    sent = [t for call in mt.calls for t in call]
    assert len(sent) > 1 and all(len(t) <= 25 + len("Alibaba ") for t in sent)
    assert_names_exact(out)
    assert next(out.sentences()).translation.text.count("Alibaba") == 6  # type: ignore[union-attr]


def test_progress_reports_batches_and_cancel_keeps_finished_work() -> None:
    items = [(f"第{i}句话说阿里巴巴。", [("阿里巴巴", "Alibaba")]) for i in range(80)]
    article = make_article(items)
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 32:
            cancel.set()

    cache = TranslationCache()
    out, stats = translate_article(
        article, FakeMT(copy_names), cache=cache, progress=progress, cancel=cancel
    )
    assert stats.cancelled
    done = [s for s in out.sentences() if s.translation is not None]
    assert 32 <= len(done) < 80
    assert seen[0] == (0, 80) and all(t == 80 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    seen.clear()
    mt = FakeMT(copy_names)
    out, stats = translate_article(
        article, mt, cache=cache, progress=lambda d, t: seen.append((d, t))
    )
    assert not stats.cancelled and stats.from_cache == len(done)
    assert seen[-1] == (80, 80)
    assert_names_exact(out)


def test_without_a_model_every_sentence_is_glossed() -> None:
    out, stats = translate_article(make_article(SAMPLE))
    assert out.model is None and stats.glossed == 5
    for s in out.sentences():
        assert s.translation is not None and s.translation.method == "gloss"
    assert_names_exact(out)
    first = next(out.sentences()).translation
    assert first is not None and "declare" in first.text  # 宣布 from CC-CEDICT


# -- the real engine, through the fixture package ---------------------------------------------


def test_load_translator_finds_the_installed_package(argos_package: Path) -> None:
    assert load_translator() is None
    pkg = install_file(argos_package)
    translator = load_translator()
    assert translator is not None and translator.model_id.startswith("translate-zh_en-0_1@")
    assert load_translator() is translator  # loaded once, reused
    assert translator.package.path == pkg.path
    assert not translator.loaded  # nothing heavy until the first translation


def test_engine_batches_and_keeps_names(
    argos_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_file(argos_package)
    translator = load_translator()
    assert translator is not None
    items = [
        (f"第{i}次，阿里巴巴在杭州宣布投资。", [("阿里巴巴", "Alibaba"), ("杭州", "Hangzhou")])
        for i in range(40)
    ]
    calls: list[int] = []
    real = translator.translate
    monkeypatch.setattr(
        translator,
        "translate",
        lambda texts, fragments=False: calls.append(len(texts)) or real(texts, fragments),
    )
    out, stats = translate_article(make_article(items), translator, cache=TranslationCache.memory())
    assert_names_exact(out)
    assert stats.sent_to_model == 40
    # batches, not one call per sentence: 32 + 8 per round (masked, placeholders, clauses)
    # (the article's first 4 inputs go first, alone: the first screen is ready sooner)
    assert calls[:2] == [4, 32] and len(calls) <= 10


def test_engine_output_is_aligned_with_its_input(argos_package: Path) -> None:
    install_file(argos_package)
    translator = load_translator()
    assert translator is not None
    texts = ["杭州", "阿里巴巴宣布在杭州投资。", "今天天气很好，我们去公园散步吧。"]
    forward = translator.translate(texts)
    assert len(forward) == 3 and all(isinstance(t, str) for t in forward)
    assert translator.translate(texts[::-1]) == forward[::-1]


def test_a_model_for_another_pair_is_refused(tmp_path: Path, argos_package: Path) -> None:
    import json
    import zipfile

    with zipfile.ZipFile(argos_package) as zf:
        zf.extractall(tmp_path)
    meta_path = tmp_path / "translate-zh_en-0_1" / "metadata.json"
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "from_code": "de"}))
    with pytest.raises(ReaderError, match="de→en"):
        load_translator(str(tmp_path / "translate-zh_en-0_1"))
