"""Every switch of the fake site, with its expected outcome: version or none, event or
none, health state. Nothing a bad answer brings is ever stored as a version."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from models import Snapshot, Source
from tests.fakesite.hanweb import SEED_ART, HanwebSite
from tests.fakesite.pages import hanweb_detail_page
from tests.pipeline.conftest import Checker


async def health(check: Checker) -> tuple[str, str | None]:
    async with check.db.session() as session:
        row = (await session.execute(sa.select(Source.health, Source.last_error))).one()
    return row[0], row[1]


async def test_listing_500_turns_the_source_failing_then_recovered(
    check: Checker, gov: HanwebSite
) -> None:
    await check()
    gov.server.fail(gov.column_path, "500")
    report = await check()
    assert report.health == "failing"
    state, error = await health(check)
    assert state == "failing" and error and "500" in error
    failing = await check.events("source.failing")
    assert len(failing) == 1 and failing[0].data["health"] == "failing"
    await check()  # still failing: no second event
    assert len(await check.events("source.failing")) == 1

    gov.server.heal()
    report = await check()
    assert report.health == "ok"
    assert len(await check.events("source.recovered")) == 1
    assert len(await check.versions()) == 1  # nothing stored was lost


async def test_timeout_is_failing_not_a_crash(check: Checker, gov: HanwebSite) -> None:
    gov.server.fail(None, "timeout")
    report = await check()
    assert report.health == "failing"
    assert await check.versions() == []


@pytest.mark.parametrize("mode", ["challenge", "challenge200"])
async def test_challenge_means_blocked(check: Checker, gov: HanwebSite, mode: str) -> None:
    gov.server.fail(None, mode)
    report = await check()
    assert report.health == "blocked"
    assert await check.versions() == []
    (event,) = await check.events("source.failing")
    assert event.data["health"] == "blocked"


async def test_blocked_on_a_detail_page(check: Checker, gov: HanwebSite) -> None:
    gov.server.fail(gov.docs[SEED_ART].path, "challenge")
    report = await check()
    assert report.health == "blocked"
    assert await check.versions() == []


@pytest.mark.parametrize("mode", ["empty", "truncated"])
async def test_broken_detail_bodies_never_become_versions(
    check: Checker, gov: HanwebSite, mode: str
) -> None:
    gov.server.fail(gov.docs[SEED_ART].path, mode)
    report = await check()
    assert await check.versions() == []
    assert report.anomalies or report.errors
    gov.server.heal()
    report = await check()
    assert len(report.new_publications) == 1


async def test_detail_500_records_an_error_and_stores_nothing(
    check: Checker, gov: HanwebSite
) -> None:
    gov.server.fail(gov.docs[SEED_ART].path, "500")
    report = await check()
    assert report.errors and report.health == "failing"
    assert await check.versions() == []


async def test_error_page_served_with_200_is_an_anomaly(check: Checker, gov: HanwebSite) -> None:
    await check()
    error_page = (
        "<html><head><title>404 页面不存在</title></head><body><h1>404</h1>"
        "<p>对不起,您访问的页面不存在或已被删除!</p><a href='/'>返回首页</a></body></html>"
    )
    gov.server.set(gov.docs[SEED_ART].path, error_page)
    report = await check()
    assert report.anomalies
    assert len(await check.versions()) == 1
    async with check.db.session() as session:
        kinds = (
            await session.scalars(sa.select(Snapshot.detail).where(Snapshot.outcome == "anomaly"))
        ).all()
        source = await session.scalar(sa.select(Source))
    assert kinds and kinds[0].startswith("error_page")
    assert source is not None and source.last_anomaly and "error_page" in source.last_anomaly


async def test_login_page_is_an_anomaly(check: Checker, gov: HanwebSite) -> None:
    login = (
        "<html><head><title>用户登录</title></head><body><form action='/login' method='post'>"
        "用户名<input name='user'>密码<input type='password' name='pw'>"
        "<button>登录</button></form></body></html>"
    )
    gov.server.set(gov.docs[SEED_ART].path, login)
    report = await check()
    assert report.anomalies
    assert await check.versions() == []


async def test_body_that_shrank_to_a_fraction_is_an_anomaly(
    check: Checker, gov: HanwebSite
) -> None:
    await check()
    doc = gov.docs[SEED_ART]
    doc.paragraphs = doc.paragraphs[:3]
    gov.render()
    report = await check()
    assert report.anomalies and "shrunk" in report.anomalies[0]
    assert len(await check.versions()) == 1


async def test_gbk_page_without_charset_header(check: Checker, gov: HanwebSite) -> None:
    doc = gov.docs[SEED_ART]
    html = hanweb_detail_page(
        doc.title,
        doc.paragraphs,
        metadata=doc.metadata,
        source=doc.source,
        pub_date=dt.date(2024, 3, 11),
        art_id=SEED_ART,
    ).replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    )
    # 抚 and 勠 are outside GB2312: only a gb18030 decode keeps them
    gov.server.set(doc.path, html.encode("gb18030"), content_type="text/html")
    await check()
    (version,) = await check.versions()
    assert "抚州" in version.text
    assert "勠力同心" in version.text
    assert "全市GDP突破2000亿元" in version.text
