"""Article vocabulary stats: a 7,000-character article against a 20,000-word vocabulary.

    python bench/vocab.py [ARTICLE]

Default article: the Traditional sample (7.3 k characters; the bundled sample repeated to
7,000 characters when ../shared is absent). The vocabulary is a temporary SQLite file with
20,000 words (the HSK lists, then jieba's most frequent words) in mixed statuses. Timed,
warm (annotation done, store open; median of repeated runs):

* ours — key every token (one fold of the whole text), fetch the article's statuses in one
  query (json_each), count; and the TUI's refresh after a key press (counts only);
* naive — fold each token on its own and ask SQLite for each token's status and level.

The target (issue 18) is ≤ 30 ms warm.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.glossary.fold import fold  # noqa: E402
from reader.model import Article  # noqa: E402
from reader.pipeline import Options, annotate_path  # noqa: E402
from reader.vocab import Levels, Status, VocabStore  # noqa: E402
from reader.vocab.reading import Vocabulary  # noqa: E402
from reader.vocab.stats import ArticleWords, article_stats  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "articles" / "zhidx-hangzhou-silicon-valley.txt"
VOCAB_SIZE = 20_000


def ms(fn: Callable[[], object], repeat: int = 30) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def load_article(path: str | None, tmp: Path) -> Article:
    if path is None and SAMPLE.is_file():
        path = str(SAMPLE)
    if path is None:
        text = (ROOT / "reader" / "data" / "sample.md").read_text(encoding="utf-8")
        body = text.split("\n", 1)[1] if text.startswith("#") else text
        while len(text) < 7000:
            text += "\n\n" + body
        path = str(tmp / "article.md")
        Path(path).write_text(text, encoding="utf-8")
    return annotate_path(path, Options())


def vocabulary_words(levels: Levels) -> list[str]:
    words = list(levels.words())
    have = set(words)
    for w, _ in sorted(levels._ranks.items(), key=lambda kv: kv[1]):
        if len(words) >= VOCAB_SIZE:
            break
        if w not in have:
            words.append(w)
    return words[:VOCAB_SIZE]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        article = load_article(sys.argv[1] if len(sys.argv) > 1 else None, tmp)
        levels = Levels()
        store = VocabStore(tmp / "vocab.sqlite")
        words = vocabulary_words(levels)
        cycle = (Status.KNOWN, Status.KNOWN, Status.LEARNING, Status.NEW, Status.IGNORED)
        for k, status in enumerate(cycle):
            store.set_status(words[k :: len(cycle)], status)
        vocab = Vocabulary(store, levels)
        system = vocab.system

        def ours() -> object:
            keyed = ArticleWords(article, vocab.rules)
            statuses = store.statuses_of(keyed.counts)
            return article_stats(keyed, statuses, levels, system)

        av = vocab.article(article)

        def refresh() -> object:  # after a key press in the TUI: counts from the snapshot
            return av.stats()

        conn = store._conn

        def naive() -> object:
            known = total = 0
            new_by_level: dict[int | None, int] = {}
            for sentence in article.sentences():
                for token in sentence.tokens:
                    key = vocab.rules.key(token, fold(token.text))
                    if key is None:
                        continue
                    total += 1
                    row = conn.execute("SELECT status FROM words WHERE word = ?", (key,))
                    found = row.fetchone()
                    status = Status(found[0]) if found else Status.NEW
                    known += status is Status.KNOWN
                    if status is Status.NEW:
                        level = levels.level(key, system)
                        new_by_level[level] = new_by_level.get(level, 0) + 1
            return known, total, new_by_level

        ours()
        naive()
        stats = ours()
        chars = len(article.text)
        print(f"article: {chars} characters, {stats.tokens} vocabulary tokens, {stats.words} words")  # type: ignore[attr-defined]
        print(f"vocabulary: {store.count()} words; {stats.line(system)}")  # type: ignore[attr-defined]
        print(f"{'approach':<58} {'ms (median, warm)':>18}")
        print(f"{'ours: key tokens + one json_each query + count':<58} {ms(ours):>18.1f}")
        print(f"{'ours, TUI refresh after a key press (counts only)':<58} {ms(refresh):>18.2f}")
        print(f"{'naive: fold each token, one SQL query per token':<58} {ms(naive, 10):>18.1f}")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
