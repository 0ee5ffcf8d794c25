"""Malformed HTML and junk never crash the parsers (property tests)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.parse import parse_detail
from ingest.parse.check import check_document
from ingest.parse.listing import (
    hanweb_params,
    parse_generic_listing,
    parse_hanweb_records,
    trs_page_count,
)
from ingest.text import normalize_text
from tests.fakesite.pages import hanweb_detail_page

URL = "https://www.jxfz.gov.cn/art/2024/3/11/art_5120_1.html"

_pieces = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div style='display:none'>",
        "</div>",
        "<a href='http://x.com/'>",
        "</a>",
        "<!--ZJEG_RSS.content.begin-->",
        "<!--ZJEG_RSS.content.end-->",
        "<table><tr><td>",
        "索 引 号:",
        "发布日期:2024年13月45日",
        "<script>",
        "</script>",
        "<![CDATA[",
        "]]>",
        "<record>",
        "</record>",
        "<totalrecord>9</totalrecord>",
        "正文",
        "&nbsp;",
        "&#0;",
        "<title>",
        "</title>",
        "<meta name='PubDate' content='x'>",
        "<",
        ">",
        "\x00",
        "\ud800",
        "<?xml version='1.0' encoding='gbk'?>",
        "<div id='zoom'>",
        "<style>.a{display:none}</style>",
    ]
)
_html = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_pieces, st.text(max_size=10)), max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_html)
def test_parsers_never_crash(html: str) -> None:
    page = parse_detail(html, URL)
    assert page.text == normalize_text(page.text)
    check_document(page, html, previous_text_len=100)
    parse_hanweb_records(html, URL)
    parse_generic_listing(html, URL)
    hanweb_params(html, URL)
    assert trs_page_count(html) >= 1


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=len(hanweb_detail_page("标题", ["正文一段。"] * 5))))
def test_truncated_real_page_never_crashes(cut: int) -> None:
    html = hanweb_detail_page("标题", ["正文一段。"] * 5)[:cut]
    page = parse_detail(html, URL)
    check_document(page, html)


def test_deeply_nested_html() -> None:
    # Deeper than Python's recursion limit; libxml2 itself stops at 2048 levels.
    html = "<div>" * 1500 + "<p>深处的正文</p>" + "</div>" * 1500
    assert "深处的正文" in parse_detail(html, URL).text


def test_binary_junk() -> None:
    junk = bytes(range(256)).decode("latin-1") * 50
    page = parse_detail(junk, URL)
    assert page.metadata == {} and page.attachments == []
