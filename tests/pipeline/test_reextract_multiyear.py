"""``gongkai reextract`` after the extractor learned multi-year parts: the improved rows are
published as a new dataset version with observation-level changes, said in words."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from api.changes.words import describe_event
from ingest.check import check_source, indicator_extractor
from ingest.reextract import reextract
from ingest.store import ExtractContext
from models import Database, DatasetVersion
from tests.fakesite.hanweb import HanwebSite
from tests.pipeline.conftest import Checker

FIVE_YEAR_REPORT = [
    "一、过去五年工作回顾",
    "五年来,全市地区生产总值年均增长6.9%,一般公共预算收入突破260亿元。",
    "二、2023年工作安排",
    "今年全市经济社会发展的主要预期目标是:地区生产总值增长6.5%以上。",
]


def single_year_reader(text: str, context: ExtractContext) -> list[dict[str, Any]]:
    """What a reader without multi-year parts published: no averages, no intervals."""
    rows = indicator_extractor(text, context)
    return [r for r in rows if "/" not in r["time_period"] and r["measure"] != "avg_growth"]


async def test_reextract_publishes_multi_year_rows_with_words(
    check: Checker, gov: HanwebSite, database: Database
) -> None:
    gov.publish("宜昌市2023年政府工作报告", FIVE_YEAR_REPORT)
    await check_source(database, check.source, check.fetch, extractor=single_year_reader)
    before = len(await check.events("dataset.updated"))
    latest = await check.scalar(sa.select(sa.func.max(DatasetVersion.version)))

    report = await reextract(database)

    assert report.dataset_versions == {"fake-fuzhou": latest + 1}
    async with database.session() as session:
        version = await session.scalar(
            sa.select(DatasetVersion).where(DatasetVersion.version == latest + 1)
        )
    assert version is not None and version.added == 1 and version.removed == 0
    events = await check.events("dataset.updated")
    assert len(events) == before + 1
    changes = events[-1].data["changes"]
    assert [(c["change"], c["measure"], c["time_period"]) for c in changes] == [
        ("added", "avg_growth", "2018/2022")
    ]
    words = describe_event("dataset.updated", events[-1].data)
    assert "2018-2022年实际: 新增 全市地区生产总值年均增长 6.9%" in words

    again = await reextract(database)
    assert again.dataset_versions == {}  # nothing changes twice
