"""A small, realistic world for API tests: a source, two publications, a dataset with
two versions (v2 revises one value and adds one observation)."""

from __future__ import annotations

from dataclasses import dataclass

from models import Database
from tests.api.factories import make_dataset, make_publication, make_source, obs, publish

TEXT_V1 = "一、2023年工作回顾\n规模以上工业增加值增长14.5%。\n地区生产总值突破2000亿元。"
TEXT_V2 = (
    "一、2023年工作回顾\n规模以上工业增加值增长14.6%,排名全省第1。\n地区生产总值突破2000亿元。"
)


@dataclass
class World:
    slug: str
    pub_id: str
    other_pub_id: str
    source: str


async def seed_world(db: Database, slug: str = "fz") -> World:
    async with db.transaction() as session:
        source = await make_source(session, slug)
        pub = await make_publication(session, source, texts=[TEXT_V1, TEXT_V2], flagged=True)
        other = await make_publication(
            session, source, texts=["二、2024年工作安排"], title="2023年报告", published_date=None
        )
        ds = await make_dataset(session, slug, description="Numbers in work reports")
        rows = [
            obs("o-growth", pub.id, obs_value=14.5, value_text="增长14.5%"),
            obs(
                "o-gdp",
                pub.id,
                indicator_code="gdp",
                indicator_zh="地区生产总值",
                indicator_en="Gross regional product",
                measure="level",
                obs_value=200000000000.0,
                qualifier="gt",
                unit="CNY",
                unit_zh="亿元",
                value_text="2000亿元",
                quote='地区生产总值突破2000亿元,"含引号",\n换行',
            ),
            obs(
                "o-range",
                pub.id,
                time_period="2024",
                obs_kind="target",
                obs_value=6.0,
                obs_value_max=6.5,
                qualifier="range",
                value_text="6%-6.5%",
            ),
        ]
        await publish(session, ds, rows, cause={"publications": [{"id": pub.id, "version": 1}]})
        revised = [dict(r) for r in rows]
        revised[0].update(obs_value=14.6, value_text="增长14.6%", publication_version=2)
        revised.append(
            obs(
                "o-rank",
                pub.id,
                measure="rank",
                obs_value=1.0,
                unit="rank",
                compare_scope="province",
                publication_version=2,
            )
        )
        await publish(session, ds, revised, cause={"publications": [{"id": pub.id, "version": 2}]})
    return World(slug=slug, pub_id=pub.id, other_pub_id=other.id, source=slug)
