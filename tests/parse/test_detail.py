"""parse_detail on realistic Hanweb/TRS pages, generic pages, and cosmetic variants."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ingest.parse import parse_detail
from ingest.parse.structs import Attachment
from ingest.text import normalize_text
from tests.fakesite.pages import (
    hanweb_detail_page,
    seed_detail_page,
    seed_parts,
    trs_detail_page,
)

ART_URL = "https://www.jxfz.gov.cn/art/2024/3/11/art_5120_3760539.html"
PARAS = ["各位代表:", "全市GDP突破2000亿元,增长6.3%。", "二、2024年工作安排"]


def test_seed_page_body_is_exactly_the_report_text() -> None:
    page = parse_detail(seed_detail_page(), ART_URL)
    expected = normalize_text("\n".join(seed_parts().body))
    assert page.text == expected
    assert page.text.startswith("2024年2月27日在抚州市第五届人民代表大会第四次会议上\n市长 高世文")
    assert page.body_found_by == "hanweb-markers"


def test_seed_page_title_metadata_and_tags() -> None:
    page = parse_detail(seed_detail_page(), ART_URL)
    assert page.title == "政府工作报告(2024年)"
    assert page.metadata == {
        "index_no": "FZ0001/2024-54344",
        "issuer": "市政府办公室",
        "doc_number": "",
        "validity": "",
        "written_date": "2024-03-11",
        "source": "市政府办",
        "published_date": "2024-03-11",
    }
    assert page.published_date == dt.date(2024, 3, 11)
    assert page.meta_tags["SiteName"] == "抚州市人民政府"
    assert page.meta_tags["i_columnid"] == "5120"
    assert page.meta_tags["i_articleid"] == "3760539"
    assert page.meta_tags["ContentStart"] == ""
    assert "ContentEnd" in page.meta_tags


def test_chrome_never_reaches_text() -> None:
    page = parse_detail(seed_detail_page(), ART_URL)
    for chrome in (
        "打印",
        "关闭",
        "浏览次数",
        "分享到",
        "扫一扫",
        "上一篇",
        "下一篇",
        "字体",
        "当前位置",
        "网站标识码",
        "索引号",
        "来源:",
    ):
        assert chrome not in page.text, chrome


@pytest.mark.parametrize(
    "variant",
    [
        {"visit_count": 99999},
        {"generated_at": "2025-01-01 00:00:01"},
        {"reverse_scripts": True},
        {"indent": "\t\t    "},
        {"visit_count": 1, "generated_at": "2030-12-31 23:59:59", "reverse_scripts": True},
    ],
)
def test_cosmetic_changes_keep_text_and_metadata_identical(variant: dict[str, object]) -> None:
    base = parse_detail(hanweb_detail_page("标题", PARAS), ART_URL)
    other = parse_detail(hanweb_detail_page("标题", PARAS, **variant), ART_URL)  # type: ignore[arg-type]
    assert other.text == base.text
    assert other.metadata == base.metadata
    assert other.title == base.title
    assert other.published_date == base.published_date


def test_whitespace_and_source_line_breaks_inside_paragraphs_do_not_matter() -> None:
    html = hanweb_detail_page("标题", PARAS)
    reformatted = html.replace("<p style", "\n\n   <p  style").replace("</p>", "\r\n</p>\n")
    assert parse_detail(reformatted, ART_URL).text == parse_detail(html, ART_URL).text
    wrapped = hanweb_detail_page("标题", ["第一句,\n   第二句。"])
    assert parse_detail(wrapped, ART_URL).text == "第一句, 第二句。"


def test_full_width_text_is_normalized() -> None:
    page = parse_detail(
        hanweb_detail_page("标题", ["\u3000\u3000全市ＧＤＰ增长６．３％，排名第１。"]), ART_URL
    )
    assert page.text == "全市GDP增长6.3%,排名第1。"


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("索 引 号", "index_no"),
        ("索\u3000引\u3000号", "index_no"),
        ("主题分类", "topic"),
        ("发文机关", "issuer"),
        ("发布机构", "issuer"),
        ("发布单位", "issuer"),
        ("文   号", "doc_number"),
        ("发文字号", "doc_number"),
        ("有效性", "validity"),
        ("文件有效性", "validity"),
        ("信息来源", "source"),
    ],
)
def test_metadata_label_synonyms_and_spacing(label: str, key: str) -> None:
    html = hanweb_detail_page("标题", PARAS, metadata={label: "值X1"}, source="")
    html = html.replace("<!--<$[信息来源]>begin--><!--<$[信息来源]>end-->", "")
    assert parse_detail(html, ART_URL).metadata[key] == "值X1"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024年3月1日", "2024-03-01"),
        ("2024/3/1", "2024-03-01"),
        ("2024.03.01 10:00", "2024-03-01"),
        ("不详", "不详"),
    ],
)
def test_dates_are_normalized_when_parseable(raw: str, expected: str) -> None:
    html = hanweb_detail_page("标题", PARAS, metadata={"成文日期": raw, "生成日期": "x"})
    assert parse_detail(html, ART_URL).metadata["written_date"] == expected


def test_trs_page_table_metadata_and_editor_body() -> None:
    html = trs_detail_page("江西省人民政府关于某某的通知", ["一、总体要求", "二、主要任务。"])
    page = parse_detail(html, "https://www.jiangxi.gov.cn/art/2024/1/30/art_1_2.html")
    assert page.body_found_by == ".TRS_Editor"
    assert page.text == "一、总体要求\n二、主要任务。"
    assert page.metadata["doc_number"] == "赣府发〔2024〕1号"
    assert page.metadata["written_date"] == "2024-01-29"
    assert page.metadata["published_date"] == "2024-01-30"
    assert page.title == "江西省人民政府关于某某的通知"


def test_th_td_metadata_without_colons() -> None:
    html = (
        "<html><body><table><tr><th>索引号</th><td>A-1</td><th>文号</th><td></td></tr>"
        "<tr><th>发布日期</th><td>2024年03月05日</td></tr></table>"
        "<div id='zoom'><p>正文。</p></div></body></html>"
    )
    page = parse_detail(html, "http://x.gov.cn/a.html")
    assert page.metadata == {"index_no": "A-1", "doc_number": "", "published_date": "2024-03-05"}
    assert page.text == "正文。"


def test_empty_value_does_not_swallow_the_next_line() -> None:
    html = hanweb_detail_page("标题行", PARAS, metadata={"文件有效性": ""})
    assert parse_detail(html, ART_URL).metadata["validity"] == ""


def test_body_text_mentioning_a_label_is_not_metadata() -> None:
    html = (
        "<html><body><div class='info'>发布日期:2024-01-02</div><div id='zoom'>"
        "<p>(来源:新华社)</p><p>数据来源:统计局</p></div></body></html>"
    )
    page = parse_detail(html, "http://x.gov.cn/a.html")
    assert "source" not in page.metadata
    assert page.text == "(来源:新华社)\n数据来源:统计局"


def test_title_fallbacks() -> None:
    no_meta = hanweb_detail_page("关于印发某某办法的通知", PARAS, with_article_title_meta=False)
    assert parse_detail(no_meta, ART_URL).title == "关于印发某某办法的通知"
    for title_tag in (
        "关于印发某某办法的通知 抚州市人民政府",
        "抚州市人民政府 市政府工作报告 关于印发某某办法的通知",
        "关于印发某某办法的通知_抚州市人民政府",
    ):
        html = hanweb_detail_page("X", PARAS, with_article_title_meta=False, title_tag=title_tag)
        html = re.sub(r"<h1.*?</h1>", "", html)
        assert parse_detail(html, ART_URL).title == "关于印发某某办法的通知", title_tag


def test_logo_h1_is_not_the_title() -> None:
    html = (
        "<html><head><title>年度报告 - 某某市人民政府</title></head><body>"
        "<h1 class='logo'>某某市人民政府</h1><div id='zoom'><p>正文。</p></div></body></html>"
    )
    assert parse_detail(html, "http://x.gov.cn/a.html").title == "年度报告"


def test_attachments_are_absolute_and_named() -> None:
    html = hanweb_detail_page(
        "标题",
        PARAS,
        attachments=[("附件1.实施方案.pdf", "附件1.pdf"), ("附件2", "b.xlsx")],
        extra_body_html='<p><a href="/picture/0/1.docx">征求意见表</a>'
        '<a href="https://www.gov.cn/zhengce/">政策</a></p>',
    )
    page = parse_detail(html, ART_URL)
    assert page.attachments == [
        Attachment("征求意见表", "https://www.jxfz.gov.cn/picture/0/1.docx"),
        Attachment(
            "附件1.实施方案.pdf",
            "https://www.jxfz.gov.cn/module/download/downfile.jsp?classid=0&filename=%E9%99%84%E4%BB%B61.pdf",
        ),
        Attachment(
            "附件2",
            "https://www.jxfz.gov.cn/module/download/downfile.jsp?classid=0&filename=b.xlsx",
        ),
    ]


def test_hidden_containers_are_excluded_but_reported() -> None:
    spam = '<a href="http://www.leisu-tiyu.com/">雷速体育</a><a href="/art/1.html">站内</a>'
    page = parse_detail(hanweb_detail_page("标题", PARAS, extra_hidden_html=spam), ART_URL)
    assert "雷速体育" not in page.text
    assert page.hidden_text == ["雷速体育站内"]
    assert [(lk.url, lk.hidden) for lk in page.links] == [
        ("http://www.leisu-tiyu.com/", True),
        ("https://www.jxfz.gov.cn/art/1.html", True),
    ]


@pytest.mark.parametrize(
    "style_or_attr",
    [
        'style="display: none"',
        'style="visibility:hidden"',
        'style="font-size:0px"',
        'style="position:absolute;left:-9999px;top:0"',
        'style="text-indent:-9999px"',
        'style="width:0;height:0;overflow:hidden"',
        "hidden",
        'class="zz9"',
    ],
)
def test_hidden_container_kinds(style_or_attr: str) -> None:
    html = (
        f"<html><head><style>.zz9 {{ display:none !important }}</style></head><body>"
        f"<div id='zoom'><p>正文。</p><div {style_or_attr}><a href='http://spam.example/'>"
        f"百家乐</a></div></div></body></html>"
    )
    page = parse_detail(html, "http://x.gov.cn/a.html")
    assert page.text == "正文。"
    assert page.hidden_text == ["百家乐"]
    assert page.links[0].hidden is True


def test_visible_links_in_body() -> None:
    html = hanweb_detail_page(
        "标题", PARAS, extra_body_html='<p>见<a href="http://www.stats.gov.cn/x">统计局</a></p>'
    )
    page = parse_detail(html, ART_URL)
    assert page.links[-1].url == "http://www.stats.gov.cn/x" and page.links[-1].hidden is False
    assert page.text.endswith("见统计局")


def test_published_date_fallbacks() -> None:
    html = hanweb_detail_page("标题", PARAS, pub_date=None, generated_at="2024-05-06 10:00:00")
    assert parse_detail(html, ART_URL).published_date == dt.date(2024, 5, 6)
    bare = "<html><body><div id='zoom'><p>正文。</p></div></body></html>"
    assert parse_detail(
        bare, "https://x.gov.cn/art/2023/7/9/art_1_2.html"
    ).published_date == dt.date(2023, 7, 9)
    assert parse_detail(
        bare, "https://x.gov.cn/a/202301/t20230105_12.html"
    ).published_date == dt.date(2023, 1, 5)
    assert parse_detail(bare, "https://x.gov.cn/a.html").published_date is None


def test_info_content_markers_without_zjeg() -> None:
    html = (
        "<html><body><div>导航栏目 政务公开</div><!--<$[信息内容]>begin-->"
        "<p>正文一。</p><p>正文二。</p>"
        "<!--<$[信息内容]>end--><div>页脚</div></body></html>"
    )
    page = parse_detail(html, "http://x.gov.cn/a.html")
    assert page.text == "正文一。\n正文二。"
    assert page.body_found_by == "hanweb-info-markers"


def test_generic_page_by_density_drops_nav_and_furniture() -> None:
    html = """<html><head><title>标题一 - 某某局</title></head><body>
    <div class="nav"><a href="/">首页</a><a href="/a">新闻中心</a><a href="/b">政务公开</a></div>
    <div class="main"><div class="crumb">当前位置:首页 > 新闻</div><div class="box"><h3>标题一</h3>
    <p>发布日期:2024年5月6日 来源:本局</p>
    <p>这是第一段很长的正文内容,包含了足够多的文字来超过阈值。</p>
    <p>这是第二段很长的正文内容,同样包含足够多的文字。</p><p>【打印】 【关闭】</p></div></div>
    <div class="footer">版权所有 某某局 地址:某某路1号 联系电话:0794-1234567</div></body></html>"""
    page = parse_detail(html, "http://a.gov.cn/x.html")
    assert page.body_found_by == "density"
    assert page.text == (
        "这是第一段很长的正文内容,包含了足够多的文字来超过阈值。\n"
        "这是第二段很长的正文内容,同样包含足够多的文字。"
    )
    assert page.title == "标题一"
    assert page.metadata == {"published_date": "2024-05-06", "source": "本局"}


def test_real_sentences_mentioning_chrome_words_survive() -> None:
    paras = ["请群众关闭门窗,注意防范。", "打印机采购项目已完成。", "分享到的经验要推广。"]
    page = parse_detail(hanweb_detail_page("标题", paras), ART_URL)
    assert page.text.split("\n") == paras


def test_table_rows_become_lines() -> None:
    html = hanweb_detail_page(
        "标题",
        [],
        extra_body_html=(
            "<table><tr><td>指标</td><td>数值</td></tr><tr><td>GDP</td><td>2000亿元</td></tr></table>"
        ),
    )
    assert parse_detail(html, ART_URL).text == "指标 数值\nGDP 2000亿元"


@pytest.mark.parametrize(
    ("junk", "text"),
    [
        ("", ""),
        ("   ", ""),
        ("\x00\x01\x02", ""),
        ("<", "<"),
        ("<html>", ""),
        ("</p></div>", ""),
        ('<?xml version="1.0" encoding="gbk"?><html><p>x</p></html>', "x"),
        ("\ud800 lone surrogate", "? lone surrogate"),
        ("<!--ZJEG_RSS.content.begin-->", ""),
    ],
)
def test_junk_gives_empty_fields_not_errors(junk: str, text: str) -> None:
    page = parse_detail(junk, "http://x.gov.cn/")
    assert page.metadata == {}
    assert page.attachments == []
    assert page.title == ""
    assert page.text == text
