"""Per-client rate limiting with the IETF RateLimit headers.

A fixed window of one minute per identity: the API key's id when a valid key is sent,
else the client address. Every answer carries ``RateLimit-Limit``, ``RateLimit-Remaining``
and ``RateLimit-Reset`` (seconds until the window ends) plus ``RateLimit-Policy``
(``600;w=60``); past the limit the answer is a 429 problem with ``Retry-After``.
``ApiConfig.rate_limit_per_minute = 0`` turns it off; ``/health`` and ``/ready`` are
never limited (probes must not be throttled)::

    Litestar(..., middleware=[RateLimitMiddleware],
             state=State({"rate_limiter": FixedWindowLimiter(), "config": ApiConfig()}))

The counters live in this process. Several API processes each allow the limit, which is
acceptable for a politeness limit; a shared store would be needed for a hard quota.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import Any

import msgspec
from litestar import Request
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from api.auth.guards import presented_key, resolve_principal
from api.config import ApiConfig
from api.problems import Problem

WINDOW_SECONDS = 60
EXEMPT_PATHS = frozenset({"/health", "/ready", "/metrics"})


class Decision(msgspec.Struct, frozen=True):
    allowed: bool
    limit: int
    remaining: int
    reset: int
    """Seconds until the window ends."""

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
            "RateLimit-Policy": f"{self.limit};w={WINDOW_SECONDS}",
        }


class FixedWindowLimiter:
    """Counts hits per identity in aligned windows of ``window`` seconds."""

    def __init__(
        self, window: int = WINDOW_SECONDS, clock: Callable[[], float] = time.time
    ) -> None:
        self.window = window
        self.clock = clock
        self._current = -1
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def hit(self, identity: str, limit: int) -> Decision:
        now = self.clock()
        index = math.floor(now / self.window)
        reset = max(1, math.ceil((index + 1) * self.window - now))
        with self._lock:
            if index != self._current:
                # A new window: forget the old one wholesale, which also bounds memory
                # to the clients seen within one window.
                self._current = index
                self._counts = {}
            used = self._counts.get(identity, 0)
            if used >= limit:
                return Decision(False, limit, 0, reset)
            self._counts[identity] = used + 1
        return Decision(True, limit, limit - used - 1, reset)


async def _identity(scope: Scope) -> str:
    request: Request[Any, Any, Any] = Request(scope)
    if presented_key(request):
        # Validating the key (cached for the guards) stops a client from dodging its
        # limit by sending made-up keys; an invalid key is a 401 here.
        principal = await resolve_principal(request)
        if principal is not None:
            return f"key:{principal.key_id}"
    client = scope.get("client")
    return f"addr:{client[0]}" if client else "addr:unknown"


class RateLimitMiddleware:
    """ASGI middleware applying the app's :class:`FixedWindowLimiter`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        state = scope["litestar_app"].state
        config: ApiConfig = state.config
        limiter: FixedWindowLimiter | None = state.get("rate_limiter")
        if limiter is None or config.rate_limit_per_minute <= 0:
            await self.app(scope, receive, send)
            return
        decision = limiter.hit(await _identity(scope), config.rate_limit_per_minute)
        headers = decision.headers()
        if not decision.allowed:
            raise Problem(
                429,
                "Too many requests",
                f"at most {decision.limit} requests per minute; retry in {decision.reset} s",
                headers={**headers, "Retry-After": str(decision.reset)},
            )
        encoded = [(k.lower().encode(), v.encode()) for k, v in headers.items()]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *encoded]
            await send(message)

        await self.app(scope, receive, send_with_headers)
