"""The TRS and generic adapters through the whole pipeline, against pages on loopback."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from ingest.check import DatabaseValidators, check_source
from ingest.fetch import Fetcher
from ingest.register import register_sources
from ingest.sources import SourcesFile, SourceSpec
from models import Database
from tests.fakesite.pages import trs_detail_page, trs_listing_page
from tests.fakesite.server import FakeSite
from tests.pipeline.conftest import FAST

BODY_2025 = [
    "一、2024年工作回顾",
    "全省地区生产总值增长5.1%,一般公共预算收入增长3.2%。",
    "二、2025年工作安排",
    "主要预期目标是:地区生产总值增长5%左右,城镇调查失业率控制在5.5%以内。",
]


@pytest.fixture
async def fetcher(database: Database) -> AsyncIterator[Fetcher]:
    async with Fetcher(FAST, state=DatabaseValidators(database)) as fetch:
        yield fetch


async def _source(database: Database, adapter: str, url: str) -> None:
    spec = SourceSpec(
        name=f"{adapter}-site", adapter=adapter, url=url, dataset=f"{adapter}-site", area="江西省",
        area_code="360000",
    )  # fmt: skip
    await register_sources(database, SourcesFile(sources=(spec,)))


async def test_trs_column_with_two_listing_pages(
    database: Database, server: FakeSite, fetcher: Fetcher
) -> None:
    docs = {
        "/zfgzbg/202501/t20250120_1001.html": ("江西省政府工作报告(2025年)", dt.date(2025, 1, 20)),
        "/zfgzbg/202401/t20240125_0901.html": ("江西省政府工作报告(2024年)", dt.date(2024, 1, 25)),
    }
    records = [(title, f".{path[len('/zfgzbg') :]}", date) for path, (title, date) in docs.items()]
    server.set("/zfgzbg/index.html", trs_listing_page(records[:1], page_count=2, page_index=0))
    server.set("/zfgzbg/index_1.html", trs_listing_page(records[1:], page_count=2, page_index=1))
    for path, (title, date) in docs.items():
        server.set(
            path,
            trs_detail_page(title, BODY_2025, metadata={}, source="省政府办公厅", pub_date=date),
        )
    await _source(database, "trs", server.url("/zfgzbg/index.html"))
    report = await check_source(database, "trs-site", fetcher)
    assert report.health == "ok", report.errors
    assert report.listed == 2 and len(report.new_publications) == 2
    # one transaction, hence one dataset version, per new publication
    assert report.dataset_versions == {"trs-site": 2}


async def test_generic_listing_and_body_heuristic(
    database: Database, server: FakeSite, fetcher: Fetcher
) -> None:
    listing = (
        "<html><body><div class='nav'><a href='/'>首页</a></div><ul class='list'>"
        "<li><a href='/news/2025/report.html'>市政府工作报告(2025年)</a>"
        "<span>2025-02-20</span></li>"
        "</ul><div class='footer'>版权所有</div></body></html>"
    )
    article = (
        "<html><head><title>市政府工作报告(2025年)</title></head><body>"
        "<div class='header'><a href='/'>首页</a> <a href='/a'>政务公开</a></div>"
        "<div class='main'><h1>市政府工作报告(2025年)</h1>"
        + "".join(f"<p>{p}</p>" for p in BODY_2025)
        + "</div><div class='footer'>主办单位:某市人民政府办公室 网站标识码:3610000001</div>"
        "</body></html>"
    )
    server.set("/list.html", listing)
    server.set("/news/2025/report.html", article)
    await _source(database, "generic", server.url("/list.html"))
    report = await check_source(database, "generic-site", fetcher)
    assert report.health == "ok", report.errors
    assert len(report.new_publications) == 1
    assert report.dataset_versions == {"generic-site": 1}
