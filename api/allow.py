"""``OPTIONS`` and ``405`` name exactly the methods a path serves (RFC 9110 9.3.7, 15.5.6).

Litestar builds both ``Allow`` headers from its route table, which knows only the methods
of the handlers mounted there. Two corrections make them true:

- ``HEAD`` is served wherever ``GET`` is (:mod:`api.head` answers it as ``GET`` before
  routing), so it is listed there too: :func:`allow_header` adds it, and
  :func:`api.problems.http_exception_handler` writes the 405's header with it.
- ``OPTIONS`` describes the resource, nothing more, so it needs no key: Litestar's
  generated ``OPTIONS`` handler inherits its controller's guards (a subscriber key for
  ``/v1/webhooks``), which made a key-less ``OPTIONS`` or CORS preflight a 401.
  :func:`options_middleware` answers ``OPTIONS`` after routing (an unknown path is still a
  404) and before any guard. The app declares no ``OPTIONS`` handler of its own and
  configures no CORS (a ``cors_config`` would answer preflights ahead of routing, before
  this middleware is reached)::

      Litestar(..., middleware=[..., options_middleware])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from litestar.routes import HTTPRoute
from litestar.types import ASGIApp, Receive, Scope, Send


def allow_header(methods: Iterable[str]) -> str:
    """The ``Allow`` value for a path whose handlers serve ``methods``."""
    served = {m.upper() for m in methods} | {"OPTIONS"}
    if "GET" in served:
        served.add("HEAD")
    return ", ".join(sorted(served))


def _allow_by_template(app: Any) -> dict[str, str]:
    table: dict[str, str] | None = app.state.get("allow_by_template")
    if table is None:
        table = {
            route.path_format: allow_header(route.methods)
            for route in app.routes
            if isinstance(route, HTTPRoute)
        }
        app.state["allow_by_template"] = table
    return table


def options_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        fields: Any = scope
        if fields["type"] != "http" or fields["method"] != "OPTIONS":
            await app(scope, receive, send)
            return
        allow = _allow_by_template(fields["litestar_app"]).get(fields.get("path_template", ""))
        if allow is None:  # not a route of the table (cannot happen after routing)
            await app(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 204,
                "headers": [(b"allow", allow.encode("latin-1"))],
            }
        )
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    return middleware
