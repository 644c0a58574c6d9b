"""Title, author, date, source URL and site name of a saved page."""

from __future__ import annotations

import re

from lxml import etree

from reader.han import HAN_CLASS, HAN_RE
from reader.load.blocks import clean_block, same_title
from reader.load.boilerplate import class_words, rules
from reader.load.dates import find_date, normalize_date
from reader.load.walker import tag_of

_TITLE_SEP = re.compile(r"\s*(?:[|｜_—–]|--|-\s|\s-|——|::)\s*")
_BYLINE_AUTHOR = re.compile(
    r"(?:作者|記者|记者|撰文|文|撰稿)\s*[：:／/|｜]?\s*"
    r"(["
    + HAN_CLASS
    + r"A-Za-z·•．.]{2,16}?)(?=$|[\s，,|｜/／、（(]|(?:台北|北京|上海|杭州|香港|深圳)|報導|报道|攝|摄|\d)"
)


# "（记者 张晓明）" / "〔記者林怡君／台南報導〕" opening a news story's first paragraph.
_LEAD_REPORTER = re.compile(
    r"[（(〔【\[]\s*(?:记者|記者)\s*("
    + HAN_RE.pattern
    + r"{2,4}?)\s*(?:[）)〕】\]／/∕、 ]|报道|報導)"
)


# Bylines: "記者陳嘉寧／桃園機場報導", "（中央社記者邱俊欽桃園19日電）", "石佳/中国青年报".
_BYLINE_REPORTER = re.compile(
    rf"(?:记者|記者)\s*([{HAN_CLASS}]{{2,4}}?)\s*[／/∕]\s*[{HAN_CLASS}]{{0,8}}(?:報導|报道|攝|摄)"
    rf"|中央社(?:记者|記者)([{HAN_CLASS}]{{3}})[{HAN_CLASS}]{{2,6}}\d{{1,2}}日(?:電|电)"
    rf"|^([{HAN_CLASS}]{{2,4}})\s*[／/]\s*[{HAN_CLASS}]{{2,12}}(?:报|報|网|網|社|台)$"
)
# Names that are an organisation, not a person: a site's meta author is often the site.
_ORG_NAME = re.compile(r"新聞|新闻|報|报|網|网|通訊社|通讯社|電視|电视|日報|日报|時報|时报|社$")


def is_org_name(name: str) -> bool:
    return bool(_ORG_NAME.search(name))


def author_from_lead(paragraphs: list[str]) -> str:
    """The reporter named at the start of the first paragraphs, '' if none."""
    for text in paragraphs[:2]:
        m = _LEAD_REPORTER.search(text[:60])
        if m:
            return m.group(1)
    return ""


def reporter_from_bylines(texts: list[str]) -> str:
    """The reporter of a "記者XXX／台北報導" byline among the page's first blocks, '' if none."""
    for text in texts:
        m = _BYLINE_REPORTER.search(text[:80])
        if m:
            return m.group(1) or m.group(2) or m.group(3)
    return ""


def _meta(doc: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in doc.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        value = (m.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


def _text(el: etree._Element) -> str:
    return clean_block("".join(el.itertext()))


def page_meta(doc: etree._Element) -> dict[str, str]:
    meta = _meta(doc)
    title_el = doc.find(".//title")
    page_title = _text(title_el) if title_el is not None else ""
    h1s = [t for t in (_text(h) for h in doc.iter("h1")) if t]
    og_title = meta.get("og:title") or meta.get("twitter:title") or meta.get("title") or ""
    site = meta.get("og:site_name") or meta.get("application-name") or ""
    title = _pick_title(h1s, og_title, page_title, site)
    if not site and page_title and title and title != page_title:
        rest = page_title.replace(title, "", 1)
        parts = [p for p in _TITLE_SEP.split(rest) if p.strip()]
        site = parts[-1].strip() if parts else ""
    source = ""
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            source = link.get("href", "").strip()
            break
    source = source or meta.get("og:url", "")
    author = ""
    for key in (
        "author",
        "article:author",
        "byl",
        "dc.creator",
        "sailthru.author",
        "twitter:creator",
    ):
        value = meta.get(key, "")
        if value and not value.startswith(("http", "@")):
            author = value
            break
    date = ""
    for key in (
        "article:published_time",
        "og:published_time",
        "og:release_date",
        "pubdate",
        "publishdate",
        "publish_date",
        "publication_date",
        "date",
        "dc.date",
        "dc.date.issued",
        "datepublished",
        "sailthru.date",
        "article:modified_time",
    ):
        if meta.get(key):
            date = normalize_date(meta[key])
            break
    if not date:
        for el in doc.iter("time"):
            value = el.get("datetime") or _text(el)
            if value:
                date = normalize_date(value)
                break
    if not author or not date:
        for text in _byline_texts(doc):
            if not author:
                m = _BYLINE_AUTHOR.search(text)
                if m:
                    author = m.group(1)
            if not date:
                date = find_date(text)
            if author and date:
                break
    return {"title": title, "author": author, "date": date, "source_url": source, "site": site}


def _byline_texts(doc: etree._Element) -> list[str]:
    r = rules()
    out: list[str] = []
    for el in doc.iter():
        if not tag_of(el):
            continue
        value = f"{el.get('class') or ''} {el.get('id') or ''}"
        itemprop = (el.get("itemprop") or "").lower()
        if itemprop in ("author", "datepublished") or (
            value.strip() and any(r.byline.fullmatch(w) for w in class_words(value))
        ):
            text = _text(el)
            if text and len(text) < 200:
                out.append(text)
    return out


def _pick_title(h1s: list[str], og_title: str, page_title: str, site: str) -> str:
    for h in h1s:
        if len(h) > 4 and (h in og_title or h in page_title):
            return h
    if og_title:
        return _strip_site(og_title, site)
    if h1s and len(h1s[0]) > 4:
        return h1s[0]
    return _strip_site(page_title, site)


def _strip_site(title: str, site: str) -> str:
    if site and title.endswith(site):
        stripped = re.sub(r"[\s|｜_—–:：-]+$", "", title[: -len(site)])
        if stripped:
            return stripped
    parts = [p for p in _TITLE_SEP.split(title) if p.strip()]
    if len(parts) > 1:
        return max(parts, key=len).strip()
    return title.strip()


__all__ = ["page_meta", "same_title"]
