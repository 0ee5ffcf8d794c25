"""Listing parsers and the async adapters, driven by a fake Fetch."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest

from ingest.adapters import GenericAdapter, HanwebAdapter, ListingError, TrsAdapter, get_adapter
from ingest.fetch.types import FetchError, FetchRequest, FetchResult
from ingest.parse.listing import (
    hanweb_params,
    hanweb_total,
    parse_generic_listing,
    parse_hanweb_records,
    registrable_domain,
    trs_page_count,
    trs_page_url,
)
from ingest.parse.structs import ListingItem
from tests.fakesite.pages import (
    hanweb_column_page,
    hanweb_dataproxy_xml,
    trs_listing_page,
)

COL = "https://www.jxfz.gov.cn/col/col5120/index.html"
PROXY = "https://www.jxfz.gov.cn/module/web/jpage/dataproxy.jsp"


def records(n: int, start: int = 0) -> list[tuple[str, str, dt.date | None]]:
    return [
        (
            f"政府工作报告({2024 - i}年)",
            f"/art/{2024 - i}/3/11/art_5120_{1000 + i}.html",
            dt.date(2024 - i, 3, 11),
        )
        for i in range(start, start + n)
    ]


class FakeFetch:
    """Serves canned pages; answers dataproxy POSTs from a record list, records calls."""

    def __init__(self, pages: dict[str, str], proxy_records: list | None = None) -> None:
        self.pages = pages
        self.proxy_records = proxy_records or []
        self.requests: list[FetchRequest] = []

    async def __call__(self, request: FetchRequest) -> FetchResult:
        self.requests.append(request)
        if request.url == PROXY and request.method == "POST":
            form = request.form or {}
            start, end = int(form["startrecord"]), int(form["endrecord"])
            batch = self.proxy_records[start - 1 : end]
            per = int(form["perpage"])
            text = hanweb_dataproxy_xml(
                batch, len(self.proxy_records), -(-len(self.proxy_records) // per)
            )
        elif request.url in self.pages:
            text = self.pages[request.url]
        else:
            raise FetchError(request.url, "404", status=404)
        return FetchResult(
            url=request.url, status=200, headers={}, body=text.encode(), text=text, encoding="utf-8"
        )


def test_hanweb_embedded_records() -> None:
    html = hanweb_column_page(5120, records(3), unitid=27656, total=3)
    items = parse_hanweb_records(html, COL)
    assert items == [
        ListingItem(
            "政府工作报告(2024年)",
            "https://www.jxfz.gov.cn/art/2024/3/11/art_5120_1000.html",
            dt.date(2024, 3, 11),
        ),
        ListingItem(
            "政府工作报告(2023年)",
            "https://www.jxfz.gov.cn/art/2023/3/11/art_5120_1001.html",
            dt.date(2023, 3, 11),
        ),
        ListingItem(
            "政府工作报告(2022年)",
            "https://www.jxfz.gov.cn/art/2022/3/11/art_5120_1002.html",
            dt.date(2022, 3, 11),
        ),
    ]
    assert hanweb_total(html) == 3


def test_hanweb_params_from_column_page() -> None:
    html = hanweb_column_page(5120, records(1), unitid=31337, per_page=20, total=50)
    params = hanweb_params(html, COL)
    assert params.unitid == "31337"
    assert params.per_page == 20
    assert params.fields == {
        "appid": "1",
        "col": "1",
        "columnid": "5120",
        "path": "/",
        "permissiontype": "0",
        "unitid": "31337",
        "webid": "1",
        "webname": "抚州市人民政府",
    }
    assert params.form(16, 30, 15)["startrecord"] == "16"


def test_hanweb_unitid_from_jpageform_only() -> None:
    html = "<form id='jpageform_4242'></form><totalrecord>99</totalrecord>"
    assert hanweb_params(html, COL).unitid == "4242"
    assert hanweb_params(html, COL).fields["columnid"] == "5120"


def test_hanweb_records_ignore_other_sites_and_accept_subdomains() -> None:
    xml = hanweb_dataproxy_xml(
        [
            ("外站", "http://www.leisu.com/a.html", None),
            ("省站", "https://www.jiangxi.gov.cn/art/1.html", None),
            ("公开平台", "http://xxgk.jxfz.gov.cn/art/2024/1/2/art_1_1.html", dt.date(2024, 1, 2)),
        ],
        3,
        1,
    )
    assert [i.title for i in parse_hanweb_records(xml, COL)] == ["公开平台"]
    assert registrable_domain("www.jxfz.gov.cn") == "jxfz.gov.cn"
    assert registrable_domain("a.b.example.com") == "example.com"


def test_hanweb_escaped_records_and_missing_date() -> None:
    xml = (
        "<datastore><recordset><record>&lt;li&gt;&lt;a href=&quot;/art/2024/1/1/art_1_9.html&quot;"
        "&gt;标题2024年版&lt;/a&gt;&lt;/li&gt;</record></recordset></datastore>"
    )
    assert parse_hanweb_records(xml, COL) == [
        ListingItem("标题2024年版", "https://www.jxfz.gov.cn/art/2024/1/1/art_1_9.html", None)
    ]


async def test_hanweb_adapter_pages_through_dataproxy() -> None:
    everything = records(40)
    column = hanweb_column_page(5120, everything[:15], unitid=27656, per_page=15, total=40)
    fetch = FakeFetch({COL: column}, proxy_records=everything)
    items = await HanwebAdapter().list_items(fetch, COL)
    assert [i.title for i in items] == [r[0] for r in everything]
    posts = [r for r in fetch.requests if r.method == "POST"]
    assert [(p.form or {})["startrecord"] for p in posts] == ["16", "31"]
    form = posts[0].form or {}
    assert form["unitid"] == "27656" and form["columnid"] == "5120" and form["perpage"] == "15"
    assert form["endrecord"] == "30"


async def test_hanweb_adapter_respects_max_pages_and_single_page() -> None:
    everything = records(100)
    column = hanweb_column_page(5120, everything[:15], unitid=1, per_page=15, total=100)
    fetch = FakeFetch({COL: column}, proxy_records=everything)
    assert len(await HanwebAdapter().list_items(fetch, COL, max_pages=3)) == 45
    small = FakeFetch({COL: hanweb_column_page(5120, records(5), total=5)})
    assert len(await HanwebAdapter().list_items(small, COL)) == 5
    assert len(small.requests) == 1


async def test_hanweb_adapter_stops_when_server_ignores_range() -> None:
    column = hanweb_column_page(5120, records(15), unitid=1, per_page=15, total=100)
    fetch = FakeFetch({COL: column}, proxy_records=records(15))  # always the same 15
    items = await HanwebAdapter().list_items(fetch, COL)
    assert len(items) == 15
    assert len(fetch.requests) == 2


async def test_hanweb_adapter_without_unitid_raises() -> None:
    page = "<script type='text/xml'><datastore><totalrecord>40</totalrecord></datastore></script>"
    with pytest.raises(ListingError, match="unitid"):
        await HanwebAdapter().list_items(FakeFetch({COL: page}), COL)


async def test_fetch_errors_propagate() -> None:
    with pytest.raises(FetchError):
        await HanwebAdapter().list_items(FakeFetch({}), COL)


TRS = "https://www.jiangxi.gov.cn/col/zfgzbg/index.html"


def trs_records(page: int) -> list[tuple[str, str, dt.date | None]]:
    return [
        (f"第{page}页文章{i}", f"./2024{page + 1:02d}/t2024{page + 1:02d}1{i}_{page}{i}.html", None)
        for i in range(3)
    ]


def test_trs_helpers() -> None:
    assert trs_page_count(trs_listing_page([], page_count=7)) == 7
    assert trs_page_count("<html></html>") == 1
    assert trs_page_url(TRS, 0) == TRS
    assert trs_page_url(TRS, 2) == "https://www.jiangxi.gov.cn/col/zfgzbg/index_2.html"
    assert trs_page_url("https://x.gov.cn/zw/", 1) == "https://x.gov.cn/zw/index_1.html"


async def test_trs_adapter_reads_all_pages_with_url_dates() -> None:
    pages = {
        trs_page_url(TRS, n): trs_listing_page(trs_records(n), page_count=3, page_index=n)
        for n in range(3)
    }
    items = await TrsAdapter().list_items(FakeFetch(pages), TRS)
    assert len(items) == 9
    assert items[0] == ListingItem(
        "第0页文章0",
        "https://www.jiangxi.gov.cn/col/zfgzbg/202401/t20240110_00.html",
        dt.date(2024, 1, 10),
    )
    assert await TrsAdapter().list_items(FakeFetch(pages), TRS, max_pages=2) == items[:6]


def test_generic_listing_dated_links_only() -> None:
    html = """<html><body>
    <div class="nav"><a href="/news/2024/a123456.html">导航里的文章链接</a></div>
    <ul class="list">
      <li><a href="/xxgk/info/1.html">关于做好防汛工作的通知</a><span>2024-06-01</span></li>
      <li><a href="/xxgk/t20240502_88.html" title="全称标题:五月公告">五月公告...</a></li>
      <li><a href="/about.html">关于我们</a></li>
      <li><a href="http://spam.example.com/x/2024/1.html">外站新闻标题</a><span>2024-06-01</span></li>
    </ul><div class="footer"><a href="/sitemap/2024/1.html">网站地图链接</a></div></body></html>"""
    items = parse_generic_listing(html, "https://www.example.gov.cn/xxgk/index.html")
    assert items == [
        ListingItem(
            "关于做好防汛工作的通知",
            "https://www.example.gov.cn/xxgk/info/1.html",
            dt.date(2024, 6, 1),
        ),
        ListingItem("全称标题:五月公告", "https://www.example.gov.cn/xxgk/t20240502_88.html", None),
    ]


async def test_generic_adapter_follows_next_page() -> None:
    p1 = (
        "<ul><li><a href='/a/1.html'>第一篇文章标题</a> 2024-01-01</li></ul>"
        "<a href='list_2.html'>下一页</a>"
    )
    p2 = (
        "<ul><li><a href='/a/2.html'>第二篇文章标题</a> 2024-01-02</li></ul>"
        "<a href='list_2.html'>下一页</a>"
    )
    base = "https://www.example.gov.cn/list.html"
    fetch = FakeFetch({base: p1, "https://www.example.gov.cn/list_2.html": p2})
    items = await GenericAdapter().list_items(fetch, base)
    assert [urlsplit(i.url).path for i in items] == ["/a/1.html", "/a/2.html"]


def test_get_adapter() -> None:
    assert isinstance(get_adapter("hanweb"), HanwebAdapter)
    assert isinstance(get_adapter("TRS"), TrsAdapter)
    assert isinstance(get_adapter("generic"), GenericAdapter)
    with pytest.raises(ValueError, match="generic, hanweb, trs"):
        get_adapter("wordpress")
    assert (
        get_adapter("hanweb").parse_detail("<div id='zoom'><p>正文</p></div>", COL).text == "正文"
    )
