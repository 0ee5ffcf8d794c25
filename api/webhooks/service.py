"""What the webhook endpoints do to the database; the controller stays thin.

Every function takes the caller's :class:`~api.auth.Principal`: subscribers only ever see
their own webhooks (others' are "not found", not "forbidden", so ids leak nothing);
admins see all.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.pagination import bad_cursor
from api.problems import Problem
from api.webhooks import schemas
from models import EVENT_TYPES, ChangeEvent, Delivery, DeliveryAttempt, Subscription, utcnow
from models.ids import new_id
from models.outbox import record_event
from notify import (
    UnsafeUrlError,
    disable_subscription,
    generate_secret,
    requeue,
    validate_webhook_url,
)

ROTATION_OVERLAP = dt.timedelta(hours=24)
MAX_FILTERS = 100


def view(sub: Subscription) -> schemas.Webhook:
    return schemas.Webhook(
        id=sub.id,
        url=sub.url,
        description=sub.description,
        event_types=list(sub.event_types),
        datasets=list(sub.datasets),
        enabled=sub.enabled,
        disabled_reason=sub.disabled_reason,
        disabled_at=sub.disabled_at,
        failing_since=sub.failing_since,
        created_at=sub.created_at,
        updated_at=sub.updated_at,
        filters=msgspec.convert(sub.filters or {}, schemas.WebhookFilters),
    )


def _bad(field: str, message: str) -> Problem:
    """A 400 for input no webhook could hold (the 422s are for well-formed but refused)."""
    return Problem(
        400, "Bad request", f"{field}: {message}", errors=[{"field": field, "message": message}]
    )


def refuse_nul(body: msgspec.Struct) -> None:
    """400 when a text field of ``body`` holds U+0000: PostgreSQL text cannot store it,
    and SQLite must refuse the same input so behaviour does not differ by backend."""
    for field in body.__struct_fields__:
        value = getattr(body, field)
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(t, str) and "\x00" in t for t in texts):
            raise _bad(field, "must not contain NUL characters")


def utc(field: str, when: dt.datetime) -> dt.datetime:
    """``when`` in UTC; 400 when an extreme offset takes it outside years 1-9999."""
    try:
        return when.astimezone(dt.UTC)
    except OverflowError:
        raise _bad(field, "out of range once converted to UTC (years 1-9999)") from None


def _invalid(field: str, message: str) -> Problem:
    return Problem(
        422,
        "Invalid webhook",
        f"{field}: {message}",
        errors=[{"field": field, "message": message}],
    )


async def check_url(url: str, allowed_networks: tuple[str, ...]) -> str:
    try:
        await validate_webhook_url(url, allowed_networks)
    except UnsafeUrlError as exc:
        raise Problem(
            422,
            "Webhook URL refused",
            f"{exc}. Webhooks must be http(s) URLs of publicly reachable hosts.",
            errors=[{"field": "url", "message": str(exc)}],
        ) from None
    return url.strip()


def check_event_types(types: Sequence[str]) -> list[str]:
    unknown = [t for t in types if t not in EVENT_TYPES]
    if unknown:
        raise _invalid(
            "event_types",
            f"unknown {', '.join(map(repr, unknown))}; valid types: {', '.join(EVENT_TYPES)}",
        )
    if len(types) > MAX_FILTERS:
        raise _invalid("event_types", f"at most {MAX_FILTERS}")
    return list(dict.fromkeys(types))


def check_datasets(datasets: Sequence[str]) -> list[str]:
    if len(datasets) > MAX_FILTERS:
        raise _invalid("datasets", f"at most {MAX_FILTERS}")
    if any(not d.strip() or len(d) > 100 for d in datasets):
        raise _invalid("datasets", "each dataset is a non-empty slug of at most 100 characters")
    return list(dict.fromkeys(d.strip() for d in datasets))


def check_filters(filters: schemas.WebhookFilters) -> dict[str, list[str]]:
    """The stored form of ``filters`` (see models/facets.py for how events match)."""
    for name in ("indicator_codes", "ref_areas"):
        values: list[str] = getattr(filters, name)
        if len(values) > MAX_FILTERS:
            raise _invalid(f"filters.{name}", f"at most {MAX_FILTERS}")
        if any(not v.strip() or len(v) > 100 or "\x00" in v for v in values):
            raise _invalid(f"filters.{name}", "each value is non-empty, at most 100 characters")
    return {
        "indicator_codes": list(dict.fromkeys(v.strip() for v in filters.indicator_codes)),
        "ref_areas": list(dict.fromkeys(v.strip() for v in filters.ref_areas)),
        "obs_kinds": list(dict.fromkeys(filters.obs_kinds)),
    }


def check_description(text: str) -> str:
    if len(text) > 500:
        raise _invalid("description", "at most 500 characters")
    return text


async def owned(session: AsyncSession, webhook_id: str, principal: Principal) -> Subscription:
    """The webhook if the caller may see it; 404 otherwise (also for others' webhooks)."""
    sub = await session.get(Subscription, webhook_id)
    if sub is None or not (principal.is_admin or sub.owner_key_id == principal.key_id):
        raise Problem(404, "Webhook not found", f"no webhook {webhook_id!r}")
    return sub


async def create(
    session: AsyncSession,
    principal: Principal,
    body: schemas.WebhookCreate,
    allowed: tuple[str, ...],
) -> schemas.WebhookCreated:
    refuse_nul(body)
    url = await check_url(body.url, allowed)
    now = utcnow()
    sub = Subscription(
        id=new_id("sub"),
        owner_key_id=principal.key_id,
        url=url,
        description=check_description(body.description),
        event_types=check_event_types(body.event_types),
        datasets=check_datasets(body.datasets),
        filters=check_filters(body.filters),
        secret=generate_secret(),
        enabled=True,
        created_at=now,
        updated_at=now,
    )
    session.add(sub)
    await session.flush()
    return schemas.WebhookCreated(**msgspec.structs.asdict(view(sub)), secret=sub.secret)


async def list_owned(session: AsyncSession, principal: Principal) -> list[schemas.Webhook]:
    query = sa.select(Subscription).order_by(Subscription.created_at, Subscription.id)
    if not principal.is_admin:
        query = query.where(Subscription.owner_key_id == principal.key_id)
    return [view(s) for s in await session.scalars(query)]


async def update(
    session: AsyncSession,
    principal: Principal,
    webhook_id: str,
    body: schemas.WebhookUpdate,
    allowed: tuple[str, ...],
) -> schemas.Webhook:
    refuse_nul(body)
    sub = await owned(session, webhook_id, principal)
    now = utcnow()
    values: dict[str, object] = {}
    if body.url is not msgspec.UNSET:
        values["url"] = await check_url(body.url, allowed)
    if body.event_types is not msgspec.UNSET:
        values["event_types"] = check_event_types(body.event_types)
    if body.datasets is not msgspec.UNSET:
        values["datasets"] = check_datasets(body.datasets)
    if body.description is not msgspec.UNSET:
        values["description"] = check_description(body.description)
    if body.filters is not msgspec.UNSET:
        values["filters"] = check_filters(body.filters)
    if body.enabled is True and not sub.enabled:
        # A fresh start: the endpoint is trusted again until it fails anew.
        values.update(enabled=True, disabled_reason=None, disabled_at=None, failing_since=None)
    if values:
        values["updated_at"] = now
        await session.execute(
            sa.update(Subscription).where(Subscription.id == sub.id).values(**values)
        )
    if body.enabled is False and sub.enabled:
        await disable_subscription(session, sub.id, "disabled by its owner", now, emit_event=False)
    await session.refresh(sub)
    return view(sub)


async def delete(session: AsyncSession, principal: Principal, webhook_id: str) -> None:
    sub = await owned(session, webhook_id, principal)
    await session.execute(sa.delete(Subscription).where(Subscription.id == sub.id))


async def rotate(
    session: AsyncSession, principal: Principal, webhook_id: str
) -> schemas.SecretRotated:
    """A new secret; the current one keeps signing alongside for 24 h (a rotation within
    those 24 h drops the older previous secret).

    Only the webhook's owner may rotate: the answer is the only place the new secret is
    ever shown, and an admin who could rotate someone else's webhook could read (and
    forge) its signatures. Admins disable or delete webhooks instead; 403 otherwise.
    """
    sub = await owned(session, webhook_id, principal)
    if sub.owner_key_id != principal.key_id:
        raise Problem(
            403,
            "Forbidden",
            "only the webhook's owner can rotate its secret (the new secret is shown only "
            "to the owner's key); an admin can disable or delete the webhook instead",
        )
    now = utcnow()
    secret = generate_secret()
    expires = now + ROTATION_OVERLAP
    await session.execute(
        sa.update(Subscription)
        .where(Subscription.id == sub.id)
        .values(
            secret=secret,
            previous_secret=sub.secret,
            previous_secret_expires_at=expires,
            updated_at=now,
        )
    )
    return schemas.SecretRotated(id=sub.id, secret=secret, previous_secret_expires_at=expires)


def _require_enabled(sub: Subscription) -> None:
    if not sub.enabled:
        raise Problem(
            409,
            "Webhook disabled",
            f"the webhook is disabled ({sub.disabled_reason}); "
            'enable it with PATCH {"enabled": true} first',
        )


async def ping(session: AsyncSession, principal: Principal, webhook_id: str) -> schemas.PingSent:
    sub = await owned(session, webhook_id, principal)
    _require_enabled(sub)
    event = await record_event(
        session,
        "webhook.ping",
        {"subscription_id": sub.id, "message": "ping from Gongkai"},
        only_subscription=sub.id,
    )
    delivery_id = await session.scalar(
        sa.select(Delivery.id).where(
            Delivery.event_id == event.id, Delivery.subscription_id == sub.id
        )
    )
    assert delivery_id is not None
    return schemas.PingSent(event_id=event.id, delivery_id=delivery_id)


async def redeliver(
    session: AsyncSession, principal: Principal, webhook_id: str, delivery_id: str
) -> schemas.Requeued:
    sub = await owned(session, webhook_id, principal)
    _require_enabled(sub)
    where = sa.and_(Delivery.id == delivery_id, Delivery.subscription_id == sub.id)
    if await session.scalar(sa.select(Delivery.id).where(where)) is None:
        raise Problem(404, "Delivery not found", f"no delivery {delivery_id!r} for this webhook")
    return schemas.Requeued(requeued=await requeue(session, where, utcnow()))


async def recover(
    session: AsyncSession, principal: Principal, webhook_id: str, since: dt.datetime
) -> schemas.Requeued:
    if since.tzinfo is None:
        raise _invalid("since", "an RFC 3339 time with an offset, e.g. 2024-03-11T00:00:00Z")
    since = utc("since", since)
    sub = await owned(session, webhook_id, principal)
    _require_enabled(sub)
    where = sa.and_(
        Delivery.subscription_id == sub.id,
        Delivery.status == "failed",
        Delivery.created_at >= since,
    )
    return schemas.Requeued(requeued=await requeue(session, where, utcnow()))


# -- the delivery log, keyset-paginated newest first -------------------------------------


def encode_cursor(created_at: dt.datetime, delivery_id: str) -> str:
    raw = json.dumps([created_at.isoformat(), delivery_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.datetime, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        stamp, delivery_id = json.loads(raw)
        when = dt.datetime.fromisoformat(stamp)
        if when.tzinfo is None:
            raise ValueError
        when = when.astimezone(dt.UTC)
        if not isinstance(delivery_id, str) or "\x00" in delivery_id or len(delivery_id) > 100:
            raise ValueError
    # OverflowError: an offset that takes the time outside years 1-9999
    except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeDecodeError):
        raise bad_cursor("not a cursor of this API") from None
    return when, delivery_id


async def deliveries(
    session: AsyncSession,
    principal: Principal,
    webhook_id: str,
    *,
    limit: int,
    cursor: str | None,
    status: str | None,
) -> schemas.DeliveryPage:
    sub = await owned(session, webhook_id, principal)
    query = (
        sa.select(Delivery, ChangeEvent.type)
        .join(ChangeEvent, ChangeEvent.id == Delivery.event_id)
        .where(Delivery.subscription_id == sub.id)
        .order_by(Delivery.created_at.desc(), Delivery.id.desc())
        .limit(limit + 1)
    )
    if status is not None:
        query = query.where(Delivery.status == status)
    if cursor:
        after_time, after_id = decode_cursor(cursor)
        query = query.where(
            sa.or_(
                Delivery.created_at < after_time,
                sa.and_(Delivery.created_at == after_time, Delivery.id < after_id),
            )
        )
    rows = (await session.execute(query)).all()
    page, more = rows[:limit], len(rows) > limit
    by_delivery: dict[str, list[schemas.Attempt]] = defaultdict(list)
    if page:
        attempts = await session.scalars(
            sa.select(DeliveryAttempt)
            .where(DeliveryAttempt.delivery_id.in_([d.id for d, _ in page]))
            .order_by(DeliveryAttempt.attempted_at, DeliveryAttempt.id)
        )
        for a in attempts:
            by_delivery[a.delivery_id].append(
                schemas.Attempt(
                    attempted_at=a.attempted_at,
                    status_code=a.status_code,
                    duration_ms=a.duration_ms,
                    response_excerpt=a.response_excerpt,
                    error=a.error,
                )
            )
    items = [
        schemas.DeliveryView(
            id=d.id,
            event_id=d.event_id,
            event_type=event_type,
            status=d.status,
            attempt_count=d.attempt_count,
            next_attempt_at=d.next_attempt_at,
            last_status_code=d.last_status_code,
            last_error=d.last_error,
            created_at=d.created_at,
            completed_at=d.completed_at,
            attempts=by_delivery[d.id],
        )
        for d, event_type in page
    ]
    last = page[-1][0] if page else None
    next_cursor = encode_cursor(last.created_at, last.id) if more and last is not None else None
    return schemas.DeliveryPage(items=items, next_cursor=next_cursor)
