"""Every domain's routes, mounted under ``/v1``. A new domain adds one line here."""

from __future__ import annotations

from litestar import Router
from litestar.types import ControllerRouterHandler

from api.catalog.routes import ROUTES as CATALOG
from api.changes.routes import ROUTES as CHANGES
from api.datasets.routes import ROUTES as DATASETS
from api.observations.routes import ROUTES as OBSERVATIONS
from api.publications.routes import ROUTES as PUBLICATIONS
from api.series.routes import ROUTES as SERIES
from api.sources.routes import ROUTES as SOURCES
from api.webhooks.routes import ROUTES as WEBHOOKS

V1: list[ControllerRouterHandler] = [
    *SOURCES,
    *PUBLICATIONS,
    *DATASETS,
    *OBSERVATIONS,
    *SERIES,
    *CATALOG,
    *CHANGES,
    *WEBHOOKS,
]


def v1_router() -> Router:
    return Router(path="/v1", route_handlers=V1)
