"""The delivery worker: claims due deliveries, POSTs them, records what happened.

    worker = DeliveryWorker(db, WorkerConfig(base_url="https://gongkai.example"))
    stop = asyncio.Event()
    await worker.run(stop)            # until stop is set; then drains within the grace period

    await worker.run_once()           # tests: deliver what is due now, return the count
    await worker.aclose()

Any number of workers may share a PostgreSQL database (see :mod:`notify.queue`); on
SQLite run one. New events wake the worker at once: on PostgreSQL through
``LISTEN gongkai_events``, in-process through :meth:`DeliveryWorker.wake`; a poll every
``poll_seconds`` catches retries that fall due and any missed wake-up.

Per delivery the worker spends no database round trip of its own: it claims up to
``batch_size`` at a time, checks a group of claimed deliveries in one query right before
sending (a webhook disabled since the claim, e.g. by revoking its owner's key, is not
sent), renders each event's body once, resolves each host once per batch, reuses
connections per origin (:mod:`notify.transport`) and writes outcomes in group commits.
A delivery stays claimed until its outcome is written, so nobody sends it twice.

As its own process: ``python -m notify --database-url URL --base-url URL``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import random
import socket
import time
from collections import deque
from collections.abc import AsyncIterator, Sequence
from types import TracebackType
from typing import Any

import sqlalchemy as sa

from models import Database
from models.ids import new_id
from models.outbox import NOTIFY_CHANNEL
from notify.clock import Clock, SystemClock
from notify.config import WorkerConfig
from notify.liveness import Liveness, release_dead_claims
from notify.payload import render_body
from notify.queue import (
    ClaimResult,
    Job,
    Outcome,
    claim,
    record_outcomes,
    release,
    sendable,
)
from notify.schedule import retry_after_seconds
from notify.signing import signed_headers
from notify.ssrf import AddressPolicy, UnsafeUrlError, check_url
from notify.transport import HttpError, Resolutions, WebhookClient

log = logging.getLogger("gongkai.notify")

#: how soon after a claim that held work back (endpoints full) to look for dead
#: workers' claims again (PostgreSQL; otherwise every ``reap_seconds``)
BLOCKED_REAP_SECONDS = 0.1


def safe_excerpt(raw: bytes, limit: int) -> str:
    """The first ``limit`` bytes of an answer as text that any database will store."""
    text = raw[:limit].decode("utf-8", errors="replace")
    # PostgreSQL text cannot hold NUL; other control characters are only noise.
    return "".join(c if c >= " " or c in "\t\n\r" else "\ufffd" for c in text)


class DeliveryWorker:
    """Delivers webhooks from the queue. See the module docstring."""

    def __init__(
        self,
        db: Database,
        config: WorkerConfig,
        *,
        clock: Clock | None = None,
        worker_id: str | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.db = db
        self.config = config
        self.clock: Clock = clock or SystemClock()
        self.policy = AddressPolicy(config.allowed_networks)
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{new_id('w')[-6:]}"
        self.rng = rng or random.Random()
        self._client = WebhookClient(self.policy, excerpt_bytes=config.excerpt_bytes)
        # Claimed deliveries waiting for a free slot, with their batch's DNS answers.
        self._queue: deque[tuple[Job, Resolutions]] = deque()
        # Bodies by event id: one event fans out to many endpoints, and its body is a
        # pure function of the event.
        self._bodies: dict[int, bytes] = {}
        self._wake = asyncio.Event()
        self._outcomes: list[tuple[Job, Outcome, asyncio.Future[None]]] = []
        self._flushing = False
        # SQLite has one writer at a time, and waiters poll for the lock with growing
        # sleeps (busy_timeout): 64 deliveries racing for it leave it idle between
        # sleeps and can starve one past the timeout. Queue our writes here instead.
        self._write_lock: asyncio.Lock | None = asyncio.Lock() if db.is_sqlite else None
        self._tasks: dict[asyncio.Task[None], Job] = {}
        self._recording: set[asyncio.Task[None]] = set()
        # Attempts over, outcomes not yet written: not in flight at their endpoints.
        self._answered: set[str] = set()
        self._starters: set[asyncio.Task[None]] = set()
        self._starting = 0  # slots reserved by groups being checked
        self._claiming: asyncio.Task[None] | None = None
        self._claim_due = True
        self._stopping = False
        self._blocked = False  # the last claim held work back (per-endpoint limit)
        self._more = False
        self._status = "not started"
        self._disable_after = dt.timedelta(seconds=config.disable_after_seconds)
        self._liveness = Liveness(db, self.worker_id)
        self._reaped_at = time.monotonic()  # the first reap comes reap_seconds after start

    # -- public surface ---------------------------------------------------------------

    def wake(self) -> None:
        """Look for due deliveries now (call after recording events in this process)."""
        self._claim_due = True
        self._wake.set()

    def status(self) -> str:
        """``"ok"`` while :meth:`run` is working, otherwise what is wrong (for /ready)."""
        return self._status

    async def run_once(self) -> int:
        """Claim and deliver everything due now (respecting the per-endpoint limit, so
        in rounds); returns the number of attempts made."""
        total = 0
        while True:
            result = await self._claim(self.config.batch_size)
            if not result.jobs:
                return total
            total += await self.deliver_batch(result.jobs)

    async def run(self, stop: asyncio.Event, grace_seconds: float = 20) -> None:
        """Work until ``stop`` is set, then let in-flight deliveries finish for up to
        ``grace_seconds``, give back the claims of the rest, and return."""
        self._status = "ok"
        stopper = asyncio.create_task(self._wake_on(stop))
        listener = (
            asyncio.create_task(self._listen(stop))
            if self.config.listen and not self.db.is_sqlite
            else None
        )
        try:
            await self._loop(stop)
        finally:
            await self._drain(grace_seconds)
            for task in (stopper, listener):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await task
            await self.aclose()
            self._status = "stopped"

    async def aclose(self) -> None:
        await self._client.aclose()
        await self._liveness.aclose()

    async def __aenter__(self) -> DeliveryWorker:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    # -- one attempt ------------------------------------------------------------------

    async def deliver(self, job: Job) -> None:
        """Make one attempt for ``job`` (claimed by this worker) and record it, unless
        its webhook was disabled (or the claim lost) since it was claimed."""
        await self.deliver_batch([job])

    async def deliver_batch(self, jobs: Sequence[Job]) -> int:
        """:meth:`deliver` for claimed ``jobs`` at once (one check, one DNS lookup per
        host); returns how many were attempted."""
        ready = await self._check(jobs)
        names = self._client.resolutions()
        try:
            await asyncio.gather(*(self._deliver_one(job, names) for job in ready))
        finally:
            names.close()
        return len(ready)

    async def _check(self, jobs: Sequence[Job]) -> list[Job]:
        """The jobs still ours to send, checked in one query right before sending: a
        webhook disabled since the claim (its key revoked, paused, gone) is not sent,
        and its delivery says why (see :func:`notify.queue.sendable`)."""
        if not jobs:
            return []
        async with self._writing():
            ok = await sendable(self.db, self.worker_id, jobs, self.clock.now())
        return [job for job in jobs if job.delivery_id in ok]

    async def _deliver_one(self, job: Job, names: Resolutions) -> None:
        outcome = await self.attempt(job, names)
        await self._record(job, outcome)

    async def _record(self, job: Job, outcome: Outcome) -> None:
        """Group commit: outcomes that finish while a write is under way are written
        together in the next transaction; each caller returns once its own is stored."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._outcomes.append((job, outcome, done))
        if not self._flushing:
            self._flushing = True
            try:
                while self._outcomes:
                    batch = self._outcomes[: self.config.batch_size]
                    del self._outcomes[: len(batch)]
                    try:
                        async with self._writing():
                            await record_outcomes(
                                self.db,
                                [(j, o) for j, o, _ in batch],
                                self.worker_id,
                                rng=self.rng,
                                disable_after=self._disable_after,
                            )
                    except BaseException as exc:
                        for _, _, fut in batch:
                            if not fut.done():
                                fut.set_exception(
                                    exc if isinstance(exc, Exception) else RuntimeError(repr(exc))
                                )
                        if not isinstance(exc, Exception):
                            raise
                    else:
                        for _, _, fut in batch:
                            if not fut.done():
                                fut.set_result(None)
            finally:
                self._flushing = False
                # Only left over when this writer was cancelled (shutdown): fail them so
                # their callers end; the claims expire and the deliveries are retried.
                for _, _, fut in self._outcomes:
                    if not fut.done():
                        fut.set_exception(RuntimeError("the outcome writer was cancelled"))
                self._outcomes.clear()
        await done

    @contextlib.asynccontextmanager
    async def _writing(self) -> AsyncIterator[None]:
        if self._write_lock is None:
            yield
        else:
            async with self._write_lock:
                yield

    async def _claim(self, limit: int) -> ClaimResult:
        if not self.db.is_sqlite:
            # Our lock vouches for our claims; without it another worker would take them.
            await self._liveness.ensure()
            since = time.monotonic() - self._reaped_at
            # Every reap_seconds, and soon after a claim that held work back (endpoints
            # full of claims, maybe a dead worker's): the sooner dead claims stop
            # counting, the less a crash-looping worker costs the rest. Two reads.
            reaping = self.config.reap_seconds < self.config.claim_seconds  # else: leases only
            if reaping and (
                since >= self.config.reap_seconds
                or (self._blocked and since >= min(BLOCKED_REAP_SECONDS, self.config.reap_seconds))
            ):
                self._reaped_at = time.monotonic()
                await release_dead_claims(self.db, self.clock.now())
        async with self._writing():
            return await claim(
                self.db,
                self.worker_id,
                self.clock.now(),
                limit=limit,
                max_per_endpoint=self.config.max_per_endpoint,
                claim_seconds=self.config.claim_seconds,
                answered=self._answered,
            )

    def _body(self, job: Job) -> bytes:
        event = job.event
        body = self._bodies.get(event.id)
        if body is None:
            body = render_body(event, self.config.base_url, self.config.max_body_bytes)
            if len(self._bodies) >= 64:
                self._bodies.clear()
            self._bodies[event.id] = body
        return body

    async def attempt(self, job: Job, names: Resolutions | None = None) -> Outcome:
        """POST ``job`` once; never raises for anything the endpoint or network does.
        ``names``: the batch's DNS answers (a fresh lookup without)."""
        now = self.clock.now()
        body = self._body(job)
        headers = signed_headers(
            job.secret,
            job.delivery_id,
            int(now.timestamp()),
            body,
            previous_secret=job.previous_secret,
        )
        headers["content-type"] = "application/json"
        headers["user-agent"] = self.config.user_agent
        started = time.monotonic()

        def elapsed() -> int:
            return int((time.monotonic() - started) * 1000)

        own = names is None
        if names is None:
            names = self._client.resolutions()
        try:
            # Cheap checks first (scheme, credentials, literal addresses); the client
            # checks every resolved address before it connects.
            target = check_url(job.url, self.policy)
            async with asyncio.timeout(self.config.timeout_seconds):
                answer = await self._client.post(job.url, target, body, headers, names)
        except UnsafeUrlError as exc:
            return Outcome(now, error=f"refused by the SSRF guard, nothing sent: {exc}")
        except TimeoutError:
            return Outcome(
                now,
                duration_ms=elapsed(),
                error=f"timed out after {self.config.timeout_seconds:g} s",
            )
        except HttpError as exc:
            return Outcome(now, duration_ms=elapsed(), error=str(exc))
        except Exception as exc:  # a bug must cost one attempt, not the worker
            log.exception(
                "webhook attempt failed unexpectedly", extra={"delivery": job.delivery_id}
            )
            return Outcome(now, duration_ms=elapsed(), error=f"internal error: {exc!r}")
        finally:
            if own:
                names.close()
        code = answer.status
        error = None
        if 300 <= code < 400:
            location = answer.headers.get("location", "")
            error = f"HTTP {code}: redirects are not followed (Location: {location[:300]})"
        elif not 200 <= code < 300:
            error = f"HTTP {code}"
        retry_after = (
            retry_after_seconds(answer.headers.get("retry-after"), now)
            if code in (429, 503)
            else None
        )
        return Outcome(
            now,
            status_code=code,
            duration_ms=elapsed(),
            excerpt=safe_excerpt(answer.excerpt, self.config.excerpt_bytes),
            error=error,
            retry_after=retry_after,
        )

    # -- the loop ---------------------------------------------------------------------

    async def _loop(self, stop: asyncio.Event) -> None:
        """Claim in batches, start claimed deliveries in groups as slots free up.

        A claim is a write transaction and the check before sending a query, so neither
        runs per delivery: the worker claims up to ``batch_size`` while fewer than
        ``concurrency`` claimed deliveries wait for a slot, and starts a group once a
        quarter of its slots (or all it has queued) are free. Claims and checks run
        beside the deliveries (each in a task of its own), so a slow database round
        trip does not leave slots idle."""
        while not stop.is_set():
            self._wake.clear()
            if self._claim_due and self._claiming is None and self._want_claim():
                self._claim_due = False
                self._claiming = asyncio.create_task(self._claim_more(stop))
            self._start_groups()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.config.poll_seconds):
                    await self._wake.wait()
                    continue
            self._claim_due = True  # the poll: retries that fell due, missed wake-ups

    async def _claim_more(self, stop: asyncio.Event) -> None:
        try:
            result = await self._claim(self.config.batch_size)
        except (OSError, sa.exc.SQLAlchemyError) as exc:
            self._status = f"database unavailable: {exc}"[:300]
            log.warning("claiming deliveries failed: %s", exc)
            await self._sleep(stop, self.config.poll_seconds * 4)
            self._claim_due = True
            return
        finally:
            self._claiming = None
            self._wake.set()
        self._status = "ok"
        self._more = result.more
        self._blocked = result.more  # work held back: endpoints full, maybe of dead claims
        if not result.jobs and result.more and not self.db.is_sqlite:
            # Nothing finishes here to wake us: look again (and reap) shortly.
            asyncio.get_running_loop().call_later(BLOCKED_REAP_SECONDS, self.wake)
        if result.jobs:
            names = self._client.resolutions()
            self._queue.extend((job, names) for job in result.jobs)
        if len(result.jobs) == self.config.batch_size:
            self._claim_due = True  # a full batch: there is more, claim again soon

    def _want_claim(self) -> bool:
        """Claim ahead while fewer than ``concurrency`` wait for a slot: the next batch
        is in before the slots run dry."""
        return len(self._queue) < self.config.concurrency

    def _free(self) -> int:
        return self.config.concurrency - len(self._tasks) - self._starting

    def _group(self) -> int:
        """How many free slots start a group."""
        return max(1, min(len(self._queue), self.config.concurrency // 4))

    def _start_groups(self) -> None:
        while self._queue and not self._stopping:
            free = self._free()
            if free < self._group():
                return
            group = [self._queue.popleft() for _ in range(min(free, len(self._queue)))]
            self._starting += len(group)
            starter = asyncio.create_task(self._start_group(group))
            self._starters.add(starter)
            starter.add_done_callback(self._starters.discard)

    async def _start_group(self, group: list[tuple[Job, Resolutions]]) -> None:
        """Check a group in one query right before sending, then start its attempts."""
        ready: set[str] = set()
        try:
            ready = {job.delivery_id for job in await self._check([job for job, _ in group])}
        except (OSError, sa.exc.SQLAlchemyError) as exc:
            log.warning("checking claimed deliveries failed (given back): %s", exc)
            with contextlib.suppress(OSError, sa.exc.SQLAlchemyError):
                await release(self.db, self.worker_id, [job.delivery_id for job, _ in group])
            return
        finally:
            self._starting -= len(group)
            self._wake.set()
        for job, names in group:
            if job.delivery_id not in ready:
                continue
            if self._stopping:  # stopped meanwhile: given back by _drain
                self._queue.append((job, names))
                continue
            task = asyncio.create_task(self._deliver_logged(job, names))
            self._tasks[task] = job
            task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.pop(task, None)
        # Start the next group, or claim again when work was left behind: not for
        # every single finished delivery (each claim is a write transaction).
        if self._more and self._want_claim():
            self._claim_due = True
            self._wake.set()
        elif self._queue and self._free() >= self._group():
            self._wake.set()

    async def _deliver_logged(self, job: Job, names: Resolutions) -> None:
        """One attempt in the loop. Its slot frees when the answer is in: the outcome
        is written by the group commit meanwhile (the delivery stays claimed by us until
        then, so nobody takes it twice), unless too many outcomes wait to be written."""
        outcome = await self.attempt(job, names)
        self._answered.add(job.delivery_id)
        task = asyncio.create_task(self._record_logged(job, outcome))
        self._recording.add(task)
        task.add_done_callback(self._recording.discard)
        if len(self._recording) > 2 * self.config.batch_size:
            await asyncio.shield(task)  # back-pressure: the database is the bound

    async def _record_logged(self, job: Job, outcome: Outcome) -> None:
        try:
            await self._record(job, outcome)
        except asyncio.CancelledError:
            raise
        except Exception:
            # The claim expires and the delivery is tried again; keep the worker alive.
            log.exception("recording a webhook attempt failed", extra={"delivery": job.delivery_id})
        finally:
            self._answered.discard(job.delivery_id)

    async def _drain(self, grace_seconds: float) -> None:
        self._stopping = True
        pending = [t for t in (self._claiming, *self._starters) if t is not None]
        if pending:  # a claim or a check under way: its jobs end up in the queue
            await asyncio.wait(pending, timeout=max(1.0, grace_seconds))
        queued = [job for job, _ in self._queue]
        self._queue.clear()
        deadline = time.monotonic() + grace_seconds
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=grace_seconds)
        unfinished = dict(self._tasks)
        for task in unfinished:
            task.cancel()
        for task in unfinished:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._recording:  # outcomes of finished attempts: let them be written
            await asyncio.wait(list(self._recording), timeout=max(0.5, deadline - time.monotonic()))
        for task in list(self._recording):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        given_back = [j.delivery_id for j in [*unfinished.values(), *queued]]
        try:
            await release(self.db, self.worker_id, given_back)
        except (OSError, sa.exc.SQLAlchemyError) as exc:
            log.warning("releasing claims failed (they expire on their own): %s", exc)

    async def _wake_on(self, stop: asyncio.Event) -> None:
        await stop.wait()
        self._wake.set()

    async def _sleep(self, stop: asyncio.Event, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await stop.wait()

    async def _listen(self, stop: asyncio.Event) -> None:
        """LISTEN on PostgreSQL and wake on every NOTIFY; reconnect when it drops."""
        import asyncpg  # type: ignore[import-untyped]

        dsn = self.db.url.set(drivername="postgresql").render_as_string(hide_password=False)

        def on_notify(*_: Any) -> None:
            self.wake()

        while not stop.is_set():
            conn: Any = None
            try:
                conn = await asyncpg.connect(dsn)
                await conn.add_listener(NOTIFY_CHANNEL, on_notify)
                # Events recorded while we were not listening are found by this claim.
                self.wake()
                while not stop.is_set() and not conn.is_closed():
                    await self._sleep(stop, 5)
            except (OSError, asyncpg.PostgresError) as exc:
                log.warning("LISTEN %s failed, polling meanwhile: %s", NOTIFY_CHANNEL, exc)
                await self._sleep(stop, 5)
            finally:
                if conn is not None:
                    with contextlib.suppress(Exception):
                        await conn.close(timeout=2)
