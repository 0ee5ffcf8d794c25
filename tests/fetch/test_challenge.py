"""looks_like_challenge: catch WAF interstitials, never real articles."""

from __future__ import annotations

import pytest

from ingest.fetch import looks_like_challenge
from tests.fakesite.server import CHALLENGE_BODY

ARTICLE_BODY = "抚州市2024年政府工作报告。各位代表：现在，我代表市人民政府向大会报告工作。" * 20


@pytest.mark.parametrize(
    "page",
    [
        CHALLENGE_BODY.decode("utf-8"),
        "<script>document.cookie=('__jsl_clearance_s=1699|0|abc');location.href=location.pathname"
        "+location.search</script>",
        "<html><script>var arg1='3A1B';setCookie('acw_sc__v2', x);reload(arg2);</script></html>",
        "<html><head><meta content='{qXr}' r='m'>"
        "<script>$_ts=window['$_ts'];</script></head></html>",
        "<html><body><h1>安全验证</h1><p>请完成验证后继续访问</p></body></html>",
        "<html><body>Please enable JavaScript to view this page.</body></html>",
        "<html><body><p>您的访问被WAF拦截</p><p>事件ID: 1234</p></body></html>",
        "<html><title>访问验证</title><body><div id='slider'></div></body></html>",
    ],
    ids=[
        "fakesite",
        "jiasule",
        "aliyun",
        "ruishu",
        "anquan-yanzheng",
        "enable-js",
        "waf",
        "fangwen",
    ],
)
def test_challenge_pages(page: str):
    assert looks_like_challenge(200, page)


@pytest.mark.parametrize(
    "page",
    [
        # A real article with scripts (analytics setting a cookie) and a noscript hint.
        "<html><head><script>document.cookie='visited=1';var _hmt=[];</script></head><body>"
        "<noscript>请开启JavaScript</noscript><div id='zoom'>"
        + ARTICLE_BODY
        + "</div></body></html>",
        # An article that talks about security verification.
        "<html><body><h1>关于开展网络安全验证工作的通知</h1><p>"
        + ARTICLE_BODY
        + "</p></body></html>",
        # A tiny but normal page.
        "<html><body><p>暂无信息</p></body></html>",
        # A page that redirects without setting a cookie (e.g. an index that moved).
        "<html><script>location.href='/col/col1/index.html'</script></html>",
        "",
    ],
    ids=["article-with-scripts", "article-about-verification", "tiny-normal", "redirect", "empty"],
)
def test_normal_pages(page: str):
    assert not looks_like_challenge(200, page)


def test_sparse_hanweb_column_page_is_not_a_challenge():
    records = "".join(
        f"<record><![CDATA[<li><a href='/art/2024/3/{i}/art_1_{i}.html'>"
        f"抚州市{2000 + i}年政府工作报告</a><b>2024-03-{i:02d}</b></li>]]></record>"
        for i in range(1, 16)
    )
    page = (
        "<html><head><title>政府工作报告</title><script>function setFont(s){document.cookie="
        "'font='+s;location.href=location.href;}</script></head><body><div id='1234'>"
        f"<script type='text/xml'><datastore><recordset>{records}</recordset></datastore>"
        "</script></div></body></html>"
    )
    assert not looks_like_challenge(200, page)


def test_script_only_page_with_waf_status():
    page = "<html><script>eval(function(p,a,c,k,e,d){return p}('x'))</script></html>"
    assert looks_like_challenge(521, page)
    assert not looks_like_challenge(200, page)
