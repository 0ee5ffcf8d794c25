"""``HEAD`` for every ``GET`` resource (RFC 9110 9.3.2): the same status and headers, no body.

    app.asgi_handler = HeadAsGet(app.asgi_handler)

The request is routed and answered as ``GET`` (so validators, ETags, 304s and errors are
exactly GET's), and the body is dropped on the way out. A streaming answer (a CSV export,
the SSE stream) is cut after its headers: nothing of the body is produced beyond the
first chunk, and the handler is stopped there rather than left streaming to nobody.
"""

from __future__ import annotations

from typing import Any

from litestar.types import ASGIApp, Message, Receive, Scope, Send


class _BodyDropped(Exception):
    """Raised into the handler once a HEAD response is complete, to stop its stream."""


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        fields: Any = scope
        if fields["type"] != "http" or fields["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        finished = False

        async def send_without_body(message: Message) -> None:
            nonlocal finished
            if finished:
                raise _BodyDropped
            if message["type"] == "http.response.body":
                finished = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                if message.get("more_body", False):
                    raise _BodyDropped
                return
            await send(message)

        as_get: Any = {**fields, "method": "GET"}
        try:
            await self.app(as_get, receive, send_without_body)
        except _BodyDropped:
            pass
        except Exception:
            if not finished:
                raise
            # The stream's own clean-up may fail once its send was refused; the client
            # already has its complete answer.
