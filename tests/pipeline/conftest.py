"""Fixtures for ingest tests: the fake Hanweb site on loopback and a source pointing at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from ingest.check import CheckReport, DatabaseValidators, check_source
from ingest.fetch import Fetcher, FetcherConfig
from ingest.register import register_sources
from ingest.sources import SourcesFile, SourceSpec
from models import ChangeEvent, Database, PublicationVersion
from tests.fakesite.hanweb import HanwebSite
from tests.fakesite.server import FakeSite

SOURCE = "fake-fuzhou"


@pytest.fixture
def server() -> Iterator[FakeSite]:
    with FakeSite.start(hang_seconds=5) as site:
        yield site


@pytest.fixture
def gov(server: FakeSite) -> HanwebSite:
    return HanwebSite(server)


@pytest.fixture
async def source(database: Database, gov: HanwebSite) -> str:
    spec = SourceSpec(
        name=SOURCE,
        adapter="hanweb",
        url=gov.column_url,
        dataset="fake-fuzhou",
        area="抚州市",
        area_code="361000",
        interval_seconds=60,
    )
    await register_sources(database, SourcesFile(sources=(spec,)))
    return SOURCE


FAST = FetcherConfig(
    min_delay_seconds=0,
    max_retries=1,
    backoff_base=0.01,
    backoff_max=0.05,
    connect_timeout=1,
    read_timeout=1,
    total_timeout=3,
)


@pytest.fixture
async def fetch(database: Database) -> AsyncIterator[Fetcher]:
    async with Fetcher(FAST, state=DatabaseValidators(database)) as fetcher:
        yield fetcher


class Checker:
    """Run checks and read back what they stored."""

    def __init__(self, db: Database, fetch: Fetcher, source: str) -> None:
        self.db = db
        self.fetch = fetch
        self.source = source

    async def __call__(self) -> CheckReport:
        return await check_source(self.db, self.source, self.fetch)

    async def events(self, *types: str) -> list[ChangeEvent]:
        query = sa.select(ChangeEvent).order_by(ChangeEvent.id)
        if types:
            query = query.where(ChangeEvent.type.in_(types))
        async with self.db.session() as session:
            return list((await session.scalars(query)).all())

    async def versions(self) -> list[PublicationVersion]:
        query = sa.select(PublicationVersion).order_by(PublicationVersion.id)
        async with self.db.session() as session:
            return list((await session.scalars(query)).all())

    async def scalar(self, query: Any) -> Any:
        async with self.db.session() as session:
            return await session.scalar(query)


@pytest.fixture
def check(database: Database, fetch: Fetcher, source: str) -> Checker:
    return Checker(database, fetch, source)
