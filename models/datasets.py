"""Datasets, their immutable numbered versions, and the observations they hold.

An observation row is valid for a contiguous run of dataset versions
(``valid_from`` .. ``valid_to``; ``valid_to`` NULL while current). A revised value closes
the old row and opens a new one with the same ``observation_id``, so every past version
can be listed exactly, byte for byte, without copying rows::

    rows of version N  =  valid_from <= N AND (valid_to IS NULL OR valid_to >= N)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPK, utcnow


class Dataset(Base):
    __tablename__ = "dataset"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)
    title: Mapped[str] = mapped_column(sa.Text, default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # Extra datasets select observations by filter (sources, indicator codes, areas).
    filter: Mapped[dict[str, Any]] = mapped_column(default=dict)
    is_sample: Mapped[bool] = mapped_column(default=False)
    # What its rows are: ``observations`` (SCHEMA.md) or ``scorecard`` (derived from the
    # observations of every other dataset, see ingest/scorecard.py).
    kind: Mapped[str] = mapped_column(sa.String(20), default="observations")
    latest_version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class DatasetVersion(Base):
    __tablename__ = "dataset_version"
    __table_args__ = (sa.UniqueConstraint("dataset_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dataset_id: Mapped[int] = mapped_column(sa.ForeignKey("dataset.id", ondelete="CASCADE"))
    version: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    row_count: Mapped[int]
    # Hash of the version's rows (models.dataset_queries.RowSum): equal hash, equal
    # rows in equal order, so byte-identical exports.
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    # RowSum state behind content_hash, so the next version's hash is an update of this
    # one; NULL on versions written before it was stored (computed once from the rows).
    row_sum: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    added: Mapped[int] = mapped_column(default=0)
    removed: Mapped[int] = mapped_column(default=0)
    changed: Mapped[int] = mapped_column(default=0)
    # What caused it: publication ids and versions.
    cause: Mapped[dict[str, Any]] = mapped_column(default=dict)


#: what each covering index of observation carries after its leading column and the id
COVERING_CARRIED: Final = (
    "indicator_code",
    "ref_area",
    "time_period",
    "obs_kind",
    "measure",
    "obs_value",
    "valid_from",
    "valid_to",
)
#: the leading columns of each covering index: each equality filter but obs_kind (two
#: values, never the rarest of a combination) and publication_id (a publication's rows
#: are few), the sort columns, and the usual pairs, "what" with "where" or "when", which
#: may match nothing together while each matches many rows alone; and a measure in
#: value order (values follow the measure's unit: the values of one measure are a band
#: of the value order, which a walk of that order would look for row by row)
COVERING_LEADING: Final[tuple[tuple[str, ...], ...]] = (
    ("indicator_code",),
    ("ref_area",),
    ("time_period",),
    ("measure",),
    ("obs_value",),
    ("indicator_code", "ref_area"),
    ("indicator_code", "time_period"),
    ("measure", "obs_value"),
)


#: the index of (dataset_id, indicator_zh, indicator_en, indicator_code, id)
NAME_CODE_INDEX: Final = "ix_observation_dataset_id_indicator_zh_en_code_id"
#: the indexes of (dataset_id, indicator_zh, indicator_en, column, id, valid_from,
#: valid_to), by sort column
NAME_SORT_INDEXES: Final = {
    column: f"ix_observation_dataset_id_indicator_zh_en_{column}_id"
    for column in ("obs_value", "time_period")
}


def covering_columns(leading: tuple[str, ...]) -> list[str]:
    """The columns of the covering index led by ``leading``."""
    return ["dataset_id", *leading, "id", *(c for c in COVERING_CARRIED if c not in leading)]


def covering_index(leading: tuple[str, ...]) -> str:
    """The name of the covering index led by ``leading``."""
    return f"ix_observation_dataset_id_{'_'.join(leading)}_id_carried"


class Observation(Base):
    """One SCHEMA.md observation in one dataset, valid for a run of dataset versions."""

    __tablename__ = "observation"
    __table_args__ = (
        sa.UniqueConstraint("dataset_id", "observation_id", "valid_from"),
        sa.Index(None, "dataset_id", "id"),
        sa.Index(None, "dataset_id", "valid_from"),
        sa.Index(None, "dataset_id", "valid_to"),
        # keyset pages of /observations for each sort order and equality filter end in
        # id; each carries the other filter columns, obs_value and the version run, so a
        # page checks the other filters and takes its sort key from the index entry
        # (migration 0010; the descending sorts walk them backwards)
        *(
            sa.Index(covering_index(leading), *covering_columns(leading))
            for leading in COVERING_LEADING
        ),
        sa.Index(None, "dataset_id", "obs_kind", "id"),
        sa.Index(None, "dataset_id", "publication_id", "id"),
        # the names behind the ``indicator`` text filter (migration 0009)
        sa.Index(None, "dataset_id", "indicator_zh", "indicator_en", "id"),
        # and with their codes: the codes each name is found with, by a loose scan
        # (migration 0013; the convention's name is over PostgreSQL's 63 characters)
        sa.Index(
            NAME_CODE_INDEX,
            "dataset_id",
            "indicator_zh",
            "indicator_en",
            "indicator_code",
            "id",
        ),
        # and in value and in time order: a name's page in those orders (migration 0014)
        *(
            sa.Index(
                name,
                *("dataset_id", "indicator_zh", "indicator_en", column, "id"),
                *("valid_from", "valid_to"),
            )
            for column, name in NAME_SORT_INDEXES.items()
        ),
        sa.Index(None, "publication_id"),
        # one series (/v1/series) across every dataset
        sa.Index(None, "indicator_code", "ref_area", "measure"),
        sa.Index(None, "indicator_code", "ref_area_code", "measure"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    dataset_id: Mapped[int] = mapped_column(sa.ForeignKey("dataset.id", ondelete="CASCADE"))
    valid_from: Mapped[int]
    valid_to: Mapped[int | None]
    # sha256 of the columns that carry meaning (not offsets or provenance): a new
    # row is written only when this changes.
    fingerprint: Mapped[str] = mapped_column(sa.String(64))

    observation_id: Mapped[str] = mapped_column(sa.String(64))
    publication_id: Mapped[str] = mapped_column(sa.ForeignKey("publication.id", ondelete="CASCADE"))
    publication_version: Mapped[int]
    ref_area: Mapped[str] = mapped_column(sa.String(100), default="")
    ref_area_code: Mapped[str] = mapped_column(sa.String(12), default="")
    time_period: Mapped[str] = mapped_column(sa.String(10), default="")
    obs_kind: Mapped[str] = mapped_column(sa.String(10))
    indicator_code: Mapped[str] = mapped_column(sa.String(64), default="")
    indicator_zh: Mapped[str] = mapped_column(sa.Text, default="")
    indicator_en: Mapped[str] = mapped_column(sa.Text, default="")
    measure: Mapped[str] = mapped_column(sa.String(16))
    obs_value: Mapped[float] = mapped_column(sa.Double)
    obs_value_max: Mapped[float | None] = mapped_column(sa.Double)
    qualifier: Mapped[str] = mapped_column(sa.String(8))
    unit: Mapped[str] = mapped_column(sa.String(20))
    unit_zh: Mapped[str] = mapped_column(sa.String(40), default="")
    compare_scope: Mapped[str] = mapped_column(sa.String(10), default="")
    value_text: Mapped[str] = mapped_column(sa.Text, default="")
    quote: Mapped[str] = mapped_column(sa.Text, default="")
    char_start: Mapped[int]
    char_end: Mapped[int]
    source_url: Mapped[str] = mapped_column(sa.Text, default="")


class ScorecardRow(Base):
    """One scorecard row (models/scorecard_schema.py) in a scorecard dataset, valid for a
    run of dataset versions exactly like :class:`Observation`."""

    __tablename__ = "scorecard_row"
    __table_args__ = (
        sa.UniqueConstraint("dataset_id", "scorecard_id", "valid_from"),
        sa.Index(None, "dataset_id", "valid_from"),
        sa.Index(None, "dataset_id", "valid_to"),
        # /v1/scorecard filtered by area or indicator, in id order
        sa.Index(None, "dataset_id", "ref_area_code", "id"),
        sa.Index(None, "dataset_id", "indicator_code", "id"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    dataset_id: Mapped[int] = mapped_column(sa.ForeignKey("dataset.id", ondelete="CASCADE"))
    valid_from: Mapped[int]
    valid_to: Mapped[int | None]
    fingerprint: Mapped[str] = mapped_column(sa.String(64))

    scorecard_id: Mapped[str] = mapped_column(sa.String(64))
    ref_area: Mapped[str] = mapped_column(sa.String(100), default="")
    ref_area_code: Mapped[str] = mapped_column(sa.String(12), default="")
    time_period: Mapped[str] = mapped_column(sa.String(10), default="")
    indicator_code: Mapped[str] = mapped_column(sa.String(64), default="")
    indicator_zh: Mapped[str] = mapped_column(sa.Text, default="")
    indicator_en: Mapped[str] = mapped_column(sa.Text, default="")
    measure: Mapped[str] = mapped_column(sa.String(16))
    compare_scope: Mapped[str] = mapped_column(sa.String(10), default="")
    unit: Mapped[str] = mapped_column(sa.String(20))
    target_value: Mapped[float] = mapped_column(sa.Double)
    target_value_max: Mapped[float | None] = mapped_column(sa.Double)
    target_qualifier: Mapped[str] = mapped_column(sa.String(8))
    target_text: Mapped[str] = mapped_column(sa.Text, default="")
    actual_value: Mapped[float | None] = mapped_column(sa.Double)
    actual_qualifier: Mapped[str] = mapped_column(sa.String(8), default="")
    actual_text: Mapped[str] = mapped_column(sa.Text, default="")
    outcome: Mapped[str] = mapped_column(sa.String(8))
    gap: Mapped[float | None] = mapped_column(sa.Double)
    target_publication_id: Mapped[str] = mapped_column(sa.String(40))
    target_publication_version: Mapped[int]
    target_quote: Mapped[str] = mapped_column(sa.Text, default="")
    target_url: Mapped[str] = mapped_column(sa.Text, default="")
    actual_publication_id: Mapped[str] = mapped_column(sa.String(40), default="")
    actual_publication_version: Mapped[int | None]
    actual_quote: Mapped[str] = mapped_column(sa.Text, default="")
    actual_url: Mapped[str] = mapped_column(sa.Text, default="")
