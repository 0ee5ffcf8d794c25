"""The CSV export's bytes: pinned across batch boundaries, and the column-wise writer
(``exports._csv_text``) against the csv module over the cell-by-cell path it replaces."""

from __future__ import annotations

import asyncio
import csv
import io
import random
from collections.abc import Sequence
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from api.datasets import exports
from models import Database, Observation
from models.dataset_queries import OBSERVATION_ROWS, SCORECARD_ROWS, RowSchema
from tests.api.factories import make_dataset, make_publication, make_source, obs, publish

URL = "https://www.jxfz.gov.cn/art/2024/3/11/art_1.html"


def reference(rows: Sequence[Sequence[Any]], slug: str, schema: RowSchema) -> str:
    """What the cell-by-cell path writes: csv.writer over _csv_batch's cells."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(exports._csv_batch(rows, slug, schema))
    return buffer.getvalue()


async def test_csv_bytes_are_pinned_across_batches(
    client: httpx.AsyncClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with database.transaction() as session:
        source = await make_source(session, "pin")
        pub = await make_publication(session, source, texts=["x"])
        ds = await make_dataset(session, "pin")
        special = {
            "o1": {
                "obs_value": -50.0,
                "value_text": "-50",
                "indicator_en": "=HYPERLINK(1)",
                "quote": '他说"增长"',
            },
            "o2": {
                "obs_value": 200000000000.0,
                "obs_value_max": 1e-05,
                "value_text": "+3",
                "quote": "line1\nline2",
            },
            "o3": {
                "obs_value": 0.1 + 0.2,
                "value_text": "@x",
                "quote": "\ttab",
                "unit_zh": '-,"',
            },
            "o4": {"obs_value": 6.3, "value_text": "普通", "quote": "a\rb"},
        }
        rows = [obs("o0", pub.id)] + [obs(k, pub.id, **v) for k, v in special.items()]
        await publish(session, ds, rows)
        pid = pub.id
    monkeypatch.setattr(exports, "BATCH_SIZE", 2)  # three batches: 2, 2, 1 rows

    def line(oid: str, en: str, value: str, top: str, unit_zh: str, text: str, quote: str) -> str:
        return ",".join(
            [
                *(oid, "pin", pid, "1", "抚州市", "361000", "2023", "actual"),
                *("industrial_value_added", "规模以上工业增加值", en, "growth"),
                *(value, top, "eq", "percent", unit_zh, "", text, quote, "10", "26", URL),
            ]
        )

    en = "Value added of industry above designated size"
    lines = [
        ",".join(exports.header("codes")),
        line("o0", en, "14.6", "", "%", "增长14.6%", '"规模以上工业增加值增长14.6%,排名全省第1"'),
        line("o1", "'=HYPERLINK(1)", "-50", "", "%", "'-50", '"他说""增长"""'),
        line("o2", en, "200000000000", "0.00001", "%", "'+3", '"line1\nline2"'),
        line("o3", en, "0.30000000000000004", "", '"\'-,"""', "'@x", "'\ttab"),
        line("o4", en, "6.3", "", "%", "普通", '"a\rb"'),
    ]
    expected = "\r\n".join(lines) + "\r\n"
    got = await client.get("/v1/datasets/pin/versions/1/observations.csv")
    assert got.status_code == 200
    assert got.content == expected.encode()
    # the same bytes in one batch, and the cell-by-cell path agrees
    monkeypatch.setattr(exports, "BATCH_SIZE", 1000)
    assert (await client.get("/v1/datasets/pin/versions/1/observations.csv")).content == (
        expected.encode()
    )
    batches = [b async for b in exports.iter_batches(database, ds.id, 1, batch_size=2)]
    assert [len(b) for b in batches] == [2, 2, 1]
    body = "".join(reference(b, "pin", OBSERVATION_ROWS) for b in batches)
    assert expected.split("\r\n", 1)[1] == body


def _text(rng: random.Random) -> str | None:
    alphabet = ["a", "中", "文", " ", ",", '"', "\n", "\r", "\t", "=", "+", "-", "@", "'", "\x1f"]
    if rng.random() < 0.1:
        return None
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 6)))


def _random_rows(rng: random.Random, schema: RowSchema, n: int) -> list[tuple[Any, ...]]:
    kinds = [schema.types[c] for c in schema.stored]
    numbers = [1.0, -0.5, 6.3, 1e-05, 1.5e20, 0.1 + 0.2, 7, float("inf"), None, -0.0]
    out = []
    for i in range(n):
        cells: list[Any] = [i + 1]
        for kind in kinds:
            if kind == "number":
                cells.append(rng.choice(numbers))
            elif kind == "integer":
                cells.append(rng.choice([0, -5, 123456789012, None]))
            else:
                cells.append(_text(rng))
        out.append(tuple(cells))
    return out


@pytest.mark.parametrize("schema", [OBSERVATION_ROWS, SCORECARD_ROWS], ids=["obs", "scorecard"])
@pytest.mark.parametrize("slug", ["fz", "a,b"])
def test_column_writer_matches_the_csv_module(schema: RowSchema, slug: str) -> None:
    rng = random.Random(16)
    plan = exports._column_plan(schema)
    for n in (1, 2, 7, 200):
        for _ in range(20):
            rows = _random_rows(rng, schema, n)
            assert exports._csv_text(rows, exports._quoted(slug), plan) == reference(
                rows, slug, schema
            )
    # a column whose cells need nothing is passed through as it is
    clean = [(1, *("x" if schema.types[c] == "string" else 1 for c in schema.stored))]
    text = exports._csv_text(clean, "fz", plan)
    assert text == reference(clean, "fz", schema)
    assert text is not None and '"' not in text and "'" not in text


class _Rows:
    """A Database stand-in whose first read gives ``rows`` (fewer than a batch)."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.rows = rows

    async def read_plain(self, statement: Any, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        return self.rows if params["last_id"] == 0 else []


@pytest.mark.parametrize(
    ("position", "value"),
    [(9, b"\xe4\xb8\xad"), (3, "1"), (3, True), (3, 1.5), (4, 12)],
    ids=["bytes-in-text", "text-in-integer", "bool", "float-in-integer", "int-in-text"],
)
async def test_unexpected_types_fall_back_to_the_cell_path(position: int, value: Any) -> None:
    rows = _random_rows(random.Random(1), OBSERVATION_ROWS, 3)
    rows[1] = (*rows[1][:position], value, *rows[1][position + 1 :])
    assert exports._csv_text(rows, "fz", exports._column_plan(OBSERVATION_ROWS)) is None
    chunks = exports.csv_chunks(_Rows(rows), 1, "fz", 1, bom=False, labels="codes")  # type: ignore[arg-type]
    body = b"".join([c async for c in chunks]).decode()
    assert body == ",".join(exports.header("codes")) + "\r\n" + reference(
        rows, "fz", OBSERVATION_ROWS
    )


async def test_closing_an_export_cancels_the_read_ahead() -> None:
    started: list[int] = []
    cancelled: list[int] = []

    class Endless:
        async def read_plain(self, statement: Any, params: dict[str, Any]) -> list[Any]:
            last = params["last_id"]
            started.append(last)
            if last:
                try:
                    await asyncio.sleep(30)
                except asyncio.CancelledError:
                    cancelled.append(last)
                    raise
            return [(last + i + 1, *(None,) * 22) for i in range(params["batch"])]

    batches: Any = exports.iter_batches(Endless(), 1, 1, batch_size=3)  # type: ignore[arg-type]
    first = await batches.__anext__()
    assert [r[0] for r in first] == [1, 2, 3]
    await asyncio.sleep(0)  # the read of the next batch has begun
    assert started == [0, 3]
    await asyncio.wait_for(batches.aclose(), 5)
    assert cancelled == [3]


async def test_read_plain_gives_what_read_gives(database: Database) -> None:
    async with database.transaction() as session:
        pub = await make_publication(session, await make_source(session, "rp"), texts=["t"])
        ds = await make_dataset(session, "rp")
        await publish(session, ds, [obs(f"o{i}", pub.id, obs_value=i / 3) for i in range(4)])
    statement = sa.select(Observation.id, Observation.observation_id, Observation.obs_value).where(
        Observation.dataset_id == sa.bindparam("d")
    )
    statement = statement.order_by(Observation.id)
    for _ in range(3):  # compiled once; on SQLite the connection is kept and reused
        plain = await database.read_plain(statement, {"d": ds.id})
        assert [tuple(r) for r in plain] == [
            tuple(r) for r in await database.read(statement, {"d": ds.id})
        ]
        assert [r[2] for r in plain] == [i / 3 for i in range(4)]
    if database.is_sqlite:
        assert all(type(r) is tuple for r in plain)
        assert 1 <= len(database._plain_idle) <= database.pool_size
