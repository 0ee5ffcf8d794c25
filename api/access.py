"""Read access: public by default, any valid API key when ``require_key_for_reads``.

An app-level guard, so every read endpoint under ``/v1`` is covered, including the ones
other packages add. Write endpoints keep their own scope guards; the health probes, the
OpenAPI document and ``/docs`` stay public::

    Litestar(..., guards=[read_access_guard])
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from api.auth.guards import resolve_principal
from api.config import ApiConfig
from api.problems import Problem

READ_METHODS = frozenset({"GET", "HEAD"})


async def read_access_guard(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    config: ApiConfig = connection.app.state.config
    if not config.require_key_for_reads:
        return
    if not connection.url.path.startswith("/v1/"):
        return
    if connection.scope.get("method") not in READ_METHODS:
        return
    if await resolve_principal(connection) is None:
        raise Problem(
            401,
            "Unauthorized",
            "this server requires an API key for reads (Authorization: Bearer KEY)",
            headers={"WWW-Authenticate": 'Bearer realm="gongkai"'},
        )
