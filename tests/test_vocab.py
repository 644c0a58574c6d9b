"""The learner's vocabulary: store, what counts as a word, HSK levels, imports, stats."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from reader.model import GlossaryHit, LoadedText, Meta, Token
from reader.vocab import HskSystem, Levels, Status, VocabRules, VocabStore
from reader.vocab.imports import parse_words
from reader.vocab.stats import ArticleWords, article_stats
from reader.vocab.store import Meeting
from reader.vocab.words import fold_word


@pytest.fixture(scope="module")
def levels() -> Levels:
    return Levels()


@pytest.fixture(scope="module")
def rules(levels: Levels) -> VocabRules:
    return VocabRules(levels.words())


def tok(text: str, pos: str = "n", glossary: GlossaryHit | None = None) -> Token:
    return Token(text, 0, len(text), pos=pos, glossary=glossary)


def key(rules: VocabRules, token: Token) -> str | None:
    return rules.key(token, fold_word(token.text))


# -- what counts as vocabulary ------------------------------------------------------------


def test_both_scripts_map_to_one_key(rules: VocabRules):
    assert key(rules, tok("銀行")) == key(rules, tok("银行")) == "银行"
    assert key(rules, tok("發展", "v")) == "发展"


def test_names_numbers_and_punctuation_are_not_vocabulary(rules: VocabRules):
    name = GlossaryHit(0, 4, "宇树科技", "Unitree Robotics", "company", "x.tsv")
    assert key(rules, tok("宇樹科技", "nt", name)) is None
    auto = GlossaryHit(0, 2, "蒋韬", "Jiang Tao", "person", "auto", "auto")
    assert key(rules, tok("蒋韬", "nr", auto)) is None
    for number in ("三", "三千五百", "第三", "五年", "两千万元", "億元", "十多", "2024", "3.5"):
        assert key(rules, tok(number, "m")) is None, number
    # jieba does not always tag numbers m: the shape decides too
    for number in ("三个", "五年", "第二次", "十几"):
        assert key(rules, tok(number, "x")) is None, number
    for punct in ("，", "。", "「", "——", "AI", "5G", "A股"):
        assert key(rules, tok(punct, "x")) is None, punct


def test_lexicalised_numeral_words_still_count(rules: VocabRules):
    # HSK words that start with a numeral are words to learn, even when tagged m
    for word in ("一些", "一下", "一起", "一样"):
        assert key(rules, tok(word, "m")) == word
    assert key(rules, tok("一定", "d")) == "一定"


def test_ordinary_words_count(rules: VocabRules):
    for word, pos in (("的", "uj"), ("是", "v"), ("机器人", "n"), ("估值", "n")):
        assert key(rules, tok(word, pos)) == word


# -- levels -------------------------------------------------------------------------------


def test_hsk_levels_in_both_systems(levels: Levels):
    assert levels.level("爱好") == 1  # new-1, old-3 in the source list
    assert levels.level("爱好", HskSystem.HSK2) == 3
    assert levels.level(fold_word("銀行")) == levels.level("银行") is not None
    assert levels.level("阿拉伯语") == 7  # the 7–9 band
    assert levels.level("阿拉伯语", HskSystem.HSK2) is None
    assert levels.level("宇树科技") is None
    assert 450 <= len(levels.words_up_to(1)) <= 550  # the official HSK 3.0 level 1 has 500
    assert len(levels.words_up_to(6, HskSystem.HSK2)) > 4900  # HSK 2.0: 5,000 words
    assert levels.frequency_rank("的") is not None
    assert levels.frequency_rank("的") < levels.frequency_rank("估值")  # type: ignore[operator]


# -- the store ----------------------------------------------------------------------------


def test_statuses_survive_a_restart(tmp_path: Path):
    path = tmp_path / "vocab.sqlite"
    store = VocabStore(path)
    store.set_status(["银行", "发展"], Status.KNOWN)
    store.set_status(["估值"], Status.LEARNING)
    store.set_setting("hsk", "2.0")
    store.close()
    again = VocabStore(path)
    assert again.status("银行") is Status.KNOWN
    assert again.status("估值") is Status.LEARNING
    assert again.status("从未") is Status.NEW
    assert again.get_setting("hsk") == "2.0"
    assert again.notice == ""
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_record_article_counts_once_and_caps_sentences(tmp_path: Path):
    store = VocabStore(tmp_path / "v.sqlite")
    many = tuple((i, f"句子{i}") for i in range(9))
    assert store.record_article(
        "a.txt", [Meeting("银行", 9, many), Meeting("估值", 1, ((2, "x"),))]
    )
    assert not store.record_article("a.txt", [Meeting("银行", 9, many)])  # same article again
    store.record_article("b.txt", [Meeting("银行", 2, ((0, "b0"),))])
    row = store.row("银行")
    assert row is not None and row.seen == 11 and row.first_article == "a.txt"
    assert row.status is Status.NEW and row.first_seen
    assert len(store.sentences("银行")) == 5  # capped
    assert store.sentences("估值")[0].text == "x"


def _writer(path: str, tag: str, n: int) -> None:
    store = VocabStore(Path(path))
    for i in range(n):
        store.set_status([f"{tag}{i}"], Status.KNOWN)
        store.record_article(f"{tag}-{i}.txt", [Meeting("共同", 1, ((i, f"{tag}{i}"),))])
    store.close()


def test_concurrent_writes_from_two_processes_lose_nothing(tmp_path: Path):
    path = tmp_path / "vocab.sqlite"
    VocabStore(path).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(path), tag, 60)) for tag in ("甲", "乙")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    store = VocabStore(path)
    assert store.counts()[Status.KNOWN] == 120
    row = store.row("共同")
    assert row is not None and row.seen == 120  # every increment of the shared word landed


def test_a_corrupt_file_is_moved_aside_not_deleted(tmp_path: Path):
    path = tmp_path / "vocab.sqlite"
    garbage = b"this is not a database\x00" * 100
    path.write_bytes(garbage)
    store = VocabStore(path)
    assert "moved it to vocab.sqlite.corrupt-" in store.notice and "\n" not in store.notice
    kept = list(tmp_path.glob("vocab.sqlite.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == garbage
    store.set_status(["银行"], Status.KNOWN)  # the fresh file works
    assert VocabStore(path).status("银行") is Status.KNOWN


def test_bulk_status_is_one_transaction(tmp_path: Path, levels: Levels):
    store = VocabStore(tmp_path / "v.sqlite")
    words = levels.words_up_to(3)
    assert store.set_status(words, Status.KNOWN) == len(words)
    assert store.statuses_of(["爱好", "没有这个词"]) == {"爱好": Status.KNOWN}
    assert store.add_words(["爱好", "估值"], Status.LEARNING) == 1  # existing kept
    assert store.status("爱好") is Status.KNOWN and store.status("估值") is Status.LEARNING


# -- imports ------------------------------------------------------------------------------


def test_import_plain_list():
    result = parse_words("\ufeff银行\n發展\n\n# comment\n银行\nhello\n")
    assert result.format == "plain"
    assert result.words == ["银行", "发展"]
    assert result.skipped == [(6, "not a Chinese word: 'hello'")]


def test_import_pleco_export():
    text = (
        "// HSK 3\n"
        "银行[銀行]\tyin2hang2\tbank\n"
        "發展\tfa1zhan3\tto develop\n"
        "估值\tgu1zhi2\tvaluation\n"
    )
    result = parse_words(text)
    assert result.format == "pleco"
    assert result.words == ["银行", "发展", "估值"]


def test_import_anki_tsv():
    text = (
        "#separator:tab\n#html:true\n#columns:Word\tPinyin\tDefinition\n"
        "<b>獨角獸</b>\tdú jiǎo shòu\tunicorn<br>startup\n"
        "估值\tgū zhí\tvaluation\n"
    )
    result = parse_words(text)
    assert result.format == "anki"
    assert result.words == ["独角兽", "估值"]
    assert parse_words("独角兽\tunicorn\n估值\tvaluation\n").format == "anki"


# -- article stats ------------------------------------------------------------------------


def _article(text: str):
    from reader.model import Block
    from reader.pipeline import Options, annotate

    loaded = LoadedText(text, (Block(0, len(text)),), Meta(path="t.txt"))
    return annotate(loaded, Options(auto_names=False))


def test_article_stats_known_share_and_new_by_level(rules: VocabRules, levels: Levels):
    article = _article("我們去銀行。我们去银行看看三个朋友。")
    words = ArticleWords(article, rules)
    assert "银行" in words.counts and words.counts["银行"] == 2
    assert not any(k and "三" in k for row in words.keys for k in row)
    stats = article_stats(words, {"银行": Status.KNOWN, "我们": Status.KNOWN}, levels)
    assert stats.words == len(words.counts)
    assert stats.known_words == 2 and stats.known_tokens == 4
    assert stats.known_share_tokens > stats.known_share_words
    assert sum(stats.new_by_level.values()) == stats.new_words
    assert "known" in stats.line() and "words" in stats.line()
