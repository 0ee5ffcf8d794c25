"""The delivery HTTP client against real loopback servers: keep-alive reuse, answers in
every framing, servers that close idle connections, and the address check per batch."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import pytest

from notify.ssrf import AddressPolicy, UnsafeUrlError, check_url
from notify.transport import MAX_DRAIN_BYTES, Answer, HttpError, WebhookClient
from tests.notify.receiver import Receiver, Reply
from tests.notify.support import LOOPBACK

ALLOW = AddressPolicy((*LOOPBACK, "::1/128"))

Answerer = Callable[[bytes], bytes]


class RawServer:
    """A loopback server that answers each request with bytes a test chooses."""

    def __init__(self, answer: Answerer, *, close_after: bool = False) -> None:
        self.answer = answer
        self.close_after = close_after
        self.connections = 0
        self.requests: list[bytes] = []
        self.port = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                body = await reader.readexactly(length)
                self.requests.append(head + body)
                writer.write(self.answer(head))
                await writer.drain()
                if self.close_after:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@asynccontextmanager
async def serve(answer: Answerer, **kwargs: bool) -> AsyncIterator[RawServer]:
    raw = RawServer(answer, **kwargs)
    server = await asyncio.start_server(raw.handle, "127.0.0.1", 0)
    raw.port = server.sockets[0].getsockname()[1]
    try:
        yield raw
    finally:
        server.close()


async def post(client: WebhookClient, url: str) -> Answer:
    target = check_url(url, client.policy)
    return await client.post(
        url, target, b'{"a":1}', {"content-type": "application/json"}, client.resolutions()
    )


async def test_connections_are_kept_alive_per_origin() -> None:
    with Receiver.start() as rx:
        client = WebhookClient(ALLOW)
        try:
            for n in range(5):
                answer = await post(client, rx.url(f"/p{n}"))
                assert answer.status == 200 and answer.excerpt == b"ok"
        finally:
            await client.aclose()
        assert [r.path for r in rx.requests()] == [f"/p{n}" for n in range(5)]
        assert {r.headers["host"] for r in rx.requests()} == {f"127.0.0.1:{rx.port}"}
        assert all(r.body == b'{"a":1}' for r in rx.requests())


async def test_one_connection_carries_the_requests_in_turn() -> None:
    async with serve(lambda _: b"HTTP/1.1 204 No Content\r\n\r\n") as raw:
        client = WebhookClient(ALLOW)
        try:
            for _ in range(4):
                answer = await post(client, f"http://127.0.0.1:{raw.port}/x")
                assert answer.status == 204
        finally:
            await client.aclose()
    assert raw.connections == 1 and len(raw.requests) == 4


@pytest.mark.parametrize(
    ("answer", "excerpt", "reused"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", b"hello", True),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"3\r\nhel\r\n2;ext=1\r\nlo\r\n0\r\nX-Trailer: t\r\n\r\n",
            b"hello",
            True,
        ),
        (
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
            b"ok",
            True,
        ),
        (b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", b"ok", False),
        (b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", b"ok", False),
    ],
)
async def test_answers_in_every_framing(answer: bytes, excerpt: bytes, reused: bool) -> None:
    async with serve(lambda _: answer) as raw:
        client = WebhookClient(ALLOW)
        try:
            for _ in range(2):
                got = await post(client, f"http://127.0.0.1:{raw.port}/x")
                assert got.excerpt == excerpt
        finally:
            await client.aclose()
    assert raw.connections == (1 if reused else 2)


async def test_a_long_answer_is_cut_to_the_excerpt() -> None:
    body = b"x" * 200_000
    answer = b"HTTP/1.1 500 Oops\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    async with serve(lambda _: answer) as raw:
        client = WebhookClient(ALLOW, excerpt_bytes=1024)
        try:
            got = await post(client, f"http://127.0.0.1:{raw.port}/x")
        finally:
            await client.aclose()
    assert got.status == 500 and got.excerpt == b"x" * 1024


async def test_an_idle_connection_the_server_closed_is_not_an_error() -> None:
    async with serve(
        lambda _: b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", close_after=True
    ) as raw:
        client = WebhookClient(ALLOW)
        try:
            for _ in range(3):
                await post(client, f"http://127.0.0.1:{raw.port}/x")
                await asyncio.sleep(0.05)  # the server's FIN arrives meanwhile
        finally:
            await client.aclose()
    assert raw.connections == 3 and len(raw.requests) == 3


@pytest.mark.parametrize(
    "answer",
    [
        b"garbage\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
        b"HTTP/1.1 abc\r\n\r\n",
        # h11 refuses these; the hand-written parser let the last four through
        b"HTTP/1.1 200 OK\r\nno colon here\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nokk",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n",
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n",
    ],
)
async def test_broken_answers_are_http_errors(answer: bytes) -> None:
    async with serve(lambda _: answer, close_after=True) as raw:
        client = WebhookClient(ALLOW)
        try:
            with pytest.raises(HttpError):
                await post(client, f"http://127.0.0.1:{raw.port}/x")
        finally:
            await client.aclose()


async def test_nothing_listening_is_an_http_error() -> None:
    async with serve(lambda _: b"") as raw:
        port = raw.port
    client = WebhookClient(ALLOW)
    try:
        with pytest.raises(HttpError, match="could not connect"):
            await post(client, f"http://127.0.0.1:{port}/x")
    finally:
        await client.aclose()


async def test_a_kept_connection_is_not_used_once_its_address_is_refused() -> None:
    """Addresses are checked per batch: a host whose check now fails (its name resolves
    somewhere refused, or the policy changed) gets nothing, not even over a connection
    that is already open."""
    with Receiver.start() as rx:
        rx.always("/n", Reply(200))
        client = WebhookClient(ALLOW)
        url = f"http://localhost:{rx.port}/n"
        try:
            target = check_url(url, ALLOW)
            await client.post(url, target, b"{}", {}, client.resolutions())
            strict = client.resolutions()
            strict.policy = AddressPolicy(())
            with pytest.raises(UnsafeUrlError):
                await client.post(url, target, b"{}", {}, strict)
        finally:
            await client.aclose()
        assert len(rx.requests("/n")) == 1


async def test_one_lookup_per_host_per_batch() -> None:
    """Resolutions memoize: many attempts to one host in a batch resolve it once."""
    client = WebhookClient(ALLOW)
    names = client.resolutions()
    try:
        first = await names.get("localhost", 80)
        assert await names.get("localhost", 80) is first
        assert len(names._found) == 1
    finally:
        names.close()
        await client.aclose()


async def test_a_non_ascii_path_goes_out_percent_encoded() -> None:
    with Receiver.start() as rx:
        client = WebhookClient(ALLOW)
        try:
            answer = await post(client, rx.url("/钩子?x=值"))
        finally:
            await client.aclose()
        assert answer.status == 200
        assert [r.path for r in rx.requests()] == ["/%E9%92%A9%E5%AD%90?x=%E5%80%BC"]


async def test_a_body_without_length_runs_until_the_server_closes() -> None:
    async with serve(lambda _: b"HTTP/1.1 200 OK\r\n\r\nall of it", close_after=True) as raw:
        client = WebhookClient(ALLOW)
        try:
            for _ in range(2):
                got = await post(client, f"http://127.0.0.1:{raw.port}/x")
                assert got.status == 200 and got.excerpt == b"all of it"
        finally:
            await client.aclose()
    assert raw.connections == 2


@pytest.mark.parametrize("chunked", [False, True])
async def test_a_body_beyond_the_drain_limit_closes_its_connection(chunked: bool) -> None:
    body = b"y" * (MAX_DRAIN_BYTES + 1)
    if chunked:
        answer = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n" % (
            len(body),
            body,
        )
    else:
        answer = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    async with serve(lambda _: answer) as raw:
        client = WebhookClient(ALLOW, excerpt_bytes=16)
        try:
            for _ in range(2):
                got = await post(client, f"http://127.0.0.1:{raw.port}/x")
                assert got.status == 200 and got.excerpt == b"y" * 16
        finally:
            await client.aclose()
    assert raw.connections == 2


async def test_a_body_within_the_drain_limit_keeps_its_connection() -> None:
    body = b"z" * MAX_DRAIN_BYTES
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    async with serve(lambda _: answer) as raw:
        client = WebhookClient(ALLOW, excerpt_bytes=16)
        try:
            for _ in range(2):
                got = await post(client, f"http://127.0.0.1:{raw.port}/x")
                assert got.excerpt == b"z" * 16
        finally:
            await client.aclose()
    assert raw.connections == 1


async def test_a_header_value_with_a_line_break_is_refused_unsent() -> None:
    async with serve(lambda _: b"HTTP/1.1 204 No Content\r\n\r\n") as raw:
        client = WebhookClient(ALLOW)
        url = f"http://127.0.0.1:{raw.port}/x"
        try:
            with pytest.raises(HttpError, match="cannot be written"):
                await client.post(
                    url,
                    check_url(url, ALLOW),
                    b"{}",
                    {"x-a": "b\r\nx-evil: 1"},
                    client.resolutions(),
                )
        finally:
            await client.aclose()
    assert raw.requests == []
