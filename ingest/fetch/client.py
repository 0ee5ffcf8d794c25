"""The polite HTTP fetcher: a :data:`~ingest.fetch.types.Fetch` backed by httpx.

Usage::

    async with Fetcher(FetcherConfig()) as fetch:
        result = await fetch(FetchRequest("https://www.jxfz.gov.cn/col/col1/index.html"))
        if not result.not_modified:
            handle(result.text)

One Fetcher per process (or per check run): politeness and the robots.txt cache live in
it, so two Fetchers hitting the same host would each be polite only to themselves.

What a call does, in order:

1. refuse hostile URLs (:class:`UnsafeURLError`) before any request;
2. consult robots.txt for the origin (:class:`RobotsDisallowedError`);
3. wait for the host's single slot and its pause, send the request (conditional headers
   from the :class:`ConditionalStore` for GETs), stream the body up to the size limit;
4. retry timeouts, connection errors, 5xx and 429 with jittered exponential backoff,
   honouring ``Retry-After``;
5. follow redirects (each target is checked like step 1 and 2);
6. 412 or a challenge page -> :class:`BlockedError`; other 4xx -> :class:`FetchError`;
   304 -> ``not_modified``; 2xx -> decoded text and validators stored.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from ingest.fetch.challenge import looks_like_challenge
from ingest.fetch.conditional import ConditionalStore, MemoryConditionalStore
from ingest.fetch.config import FetcherConfig
from ingest.fetch.encoding import decode_body
from ingest.fetch.politeness import HostGate
from ingest.fetch.retry import backoff_delay, is_retryable_status, parse_retry_after
from ingest.fetch.robots import RobotsCache, RobotsRules, load_robots
from ingest.fetch.types import (
    BlockedError,
    BodyTooLargeError,
    DecodeError,
    FetchError,
    FetchRequest,
    FetchResult,
    RobotsDisallowedError,
    UnsafeURLError,
)
from ingest.fetch.urls import check_url

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_METHODS = frozenset({"GET", "POST", "HEAD"})
_TEXT_TYPES = frozenset(
    {
        "application/xhtml+xml",
        "application/xml",
        "application/json",
        "application/javascript",
        "application/x-javascript",
        "application/rss+xml",
        "application/atom+xml",
    }
)
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@dataclass
class _Response:
    """One HTTP exchange, fully read."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    text: str | None
    encoding: str | None
    decode_error: str | None


class _Retryable(Exception):
    """A failure worth another attempt (timeout, connection error, 5xx, 429)."""

    def __init__(self, reason: str, *, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


def _is_textual(content_type: str | None, body: bytes) -> bool:
    if not content_type:
        # No type given: text unless it looks binary (NUL bytes appear in PDFs, images).
        return b"\x00" not in body[:1024]
    media = content_type.split(";", 1)[0].strip().lower()
    return (
        media.startswith("text/")
        or media in _TEXT_TYPES
        or media.endswith("+xml")
        or media.endswith("+json")
    )


def _host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class Fetcher:
    """Polite, retrying, conditional HTTP fetcher; calling it is a :data:`Fetch`.

    ``state`` keeps ETag/Last-Modified per URL (defaults to memory); validators are put
    there on every 200 answer to a conditional GET, before the result is returned (see
    :mod:`ingest.fetch.conditional` for making that transactional). ``transport`` swaps
    httpx's network layer; ``sleep``/``clock``/``rng`` are injectable so tests can check
    delays and backoff without real waiting.
    """

    def __init__(
        self,
        config: FetcherConfig,
        *,
        state: ConditionalStore | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.state: ConditionalStore = state if state is not None else MemoryConditionalStore()
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()
        self._gate = HostGate(min_delay=config.min_delay_seconds, clock=clock, sleep=sleep)
        self._robots = RobotsCache(
            product_token=config.robots_product_token,
            ttl=config.robots_ttl_seconds,
            error_ttl=config.robots_error_ttl_seconds,
            clock=clock,
        )
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(config.read_timeout, connect=config.connect_timeout),
            headers={
                "User-Agent": config.user_agent,
                "Accept": _ACCEPT,
                "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
            },
            # Redirects are followed by hand so that every hop is vetted (scheme,
            # credentials, robots.txt, politeness of the target host).
            follow_redirects=False,
            max_redirects=config.max_redirects,
            trust_env=config.trust_env,
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close pooled connections. The Fetcher cannot be used afterwards."""
        await self._client.aclose()

    async def __call__(self, request: FetchRequest) -> FetchResult:
        method = request.method.upper()
        if method not in _METHODS:
            raise FetchError(request.url, f"unsupported method {request.method!r}")
        url = check_url(request.url)
        try:
            httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise UnsafeURLError(request.url, f"malformed URL: {exc}") from None
        started = time.perf_counter()

        etag: str | None = None
        last_modified: str | None = None
        use_validators = request.conditional and method == "GET"
        if use_validators:
            etag, last_modified = await self.state.get(request.url)

        form = request.form
        for hop in range(self.config.max_redirects + 1):
            if self.config.respect_robots:
                await self._check_robots(request.url, url)
            response = await self._exchange_with_retries(
                request.url, url, method, form, etag, last_modified
            )
            status = response.status
            location = response.headers.get("location")
            if status in _REDIRECTS and location:
                if hop == self.config.max_redirects:
                    raise FetchError(
                        request.url,
                        f"more than {self.config.max_redirects} redirects",
                        status=status,
                    )
                url = self._redirect_target(request.url, url, location)
                if status in (301, 302, 303) and method == "POST":
                    # What browsers do, and what Hanweb's JSP redirects expect.
                    method, form = "GET", None
                continue
            return await self._finish(request, response, started, use_validators)
        raise AssertionError("unreachable")  # the loop returns or raises

    # -- steps -----------------------------------------------------------------------

    def _redirect_target(self, original: str, current: str, location: str) -> str:
        try:
            target = httpx.URL(current).join(location).copy_with(fragment=None)
        except (httpx.InvalidURL, ValueError) as exc:
            raise UnsafeURLError(
                original, f"redirect to malformed URL {location!r}: {exc}"
            ) from None
        try:
            return check_url(str(target))
        except UnsafeURLError as exc:
            raise UnsafeURLError(original, f"refused redirect: {exc.reason}") from None

    async def _check_robots(self, original: str, url: str) -> None:
        origin = _origin_of(url)
        rules = self._robots.get(origin)
        if rules is None:
            lock = self._robots_locks.setdefault(origin, asyncio.Lock())
            async with lock:
                # Another task may have loaded it while we waited for the lock.
                rules = self._robots.get(origin)
                if rules is None:
                    rules = await self._load_robots(origin)
                    self._robots.put(origin, rules)
        if not rules.allows(url):
            reason = rules.unreachable_reason or "robots.txt disallows this URL for Gongkai"
            where = "" if url == original else f" (redirect target {url})"
            raise RobotsDisallowedError(original, reason + where)

    async def _load_robots(self, origin: str) -> RobotsRules:
        host = _host_of(origin)
        async with self._gate.slot(host):
            rules = await load_robots(
                self._client, origin + "/robots.txt", self.config.robots_product_token
            )
        delay = rules.crawl_delay()
        if delay is not None:
            self._gate.set_delay(host, delay)
        return rules

    async def _exchange_with_retries(
        self,
        original: str,
        url: str,
        method: str,
        form: dict[str, str] | None,
        etag: str | None,
        last_modified: str | None,
    ) -> _Response:
        attempts = self.config.max_retries + 1
        for attempt in range(attempts):
            try:
                return await self._attempt(original, url, method, form, etag, last_modified)
            except _Retryable as failure:
                if attempt + 1 >= attempts:
                    raise FetchError(
                        original,
                        f"gave up after {attempts} attempt(s): {failure.reason}",
                        status=failure.status,
                    ) from None
                if failure.retry_after is not None:
                    if failure.retry_after > self.config.backoff_max:
                        raise FetchError(
                            original,
                            f"{failure.reason}; server asks to wait {failure.retry_after:.0f}s"
                            f" (more than backoff_max={self.config.backoff_max:.0f}s)",
                            status=failure.status,
                        ) from None
                    delay = failure.retry_after
                else:
                    delay = backoff_delay(
                        attempt,
                        base=self.config.backoff_base,
                        cap=self.config.backoff_max,
                        rng=self._rng,
                    )
                # Sleep outside the host slot: other URLs of the host may proceed, and the
                # slot's own pause still applies before our next attempt.
                await self._sleep(delay)
        raise AssertionError("unreachable")

    async def _attempt(
        self,
        original: str,
        url: str,
        method: str,
        form: dict[str, str] | None,
        etag: str | None,
        last_modified: str | None,
    ) -> _Response:
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        async with self._gate.slot(_host_of(url)):
            try:
                async with asyncio.timeout(self.config.total_timeout):
                    response = await self._read(original, url, method, form, headers)
            except TimeoutError:
                raise _Retryable(
                    f"no complete answer within {self.config.total_timeout}s"
                ) from None
            except httpx.TimeoutException as exc:
                raise _Retryable(f"timed out ({type(exc).__name__})") from None
            except httpx.TransportError as exc:
                # Connection refused/reset, truncated body, malformed response.
                raise _Retryable(f"network error ({type(exc).__name__}: {exc})") from None
            except httpx.HTTPError as exc:
                raise FetchError(original, f"HTTP error ({type(exc).__name__}: {exc})") from None
            except httpx.InvalidURL as exc:
                # The URL itself was vetted in __call__; httpx also parses the Location of
                # a 3xx (even without following it), which is where this comes from.
                reason = f"refused redirect: invalid Location header ({exc})"
                raise UnsafeURLError(original, reason) from None
        self._classify(original, response)
        return response

    async def _read(
        self,
        original: str,
        url: str,
        method: str,
        form: dict[str, str] | None,
        headers: dict[str, str],
    ) -> _Response:
        limit = self.config.max_body_bytes
        async with self._client.stream(method, url, data=form, headers=headers) as resp:
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise BodyTooLargeError(
                    original,
                    f"Content-Length {declared} exceeds {limit} bytes",
                    status=resp.status_code,
                )
            chunks: list[bytes] = []
            size = 0
            # aiter_bytes yields *decoded* bytes, so a gzip bomb hits the limit too.
            async for chunk in resp.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    # Leaving the context closes the connection: we stop reading here.
                    raise BodyTooLargeError(
                        original, f"body exceeds {limit} bytes", status=resp.status_code
                    )
                chunks.append(chunk)
            body = b"".join(chunks)
            result_headers = dict(resp.headers.items())
            status = resp.status_code
            final_url = str(resp.url)

        text: str | None = None
        encoding: str | None = None
        decode_error: str | None = None
        content_type = result_headers.get("content-type")
        if method != "HEAD" and status != 304 and _is_textual(content_type, body):
            try:
                text, encoding = decode_body(body, content_type)
            except DecodeError as exc:
                decode_error = exc.reason
        return _Response(final_url, status, result_headers, body, text, encoding, decode_error)

    def _classify(self, original: str, response: _Response) -> None:
        """Raise for answers that are not documents; retryable ones as :class:`_Retryable`."""
        status = response.status
        if status == 412:
            raise BlockedError(original, "HTTP 412 (anti-bot precondition challenge)", status=412)
        if response.text is not None and looks_like_challenge(status, response.text):
            raise BlockedError(original, f"anti-bot challenge page (HTTP {status})", status=status)
        if is_retryable_status(status):
            retry_after = None
            if status in (429, 503):
                retry_after = parse_retry_after(response.headers.get("retry-after"))
            raise _Retryable(f"HTTP {status}", status=status, retry_after=retry_after)

    async def _finish(
        self, request: FetchRequest, response: _Response, started: float, use_validators: bool
    ) -> FetchResult:
        status = response.status
        elapsed_ms = int((time.perf_counter() - started) * 1000)
        etag = response.headers.get("etag")
        last_modified = response.headers.get("last-modified")
        if status == 304:
            return FetchResult(
                url=response.url,
                status=304,
                headers=response.headers,
                body=b"",
                text=None,
                encoding=None,
                not_modified=True,
                elapsed_ms=elapsed_ms,
                etag=etag,
                last_modified=last_modified,
            )
        if not 200 <= status < 300:
            raise FetchError(request.url, f"HTTP {status}", status=status)
        if response.decode_error is not None:
            raise DecodeError(request.url, response.decode_error, status=status)
        if use_validators and status == 200:
            await self.state.put(request.url, etag, last_modified)
        return FetchResult(
            url=response.url,
            status=status,
            headers=response.headers,
            body=response.body,
            text=response.text,
            encoding=response.encoding,
            elapsed_ms=elapsed_ms,
            etag=etag,
            last_modified=last_modified,
        )
