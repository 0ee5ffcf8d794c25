"""Fixtures for the series and scorecard tests: a fake Hanweb column serving several
years of work reports (tests/fakesite/reports.py), a source with a scorecard dataset
pointing at it, the real ingest, and the API over the same database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from api.app import create_app
from api.config import ApiConfig
from ingest.check import CheckReport, DatabaseValidators, check_source
from ingest.fetch import Fetcher
from ingest.register import register_sources
from ingest.sources import DatasetSpec, SourcesFile, SourceSpec
from models import Database
from tests.api.conftest import make_client
from tests.fakesite.hanweb import HanwebSite
from tests.fakesite.server import FakeSite
from tests.pipeline.conftest import FAST

SOURCE = "fuzhou-column"
DATASET = "fuzhou-column"


@pytest.fixture
def column() -> Iterator[HanwebSite]:
    with FakeSite.start(hang_seconds=5) as site:
        yield HanwebSite(site, with_seed=False)


@pytest.fixture
async def ingest(database: Database, column: HanwebSite) -> AsyncIterator[Ingest]:
    spec = SourceSpec(
        name=SOURCE,
        adapter="hanweb",
        url=column.column_url,
        dataset=DATASET,
        area="抚州市",
        area_code="361000",
        interval_seconds=60,
    )
    scorecard = DatasetSpec(slug="scorecard", kind="scorecard", sources=(SOURCE,))
    await register_sources(database, SourcesFile(sources=(spec,), datasets=(scorecard,)))
    async with Fetcher(FAST, state=DatabaseValidators(database)) as fetcher:
        yield Ingest(database, fetcher)


class Ingest:
    """One real check of the column: fetch, parse, version, extract, publish."""

    def __init__(self, db: Database, fetcher: Fetcher) -> None:
        self.db = db
        self.fetcher = fetcher

    async def __call__(self) -> CheckReport:
        return await check_source(self.db, SOURCE, self.fetcher)


@pytest.fixture
async def api(database: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(database, ApiConfig(base_url="https://gongkai.test", rate_limit_per_minute=0))
    async with make_client(app) as client:
        yield client
