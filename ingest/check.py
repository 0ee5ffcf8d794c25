"""One check of one source: list its column, fetch what changed, store new versions.

    report = await check_source(db, "fuzhou-work-reports", fetch)
    print(report.summary())

Each new publication version is stored in its own transaction (``ingest.store``); the
source's health and withdrawn publications are updated in a final one. Fetch failures
never raise out of here: they become the source's health.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import Any

import msgspec
import sqlalchemy as sa

from ingest.adapters import get_adapter
from ingest.fetch.types import BlockedError, Fetch, FetchError, FetchRequest, FetchResult
from ingest.health import mark_failure, mark_success
from ingest.parse.listing import ListingError
from ingest.parse.structs import ListingItem
from ingest.store import (
    WITHDRAW_AFTER_MISSES,
    ExtractContext,
    Extractor,
    StoreOutcome,
    publication_id_for,
    store_document,
)
from models import Database, FetchState, Publication, Source, utcnow
from models.outbox import record_event

log = logging.getLogger("gongkai.ingest")


@dataclasses.dataclass
class CheckReport:
    source: str
    listed: int = 0
    new_publications: list[str] = dataclasses.field(default_factory=list)
    updated_publications: list[str] = dataclasses.field(default_factory=list)
    unchanged: int = 0
    not_modified: int = 0
    anomalies: list[str] = dataclasses.field(default_factory=list)
    errors: list[str] = dataclasses.field(default_factory=list)
    withdrawn: list[str] = dataclasses.field(default_factory=list)
    flagged: list[str] = dataclasses.field(default_factory=list)
    dataset_versions: dict[str, int] = dataclasses.field(default_factory=dict)
    health: str = "unknown"

    def summary(self) -> str:
        parts = [
            f"{self.source}: {self.health}",
            f"{self.listed} listed",
            f"{len(self.new_publications)} new",
            f"{len(self.updated_publications)} updated",
            f"{self.unchanged + self.not_modified} unchanged",
        ]
        if self.flagged:
            parts.append(f"{len(self.flagged)} flagged")
        if self.anomalies:
            parts.append(f"{len(self.anomalies)} anomalies")
        if self.withdrawn:
            parts.append(f"{len(self.withdrawn)} withdrawn")
        if self.errors:
            parts.append(f"{len(self.errors)} errors")
        for slug, n in self.dataset_versions.items():
            parts.append(f"dataset {slug} -> v{n}")
        return ", ".join(parts)


def indicator_extractor(text: str, context: ExtractContext) -> list[dict[str, Any]]:
    """The default extractor: SCHEMA.md rows from ``ingest.indicators``."""
    from ingest.indicators import detect_report_year, extract, observation_ids

    year = detect_report_year(context.title) if context.title else None
    found = extract(text, ref_area=context.area, ref_area_code=context.area_code, report_year=year)
    ids = observation_ids(context.publication_id, found)
    return [
        {
            **msgspec.to_builtins(obs),
            "observation_id": oid,
            "dataset": "",
            "publication_id": context.publication_id,
        }
        for oid, obs in zip(ids, found, strict=True)
    ]


class DatabaseValidators:
    """ETag / Last-Modified per URL from the database; written only by ``ingest.store``,
    in the transaction of the version, never by the fetcher."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, url: str) -> tuple[str | None, str | None]:
        from ingest.store import sha256

        async with self.db.session() as session:
            row = await session.get(FetchState, sha256(url.encode()))
        return (row.etag, row.last_modified) if row else (None, None)

    async def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        return None


def _unconditional(fetch: Fetch) -> Fetch:
    """Listings are always fetched in full: a 304 must never look like an empty column."""

    async def wrapped(request: FetchRequest) -> FetchResult:
        return await fetch(msgspec.structs.replace(request, conditional=False))

    return wrapped


async def _process_item(
    db: Database,
    source: Source,
    item: ListingItem,
    fetch: Fetch,
    extractor: Extractor,
    report: CheckReport,
) -> None:
    adapter = get_adapter(source.adapter)
    result = await fetch(FetchRequest(item.url))
    if result.not_modified:
        report.not_modified += 1
        return
    if result.text is None:
        report.errors.append(f"{item.url}: not a text page ({result.headers.get('content-type')})")
        return
    page = adapter.parse_detail(result.text, result.url)
    outcome: StoreOutcome = await store_document(
        db,
        source.id,
        result,
        page,
        result.text,
        extractor=extractor,
        listing_url=item.url,
        listing_title=item.title,
        listing_date=item.date,
    )
    if outcome.anomaly is not None:
        report.anomalies.append(f"{item.url}: {outcome.anomaly.kind}")
        log.warning(
            "fetch anomaly",
            extra={"source": source.name, "url": item.url, "anomaly": outcome.anomaly.kind},
        )
    elif outcome.version is None:
        report.unchanged += 1
    else:
        (report.new_publications if outcome.created else report.updated_publications).append(
            outcome.publication_id
        )
        if outcome.flagged:
            report.flagged.append(outcome.publication_id)
        report.dataset_versions.update(outcome.dataset_versions)
        log.info(
            "new version",
            extra={
                "source": source.name,
                "publication": outcome.publication_id,
                "version": outcome.version,
            },
        )


async def _mark_missing(db: Database, source_id: int, seen: set[str], report: CheckReport) -> None:
    async with db.transaction() as session:
        source = await session.get_one(Source, source_id)
        missing = (
            await session.scalars(
                sa.select(Publication).where(
                    Publication.source_id == source_id,
                    Publication.status == "active",
                    Publication.id.not_in(seen) if seen else sa.true(),
                )
            )
        ).all()
        for publication in missing:
            publication.missing_checks += 1
            if publication.missing_checks >= WITHDRAW_AFTER_MISSES:
                publication.status = "withdrawn"
                publication.withdrawn_at = utcnow()
                report.withdrawn.append(publication.id)
                await record_event(
                    session,
                    "publication.withdrawn",
                    {
                        "source": source.name,
                        "dataset": source.dataset_slug,
                        "publication_id": publication.id,
                        "title": publication.title,
                        "url": publication.url,
                        "links": {"publication": f"/v1/publications/{publication.id}"},
                    },
                    source_id=source.id,
                    dataset_slug=source.dataset_slug,
                    publication_id=publication.id,
                )


async def _finish(
    db: Database, source_id: int, report: CheckReport, error: str | None, blocked: bool
) -> None:
    async with db.transaction() as session:
        source = await session.get_one(Source, source_id)
        if error is None:
            await mark_success(session, source)
        else:
            await mark_failure(session, source, error, blocked=blocked)
        report.health = source.health


async def check_source(
    db: Database,
    name: str,
    fetch: Fetch,
    *,
    extractor: Extractor = indicator_extractor,
    max_pages: int = 50,
) -> CheckReport:
    """Check source ``name`` once; never raises for fetch problems (see the report)."""
    async with db.session() as session:
        source = await session.scalar(sa.select(Source).where(Source.name == name))
    if source is None:
        raise KeyError(f"no source named {name!r}")
    report = CheckReport(source=name)
    adapter = get_adapter(source.adapter)
    try:
        items: Sequence[ListingItem] = await adapter.list_items(
            _unconditional(fetch), source.url, max_pages=max_pages
        )
    except BlockedError as exc:
        await _finish(db, source.id, report, f"blocked: {exc.reason}", blocked=True)
        return report
    except (FetchError, ListingError) as exc:
        await _finish(db, source.id, report, f"listing: {exc}", blocked=False)
        return report
    report.listed = len(items)
    seen: set[str] = set()
    blocked_error: str | None = None
    for item in items:
        seen.add(publication_id_for(source.name, item.url))
        try:
            await _process_item(db, source, item, fetch, extractor, report)
        except BlockedError as exc:
            blocked_error = f"blocked: {exc}"
            break
        except FetchError as exc:
            report.errors.append(str(exc))
    if items and blocked_error is None:
        await _mark_missing(db, source.id, seen, report)
    error: str | None = blocked_error
    if error is None and items and len(report.errors) == len(items):
        error = f"every document failed: {report.errors[0]}"
    elif error is None and not items:
        error = "the listing showed no publications"
    await _finish(db, source.id, report, error, blocked=blocked_error is not None)
    return report
