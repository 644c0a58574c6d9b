"""Boilerplate rules, read once from reader/data/boilerplate.tsv (data, not code)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

_WORD_SPLIT = re.compile(r"[\s_-]+")


@dataclass(frozen=True, eq=False)  # (hashable by identity: sources is a dict)
class Rules:
    """The rules by kind. Each kind's pattern is compiled on first use: plain text needs
    only ``caption_line``, and compiling them all costs more than loading the text."""

    sources: Mapping[str, tuple[str, ...]]  # kind -> its patterns, in file order
    chrome_tags: frozenset[str]

    @cached_property
    def block(self) -> re.Pattern[str]:
        return _union(self.sources.get("block", ()))

    @cached_property
    def tail(self) -> re.Pattern[str]:
        return _union(self.sources.get("tail", ()))

    @cached_property
    def inline(self) -> re.Pattern[str] | None:
        inline = self.sources.get("inline", ())
        return _union(inline) if inline else None

    @cached_property
    def chrome(self) -> re.Pattern[str]:
        return _union(self.sources.get("chrome", ()))

    @cached_property
    def byline(self) -> re.Pattern[str]:
        return _union(self.sources.get("byline", ()))

    @cached_property
    def caption(self) -> re.Pattern[str]:
        return _union(self.sources.get("caption", ()))

    @cached_property
    def heading(self) -> re.Pattern[str]:
        return _union(self.sources.get("heading", ()))

    @cached_property
    def caption_line(self) -> re.Pattern[str]:
        return _union(self.sources.get("caption-line", ()))

    @cached_property
    def header(self) -> re.Pattern[str]:
        return _union(self.sources.get("header", ()))

    @cached_property
    def related(self) -> re.Pattern[str]:
        return _union(self.sources.get("related", ()))

    @cached_property
    def header_block(self) -> re.Pattern[str]:
        return _union(self.sources.get("header-block", ()))

    def is_block_boilerplate(self, text: str) -> bool:
        return self.block.fullmatch(text) is not None

    def starts_tail(self, text: str) -> bool:
        return self.tail.fullmatch(text) is not None

    def strip_inline(self, text: str) -> str:
        return self.inline.sub("", text) if self.inline is not None else text

    def is_header_boilerplate(self, text: str) -> bool:
        return self.header_block.fullmatch(text) is not None

    def starts_header(self, text: str) -> bool:
        return self.header.fullmatch(text) is not None


def class_words(value: str) -> list[str]:
    """Words of a class/id attribute: each class, and its parts split on '-' and '_'."""
    words: list[str] = []
    for token in value.split():
        low = token.lower()
        words.append(low)
        parts = _WORD_SPLIT.split(low)
        if len(parts) > 1:
            words.extend(p for p in parts if p)
    return words


def _union(patterns: Sequence[str]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def parse_rules(text: str, source: str = "boilerplate.tsv") -> Rules:
    kinds: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "kind" or len(cols) < 2:
            continue
        kinds.setdefault(cols[0].strip(), []).append(cols[1])
    return Rules(
        sources={kind: tuple(patterns) for kind, patterns in kinds.items()},
        chrome_tags=frozenset(t.strip().lower() for t in kinds.get("chrome-tag", [])),
    )


def rules() -> Rules:
    """The shipped rules, parsed once per process (an immutable table)."""
    from reader.paths import parsed_package_data

    return parsed_package_data("boilerplate.tsv", parse_rules)


_RELATED_LINE = 40  # a related headline is short; a paragraph after the box is not
_HEADER_REACH = 12  # a repost header sits among the first blocks
_HEADER_LINE = 160  # the source account's motto is short
_ACCOUNT_NAME = 30


def drop_header(items: list[tuple[str, str]], r: Rules) -> list[tuple[str, str]]:
    """Drop a WeChat repost header: the "以下文章来源于" line, the short lines before it
    (reposting account), and the source account's name and motto after it."""
    for i, (_kind, text) in enumerate(items[:_HEADER_REACH]):
        if not r.starts_header(text):
            continue
        start = 0
        if items and items[0][0] == "heading":
            start = 1  # the title stays
        before = [it for it in items[start:i] if len(it[1]) > 40]  # real paragraphs stay
        end = i + 1
        wanted = [_ACCOUNT_NAME, _HEADER_LINE]  # the source account's name, then its motto
        for _k, nxt in items[i + 1 : i + 6]:
            if not any(ch.isalnum() for ch in nxt):
                end += 1  # link brackets around the account card
                continue
            if not wanted or len(nxt) > wanted[0]:
                break
            wanted.pop(0)
            end += 1
        return items[:start] + before + items[end:]
    return items


def filter_blocks(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop interface-text blocks, a repost header, and everything from a trailing-list
    marker on."""
    r = rules()
    items = drop_header(items, r)
    out: list[tuple[str, str]] = []
    in_related = False
    in_header = True  # among the first blocks, before any real paragraph
    for n, (kind, text) in enumerate(items):
        in_header = in_header and n < _HEADER_REACH
        if in_header and r.is_header_boilerplate(text):
            continue
        if len(text) > _RELATED_LINE:
            in_header = False
        if r.starts_tail(text) and out:
            break
        if r.related.fullmatch(text) is not None:
            in_related = True  # a "延伸閱讀" box: its headlines follow
            continue
        if in_related:
            if kind == "list" or len(text) <= _RELATED_LINE:
                continue
            in_related = False  # a real paragraph: the article goes on after the box
        if r.is_block_boilerplate(text):
            continue
        cleaned = r.strip_inline(text).strip()
        if cleaned:
            out.append((kind, cleaned))
    return out
