"""Pages and feeds the web tests serve: short Chinese news in several encodings."""

from __future__ import annotations

from html import escape

SIMPLIFIED = [
    "杭州的人工智能公司在过去一年里快速成长，吸引了大量投资。",
    "宇树科技发布了新一代四足机器人，售价比上一代低了三成。",
    "分析人士认为，这座城市正在成为中国的硅谷，人才和资本不断涌入。",
    "市政府表示，将继续支持年轻创业者，为他们提供办公空间和贷款。",
]
TRADITIONAL = [
    "杭州的人工智慧公司在過去一年裡快速成長，吸引了大量投資。",
    "宇樹科技發表了新一代四足機器人，售價比上一代低了三成。",
    "分析人士認為，這座城市正在成為中國的矽谷，人才和資本不斷湧入。",
    "市政府表示，將繼續支持年輕創業者，為他們提供辦公空間和貸款。",
]


def article_html(
    title: str,
    paragraphs: list[str],
    meta_charset: str | None = None,
    filler: int = 0,
    traditional: bool = False,
) -> str:
    """A news page: navigation, an article with a heading and paragraphs, a footer."""
    site, home = ("新聞網", "首頁") if traditional else ("新闻网", "首页")
    head = f'<meta charset="{meta_charset}">' if meta_charset else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    body += "".join(f"<p>{escape(paragraphs[i % len(paragraphs)])}</p>" for i in range(filler))
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{escape(title)} | {site}</title></head>"
        f'<body><nav><a href="/">{home}</a> <a href="/tech">科技</a></nav>'
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        f"<footer>(c) {site}</footer></body></html>"
    )


def rss(items: list[tuple[str, str, str]], title: str = "科技新闻") -> bytes:
    """RSS 2.0; items are (guid/link, title, description HTML)."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>",
        "<description>test feed</description>",
    ]
    for n, (link, item_title, description) in enumerate(items):
        out.append(
            f"<item><title>{escape(item_title)}</title><link>{escape(link)}</link>"
            f"<guid>{escape(link)}</guid>"
            f"<pubDate>Mon, 0{1 + n % 9} Dec 2026 08:00:00 GMT</pubDate>"
            f"<description>{escape(description)}</description></item>"
        )
    out.append("</channel></rss>")
    return "\n".join(out).encode("utf-8")


def atom(entries: list[tuple[str, str, str, str]], title: str = "Atom 科技") -> bytes:
    """Atom 1.0; entries are (link, title, summary, content HTML or "")."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title><id>urn:test:atom</id>",
        "<updated>2026-12-03T10:00:00Z</updated>",
    ]
    for n, (link, entry_title, summary, content) in enumerate(entries):
        body = f'<content type="html">{escape(content)}</content>' if content else ""
        out.append(
            f"<entry><title>{escape(entry_title)}</title><id>{escape(link)}</id>"
            f'<link rel="alternate" href="{escape(link)}"/>'
            f"<updated>2026-12-0{1 + n % 9}T09:30:00Z</updated>"
            f"<author><name>记者{n}</name></author>"
            f"<summary>{escape(summary)}</summary>{body}</entry>"
        )
    out.append("</feed>")
    return "\n".join(out).encode("utf-8")


def full_article(n: int) -> str:
    """An article body long enough to count as the whole article."""
    return "".join(f"<p>{escape(p)}</p>" for _ in range(4 + n) for p in SIMPLIFIED)
