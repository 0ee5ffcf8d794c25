"""Litestar guards that read the API key from ``Authorization: Bearer`` or ``X-API-Key``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from api.auth.keys import Principal, authenticate, needs_touch, touch_key
from api.problems import Problem
from models import Database, utcnow

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], Awaitable[None]]


def presented_key(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    header = connection.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return connection.headers.get("x-api-key") or None


async def resolve_principal(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal | None:
    """The caller's principal (cached on the connection), None when no key was sent."""
    cached = connection.scope.get("state", {}).get("principal", ...)
    if cached is not ...:
        return cached  # type: ignore[no-any-return]
    secret = presented_key(connection)
    principal = None
    if secret:
        db: Database = connection.app.state.db
        async with db.session() as session:
            principal = await authenticate(session, secret)
        if principal is not None and needs_touch(principal, now := utcnow()):
            async with db.transaction() as session:
                await touch_key(session, principal.key_id, now)
        if principal is None:
            raise Problem(
                401,
                "Unauthorized",
                "the API key is unknown or revoked",
                headers={"WWW-Authenticate": 'Bearer realm="gongkai"'},
            )
    connection.scope.setdefault("state", {})["principal"] = principal
    return principal


def require_scope(scope: str) -> Guard:
    """A guard admitting keys of ``scope``; admin keys pass every guard."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        principal = await resolve_principal(connection)
        if principal is None:
            raise Problem(
                401,
                "Unauthorized",
                f"this endpoint needs an API key with {scope} scope (Authorization: Bearer KEY)",
                headers={"WWW-Authenticate": 'Bearer realm="gongkai"'},
            )
        if not (principal.is_admin or principal.scope == scope):
            raise Problem(403, "Forbidden", f"this endpoint needs {scope} scope")

    return guard


def principal_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal | None:
    """The principal a guard resolved for this request (None for anonymous requests)."""
    value = connection.scope.get("state", {}).get("principal")
    return value if isinstance(value, Principal) else None
