"""Key storage: random keys, only their sha256 stored, checked in constant time."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from models import ApiKey, Subscription, utcnow
from models.ids import new_id
from notify.queue import disable_subscription

SCOPES = ("admin", "subscriber")
KEY_PREFIX = "gk"


#: ``api_key.last_used_at`` is kept to this precision: a key in constant use costs one
#: write per interval, not one per request.
TOUCH_INTERVAL = dt.timedelta(minutes=5)


class Principal(msgspec.Struct, frozen=True):
    key_id: str
    scope: str
    #: when the key was last recorded as used (to decide whether to record it again)
    last_used_at: dt.datetime | None = None

    @property
    def is_admin(self) -> bool:
        return self.scope == "admin"


class CreatedKey(msgspec.Struct, frozen=True):
    id: str
    scope: str
    name: str
    secret: str
    """The full key. It is not stored and cannot be shown again."""


class KeyInfo(msgspec.Struct, frozen=True):
    id: str
    scope: str
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _split(secret: str) -> str | None:
    """The lookup prefix of a well-formed key (``gk_<prefix>_<random>``), else None."""
    parts = secret.split("_", 2)  # the random part may itself contain "_"
    if len(parts) != 3 or parts[0] != KEY_PREFIX or len(parts[1]) != 10 or len(secret) > 200:
        return None
    return parts[1]


async def create_key(session: AsyncSession, *, scope: str, name: str = "") -> CreatedKey:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    prefix = secrets.token_hex(5)
    secret = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiKey(id=new_id("key"), name=name, prefix=prefix, key_hash=_hash(secret), scope=scope)
    session.add(row)
    await session.flush()
    return CreatedKey(id=row.id, scope=scope, name=name, secret=secret)


async def authenticate(session: AsyncSession, secret: str) -> Principal | None:
    """The principal for ``secret``, or None when it is unknown, malformed or revoked."""
    prefix = _split(secret)
    if prefix is None:
        return None
    row = await session.scalar(sa.select(ApiKey).where(ApiKey.prefix == prefix))
    # Compare the hashes in constant time so timing says nothing about the stored key.
    if row is None or not hmac.compare_digest(row.key_hash, _hash(secret)):
        return None
    if row.revoked_at is not None:
        return None
    return Principal(key_id=row.id, scope=row.scope, last_used_at=row.last_used_at)


def needs_touch(principal: Principal, now: dt.datetime) -> bool:
    """Whether ``principal``'s ``last_used_at`` is older than :data:`TOUCH_INTERVAL`."""
    last = principal.last_used_at
    if last is not None and last.tzinfo is None:  # SQLite returns naive UTC
        last = last.replace(tzinfo=dt.UTC)
    return last is None or now - last >= TOUCH_INTERVAL


async def touch_key(session: AsyncSession, key_id: str, now: dt.datetime) -> None:
    """Record that ``key_id`` was used at ``now``. The condition makes concurrent
    requests (in any process) write once per interval."""
    await session.execute(
        sa.update(ApiKey)
        .where(
            ApiKey.id == key_id,
            sa.or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at <= now - TOUCH_INTERVAL),
        )
        .values(last_used_at=now)
    )


async def list_keys(session: AsyncSession) -> list[KeyInfo]:
    rows = await session.scalars(sa.select(ApiKey).order_by(ApiKey.created_at))
    return [
        KeyInfo(
            id=r.id,
            scope=r.scope,
            name=r.name,
            prefix=f"{KEY_PREFIX}_{r.prefix}_…",
            created_at=r.created_at,
            last_used_at=r.last_used_at,
            revoked_at=r.revoked_at,
        )
        for r in rows
    ]


#: the ``disabled_reason`` of webhooks whose owner's key was revoked
REVOKED_REASON = "its API key was revoked"


async def revoke_key(session: AsyncSession, key_id: str) -> bool:
    """Revoke ``key_id`` and disable (not delete) its webhooks, each with a
    ``webhook.disabled`` event; their pending deliveries fail and are not sent. False
    when there is no such key."""
    now = utcnow()
    result = await session.execute(
        sa.update(ApiKey)
        .where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    if result.rowcount:  # type: ignore[attr-defined]
        owned = await session.scalars(
            sa.select(Subscription.id)
            .where(Subscription.owner_key_id == key_id, Subscription.enabled.is_(True))
            .order_by(Subscription.id)
        )
        for sub_id in list(owned):
            await disable_subscription(session, sub_id, REVOKED_REASON, now, emit_event=True)
        return True
    return await session.scalar(sa.select(ApiKey.id).where(ApiKey.id == key_id)) is not None
