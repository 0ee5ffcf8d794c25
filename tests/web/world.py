"""The small world the page tests browse: one Hanweb source whose work report is
imported twice through the real ingest pipeline (v2 revises two numbers), plus a
defaced page whose text carries markup and a gambling brand.

    world = await build_world(db)
    world.report_id, world.defaced_id, world.slug
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from ingest.health import mark_failure
from ingest.register import PageOrigin, import_page
from models import Database, Source
from tests.fakesite.pages import hanweb_detail_page

SLUG = "fz-pages"
SOURCE = "fz-pages"
REPORT_URL = "https://www.jxfz.gov.cn/art/2024/3/11/art_5120_3760539.html"
DEFACED_URL = "https://www.jxfz.gov.cn/art/2024/5/20/art_5120_3760600.html"

REPORT_V1 = [
    "一、2023年工作回顾",
    "全市地区生产总值增长6.3%,规模以上工业增加值增长8.1%。",
    "社会消费品零售总额增长7.5%,城镇新增就业4.2万人。",
    "二、2024年工作安排",
    "全市地区生产总值增长6%左右,规模以上工业增加值增长8%以上。",
]
REPORT_V2 = [
    p.replace("增长6.3%", "增长6.5%").replace("增长6%左右", "增长5.5%左右") for p in REPORT_V1
]

#: What a defaced page says; the tests check all of it is shown as text.
SCRIPT_TEXT = "<script>alert('pwned')</script>"
ONERROR_TEXT = '<img src=x onerror="alert(1)">'
SPAM_TERM = "雷速体育"
DEFACED = [
    "一、2023年工作回顾",
    f"全市地区生产总值增长6.3%。{SCRIPT_TEXT}",
    f"留言: {ONERROR_TEXT} 欢迎访问{SPAM_TERM}。",
]
DNS_ERROR = "listing: [Errno -2] Name or service not known"
METADATA = {
    "索引号": "K12345/2024-00001",
    "发文机关": "抚州市人民政府",
    "成文日期": "2024-03-11",
}


@dataclass(frozen=True)
class World:
    slug: str
    report_id: str
    defaced_id: str


def _origin(url: str) -> PageOrigin:
    return PageOrigin(url=url, source_name=SOURCE, area="抚州市", area_code="361000", dataset=SLUG)


def _page(paragraphs: list[str], title: str, art_id: int, date: dt.date) -> bytes:
    html = hanweb_detail_page(title, paragraphs, metadata=METADATA, pub_date=date, art_id=art_id)
    return html.encode("utf-8")


async def build_world(db: Database) -> World:
    title = "2024年抚州市政府工作报告"
    date = dt.date(2024, 3, 11)
    first = await import_page(db, _page(REPORT_V1, title, 3760539, date), _origin(REPORT_URL))
    await import_page(db, _page(REPORT_V2, title, 3760539, date), _origin(REPORT_URL))
    defaced = await import_page(
        db,
        _page(DEFACED, "关于征求意见的公告", 3760600, dt.date(2024, 5, 20)),
        _origin(DEFACED_URL),
    )
    # The site is out of reach now: the source fails the way a real check records it.
    async with db.transaction() as session:
        source = await session.scalar(sa.select(Source).where(Source.name == SOURCE))
        assert source is not None
        await mark_failure(session, source, DNS_ERROR, blocked=False)
    return World(slug=SLUG, report_id=first.publication_id, defaced_id=defaced.publication_id)
