"""Format handling: plain text, Markdown/front matter, HTML inline/block structure."""

from __future__ import annotations

import pytest

from reader.load import detect_format, load_bytes
from reader.load.dates import normalize_date
from reader.model import LoadedText


def _load(text: str, name: str, **kw: object) -> LoadedText:
    return load_bytes(text.encode("utf-8"), name=name, **kw)  # type: ignore[arg-type]


def _texts(loaded: LoadedText) -> list[str]:
    return [loaded.text[b.start : b.end] for b in loaded.blocks]


def _kinds(loaded: LoadedText) -> list[tuple[str, str]]:
    return [(b.kind, loaded.text[b.start : b.end]) for b in loaded.blocks]


# -- plain text --------------------------------------------------------------------------
def test_plain_text_title_and_paragraphs() -> None:
    loaded = _load("  杭州的早晨\n\n　　西湖边的人比平时多。\n湖面上有几条小船。\n\n", "a.txt")
    assert _kinds(loaded) == [
        ("heading", "杭州的早晨"),
        ("p", "西湖边的人比平时多。"),
        ("p", "湖面上有几条小船。"),
    ]
    assert loaded.meta.title == "杭州的早晨" and loaded.meta.format == "text"


@pytest.mark.parametrize("first", ["西湖边的人比平时多。", "今天，我们去了西湖，", "x" * 80])
def test_plain_text_sentence_is_not_a_title(first: str) -> None:
    loaded = _load(f"{first}\n湖面上有几条小船。\n", "a.txt")
    assert loaded.meta.title == ""
    assert loaded.blocks[0].kind == "p"


def test_plain_text_keeps_internal_spacing() -> None:
    loaded = _load("标题\nDeepSeek-R1  发布了 3.9 billion 参数的模型。\n", "a.txt")
    assert _texts(loaded)[1] == "DeepSeek-R1  发布了 3.9 billion 参数的模型。"


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("a.txt", "标题\n正文。", "text"),
        ("a.txt", "---\n标题\n---\n正文。", "text"),
        ("a.md", "标题\n正文。", "markdown"),
        ("a.html", "标题<p>正文。</p>", "html"),
        ("a.txt", "<!DOCTYPE html><html><body><p>正文。</p></body></html>", "html"),
        ("-", "---\ntitle: 标题\n---\n正文。", "markdown"),
        ("-", "+++\ntitle = '标题'\n+++\n正文。", "markdown"),
        ("-", "# 标题\n\n正文。\n\n## 小节\n\n- 一\n- 二", "markdown"),
        ("-", "<div><p>一</p><p>二</p><p>三</p></div>", "html"),
        ("-", "杭州，离“中国硅谷”还有多远？\n答案或许不在距离。", "text"),
    ],
)
def test_detect_format(name: str, text: str, fmt: str) -> None:
    assert detect_format(name, text) == fmt


# -- dates -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2020-10-26T19:30:00.000Z", "2020-10-26T19:30:00Z"),
        ("2024年3月8日", "2024-03-08"),
        ("2024年03月08日 07:30", "2024-03-08T07:30:00"),
        ("2024/3/8", "2024-03-08"),
        ("2024.03.08", "2024-03-08"),
        ("113年6月12日 下午2:35", "2024-06-12T14:35:00"),
        ("Fri, 08 Mar 2024 07:30:00 +0800", "2024-03-08T07:30:00+08:00"),
        ("March 8, 2024", "2024-03-08"),
        ("1709854200", "2024-03-07T23:30:00Z"),
        ("２０２４－０３－０８", "2024-03-08"),
        ("", ""),
    ],
)
def test_normalize_date(value: str, iso: str) -> None:
    assert normalize_date(value) == iso


# -- Markdown ----------------------------------------------------------------------------
def test_yaml_front_matter_and_markdown_body() -> None:
    md = """---
title: 旧水厂的新生
author: [许知, 何远]
date: 2023年11月2日
source: https://example.org/post/1
---

# 旧水厂的新生

![封面](/img/cover.jpg "封面图")

城东的老水厂建于五十年代，[详见报道](https://example.org/report)。更多资料：https://example.org/data.pdf

小节标题
--------

1. 第一条原则；
2. 第二条原则。

> 引用的一句话。

正文里有 <span style="color:red">红色</span> 的字。
"""
    loaded = _load(md, "post.md")
    assert loaded.meta.title == "旧水厂的新生"
    assert loaded.meta.author == "许知、何远"
    assert loaded.meta.date == "2023-11-02"
    assert loaded.meta.source_url == "https://example.org/post/1"
    assert loaded.meta.format == "markdown"
    assert _kinds(loaded) == [
        ("heading", "旧水厂的新生"),
        ("p", "城东的老水厂建于五十年代，详见报道。更多资料："),
        ("heading", "小节标题"),
        ("list", "第一条原则；"),
        ("list", "第二条原则。"),
        ("quote", "引用的一句话。"),
        ("p", "正文里有 红色 的字。"),
    ]


def test_toml_front_matter() -> None:
    md = '+++\ntitle = "夜读会"\ndate = 2024-01-20T21:00:00+08:00\nauthors = ["林小满"]\n+++\n\n每周五晚上都有夜读会。\n'
    loaded = _load(md, "post.md")
    assert (loaded.meta.title, loaded.meta.author, loaded.meta.date) == (
        "夜读会",
        "林小满",
        "2024-01-20T21:00:00+08:00",
    )
    assert _texts(loaded) == ["夜读会", "每周五晚上都有夜读会。"]


def test_broken_yaml_front_matter_is_read_leniently() -> None:
    md = "---\ntitle: 标题: 带冒号\nauthor: 张三\ntags: [未闭合\n---\n正文一句话。\n"
    loaded = _load(md, "post.md")
    assert loaded.meta.author == "张三"
    assert _texts(loaded)[-1] == "正文一句话。"


def test_non_url_source_is_the_site() -> None:
    loaded = _load("---\ntitle: 标题\nsource: 城市观察室\n---\n正文。\n", "a.md")
    assert loaded.meta.site == "城市观察室" and loaded.meta.source_url == ""


def test_markdown_without_front_matter_takes_first_heading_as_title() -> None:
    loaded = _load("# 县城咖啡馆\n\n正文第一段。\n", "a.md")
    assert loaded.meta.title == "县城咖啡馆"
    assert _texts(loaded) == ["县城咖啡馆", "正文第一段。"]


def test_wechat_interface_text_removed() -> None:
    md = """# 标题

点击上方蓝字关注我们

正文第一段，讲述了一个故事。

长按识别二维码关注

正文第二段。

阅读原文

预览时标签不可点

微信扫一扫
关注该公众号

知道了
"""
    loaded = _load(md, "a.md")
    assert _texts(loaded) == ["标题", "正文第一段，讲述了一个故事。", "正文第二段。"]
    assert loaded.dropped_chars > 20
    assert "阅读原文" in loaded.full_text


def test_boilerplate_rules_come_from_the_data_file() -> None:
    from reader.load.boilerplate import parse_rules

    rules = parse_rules("kind\tpattern\tnote\nblock\t自定义提示\tx\ntail\t下期见\tx\n")
    assert rules.is_block_boilerplate("自定义提示")
    assert not rules.is_block_boilerplate("正文。")
    assert rules.starts_tail("下期见")


# -- HTML --------------------------------------------------------------------------------
def test_inline_markup_stays_inline() -> None:
    page = (
        "<p>他们在<a href='/x' data-name='小红书'>小红</a>书上<strong>发布</strong>了"
        "<span class='a'>新</span><em>产品</em>。</p>"
    )
    assert _texts(_load(page, "a.html")) == ["他们在小红书上发布了新产品。"]


def test_source_line_breaks_between_cjk_vanish_but_not_between_words() -> None:
    page = "<p>杭州的\n    创业公司\n很多，\nOpenAI and\n  DeepSeek  都有。</p>"
    assert _texts(_load(page, "a.html")) == ["杭州的创业公司很多，OpenAI and DeepSeek 都有。"]


def test_br_and_blocks_separate_paragraphs() -> None:
    page = "<div>第一段。<br>第二段。<br/><br/>第三段。<div>第四段。</div>第五段。</div>"
    assert _texts(_load(page, "a.html")) == [
        "第一段。",
        "第二段。",
        "第三段。",
        "第四段。",
        "第五段。",
    ]


def test_entities_decoded_and_attributes_never_leak() -> None:
    page = (
        '<p title="标题属性" data-x="数据属性">A&amp;B&nbsp;公司&ldquo;上市&rdquo;&#x3002;'
        '<img src="p.jpg" alt="替代文字"><abbr title="缩写说明">AI</abbr></p>'
    )
    texts = _texts(_load(page, "a.html"))
    assert texts == ["A&B 公司“上市”。AI"]
    for leak in ("标题属性", "数据属性", "替代文字", "缩写说明", "p.jpg"):
        assert leak not in "".join(texts)


def test_scripts_styles_hidden_and_ruby_annotations_are_not_text() -> None:
    page = (
        "<style>p{}</style><script>var a='脚本';</script><noscript>请启用脚本</noscript>"
        "<p>正文<span style='display:none'>隐藏</span>内容<!-- 注释 -->继续。</p>"
        "<p hidden>也隐藏</p><p><ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>字。</p>"
    )
    assert _texts(_load(page, "a.html")) == ["正文内容继续。", "汉字。"]


def test_lists_quotes_headings_and_table_rows() -> None:
    page = (
        "<article><h2>小节</h2><ul><li>一项</li><li>二项</li></ul>"
        "<blockquote><p>引用。</p></blockquote>"
        "<table><caption>表1 数据</caption><tr><th>城市</th><th>人口</th></tr>"
        "<tr><td>杭州</td><td>1200万</td></tr></table></article>"
    )
    assert _kinds(_load(page, "a.html")) == [
        ("heading", "小节"),
        ("list", "一项"),
        ("list", "二项"),
        ("quote", "引用。"),
        ("caption", "表1 数据"),
        ("p", "城市\u3000人口"),
        ("p", "杭州\u30001200万"),
    ]


def test_chrome_dropped_but_unmarked_paragraphs_kept() -> None:
    page = """<html><head><title>新闻标题 - 某网</title></head><body>
    <nav><p>首页 新闻 体育</p></nav>
    <div class="share-box"><p>分享到微博</p></div>
    <div><p>这是文章的第一段，讲述了一个很长的故事，足够像一段正文。</p></div>
    <div><div><p>短段。</p></div></div>
    <div><p>这是文章的第二段，也有足够的长度让它看起来像正文内容。</p></div>
    <ul><li><a href="/1">相关一</a></li><li><a href="/2">相关二</a></li><li><a href="/3">相关三</a></li></ul>
    <footer><p>版权所有</p></footer></body></html>"""
    loaded = _load(page, "a.html")
    assert _texts(loaded) == [
        "新闻标题",
        "这是文章的第一段，讲述了一个很长的故事，足够像一段正文。",
        "短段。",
        "这是文章的第二段，也有足够的长度让它看起来像正文内容。",
    ]
    assert loaded.meta.site == "某网"
    full = _load(page, "a.html", full_page=True)
    assert "首页 新闻 体育" in full.text and "相关三" in full.text
    assert full.text == loaded.full_text
    assert loaded.dropped_chars == len(full.text.replace("\n", "")) - len(
        "".join(_texts(loaded)[1:])
    )


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (
            "<p>报告全文见 https://example.com/a/b.pdf ，配图 photo_2024.jpg 。</p>",
            "报告全文见，配图。",
        ),
        ("<p>配图IMG_2024.JPG，详见www.example.cn/x（官网）。</p>", "配图，详见（官网）。"),
        ("<p>来源链接：（https://example.com/a）杭州。</p>", "来源链接：杭州。"),
    ],
)
def test_urls_and_image_names_removed_from_html_text(html: str, text: str) -> None:
    assert _texts(_load(html, "a.html")) == [text]


def test_chrome_looking_inline_markup_inside_a_paragraph_is_kept() -> None:
    page = (
        "<div class='share'>分享到微博</div><p>正文提到<span class='hot'>热词</span>和"
        "<a class='tag'>标签</a>，<em class='date source'>昨天</em>发布。</p>"
    )
    assert _texts(_load(page, "a.html")) == ["正文提到热词和标签，昨天发布。"]


def test_preformatted_lines_are_blocks() -> None:
    page = "<p>示例：</p><pre>第一行\n  第二行  \n\n第三行</pre>"
    assert _texts(_load(page, "a.html")) == ["示例：", "第一行", "第二行", "第三行"]


def test_visibility_hidden_article_is_still_read() -> None:
    """Saved WeChat pages keep the article under visibility:hidden until a script runs."""
    page = (
        "<div id='js_content' style='visibility: hidden;'><p>公众号文章的正文。</p></div>"
        "<div style='display:none'><p>真正隐藏的文字。</p></div>"
    )
    assert _texts(_load(page, "a.html")) == ["公众号文章的正文。"]


def test_deeply_nested_html_keeps_its_text() -> None:
    page = "<div>" * 1000 + "<p>深层嵌套的段落文字。</p>" + "</div>" * 1000
    assert _texts(_load(page, "a.html")) == ["深层嵌套的段落文字。"]


def test_interview_lines_are_not_bylines() -> None:
    page = "<p>记者：这项技术什么时候能量产？</p><p>王教授：大概还要三年。</p><p>记者：张三</p>"
    assert _texts(_load(page, "a.html")) == [
        "记者：这项技术什么时候能量产？",
        "王教授：大概还要三年。",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "法院认定，被告未经授权使用了原告的作品。",
        "评论认为，这一政策值得期待。",
        "阅读3本书是他今年的目标",
        "时间：很快就过去了，大家都没注意到。",
    ],
)
def test_article_sentences_that_resemble_boilerplate_are_kept(sentence: str) -> None:
    page = f"<p>第一段正文，讲的是别的事情。</p><p>{sentence}</p>"
    assert _texts(_load(page, "a.html"))[-1] == sentence


@pytest.mark.parametrize(
    "line",
    [
        "阅读 3.2万 在看 12",
        "本文为原创，转载请联系作者。",
        "版權所有 本網站內容未經授權請勿轉載",
        "评论",
        "责任编辑：王磊",
        "(責任編輯：林小華)",
        "分享到：",
        "字号：大 中 小",
        "长按识别二维码关注我们",
        "点个在看，让更多人看到",
    ],
)
def test_interface_lines_are_dropped(line: str) -> None:
    page = f"<p>第一段正文，讲的是别的事情。</p><p>{line}</p>"
    assert _texts(_load(page, "a.html")) == ["第一段正文，讲的是别的事情。"]


def test_zero_width_joiners_survive_inside_emoji_only() -> None:
    from reader.load.blocks import clean_block

    family = "👨\u200d👩\u200d👧"
    assert clean_block(f"我爱杭州{family}！") == f"我爱杭州{family}！"
    assert clean_block("a\u200bb 中\u00ad文 x\u200dy") == "ab 中文 xy"
