"""Constraints that make duplicates impossible, and the column types both backends share."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from models import (
    ChangeEvent,
    Database,
    Delivery,
    Publication,
    PublicationVersion,
    Source,
    Subscription,
)
from models.migrations import upgrade


def make_source(**overrides: object) -> Source:
    fields: dict[str, object] = {
        "name": "fuzhou",
        "adapter": "hanweb",
        "url": "https://www.jxfz.gov.cn/col/col1/index.html",
        "dataset_slug": "fuzhou",
    }
    fields.update(overrides)
    return Source(**fields)


def make_version(publication_id: str, version: int) -> PublicationVersion:
    return PublicationVersion(
        publication_id=publication_id,
        version=version,
        url="https://www.jxfz.gov.cn/art/2024/3/11/art_1_1.html",
        text="正文",
        content_hash="0" * 64,
    )


async def test_one_version_number_per_publication(database: Database) -> None:
    async with database.transaction() as session:
        source = make_source()
        session.add(source)
        await session.flush()
        session.add(Publication(id="p1", source_id=source.id, url="https://x.gov.cn/a.html"))
        session.add(make_version("p1", 1))
    with pytest.raises(IntegrityError):
        async with database.transaction() as session:
            session.add(make_version("p1", 1))


async def test_one_delivery_per_event_and_subscription(database: Database) -> None:
    async with database.transaction() as session:
        event = ChangeEvent(type="webhook.ping", data={})
        session.add(event)
        session.add(Subscription(id="wh1", url="https://example.org/hook", secret="whsec_x"))
        await session.flush()
        session.add(Delivery(id="msg1", event_id=event.id, subscription_id="wh1"))
        event_id = event.id
    with pytest.raises(IntegrityError):
        async with database.transaction() as session:
            session.add(Delivery(id="msg2", event_id=event_id, subscription_id="wh1"))


async def test_foreign_keys_are_enforced(database: Database) -> None:
    with pytest.raises(IntegrityError):
        async with database.transaction() as session:
            session.add(make_version("no-such-publication", 1))


async def test_timestamps_come_back_as_aware_utc(database: Database) -> None:
    when = dt.datetime(2024, 3, 11, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    async with database.transaction() as session:
        session.add(make_source(last_check_at=when))
    async with database.session() as session:
        stored = await session.scalar(sa.select(Source.last_check_at))
    assert stored == when
    assert stored is not None and stored.utcoffset() == dt.timedelta(0)


async def test_naive_timestamps_are_refused(database: Database) -> None:
    with pytest.raises(sa.exc.StatementError, match="naive datetime"):
        async with database.transaction() as session:
            session.add(make_source(last_check_at=dt.datetime(2024, 1, 1)))


async def test_sqlite_connection_settings(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'pragmas.db'}")
    try:
        async with db.session() as session:
            assert (await session.scalar(sa.text("PRAGMA journal_mode"))) == "wal"
            assert (await session.scalar(sa.text("PRAGMA foreign_keys"))) == 1
            assert (await session.scalar(sa.text("PRAGMA busy_timeout"))) == 30000
    finally:
        await db.dispose()


async def test_concurrent_sqlite_writers_queue_instead_of_failing(tmp_path: Path) -> None:
    """Read-then-write transactions from several connections must not hit SQLITE_BUSY."""
    db = Database(f"sqlite:///{tmp_path / 'writers.db'}")
    try:
        await upgrade(db)

        async def bump(i: int) -> None:
            async with db.transaction() as session:
                count = await session.scalar(sa.select(sa.func.count()).select_from(Source))
                await asyncio.sleep(0.01)
                session.add(make_source(name=f"s{i}-{count}"))

        await asyncio.gather(*(bump(i) for i in range(8)))
        async with db.session() as session:
            assert await session.scalar(sa.select(sa.func.count()).select_from(Source)) == 8
    finally:
        await db.dispose()
