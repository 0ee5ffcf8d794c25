"""Streaming exports of a dataset version: CSV, NDJSON and JSON.

Rows are read in keyset batches by ``Observation.id`` (a fresh short session per batch,
so a slow download holds no transaction open) and written out batch by batch, so memory
stays flat whatever the size. A version's rows never change and both the order (by id)
and the number formatting are fixed, so a version's export is byte-identical forever::

    async for chunk in csv_chunks(db, dataset, version=3, bom=False, labels="codes"):
        ...

Numbers: integral values are written as integers (``200000000000``, not ``2e+11`` or
``200000000000.0``); others in plain decimal notation with the fewest digits that read
back as the same double (``6.3``, ``0.00001``). Nulls are empty in CSV, null in JSON.

Text cells of the CSV that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``,
tab, CR first) get a leading apostrophe (see :mod:`api.datasets.cells`); JSON and NDJSON
carry the text unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import math
import re
from collections.abc import AsyncIterator, Sequence
from decimal import Decimal
from typing import Any, Literal

import msgspec
import sqlalchemy as sa

from api.datasets.cells import FORMULA_TRIGGERS
from models import Database
from models.dataset_queries import OBSERVATION_ROWS, RowSchema, in_version

BATCH_SIZE = 5000
Labels = Literal["codes", "en", "zh"]
BOM = "\ufeff"


def canonical_number(value: float | None) -> int | float | None:
    """The value as it is published: integral doubles become ints."""
    if value is None or not math.isfinite(value):
        return None
    if value == int(value):
        return int(value)
    return value


def format_number(value: float | None) -> str:
    """Deterministic decimal text of a double, without exponent or trailing ``.0``."""
    number = canonical_number(value)
    if number is None:
        return ""
    if isinstance(number, int):
        return str(number)
    # repr is the shortest text that reads back as the same double; Decimal drops the
    # exponent that repr uses for very small or large magnitudes (only those need it).
    text = repr(number)
    if "e" not in text:
        return text
    return format(Decimal(text), "f")


def _select(schema: RowSchema) -> list[Any]:
    # Every column but ``dataset`` (the slug, the same for all rows) comes from the table.
    return [schema.table.id, *(getattr(schema.table, c) for c in schema.stored)]


async def iter_batches(
    db: Database,
    dataset_id: int,
    version: int,
    *,
    batch_size: int | None = None,
    schema: RowSchema = OBSERVATION_ROWS,
) -> AsyncIterator[Sequence[Any]]:
    """The rows of ``version`` in id order, ``batch_size`` (default :data:`BATCH_SIZE`,
    read at each call) at a time, each batch one statement on a pooled connection in
    autocommit, so a slow download holds no transaction open. The next batch is read
    while the caller works on this one: at most two batches are held at a time."""
    statement = _batch_statement(schema)
    # Ids are positive. The bound is there from the first batch on because it lets SQLite
    # walk the primary key in order; without it the planner picks the valid_from index
    # and sorts the whole version for every batch.
    batch_size = batch_size or BATCH_SIZE
    params = {"dataset_id": dataset_id, "version": version, "last_id": 0, "batch": batch_size}
    # One statement built once per schema, its rows as the driver gives them (text,
    # integers and doubles: nothing to convert): see Database.read_plain.
    rows = await db.read_plain(statement, params)
    while rows:
        if len(rows) < batch_size:
            yield rows
            return
        params = {**params, "last_id": rows[-1][0]}
        following = asyncio.ensure_future(db.read_plain(statement, params))
        try:
            yield rows
        except BaseException:
            following.cancel()
            with contextlib.suppress(BaseException):
                await following
            raise
        rows = await following


_BATCHES: dict[tuple[Any, tuple[str, ...]], sa.Select[Any]] = {}


def _batch_statement(schema: RowSchema) -> sa.Select[Any]:
    key = (schema.table, schema.columns)
    statement = _BATCHES.get(key)
    if statement is None:
        table = schema.table
        # the dataset id as a literal, as in the page statements (PostgreSQL plans with
        # that dataset's statistics)
        dataset = sa.bindparam("dataset_id", type_=sa.Integer, literal_execute=True)
        statement = _BATCHES[key] = (
            sa.select(*_select(schema))
            .where(
                table.dataset_id == dataset,
                in_version(sa.bindparam("version", type_=sa.Integer), table),
                table.id > sa.bindparam("last_id", type_=sa.Integer),
            )
            .order_by(table.id)
            .limit(sa.bindparam("batch", type_=sa.Integer))
        )
    return statement


def header(labels: Labels, schema: RowSchema = OBSERVATION_ROWS) -> list[str]:
    if labels == "zh":
        return [schema.labels_zh[c] for c in schema.columns]
    if labels == "en":
        return [schema.labels_en[c] for c in schema.columns]
    return list(schema.columns)


_PLANS: dict[tuple[str, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}


def _cell_plan(schema: RowSchema) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Positions in a CSV line (key, ``dataset``, then the other stored columns) of the
    number columns and of the others; worked out once per schema."""
    plan = _PLANS.get(schema.columns)
    if plan is None:
        numbers = schema.numbers
        rest = schema.stored[1:]
        plan = _PLANS[schema.columns] = (
            tuple(i + 2 for i, c in enumerate(rest) if c in numbers),
            tuple(i + 2 for i, c in enumerate(rest) if c not in numbers),
        )
    return plan


_TRIGGERS = frozenset(FORMULA_TRIGGERS)  # each one character
assert all(len(t) == 1 for t in FORMULA_TRIGGERS)


def _csv_batch(rows: Sequence[Sequence[Any]], slug: str, schema: RowSchema) -> list[list[Any]]:
    """The CSV cells of each row: the key column first, then ``dataset``, then the
    stored columns in order; numbers formatted, formula-looking text neutralised (None
    stays None: the csv writer writes it as an empty cell). The cell-by-cell path: what
    :func:`_csv_text` must equal, and its fallback for values of unexpected types."""
    numbers, others = _cell_plan(schema)
    fmt, triggers = _format_float, _TRIGGERS
    out: list[list[Any]] = []
    append = out.append
    for row in rows:
        cells: list[Any] = [row[1], slug, *row[2:]]
        for i in numbers:
            value = cells[i]
            cells[i] = "" if value is None else fmt(value)
        for i in others:
            value = cells[i]
            if value.__class__ is str and value[:1] in triggers:
                cells[i] = "'" + value
        append(cells)
    return out


def _format_float(value: float) -> str:
    """:func:`format_number` of a value that is not None, its common cases first."""
    if value.__class__ is float:
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        # plain digits, point and sign; exponents ("e") and inf/nan ("n") go the long way
        if "e" not in text and "n" not in text:
            return text
    return format_number(value)


async def csv_chunks(
    db: Database,
    dataset_id: int,
    slug: str,
    version: int,
    *,
    bom: bool,
    labels: Labels,
    schema: RowSchema = OBSERVATION_ROWS,
) -> AsyncIterator[bytes]:
    """RFC 4180 CSV (CRLF, minimal quoting), UTF-8, optional BOM for Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(labels, schema))
    yield ((BOM if bom else "") + buffer.getvalue()).encode()
    plan = _column_plan(schema)
    slug_cell = _quoted(slug)
    async for rows in iter_batches(db, dataset_id, version, schema=schema):
        text = _csv_text(rows, slug_cell, plan)
        if text is None:  # a value of a type the column does not hold: cell by cell
            buffer.seek(0)
            buffer.truncate()
            writer.writerows(_csv_batch(rows, slug, schema))
            text = buffer.getvalue()
        yield text.encode()


_NUMBER, _INTEGER, _TEXT, _KEY, _SLUG = range(5)
_COLUMN_PLANS: dict[tuple[str, ...], tuple[tuple[int, int], ...]] = {}


def _column_plan(schema: RowSchema) -> tuple[tuple[int, int], ...]:
    """(position in a read row, kind) of each CSV column in order: the key (text that is
    quoted but, as in :func:`_csv_batch`, never neutralised), ``dataset`` (the slug, not
    read), then the other stored columns; worked out once per schema."""
    plan = _COLUMN_PLANS.get(schema.columns)
    if plan is None:
        stored = schema.stored
        kinds = {"number": _NUMBER, "integer": _INTEGER}
        columns = [(i + 1, kinds.get(schema.types[c], _TEXT)) for i, c in enumerate(stored)]
        plan = _COLUMN_PLANS[schema.columns] = ((1, _KEY), (0, _SLUG), *columns[1:])
    return plan


#: a text cell that starts with a trigger, seen in the cells of a column joined by
#: _JOIN (which a cell may hold too: then the column is only looked at cell by cell)
_JOIN = "\x1f"
_TRIGGER_START = re.compile(_JOIN + "[" + re.escape("".join(FORMULA_TRIGGERS)) + "]")
_NONE = type(None)


def _needs_quotes(text: str) -> bool:
    """Whether the csv module (QUOTE_MINIMAL) quotes a cell holding ``text``."""
    return "," in text or '"' in text or "\n" in text or "\r" in text


def _quoted(text: str) -> str:
    """``text`` as the csv module writes it (QUOTE_MINIMAL, doubled quotes)."""
    if _needs_quotes(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _text_cell(text: str) -> str:
    """A text cell as :func:`_csv_batch` and the csv module write it."""
    if text[:1] in _TRIGGERS:
        text = "'" + text
    return _quoted(text)


def _text_column(column: Sequence[str], joined: str, neutralise: bool) -> Sequence[str]:
    """The cells of a text column (``joined``: its cells joined by _JOIN), each as
    :func:`_text_cell` (or, not ``neutralise``, :func:`_quoted`) writes it; a column that
    needs neither change is returned as it is, one that needs one kind of change gets
    only that one."""
    quote = _needs_quotes(joined)
    trigger = neutralise and (joined[:1] in _TRIGGERS or _TRIGGER_START.search(joined) is not None)
    if trigger and quote:
        return [_text_cell(v) for v in column]
    if trigger:
        triggers = _TRIGGERS
        return [("'" + v) if v[:1] in triggers else v for v in column]
    if quote:
        if '"' in joined or "\n" in joined or "\r" in joined:
            return [_quoted(v) for v in column]
        return [('"' + v + '"') if "," in v else v for v in column]
    return column


def _csv_text(
    rows: Sequence[Sequence[Any]], slug_cell: str, plan: tuple[tuple[int, int], ...]
) -> str | None:
    """The CSV lines of ``rows``, byte for byte what ``csv.writer`` writes for
    :func:`_csv_batch`'s cells, built column by column: a text column whose cells all
    need nothing (no quoting, no formula trigger: a few scans of the column's joined
    text) is taken as it is, and the lines are joined without a Python call per cell.
    None when a column holds a value of an unexpected type (bytes, text in an integer
    column): the caller then writes the rows cell by cell."""
    columns = list(zip(*rows, strict=True))
    fmt = _format_float
    cells: list[Sequence[str]] = []
    for index, kind in plan:
        if kind == _SLUG:
            cells.append([slug_cell] * len(rows))
            continue
        column: Sequence[Any] = columns[index]
        if kind == _NUMBER:
            cells.append(["" if v is None else fmt(v) for v in column])
        elif kind == _INTEGER:
            types = set(map(type, column))
            if types == {int}:
                cells.append(list(map(str, column)))
            elif types <= {int, _NONE}:
                cells.append(["" if v is None else str(v) for v in column])
            else:
                return None
        else:
            try:
                joined = _JOIN.join(column)
            except TypeError:  # None (an empty cell) or a value that is not text
                if not set(map(type, column)) <= {str, _NONE}:
                    return None
                column = ["" if v is None else v for v in column]
                joined = _JOIN.join(column)
            cells.append(_text_column(column, joined, kind == _TEXT))
    return "\r\n".join(map(",".join, zip(*cells, strict=True))) + "\r\n"


def _record(row: Sequence[Any], slug: str, schema: RowSchema) -> dict[str, Any]:
    record: dict[str, Any] = {schema.key: row[1], "dataset": slug}
    numbers = schema.numbers
    for column, value in zip(schema.stored[1:], row[2:], strict=True):
        record[column] = canonical_number(value) if column in numbers else value
    return record


async def ndjson_chunks(
    db: Database, dataset_id: int, slug: str, version: int, schema: RowSchema = OBSERVATION_ROWS
) -> AsyncIterator[bytes]:
    """One JSON object per line, keys in SCHEMA.md order."""
    encoder = msgspec.json.Encoder()
    async for rows in iter_batches(db, dataset_id, version, schema=schema):
        yield b"".join(encoder.encode(_record(r, slug, schema)) + b"\n" for r in rows)


async def json_chunks(
    db: Database, dataset_id: int, slug: str, version: int, schema: RowSchema = OBSERVATION_ROWS
) -> AsyncIterator[bytes]:
    """One JSON array of objects, written incrementally."""
    encoder = msgspec.json.Encoder()
    yield b"["
    first = True
    async for rows in iter_batches(db, dataset_id, version, schema=schema):
        parts = [encoder.encode(_record(r, slug, schema)) for r in rows]
        chunk = b",\n".join(parts)
        yield (b"\n" if first else b",\n") + chunk
        first = False
    yield b"\n]\n" if not first else b"]\n"
