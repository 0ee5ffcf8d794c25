"""Publishing from the change alone gives what re-reading the whole dataset gives."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from alembic import command
from ingest.datasets import publish_observations
from models import Database, Dataset, DatasetVersion
from models.dataset_queries import RowSum, diff_versions, rows_at_version, version_row_sum
from models.migrations import alembic_config, upgrade
from models.observation_schema import COLUMNS
from tests.api.factories import make_dataset, make_publication, make_source, obs


def _rows(pub: str, values: dict[str, float]) -> list[dict[str, Any]]:
    return [{**obs(oid, pub, obs_value=v), "dataset": "x"} for oid, v in values.items()]


async def _check_against_full_read(db: Database, slug: str) -> None:
    """Every version's count, hash and change counts equal those computed from all rows."""
    async with db.session() as session:
        dataset = await session.scalar(sa.select(Dataset).where(Dataset.slug == slug))
        assert dataset is not None
        for n in range(1, dataset.latest_version + 1):
            version = await session.scalar(
                sa.select(DatasetVersion).where(
                    DatasetVersion.dataset_id == dataset.id, DatasetVersion.version == n
                )
            )
            assert version is not None
            members = await rows_at_version(session, dataset.id, n)
            full = await version_row_sum(session, dataset.id, n)
            assert version.row_count == len(members) == full.count
            assert version.content_hash == full.content_hash(slug)
            diff = await diff_versions(session, dataset.id, slug, old=n - 1, new=n)
            counts = (len(diff.added), len(diff.removed), len(diff.changed))
            assert (version.added, version.removed, version.changed) == counts


async def test_versions_published_from_the_change_match_a_full_read(database: Database) -> None:
    async with database.transaction() as session:
        source = await make_source(session, "s")
        one = await make_publication(session, source, texts=["t"])
        two = await make_publication(session, source, texts=["t"])
        dataset = await make_dataset(session, "x")
        pubs = (one.id, two.id)
    steps = [
        (pubs[0], {"a": 1.0, "b": 2.0, "c": 3.0}),
        (pubs[1], {"p": 9.0, "q": 8.0}),  # another publication: its rows only
        (pubs[0], {"a": 1.0, "b": 2.5, "d": 4.0}),  # b changed, c removed, d added
        (pubs[1], {"q": 8.0}),  # p removed
        (pubs[0], {"a": 1.0, "b": 2.5, "d": 4.0}),  # nothing changed: no version
        (pubs[1], {"q": 8.0, "p": 9.0}),  # p back: a new row, a new hash
    ]
    made = []
    for pub, values in steps:
        async with database.transaction() as session:
            dataset = await session.get_one(Dataset, dataset.id)
            published = await publish_observations(session, dataset, pub, _rows(pub, values))
            made.append(None if published is None else published.version.version)
    assert made == [1, 2, 3, 4, None, 5]
    await _check_against_full_read(database, "x")
    async with database.session() as session:
        hashes = (
            await session.scalars(
                sa.select(DatasetVersion.content_hash).order_by(DatasetVersion.version)
            )
        ).all()
    # version 5 holds the facts of version 3, but p is a new row (listed later): the
    # hash tells apart what the exports tell apart
    assert len(set(hashes)) == 5


async def test_a_version_without_a_stored_row_sum_is_summed_once(database: Database) -> None:
    async with database.transaction() as session:
        source = await make_source(session, "s")
        pub = await make_publication(session, source, texts=["t"])
        dataset = await make_dataset(session, "x")
        await publish_observations(session, dataset, pub.id, _rows(pub.id, {"a": 1.0, "b": 2.0}))
    async with database.transaction() as session:
        # as written before row sums were stored
        await session.execute(sa.update(DatasetVersion).values(row_sum=None))
    async with database.transaction() as session:
        dataset = await session.get_one(Dataset, dataset.id)
        await publish_observations(session, dataset, pub.id, _rows(pub.id, {"a": 1.5, "b": 2.0}))
    await _check_against_full_read(database, "x")


def test_row_sum_is_order_independent_and_round_trips() -> None:
    stored = [c for c in COLUMNS if c != "dataset"]
    rows = [(i, *(obs(f"o{i}", "p", obs_value=float(i))[c] for c in stored)) for i in range(6)]
    forward, backward = RowSum(), RowSum()
    for row in rows:
        forward.add(row)
    for row in reversed(rows):
        backward.add(row)
    assert forward == backward and forward.count == 6
    assert RowSum.load(forward.dump()) == forward
    forward.remove(rows[2])
    assert forward != backward and forward.count == 5
    forward.add(rows[2])
    assert forward.content_hash("x") == backward.content_hash("x") != backward.content_hash("y")


def _downgrade(connection: sa.Connection, revision: str) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    command.downgrade(cfg, revision)


async def test_migration_0005_sums_the_latest_versions_it_finds(database: Database) -> None:
    async with database.transaction() as session:
        source = await make_source(session, "s")
        pub = await make_publication(session, source, texts=["t"])
        dataset = await make_dataset(session, "x")
        for values in ({"a": 1.0, "b": 2.0}, {"a": 1.5, "b": 2.0, "c": 3.0}):
            await publish_observations(session, dataset, pub.id, _rows(pub.id, values))
    async with database.session() as session:
        expected = await version_row_sum(session, dataset.id, 2)
    async with database.connect() as conn:
        await conn.run_sync(_downgrade, "0003")  # drops row_sum
        await conn.commit()
    await upgrade(database)
    async with database.session() as session:
        states = dict(
            (await session.execute(sa.select(DatasetVersion.version, DatasetVersion.row_sum))).all()
        )
    assert states[1] is None  # only the latest version is needed and summed
    assert states[2] is not None and RowSum.load(states[2]) == expected
