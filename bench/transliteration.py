"""Foreign names written as Chinese pinyin ("Ke Linsi" for 柯林斯 Collins), before and after.

Run: .venv/bin/python bench/transliteration.py

On the held-out part of CC-CEDICT's person names (tools/build_transliteration.py's split:
never trained on, threshold not chosen on it), side by side: the hand-written character rule
alone (before) and the rule with the shipped transliteration odds (after). Two rates, like
precision beside recall: foreign names a reader would see in Chinese pinyin (lower is
better) and Chinese names that keep their pinyin (higher is better). The "foreign" side is
noisy: Cantonese and Wade–Giles spellings (张曼玉 Maggie Cheung) count as foreign there, so
its floor is above zero.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from build_transliteration import given_name, rates, splits  # noqa: E402

from reader.glossary.auto import is_transliteration_by_rule  # noqa: E402
from reader.glossary.transliteration import transliteration_odds  # noqa: E402


def main() -> None:
    foreign, chinese = splits()["held-out"]
    odds = transliteration_odds()

    def after(name: str) -> bool:
        return is_transliteration_by_rule(name) or odds.is_foreign(given_name(name))

    print(f"held-out CC-CEDICT names: {len(foreign)} foreign, {len(chinese)} Chinese")
    print(f"{'':34}{'rule (before)':>16}{'rule + odds (after)':>22}")
    fp_b, fn, cp_b, cn = rates(foreign, chinese, is_transliteration_by_rule)
    fp_a, _, cp_a, _ = rates(foreign, chinese, after)
    print(
        f"{'foreign names given pinyin':34}{fp_b:>9}/{fn} {100 * fp_b / fn:4.1f}%"
        f"{fp_a:>13}/{fn} {100 * fp_a / fn:4.1f}%"
    )
    print(
        f"{'Chinese names keeping pinyin':34}{cp_b:>9}/{cn} {100 * cp_b / cn:4.1f}%"
        f"{cp_a:>13}/{cn} {100 * cp_a / cn:4.1f}%"
    )

    def pinyin_candidate(name: str) -> bool:  # a surname and a short given name
        return bool(given_name(name)) and len(given_name(name)) <= 2

    def flipped(names: list[str]) -> str:
        changed = [
            w
            for w in names
            if pinyin_candidate(w) and after(w) and not is_transliteration_by_rule(w)
        ]
        return " ".join(changed) or "-"

    print("no longer in pinyin (foreign side):", flipped(foreign))
    print("Chinese names losing their pinyin:", flipped(chinese))


if __name__ == "__main__":
    main()
