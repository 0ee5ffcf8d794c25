"""Query behind /v1/observations: filters, a small set of orderings, keyset pages.

Every ordering ends with ``Observation.id`` so it is total; the cursor holds the sort
key and the id of the last row shown, and is tagged with the ordering so a cursor of one
ordering cannot be replayed against another::

    page = await find(session, ObservationQuery(dataset_id=1, version=3), limit=100)
    page.items, page.next_cursor
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from api.observations.schemas import ObservationOut, ObservationPage
from api.pagination import decode_cursor, encode_cursor
from models import Dataset, Observation
from models.dataset_queries import in_version
from models.observation_schema import COLUMNS


class SortSpec(msgspec.Struct, frozen=True):
    column: str | None  # None: by id alone
    descending: bool
    key_type: type


#: The orderings /observations offers (``-`` prefix: descending; id breaks ties, ascending).
SORTS: Final[dict[str, SortSpec]] = {
    "id": SortSpec(None, False, int),
    "time_period": SortSpec("time_period", False, str),
    "-time_period": SortSpec("time_period", True, str),
    "indicator_code": SortSpec("indicator_code", False, str),
    "obs_value": SortSpec("obs_value", False, float),
    "-obs_value": SortSpec("obs_value", True, float),
}

_STORED = [c for c in COLUMNS if c != "dataset"]
_SELECT = [Observation.id, Dataset.slug, *(getattr(Observation, c) for c in _STORED)]


class ObservationQuery(msgspec.Struct, kw_only=True):
    """Filters; ``dataset_id`` with ``version``, or neither (every dataset's latest)."""

    dataset_id: int | None = None
    version: int | None = None
    indicator_code: str | None = None
    indicator: str | None = None
    ref_area: str | None = None
    time_period: str | None = None
    obs_kind: str | None = None
    measure: str | None = None
    publication_id: str | None = None
    sort: str = "id"


def _filters(q: ObservationQuery) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if q.dataset_id is not None and q.version is not None:
        conditions += [Observation.dataset_id == q.dataset_id, in_version(q.version)]
    else:
        # Each dataset's latest version.
        conditions.append(Observation.valid_from <= Dataset.latest_version)
        conditions.append(
            sa.or_(Observation.valid_to.is_(None), Observation.valid_to >= Dataset.latest_version)
        )
    equal = {
        "indicator_code": q.indicator_code,
        "ref_area": q.ref_area,
        "time_period": q.time_period,
        "obs_kind": q.obs_kind,
        "measure": q.measure,
        "publication_id": q.publication_id,
    }
    for column, value in equal.items():
        if value is not None:
            conditions.append(getattr(Observation, column) == value)
    if q.indicator:
        conditions.append(
            sa.or_(
                Observation.indicator_zh.icontains(q.indicator, autoescape=True),
                Observation.indicator_en.icontains(q.indicator, autoescape=True),
            )
        )
    return conditions


def _after(spec: SortSpec, key: list[Any]) -> sa.ColumnElement[bool]:
    """Rows strictly after the cursor's row in the ordering ``spec``."""
    if spec.column is None:
        return Observation.id > int(key[0])
    column: Any = getattr(Observation, spec.column)
    value, last_id = key
    beyond = column < value if spec.descending else column > value
    return sa.or_(beyond, sa.and_(column == value, Observation.id > last_id))


def _order(spec: SortSpec) -> list[sa.ColumnElement[Any]]:
    if spec.column is None:
        return [Observation.id.asc()]
    column = getattr(Observation, spec.column)
    return [column.desc() if spec.descending else column.asc(), Observation.id.asc()]


def _key(spec: SortSpec, row: Sequence[Any]) -> list[Any]:
    if spec.column is None:
        return [row[0]]
    # row layout: id, slug, then _STORED in order
    return [row[2 + _STORED.index(spec.column)], row[0]]


def _out(row: Sequence[Any]) -> ObservationOut:
    values: dict[str, Any] = dict(zip(_STORED, row[2:], strict=True))
    values["dataset"] = row[1]
    return ObservationOut(**values)


async def find(
    session: AsyncSession, q: ObservationQuery, *, limit: int, cursor: str | None = None
) -> ObservationPage:
    spec = SORTS[q.sort]
    tag = f"obs:{q.sort}"
    query = (
        sa.select(*_SELECT).join(Dataset, Dataset.id == Observation.dataset_id).where(*_filters(q))
    )
    if cursor is not None:
        key_types = (int,) if spec.column is None else (spec.key_type, int)
        query = query.where(_after(spec, decode_cursor(cursor, tag, key_types)))
    elif spec.column is None:
        # Ids are positive; this bound lets SQLite walk the primary key in order instead
        # of picking the valid_from index and sorting the whole version (see exports).
        query = query.where(Observation.id > 0)
    query = query.order_by(*_order(spec)).limit(limit + 1)
    rows = (await session.execute(query)).all()
    token = encode_cursor(tag, _key(spec, rows[limit - 1])) if len(rows) > limit else None
    return ObservationPage(items=[_out(r) for r in rows[:limit]], next_cursor=token)
