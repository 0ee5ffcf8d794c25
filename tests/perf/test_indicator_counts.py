"""/v1/indicators counts kept per dataset and updated by the change between versions
equal a recount of the latest versions, version after version."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from api.app import create_app
from api.changes import close_change_waiter
from api.config import ApiConfig
from api.series.counts import IndicatorCounts
from models import Database, Dataset
from tests.api.conftest import make_client
from tests.api.factories import make_dataset, make_publication, make_source, obs, publish

CODES = ["gdp", "cpi", "retail_sales", ""]
AREAS = [("抚州市", "361000"), ("临川区", "361002"), ("南城县", "361021")]


def _rows(pub: str, count: int, step: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(count):
        area, code = AREAS[(i + step) % 3], CODES[i % 4]
        rows.append(
            obs(
                f"o{i:03d}",
                pub,
                indicator_code=code,
                ref_area=area[0],
                ref_area_code=area[1],
                measure=["level", "growth"][(i // 4 + step) % 2],
                unit=["CNY", "percent"][(i // 4 + step) % 2],
                obs_value=float(i + step),
            )
        )
    return rows


async def test_counts_follow_the_versions(database: Database) -> None:
    kept = IndicatorCounts()
    app = create_app(database, ApiConfig(rate_limit_per_minute=0))
    async with database.transaction() as session:
        source = await make_source(session, "counts")
        pub = await make_publication(session, source, texts=["t"])
        a = await make_dataset(session, "a")
        b = await make_dataset(session, "b")
        pub_id = pub.id
    # versions that add rows, change their area and measure, remove rows
    plan = [("a", 40, 0), ("b", 10, 1), ("a", 45, 1), ("a", 30, 1), ("b", 0, 2), ("a", 50, 2)]
    seen = []
    async with make_client(app) as client:
        for slug, count, step in plan:
            async with database.transaction() as session:
                dataset = (
                    await session.scalars(sa.select(Dataset).where(Dataset.slug == slug))
                ).one()
                await publish(session, dataset, _rows(pub_id, count, step))
            totals, key = await kept.current(database)
            fresh, fresh_key = await IndicatorCounts().current(database)
            assert key == fresh_key and totals == fresh, (slug, count, step)
            assert all(n > 0 for n in totals.values())
            seen.append(sum(totals.values()))
            # the app's answer follows too, and equals a new app's
            body = (await client.get("/v1/indicators")).content
            other = create_app(database, ApiConfig(rate_limit_per_minute=0))
            async with make_client(other) as c:
                assert (await c.get("/v1/indicators")).content == body
            await close_change_waiter(other)
    await close_change_waiter(app)
    assert seen[0] == 30 and len(set(seen)) > 3  # 40 rows, a quarter without a code
    del a, b
