"""The Litestar application.

    app = create_app(Database(url), ApiConfig(base_url="https://gongkai.example"))

``gongkai`` builds it; tests build it the same way against their own database.
"""

from __future__ import annotations

from collections.abc import Callable

from litestar import Litestar
from litestar.datastructures import State
from litestar.openapi import OpenAPIConfig

from api.config import ApiConfig
from api.control import SourceControl
from api.health.controller import HealthController
from api.health.metrics import metrics
from api.problems import EXCEPTION_HANDLERS
from api.routes import v1_router
from models import Database

API_TITLE = "Gongkai"
API_VERSION = "1.0.0"
API_DESCRIPTION = (
    "Open-data change feed for Chinese government information-disclosure pages: "
    "versioned publications and datasets of the numbers in them, a change feed, "
    "webhooks and CSV exports. Errors are application/problem+json (RFC 9457)."
)


def create_app(
    db: Database,
    config: ApiConfig | None = None,
    *,
    source_control: SourceControl | None = None,
    readiness_probes: dict[str, Callable[[], str]] | None = None,
) -> Litestar:
    config = config or ApiConfig()
    return Litestar(
        route_handlers=[HealthController, metrics, v1_router()],
        exception_handlers=EXCEPTION_HANDLERS,
        logging_config=None,
        state=State(
            {
                "db": db,
                "config": config,
                "source_control": source_control,
                "readiness_probes": readiness_probes or {},
            }
        ),
        openapi_config=OpenAPIConfig(
            title=API_TITLE, version=API_VERSION, description=API_DESCRIPTION
        ),
    )
