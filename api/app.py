"""The Litestar application.

    app = create_app(Database(url), ApiConfig(base_url="https://gongkai.example"))

``gongkai`` builds it; tests build it the same way against their own database. The app
carries its own rate limiter (:mod:`api.ratelimit`) and read-access guard
(:mod:`api.access`); ``/docs`` serves interactive documentation and
``/schema/openapi.json`` the OpenAPI document (see :mod:`api.openapi`); the pages for
journalists (``/``, ``/datasets/...``, :mod:`web`) are part of the same app.
"""

from __future__ import annotations

from collections.abc import Callable

from litestar import Litestar
from litestar.datastructures import State

from api.access import read_access_guard
from api.allow import options_middleware
from api.changes import close_change_waiter
from api.config import ApiConfig
from api.control import DatabaseSourceControl, SourceControl
from api.docs import docs
from api.head import HeadAsGet
from api.health.controller import HealthController
from api.health.metrics import metrics
from api.openapi import API_DESCRIPTION, API_TITLE, API_VERSION, openapi_config
from api.problems import EXCEPTION_HANDLERS
from api.ratelimit import FixedWindowLimiter, RateLimitMiddleware
from api.request_id import request_id_middleware
from api.routes import v1_router
from models import Database
from web import pages_router, static_router, template_config

__all__ = ["API_DESCRIPTION", "API_TITLE", "API_VERSION", "create_app"]


def create_app(
    db: Database,
    config: ApiConfig | None = None,
    *,
    source_control: SourceControl | None = None,
    readiness_probes: dict[str, Callable[[], str]] | None = None,
) -> Litestar:
    config = config or ApiConfig()
    app = Litestar(
        route_handlers=[
            HealthController,
            metrics,
            v1_router(),
            docs,
            pages_router(),
            static_router(),
        ],
        template_config=template_config(),
        exception_handlers=EXCEPTION_HANDLERS,
        middleware=[request_id_middleware, RateLimitMiddleware, options_middleware],
        guards=[read_access_guard],
        logging_config=None,
        on_shutdown=[close_change_waiter],
        state=State(
            {
                "db": db,
                "config": config,
                "source_control": source_control or DatabaseSourceControl(db),
                "readiness_probes": readiness_probes or {},
                "rate_limiter": FixedWindowLimiter(),
            }
        ),
        openapi_config=openapi_config(),
    )
    # HEAD is answered as GET without a body, before routing (Litestar routes GET only).
    app.asgi_handler = HeadAsGet(app.asgi_handler)
    return app
