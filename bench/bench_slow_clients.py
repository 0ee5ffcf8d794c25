"""Slow-client benchmark: prints figures, never passes or fails on time.

    python bench/bench_slow_clients.py

Starts ``gongkai api`` (a real process on an SQLite file in a temporary folder) twice:
with the default bounds (:mod:`gongkai.connlimits`: 10 s to send a request, 64
connections per address) and with them off (``0``, uvicorn alone: the peer). Each time
it opens 500 idle sockets from loopback that never send a byte, plus 5 that send half
a header, and reports how many the server holds, how many it refuses at once, how long
each held one is kept (up to a 20 s observation limit), and whether a well-behaved
request still gets an answer afterwards.
"""

from __future__ import annotations

import os
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

IDLE = 500
HALF = 5
OBSERVE = 20.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_api(folder: str, port: int, bounded: bool) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(
        GONGKAI_DATABASE_URL=f"sqlite:///{folder}/bench-{port}.db",
        GONGKAI_PORT=str(port),
        GONGKAI_LOAD_SAMPLE="false",
        GONGKAI_LOG_LEVEL="ERROR",
        GONGKAI_RATE_LIMIT_PER_MINUTE="0",
        PYTHONPATH=str(Path(__file__).resolve().parents[1]),
    )
    if not bounded:
        env.update(GONGKAI_REQUEST_RECEIVE_TIMEOUT="0", GONGKAI_MAX_CONNECTIONS_PER_ADDRESS="0")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gongkai", "api"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=folder,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
            return proc
        except httpx.HTTPError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gongkai api did not start: {proc.stderr}") from None
            time.sleep(0.2)


def measure(port: int) -> dict[str, float]:
    sel = selectors.DefaultSelector()
    opened: dict[socket.socket, float] = {}
    for n in range(IDLE + HALF):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.setblocking(False)
        if n >= IDLE:
            sock.send(b"GET /health HTTP/1.1\r\nHost: bench\r\n")  # never finished
        opened[sock] = time.monotonic()
        sel.register(sock, selectors.EVENT_READ)
    refused_at_once = 0
    kept: list[float] = []
    start = time.monotonic()
    while opened and time.monotonic() - start < OBSERVE:
        for key, _ in sel.select(timeout=0.2):
            sock = key.fileobj
            assert isinstance(sock, socket.socket)
            try:
                data = sock.recv(4096)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            # the first data is a 503 (refused at once) or the 408 sent just before the
            # close; an empty read is a close without an answer
            if data.startswith(b"HTTP/1.1 503"):
                refused_at_once += 1
            else:
                kept.append(time.monotonic() - opened[sock])
            sel.unregister(sock)
            sock.close()
            del opened[sock]
    still_open = len(opened)
    for sock in list(opened):
        sel.unregister(sock)
        sock.close()
    time.sleep(0.5)
    # a well-behaved client afterwards
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        answer = sock.recv(64)
    return {
        "refused_at_once": refused_at_once,
        "closed_by_server": len(kept),
        "median_kept_s": statistics.median(kept) if kept else float("nan"),
        "max_kept_s": max(kept) if kept else float("nan"),
        "still_open_after_observation": still_open,
        "healthy_afterwards": float(answer.startswith(b"HTTP/1.1 200")),
    }


def main() -> None:
    print(
        f"== {IDLE} idle sockets + {HALF} half-sent requests from one address against "
        f"`gongkai api` (observed for up to {OBSERVE:.0f} s)"
    )
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for bounded in (True, False):
            port = free_port()
            proc = start_api(folder, port, bounded)
            try:
                results[bounded] = measure(port)
            finally:
                proc.terminate()
                proc.wait(30)
    for bounded, figures in results.items():
        label = (
            "bounded (10 s receive timeout, 64 per address)"
            if bounded
            else "peer: uvicorn alone (bounds 0)"
        )
        held = figures["closed_by_server"] + figures["still_open_after_observation"]
        print(
            f"{label}: held {held:.0f}, refused at once {figures['refused_at_once']:.0f}; "
            f"closed by the server {figures['closed_by_server']:.0f} "
            f"(median kept {figures['median_kept_s']:.1f} s, max {figures['max_kept_s']:.1f} s); "
            f"still open after {OBSERVE:.0f} s: {figures['still_open_after_observation']:.0f}; "
            f"a normal request afterwards: {'200' if figures['healthy_afterwards'] else 'failed'}"
        )
    if os.environ.get("GONGKAI_BENCH_VERBOSE"):
        print(results)


if __name__ == "__main__":
    main()
