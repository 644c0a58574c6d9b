from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLES = SHARED / "articles"
SIMPLIFIED_SAMPLE = ARTICLES / "nikkei-hangzhou-unicorn-map.md"
TRADITIONAL_SAMPLE = ARTICLES / "zhidx-hangzhou-silicon-valley.txt"
MODEL_PACKAGE = SHARED / "models" / "translate-zh_en-1_9-randomweights.argosmodel"

# The project's own samples, present in every clone: the bundled sample article (Simplified)
# and its Traditional (Taiwan) form, made once with OpenCC s2twp and kept as a test fixture.
BUNDLED_SAMPLE = ROOT / "reader" / "data" / "sample.md"
BUNDLED_TRADITIONAL = ROOT / "tests" / "data" / "sample-traditional.md"

# `@pytest.mark.shared` (or `shared("eval/cpp-dev/dev.sent")` for other files): the test needs
# files from ../shared; without them it is skipped with this reason, never failed. The one
# place that decides, so a clone without ../shared runs green.
SHARED_SAMPLES = (SIMPLIFIED_SAMPLE, TRADITIONAL_SAMPLE)


def _missing_shared(marker: pytest.Mark) -> list[str]:
    needed = [SHARED / p for p in marker.args] if marker.args else list(SHARED_SAMPLES)
    return [str(p.relative_to(ROOT.parent)) for p in needed if not p.exists()]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "shared(*paths): needs files from ../shared (default: the two sample articles); "
        "skipped with a reason when they are absent",
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers("shared"):
        missing = _missing_shared(marker)
        if missing:
            pytest.skip(f"needs ../shared beside the project (missing {', '.join(missing)})")


def have_shared(*paths: str) -> bool:
    """Whether ../shared has these files (default: both sample articles)."""
    needed = [SHARED / p for p in paths] if paths else list(SHARED_SAMPLES)
    return all(p.exists() for p in needed)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own READER_HOME and Argos packages dir: no test touches real user data."""
    home = tmp_path_factory.mktemp("reader-home")
    monkeypatch.setenv("READER_HOME", str(home))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "argos-packages"))
    return home


@pytest.fixture(scope="module")
def names_in():  # type: ignore[no-untyped-def]
    """text → {token: glossary type} through the whole pipeline with the shipped recogniser
    and glossary (no user glossary): what a reader is shown as names."""
    from reader.model import Block, LoadedText, Meta
    from reader.pipeline import Options, annotate
    from reader.resources import Resources

    resources = Resources()
    if resources.recogniser is None:
        pytest.skip("the name model (python-crfsuite, reader/data/ner_lac.crfsuite) is missing")
    glossary = resources.glossary(use_user=False)

    def run(text: str) -> dict[str, str]:
        loaded = LoadedText(text=text, blocks=(Block(0, len(text)),), meta=Meta())
        article = annotate(loaded, Options(glossary=glossary), resources)
        return {t.text: t.glossary.type for t in article.tokens() if t.glossary is not None}

    return run
