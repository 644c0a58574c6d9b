"""The glossary renders, the recogniser judges: the decision, with a scripted recogniser.

A fake recogniser returns the entities a test scripts for each sentence, so these tests pin
the *decision* (reader/glossary/judge.py) independently of the trained weights (those are
tested in test_names_model.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.model import Block, LoadedText, Meta
from reader.pipeline import Options, annotate
from reader.resources import Resources


@dataclass(frozen=True)
class Ent:
    start: int
    end: int
    type: str
    confidence: float


class Scripted:
    """Entities by substring: {"小米": ("ORG", 0.9)} marks every 小米 in a sentence;
    {"小米|发布": …} marks only a 小米 followed by 发布."""

    def __init__(self, marks: dict[str, tuple[str, float]]) -> None:
        self.marks = marks
        self.calls = 0

    def recognise(self, text, words=None, pos=None, lexicon_spans=None):  # type: ignore[no-untyped-def]
        self.calls += 1
        out = []
        for key, (label, p) in self.marks.items():
            term, _, after = key.partition("|")
            start = text.find(term + after)
            while start >= 0:
                out.append(Ent(start, start + len(term), label, p))
                start = text.find(term + after, start + 1)
        return out


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("judge-cache")


def names(
    text: str, marks: dict[str, tuple[str, float]], cache: Path, **opts
) -> dict[str, tuple[str, bool]]:  # type: ignore[no-untyped-def]
    res = Resources(cache_dir=cache, recogniser=Scripted(marks))
    glossary = res.glossary(use_user=False)
    loaded = LoadedText(text=text, blocks=(Block(0, len(text)),), meta=Meta())
    article = annotate(loaded, Options(glossary=glossary, **opts), res)
    return {t.text: (t.glossary.en, t.glossary.forced) for t in article.tokens() if t.glossary}


def annotate_tokens(
    text: str, marks: dict[str, tuple[str, float]], cache: Path
) -> list[tuple[str, bool]]:
    res = Resources(cache_dir=cache, recogniser=Scripted(marks))
    loaded = LoadedText(text=text, blocks=(Block(0, len(text)),), meta=Meta())
    article = annotate(loaded, Options(glossary=res.glossary(use_user=False)), res)
    return [(t.text, t.glossary is not None) for t in article.tokens()]


def test_an_ordinary_use_is_not_forced_into_a_name(cache: Path) -> None:
    assert "得到" not in names("我们得到用户的认可。", {}, cache)
    assert "美的" not in names("这是很美的产品。", {}, cache)
    assert "精诚" not in names("双方精诚合作。", {}, cache)  # plain entry, ordinary word
    assert "苹果" not in names("我买了苹果、梨和香蕉。", {}, cache)
    assert "蚂蚁" not in names("院子里有蚂蚁、黄蜂。", {}, cache)


def test_the_recogniser_makes_an_ambiguous_term_a_name(cache: Path) -> None:
    got = names("小米进入汽车市场。", {"小米": ("ORG", 0.9)}, cache)
    assert got["小米"] == ("Xiaomi", True)
    # each occurrence is judged: the porridge stays porridge in the same article
    text = "小米发布新车。我早上喝小米粥。"
    got_tokens = annotate_tokens(text, {"小米|发布": ("ORG", 0.9)}, cache)
    assert [t for t, hit in got_tokens if hit] == ["小米"]


def test_established_names_still_need_some_support_in_each_sentence(cache: Path) -> None:
    text = "小米集团发布财报。小米进入汽车市场。他喝小米粥。"
    tokens = annotate_tokens(text, {"小米|进入": ("ORG", 0.3)}, cache)
    # 小米集团 is one glossary name and establishes 小米; the second 小米 has some support
    # from the recogniser (0.3 ≥ 0.2); the porridge has none and stays millet.
    named = [t for t, hit in tokens if hit]
    assert named == ["小米集团", "小米"]


def test_a_confident_other_kind_of_name_overrules_the_glossary(cache: Path) -> None:
    got = names("商汤灭夏，建立商朝。", {"商汤": ("PER", 0.95)}, cache)
    assert got.get("商汤", ("", False))[0] != "SenseTime"


def test_a_common_person_name_is_the_famous_one_only_beside_their_company(cache: Path) -> None:
    haidilao = names("海底捞创始人张勇说。", {"张勇": ("PER", 0.97)}, cache)
    assert haidilao["张勇"][0] == "Zhang Yong"
    alibaba = names(
        "阿里巴巴董事长张勇说。", {"张勇": ("PER", 0.97), "阿里巴巴": ("ORG", 0.9)}, cache
    )
    assert alibaba["张勇"][0] == "Daniel Zhang"


def test_unknown_names_are_rendered_by_kind(cache: Path) -> None:
    got = names(
        "记者王小明在滕州采访了费利佩和雷德克纳普，以及云图智造公司。",
        {
            "王小明": ("PER", 0.95),
            "滕州": ("LOC", 0.9),
            "费利佩": ("PER", 0.9),
            "雷德克纳普": ("PER", 0.9),
            "云图智造公司": ("ORG", 0.9),
        },
        cache,
    )
    assert got["王小明"] == ("Wang Xiaoming", True)
    assert got["滕州"] == ("Tengzhou", True)
    assert got["费利佩"] == ("", False)  # transliteration: left to the translator
    assert got["雷德克纳普"] == ("", False)
    assert got["云图智造公司"] == ("", False)  # unknown organisation: left to the translator


def test_unsure_unknown_names_are_not_shown_and_no_auto_names_keeps_glossary_only(
    cache: Path,
) -> None:
    assert "张开" not in names("他张开嘴笑了。", {"张开": ("PER", 0.3)}, cache)
    got = names("记者王小明报道。", {"王小明": ("PER", 0.95)}, cache, auto_names=False)
    assert "王小明" not in got


def test_a_plain_name_that_is_no_ordinary_word_stays_forced(cache: Path) -> None:
    got = names("宇树科技发布新机器人。", {}, cache)
    assert got["宇树科技"] == ("Unitree Robotics", True)


def test_a_place_heading_an_organisation_is_part_of_its_name(cache: Path) -> None:
    # Scripted recogniser texts are the folded (Simplified) sentence.
    text = "他被移送桃園地檢署後聲押。"
    got = names(text, {"桃园地检署": ("ORG", 0.9)}, cache)
    assert got["桃園地檢署"][0] == "Taoyuan District Prosecutors Office"
    assert "桃園" not in got
    # unsure or unseen by the recogniser: a glossary place heading an institution suffix
    # is still that institution, shown by the place's and the suffix's English, not forced
    for marks in ({"桃园地检署": ("ORG", 0.3)}, {}):
        unsure = names(text, marks, cache)
        assert unsure["桃園地檢署"] == ("Taoyuan District Prosecutors Office", False)
        assert "桃園" not in unsure
    # one that ends in no organisation suffix, below the forcing threshold, leaves the
    # place: tests/test_names_recall.py (a recogniser with tuned thresholds)


def test_a_glossary_place_heading_a_road_is_the_road(cache: Path) -> None:
    got = names("游客们沿着南京东路一路逛到外滩。", {}, cache)
    assert got["南京东路"] == ("Nanjing East Road", False)  # shown, not forced
    assert "南京" not in got
    # the place alone, and a place before an ordinary word, stay the place
    assert "南京" in names("他昨天到了南京。", {}, cache)


def test_a_word_the_dictionary_knows_only_as_an_organisation_is_one(cache: Path) -> None:
    got = names("▲广州日报记者摄。", {}, cache)
    assert got["广州日报"][0] == "Guangzhou Daily"
    assert "广州" not in got


@pytest.mark.parametrize(
    ("text", "place", "ordinary"),
    [
        ("杭州科技很发达。", "杭州", "杭州科技"),  # the city's technology: no company suffixes
        ("美国大学很贵。", "美国", "美国大学"),  # American universities: no universities
        ("病人送往台南医院急救。", "", "台南"),
    ],
)
def test_a_place_heads_only_institution_suffixes(
    text: str, place: str, ordinary: str, cache: Path
) -> None:
    got = names(text, {}, cache)
    assert ordinary not in got
    if place:
        assert place in got
    else:
        assert got["台南医院"] == ("Tainan Hospital", False)


def test_a_person_reaching_past_a_turned_down_entry_is_kept(cache: Path) -> None:
    """小米 in 记者李小米 is no Xiaomi (the judge turns it down), and that must not hide the
    person the recogniser found around it; an entity inside the turned-down match still
    gives no name (吉利 "lucky" is not rendered "Jili")."""
    got = names("记者李小米报道。", {"李小米": ("PER", 0.99)}, cache)
    assert got.get("李小米", ("", False))[0] == "Li Xiaomi"
    assert "小米" not in got
    inside = names("记者李小米报道。", {"小米": ("PER", 0.99)}, cache)
    assert "小米" not in inside and "李小米" not in inside


def test_a_glossary_term_across_a_word_edge_is_the_entry_where_the_recogniser_agrees(
    cache: Path,
) -> None:
    """jieba cuts 中共中央|政治局常委, so the glossary never reads 中共中央政治局 across
    the edge (平台中 is no 台中); the recogniser marking that very span is the evidence."""
    text = "中共中央政治局常委出席会议。"
    got = names(text, {"中共中央政治局": ("ORG", 0.99)}, cache)
    assert got["中共中央政治局"][0] == "Political Bureau of the CPC Central Committee"
    # without the recogniser's span the edge rule stands
    assert "中共中央政治局" not in names(text, {}, cache)
    # and a span of another kind of name is no such entry (a person named like a body)
    other = names(text, {"中共中央政治局": ("PER", 0.99)}, cache)
    assert other.get("中共中央政治局", ("", False))[0] != (
        "Political Bureau of the CPC Central Committee"
    )
