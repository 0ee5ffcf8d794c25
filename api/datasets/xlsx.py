"""A dataset version as an Excel workbook, written with XlsxWriter in constant-memory mode.

    GET /v1/datasets/{slug}/versions/{n|latest}/observations.xlsx?labels=zh

One sheet, SCHEMA.md's columns in order, one observation per row in id order (the CSV's
rows); a version with more rows than an Excel sheet holds goes on in ``observations 2``.
An XLSX file is a zip whose directory comes last, so it cannot be sent before it is
finished: rows are read in the exports' keyset batches and written to a temporary
file (constant memory: XlsxWriter flushes each row to disk), then the file is streamed
out in chunks and deleted. Memory stays flat whatever the size of the version.

Cells. ``obs_value``, ``obs_value_max``, ``publication_version``, ``char_start`` and
``char_end`` are numbers. Every other cell is written as a string, never as a formula;
text that begins with ``= + - @``, a tab or a carriage return (a spreadsheet would read
it as a formula once edited) is stored with Excel's quote prefix, which keeps the value
itself unchanged and makes Excel treat the cell as text. Numeric cells are never touched
(``-50`` is data).

The bytes are deterministic (the workbook's creation time is the version's), so a
numbered version's workbook keeps its strong ETag; :data:`FORMAT_REVISION` is part of
that ETag and changes whenever the layout does.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import AsyncIterator, Sequence
from typing import Annotated, Any

import anyio
import xlsxwriter
from litestar import Request, Response, get
from litestar.datastructures import State
from litestar.params import Parameter
from litestar.response import Stream

from api.datasets import exports
from api.datasets.cells import FORMULA_TRIGGERS
from api.datasets.downloads import _disposition
from api.datasets.lookup import version_or_404
from api.etag import (
    IMMUTABLE,
    SHORT,
    cache_headers,
    not_modified,
    not_modified_response,
    strong_etag,
)
from api.params import SlugPath, VersionRefPath
from api.responses import documented
from models import Database, DatasetVersion
from models.observation_schema import COLUMNS

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMAT_REVISION = "1"
CHUNK = 64 * 1024
#: Excel's limit of rows per sheet (the header row included)
MAX_ROWS = 1_048_576
_NUMERIC = frozenset(
    {"obs_value", "obs_value_max", "publication_version", "char_start", "char_end"}
)
_STORED = [c for c in COLUMNS if c != "dataset"]
#: (sheet column, index in an exports row, numeric?) for every column but ``dataset``
_LAYOUT = [(COLUMNS.index(c), i + 1, c in _NUMERIC) for i, c in enumerate(_STORED)]


class _Sheet:
    """The workbook being written; every method is blocking (run it in a thread)."""

    def __init__(self, path: str, version: DatasetVersion, labels: exports.Labels) -> None:
        self.book = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "tmpdir": os.path.dirname(path),
            },
        )
        self.book.set_properties({"created": version.created_at.replace(tzinfo=None)})
        self.text_format = self.book.add_format({"quote_prefix": True})
        self.bold = self.book.add_format({"bold": True})
        self.header = exports.header(labels)
        self.sheets = 0
        self._new_sheet()

    def _new_sheet(self) -> None:
        # A sheet holds at most MAX_ROWS rows; larger versions go on in the next sheet.
        self.sheets += 1
        name = "observations" if self.sheets == 1 else f"observations {self.sheets}"
        self.sheet = self.book.add_worksheet(name)
        self.sheet.write_row(0, 0, self.header, self.bold)
        self.sheet.freeze_panes(1, 0)
        self.row = 1

    def write(self, rows: Sequence[Sequence[Any]], slug: str) -> None:
        sheet, quoted = self.sheet, self.text_format
        for r in rows:
            if self.row == MAX_ROWS:
                self._new_sheet()
                sheet = self.sheet
            # r is (id, *_STORED); ``dataset`` (the slug) is column 1 of every row.
            sheet.write_string(self.row, 1, slug)
            for col, index, numeric in _LAYOUT:
                value = r[index]
                if value is None:
                    continue
                if numeric:
                    number = exports.canonical_number(float(value))
                    if number is not None:
                        sheet.write_number(self.row, col, number)
                elif value.startswith(FORMULA_TRIGGERS):
                    sheet.write_string(self.row, col, value, quoted)
                else:
                    sheet.write_string(self.row, col, value)
            self.row += 1

    def close(self) -> None:
        self.book.close()


async def xlsx_chunks(
    db: Database, dataset_id: int, slug: str, version: DatasetVersion, *, labels: exports.Labels
) -> AsyncIterator[bytes]:
    folder = tempfile.mkdtemp(prefix="gongkai-xlsx-")
    path = os.path.join(folder, "observations.xlsx")
    try:
        sheet = await anyio.to_thread.run_sync(_Sheet, path, version, labels)
        async for rows in exports.iter_batches(db, dataset_id, version.version):
            await anyio.to_thread.run_sync(sheet.write, rows, slug)
        await anyio.to_thread.run_sync(sheet.close)
        async with await anyio.open_file(path, "rb") as f:
            while chunk := await f.read(CHUNK):
                yield chunk
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        with contextlib.suppress(OSError):
            os.rmdir(folder)


@get(
    "/datasets/{slug:str}/versions/{n:str}/observations.xlsx",
    summary="Download a version as an Excel workbook",
    description="One sheet with SCHEMA.md's columns, one observation per row in id order. "
    "Values and counts are numeric cells; text that starts with = + - @, tab or CR is "
    "stored with Excel's quote prefix so it is never read as a formula. `labels=zh|en` "
    "gives a readable header row. A numbered version's workbook never changes (strong "
    "ETag, one year of caching; `latest` is cached briefly).",
    tags=["exports"],
    responses=documented(
        bytes,
        "PK...",
        media_type=MEDIA_TYPE,
        description="The observations as XLSX (Content-Disposition: attachment)",
        errors=(400, 404),
        not_modified=True,
    ),
)
async def xlsx_download(
    state: State,
    request: Request[Any, Any, Any],
    slug: SlugPath,
    n: VersionRefPath,
    labels: Annotated[
        exports.Labels, Parameter(description="Header row: column codes, zh or en labels")
    ] = "codes",
) -> Response[Any]:
    db: Database = state.db
    async with db.session() as session:
        dataset, version = await version_or_404(session, slug, n)
    cache = SHORT if n == "latest" else IMMUTABLE
    tag = strong_etag(version.content_hash, "xlsx", f"labels={labels}", f"rev={FORMAT_REVISION}")
    if not_modified(request, tag):
        return not_modified_response(tag, cache)
    headers = cache_headers(tag, cache)
    headers["Content-Disposition"] = _disposition(dataset.slug, version.version, "xlsx")
    chunks = xlsx_chunks(db, dataset.id, dataset.slug, version, labels=labels)
    return Stream(chunks, media_type=MEDIA_TYPE, headers=headers)
