"""Storing one fetched document: raw bytes, snapshot, version, observations, datasets,
events — all in ONE transaction, so a crash leaves either everything or nothing.

    outcome = await store_document(db, source_id, fetched, page, extractor=extract_rows)
    outcome.version        # the new version number, or None when nothing changed
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.datasets import publish_to_datasets
from ingest.fetch.types import FetchResult
from ingest.parse.check import check_document
from ingest.parse.structs import Anomaly, DetailPage
from models import (
    Blob,
    Database,
    FetchState,
    Publication,
    PublicationVersion,
    Snapshot,
    Source,
    utcnow,
)
from models.db import dialect_insert
from models.outbox import record_event

#: a publication not seen in its listing this many checks in a row is withdrawn
WITHDRAW_AFTER_MISSES = 3

#: turns a version's text into SCHEMA.md rows (without the provenance columns)
Extractor = Callable[[str, "ExtractContext"], Sequence[dict[str, Any]]]


class ExtractContext(msgspec.Struct, frozen=True):
    publication_id: str
    title: str
    area: str
    area_code: str


class StoreOutcome(msgspec.Struct):
    publication_id: str
    url: str
    title: str
    version: int | None = None
    created: bool = False
    flagged: bool = False
    dataset_versions: dict[str, int] = msgspec.field(default_factory=dict)
    anomaly: Anomaly | None = None


def publication_id_for(source_name: str, url: str) -> str:
    """Stable id of the document at ``url`` in ``source_name``."""
    return "pub_" + hashlib.sha256(f"{source_name}\n{url}".encode()).hexdigest()[:20]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(page: DetailPage) -> str:
    """What makes a new version: the text, the metadata a reader would call the document,
    and what hides in its body (links, hidden text): a defacement is a change too."""
    significant = {
        "title": page.title,
        "metadata": page.metadata,
        "attachments": [[a.name, a.url] for a in page.attachments],
        "text": page.text,
        "links": sorted({link.url for link in page.links}),
        "hidden": page.hidden_text,
    }
    material = json.dumps(significant, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()


async def store_blob(session: AsyncSession, body: bytes) -> str:
    digest = sha256(body)
    insert = dialect_insert(session)
    await session.execute(
        insert(Blob)
        .values(sha256=digest, size=len(body), content=body, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["sha256"])
    )
    return digest


async def remember_validators(session: AsyncSession, url: str, result: FetchResult) -> None:
    """Keep ETag / Last-Modified in the same transaction as the version they describe,
    so a crash never leaves a validator that would hide an unprocessed change."""
    if not (result.etag or result.last_modified):
        return
    insert = dialect_insert(session)
    values = {
        "url_sha256": sha256(url.encode()),
        "url": url,
        "etag": result.etag,
        "last_modified": result.last_modified,
        "updated_at": utcnow(),
    }
    await session.execute(
        insert(FetchState)
        .values(**values)
        .on_conflict_do_update(
            index_elements=["url_sha256"],
            set_={k: values[k] for k in ("etag", "last_modified", "updated_at")},
        )
    )


def _links(page: DetailPage) -> list[dict[str, Any]]:
    return [msgspec.to_builtins(link) for link in page.links]


def _flags(
    page: DetailPage,
    previous_text: str | None,
    previous_links: set[str] | None,
    source_url: str,
) -> list[Any]:
    from ingest.integrity import scan

    host = urlsplit(source_url).hostname or ""
    own = {host, host.removeprefix("www.")} if host else set()
    found = scan(page, previous_text=previous_text, previous_links=previous_links, own_domains=own)
    return [msgspec.to_builtins(f) for f in found]


def _is_flagged(flags: list[Any]) -> bool:
    from ingest.integrity import Flag, is_flagged

    return is_flagged([msgspec.convert(f, Flag) for f in flags])


async def record_anomaly(
    session: AsyncSession, source: Source, url: str, anomaly: Anomaly, *, blob: str | None
) -> None:
    now = utcnow()
    session.add(
        Snapshot(
            source_id=source.id,
            url=url,
            fetched_at=now,
            outcome="anomaly",
            detail=f"{anomaly.kind}: {anomaly.detail}",
            blob_sha256=blob,
        )
    )
    source.last_anomaly = f"{url}: {anomaly.kind}: {anomaly.detail}"
    source.last_anomaly_at = now


async def store_document(
    db: Database,
    source_id: int,
    fetched: FetchResult,
    page: DetailPage,
    html: str,
    *,
    extractor: Extractor,
    listing_url: str | None = None,
    listing_title: str = "",
    listing_date: dt.date | None = None,
) -> StoreOutcome:
    """Store ``page`` (parsed from ``fetched``) as the next version of its publication.

    A publication is known by the URL its listing gives (``listing_url``), not by where
    redirects ended, so a redirect never makes it look withdrawn."""
    url = listing_url or fetched.url
    async with db.transaction() as session:
        source = await session.get_one(Source, source_id)
        pub_id = publication_id_for(source.name, url)
        title = page.title or listing_title
        outcome = StoreOutcome(publication_id=pub_id, url=url, title=title)
        blob = await store_blob(session, fetched.body)
        publication = await session.get(Publication, pub_id)
        previous = None
        if publication is not None and publication.latest_version:
            previous = await session.scalar(
                sa.select(PublicationVersion).where(
                    PublicationVersion.publication_id == pub_id,
                    PublicationVersion.version == publication.latest_version,
                )
            )
        anomaly = check_document(
            page, html, previous_text_len=len(previous.text) if previous else None
        )
        if anomaly is not None:
            await record_anomaly(session, source, url, anomaly, blob=blob)
            outcome.anomaly = anomaly
            return outcome

        now = utcnow()
        published_date = page.published_date or listing_date
        if publication is None:
            publication = Publication(
                id=pub_id,
                source_id=source.id,
                url=url,
                title=title,
                published_date=published_date,
                status="active",
                latest_version=0,
                first_seen_at=now,
                last_seen_at=now,
            )
            session.add(publication)
            await session.flush()
        publication.last_seen_at = now
        publication.missing_checks = 0
        if publication.status == "withdrawn":
            publication.status = "active"
            publication.withdrawn_at = None

        digest = content_hash(page)
        await remember_validators(session, url, fetched)
        if previous is not None and previous.content_hash == digest:
            return outcome  # cosmetic change only: no version, no event

        snapshot = Snapshot(
            source_id=source.id,
            url=url,
            fetched_at=now,
            status_code=fetched.status,
            outcome="document",
            blob_sha256=blob,
            content_type=fetched.headers.get("content-type"),
            encoding=fetched.encoding,
            duration_ms=fetched.elapsed_ms,
        )
        session.add(snapshot)
        await session.flush()

        previous_links = (
            {str(link.get("url")) for link in previous.meta.get("links", [])} if previous else None
        )
        # In a thread: the first scan of a process loads jieba's dictionary (about a second).
        flags = await asyncio.to_thread(
            _flags, page, previous.text if previous else None, previous_links, source.url
        )
        flagged = _is_flagged(flags)
        number = publication.latest_version + 1
        version = PublicationVersion(
            publication_id=pub_id,
            version=number,
            created_at=now,
            snapshot_id=snapshot.id,
            blob_sha256=blob,
            url=fetched.url,
            title=title,
            published_date=published_date,
            meta={
                "fields": page.metadata,
                "meta_tags": page.meta_tags,
                "links": _links(page),
                "body_found_by": page.body_found_by,
            },
            attachments=[msgspec.to_builtins(a) for a in page.attachments],
            text=page.text,
            content_hash=digest,
            flags=flags,
            flagged=flagged,
        )
        session.add(version)
        publication.latest_version = number
        publication.title = title
        publication.published_date = published_date
        publication.flagged = flagged
        await session.flush()
        outcome.version = number
        outcome.created = number == 1
        outcome.flagged = flagged

        context = ExtractContext(
            publication_id=pub_id, title=title, area=source.area, area_code=source.area_code
        )
        rows = [
            {**row, "publication_version": number, "source_url": url}
            for row in extractor(page.text, context)
        ]
        await _events_for_version(session, source, publication, version, previous, flags)
        outcome.dataset_versions = await publish_to_datasets(
            session, source, pub_id, rows, cause={"publication_id": pub_id, "version": number}
        )
        return outcome


async def _events_for_version(
    session: AsyncSession,
    source: Source,
    publication: Publication,
    version: PublicationVersion,
    previous: PublicationVersion | None,
    flags: list[Any],
) -> None:
    pid = publication.id
    n = version.version
    data: dict[str, Any] = {
        "source": source.name,
        "dataset": source.dataset_slug,
        "publication_id": pid,
        "version": n,
        "title": version.title,
        "url": version.url,
        "published_date": version.published_date.isoformat() if version.published_date else None,
        "flagged": version.flagged,
        "links": {
            "publication": f"/v1/publications/{pid}",
            "version": f"/v1/publications/{pid}/versions/{n}",
        },
    }

    async def emit(event_type: str, payload: dict[str, Any]) -> None:
        await record_event(
            session,
            event_type,
            payload,
            source_id=source.id,
            dataset_slug=source.dataset_slug,
            publication_id=pid,
        )

    if previous is None:
        await emit("publication.created", data)
    else:
        from ingest.diff import diff_texts

        diff = diff_texts(previous.text, version.text)
        data["previous_version"] = previous.version
        data["paragraphs_changed"] = diff.paragraphs_changed
        data["links"]["diff"] = f"/v1/publications/{pid}/versions/{n}/diff?against={n - 1}"
        await emit("publication.updated", data)
    if version.flagged:
        from ingest.integrity import load_lexicon

        # What counted, with its evidence, so a subscriber can judge the flag; a counted
        # term's repeats (weight 0, "counted_once") come too, so every place is listed.
        counted = [f for f in flags if f.get("weight", 0) > 0]
        terms = {f.get("term") for f in counted}
        explained = {
            "score": round(sum(f["weight"] for f in counted), 6),
            "threshold": load_lexicon().threshold,
            "flags": [
                {k: f.get(k) for k in ("reason", "term", "start", "end", "weight", "evidence")}
                for f in flags
                if f.get("term") in terms
            ][:20],
        }
        await emit("publication.flagged", {**data, **explained})
