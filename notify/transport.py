"""Webhook POSTs over HTTP/1.1 (h11) that connect only to checked addresses.

    client = WebhookClient(AddressPolicy())
    names = client.resolutions()                     # one per batch of attempts
    answer = await client.post("https://hooks.example/x", body, headers, names)
    answer.status, answer.headers["retry-after"], answer.excerpt
    await client.aclose()

The protocol is h11's (python-hyper's sans-I/O HTTP/1.1, the one httpcore is built
on): it writes the request, parses the status line and headers, skips 1xx interim
answers, frames the body (Content-Length, chunked, until the server closes), decides
whether a connection can carry another request (HTTP/1.0, ``Connection: close``), and
refuses malformed answers (a bad status line or header line, a short body, a chunk size
that is not hex, headers over :data:`MAX_HEAD_BYTES`). An unrequested ``101`` is a
protocol error like the others. It replaced a hand-written parser that let several of
those through (a header name with a space, two differing Content-Lengths, a chunk without
its CRLF): a maintained, strict parser is worth more here than the CPU the hand-written
one saved, about 80 us per POST (a loopback client alone: 124 against 40 us of CPU; the
worker's whole delivery costs 0.4-0.7 ms). A body that has neither length nor chunks is
read until the server closes (or the excerpt is full), as HTTP/1.1 says.

What is ours, and why a general HTTP client is not used: a delivery is one POST whose
answer matters for its status line, two headers and the first kilobyte. httpx and
httpcore spent most of a delivery's CPU (per-request model objects, and a pool that
scans every connection, with a ``poll`` and a ``getpeername`` each, on every change);
this module keeps only the I/O around h11: a pool of kept-alive connections per origin
over asyncio streams, the address checks below, the excerpt (an answer's body is read to
its end, so the connection can be reused, only up to :data:`MAX_DRAIN_BYTES`; beyond
that, or when the body runs until close, reading stops once the excerpt is full and the
connection is closed), and one retry on a new connection when a kept one turns out to
have been closed by the server before a byte of the answer came.

SSRF: a host name is resolved once per :class:`Resolutions` (a batch), every address it
resolves to is checked, and sockets open only to those addresses; there is no second
lookup for a rebinding DNS server to answer differently. An idle connection is reused
only when its address is among the host's checked addresses of the current batch, so a
name that now resolves somewhere refused is refused before anything is sent. The
request keeps its ``Host`` header, and TLS keeps SNI and certificate verification for
the original name whatever address the socket reached. Redirects are never followed
(a 3xx is an answer like any other) and no proxy is ever used.

A refused address raises :class:`~notify.ssrf.UnsafeUrlError` before any byte is sent;
everything the network or the endpoint does raises :class:`HttpError`, and so does a
request h11 refuses to write (a header value with a line break). The caller bounds the
whole attempt with a timeout; a connection interrupted by it is closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass

import h11

from notify.ssrf import AddressPolicy, IPAddress, Target, UnsafeUrlError, resolve_checked

#: most bytes of a status line and headers (h11's limit on an incomplete event)
MAX_HEAD_BYTES = 64 * 1024
#: bytes asked of the socket per read
READ_BYTES = 64 * 1024
#: an answer's body up to this size is read to the end so its connection can be reused;
#: a bigger one is cut at the excerpt and its connection closed
MAX_DRAIN_BYTES = 64 * 1024


_PRINTABLE_ASCII = "".join(chr(c) for c in range(33, 127))


class HttpError(Exception):
    """The connection or the answer failed (refused, reset, malformed, closed early)."""


@dataclass(frozen=True)
class Answer:
    status: int
    #: lower-cased names; the first value of each
    headers: dict[str, str]
    excerpt: bytes


class Resolutions:
    """Each host's checked addresses, looked up at most once (one batch of attempts)."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self._found: dict[tuple[str, int], asyncio.Future[list[IPAddress]]] = {}

    async def get(self, host: str, port: int) -> list[IPAddress]:
        key = (host, port)
        fut = self._found.get(key)
        if fut is None:
            fut = asyncio.ensure_future(resolve_checked(host, port, self.policy))
            self._found[key] = fut
        # Several attempts may wait on one lookup: shield it from one's timeout.
        return await asyncio.shield(fut)

    def close(self) -> None:
        for fut in self._found.values():
            if not fut.done():
                fut.cancel()
            elif not fut.cancelled():
                fut.exception()  # retrieved: no "never retrieved" warnings


class _Connection:
    __slots__ = ("h11", "idle_since", "ip", "reader", "writer")

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, ip: IPAddress
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.ip = ip
        self.idle_since = 0.0
        self.h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD_BYTES)

    def usable(self, now: float, expiry: float) -> bool:
        """Still open, nothing unread (a server that closed leaves EOF behind)."""
        return (
            now - self.idle_since < expiry
            and self.h11.our_state is h11.IDLE
            and not self.writer.is_closing()
            and not self.reader.at_eof()
            and not getattr(self.reader, "_buffer", b"")  # unexpected bytes: do not reuse
            and not self.h11.trailing_data[0]
        )

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()


def _host_header(target: Target, host: str) -> str:
    default = 443 if target.scheme == "https" else 80
    name = f"[{host}]" if ":" in host else host
    return name if target.port == default else f"{name}:{target.port}"


def _request_target(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    if path.isascii():
        return path
    # Non-ASCII (an IRI) goes out percent-encoded; everything ASCII stays as written.
    return urllib.parse.quote(path, safe=_PRINTABLE_ASCII)


class WebhookClient:
    """Connection pools per origin (scheme, host, port) over checked addresses."""

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        ssl_context: ssl.SSLContext | None = None,
        max_connections_per_origin: int = 16,
        keepalive_expiry: float = 5.0,
        excerpt_bytes: int = 1024,
    ) -> None:
        self.policy = policy
        self._ssl = ssl_context
        self._per_origin = max_connections_per_origin
        self._expiry = keepalive_expiry
        self._excerpt = excerpt_bytes
        self._idle: dict[tuple[str, str, int], list[_Connection]] = defaultdict(list)
        self._slots: dict[tuple[str, str, int], asyncio.Semaphore] = {}
        self._open: set[_Connection] = set()

    def resolutions(self) -> Resolutions:
        return Resolutions(self.policy)

    def _ssl_context(self) -> ssl.SSLContext:
        if self._ssl is None:
            self._ssl = ssl.create_default_context()
        return self._ssl

    async def post(
        self,
        url: str,
        target: Target,
        body: bytes,
        headers: dict[str, str],
        names: Resolutions,
    ) -> Answer:
        """POST ``body`` to ``url`` (already passed :func:`~notify.ssrf.check_url`, which
        gave ``target``)."""
        try:
            host = (
                target.host.encode("idna").decode("ascii")
                if not target.host.isascii()
                else target.host
            )
        except UnicodeError as exc:
            raise UnsafeUrlError(f"the host {target.host!r} is not a valid name: {exc}") from None
        addresses = await names.get(host, target.port)
        fields = [("host", _host_header(target, host)), *headers.items()]
        fields.append(("content-length", str(len(body))))
        try:
            request = h11.Request(method="POST", target=_request_target(url), headers=fields)
        except h11.LocalProtocolError as exc:
            raise HttpError(f"the request cannot be written: {exc}") from None
        key = (target.scheme, host, target.port)
        slots = self._slots.get(key)
        if slots is None:
            slots = self._slots[key] = asyncio.Semaphore(self._per_origin)
        async with slots:
            conn = self._reusable(key, addresses)
            if conn is not None:
                try:
                    return await self._exchange(key, conn, request, body)
                except _NothingBack:
                    pass  # the server had closed the idle connection: once more, fresh
            conn = await self._connect(target, host, addresses)
            try:
                return await self._exchange(key, conn, request, body)
            except _NothingBack as exc:
                raise HttpError(str(exc)) from None

    def _reusable(
        self, key: tuple[str, str, int], addresses: list[IPAddress]
    ) -> _Connection | None:
        idle = self._idle.get(key)
        now = time.monotonic()
        while idle:
            conn = idle.pop()
            if conn.ip in addresses and conn.usable(now, self._expiry):
                return conn
            self._discard(conn)
        return None

    async def _connect(self, target: Target, host: str, addresses: list[IPAddress]) -> _Connection:
        last: Exception | None = None
        for ip in addresses:
            try:
                if target.scheme == "https":
                    reader, writer = await asyncio.open_connection(
                        str(ip),
                        target.port,
                        ssl=self._ssl_context(),
                        server_hostname=host,
                        limit=MAX_HEAD_BYTES,
                    )
                else:
                    reader, writer = await asyncio.open_connection(
                        str(ip), target.port, limit=MAX_HEAD_BYTES
                    )
            except (OSError, ssl.SSLError) as exc:
                last = exc
                continue
            conn = _Connection(reader, writer, ip)
            self._open.add(conn)
            return conn
        raise HttpError(f"could not connect to {host} port {target.port}: {last}")

    async def _exchange(
        self, key: tuple[str, str, int], conn: _Connection, request: h11.Request, body: bytes
    ) -> Answer:
        proto = conn.h11
        keep = False
        got_any = False
        try:
            try:
                head = proto.send(request) or b""
                payload = proto.send(h11.Data(data=body)) or b""
                end = proto.send(h11.EndOfMessage()) or b""
            except h11.LocalProtocolError as exc:
                raise HttpError(f"the request cannot be written: {exc}") from None
            # One write, so one send(2), for a small request; a big body is not copied.
            if len(payload) < 65536:
                conn.writer.write(head + payload + end)
            else:
                conn.writer.writelines((head, payload, end))
            await conn.writer.drain()
            reader = conn.reader
            excerpt = bytearray()
            limit = self._excerpt
            read = 0
            status = 0
            answer_headers: dict[str, str] = {}
            # Whether the body will be read to its end (else: stop once the excerpt is full).
            drain = True
            while True:
                event = proto.next_event()
                if event is h11.NEED_DATA:
                    data = await reader.read(READ_BYTES)
                    if not data and not got_any:
                        raise _NothingBack("the connection closed before an answer")
                    got_any = True
                    proto.receive_data(data)
                    continue
                if isinstance(event, h11.Response):
                    status = event.status_code
                    for name, value in event.headers:
                        answer_headers.setdefault(name.decode("latin-1"), value.decode("latin-1"))
                    length = answer_headers.get("content-length")
                    drain = (
                        int(length) <= MAX_DRAIN_BYTES
                        if length is not None
                        else "transfer-encoding" in answer_headers or status in (204, 304)
                    )
                elif isinstance(event, h11.Data):
                    if len(excerpt) < limit:
                        excerpt += event.data[: limit - len(excerpt)]
                    read += len(event.data)
                    if read > MAX_DRAIN_BYTES or (not drain and len(excerpt) >= limit):
                        break  # not read to its end: the connection is closed
                elif isinstance(event, h11.EndOfMessage):
                    break
                elif isinstance(event, h11.InformationalResponse):
                    pass  # 1xx interim answers (100 Continue, 103 Early Hints): more follows
                else:  # ConnectionClosed, PAUSED: nothing else can come on this cycle
                    raise HttpError("the connection closed in the middle of the answer")
            if proto.our_state is h11.DONE and proto.their_state is h11.DONE:
                proto.start_next_cycle()
                keep = True
            return Answer(status, answer_headers, bytes(excerpt))
        except h11.RemoteProtocolError as exc:
            raise HttpError(f"a malformed answer: {exc}") from None
        except (ConnectionError, OSError, ssl.SSLError) as exc:
            if not got_any:
                raise _NothingBack(f"{type(exc).__name__}: {exc}") from None
            raise HttpError(f"{type(exc).__name__}: {exc}") from None
        finally:
            if keep:
                conn.idle_since = time.monotonic()
                self._idle[key].append(conn)
            else:
                self._discard(conn)

    def _discard(self, conn: _Connection) -> None:
        self._open.discard(conn)
        conn.close()

    async def aclose(self) -> None:
        conns, self._open = list(self._open), set()
        self._idle.clear()
        for conn in conns:
            conn.close()
        for conn in conns:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.writer.wait_closed(), 1)


class _NothingBack(Exception):
    """Not a byte of an answer came: on a reused connection, try once more on a new one."""
