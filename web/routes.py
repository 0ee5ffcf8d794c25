"""The pages' router: page controllers, the vendored static files, HTML error pages.

    Litestar(route_handlers=[pages_router(), ...], template_config=template_config())

Errors on a page are pages too (a one-line reason, the status code, a way home), never
problem+json. Pages read the same data as ``/v1``, so when the server requires a key
for reads they require one as well.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router
from litestar.connection import ASGIConnection
from litestar.exceptions import HTTPException, ValidationException
from litestar.handlers.base import BaseRouteHandler
from litestar.static_files import create_static_files_router

from api.auth.guards import resolve_principal
from api.config import ApiConfig
from api.problems import Problem
from web.datasets import DatasetPages
from web.feed import FeedPages
from web.publications import PublicationPages
from web.render import STATIC, page

STATIC_PATH = "/static"


async def page_access_guard(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    config: ApiConfig = connection.app.state.config
    if config.require_key_for_reads and await resolve_principal(connection) is None:
        raise Problem(401, "Unauthorized", "this server requires an API key for reads")


def _error_page(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    if isinstance(exc, Problem):
        status, detail = exc.status, exc.detail or exc.title
    elif isinstance(exc, ValidationException):
        status = 400
        problems = exc.extra if isinstance(exc.extra, list) else []
        detail = "; ".join(
            f"{p.get('key', '')}: {p.get('message', '')}" for p in problems if isinstance(p, dict)
        ) or str(exc.detail)
    elif isinstance(exc, HTTPException):
        status, detail = exc.status_code, str(exc.detail)
    else:
        raise exc
    return page(request, "error.html", status_code=status, status=status, detail=detail)


def pages_router() -> Router:
    return Router(
        path="/",
        route_handlers=[FeedPages, DatasetPages, PublicationPages],
        include_in_schema=False,
        guards=[page_access_guard],
        exception_handlers={Problem: _error_page, HTTPException: _error_page},
    )


def static_router() -> Router:
    return create_static_files_router(
        path=STATIC_PATH, directories=[STATIC], include_in_schema=False, name="static"
    )
