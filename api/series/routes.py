"""Route handlers of this domain, mounted under /v1 by api.routes."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from api.series.controller import SeriesController

ROUTES: list[ControllerRouterHandler] = [SeriesController]
