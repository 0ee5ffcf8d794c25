"""Gongkai's storage: SQLAlchemy 2 tables and database setup for SQLite and PostgreSQL.

``models`` imports none of Gongkai's other packages; everything else imports it::

    from models import Database, Publication
    db = Database("sqlite+aiosqlite:///var/gongkai.db")
    async with db.session() as session:
        ...
"""

from models.base import Base, utcnow
from models.counts import ObservationCount
from models.datasets import Dataset, DatasetVersion, Observation, ScorecardRow
from models.db import Database, DatabaseConfigError, DatabaseUnavailableError, normalize_url
from models.events import EVENT_TYPES, PUBLIC_EVENT_TYPES, ChangeEvent
from models.publications import Publication, PublicationVersion
from models.sources import Blob, FetchState, Snapshot, Source
from models.webhooks import ApiKey, Delivery, DeliveryAttempt, Subscription

__all__ = [
    "EVENT_TYPES",
    "PUBLIC_EVENT_TYPES",
    "ApiKey",
    "Base",
    "Blob",
    "ChangeEvent",
    "Database",
    "DatabaseConfigError",
    "DatabaseUnavailableError",
    "Dataset",
    "DatasetVersion",
    "Delivery",
    "DeliveryAttempt",
    "FetchState",
    "Observation",
    "ObservationCount",
    "Publication",
    "PublicationVersion",
    "ScorecardRow",
    "Snapshot",
    "Source",
    "Subscription",
    "normalize_url",
    "utcnow",
]
