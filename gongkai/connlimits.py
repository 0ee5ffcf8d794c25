"""Slow and greedy clients: bounds on how the API's HTTP server accepts requests.

Without them, a request whose headers or body never finish holds its connection for as
long as the client likes, and a few hundred such sockets from one address exhaust the
process (no key is needed to open them). uvicorn's keep-alive timeout only covers the
idle time *between* requests. Two bounds, in the connection's protocol, before the app
sees anything::

    protocol = bounded_protocol(receive_timeout=10, max_per_address=64)
    uvicorn.Config(app, http=protocol, ...)

- **receive timeout**: the headers and the whole body of each request must arrive
  within ``receive_timeout`` seconds of its first byte (of the connection, for the
  first request). Otherwise the connection is closed, with ``408 Request Timeout``
  when no request had started yet. Once the request is complete the app may take as
  long as it needs: long-polls and SSE streams stay open as designed.
- **connections per address**: at most ``max_per_address`` open connections from one
  client address; further ones get ``503`` and are closed at once (``0``: no limit).
  Behind a reverse proxy every client shares the proxy's address: raise or disable it.

Both are ``GONGKAI_REQUEST_RECEIVE_TIMEOUT`` and ``GONGKAI_MAX_CONNECTIONS_PER_ADDRESS``.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("gongkai.api")


def _plain(status: bytes, text: bytes) -> bytes:
    return (
        b"HTTP/1.1 " + status + b"\r\ncontent-type: text/plain; charset=utf-8\r\n"
        b"content-length: " + str(len(text)).encode() + b"\r\nconnection: close\r\n\r\n" + text
    )


REQUEST_TIMEOUT = _plain(b"408 Request Timeout", b"the request did not arrive in time\n")
TOO_MANY = _plain(b"503 Service Unavailable", b"too many connections from this address\n")


def bounded_protocol(*, receive_timeout: float, max_per_address: int) -> type[asyncio.Protocol]:
    """A uvicorn HTTP protocol class with the bounds of the module docstring. Each call
    makes a class with its own per-address counts (one per server)."""
    open_from: Counter[str] = Counter()

    class BoundedProtocol(HttpToolsProtocol):
        _address: str | None = None
        _deadline: asyncio.TimerHandle | None = None
        _started = False

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            address = self.client[0] if self.client else None
            if address is not None and max_per_address:
                if open_from[address] >= max_per_address:
                    log.warning("refused a connection: %s has %d open", address, max_per_address)
                    transport.write(TOO_MANY)
                    transport.close()
                    return
                open_from[address] += 1
                self._address = address
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            if self._address is not None:
                open_from[self._address] -= 1
                if open_from[self._address] <= 0:
                    del open_from[self._address]
                self._address = None
            super().connection_lost(exc)

        # httptools' parser callbacks: a request begins, a request is complete
        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._started = True
            if self._deadline is None:  # the next request on a kept-alive connection
                self._arm()

        def on_message_complete(self) -> None:
            self._disarm()
            self._started = False
            super().on_message_complete()

        def _arm(self) -> None:
            self._disarm()
            if receive_timeout > 0:
                self._deadline = self.loop.call_later(receive_timeout, self._timed_out)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _timed_out(self) -> None:
            self._deadline = None
            if self.transport.is_closing():
                return
            if self.cycle is None or self.cycle.response_complete:
                # no response is under way, so the client can be told why
                self.transport.write(REQUEST_TIMEOUT)
            self.transport.close()

    return BoundedProtocol
