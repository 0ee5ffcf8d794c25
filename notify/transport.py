"""An httpx transport that connects only to addresses the SSRF guard accepted.

    transport = GuardedTransport(AddressPolicy())
    async with httpx.AsyncClient(transport=transport, trust_env=False) as client:
        await client.post("https://hooks.example/x", content=b"{}")

The check sits in the network backend, where httpcore opens sockets: the host name is
resolved once, every address is checked, and the socket is opened to one of exactly
those addresses. There is no second lookup for a rebinding DNS server to answer
differently. The request keeps its ``Host`` header, and TLS keeps SNI and certificate
verification for the original name, because httpcore passes the URL's host to
``start_tls`` whatever address the socket reached.

A refused address raises :class:`~notify.ssrf.UnsafeUrlError` from ``handle_async_request``
before any byte is sent. Proxies are not supported on purpose: a proxy would make the
connection for us, to an address we never checked.
"""

from __future__ import annotations

import ssl
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable
from typing import Any

import httpcore
import httpx

from notify.ssrf import AddressPolicy, UnsafeUrlError, resolve_checked

_EXCEPTIONS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.NetworkError, httpx.NetworkError),
)


def _to_httpx(exc: Exception) -> Exception:
    for core, mapped in _EXCEPTIONS:
        if isinstance(exc, core):
            return mapped(str(exc) or type(exc).__name__)
    return exc


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks every address, then connects to a checked one."""

    def __init__(
        self, policy: AddressPolicy, inner: httpcore.AsyncNetworkBackend | None = None
    ) -> None:
        self.policy = policy
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await resolve_checked(host, port, self.policy)
        last: Exception | None = None
        for ip in addresses:
            try:
                return await self.inner.connect_tcp(
                    str(ip),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise UnsafeUrlError("unix sockets are not webhook targets")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class _Stream(httpx.AsyncByteStream):
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._inner:
                yield chunk
        except Exception as exc:
            raise _to_httpx(exc) from exc

    async def aclose(self) -> None:
        if hasattr(self._inner, "aclose"):
            await self._inner.aclose()


class GuardedTransport(httpx.AsyncBaseTransport):
    """An ``httpx.AsyncBaseTransport`` over connection pools with :class:`GuardedBackend`.

    One small pool per origin: httpcore's pool scans every connection and queued request
    on each change, which costs O(n²) once a single pool holds dozens of connections to
    many endpoints. Endpoints are independent anyway; the least recently used pools are
    closed beyond ``max_pools``.
    """

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        ssl_context: ssl.SSLContext | None = None,
        max_connections_per_origin: int = 16,
        max_pools: int = 256,
        keepalive_expiry: float = 30.0,
    ) -> None:
        self._backend = GuardedBackend(policy)
        self._ssl_context = ssl_context or ssl.create_default_context()
        self._per_origin = max_connections_per_origin
        self._max_pools = max_pools
        self._keepalive_expiry = keepalive_expiry
        self._pools: OrderedDict[tuple[bytes, bytes, int | None], httpcore.AsyncConnectionPool] = (
            OrderedDict()
        )

    def _pool(self, url: httpx.URL) -> httpcore.AsyncConnectionPool:
        key = (url.raw_scheme, url.raw_host, url.port)
        pool = self._pools.get(key)
        if pool is None:
            pool = httpcore.AsyncConnectionPool(
                ssl_context=self._ssl_context,
                max_connections=self._per_origin,
                max_keepalive_connections=self._per_origin,
                keepalive_expiry=self._keepalive_expiry,
                network_backend=self._backend,
            )
            self._pools[key] = pool
            self._evict()
        else:
            self._pools.move_to_end(key)
        return pool

    def _evict(self) -> None:
        for key in list(self._pools)[: max(0, len(self._pools) - self._max_pools)]:
            pool = self._pools[key]
            if not pool.connections:
                del self._pools[key]

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme not in ("http", "https"):
            scheme = request.url.scheme
            raise UnsafeUrlError(f"only http and https URLs are allowed, not {scheme!r}")
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,  # type: ignore[arg-type]
            extensions=request.extensions,
        )
        try:
            response = await self._pool(request.url).handle_async_request(core_request)
        except UnsafeUrlError:
            raise
        except Exception as exc:
            raise _to_httpx(exc) from exc
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Stream(response.stream),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), OrderedDict()
        for pool in pools:
            await pool.aclose()
