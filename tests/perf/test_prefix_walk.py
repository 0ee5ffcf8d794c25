"""A filtered page sorted by another column, whose stretch of the sort order after the
cursor holds fewer matches than the version on average: on SQLite the bounded walk of the
sort's index comes short of a page, and goes on from the last row it found
(service._prefix_pages) instead of reading every row of the filter.

30,000 rows, obs_value the row number; half are 抚州市 (15,000 entries to read by it),
every tenth row a target, except between values 10,000 and 14,000 (one in 112): a deep
page from 9,999.5 finds 18 rows in the first walk's 2,020 entries, and the second walk
is bounded at about 13,970 entries on: fewer than the filter's read, though more than it
together with the first walk's."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from api.observations import service
from api.pagination import encode_cursor
from models import Database, DatasetVersion, Observation
from models.dataset_queries import RowSum
from tests.api.factories import make_dataset, make_publication, make_source, obs

ROWS = 30_000
LIMIT = 100


def _target(i: int) -> bool:
    return i % (112 if 10_000 <= i < 14_000 else 10) == 0


def _row(i: int, dataset_id: int, publication_id: str) -> dict[str, Any]:
    values = obs(
        f"obs_{i:06d}",
        publication_id,
        ref_area="抚州市" if i % 2 == 0 else "临川区",
        time_period="2020",
        obs_kind="target" if _target(i) else "actual",
        indicator_code="gdp",
        measure="level",
        obs_value=float(i),
    )
    return {**values, "dataset_id": dataset_id, "valid_from": 1, "fingerprint": f"{i:064x}"}


async def _build(db: Database) -> int:
    async with db.transaction() as session:
        source = await make_source(session, "prefix")
        pub = await make_publication(session, source, texts=["t"])
        dataset = await make_dataset(session, "sparse", latest_version=1)
        dataset_id, pub_id = dataset.id, pub.id
    async with db.engine.begin() as conn:
        for start in range(0, ROWS, 5000):
            rows = [_row(i, dataset_id, pub_id) for i in range(start, start + 5000)]
            await conn.execute(sa.insert(Observation), rows)
    async with db.transaction() as session:
        session.add(
            DatasetVersion(
                dataset_id=dataset_id,
                version=1,
                row_count=ROWS,
                content_hash=RowSum().content_hash("sparse"),
            )
        )
    return dataset_id


async def test_a_short_walk_goes_on_from_its_last_row(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset_id = await _build(database)
    monkeypatch.setattr(service, "PREFIX_ROWS", 300)
    query = service.ObservationQuery(
        dataset="sparse",
        dataset_id=dataset_id,
        ref_area="抚州市",
        obs_kind="target",
        sort="obs_value",
    )
    cursor = encode_cursor("obs:obs_value", [9999.5, 0])
    ran: list[str] = []

    def grab(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        ran.append(statement)

    engine = database._read_engine.sync_engine
    sa.event.listen(engine, "before_cursor_execute", grab)
    try:
        page = await service.find(database, query, limit=LIMIT, cursor=cursor)
    finally:
        sa.event.remove(engine, "before_cursor_execute", grab)
    expected = [i for i in range(10_000, ROWS) if i % 2 == 0 and _target(i)][:LIMIT]
    assert [item.obs_value for item in page.items] == [float(i) for i in expected]
    assert page.next_cursor is not None
    if database.is_sqlite:
        walks = [s for s in ran if "INDEXED BY ix_observation_dataset_id_obs_value" in s]
        # the first walk and one more, each bounded by an OFFSET in the sort's index
        assert len(walks) == 2, ran
        assert all("OFFSET" in s for s in walks)
        # and no read of the filter's rows: its index only in the probes' bounded counts
        reads = [s for s in ran if "INDEXED BY ix_observation_dataset_id_ref_area" in s]
        assert all("count(*)" in s for s in reads), reads
