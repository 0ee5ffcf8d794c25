"""A small HTTP/1.1 client for webhook POSTs that connects only to checked addresses.

    client = WebhookClient(AddressPolicy())
    names = client.resolutions()                     # one per batch of attempts
    answer = await client.post("https://hooks.example/x", body, headers, names)
    answer.status, answer.headers["retry-after"], answer.excerpt
    await client.aclose()

Why not a general HTTP client: a delivery is one POST whose answer matters for its
status line, two headers and the first kilobyte. httpx and httpcore spent most of a
delivery's CPU (per-request model objects, and a pool that scans every connection, with
a ``poll`` and a ``getpeername`` each, on every change); this does the same job with a
few stream calls, and keeps connections alive per origin.

SSRF: a host name is resolved once per :class:`Resolutions` (a batch), every address it
resolves to is checked, and sockets open only to those addresses; there is no second
lookup for a rebinding DNS server to answer differently. An idle connection is reused
only when its address is among the host's checked addresses of the current batch, so a
name that now resolves somewhere refused is refused before anything is sent. The
request keeps its ``Host`` header, and TLS keeps SNI and certificate verification for
the original name whatever address the socket reached. Redirects are never followed
(a 3xx is an answer like any other) and no proxy is ever used.

A refused address raises :class:`~notify.ssrf.UnsafeUrlError` before any byte is sent;
everything the network or the endpoint does raises :class:`HttpError`. The caller
bounds the whole attempt with a timeout; a connection interrupted by it is closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass

from notify.ssrf import AddressPolicy, IPAddress, Target, UnsafeUrlError, resolve_checked

#: most bytes of a status line and headers
MAX_HEAD_BYTES = 64 * 1024
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
    __slots__ = ("idle_since", "ip", "reader", "writer")

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, ip: IPAddress
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.ip = ip
        self.idle_since = 0.0

    def usable(self, now: float, expiry: float) -> bool:
        """Still open, nothing unread (a server that closed leaves EOF behind)."""
        return (
            now - self.idle_since < expiry
            and not self.writer.is_closing()
            and not self.reader.at_eof()
            and not getattr(self.reader, "_buffer", b"")  # unexpected bytes: do not reuse
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
        lines = [f"POST {_request_target(url)} HTTP/1.1", f"host: {_host_header(target, host)}"]
        lines.extend(f"{name}: {value}" for name, value in headers.items())
        lines.append(f"content-length: {len(body)}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        key = (target.scheme, host, target.port)
        slots = self._slots.get(key)
        if slots is None:
            slots = self._slots[key] = asyncio.Semaphore(self._per_origin)
        async with slots:
            conn = self._reusable(key, addresses)
            if conn is not None:
                try:
                    return await self._exchange(key, conn, head, body)
                except _NothingBack:
                    pass  # the server had closed the idle connection: once more, fresh
            conn = await self._connect(target, host, addresses)
            try:
                return await self._exchange(key, conn, head, body)
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
        self, key: tuple[str, str, int], conn: _Connection, head: bytes, body: bytes
    ) -> Answer:
        keep = False
        got_any = False
        try:
            conn.writer.write(head + body if len(body) < 65536 else head)
            if len(body) >= 65536:
                conn.writer.write(body)
            await conn.writer.drain()
            reader = conn.reader
            while True:
                try:
                    raw = await reader.readuntil(b"\r\n\r\n")
                except asyncio.IncompleteReadError as exc:
                    if not exc.partial and not got_any:
                        raise _NothingBack("the connection closed before an answer") from None
                    raise HttpError("the connection closed in the middle of the answer") from None
                except asyncio.LimitOverrunError:
                    raise HttpError("the answer's headers are too long") from None
                got_any = True
                status, version, answer_headers = _parse_head(raw)
                if status >= 200 or status == 101:
                    break
                # 1xx interim answers (100 Continue, 103 Early Hints): the real one follows
            excerpt, complete = await self._read_body(reader, status, answer_headers)
            connection = answer_headers.get("connection", "").lower()
            keep = complete and version == "HTTP/1.1" and "close" not in connection
            return Answer(status, answer_headers, excerpt)
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

    async def _read_body(
        self, reader: asyncio.StreamReader, status: int, headers: dict[str, str]
    ) -> tuple[bytes, bool]:
        """The first ``excerpt_bytes`` of the body, and whether it was read to its end
        (so the connection can carry another request)."""
        if status in (204, 304) or status == 101:
            return b"", status != 101
        encoding = headers.get("transfer-encoding", "").lower()
        if "chunked" in encoding:
            return await self._read_chunked(reader)
        length_text = headers.get("content-length")
        if length_text is not None:
            try:
                length = int(length_text)
            except ValueError:
                raise HttpError(f"a malformed Content-Length: {length_text[:40]!r}") from None
            if length < 0:
                raise HttpError("a negative Content-Length")
            if length <= MAX_DRAIN_BYTES:
                data = await _read_exactly(reader, length)
                return data[: self._excerpt], True
            return await _read_exactly(reader, self._excerpt), False
        # Neither: the body runs until the server closes.
        data = await reader.read(self._excerpt)
        return data, False

    async def _read_chunked(self, reader: asyncio.StreamReader) -> tuple[bytes, bool]:
        kept = b""
        total = 0
        while True:
            size_line = await _read_line(reader)
            try:
                size = int(size_line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise HttpError("a malformed chunk size") from None
            if size == 0:
                while await _read_line(reader):  # trailers, up to the empty line
                    pass
                return kept, True
            total += size
            if total > MAX_DRAIN_BYTES:
                if len(kept) < self._excerpt:
                    kept += await _read_exactly(reader, min(size, self._excerpt - len(kept)))
                return kept, False
            chunk = await _read_exactly(reader, size + 2)
            if len(kept) < self._excerpt:
                kept += chunk[: min(size, self._excerpt - len(kept))]

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


async def _read_exactly(reader: asyncio.StreamReader, n: int) -> bytes:
    try:
        return await reader.readexactly(n)
    except asyncio.IncompleteReadError:
        raise HttpError("the connection closed in the middle of the answer") from None


async def _read_line(reader: asyncio.StreamReader) -> bytes:
    try:
        line = await reader.readuntil(b"\n")
    except asyncio.IncompleteReadError:
        raise HttpError("the connection closed in the middle of the answer") from None
    except asyncio.LimitOverrunError:
        raise HttpError("a line of the answer is too long") from None
    return line.rstrip(b"\r\n")


def _parse_head(raw: bytes) -> tuple[int, str, dict[str, str]]:
    """Status, HTTP version and headers (lower-cased names, first value) of an answer."""
    text = raw.decode("latin-1")
    status_line, _, rest = text.partition("\r\n")
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
        raise HttpError(f"not an HTTP/1.x answer: {status_line[:80]!r}")
    status = int(parts[1])
    if not 100 <= status <= 999:
        raise HttpError(f"a malformed status code: {parts[1]!r}")
    headers: dict[str, str] = {}
    for line in rest.split("\r\n"):
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise HttpError(f"a malformed header line: {line[:80]!r}")
        headers.setdefault(name.strip().lower(), value.strip())
    return status, parts[0], headers
