"""Datasets: filter datasets from the sources file, and re-extraction."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ingest.check import indicator_extractor
from ingest.reextract import reextract
from ingest.register import register_sources
from ingest.sources import DatasetSpec, SourcesFile, SourceSpec
from ingest.store import ExtractContext
from models import ChangeEvent, Database, Dataset, DatasetVersion, Observation
from tests.fakesite.hanweb import SEED_ART, HanwebSite
from tests.pipeline.conftest import SOURCE, Checker


async def _spec(database: Database, gov: HanwebSite) -> None:
    source = SourceSpec(
        name=SOURCE,
        adapter="hanweb",
        url=gov.column_url,
        dataset="fake-fuzhou",
        area="抚州市",
        area_code="361000",
    )
    gdp = DatasetSpec(slug="gdp-only", title="GDP", sources=(SOURCE,), indicator_codes=("gdp",))
    await register_sources(database, SourcesFile(sources=(source,), datasets=(gdp,)))


async def test_filter_dataset_gets_only_its_rows_and_its_own_versions(
    check: Checker, gov: HanwebSite, database: Database
) -> None:
    await _spec(database, gov)
    await check()
    async with database.session() as session:
        datasets = {d.slug: d for d in await session.scalars(sa.select(Dataset))}
        assert set(datasets) == {"fake-fuzhou", "gdp-only"}
        codes = set(
            (
                await session.scalars(
                    sa.select(Observation.indicator_code).where(
                        Observation.dataset_id == datasets["gdp-only"].id
                    )
                )
            ).all()
        )
    assert codes == {"gdp"}

    # a change outside GDP makes a version of the main dataset only
    gov.revise(SEED_ART, "增长14.6%", "增长14.8%")
    await check()
    async with database.session() as session:
        latest = {d.slug: d.latest_version for d in await session.scalars(sa.select(Dataset))}
    assert latest == {"fake-fuzhou": 2, "gdp-only": 1}

    gov.revise(SEED_ART, "增长6.3%", "增长6.5%")
    await check()
    async with database.session() as session:
        latest = {d.slug: d.latest_version for d in await session.scalars(sa.select(Dataset))}
        slugs = [
            e.data["dataset"]
            for e in await session.scalars(
                sa.select(ChangeEvent).where(ChangeEvent.type == "dataset.updated")
            )
        ]
    assert latest == {"fake-fuzhou": 3, "gdp-only": 2}
    assert slugs.count("gdp-only") == 2


async def test_reextract_makes_versions_only_where_observations_change(
    check: Checker, database: Database
) -> None:
    await check()
    report = await reextract(database)
    assert report.publications == 1 and report.dataset_versions == {}

    def improved(text: str, context: ExtractContext) -> list[dict[str, Any]]:
        rows = indicator_extractor(text, context)
        return [r for r in rows if r["indicator_code"] != "cpi"]  # a "changed" extractor

    seen: list[tuple[int, int]] = []
    report = await reextract(
        database, extractor=improved, progress=lambda d, t: seen.append((d, t))
    )
    assert report.dataset_versions == {"fake-fuzhou": 2}
    assert seen[-1] == (1, 1)
    async with database.session() as session:
        version = await session.scalar(sa.select(DatasetVersion).where(DatasetVersion.version == 2))
    assert version is not None and version.removed >= 1 and version.added == 0
