"""Slow and greedy clients against the real server (uvicorn with the bounds of
:mod:`gongkai.connlimits`), over raw sockets: requests that never finish are closed,
one address cannot hold more than its share of connections, long-polls stay open."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator

import pytest

from api.config import ApiConfig
from gongkai.connlimits import bounded_protocol
from tests.api.conftest import LiveServer, start_live_server

TIMEOUT = 0.5
PER_ADDRESS = 6


@pytest.fixture
def bounded(database_url: str) -> Iterator[LiveServer]:
    live = start_live_server(
        database_url,
        ApiConfig(base_url="http://127.0.0.1", rate_limit_per_minute=0),
        http=bounded_protocol(receive_timeout=TIMEOUT, max_per_address=PER_ADDRESS),
        timeout_keep_alive=30,  # so the kept-alive case below is ours, not uvicorn's
    )
    yield live
    live.server.should_exit = True
    live.thread.join(15)


def connect(live: LiveServer) -> socket.socket:
    port = int(live.url.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    return sock


def read_until_closed(sock: socket.socket) -> tuple[bytes, float]:
    """Everything the server sends until it closes; and how long that took."""
    started = time.monotonic()
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data, time.monotonic() - started


def get(sock: socket.socket, path: str = "/health") -> bytes:
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: t\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"closed early: {data!r}"
        data += chunk
    return data


def test_headers_that_never_finish_are_closed(bounded: LiveServer) -> None:
    with connect(bounded) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\n")  # no blank line, ever
        data, took = read_until_closed(sock)  # the socket's own timeout is 10 s
    assert data.startswith(b"HTTP/1.1 408 ")
    assert took < 10


def test_a_silent_connection_is_closed(bounded: LiveServer) -> None:
    with connect(bounded) as sock:
        data, _ = read_until_closed(sock)
    assert data.startswith(b"HTTP/1.1 408 ")


def test_a_body_that_never_finishes_is_closed(bounded: LiveServer) -> None:
    with connect(bounded) as sock:
        sock.sendall(
            b"POST /v1/webhooks HTTP/1.1\r\nHost: t\r\ncontent-type: application/json\r\n"
            b'content-length: 1000\r\n\r\n{"url": '
        )
        data, took = read_until_closed(sock)
    assert b" 201 " not in data and took < 10


def test_trickling_bytes_does_not_keep_a_request_open(bounded: LiveServer) -> None:
    """One header byte at a time, each well within the timeout: the whole request still
    has to arrive within it."""
    request = b"GET /health HTTP/1.1\r\nHost: t\r\nX-Slow: " + b"a" * 200
    with connect(bounded) as sock:
        started = time.monotonic()
        closed = False
        for byte in request:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                closed = True
                break
            time.sleep(0.02)
            if time.monotonic() - started > 3:
                break
        if not closed:
            sock.settimeout(5)
            data, _ = read_until_closed(sock)
            assert data.startswith(b"HTTP/1.1 408 ")
    assert time.monotonic() - started < 6


def test_the_next_request_on_a_kept_alive_connection_is_bounded_too(
    bounded: LiveServer,
) -> None:
    with connect(bounded) as sock:
        assert get(sock).startswith(b"HTTP/1.1 200 ")
        time.sleep(TIMEOUT * 2)  # idle between requests: the keep-alive timeout's job
        # The rest of the first answer's body, if the first read did not already get it.
        sock.settimeout(0.5)
        with contextlib.suppress(TimeoutError):
            sock.recv(65536)
        sock.settimeout(10)
        sock.sendall(b"GET /health HTTP/1.1\r\n")  # a second request that stalls
        data, _ = read_until_closed(sock)
    assert b"408 Request Timeout" in data


def test_connections_per_address_are_limited(bounded: LiveServer) -> None:
    idle = [connect(bounded) for _ in range(PER_ADDRESS)]
    try:
        time.sleep(0.1)  # let the server accept them all
        with connect(bounded) as extra:
            data, _ = read_until_closed(extra)
        assert data.startswith(b"HTTP/1.1 503 ")
        assert b"too many connections" in data
    finally:
        for sock in idle:
            sock.close()
    time.sleep(0.2)  # the server sees them go
    with connect(bounded) as again:
        assert get(again).startswith(b"HTTP/1.1 200 ")  # room again


def test_long_polls_stay_open_past_the_receive_timeout(bounded: LiveServer) -> None:
    wait = TIMEOUT * 4
    with connect(bounded) as sock:
        started = time.monotonic()
        head = get(sock, f"/v1/changes?wait={wait}")
        took = time.monotonic() - started
    assert head.startswith(b"HTTP/1.1 200 ")
    assert took >= wait * 0.9  # it waited the whole long-poll, well past the timeout


def test_the_bounds_are_settings() -> None:
    from gongkai.settings import SettingsError, load_settings

    defaults = load_settings({})
    assert (defaults.request_receive_timeout, defaults.max_connections_per_address) == (10.0, 64)
    custom = load_settings(
        {"GONGKAI_REQUEST_RECEIVE_TIMEOUT": "2.5", "GONGKAI_MAX_CONNECTIONS_PER_ADDRESS": "0"}
    )
    assert (custom.request_receive_timeout, custom.max_connections_per_address) == (2.5, 0)
    for variable, value in [
        ("GONGKAI_REQUEST_RECEIVE_TIMEOUT", "-1"),
        ("GONGKAI_REQUEST_RECEIVE_TIMEOUT", "soon"),
        ("GONGKAI_MAX_CONNECTIONS_PER_ADDRESS", "-3"),
        ("GONGKAI_MAX_CONNECTIONS_PER_ADDRESS", "many"),
    ]:
        with pytest.raises(SettingsError) as caught:
            load_settings({variable: value})
        assert str(caught.value).startswith(variable + ":")
