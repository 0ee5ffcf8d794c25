"""Webhook delivery benchmark: prints figures, never passes or fails on time.

    python bench/bench_webhooks.py                      # SQLite in a temporary folder
    GONGKAI_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        python bench/bench_webhooks.py                  # a scratch database on that server

One event fanned out to 1,000 webhooks on loopback receivers, delivered by one in-process
worker (concurrency 64): time from the commit to the first and to the last receipt, and
deliveries per second. Then single events to one webhook: latency from the commit to the
receipt (PostgreSQL: the worker is woken by LISTEN/NOTIFY only; SQLite: by ``wake()``).

PostgreSQL only, a crash-looping worker: 16 endpoints (max 4 in flight each) with a
queue of 40,000 deliveries, one healthy in-process worker; its deliveries/s and every
worker's (at the receiver) over 6 s windows, alone and next to a crash-looping worker
process, in turns (``--pairs``), each next-to window against the alone window before it.
Every window starts with the healthy worker, from a fresh queue of the same depth (it
used to start at the crasher's first kill, so the healthy worker had drained part of the
queue, only in the next-to windows). Crashers (``--crashers``): ``real``, a worker process
running its normal loop (``DeliveryWorker.run``, as ``gongkai worker``), SIGKILLed at a
seeded random moment 1-4 s after its start and restarted at once; ``liveness``, the worst
case: a process that claims all it may, is SIGKILLed 0.5 s later before sending, again
and again; ``lease``, the worst case with claims that only expire with their lease (the
peer: ``reap_seconds`` off).

Figures (2026-12-01, 2 cores shared with other work; ratio per pair, then the median of
3 pairs). Run A (``--crashers real,liveness``, load average 2.9 -> 2.0): alone 555-768
deliveries/s; next to ``real`` the healthy worker's own rate 0.50, 0.86, 0.77 (0.77),
every worker's deliveries 0.75, 0.96, 0.87 (0.87); next to ``liveness`` 0.76, 0.82, 0.93
(0.82). Run B, the final code (``real,liveness,lease``, load average 0.4 -> 3.0, alone
falling from 843 to 320 deliveries/s as the load rose): ``real`` own 0.34, 0.66, 0.57
(0.57), every worker's 0.71, 0.89, 0.65 (0.71); ``liveness`` 0.84, 0.54, 0.93 (0.84);
``lease`` 1.00, 0.34, 0.94 (0.94: starting with the healthy worker, which holds every
slot, the crasher mostly claims nothing; when it gets in, 64 dead claims block for the
lease, 0.34). A dead crasher's claims stopped counting 0.03-0.14 s after the kill (means
per window; max 0.32 s), PostgreSQL ending its session 0.01-0.03 s after. Every worker's
deliveries are counted at the receiver: a delivery sent by a crasher just before its
kill is sent again, and counted twice.

Endpoint-bound (``--receiver-delay 0.25``: every endpoint answers 250 ms after the request,
so the 16 x 4 in-flight slots, not the CPU, bound the rate, as with real subscribers and as
in the audit that measured 46 deliveries/s alone). The receiver also counts distinct
``webhook-id`` values: deliveries each counted once, re-sends after a kill left out.
2026-12-01, ``--crashers real,liveness --pairs 5``, load average 4.5 -> 7.1 (the machine
shared with five other jobs; alone 53-128 deliveries/s as the load moved): next to ``real``
the healthy worker's own rate 0.83, 0.90, 0.87, 0.67, 0.77 (median 0.83), distinct
deliveries of every worker 1.00, 0.90, 0.87, 0.67, 0.77 (median 0.87); next to
``liveness`` (a live process holding every slot it could claim for 0.5 s, then killed)
1.14, 0.68, 0.49, 0.96, 0.65 (median 0.68). The crasher came up 2.2-3.8 s after its
start under that load, so it was killed before sending in most lives; its claims stopped
counting 0.09-1.08 s after a kill (mean per window; 0.09-0.26 s in 7 of 10 windows).
Then claims that read a few rows per webhook (alembic 0011; before, each claim sorted the
whole queue of 40,000: 100-400 ms a claim under that load). Same command, load average
2.9 -> 4.0: alone 171-206 deliveries/s; next to ``real`` the healthy worker's own rate
0.58, 0.83, 0.74, 0.80, 0.81 (median 0.80: the crasher, up in 1.3 s now, sends its share
while it lives), distinct deliveries of every worker 0.88, 0.84, 0.77, 0.97, 0.98 (median
0.88); next to ``liveness`` 1.10, 0.89, 0.94, 1.06, 0.93 (median 0.94). A dead crasher's
claims stopped counting 0.12 s after its kill (mean; max 0.31 s).

Tried and dropped: each claim limited to a share of an endpoint's limit (ceil(4 / live
workers)) while others are live. In one run (load average 2.8 -> 2.2) it made things
worse: next to ``real`` own 0.40, 0.46, 0.49, every worker's 0.48, 0.60, 0.74; next to
``liveness`` 0.47, 0.46, 0.64. A live crasher starting up or sitting on its share
leaves that share idle while the healthy worker may not use it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import os
import random
import signal
import statistics
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models import Database, Delivery, Subscription
from models.ids import new_id
from models.migrations import upgrade
from models.outbox import record_event
from notify import DeliveryWorker, WorkerConfig, generate_secret

FAN_OUT = 1000
ROUNDS = 3
LATENCY_SAMPLES = 20
CRASH_ENDPOINTS = 16
CRASH_EVENTS = 2500
CRASH_WINDOW = 6.0
CRASH_PAIRS = 3
ROOT = Path(__file__).resolve().parents[1]
#: a file name prefix: profile the fan-out rounds (cProfile) into it
PROFILE = os.environ.get("GONGKAI_BENCH_PROFILE")


class Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: list[float] = []

    def hit(self) -> None:
        with self.lock:
            self.times.append(time.perf_counter())


def start_receiver(counter: Counter) -> ThreadingHTTPServer:
    """A receiver thread in this process (it shares the GIL with the worker)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: Any) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            counter.hit()
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


async def wait_count(counter: Counter, n: int, limit: float = 120) -> None:
    deadline = time.perf_counter() + limit
    while len(counter.times) < n:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"only {len(counter.times)} of {n} arrived")
        await asyncio.sleep(0.001)


class ExternalReceiver:
    """``bench/webhook_receiver.py`` in its own process: its CPU is not the worker's."""

    def __init__(self, proc: asyncio.subprocess.Process, ports: list[int]) -> None:
        self.proc = proc
        self.ports = ports

    @classmethod
    async def start(cls, ports: int, delay: float = 0.0) -> ExternalReceiver:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, str(ROOT / "bench" / "webhook_receiver.py"), str(ports), str(delay),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert proc.stdout is not None
        line = (await proc.stdout.readline()).decode().split()
        assert line and line[0] == "PORTS", line
        return cls(proc, [int(p) for p in line[1:]])

    async def ask(self, command: str, limit: float = 120) -> list[str]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command.encode() + b"\n")
        await self.proc.stdin.drain()
        async with asyncio.timeout(limit):
            return (await self.proc.stdout.readline()).decode().split()

    async def wait(self, n: int) -> list[float]:
        """The receipt times (perf_counter) of the next ``n`` requests."""
        answer = await self.ask(f"WAIT {n}")
        return [float(t) for t in answer[3:]]

    async def stop(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()
        await self.proc.wait()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def subscribe_and_run(
    db: Database, urls: list[str]
) -> tuple[DeliveryWorker, asyncio.Event, asyncio.Task[None]]:
    """Replace every subscription by one per URL (``dataset.updated``) and start a worker
    on them; set the event to stop it, await the task to wait for it."""
    async with db.transaction() as session:
        await session.execute(sa.delete(Subscription))
        for url in urls:
            session.add(
                Subscription(
                    id=new_id("sub"),
                    url=url,
                    secret=generate_secret(),
                    event_types=["dataset.updated"],
                )
            )
    worker = DeliveryWorker(db, WorkerConfig(allowed_networks=("127.0.0.0/8",)))
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    await asyncio.sleep(0.5)  # LISTEN connects
    return worker, stop, task


async def fan_out(db: Database, label: str, ports: int) -> None:
    """One event to FAN_OUT webhooks on ``ports`` loopback ports (different paths)."""
    receiver = await ExternalReceiver.start(ports)
    urls = [f"http://127.0.0.1:{receiver.ports[i % len(receiver.ports)]}/hook/{i}"
            for i in range(FAN_OUT)]  # fmt: skip
    worker, stop, task = await subscribe_and_run(db, urls)
    print(
        f"== {label}: one event to {FAN_OUT} webhooks on {ports} port(s), 1 worker "
        f"(default config), receiver in another process"
    )
    rates, cpus = [], []
    profiler = cProfile.Profile() if PROFILE else None
    for round_ in range(ROUNDS + 1):
        if profiler is not None and round_ == 1:
            profiler.enable()
        cpu = time.process_time()
        async with db.transaction() as session:
            await record_event(session, "dataset.updated", {"dataset": "bench", "round": round_})
        committed = time.perf_counter()
        if db.is_sqlite:
            worker.wake()
        times = await receiver.wait(FAN_OUT)
        cpu_ms = (time.process_time() - cpu) * 1000 / FAN_OUT
        lat = [(t - committed) * 1000 for t in times]
        last = max(times) - committed
        if round_ == 0:
            print(f"warm-up: {FAN_OUT / last:.0f} deliveries/s, {cpu_ms:.2f} ms CPU per delivery")
            continue
        rates.append(FAN_OUT / last)
        cpus.append(cpu_ms)
        print(
            f"round {round_}: all {FAN_OUT} after {last:.2f} s, {FAN_OUT / last:.0f} "
            f"deliveries/s, {cpu_ms:.2f} ms CPU per delivery (worker process), "
            f"commit -> receipt p50 {pct(lat, 0.5):.0f} ms, p99 {pct(lat, 0.99):.0f} ms"
        )
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(f"{PROFILE}.{label}.{ports}")
        print(f"profile written to {PROFILE}.{label}.{ports}")
    print(
        f"median of {ROUNDS}: {statistics.median(rates):.0f} deliveries/s, "
        f"{statistics.median(cpus):.2f} ms CPU per delivery"
    )
    # Every delivery went out once, nothing left behind (outcomes land just after).
    deadline = time.perf_counter() + 10
    while True:
        async with db.session() as session:
            left = await session.scalar(
                sa.select(sa.func.count()).where(Delivery.status != "succeeded")
            )
        if not left or time.perf_counter() > deadline:
            break
        await asyncio.sleep(0.1)
    dups = (await receiver.ask("DUPS"))[1]
    print(f"deliveries not succeeded: {left}; webhook-ids received twice: {dups}")
    stop.set()
    await task
    await receiver.stop()


async def bench(db: Database, label: str, ports: list[int]) -> None:
    await upgrade(db)
    for n in ports:
        await fan_out(db, label, n)

    # Latency of single events: one subscription only.
    counter = Counter()
    server = start_receiver(counter)
    worker, stop, task = await subscribe_and_run(
        db, [f"http://127.0.0.1:{server.server_address[1]}/one"]
    )
    latencies = []
    for n in range(LATENCY_SAMPLES):
        counter.times.clear()
        async with db.transaction() as session:
            await record_event(session, "dataset.updated", {"dataset": "bench", "n": n})
        committed = time.perf_counter()
        if db.is_sqlite:
            worker.wake()
        await wait_count(counter, 1)
        latencies.append((counter.times[0] - committed) * 1000)
        await asyncio.sleep(0.05)
    wake = "LISTEN/NOTIFY" if not db.is_sqlite else "wake()"
    print(
        f"commit -> receipt, single events ({wake}): median {statistics.median(latencies):.1f} ms,"
        f" p95 {sorted(latencies)[int(0.95 * len(latencies)) - 1]:.1f} ms,"
        f" max {max(latencies):.1f} ms"
    )
    stop.set()
    await task
    server.shutdown()


# A worker that dies at the worst moment: it claims all it may (4 per endpoint, as any
# worker does with a deep queue), then is killed before it sends anything.
CRASHER = """
import asyncio, sys
from models import Database
from notify import DeliveryWorker, WorkerConfig

async def main():
    config = WorkerConfig(allowed_networks=("127.0.0.0/8",), reap_seconds=float(sys.argv[2]))
    worker = DeliveryWorker(Database(sys.argv[1]), config)
    result = await worker._claim(1000)
    print("CLAIMED", len(result.jobs), worker.worker_id, flush=True)
    await asyncio.sleep(3600)

asyncio.run(main())
"""


# A realistic crash loop: a real worker process running its normal loop
# (``DeliveryWorker.run``, as ``gongkai worker`` runs it), SIGKILLed at a random moment.
REAL_CRASHER = """
import asyncio, sys
from models import Database
from notify import DeliveryWorker, WorkerConfig

async def main():
    config = WorkerConfig(allowed_networks=("127.0.0.0/8",))
    worker = DeliveryWorker(Database(sys.argv[1]), config)
    print("STARTED", 0, worker.worker_id, flush=True)
    await worker.run(asyncio.Event())

asyncio.run(main())
"""
#: seconds after its start at which the realistic crasher is killed: uniform in this
#: range, from a seeded generator (the same sequence every run)
REAL_KILL_AFTER = (1.0, 4.0)
REAL_SEED = 15


class Crashes:
    """What the crash looper did: when each crasher was started, had claimed, died."""

    def __init__(self) -> None:
        self.spawned: list[float] = []
        self.claimed_at: list[float] = []
        self.killed: list[float] = []
        #: kill -> PostgreSQL has ended the dead worker's session (its lock is gone)
        self.session_end: list[float] = []
        #: kill -> none of its claims count any more
        self.counting: list[float] = []
        self.claimed = 0


async def crash_looper(db: Database, url: str, stop: asyncio.Event, first_kill: asyncio.Event,
                       *, reap: bool, log: Crashes, real: bool = False) -> None:  # fmt: skip
    """Start a worker process, SIGKILL it 0.5 s after it has claimed, again, until
    ``stop``. ``real``: the process runs the worker's normal loop and is killed
    REAL_KILL_AFTER seconds (seeded, uniform) after it was started."""
    watchers: set[asyncio.Task[None]] = set()
    rng = random.Random(REAL_SEED)
    while not stop.is_set():
        spawned = time.perf_counter()
        log.spawned.append(spawned)
        lifetime = rng.uniform(*REAL_KILL_AFTER)
        script = REAL_CRASHER if real else CRASHER
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", script, url, "1" if reap else "1e9",
            cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        assert proc.stdout is not None
        line = (await proc.stdout.readline()).decode()
        crasher_id = None
        if line.startswith(("CLAIMED", "STARTED")):
            log.claimed += int(line.split()[1])
            log.claimed_at.append(time.perf_counter())
            crasher_id = line.split()[2]
        wait = max(0.0, spawned + lifetime - time.perf_counter()) if real else 0.5
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(wait):
                await stop.wait()
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        killed = time.perf_counter()
        log.killed.append(killed)
        first_kill.set()
        if crasher_id is not None and reap:
            watchers.add(asyncio.create_task(watch_dead(db, crasher_id, killed, log)))
    if watchers:
        await asyncio.wait(watchers, timeout=5)


async def watch_dead(db: Database, crasher_id: str, killed: float, log: Crashes) -> None:
    """How long after the kill PostgreSQL ended the dead worker's session, and how long
    its claims kept counting (whoever gave them back)."""
    from notify.liveness import live_keys, lock_key

    # Polling is the only way to see either happen.
    while lock_key(crasher_id) in await live_keys(db):
        if time.perf_counter() > killed + 5:
            return
        await asyncio.sleep(0.01)
    log.session_end.append(time.perf_counter() - killed)
    while True:
        async with db.session() as session:
            counting = await session.scalar(
                sa.select(sa.func.count()).where(
                    Delivery.status == "pending",
                    Delivery.claim_expires_at > sa.func.now(),
                    Delivery.claimed_by == crasher_id,
                )
            )
        if not counting or time.perf_counter() > killed + 5:
            break
        await asyncio.sleep(0.01)
    log.counting.append(time.perf_counter() - killed)


async def healthy_rate(
    db: Database, url: str, crasher: str | None, receiver: ExternalReceiver
) -> dict[str, float]:
    """One in-process worker over CRASH_WINDOW seconds, with no other worker
    (``crasher=None``) or next to a crash-looping one (``"liveness"`` or ``"lease"``: the
    worst case; ``"real"``: a worker running its normal loop, killed at a random moment),
    counted from the moment the healthy worker starts, the same in every mode, so every
    window starts from the same queue: its deliveries/s, everybody's deliveries/s (at the
    receiver), its CPU, how long the claims of each dead crasher kept counting, how often
    its claims came back empty because others' claims filled every endpoint."""
    import notify.worker as worker_module

    reap = crasher != "lease"
    config = WorkerConfig(
        allowed_networks=("127.0.0.0/8",), reap_seconds=1.0 if reap else 1e9, poll_seconds=0.2
    )
    worker = DeliveryWorker(db, config)
    attempts = 0
    attempt = worker.attempt

    async def counted(job: Any, *rest: Any) -> Any:
        nonlocal attempts
        attempts += 1
        return await attempt(job, *rest)

    worker.attempt = counted  # type: ignore[method-assign,assignment]
    claims = blocked = 0
    claim = worker._claim

    async def watched(limit: int) -> Any:
        nonlocal claims, blocked
        result = await claim(limit)
        claims += 1
        blocked += not result.jobs and result.more
        return result

    worker._claim = watched  # type: ignore[method-assign]
    released: list[float] = []
    reaper = worker_module.release_dead_claims  # type: ignore[attr-defined]

    async def reaping(*args: Any, **kwargs: Any) -> int:
        n = await reaper(*args, **kwargs)
        if n:
            released.append(time.perf_counter())
        return n

    worker_module.release_dead_claims = reaping  # type: ignore[attr-defined]
    stop, first_kill = asyncio.Event(), asyncio.Event()
    crashes = Crashes()
    async with db.session() as session:
        depth = await session.scalar(sa.select(sa.func.count()).where(Delivery.status == "pending"))
    received, received_unique = map(int, (await receiver.ask("COUNT"))[1:3])
    # The crasher and the healthy worker start together, and the window with them:
    # counting from the first kill instead let the healthy worker drain the queue
    # meanwhile in the next-to windows only (the crasher takes ~0.7 s to start).
    looper = (
        asyncio.create_task(
            crash_looper(db, url, stop, first_kill, reap=reap, log=crashes, real=crasher == "real")
        )
        if crasher is not None
        else None
    )
    began, before, cpu = time.perf_counter(), attempts, time.process_time()
    task = asyncio.create_task(worker.run(stop))
    claims_before, blocked_before = claims, blocked
    await asyncio.sleep(CRASH_WINDOW)
    done, took = attempts - before, time.perf_counter() - began
    cpu_used = time.process_time() - cpu
    received_now, unique_now = map(int, (await receiver.ask("COUNT"))[1:3])
    everybody, unique = received_now - received, unique_now - received_unique
    async with db.session() as session:
        dead_claims = await session.scalar(
            sa.select(sa.func.count()).where(
                Delivery.status == "pending",
                Delivery.claim_expires_at > sa.func.now(),
                Delivery.claimed_by != worker.worker_id,
            )
        )
        due = await session.scalar(sa.select(sa.func.count()).where(Delivery.status == "pending"))
    stop.set()
    await task
    if looper is not None:
        await looper
    worker_module.release_dead_claims = reaper  # type: ignore[attr-defined]
    waits = crashes.counting
    startups = [c - s for s, c in zip(crashes.spawned, crashes.claimed_at, strict=False)]
    ended = began + took  # the last kill comes with the stop, not from the plan
    killed = [k for k in crashes.killed if k <= ended]
    lives = [k - s for s, k in zip(crashes.spawned, killed, strict=False)]
    return {
        "rate": done / took,
        "total": everybody / took,
        "unique": unique / took,
        "depth": int(depth or 0),
        "cpu": cpu_used / took,
        "cpu_ms": cpu_used * 1000 / max(1, done),
        "kills": len(killed),
        "dead": int(dead_claims or 0),
        "due": int(due or 0),
        "release_wait": statistics.mean(waits) if waits else 0.0,
        "release_wait_max": max(waits) if waits else 0.0,
        "startup": statistics.median(startups) if startups else 0.0,
        "life": statistics.median(lives) if lives else 0.0,
        "held": crashes.claimed / max(1, len(crashes.claimed_at)),
        "session_end": statistics.mean(crashes.session_end) if crashes.session_end else 0.0,
        "claims": claims - claims_before,
        "blocked": blocked - blocked_before,
    }


NAMES = {
    None: "alone",
    "real": "next to a crash-looping worker (its normal loop, killed 1-4 s after start)",
    "liveness": "next to a crash-looping worker (worst case: claims all, killed 0.5 s later)",
    "lease": "next to a crash-looping worker (worst case, claims expire with the lease: peer)",
}


async def bench_crash_loop(db: Database, modes: list[str], pairs: int, delay: float) -> None:
    receiver = await ExternalReceiver.start(4, delay)
    url = db.url.render_as_string(hide_password=False)
    print(
        f"== PostgreSQL: a crash-looping worker; {CRASH_ENDPOINTS} endpoints, "
        f"max 4 in flight each, a deep queue, {CRASH_WINDOW:.0f} s windows, "
        f"receiver in another process"
        + (f" answering each request {delay * 1000:.0f} ms after it came" if delay else "")
        + f"; load average {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} cores"
    )
    figures: dict[str | None, list[dict[str, float]]] = {}
    # Alone and next to a crasher in turns: the machine's load drifts, ratios of
    # neighbouring windows are the figure.
    order: list[str | None] = []
    for _ in range(pairs):
        for mode in modes:
            order += [None, mode]
    for crasher in order:
        async with db.transaction() as session:
            # Deliveries go with their subscriptions (ON DELETE CASCADE): a fresh queue.
            await session.execute(sa.delete(Subscription))
            for i in range(CRASH_ENDPOINTS):
                port = receiver.ports[i % len(receiver.ports)]
                session.add(
                    Subscription(
                        id=new_id("sub"),
                        url=f"http://127.0.0.1:{port}/crash/{i}",
                        secret=generate_secret(),
                        event_types=["publication.created"],
                    )
                )
        for start in range(0, CRASH_EVENTS, 100):
            async with db.transaction() as session:
                for n in range(start, start + 100):
                    await record_event(session, "publication.created", {"n": n})
        got = await healthy_rate(db, url, crasher, receiver)
        figures.setdefault(crasher, []).append(got)
        print(
            f"healthy worker {NAMES[crasher]}: {got['rate']:.0f} deliveries/s (all workers "
            f"{got['total']:.0f}/s at the receiver, {got['unique']:.0f}/s distinct "
            f"deliveries), CPU {got['cpu']:.0%} "
            f"of a core ({got['cpu_ms']:.2f} ms per delivery); {got['claims']:.0f} claims, "
            f"{got['blocked']:.0f} came back empty with work left; queue "
            f"{got['depth']:.0f} at the start, {got['due']:.0f} at the end"
            + (" (the queue ran low: a floor, not the rate)" if got["due"] < 1000 else "")
        )
        if got["kills"]:
            print(
                f"  crasher killed {got['kills']:.0f} times in the window, "
                f"{got['life']:.2f} s after its start (median); up {got['startup']:.2f} s "
                f"after its start (median)"
                + (f", claimed {got['held']:.0f} at once" if crasher != "real" else "")
                + "; "
                f"its claims kept counting {got['release_wait']:.2f} s after a kill (mean, "
                f"max {got['release_wait_max']:.2f} s; PostgreSQL ended its session "
                f"{got['session_end']:.2f} s after the kill, mean); dead claims counting at "
                f"the end: {got['dead']:.0f}"
            )
    # Each next-to window against the alone window just before it.
    previous: dict[str, float] | None = None
    ratios: dict[str, list[tuple[float, float, float]]] = {}
    index = {mode: 0 for mode in figures}
    for crasher in order:
        got = figures[crasher][index[crasher]]
        index[crasher] += 1
        if crasher is None:
            previous = got
        elif previous is not None:
            ratios.setdefault(crasher, []).append(
                (
                    got["rate"] / previous["rate"],
                    got["total"] / previous["total"],
                    got["unique"] / previous["unique"],
                )
            )
    for crasher, pairs_ in ratios.items():
        own = ", ".join(f"{r:.2f}" for r, _, _ in pairs_)
        both = ", ".join(f"{t:.2f}" for _, t, _ in pairs_)
        distinct = ", ".join(f"{u:.2f}" for _, _, u in pairs_)
        print(
            f"  ratio to the alone window before, {NAMES[crasher].split('(')[1].rstrip(')')}:"
            f" healthy worker's own {own} (median "
            f"{statistics.median(r for r, _, _ in pairs_):.2f}); all deliveries {both} (median "
            f"{statistics.median(t for _, t, _ in pairs_):.2f}); distinct deliveries "
            f"{distinct} (median {statistics.median(u for _, _, u in pairs_):.2f})"
        )
    await receiver.stop()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--ports", default="1,20", help="receiver ports for the fan-out, one run each"
    )
    parser.add_argument(
        "--only", choices=("fanout", "crash"), help="run one part (crash: PostgreSQL only)"
    )
    parser.add_argument(
        "--crashers",
        default="real,liveness,lease",
        help="crash-loop modes, each next to alone in turns (real, liveness, lease)",
    )
    parser.add_argument(
        "--pairs", type=int, default=CRASH_PAIRS, help="alone/next-to pairs per mode"
    )
    parser.add_argument(
        "--receiver-delay",
        type=float,
        default=0.0,
        help="crash loop: seconds each endpoint takes to answer (0: at once, CPU-bound)",
    )
    args = parser.parse_args()
    ports = [int(p) for p in args.ports.split(",") if p]
    pg = os.environ.get("GONGKAI_BENCH_POSTGRES_URL")
    if pg:
        admin = Database(pg)
        name = f"gongkai_bench_{uuid.uuid4().hex[:8]}"
        async with admin.engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        db = Database(admin.url.set(database=name))
        try:
            if args.only != "crash":
                await bench(db, "PostgreSQL", ports)
            else:
                await upgrade(db)
            if args.only != "fanout":
                modes = [m for m in args.crashers.split(",") if m]
                await bench_crash_loop(db, modes, args.pairs, args.receiver_delay)
        finally:
            await db.dispose()
            async with admin.engine.connect() as conn:
                conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            await admin.dispose()
    else:
        with tempfile.TemporaryDirectory() as folder:
            db = Database(f"sqlite+aiosqlite:///{folder}/bench.db")
            try:
                await bench(db, "SQLite", ports)
            finally:
                await db.dispose()


if __name__ == "__main__":
    asyncio.run(main())
