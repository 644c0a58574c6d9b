"""Names the model mangles are fixed inside its sentence; survival counted before and after.

Each fake model copies the masked input (Chinese → "word") and then mangles the protected
names one way: recase, misspell, hyphenate, double, drop a word, transliterate to pinyin,
leave the Chinese untranslated, drop the name (placeholders rescue it) or drop every name
(pieces, for the clause holding the name only). "Survived" = the sentence is the model's
own (method ``mt`` or ``mt+name-fixed``); "before" = what strict verification alone kept
(method ``mt``: verify passes untouched), which is what the previous code kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from test_translate import FakeMT, assert_names_exact, copy_names, make_article

from reader.translate import load_translator, translate_article
from reader.translate.cache import TranslationCache
from reader.translate.install import install_file
from reader.translation_method import TranslationMethod as M

from argos_fixture import fixture_argosmodel

NAMES = {
    "阿里巴巴": "Alibaba",
    "杭州": "Hangzhou",
    "蚂蚁集团": "Ant Group",
    "比亚迪": "BYD",
    "王传福": "Wang Chuanfu",
    "华为": "Huawei",
    "宇树科技": "Unitree Robotics",
}
CHINESE = {en: zh for zh, en in NAMES.items()}
SENTENCES = [
    "阿里巴巴在杭州宣布投资。",
    "蚂蚁集团和阿里巴巴都在杭州。",
    "比亚迪董事长王传福表示，比亚迪将与华为合作。",
    "宇树科技在杭州发布新机器人，售价很低。",
]
ITEMS = [(s, [(zh, en) for zh, en in NAMES.items() if zh in s]) for s in SENTENCES]
NAME_RE = re.compile("|".join(sorted(map(re.escape, CHINESE), key=len, reverse=True)))


def mangled(change: Callable[[str], str]) -> Callable[[str], str]:
    """Copy the input (Chinese → "word"), then ``change`` every protected name."""

    def fn(text: str) -> str:
        out = copy_names(text)
        return NAME_RE.sub(lambda m: change(m.group()), out)

    return fn


PINYIN = {
    "Alibaba": "Alibaba",
    "Hangzhou": "Hangzhou",
    "Ant Group": "Mayi Group",
    "BYD": "Biyadi",
    "Wang Chuanfu": "Wang Chuanfu",
    "Huawei": "Huawei",
    "Unitree Robotics": "Yushu Technology",
}
MISSPELT = {"Alibaba": "Alibabba", "Hangzhou": "Hangzou", "Ant Group": "Ant Grop"}


def drop_all_latin(text: str) -> str:
    return re.sub(r"[A-Za-z]+", "", copy_names(text).replace("word", "")) + " word"


FAKES: dict[str, tuple[Callable[[str], str], set[M]]] = {
    # name: (fake model, methods allowed for the sentences with names)
    "copied": (copy_names, {M.MT}),
    "recased": (mangled(str.lower), {M.MT_NAME_FIXED}),
    "upper": (mangled(str.upper), {M.MT_NAME_FIXED}),
    "hyphenated": (mangled(lambda n: n.replace(" ", "-")), {M.MT, M.MT_NAME_FIXED}),
    "spaced": (
        mangled(lambda n: " ".join(n[i : i + 3] for i in range(0, len(n), 3))),
        {M.MT_NAME_FIXED},
    ),
    "misspelt": (mangled(lambda n: MISSPELT.get(n, n)), {M.MT, M.MT_NAME_FIXED}),
    "doubled": (mangled(lambda n: f"{n} {n}"), {M.MT_NAME_FIXED}),
    "word dropped": (mangled(lambda n: n.split()[0]), {M.MT, M.MT_NAME_FIXED}),
    "pinyin": (mangled(lambda n: PINYIN[n]), {M.MT, M.MT_NAME_FIXED}),
    "left in Chinese": (mangled(lambda n: CHINESE[n]), {M.MT_NAME_FIXED}),
    "dropped, placeholders copied": (
        lambda t: re.sub(r"\s+", " ", NAME_RE.sub("", copy_names(t))),
        {M.MT_NAME_FIXED},
    ),
    "every name dropped": (drop_all_latin, {M.MT_PIECES}),
}


def run_fake(fn: Callable[[str], str]) -> tuple[list[M], FakeMT, object]:
    mt = FakeMT(fn)
    out, stats = translate_article(make_article(ITEMS), mt, cache=TranslationCache.memory())
    assert_names_exact(out)
    methods = [s.translation.method for s in out.sentences() if s.translation is not None]
    assert len(methods) == len(ITEMS)
    return methods, mt, out


@pytest.mark.parametrize("kind", FAKES)
def test_each_mangling_keeps_names_exact_and_labels_honestly(kind: str) -> None:
    fn, allowed = FAKES[kind]
    methods, _, _ = run_fake(fn)
    assert set(methods) <= allowed, methods


def test_fixed_in_place_keeps_the_models_words() -> None:
    methods, mt, out = run_fake(mangled(lambda n: PINYIN[n]))
    texts = [s.translation.text for s in out.sentences()]  # type: ignore[union-attr]
    assert texts[3] == "Unitree Robotics word Hangzhou word, word."
    assert texts[2] == "BYD word Wang Chuanfu word, BYD word Huawei word."
    assert len(mt.calls) == 1  # no second round: every name was found in the sentence


def test_pieces_only_for_the_clause_holding_the_lost_name() -> None:
    def lose_unitree(text: str) -> str:
        out = copy_names(text)
        return out.replace("Unitree Robotics", "").replace("ZXA", "")

    _, mt, out = run_fake(lose_unitree)
    last = list(out.sentences())[3].translation
    assert last is not None and last.method == M.MT_PIECES
    # The clause "售价很低。" went to the model whole; only "在杭州发布新机器人，" was cut up.
    assert "售价很低。" in mt.calls[2]
    assert mt.fragments[-1] is True and "售价很低。" not in mt.calls[-1]


def survival(fn: Callable[[str], str]) -> tuple[int, int]:
    methods, _, _ = run_fake(fn)
    with_names = methods  # every sentence here holds a name
    before = sum(m == M.MT for m in with_names)
    after = sum(m in (M.MT, M.MT_NAME_FIXED) for m in with_names)
    return before, after


def test_survival_before_and_after(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {kind: survival(fn) for kind, (fn, _) in FAKES.items()}
    total_before = sum(b for b, _ in rows.values())
    total_after = sum(a for _, a in rows.values())
    with capsys.disabled():
        print(f"\nmodel sentences kept (of {len(ITEMS)} per fake): before → after")
        for kind, (before, after) in rows.items():
            print(f"  {kind:30} {before} → {after}")
        print(f"  {'total':30} {total_before} → {total_after} of {len(ITEMS) * len(rows)}")
    assert total_after >= total_before + 6 * len(ITEMS)
    assert rows["every name dropped"][1] == 0  # pieces are not counted as the model's


@pytest.fixture(scope="session")
def argos_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_argosmodel(tmp_path_factory)


def test_decoding_is_deterministic_whatever_the_batch(argos_package: Path) -> None:
    install_file(argos_package)
    translator = load_translator()
    assert translator is not None
    texts = [
        "阿里巴巴在杭州宣布投资。",
        "今天天气很好，我们去公园散步吧。",
        "杭州",
        "蚂蚁集团和阿里巴巴都在杭州，比亚迪董事长王传福表示将与华为合作。",
        "宇树科技在杭州发布新机器人，售价很低，很多人都想买一个回家。",
        "第一次",
    ]
    first = translator.translate(texts)
    assert translator.translate(texts) == first
    assert translator.translate(texts[::-1]) == first[::-1]
    # A different batch: the long sentences' neighbours change, their output does not.
    assert translator.translate(texts[3:] + ["好"])[:3] == first[3:]
    assert translator.translate([texts[0], texts[2]]) == [first[0], first[2]]
    article = make_article([(t, []) for t in texts])
    a, _ = translate_article(article, translator, cache=TranslationCache.memory())
    b, _ = translate_article(article, translator, cache=TranslationCache.memory())
    assert [s.translation for s in a.sentences()] == [s.translation for s in b.sentences()]


def test_eager_repair_decodes_placeholders_in_the_first_call_with_the_same_english() -> None:
    """A reader waiting for one sentence: the placeholder input goes in the first batch,
    so a dropped name costs no second model round, and the English is what the rounds
    would have made."""
    fn = FAKES["dropped, placeholders copied"][0]
    article = make_article(ITEMS[:1])
    late = FakeMT(fn)
    lazy, _ = translate_article(article, late, cache=TranslationCache.memory())
    eager_mt = FakeMT(fn)
    eager, _ = translate_article(
        article, eager_mt, cache=TranslationCache.memory(), eager_repair=True
    )
    assert [s.translation for s in eager.sentences()] == [s.translation for s in lazy.sentences()]
    assert len(late.calls) == 2 and len(eager_mt.calls) == 1
    assert any("ZXA" in t for t in eager_mt.calls[0])
    first = next(iter(eager.sentences())).translation
    assert first is not None and first.method == M.MT_NAME_FIXED


def test_eager_repair_costs_no_round_when_the_names_survive() -> None:
    mt = FakeMT(copy_names)
    out, _ = translate_article(
        make_article(ITEMS[:1]), mt, cache=TranslationCache.memory(), eager_repair=True
    )
    assert len(mt.calls) == 1  # the placeholder text rode along, unused
    assert [s.translation.method for s in out.sentences() if s.translation] == [M.MT]


def test_benchmark_forced_lengths_follow_each_groups_longest_source(argos_package: Path) -> None:
    """Benchmarks force output lengths (random weights never stop): a one-sentence call is
    forced to ratio x its own tokens, not its length group's ceiling; a group's sentences
    share the length of its longest."""
    from reader.translate.engine import DecodeOptions, Translator

    install_file(argos_package)
    installed = load_translator()
    assert installed is not None
    tr = Translator(installed.package, DecodeOptions(forced_length_ratio=1.5, length_bucket=16))
    short, longer = "杭州", "阿里巴巴在杭州宣布投资。"
    n_short, n_long = tr.count_tokens(short), tr.count_tokens(longer)
    assert tr.bucket(n_short) == tr.bucket(n_long) and n_short < n_long
    assert tr.group_forced_lengths([short]) == [round(n_short * 1.5)]
    assert tr.group_forced_lengths([short, longer]) == [round(n_long * 1.5)] * 2
    kwargs = tr.decode_kwargs(tr.bucket(n_short), 1, longest=n_short)
    assert kwargs["min_decoding_length"] == kwargs["max_decoding_length"] == round(n_short * 1.5)
    plain = Translator(installed.package, DecodeOptions())
    assert "min_decoding_length" not in plain.decode_kwargs(16, 1, longest=3)
