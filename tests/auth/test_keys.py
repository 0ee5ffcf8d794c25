"""API keys: shown once, stored hashed, checked exactly, revocable."""

from __future__ import annotations

import hashlib

import pytest
import sqlalchemy as sa

from api.auth import authenticate, create_key, list_keys, revoke_key
from models import ApiKey, Database


async def test_many_keys_all_authenticate(database: Database) -> None:
    # the random part of a key may contain "_" (urlsafe base64): every key must work
    async with database.transaction() as session:
        keys = [await create_key(session, scope="subscriber") for _ in range(64)]
    async with database.session() as session:
        for key in keys:
            principal = await authenticate(session, key.secret)
            assert principal is not None and principal.key_id == key.id


async def test_only_the_hash_is_stored(database: Database) -> None:
    async with database.transaction() as session:
        key = await create_key(session, scope="admin", name="ops")
    async with database.session() as session:
        row = await session.get_one(ApiKey, key.id)
    assert row.key_hash == hashlib.sha256(key.secret.encode()).hexdigest()
    assert key.secret not in (row.prefix, row.name, row.key_hash)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda s: s[:-1] + ("A" if s[-1] != "A" else "B"),
        lambda s: s + "x",
        lambda s: s.replace("gk_", "xx_", 1),
        lambda s: "",
        lambda s: "gk_" + "0" * 10 + "_" + "y" * 43,
        lambda s: s * 10,
    ],
)
async def test_wrong_keys_are_refused(database: Database, mangle) -> None:  # type: ignore[no-untyped-def]
    async with database.transaction() as session:
        key = await create_key(session, scope="admin")
    async with database.session() as session:
        assert await authenticate(session, mangle(key.secret)) is None


async def test_revoked_keys_are_refused(database: Database) -> None:
    async with database.transaction() as session:
        key = await create_key(session, scope="subscriber")
    async with database.transaction() as session:
        assert await revoke_key(session, key.id)
    async with database.session() as session:
        assert await authenticate(session, key.secret) is None
        infos = await list_keys(session)
        assert infos[0].revoked_at is not None
        assert await session.scalar(sa.select(sa.func.count()).select_from(ApiKey)) == 1


async def test_revoking_an_unknown_key_says_so(database: Database) -> None:
    async with database.transaction() as session:
        assert not await revoke_key(session, "key_nope")


async def test_bad_scope_is_refused(database: Database) -> None:
    with pytest.raises(ValueError, match="scope"):
        async with database.transaction() as session:
            await create_key(session, scope="root")
