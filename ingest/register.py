"""Putting sources into the database: the sources file, and single saved pages.

await register_sources(db, load_sources_file(path))      # at start-up
await import_page(db, body, url="https://...", source_name="sample", sample=True)
"""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from ingest.adapters import get_adapter
from ingest.check import indicator_extractor
from ingest.fetch import FetchResult, decode_body
from ingest.sources import SourcesFile
from ingest.store import Extractor, StoreOutcome, store_document
from models import Database, Dataset, Publication, Source
from models.db import serialize

#: any fixed number, unique among the project's advisory locks
REGISTER_LOCK = 7_420_816
SAMPLE_SOURCE = "sample"
SAMPLE_DATASET = "sample"


async def register_sources(db: Database, spec: SourcesFile) -> None:
    """Create or update a Source row per entry (health is kept); sources no longer in
    the file are disabled, never deleted. Filter datasets are created or updated."""
    async with db.transaction() as session:
        # Several processes start together and each registers the file.
        await serialize(session, REGISTER_LOCK)
        existing = {s.name: s for s in await session.scalars(sa.select(Source))}
        for entry in spec.sources:
            row = existing.get(entry.name)
            if row is None:
                row = Source(name=entry.name, health="unknown", paused=False)
                session.add(row)
            row.adapter = entry.adapter
            row.url = entry.url
            row.area = entry.area
            row.area_code = entry.area_code
            row.dataset_slug = entry.dataset
            row.interval_seconds = entry.interval_seconds
            row.cron = entry.cron
            row.enabled = entry.enabled
            row.is_sample = False
            row.config = {"options": entry.options, "dataset_title": entry.title}
        listed = {entry.name for entry in spec.sources}
        for name, row in existing.items():
            if name not in listed and not row.is_sample:
                row.enabled = False
        datasets = {d.slug: d for d in await session.scalars(sa.select(Dataset))}
        for wanted in spec.datasets:
            dataset = datasets.get(wanted.slug)
            if dataset is None:
                dataset = Dataset(slug=wanted.slug, latest_version=0, kind=wanted.kind)
                session.add(dataset)
            elif dataset.kind != wanted.kind and dataset.latest_version == 0:
                dataset.kind = wanted.kind
            dataset.title = wanted.title or wanted.slug
            dataset.description = wanted.description
            dataset.filter = wanted.filter()


@dataclasses.dataclass(frozen=True)
class PageOrigin:
    url: str
    source_name: str = SAMPLE_SOURCE
    area: str = ""
    area_code: str = ""
    dataset: str = SAMPLE_DATASET
    sample: bool = False
    content_type: str | None = "text/html"


async def _ensure_source(db: Database, origin: PageOrigin) -> int:
    async with db.transaction() as session:
        source = await session.scalar(sa.select(Source).where(Source.name == origin.source_name))
        if source is None:
            source = Source(
                name=origin.source_name,
                adapter="generic",
                url=origin.url,
                area=origin.area,
                area_code=origin.area_code,
                dataset_slug=origin.dataset,
                interval_seconds=None,
                enabled=False,  # nothing to fetch: its pages arrive by import
                is_sample=origin.sample,
                health="unknown",
                config={
                    "dataset_title": "Sample data: 抚州市政府工作报告(2024年)"
                    if origin.sample
                    else ""
                },
            )
            session.add(source)
            await session.flush()
        if origin.sample:
            dataset = await session.scalar(sa.select(Dataset).where(Dataset.slug == origin.dataset))
            if dataset is None:
                session.add(
                    Dataset(
                        slug=origin.dataset,
                        title="Sample data (not live): Fuzhou 2024 government work report",
                        description="Bundled sample so a new installation shows data offline. "
                        "Imported from a saved copy of the page, not fetched.",
                        is_sample=True,
                        latest_version=0,
                    )
                )
        return source.id


async def import_page(
    db: Database,
    body: bytes,
    origin: PageOrigin,
    *,
    extractor: Extractor = indicator_extractor,
) -> StoreOutcome:
    """Store a saved page as if it had been fetched from ``origin.url``."""
    source_id = await _ensure_source(db, origin)
    async with db.session() as session:
        source = await session.get_one(Source, source_id)
    text, encoding = decode_body(body, origin.content_type)
    fetched = FetchResult(
        url=origin.url,
        status=200,
        headers={"content-type": origin.content_type or "text/html"},
        body=body,
        text=text,
        encoding=encoding,
    )
    page = get_adapter(source.adapter).parse_detail(text, origin.url)
    return await store_document(db, source_id, fetched, page, text, extractor=extractor)


async def has_any_publication(db: Database) -> bool:
    async with db.session() as session:
        return (await session.scalar(sa.select(Publication.id).limit(1))) is not None
