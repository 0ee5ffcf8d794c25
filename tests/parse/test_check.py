"""check_document: pages served with 200 that are not the document."""

from __future__ import annotations

import pytest

from ingest.parse import parse_detail
from ingest.parse.check import check_document
from tests.fakesite.pages import hanweb_detail_page, seed_detail_page

URL = "https://www.jxfz.gov.cn/art/2024/3/11/art_5120_1.html"


def kind(html: str, previous: int | None = None) -> str | None:
    anomaly = check_document(parse_detail(html, URL), html, previous_text_len=previous)
    return anomaly.kind if anomaly else None


def test_real_pages_pass() -> None:
    assert kind(seed_detail_page()) is None
    assert kind(seed_detail_page(), previous=len(seed_detail_page()) // 4) is None


def test_short_real_notice_is_not_an_anomaly() -> None:
    html = hanweb_detail_page("关于系统繁忙时段调整的通知", ["因系统升级,3月12日停止服务。"])
    assert kind(html) is None
    html404 = hanweb_detail_page("404号公告", ["本公告自发布之日起施行。"])
    assert kind(html404) is None


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
        "<p>The requested URL was not found on this server.</p></body></html>",
        "<html><head><title>页面不存在</title></head><body><p>您访问的页面不存在,"
        "<a href='/'>返回首页</a></p></body></html>",
        "<html><head><title>抚州市人民政府</title></head><body><div>系统繁忙,请稍后再试</div></body></html>",
        "<html><head><title>Error</title></head><body><p>java.lang.NullPointerException</p></body></html>",
        "<html><head><title>提示</title></head><body><h1>访问出错</h1></body></html>",
        "<html><body><p>服务器错误</p></body></html>",
    ],
)
def test_error_pages(html: str) -> None:
    assert kind(html) == "error_page"


def test_login_page() -> None:
    html = (
        "<html><head><title>用户登录</title></head><body><form><input name='u'>"
        "<input type='password' name='p'><button>登录</button></form></body></html>"
    )
    assert kind(html) == "login_page"


def test_login_widget_on_real_page_is_fine() -> None:
    html = hanweb_detail_page("标题", ["正文第一段。" * 60]).replace(
        "<body>", "<body><form>用户登录<input type='password'></form>", 1
    )
    assert kind(html) is None


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title></title><script>var $_ts=window['$_ts'];</script></head>"
        "<body></body></html>",
        "<html><body><script>document.cookie='__jsl_clearance=1';location.href=location.href</script>"
        "</body></html>",
        "<html><head><title>安全验证</title></head><body>请完成滑动验证</body></html>",
    ],
)
def test_challenge_pages(html: str) -> None:
    assert kind(html) == "challenge"


def test_truncated_mid_body() -> None:
    html = seed_detail_page()
    cut = html[: html.index("ZJEG_RSS.content.end") - 2000]
    assert kind(cut) == "truncated"


def test_truncated_without_markers() -> None:
    html = "<!DOCTYPE html><html><body><div id='zoom'><p>" + "正文" * 200 + "</p><p>半句"
    assert kind(html) == "truncated"
    assert kind(html + "</p></div></body></html>") is None


def test_missing_end_marker_is_truncation_even_with_closing_html() -> None:
    html = seed_detail_page().replace("<!--ZJEG_RSS.content.end-->", "")
    html = html.replace("<!--<$[信息内容]>end-->", "")
    assert kind(html) == "truncated"


def test_empty_body() -> None:
    assert kind(hanweb_detail_page("标题", [])) == "empty_body"


def test_attachment_only_publication_is_not_empty() -> None:
    html = hanweb_detail_page("标题", [], attachments=[("", "report.pdf")])
    assert kind(html) is None


def test_shrunk_below_30_percent() -> None:
    html = hanweb_detail_page("标题", ["正文第一段。" * 10])
    assert kind(html, previous=1000) == "shrunk"
    assert kind(html, previous=150) is None
    assert kind(html, previous=20) is None
    assert kind(html, previous=None) is None
