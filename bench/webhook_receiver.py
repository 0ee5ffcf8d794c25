"""A fast webhook receiver for the benchmarks, in a process of its own (so its CPU is not
the worker's): plain asyncio, HTTP/1.1 keep-alive, every POST answered 204.

    python bench/webhook_receiver.py PORTS [DELAY]   # listens on PORTS loopback ports

``DELAY`` (seconds, default 0): every answer is written that long after its request
arrived, without blocking the others, as a subscriber endpoint that takes time to answer
(then the endpoints' in-flight limits, not the worker's CPU, bound the delivery rate).

It prints ``PORTS p1 p2 ...`` once listening, then reads commands on stdin, one a line:

- ``WAIT n``: answer, once ``n`` requests arrived since the last ``WAIT``, with
  ``GOT n cpu_ms t1 t2 ...`` (``time.perf_counter`` of each receipt: CLOCK_MONOTONIC,
  the same clock in every process of this machine) and start counting afresh;
- ``COUNT``: answer ``COUNT total unique`` (every request since the start, and the
  distinct ``webhook-id`` values among them: each delivery once, re-sends left out).

Each request's ``webhook-id`` is kept: ``DUPS`` answers ``DUPS d`` (ids seen twice).
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

OK = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n"


class State:
    def __init__(self) -> None:
        self.times: list[float] = []
        self.total = 0
        self.waiting: tuple[int, asyncio.Future[None]] | None = None
        self.ids: set[bytes] = set()
        self.dups = 0

    def hit(self, webhook_id: bytes | None) -> None:
        self.times.append(time.perf_counter())
        self.total += 1
        if webhook_id is not None:
            if webhook_id in self.ids:
                self.dups += 1
            self.ids.add(webhook_id)
        if self.waiting is not None and len(self.times) >= self.waiting[0]:
            fut = self.waiting[1]
            if not fut.done():
                fut.set_result(None)


class Http(asyncio.Protocol):
    def __init__(self, state: State, delay: float) -> None:
        self.state = state
        self.delay = delay
        self.buf = b""
        self.transport: Any = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # uvloop's transports are no asyncio.Transport

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buf[:end].lower()
            length = 0
            webhook_id = None
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name == b"content-length":
                    length = int(value)
                elif name == b"webhook-id":
                    webhook_id = value.strip()
            if len(self.buf) < end + 4 + length:
                return
            self.buf = self.buf[end + 4 + length :]
            self.state.hit(webhook_id)
            if self.delay:
                # In order on the connection: every answer waits the same time.
                asyncio.get_running_loop().call_later(self.delay, self.answer)
            else:
                self.transport.write(OK)

    def answer(self) -> None:
        if not self.transport.is_closing():
            self.transport.write(OK)


async def main(ports: int, delay: float) -> None:
    loop = asyncio.get_running_loop()
    state = State()
    servers = [
        await loop.create_server(lambda: Http(state, delay), "127.0.0.1", 0, backlog=1024)
        for _ in range(ports)
    ]
    numbers = [s.sockets[0].getsockname()[1] for s in servers]
    print("PORTS", *numbers, flush=True)
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := (await reader.readline()).decode().split():
        if line[0] == "WAIT":
            n = int(line[1])
            fut: asyncio.Future[None] = loop.create_future()
            state.waiting = (n, fut)
            if len(state.times) >= n:
                fut.set_result(None)
            await fut
            state.waiting = None
            times, state.times = state.times, []
            cpu = time.process_time() * 1000
            print("GOT", len(times), f"{cpu:.1f}", *(f"{t:.6f}" for t in times), flush=True)
        elif line[0] == "COUNT":
            print("COUNT", state.total, len(state.ids), flush=True)
        elif line[0] == "DUPS":
            print("DUPS", state.dups, flush=True)


if __name__ == "__main__":
    import uvloop

    uvloop.run(
        main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 1,
            float(sys.argv[2]) if len(sys.argv) > 2 else 0.0,
        )
    )
