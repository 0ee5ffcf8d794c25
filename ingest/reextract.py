"""Re-running the extractor over stored versions (after the catalog or extractor improved).

    report = await reextract(db, dataset="fuzhou-work-reports", progress=bar.update)

Each publication's latest version is extracted again and published in its own
transaction; a dataset gets a new version only where its observations change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import sqlalchemy as sa

from ingest.check import indicator_extractor
from ingest.datasets import publish_to_datasets
from ingest.store import ExtractContext, Extractor
from models import Database, Publication, PublicationVersion, Source


@dataclasses.dataclass
class ReextractReport:
    publications: int = 0
    dataset_versions: dict[str, int] = dataclasses.field(default_factory=dict)


async def _publications(db: Database, dataset: str | None) -> list[tuple[str, int]]:
    query = (
        sa.select(Publication.id, Publication.source_id)
        .where(Publication.latest_version > 0)
        .order_by(Publication.id)
    )
    if dataset is not None:
        query = query.join(Source, Source.id == Publication.source_id).where(
            Source.dataset_slug == dataset
        )
    async with db.session() as session:
        return [(pid, sid) for pid, sid in await session.execute(query)]


async def reextract(
    db: Database,
    *,
    dataset: str | None = None,
    extractor: Extractor = indicator_extractor,
    progress: Callable[[int, int], None] | None = None,
) -> ReextractReport:
    todo = await _publications(db, dataset)
    report = ReextractReport()
    for done, (pub_id, source_id) in enumerate(todo, start=1):
        async with db.transaction() as session:
            source = await session.get_one(Source, source_id)
            publication = await session.get_one(Publication, pub_id)
            version = await session.scalar(
                sa.select(PublicationVersion).where(
                    PublicationVersion.publication_id == pub_id,
                    PublicationVersion.version == publication.latest_version,
                )
            )
            if version is None:
                continue
            context = ExtractContext(
                publication_id=pub_id,
                title=version.title,
                area=source.area,
                area_code=source.area_code,
            )
            rows = [
                {**row, "publication_version": version.version, "source_url": version.url}
                for row in extractor(version.text, context)
            ]
            changed = await publish_to_datasets(
                session,
                source,
                pub_id,
                rows,
                cause={"reextract": True, "publication_id": pub_id, "version": version.version},
                only=dataset,
            )
            report.dataset_versions.update(changed)
        report.publications = done
        if progress is not None:
            progress(done, len(todo))
    return report
