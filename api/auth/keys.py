"""Key storage: random keys, only their sha256 stored, checked in constant time."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from models import ApiKey, utcnow
from models.ids import new_id

SCOPES = ("admin", "subscriber")
KEY_PREFIX = "gk"


class Principal(msgspec.Struct, frozen=True):
    key_id: str
    scope: str

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
    return Principal(key_id=row.id, scope=row.scope)


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


async def revoke_key(session: AsyncSession, key_id: str) -> bool:
    """Revoke ``key_id``; False when there is no such key."""
    result = await session.execute(
        sa.update(ApiKey)
        .where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    if result.rowcount:  # type: ignore[attr-defined]
        return True
    return await session.scalar(sa.select(ApiKey.id).where(ApiKey.id == key_id)) is not None
