"""The delivery queue in the database: claiming, recording outcomes, re-queuing.

A delivery is *due* when ``status = 'pending'``, ``next_attempt_at <= now`` and nobody
holds an unexpired claim on it. Workers claim in one short transaction (PostgreSQL:
``FOR UPDATE SKIP LOCKED``, so any number of workers share the queue without waiting on
each other), POST outside any transaction, and record the outcome in another::

    result = await claim(db, "w1", now, limit=50, max_per_endpoint=4, claim_seconds=60)
    ok = await sendable(db, "w1", result.jobs, now)   # right before sending: still ours,
    ...  # POST each job in ok                      # the webhook still enabled
    await record_outcomes(db, [(job, outcome), ...], "w1", rng=random.Random(), disable_after=...)

A claim is ``claimed_by`` + ``claim_expires_at``; a crashed worker's claims simply expire
and the deliveries become due again (at-least-once; the same ``webhook-id`` each time).

On SQLite every claim runs in a ``BEGIN IMMEDIATE`` transaction, so claims are serialized
and the claim columns keep even a second worker process safe; one worker is the
supported setup there.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from models import ChangeEvent, Database, Delivery, DeliveryAttempt, Subscription
from models.outbox import record_event
from notify.schedule import next_delay


@dataclass(frozen=True)
class Job:
    """One claimed delivery with what sending it needs."""

    delivery_id: str
    subscription_id: str
    attempt_count: int
    url: str
    secret: str
    previous_secret: str | None
    event: ChangeEvent


@dataclass(frozen=True)
class Outcome:
    """What one attempt did. ``status_code`` is None when no answer came."""

    attempted_at: dt.datetime
    status_code: int | None = None
    duration_ms: int | None = None
    excerpt: str | None = None
    error: str | None = None
    retry_after: float | None = None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass(frozen=True)
class ClaimResult:
    jobs: list[Job]
    #: more was due than this claim took (per-endpoint or batch limits): claim again soon
    more: bool


@dataclass(frozen=True)
class QueueStats:
    due: int
    oldest_due_age_seconds: float | None


def pending(delivery: Any = Delivery) -> sa.ColumnElement[bool]:
    """``status = 'pending'`` with the literal the partial queue indexes are defined by
    (a bound parameter would not match them)."""
    return delivery.status == sa.literal_column("'pending'")  # type: ignore[no-any-return]


def _due(now: dt.datetime, delivery: Any = Delivery) -> sa.ColumnElement[bool]:
    return sa.and_(
        pending(delivery),
        delivery.next_attempt_at <= now,
        sa.or_(delivery.claim_expires_at.is_(None), delivery.claim_expires_at <= now),
    )


def _is_due(delivery: Delivery, now: dt.datetime) -> bool:
    """:func:`_due` for a row read under its lock."""
    return (
        delivery.status == "pending"
        and delivery.next_attempt_at is not None
        and delivery.next_attempt_at <= now
        and (delivery.claim_expires_at is None or delivery.claim_expires_at <= now)
    )


def _candidates(db: Database, now: dt.datetime, limit: int, per_endpoint: int) -> Any:
    """The ids of the deliveries a claim considers: each enabled webhook's next
    ``per_endpoint`` due ones (one more tells whether work is left behind), the first of
    every webhook before the second of any, so one busy endpoint cannot fill the batch."""
    if db.is_sqlite:
        # No LATERAL: rank the due rows (the pending index holds them). One SQLite
        # file has one worker and a shallow queue.
        rank = (
            sa.func.row_number()
            .over(
                partition_by=Delivery.subscription_id,
                order_by=(Delivery.next_attempt_at, Delivery.id),
            )
            .label("rank")
        )
        ranked = (
            sa.select(Delivery.id, Delivery.next_attempt_at, rank)
            .join(Subscription, Subscription.id == Delivery.subscription_id)
            .where(_due(now), Subscription.enabled.is_(True))
            .subquery()
        )
        return (
            sa.select(ranked.c.id)
            .where(ranked.c.rank <= per_endpoint)
            .order_by(ranked.c.rank, ranked.c.next_attempt_at)
            .limit(limit + per_endpoint)
        )
    # PostgreSQL: per webhook, the first few rows of its part of the pending index, so a
    # claim reads (webhooks x per_endpoint) index entries whatever the queue's depth.
    webhook, queued = aliased(Subscription), aliased(Delivery)
    rank = sa.func.row_number().over(order_by=(queued.next_attempt_at, queued.id)).label("rank")
    head = (
        sa.select(queued.id, queued.next_attempt_at, rank)
        .where(queued.subscription_id == webhook.id, _due(now, queued))
        .order_by(queued.next_attempt_at, queued.id)
        .limit(per_endpoint)
        .correlate(webhook)
        .lateral("head")
    )
    return (
        sa.select(head.c.id)
        .select_from(webhook)
        .join(head, sa.true())
        .where(webhook.enabled.is_(True))
        .order_by(head.c.rank, head.c.next_attempt_at)
        .limit(limit + per_endpoint)
    )


async def claim(
    db: Database,
    worker_id: str,
    now: dt.datetime,
    *,
    limit: int,
    max_per_endpoint: int,
    claim_seconds: float,
    answered: Collection[str] = (),
) -> ClaimResult:
    """Claim up to ``limit`` due deliveries, at most ``max_per_endpoint`` in flight per
    subscription counting every worker's live claims, except ``answered``: this
    worker's claims whose attempt is over and whose outcome is being written (they
    are no longer in flight at the endpoint, and stay claimed, so never taken twice)."""
    candidate_ids = _candidates(db, now, limit, max_per_endpoint + 1)
    async with db.transaction() as session:
        # Locked by primary key, then checked here: FOR UPDATE returns the latest
        # version of each row, so a delivery another worker claimed a moment ago is seen
        # claimed and not taken twice. (The due condition in the statement instead let
        # PostgreSQL, with statistics from before a burst of deliveries, read the whole
        # queue by the status index.) What sending needs comes with the same statement.
        locked = (
            await session.execute(
                sa.select(Delivery, ChangeEvent, Subscription)
                .join(ChangeEvent, ChangeEvent.id == Delivery.event_id)
                .join(Subscription, Subscription.id == Delivery.subscription_id)
                .where(Delivery.id.in_(candidate_ids))
                .order_by(Delivery.next_attempt_at, Delivery.id)
                .with_for_update(skip_locked=True, of=Delivery)
            )
        ).all()
        rows = [row for row in locked if _is_due(row[0], now)]
        if not rows:
            return ClaimResult([], False)
        by_sub: dict[str, list[str]] = defaultdict(list)
        for d, _, _ in rows:
            by_sub[d.subscription_id].append(d.id)
        subs = list(by_sub)
        if not db.is_sqlite:
            # Serialize claimers per subscription so the in-flight count below is exact;
            # a subscription another worker is claiming for right now waits for the next
            # round. NO KEY UPDATE does not block inserts of deliveries referencing it.
            subs = list(
                await session.scalars(
                    sa.select(Subscription.id)
                    .where(Subscription.id.in_(subs))
                    .with_for_update(skip_locked=True, key_share=True)
                )
            )
        # Every webhook's claims in flight, read by the pending-claims index: a few
        # per worker slot, however many deliveries a webhook has waiting or has had.
        in_flight = Counter(
            await session.scalars(
                # Counted here: a GROUP BY let SQLite walk the queue in webhook order.
                sa.select(Delivery.subscription_id).where(
                    pending(),
                    Delivery.claim_expires_at > now,
                    *([Delivery.id.not_in(list(answered))] if answered else []),
                )
            )
        )
        chosen: list[str] = []
        more = len(subs) < len(by_sub)
        for sub_id in subs:
            room = max(0, max_per_endpoint - in_flight.get(sub_id, 0))
            ids = by_sub[sub_id]
            take = ids[: min(room, limit - len(chosen))]
            chosen.extend(take)
            more = more or len(take) < len(ids)
        if not chosen:
            return ClaimResult([], more)
        await session.execute(
            sa.update(Delivery)
            .where(Delivery.id.in_(chosen))
            .values(
                claimed_by=worker_id, claim_expires_at=now + dt.timedelta(seconds=claim_seconds)
            )
            .execution_options(synchronize_session=False)
        )
        taken = set(chosen)
        jobs = [
            Job(
                delivery_id=d.id,
                subscription_id=s.id,
                attempt_count=d.attempt_count,
                url=s.url,
                secret=s.secret,
                previous_secret=(
                    s.previous_secret
                    if s.previous_secret_expires_at is not None
                    and s.previous_secret_expires_at > now
                    else None
                ),
                event=e,
            )
            for d, e, s in rows
            if d.id in taken
        ]
    return ClaimResult(jobs, more)


async def sendable(db: Database, worker_id: str, jobs: Sequence[Job], now: dt.datetime) -> set[str]:
    """Which of ``jobs`` may be sent now: still pending, still claimed by ``worker_id``,
    their webhook still enabled. One query, right before sending: a webhook disabled
    after the claim (its owner's key revoked, paused, 410) is not sent. Disabling
    fails the webhook's pending deliveries with the reason; one left pending under our
    claim is failed here the same way ("not sent")."""
    if not jobs:
        return set()
    ids = [job.delivery_id for job in jobs]
    # One statement on an autocommit connection: no BEGIN, ROLLBACK or ping around it.
    rows = await db.read(
        sa.select(
            Delivery.id,
            Delivery.status,
            Delivery.claimed_by,
            Subscription.enabled,
            Subscription.disabled_reason,
        )
        .join(Subscription, Subscription.id == Delivery.subscription_id)
        .where(Delivery.id.in_(ids))
    )
    ok: set[str] = set()
    stale: dict[str, list[str]] = defaultdict(list)
    for delivery_id, status, claimed_by, enabled, reason in (tuple(r) for r in rows):
        if status != "pending" or claimed_by != worker_id:
            continue  # done, failed by a disable, or taken over: not ours to send
        if enabled:
            ok.add(delivery_id)
        else:
            stale[reason or "disabled"].append(delivery_id)
    if stale:
        async with db.transaction() as session:
            for reason, stale_ids in stale.items():
                await session.execute(
                    sa.update(Delivery)
                    .where(
                        Delivery.id.in_(stale_ids),
                        Delivery.status == "pending",
                        Delivery.claimed_by == worker_id,
                    )
                    .values(**failed_unsent(f"not sent: webhook disabled: {reason}", now))
                    .execution_options(synchronize_session=False)
                )
    return ok


def failed_unsent(error: str, now: dt.datetime) -> dict[str, Any]:
    """The columns of a pending delivery that ends failed without another attempt (its
    webhook is disabled): no retry due, no claim left."""
    return {
        "status": "failed",
        "last_error": error,
        "completed_at": now,
        "next_attempt_at": None,
        "claimed_by": None,
        "claim_expires_at": None,
    }


async def release(db: Database, worker_id: str, delivery_ids: Sequence[str]) -> None:
    """Give back claims without an attempt (shutdown): due again at once."""
    if not delivery_ids:
        return
    async with db.transaction() as session:
        await session.execute(
            sa.update(Delivery)
            .where(
                Delivery.id.in_(list(delivery_ids)),
                Delivery.claimed_by == worker_id,
                Delivery.status == "pending",
            )
            .values(claimed_by=None, claim_expires_at=None)
        )


async def disable_subscription(
    session: AsyncSession,
    subscription_id: str,
    reason: str,
    now: dt.datetime,
    *,
    emit_event: bool,
) -> bool:
    """Disable a subscription and fail its pending deliveries (``recover`` brings them
    back). With ``emit_event`` a ``webhook.disabled`` event is recorded; it is not
    delivered to the disabled endpoint, which no longer matches. False when it was
    already disabled."""
    result = await session.execute(
        sa.update(Subscription)
        .where(Subscription.id == subscription_id, Subscription.enabled.is_(True))
        .values(enabled=False, disabled_reason=reason, disabled_at=now, updated_at=now)
    )
    if not getattr(result, "rowcount", 0):
        return False
    await session.execute(
        sa.update(Delivery)
        .where(Delivery.subscription_id == subscription_id, Delivery.status == "pending")
        .values(**failed_unsent(f"webhook disabled: {reason}", now))
    )
    if emit_event:
        owner = await session.scalar(
            sa.select(Subscription.owner_key_id).where(Subscription.id == subscription_id)
        )
        await record_event(
            session,
            "webhook.disabled",
            {"subscription_id": subscription_id, "reason": reason},
            owner_key_id=owner,
            occurred_at=now,
        )
    return True


def _delivery_values(job: Job, outcome: Outcome, rng: random.Random) -> dict[str, object]:
    """How the delivery row changes after ``outcome``: every column, always, so that the
    rows of one batch share one statement (see :func:`record_outcomes`)."""
    now = outcome.attempted_at
    attempts = job.attempt_count + 1
    values: dict[str, object] = {
        "b_id": job.delivery_id,
        "attempt_count": attempts,
        "last_status_code": outcome.status_code,
        "last_error": outcome.error,
        "status": "failed",
        "completed_at": now,
        "next_attempt_at": None,
    }
    if outcome.succeeded:
        values["status"] = "succeeded"
    elif outcome.status_code != 410:
        delay = next_delay(attempts, rng)
        if delay is not None:
            if outcome.retry_after is not None:
                delay = max(delay, outcome.retry_after)
            values.update(
                status="pending",
                completed_at=None,
                next_attempt_at=now + dt.timedelta(seconds=delay),
            )
    return values


async def record_outcomes(
    db: Database,
    results: Sequence[tuple[Job, Outcome]],
    worker_id: str,
    *,
    rng: random.Random,
    disable_after: dt.timedelta,
) -> None:
    """Store attempts and move their deliveries (and their subscriptions' health) on, in
    one transaction: a busy worker commits many outcomes at once."""
    if not results:
        return
    results = sorted(results, key=lambda r: r[1].attempted_at)
    async with db.transaction() as session:
        # Lock the subscriptions first, in id order, always: outcomes of one endpoint (or
        # an outcome and a disable) would otherwise take subscription and delivery locks
        # in opposite orders and deadlock on PostgreSQL.
        sub_ids = sorted({job.subscription_id for job, _ in results})
        rows = await session.execute(
            sa.select(Subscription.id, Subscription.failing_since)
            .where(Subscription.id.in_(sub_ids))
            .order_by(Subscription.id)
            .with_for_update(key_share=True)
        )
        failing: dict[str, dt.datetime | None] = {sub_id: since for sub_id, since in rows.all()}
        before = dict(failing)
        session.add_all(
            DeliveryAttempt(
                delivery_id=job.delivery_id,
                attempted_at=outcome.attempted_at,
                status_code=outcome.status_code,
                duration_ms=outcome.duration_ms,
                response_excerpt=outcome.excerpt,
                error=outcome.error,
            )
            for job, outcome in results
        )
        # One statement for the whole batch (executemany: one prepared statement, the
        # rows pipelined), in delivery id order so concurrent batches lock alike. Only
        # the holder of the claim moves the delivery on: after a redeliver, or when this
        # claim expired and another worker took over, the attempt is still logged but
        # the row belongs to someone else.
        rows_values = sorted(
            (_delivery_values(job, outcome, rng) for job, outcome in results),
            key=lambda v: str(v["b_id"]),
        )
        table: sa.Table = Delivery.__table__  # type: ignore[assignment]
        conn = await session.connection()
        await conn.execute(
            sa.update(table)
            .where(
                table.c.id == sa.bindparam("b_id"),
                table.c.status == "pending",
                table.c.claimed_by == worker_id,
            )
            .values(
                {
                    **{name: sa.bindparam(name) for name in rows_values[0] if name != "b_id"},
                    "claimed_by": None,
                    "claim_expires_at": None,
                }
            ),
            rows_values,
        )
        to_disable: dict[str, tuple[str, dt.datetime]] = {}
        for job, outcome in results:
            sub_id, now = job.subscription_id, outcome.attempted_at
            if sub_id not in failing:  # deleted meanwhile
                continue
            if outcome.succeeded:
                failing[sub_id] = None
            elif outcome.status_code == 410:
                to_disable[sub_id] = ("the endpoint answered 410 Gone", now)
            else:
                since = failing[sub_id] or now
                failing[sub_id] = since
                if now - since >= disable_after:
                    days = disable_after.total_seconds() / 86400
                    stamp = since.isoformat().replace("+00:00", "Z")
                    reason = f"failing continuously since {stamp} ({days:g} days)"
                    to_disable.setdefault(sub_id, (reason, now))
        for sub_id, streak in failing.items():
            if streak != before[sub_id]:
                await session.execute(
                    sa.update(Subscription)
                    .where(Subscription.id == sub_id)
                    .values(failing_since=streak)
                )
        for sub_id, (reason, now) in to_disable.items():
            await disable_subscription(session, sub_id, reason, now, emit_event=True)


async def record_outcome(
    db: Database,
    job: Job,
    outcome: Outcome,
    worker_id: str,
    *,
    rng: random.Random,
    disable_after: dt.timedelta,
) -> None:
    """:func:`record_outcomes` for one attempt."""
    await record_outcomes(db, [(job, outcome)], worker_id, rng=rng, disable_after=disable_after)


async def requeue(session: AsyncSession, where: sa.ColumnElement[bool], now: dt.datetime) -> int:
    """Make the deliveries matching ``where`` due now, as a fresh round of attempts
    (``attempt_count`` restarts; the attempt log keeps the history). Returns how many."""
    result = await session.execute(
        sa.update(Delivery)
        .where(where)
        .values(
            status="pending",
            attempt_count=0,
            next_attempt_at=now,
            completed_at=None,
            claimed_by=None,
            claim_expires_at=None,
        )
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def queue_stats(db: Database, now: dt.datetime | None = None) -> QueueStats:
    """How many deliveries are due and unclaimed, and how long the oldest has waited."""
    now = now or dt.datetime.now(dt.UTC)
    async with db.session() as session:
        count, oldest = (
            await session.execute(
                sa.select(sa.func.count(), sa.func.min(Delivery.next_attempt_at))
                .join(Subscription, Subscription.id == Delivery.subscription_id)
                .where(_due(now), Subscription.enabled.is_(True))
            )
        ).one()
    if oldest is not None and not isinstance(oldest, dt.datetime):
        oldest = dt.datetime.fromisoformat(str(oldest))
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=dt.UTC)
    age = (now - oldest).total_seconds() if oldest is not None else None
    return QueueStats(due=int(count), oldest_due_age_seconds=age)
