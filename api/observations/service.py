"""Query behind /v1/observations: filters, a small set of orderings, keyset pages.

Every ordering ends with ``Observation.id`` so it is total; the cursor holds the sort
key and the id of the last row shown, and is tagged with the ordering so a cursor of one
ordering cannot be replayed against another::

    query = ObservationQuery(dataset="fuzhou", dataset_id=1, version=3)
    page = await find(db, query, limit=100)
    page.items, page.next_cursor

A page is one statement (:func:`page_query`) whose plan reads about a page of rows on
both backends, whatever the sort, the filters and the depth (``tests/perf`` checks the
plans): an index ``(dataset_id, column, id, ...)`` per sort and per filter (migrations
0003, 0005, 0010; each covering one carries the other filter columns, obs_value and the
version run) and keyset conditions the planners can seek on.

Two filters have no such index of their own, and are served by branches: a page is the
merge, in the page's order, of one index-served query per *branch*, each reading at most
a page (:class:`Branch`):

- without ``dataset``, one branch per dataset (each with that dataset's latest version),
  so every per-dataset index serves a query across datasets;
- ``indicator`` (text in indicator_zh or indicator_en, case-insensitive) is resolved
  first against the distinct (indicator_zh, indicator_en) pairs of the dataset (with
  the codes each is found with, by a loose scan of the index of migration 0013, kept
  per dataset and latest version by :class:`NameCache`), then each matching pair is one
  branch, an equality on the name index of migration 0009 in id order, and on the
  name-and-sort indexes of migration 0014 in obs_value and time_period order (either
  way): each branch a seek to its name and the cursor's key, stopped with the page
  (SQLite merges the arms lazily; on PostgreSQL several names are one lateral join over
  arrays of them, :func:`_named_pages`: planned once, not once per name).
  Text that matches no name answers an empty page without reading observations; text
  matching more than :data:`MAX_BRANCHES` names falls back to the ``ILIKE`` condition,
  which walks the page's order (such text is common, so it finds a page quickly).
  In indicator_code order (with or without ``dataset``, any number of names) the page
  is read code by code, each code's names as a page by id (:func:`_coded_rows`), from
  the codes each name is found with (:meth:`NameCache.codes`).

SQLite has no statistics (the system library has no STAT4 either), so for a page with
equality filters it cannot tell a filter that matches a handful of rows from one that
matches half the table; :func:`_sqlite_filtered` probes (counts bounded at a few
thousand index entries, then a sample of the version's entries) and reads the page by
the index it picks (``INDEXED BY``): the rarest filter's or pair's, walked in the page
order when that index gives it, or the sort's, walked with the filters checked on its
entries; only the page's rows are read from the table. PostgreSQL's planner sees the
values (and, by the extended statistics of migration 0010, how they combine).

With two filters or more, a page first reads the version's exact counts of each value
and pair of values (``observation_count``, migration 0012, :func:`exact_counts`): a
value or pair no row holds is an empty page without a read of observation, on both
backends, and on SQLite the counts replace the probes and the sample.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Sequence
from typing import Any, Final, NamedTuple

import msgspec
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import TableClause
from sqlalchemy.sql.visitors import InternalTraversal

from api.observations.schemas import ObservationOut, ObservationPage
from api.pagination import decode_cursor, encode_cursor
from models import Database, Dataset, DatasetVersion, Observation
from models.counts import TOTAL, counts_statement, key, pair_key
from models.dataset_queries import in_version
from models.datasets import (
    COVERING_CARRIED,
    COVERING_LEADING,
    NAME_CODE_INDEX,
    NAME_SORT_INDEXES,
    covering_index,
)
from models.observation_schema import COLUMNS


class SortSpec(msgspec.Struct, frozen=True):
    column: str | None  # None: by id alone
    descending: bool
    key_type: type


#: The orderings /observations offers (``-`` prefix: the reverse order; id breaks ties).
SORTS: Final[dict[str, SortSpec]] = {
    "id": SortSpec(None, False, int),
    "time_period": SortSpec("time_period", False, str),
    "-time_period": SortSpec("time_period", True, str),
    "indicator_code": SortSpec("indicator_code", False, str),
    "obs_value": SortSpec("obs_value", False, float),
    "-obs_value": SortSpec("obs_value", True, float),
}
#: the equality filters, each with an index (dataset_id, column, id)
EQUALITY_FILTERS: Final = (
    "indicator_code",
    "ref_area",
    "time_period",
    "obs_kind",
    "measure",
    "publication_id",
)

_STORED = [c for c in COLUMNS if c != "dataset"]
_SELECT = [Observation.id, *(getattr(Observation, c) for c in _STORED)]
_TAIL = len(_STORED) - 1


class ObservationQuery(msgspec.Struct, kw_only=True):
    """Filters; a dataset (its slug and id) with ``version`` (None: its latest), or no
    dataset (every dataset's latest version)."""

    dataset: str | None = None
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

    def equalities(self) -> dict[str, str]:
        values = {c: getattr(self, c) for c in EQUALITY_FILTERS}
        return {c: v for c, v in values.items() if v is not None}


class Branch(NamedTuple):
    """One index-served part of a page: a dataset, and an (indicator_zh, indicator_en)
    pair when the ``indicator`` text was resolved to names."""

    dataset_id: int
    name: tuple[str, str] | None = None


#: more branches than this and a page reads too many rows (each branch up to a page)
MAX_BRANCHES: Final = 40


class _Shape(NamedTuple):
    """What a page statement's SQL depends on; the values are bound parameters."""

    sort: str
    dataset: bool  # one dataset, or (False) every dataset's latest version
    version: bool
    filters: tuple[str, ...]
    indicator: bool  # the ILIKE condition on indicator_zh/indicator_en
    cursor: bool
    sqlite: bool
    branches: int = 0  # 0: one statement (a join over every dataset without `dataset`)
    named: bool = False  # each branch has an (indicator_zh, indicator_en) pair


def _param(name: str, type_: Any = sa.String, **kw: Any) -> sa.BindParameter[Any]:
    return sa.bindparam(name, type_=type_, **kw)


def _dataset(branch: int | None = None) -> sa.ColumnElement[bool]:
    # Rendered as a literal, not a parameter: PostgreSQL then plans with this dataset's
    # statistics (a small dataset next to a big one is read by its index, not by walking
    # the primary key past the big one's rows), in generic plans too.
    return Observation.dataset_id == _dataset_param(branch)


def _dataset_param(branch: int | None) -> sa.BindParameter[Any]:
    name = "dataset_id" if branch is None else f"dataset_id_{branch}"
    return _param(name, sa.Integer, literal_execute=True)


def _filters(shape: _Shape, branch: int | None = None) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if branch is not None:
        latest = (
            sa.select(Dataset.latest_version)
            .where(Dataset.id == _dataset_param(branch))
            .scalar_subquery()
        )
        conditions.append(_dataset(branch))
        if shape.version:
            version = _param("version", sa.Integer)
            conditions += [in_version(version), latest >= version]
        else:
            conditions.append(in_version(latest))
        if shape.named:
            conditions += [
                Observation.indicator_zh == _param(f"zh_{branch}"),
                Observation.indicator_en == _param(f"en_{branch}"),
            ]
    elif shape.dataset:
        # The latest version rides in the statement as a scalar subquery, which both
        # planners evaluate once, before the scan.
        latest = (
            sa.select(Dataset.latest_version)
            .where(Dataset.id == _param("dataset_id", sa.Integer, literal_execute=True))
            .scalar_subquery()
        )
        conditions.append(_dataset())
        if shape.version:
            version = _param("version", sa.Integer)
            conditions += [in_version(version), latest >= version]
        else:
            conditions.append(in_version(latest))
    else:
        # Each dataset's latest version.
        conditions.append(in_version(Dataset.latest_version))
    for column in shape.filters:
        conditions.append(getattr(Observation, column) == _param(f"f_{column}"))
    if shape.indicator:
        pattern = _param("indicator")
        conditions.append(
            sa.or_(
                Observation.indicator_zh.ilike(pattern, escape="/"),
                Observation.indicator_en.ilike(pattern, escape="/"),
            )
        )
    return conditions


def _order(spec: SortSpec, columns: Any = Observation) -> list[sa.ColumnElement[Any]]:
    if spec.column is None:
        return [columns.id.asc()]
    column = getattr(columns, spec.column)
    # A descending sort is the ascending one reversed, ties included: one index
    # (dataset_id, column, id) serves both directions, and the cursor is a row value.
    if spec.descending:
        return [column.desc(), columns.id.desc()]
    return [column.asc(), columns.id.asc()]


def _limit(shape: _Shape, branch: int | None = None) -> sa.ColumnElement[int]:
    """``rows``; on SQLite 0 as soon as one filter value is absent from the dataset.

    SQLite walks the index of one filter (or of the sort) and checks the others row by
    row, and without per-value statistics it cannot see that a value is absent: such a
    filter would read every row the others match, or the whole version. An EXISTS per
    filter is one probe of that filter's index; in LIMIT it runs once, before the scan,
    and LIMIT 0 ends the statement at once. PostgreSQL's statistics see absent values.
    """
    rows = _param("rows", sa.Integer)
    if not shape.sqlite or not (shape.dataset or branch is not None) or not shape.filters:
        return rows
    return sa.case((sa.and_(*_probes(branch, shape.filters)), rows), else_=0)


@functools.lru_cache(maxsize=1024)
def _statement(shape: _Shape) -> sa.Select[Any] | sa.CompoundSelect[Any]:
    """The statement of a shape, built once: building one costs more than running it."""
    if shape.branches == 0:
        return _part(shape, None)
    spec = SORTS[shape.sort]
    rows = _param("rows", sa.Integer)
    if not shape.sqlite and shape.named and shape.branches > 1 and _name_ordered(spec):
        # (by id and the orders of the name-and-sort indexes: there a name's index is in
        # the page order and each name's page stops at its limit; a generic plan of
        # another order reads every row of a name)
        return _named_pages(shape)
    if not shape.sqlite:
        # PostgreSQL: each branch a page of its own (an index scan stopped by its limit),
        # the pages merged. Without the inner limits it plans the arms as whole scans.
        parts = [_part(shape, i) for i in range(shape.branches)]
        if len(parts) == 1:
            return parts[0]
        paged = sa.union_all(*(sa.select(*part.subquery().c) for part in parts))
        return paged.order_by(*_order(spec, paged.selected_columns)).limit(rows)
    arms = [arm for i in range(shape.branches) for arm in _arms(shape, i)]
    if len(arms) == 1:
        return arms[0].order_by(*_order(spec)).limit(rows)
    # SQLite: plain arms under one ORDER BY ... LIMIT. Each walks its index in the page's
    # order and SQLite merges them lazily (a MERGE of co-routines) and stops at the
    # limit: about a page read in all, not a page per arm (with a limit per arm, each
    # arm is read and sorted whole first).
    merged = sa.union_all(*arms)
    return merged.order_by(*_order(spec, merged.selected_columns)).limit(rows)


def _name_ordered(spec: SortSpec) -> bool:
    """Whether a name's rows are in ``spec``'s order in an index of its own: by id the
    name index (migration 0009), by obs_value and time_period (either way) the
    name-and-sort indexes (migration 0014)."""
    return spec.column is None or spec.column in NAME_SORT_INDEXES


def _named_pages(shape: _Shape) -> sa.Select[Any]:
    """PostgreSQL: the page of named branches as one lateral join over the names (arrays
    ``names_ds``, ``names_zh``, ``names_en``): the branch's page (an equality on the name
    index by id, on a name-and-sort index in value and time order, stopped by its limit:
    up to a page per name) planned once for every name, not once per name (a union of 35
    branches took 12 ms to plan for 2 ms of reading), and one statement text for any
    number of names (one prepared statement). In value and time order the names' pages
    are ids and sort keys only (an index-only scan: those indexes carry the version run),
    and the rows of the merged page are read by id after."""
    spec = SORTS[shape.sort]
    names = (
        sa.func.unnest(
            _param("names_ds", postgresql.ARRAY(sa.Integer)),
            _param("names_zh", postgresql.ARRAY(sa.Text)),
            _param("names_en", postgresql.ARRAY(sa.Text)),
        )
        .table_valued("ds", "zh", "en")
        .render_derived(name="names", with_types=False)
    )
    conditions: list[sa.ColumnElement[bool]] = [
        Observation.indicator_zh == names.c.zh,
        Observation.indicator_en == names.c.en,
    ]
    if shape.dataset:
        conditions += _filters(shape._replace(named=False, indicator=False))
    else:
        latest = (
            sa.select(Dataset.latest_version)
            .where(Dataset.id == names.c.ds)
            .correlate_except(Dataset)
            .scalar_subquery()
        )
        conditions += [Observation.dataset_id == names.c.ds, in_version(latest)]
        for name in shape.filters:
            conditions.append(getattr(Observation, name) == _param(f"f_{name}"))
    rows = _param("rows", sa.Integer)
    if shape.cursor:
        last_id = _param("after_id", sa.Integer)
        if spec.column is None:
            conditions.append(Observation.id > last_id)
        else:
            column: Any = getattr(Observation, spec.column)
            value = _param("after_value", column.type)
            here, cursor = sa.tuple_(column, Observation.id), sa.tuple_(value, last_id)
            conditions.append(here < cursor if spec.descending else here > cursor)
    if spec.column is not None:
        # In value and time order each name's page is the ids and sort keys of its
        # name-and-sort index entries (which carry the version run: an index-only scan),
        # the page's ids merged from them, and only then the page's rows by id.
        sort = getattr(Observation, spec.column)
        keys = sa.select(Observation.id, sort).where(*conditions)
        named = keys.order_by(*_order(spec)).limit(rows).lateral("page")
        top = (
            sa.select(named.c.id)
            .select_from(names)
            .join(named, sa.true())
            .order_by(*_order(spec, named.c))
            .limit(rows)
            .subquery("top")
        )
        row = Observation.__table__.alias("row")
        columns = [row.c.id, *(row.c[c] for c in _STORED)]
        if not shape.dataset:
            columns.append(row.c.dataset_id)
        return (
            sa.select(*columns)
            .join_from(row, top, row.c.id == top.c.id)
            .order_by(*_order(spec, row.c))
        )
    base = sa.select(*_SELECT)
    if not shape.dataset:
        base = base.add_columns(Observation.dataset_id)
    page = base.where(*conditions).order_by(*_order(spec)).limit(rows).lateral("page")
    return (
        sa.select(*page.c)
        .select_from(names)
        .join(page, sa.true())
        .order_by(*_order(spec, page.c))
        .limit(rows)
    )


def _arms(shape: _Shape, branch: int) -> list[sa.Select[Any]]:
    """The parts of one branch, each in the page's order without a limit of its own."""
    spec = SORTS[shape.sort]
    base = sa.select(*_SELECT)
    if not shape.dataset:
        base = base.add_columns(Observation.dataset_id)
    base = base.where(*_filters(shape, branch))
    if shape.sqlite and shape.filters:
        # The probes of _limit as a condition on no row: SQLite tests it once, before
        # the walk, and an absent value ends the arm at once.
        base = base.where(*_probes(branch, shape.filters))
    if not shape.cursor:
        return [base]
    last_id = _param("after_id", sa.Integer)
    if spec.column is None:
        return [base.where(Observation.id > last_id)]
    column: Any = getattr(Observation, spec.column)
    value = _param("after_value", column.type)
    if not shape.sqlite:
        here, cursor = sa.tuple_(column, Observation.id), sa.tuple_(value, last_id)
        return [base.where(here < cursor if spec.descending else here > cursor)]
    # as in _part: the cursor's value after its id, and the values beyond it
    if spec.descending:
        return [base.where(column == value, Observation.id < last_id), base.where(column < value)]
    return [base.where(column == value, Observation.id > last_id), base.where(column > value)]


def _probes(branch: int | None, filters: tuple[str, ...]) -> list[sa.Exists]:
    """One EXISTS per equality filter: one probe of that filter's index each."""
    return [
        sa.select(sa.literal(1))
        .where(_dataset(branch), getattr(Observation, column) == _param(f"f_{column}"))
        .exists()
        for column in filters
    ]


def _part(shape: _Shape, branch: int | None) -> sa.Select[Any] | sa.CompoundSelect[Any]:
    """The one statement of a shape without branches (``branch`` None), or the page of
    one branch."""
    spec = SORTS[shape.sort]
    base = sa.select(*_SELECT)
    if not shape.dataset:
        base = base.add_columns(Observation.dataset_id)
        if branch is None:
            base = base.join(Dataset, Dataset.id == Observation.dataset_id)
    base = base.where(*_filters(shape, branch))
    rows = _limit(shape, branch)
    if not shape.cursor:
        return base.order_by(*_order(spec)).limit(rows)
    last_id = _param("after_id", sa.Integer)
    if spec.column is None:
        return base.where(Observation.id > last_id).order_by(*_order(spec)).limit(rows)
    column: Any = getattr(Observation, spec.column)
    value = _param("after_value", column.type)
    if not shape.sqlite or not (shape.dataset or branch is not None):
        # Rows strictly after the cursor's: ``(column, id) > (v, k)``, a row value that
        # PostgreSQL seeks to in the index (``column > v OR (column = v AND id > k)`` is
        # a filter it applies to every row before the cursor).
        here, cursor = sa.tuple_(column, Observation.id), sa.tuple_(value, last_id)
        after = here < cursor if spec.descending else here > cursor
        return base.where(after).order_by(*_order(spec)).limit(rows)
    # SQLite seeks a row value on its first column only and then drops every tie of the
    # cursor's value that comes before it (a tenth of the table for a year). Two seeks,
    # the cursor's value after its id and the values beyond it, merged in order, read a
    # page.
    if spec.descending:
        ties, beyond = Observation.id < last_id, column < value
    else:
        ties, beyond = Observation.id > last_id, column > value
    merged = sa.union_all(base.where(column == value, ties), base.where(beyond))
    return merged.order_by(*_order(spec, merged.selected_columns)).limit(rows)


class _IndexedBy(TableClause):
    """``observation INDEXED BY <index>`` (SQLite): a page read by the index chosen from
    the counts below, not by the planner, which has no statistics to choose with."""

    inherit_cache = True
    _traverse_internals = [  # noqa: RUF012 - SQLAlchemy reads it from the class
        *TableClause._traverse_internals,
        ("index", InternalTraversal.dp_string),
    ]

    def __init__(self, index: str) -> None:
        super().__init__(
            Observation.__tablename__,
            *(sa.column(c.name, c.type) for c in Observation.__table__.columns),
        )
        self.index = index


@compiles(_IndexedBy, "sqlite")
def _indexed_by(element: _IndexedBy, compiler: Any, **kw: Any) -> str:
    # (no index: ``NOT INDEXED``, a pass over the table in its own order)
    hint = f"INDEXED BY {element.index}" if element.index else "NOT INDEXED"
    return f"{compiler.visit_table(element, **kw)} {hint}"


#: SQLite: a filter (or pair) with fewer matching rows than this is read whole by its
#: index (and its matches sorted when the sort is another column)
SMALL_FILTER: Final = 2000
#: SQLite: index entries of the page order a filtered page looks through before it
#: reads by a filter instead; also the sample that tells how often each filter matches
PREFIX_ROWS: Final = 5000
#: SQLite: index entries sampled to tell how often each filter matches
SAMPLE_ROWS: Final = 1000

_LEADING: Final = {leading: covering_index(leading) for leading in COVERING_LEADING}
#: the columns a covering index holds besides its leading ones
_CARRIED: Final = frozenset(COVERING_CARRIED) | {"dataset_id", "id"}
#: filters without a covering index: their narrow (dataset_id, column, id) index
_NARROW: Final = {
    "obs_kind": "ix_observation_dataset_id_obs_kind_id",
    "publication_id": "ix_observation_dataset_id_publication_id_id",
}


def _candidates(filters: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The index prefixes that can serve the filters: each filter, and each covered pair
    of them."""
    found: list[tuple[str, ...]] = [(c,) for c in filters]
    found += [lead for lead in COVERING_LEADING if len(lead) > 1 and set(lead) <= set(filters)]
    return found


def _index_of(leading: tuple[str, ...]) -> str:
    return _LEADING.get(leading) or _NARROW[leading[0]]


@functools.lru_cache(maxsize=256)
def _counts_statement(candidates: tuple[tuple[str, ...], ...]) -> sa.Select[Any]:
    """Rows (of any version) matching each candidate, counted up to ``ceiling`` in its
    index: one seek and at most ``ceiling`` index entries each."""
    counts = []
    for leading in candidates:
        table = _IndexedBy(_index_of(leading))
        inner = (
            sa.select(sa.literal(1))
            .select_from(table)
            .where(
                table.c.dataset_id == _param("dataset_id", sa.Integer),
                *(table.c[c] == _param(f"f_{c}") for c in leading),
            )
            .limit(_param("ceiling", sa.Integer))
            .subquery()
        )
        counts.append(sa.select(sa.func.count()).select_from(inner).scalar_subquery())
    return sa.select(*counts)


def _version_of(table: Any, shape: _Shape) -> list[sa.ColumnElement[bool]]:
    latest = (
        sa.select(Dataset.latest_version)
        .where(Dataset.id == _param("dataset_id", sa.Integer, literal_execute=True))
        .scalar_subquery()
    )
    if shape.version:
        version = _param("version", sa.Integer)
        return [in_version(version, table.c), latest >= version]
    return [in_version(latest, table.c)]


def _walk(
    shape: _Shape,
    index: str,
    filters: tuple[str, ...],
    columns: tuple[str, ...],
    bound: Any = None,
    onward: bool = False,
) -> sa.Select[Any] | sa.CompoundSelect[Any]:
    """The rows of the filters after the cursor in the page order, read by ``index``
    (its entries only when it carries every column used), ``rows`` of them, ``columns``
    of each. When the index is in the page order (its leading columns fixed by equality
    filters or led by the sort column) the walk stops at the limit; otherwise the
    matches are sorted."""
    spec = SORTS[shape.sort]
    table = _IndexedBy(index)
    order = _order(spec, table.c)
    base = (
        sa.select(*(table.c[c] for c in columns))
        .where(table.c.dataset_id == _param("dataset_id", sa.Integer, literal_execute=True))
        .where(*_version_of(table, shape))
        .where(*(table.c[c] == _param(f"f_{c}") for c in filters))
    )
    limits: list[sa.ColumnElement[bool]] = []
    if bound is not None:
        # the sort key at most this far on: a range of the index, where the walk ends
        sort_column: Any = table.c[spec.column or "id"]
        limits.append(sort_column >= bound if spec.descending else sort_column <= bound)
    if onward:
        # (no cursor) the sort key past ``after_value``, its ties too: a range of the index
        past: Any = table.c[spec.column or "id"]
        value = _param("after_value", past.type)
        limits.append(past < value if spec.descending else past > value)
    rows = _param("rows", sa.Integer)
    if not shape.cursor:
        return base.where(*limits).order_by(*order).limit(rows)
    last_id = _param("after_id", sa.Integer)
    if spec.column is None:
        return base.where(table.c.id > last_id, *limits).order_by(*order).limit(rows)
    column: Any = table.c[spec.column]
    value = _param("after_value", column.type)
    if spec.column in filters:
        # one value of the sort column: the order is by id there (the cursor's value
        # beyond it or before it is decided from the parameters by the caller)
        ties = table.c.id < last_id if spec.descending else table.c.id > last_id
        return base.where(column == value, ties, *limits).order_by(*order).limit(rows)
    if index not in (_LEADING[(spec.column,)], _LEADING.get(("measure", spec.column))):
        # a check on each entry the index gives
        here, cursor = sa.tuple_(column, table.c.id), sa.tuple_(value, last_id)
        after = here < cursor if spec.descending else here > cursor
        return base.where(after, *limits).order_by(*order).limit(rows)
    # as in _part: the cursor's value after its id, and the values beyond it, two seeks
    if spec.descending:
        ties, beyond = table.c.id < last_id, column < value
    else:
        ties, beyond = table.c.id > last_id, column > value
    # (the bound on the values beyond only: the ties are one seek of their own)
    merged = sa.union_all(base.where(column == value, ties), base.where(beyond, *limits))
    return merged.order_by(*_order(spec, merged.selected_columns)).limit(rows)


def _keys(shape: _Shape) -> tuple[str, ...]:
    spec = SORTS[shape.sort]
    return ("id",) if spec.column is None else ("id", spec.column)


def _page_of(shape: _Shape, ids: Any) -> sa.Select[Any]:
    """The page's rows: the table rows of the (id, sort key) rows of ``ids``, in order."""
    spec = SORTS[shape.sort]
    return (
        sa.select(*_SELECT)
        .join(ids, ids.c.id == Observation.id)
        .order_by(*_order(spec, ids.c))
        .limit(_param("rows", sa.Integer))
    )


@functools.lru_cache(maxsize=1024)
def _via_statement(shape: _Shape, leading: tuple[str, ...], walk: bool = False) -> sa.Select[Any]:
    """SQLite: the page read by the index of ``leading``: its entries matching every
    filter (checked in the index when it carries them), sorted when the index is not in
    the page order, then the page's rows from the table. ``walk``: the sort column's
    index, walked in its order (``leading`` its column, which no filter fixes)."""
    index = _LEADING[leading] if walk else _index_of(leading)
    ids = _walk(shape, index, shape.filters, _keys(shape)).subquery()
    return _page_of(shape, ids)


@functools.lru_cache(maxsize=1024)
def _prefix_statement(shape: _Shape) -> sa.Select[Any]:
    """SQLite: the page from the first ``span`` entries of the page order after the
    cursor (the sort column's covering index): the walk is bounded by the sort key
    ``span`` entries on, so it ends there when the filters match too seldom (fewer
    rows than a page: the caller reads by a filter instead)."""
    index, bound = _bound(shape, shape.cursor)
    ids = _walk(shape, index, shape.filters, _keys(shape), bound=bound).subquery()
    return _page_of(shape, ids)


def _bound(shape: _Shape, after: bool, strict: bool = False) -> tuple[str, Any]:
    """The sort column's covering index, and the sort key ``span`` entries on in it:
    from its start, or (``after``) from ``after_value`` (``strict``: past it and its
    ties)."""
    spec = SORTS[shape.sort]
    assert spec.column is not None
    index = _LEADING[(spec.column,)]
    edge = _IndexedBy(index)
    column: Any = edge.c[spec.column]
    near = (
        sa.select(column)
        .where(edge.c.dataset_id == _param("dataset_id", sa.Integer, literal_execute=True))
        .order_by(column.desc() if spec.descending else column.asc())
        .limit(1)
        .offset(_param("span", sa.Integer))
    )
    if after:
        value = _param("after_value", column.type)
        if strict:
            near = near.where(column < value if spec.descending else column > value)
        else:
            near = near.where(column <= value if spec.descending else column >= value)
    return index, near.scalar_subquery()


@functools.lru_cache(maxsize=1024)
def _more_statement(shape: _Shape) -> sa.Select[Any]:
    """SQLite: a bounded walk of the sort's index (as :func:`_prefix_statement`) that
    goes on past ``after_value`` (the sort key of the last row a shorter walk found;
    that walk saw every entry up to it and its ties), bounded by the sort key ``span``
    entries past it."""
    index, bound = _bound(shape, True, strict=True)
    walk = shape._replace(cursor=False)
    ids = _walk(walk, index, shape.filters, _keys(shape), bound=bound, onward=True).subquery()
    return _page_of(shape, ids)


#: where the sample is taken: the first covering index led by a column no candidate uses
#: (its first entries are one value of that column, otherwise a spread of the table)
_SAMPLED: Final = ("ref_area", "time_period", "indicator_code", "measure", "obs_value")


@functools.lru_cache(maxsize=256)
def _sample_statement(shape: _Shape, candidates: tuple[tuple[str, ...], ...]) -> sa.Select[Any]:
    """SQLite: of the first SAMPLE_ROWS entries of the version in a covering index led by
    a column no candidate uses, how many each candidate matches and how many match every
    filter; and the version's row count."""
    used = {c for lead in candidates for c in lead}
    if "measure" in used:
        used.add("obs_value")  # values follow the measure's unit
    lead = next((c for c in _SAMPLED if c not in used), "obs_value")
    columns = tuple(c for c in sorted(used | set(shape.filters)) if c != "obs_value")
    table = _IndexedBy(_LEADING[(lead,)])
    # no ORDER BY: the index's own order, the walk stopped by the limit
    sample = (
        sa.select(*(table.c[c] for c in columns))
        .where(table.c.dataset_id == _param("dataset_id", sa.Integer, literal_execute=True))
        .where(*_version_of(table, shape))
        .limit(_param("rows", sa.Integer))
        .subquery()
    )

    def matches(columns: Sequence[str]) -> Any:
        hit = sa.and_(*(sample.c[c] == _param(f"f_{c}") for c in columns))
        return sa.func.coalesce(sa.func.sum(sa.case((hit, 1), else_=0)), 0)

    version = (
        _param("version", sa.Integer)
        if shape.version
        else sa.select(Dataset.latest_version)
        .where(Dataset.id == _param("dataset_id", sa.Integer, literal_execute=True))
        .scalar_subquery()
    )
    total = (
        sa.select(DatasetVersion.row_count)
        .where(
            DatasetVersion.dataset_id == _param("dataset_id", sa.Integer, literal_execute=True),
            DatasetVersion.version == version,
        )
        .scalar_subquery()
    )
    return sa.select(
        sa.func.count(),
        total,
        matches(shape.filters),
        *(matches([c for c in lead if c in shape.filters]) for lead in candidates),
    ).select_from(sample)


def _in_order(shape: _Shape, leading: tuple[str, ...]) -> bool:
    """Whether the index of ``leading``, its filter columns fixed, is in the page order."""
    spec = SORTS[shape.sort]
    return spec.column is None or spec.column in leading


class Exact(NamedTuple):
    """A version's exact counts (models/counts.py) of what a page's filters ask."""

    version: int
    total: int
    singles: dict[str, int]
    #: each pair of filters that is counted, (a, b) in the order of the filters
    pairs: dict[tuple[str, str], int]

    def empty(self) -> bool:
        """Whether no row of the version matches every filter, as far as the counts
        tell (a value or a pair of values no row holds)."""
        return min([*self.singles.values(), *self.pairs.values()]) == 0

    def of(self, leading: tuple[str, ...]) -> int:
        """Rows matching the filters of an index's leading columns."""
        return self.singles[leading[0]] if len(leading) == 1 else self.pairs[leading]  # type: ignore[index]

    def together(self) -> float:
        """Rows expected to match every filter: a counted pair's count, with each
        other filter as if independent of it (at most the rarest pair or value)."""
        share = {c: n / max(self.total, 1) for c, n in self.singles.items()}
        guesses = [
            n * _product(share[c] for c in self.singles if c not in pair)
            for pair, n in self.pairs.items()
        ]
        if not guesses:
            guesses = [self.total * _product(share.values())]
        return min(guesses)


def _product(values: Any) -> float:
    found = 1.0
    for v in values:
        found *= v
    return found


@functools.lru_cache(maxsize=2)
def _exact_statement(version: bool) -> Any:
    latest = (
        sa.select(Dataset.latest_version)
        .where(Dataset.id == sa.bindparam("dataset_id", type_=sa.Integer))
        .scalar_subquery()
    )
    at: Any = sa.bindparam("version", type_=sa.Integer) if version else latest
    return counts_statement(at).add_columns(at)


async def exact_counts(db: Database, q: ObservationQuery) -> Exact | None:
    """The exact counts of ``q``'s equality filters (each value, and each counted pair
    of values) in its dataset version, from ``observation_count``: one indexed read.
    None when that version has no counts (one older than migration 0012), or none
    exists."""
    filters = q.equalities()
    assert q.dataset_id is not None
    pairs: dict[tuple[str, str], str] = {}
    columns = list(filters)
    for i, a in enumerate(columns):
        for b in columns[i + 1 :]:
            found = pair_key(a, filters[a], b, filters[b])
            if found is not None:
                pairs[(a, b)] = found
    singles = {c: key(c, v) for c, v in filters.items()}
    keys = [key(TOTAL), *singles.values(), *pairs.values()]
    params: dict[str, Any] = {"dataset_id": q.dataset_id, "keys": keys}
    if q.version is not None:
        params["version"] = q.version
    # (PostgreSQL: a prepared statement on the page pool, the cheapest round trip)
    rows: Any = await db.read_rows(_exact_statement(q.version is not None), params)
    counts = {r[0]: int(r[1]) for r in rows}
    if key(TOTAL) not in counts:
        return None
    return Exact(
        version=int(rows[0][2]),
        total=counts[key(TOTAL)],
        singles={c: counts.get(k, 0) for c, k in singles.items()},
        pairs={p: counts.get(k, 0) for p, k in pairs.items()},
    )


async def _sqlite_filtered(
    db: Database,
    q: ObservationQuery,
    limit: int,
    cursor: str | None,
    exact: Exact | None = None,
) -> Sequence[Any]:
    """A filtered page on SQLite, which has no statistics to choose between walking the
    sort's index (quick when the filters match often) and reading the rows of the rarest
    filter or pair (quick when it matches seldom; sorted when the sort is another
    column). Cheap probes decide, each reading index entries only:

    1. each candidate index's matches counted up to SMALL_FILTER: none is an empty
       page; the fewest under it is read by its index;
    2. a sample of SAMPLE_ROWS entries tells how often each candidate and all the
       filters together match: reading a candidate costs its matches (a walk in the
       page order stops at a full page, when its index is in that order); walking the
       sort's index costs the entries before a page of matches, a walk bounded by that
       estimate (the sort column may follow a filter: values follow the measure), the
       cheapest candidate when it comes short.

    With the version's exact counts (``exact``, :func:`exact_counts`) there are no
    probes: the counts are each candidate's matches, and a counted pair's count with
    the other filters' shares estimates how many rows match every filter.
    """
    filters = q.equalities()
    assert q.dataset_id is not None
    _, params = page_query(q, limit=limit, cursor=cursor, sqlite=True)
    shape = _shape_of(q, cursor, sqlite=True)
    spec = SORTS[q.sort]
    candidates = _candidates(shape.filters)
    if len(shape.filters) == 1 and _in_order(shape, candidates[0]):
        # one filter, its index in the page order: a walk that stops at a full page
        return await db.read(_via_statement(shape, candidates[0]), params)
    counted: Sequence[int]
    if exact is not None:
        counted = [exact.of(c) for c in candidates]
    else:
        counted = (
            await db.read(_counts_statement(tuple(candidates)), {**params, "ceiling": SMALL_FILTER})
        )[0]
    fewest = min(counted)
    if fewest == 0:
        return []
    if fewest < SMALL_FILTER:
        best = min(zip(counted, candidates, strict=True))[1]
        return await db.read(_via_statement(shape, best), params)
    uncovered = [c for c in shape.filters if c not in _CARRIED]
    if uncovered:
        return await db.read(_via_statement(shape, (uncovered[0],)), params)
    # obs_kind (two values) is never read by its narrow index past the counts: its
    # entries carry nothing to check the other filters on, each would be a table read
    candidates = [c for c in candidates if c in _LEADING] or candidates
    if "measure" in filters and spec.column == "obs_value":
        candidates.append(("measure", "obs_value"))
    if exact is not None:
        # (measure, obs_value) matches what measure matches
        hits = [float(exact.of(c[:1] if c == ("measure", "obs_value") else c)) for c in candidates]
        total, matched, least = exact.total, exact.together(), 0.5
    else:
        sample = (
            await db.read(
                _sample_statement(shape, tuple(candidates)), {**params, "rows": SAMPLE_ROWS}
            )
        )[0]
        figures: list[Any] = list(sample)
        seen, total = int(figures[0]), int(figures[1] or 0)
        scale = max(total, seen) / max(seen, 1)
        hits = [max(int(h), 1) * scale for h in figures[3:]]
        matched, least = int(figures[2]) * scale, 0.5 * scale
        total = max(total, seen)
    costs = []
    for lead, entries in zip(candidates, hits, strict=True):
        # index entries read: its matches, or in the page order those before a full page
        if _in_order(shape, lead):
            entries *= min(1.0, (limit + 1) / max(matched, 0.5))
        costs.append((entries, len(lead) == 1, lead))
    cost, _, best = min(costs)
    if spec.column is not None and not any(_in_order(shape, c) for c in candidates):
        # the sort's index walked: entries before a page of matches
        walk = (limit + 1) * max(total, 1) / max(matched, least)
        # bounded at twice the estimate (the walk and its bound each read the span)
        if walk * 2 < cost:
            span = int(max(walk * 2, PREFIX_ROWS))
            if span >= total:
                return await db.read(_via_statement(shape, (spec.column,), walk=True), params)
            found = await _prefix_pages(db, shape, params, span, cost, limit)
            if found is not None:
                return found
    return await db.read(_via_statement(shape, best), params)


#: SQLite: how many more bounded walks of the sort's index a page takes after the first
#: before it reads by a filter instead
PREFIX_ROUNDS: Final = 2


async def _prefix_pages(
    db: Database, shape: _Shape, params: dict[str, Any], span: int, cost: float, limit: int
) -> list[Any] | None:
    """SQLite: the page from bounded walks of the sort's index (:func:`_prefix_statement`),
    or None when they come short. A walk that found some rows but not a page goes on past
    the last of them (:func:`_more_statement`), as far again as the entries each row
    found so far took (the matches are denser or sparser there than the counts say: a
    deep page's stretch of the index is not the average), while a further walk costs
    fewer entries than ``cost``, the read by a filter that follows otherwise (the
    entries walked already are spent either way; the walks are at most PREFIX_ROUNDS)."""
    spec = SORTS[shape.sort]
    assert spec.column is not None
    found: list[Any] = list(await db.read(_prefix_statement(shape), {**params, "span": span}))
    spent = float(span)
    for _ in range(PREFIX_ROUNDS):
        if len(found) > limit or not found:
            break
        # the entries a row took so far, for the rows still needed, and half again
        more = max((limit + 1 - len(found)) * spent / len(found) * 1.5, float(PREFIX_ROWS))
        if more >= cost:
            break
        spent += more
        step = {**params, "after_value": _key(spec, found[-1])[0], "span": int(more)}
        found += await db.read(_more_statement(shape), step)
    return found[: limit + 1] if len(found) > limit else None


def _like_pattern(text: str) -> str:
    """``text`` anywhere, its LIKE wildcards taken literally (escape character ``/``)."""
    escaped = text.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"


def page_query(
    q: ObservationQuery,
    *,
    limit: int,
    cursor: str | None = None,
    sqlite: bool = False,
    branches: Sequence[Branch] | None = None,
) -> tuple[sa.Select[Any] | sa.CompoundSelect[Any], dict[str, Any]]:
    """The one statement behind a page and its parameters: ``limit + 1`` rows (the extra
    one says whether a next page exists), for SQLite or (``sqlite=False``) PostgreSQL.
    ``branches`` (from :func:`branches_of`) splits it into index-served parts; without
    them, ``q.indicator`` is an ILIKE condition. A bad ``cursor`` is a 400 problem."""
    spec = SORTS[q.sort]
    filters = q.equalities()
    params: dict[str, Any] = {"rows": limit + 1}
    params.update({f"f_{column}": value for column, value in filters.items()})
    if q.dataset_id is not None:
        params["dataset_id"] = q.dataset_id
    if q.version is not None and q.dataset_id is not None:
        params["version"] = q.version
    named = bool(branches) and branches[0].name is not None  # type: ignore[index]
    for i, branch in enumerate(branches or ()):
        params[f"dataset_id_{i}"] = branch.dataset_id
        if branch.name is not None:
            params[f"zh_{i}"], params[f"en_{i}"] = branch.name
    if named and not sqlite and branches and _name_ordered(spec):
        params["names_ds"] = [b.dataset_id for b in branches]
        params["names_zh"] = [b.name[0] for b in branches if b.name is not None]
        params["names_en"] = [b.name[1] for b in branches if b.name is not None]
    if q.indicator and not named:
        params["indicator"] = _like_pattern(q.indicator)
    if cursor is not None:
        tag = f"obs:{q.sort}"
        if spec.column is None:
            (params["after_id"],) = decode_cursor(cursor, tag, (int,))
        else:
            key = decode_cursor(cursor, tag, (spec.key_type, int))
            params["after_value"], params["after_id"] = key
    shape = _Shape(
        sort=q.sort,
        dataset=q.dataset_id is not None,
        version=q.dataset_id is not None and q.version is not None,
        filters=tuple(filters),
        indicator=bool(q.indicator) and not named,
        cursor=cursor is not None,
        sqlite=sqlite,
        branches=len(branches or ()),
        named=named,
    )
    return _statement(shape), params


def _shape_of(q: ObservationQuery, cursor: str | None, *, sqlite: bool) -> _Shape:
    """The shape of a plain (branchless) page of ``q``."""
    return _Shape(
        sort=q.sort,
        dataset=q.dataset_id is not None,
        version=q.dataset_id is not None and q.version is not None,
        filters=tuple(q.equalities()),
        indicator=bool(q.indicator),
        cursor=cursor is not None,
        sqlite=sqlite,
    )


def _key(spec: SortSpec, row: Sequence[Any]) -> list[Any]:
    if spec.column is None:
        return [row[0]]
    # row layout: id, then _STORED in order (then the slug without a dataset)
    return [row[1 + _STORED.index(spec.column)], row[0]]


def _out(row: Sequence[Any], slug: str | None) -> ObservationOut:
    # Positional, straight from the Core row (id, observation_id, the rest of _STORED,
    # then the slug when it was selected): no dict, no ORM object.
    return ObservationOut(row[1], row[-1] if slug is None else slug, *row[2 : 2 + _TAIL])


async def find(
    db: Database, q: ObservationQuery, *, limit: int, cursor: str | None = None
) -> ObservationPage:
    """One page of ``q``; an empty page also when the version does not exist (yet),
    which :func:`dataset_state` tells apart."""
    rows, slugs, read = await _found(db, q, limit, cursor)
    return _page(read, SORTS[q.sort], rows, limit, slugs)


_Found = tuple[Sequence[Any], dict[int, str], ObservationQuery]


async def _found(db: Database, q: ObservationQuery, limit: int, cursor: str | None) -> _Found:
    """The rows of :func:`find`'s page (``limit + 1`` at most), the slugs of their
    datasets and the query they were read for."""
    spec = SORTS[q.sort]
    fixed = q.equalities().get(spec.column or "")
    if cursor is not None and fixed is not None:
        # the sort column fixed by a filter: a cursor of another value is before every
        # row (no cursor) or after every row (an empty page), which no plan infers
        value, _ = decode_cursor(cursor, f"obs:{q.sort}", (spec.key_type, int))
        if value != fixed:
            if (value > fixed) != spec.descending:
                return [], {}, q
            cursor = None
    branches, slugs = await branches_of(db, q)
    if branches == []:
        if cursor is not None:  # still a 400 for a bad cursor
            page_query(q, limit=limit, cursor=cursor, sqlite=db.is_sqlite)
        return [], {}, q
    exact = None
    if q.dataset_id is not None and _counted(db, q):
        # a value, or a pair of values, that no row of the version holds: an empty page
        # from the counts, without a read of observation
        exact = await exact_counts(db, q)
        if exact is not None and exact.empty():
            if cursor is not None:  # still a 400 for a bad cursor
                page_query(q, limit=limit, cursor=cursor, sqlite=db.is_sqlite)
            return [], {}, q
    if q.indicator and spec.column == "indicator_code":
        coded = await _coded_rows(db, q, limit, cursor)
        if coded is not None:
            return coded
    filtered = db.is_sqlite and branches is None and q.dataset_id is not None
    if filtered and q.equalities() and not q.indicator:
        if exact is not None and q.version is None:
            # the page of the version counted (the latest then)
            q = msgspec.structs.replace(q, version=exact.version)
        rows = await _sqlite_filtered(db, q, limit, cursor, exact)
    else:
        statement, params = page_query(
            q, limit=limit, cursor=cursor, sqlite=db.is_sqlite, branches=branches
        )
        # text, integers and doubles only: the driver's rows as they come
        rows = await db.read_rows(statement, params)
    return rows, slugs, q


#: SQLite: the most arms of one statement of a code's names (more are read in parts and
#: merged here: a statement of very many arms takes long to prepare)
CODED_ARMS: Final = 40


async def _coded_rows(
    db: Database, q: ObservationQuery, limit: int, cursor: str | None
) -> _Found | None:
    """The page of the ``indicator`` text in indicator_code order, from the codes each
    matching name is found with (:meth:`NameCache.codes`). Within one code the order is
    by id, and the rows of a name found with that code alone are in id order in the
    name index: the page is the names of the smallest code (after the cursor's) read as
    a page by id (the named branches of ``sort=id``, one statement), then those of the
    next code while the page is short. A name found with several codes is a branch per
    code with an ``indicator_code`` filter (its rows of other codes are passed over).
    Each branch reads at most what the page still needs, whatever the number of names,
    with or without ``dataset``. None (the other paths) when more than MAX_BRANCHES
    datasets are read, or the names and their codes were read at different moments."""
    spec = SORTS[q.sort]
    text = q.indicator
    assert spec.column == "indicator_code" and not spec.descending and text
    datasets, slugs = await _datasets_of(db, q)
    if len(datasets) > MAX_BRANCHES:
        return None
    if q.dataset_id is not None and q.version is None and datasets:
        # the version the codes were read at (a later one may bring new codes)
        q = msgspec.structs.replace(q, version=datasets[0][1][0])
    after: tuple[str, int] | None = None
    if cursor is not None:
        value, last_id = decode_cursor(cursor, f"obs:{q.sort}", (str, int))
        after = (value, last_id)
    names = name_cache(db)
    # code -> (names found with it alone, names found with it and others)
    groups: dict[str, tuple[list[Branch], list[Branch]]] = {}
    for dataset_id, stamp in datasets:
        codes = await names.codes(db, dataset_id, stamp)
        for pair in await names.matching(db, dataset_id, stamp, text):
            if pair not in codes:
                return None
            for code in codes[pair]:
                if q.indicator_code is not None and code != q.indicator_code:
                    continue
                if after is not None and code < after[0]:
                    continue
                group = groups.setdefault(code, ([], []))
                group[len(codes[pair]) > 1].append(Branch(dataset_id, pair))
    rows: list[Any] = []
    sqlite = db.is_sqlite
    for code in sorted(groups):
        wanted = limit + 1 - len(rows)
        ties = None
        if after is not None and code == after[0]:
            ties = encode_cursor("obs:id", [after[1]])
        found: list[Any] = []
        parts = 0
        for branches, coded in zip(groups[code], (None, code), strict=True):
            part = msgspec.structs.replace(q, sort="id", indicator_code=coded)
            size = CODED_ARMS if sqlite else max(len(branches), 1)
            for start in range(0, len(branches), size):
                statement, params = page_query(
                    part,
                    limit=wanted - 1,
                    cursor=ties,
                    sqlite=sqlite,
                    branches=branches[start : start + size],
                )
                found += await db.read_rows(statement, params)
                parts += 1
        if parts > 1:
            found.sort(key=lambda row: row[0])  # the parts' pages merged by id
        rows += found[:wanted]
        if len(rows) > limit:
            break
    return rows, slugs, q


def _page(
    q: ObservationQuery, spec: SortSpec, rows: Sequence[Any], limit: int, slugs: dict[int, str]
) -> ObservationPage:
    tag = f"obs:{q.sort}"
    token = encode_cursor(tag, _key(spec, rows[limit - 1])) if len(rows) > limit else None
    if q.dataset is not None:
        items = [_out(r, q.dataset) for r in rows[:limit]]
    else:
        items = [_out(r, slugs[r[-1]]) for r in rows[:limit]]
    return ObservationPage(items=items, next_cursor=token)


def _counted(db: Database, q: ObservationQuery) -> bool:
    """Whether a page of ``q`` (one dataset) looks at the counts first: for two filters
    or more (values present alone may never meet), and on SQLite for one filter outside
    the page order (the counts choose its plan). One filter in the page order is a walk
    of its index, which stops at once when its value is absent."""
    filters = tuple(q.equalities())
    if len(filters) != 1:
        return bool(filters)
    return db.is_sqlite and not _in_order(_shape_of(q, None, sqlite=True), filters)


async def _datasets_of(
    db: Database, q: ObservationQuery
) -> tuple[list[tuple[int, Any]], dict[int, str]]:
    """The datasets ``q`` reads, each with its stamp (latest version, creation time),
    and their slugs by id: ``q``'s dataset, or every observation dataset published."""
    if q.dataset_id is not None:
        found = await db.read(
            sa.select(Dataset.latest_version, Dataset.created_at).where(Dataset.id == q.dataset_id)
        )
        datasets = [(q.dataset_id, tuple(found[0]))] if found else []
        return datasets, {q.dataset_id: q.dataset or ""}
    listed: Sequence[Any] = await db.read(
        sa.select(Dataset.id, Dataset.slug, Dataset.latest_version, Dataset.created_at)
        .where(Dataset.kind == "observations", Dataset.latest_version > 0)
        .order_by(Dataset.id)
    )
    slugs = {int(r[0]): str(r[1]) for r in listed}
    return [(int(r[0]), (r[2], r[3])) for r in listed], slugs


async def branches_of(
    db: Database, q: ObservationQuery
) -> tuple[list[Branch] | None, dict[int, str]]:
    """The branches of ``q``'s page (None: one plain statement; empty: nothing can
    match) and the slugs of the datasets it reads, by id."""
    if q.dataset_id is not None:
        if not q.indicator:
            return None, {q.dataset_id: q.dataset or ""}
        datasets, slugs = await _datasets_of(db, q)
    else:
        datasets, slugs = await _datasets_of(db, q)
        if len(datasets) > MAX_BRANCHES:
            return None, slugs
        if not q.indicator:
            return [Branch(d) for d, _ in datasets], slugs
    names = name_cache(db)
    branches = [
        Branch(d, pair)
        for d, stamp in datasets
        for pair in await names.matching(db, d, stamp, q.indicator or "")
    ]
    if len(branches) > MAX_BRANCHES:
        # Text in very many names: the ILIKE condition (per dataset without `dataset`)
        if q.dataset_id is not None:
            return None, slugs
        return [Branch(d) for d, _ in datasets], slugs
    return branches, slugs


def _coded_walk() -> sa.Select[Any]:
    """Each (indicator_zh, indicator_en, indicator_code) of a dataset's rows (any
    version), by a loose scan of the index of migration 0013: from each triple, the
    first entry after it (a later code of the same name, a later en of the same zh, a
    later zh: three seeks at most, as SQLite seeks a row value on its first column
    only), whatever the number of rows (SQLite: the index chosen, ``INDEXED BY``).

    The walk carries the id of the entry found; each step reads that id's row (for the
    seeks after it) and carries its triple on, so every triple comes out of the walk
    itself, once, with no second read of its row (the first row, before any entry, has
    none). No ORDER BY: the triples come in no promised order (their order is the
    caller's, a sort of a few hundred in Python, not a sort in the plan)."""
    d = sa.bindparam("d", type_=sa.Integer)

    def first_after(*conditions: Any, order: tuple[str, ...]) -> Any:
        entry = _IndexedBy(NAME_CODE_INDEX)
        return (
            sa.select(entry.c.id)
            .where(entry.c.dataset_id == d, *(c(entry.c) for c in conditions))
            .order_by(*(entry.c[c] for c in order))
            .limit(1)
            .scalar_subquery()
        )

    names = ("indicator_zh", "indicator_en", "indicator_code")
    walk = sa.select(
        first_after(order=names).label("id"),
        *(sa.cast(sa.null(), Observation.__table__.c[c].type).label(c) for c in names),
    ).cte("walk", recursive=True)
    here = Observation.__table__.alias("here")
    step = sa.select(
        sa.func.coalesce(
            first_after(
                lambda c: c.indicator_zh == here.c.indicator_zh,
                lambda c: c.indicator_en == here.c.indicator_en,
                lambda c: c.indicator_code > here.c.indicator_code,
                order=names[2:],
            ),
            first_after(
                lambda c: c.indicator_zh == here.c.indicator_zh,
                lambda c: c.indicator_en > here.c.indicator_en,
                order=names[1:],
            ),
            first_after(lambda c: c.indicator_zh > here.c.indicator_zh, order=names),
        ),
        *(here.c[c] for c in names),
    ).select_from(walk.join(here, here.c.id == walk.c.id))
    walk = walk.union_all(step)
    return sa.select(*(walk.c[c] for c in names)).where(walk.c.indicator_zh.is_not(None))


_CODED: Final = _coded_walk()

Codes = dict[tuple[str, str], tuple[str, ...]]


async def distinct_coded(db: Database, dataset_id: int) -> Codes:
    """Every (indicator_zh, indicator_en) pair of the dataset's rows (any version),
    sorted, with the indicator codes its rows carry (sorted): one statement, a few index
    seeks per distinct triple, whatever the number of rows."""
    found: dict[tuple[str, str], list[str]] = {}
    row: Any
    for row in await db.read(_CODED, {"d": dataset_id}):
        zh, en, code = row
        found.setdefault((str(zh), str(en)), []).append(str(code))
    return {pair: tuple(sorted(found[pair])) for pair in sorted(found)}


class NameCache:
    """The indicator name pairs of each dataset with the codes each is found with,
    kept while its latest version stays the same (a new version may bring new names
    and codes; older versions' are a subset). ``stamp`` is the dataset's
    (latest_version, created_at): a database rebuilt under the app reuses ids and
    version numbers, not the moment a dataset was created."""

    def __init__(self) -> None:
        self._codes: dict[int, tuple[Any, Codes]] = {}

    async def codes(self, db: Database, dataset_id: int, stamp: Any) -> Codes:
        """Each name pair of the dataset's rows (any version) with the indicator codes
        its rows carry (:func:`distinct_coded`; a new version reads them again)."""
        hit = self._codes.get(dataset_id)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        codes = await distinct_coded(db, dataset_id)
        if len(self._codes) >= 10_000:
            self._codes.clear()
        self._codes[dataset_id] = (stamp, codes)
        return codes

    async def names(self, db: Database, dataset_id: int, stamp: Any) -> list[tuple[str, str]]:
        """The dataset's name pairs, sorted."""
        return list(await self.codes(db, dataset_id, stamp))

    async def matching(
        self, db: Database, dataset_id: int, stamp: Any, text: str
    ) -> list[tuple[str, str]]:
        """The pairs whose zh or en contains ``text``, ignoring case (what ILIKE
        '%text%' matches)."""
        needle = text.lower()
        return [
            (zh, en)
            for zh, en in await self.names(db, dataset_id, stamp)
            if needle in zh.lower() or needle in en.lower()
        ]


_NAME_CACHES: weakref.WeakKeyDictionary[Database, NameCache] = weakref.WeakKeyDictionary()


def name_cache(db: Database) -> NameCache:
    """The name cache of ``db`` (one per database object, so databases never share)."""
    cache = _NAME_CACHES.get(db)
    if cache is None:
        cache = _NAME_CACHES[db] = NameCache()
    return cache


async def dataset_state(db: Database, slug: str) -> tuple[int, int] | None:
    """The dataset's id and latest version number (0 before its first), None without it."""
    found = await db.read(sa.select(Dataset.id, Dataset.latest_version).where(Dataset.slug == slug))
    if not found:
        return None
    row: Any = found[0]
    return int(row.id), int(row.latest_version)
