"""A real webhook receiver on loopback for tests and the benchmark.

    with Receiver.start() as rx:                # 127.0.0.1, ephemeral port, own thread
        rx.url("/a")                            # "http://127.0.0.1:PORT/a"
        rx.script("/a", Reply(503, headers={"Retry-After": "120"}), Reply(200))
        rx.always("/gone", Reply(410))          # every request to /gone
        ...
        rx.requests("/a")                       # [Received(path, headers, body, at)]
        rx.wait_for(10)                         # until 10 requests arrived (or fail)

Unscripted paths answer 200 ``ok``. ``Reply(hang=2.0)`` holds the request without
answering (timeouts), ``Reply(delay=0.2)`` answers late; ``rx.max_in_flight`` is the
most requests it held at once. Headers are recorded lowercased.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"ok"
    hang: float = 0.0
    delay: float = 0.0


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, *_: Any) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        rx = self.server.receiver
        if len(body) < length:
            # The sender died mid-request (the crash test kills workers): a real server
            # would not hand this torn request to the application either.
            rx.torn += 1
            self.close_connection = True
            return
        record = Received(
            self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.time()
        )
        reply = rx._record(record)
        try:
            self._answer(reply)
        finally:
            with rx._lock:
                rx.in_flight -= 1

    def _answer(self, reply: Reply) -> None:
        rx = self.server.receiver
        if reply.delay:
            time.sleep(reply.delay)
        if reply.hang:
            rx._stopping.wait(reply.hang)
            self.close_connection = True
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    do_GET = do_POST


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default listen backlog is 5: a worker that opens 20 connections at
    # once on a busy machine overflows it, and the dropped SYNs cost the client seconds
    # of retransmission, enough to time a delivery out. Real receivers listen wider.
    request_queue_size = 256
    receiver: Receiver


class Receiver:
    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._received: list[Received] = []
        self._scripts: dict[str, deque[Reply]] = defaultdict(deque)
        self._always: dict[str, Reply] = {}
        self._stopping = threading.Event()
        self.in_flight = 0
        self.torn = 0
        self.max_in_flight = 0
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.receiver = self
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @classmethod
    @contextmanager
    def start(cls) -> Iterator[Receiver]:
        rx = cls()
        rx._thread.start()
        try:
            yield rx
        finally:
            rx.stop()

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def script(self, path: str, *replies: Reply) -> None:
        with self._lock:
            self._scripts[path].extend(replies)

    def always(self, path: str, reply: Reply) -> None:
        with self._lock:
            self._always[path] = reply

    def _record(self, record: Received) -> Reply:
        with self._lock:
            self._received.append(record)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self._lock.notify_all()
            queue = self._scripts.get(record.path)
            if queue:
                return queue.popleft()
            return self._always.get(record.path, Reply())

    def requests(self, path: str | None = None) -> list[Received]:
        with self._lock:
            return [r for r in self._received if path is None or r.path == path]

    def wait_for(self, count: int, timeout: float = 10.0, path: str | None = None) -> None:
        deadline = time.monotonic() + timeout
        with self._lock:
            while len([r for r in self._received if path is None or r.path == path]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"expected {count} requests, got {len(self._received)} within {timeout}s"
                    )
                self._lock.wait(left)
