"""A request id on every request: taken from ``X-Request-ID`` when the client (or a proxy)
sends a sane one, else made up; echoed in the response and put on every log line written
while the request is handled (the formatter reads :data:`request_id`).

Kept free of heavy imports: the log formatter imports this module in every process.
"""

from __future__ import annotations

import contextvars
import re
import secrets
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Message, Receive, Scope, Send

#: the id of the request being handled, None outside requests
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "gongkai_request_id", default=None
)

_SANE = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")
HEADER = b"x-request-id"


def request_id_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if str(scope["type"]) != "http":
            await app(scope, receive, send)
            return
        given = next((v for k, v in scope["headers"] if k.lower() == HEADER), b"")
        text = given.decode("latin-1")
        rid = text if _SANE.match(text) else secrets.token_hex(8)
        token = request_id.set(rid)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((HEADER, rid.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        try:
            await app(scope, receive, send_with_id)
        finally:
            request_id.reset(token)

    return middleware
