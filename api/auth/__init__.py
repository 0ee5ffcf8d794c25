"""API keys: creation (shown once), hashed storage, constant-time checks, scope guards.

    key = await create_key(session, scope="admin", name="ops")   # key.secret shown once
    principal = await authenticate(session, "gk_...")            # None when invalid

In a handler, guard with ``guards=[require_scope("admin")]``; read the caller with
``principal_of(request)``.
"""

from api.auth.guards import principal_of, require_scope
from api.auth.keys import (
    SCOPES,
    CreatedKey,
    Principal,
    authenticate,
    create_key,
    list_keys,
    revoke_key,
)

__all__ = [
    "SCOPES",
    "CreatedKey",
    "Principal",
    "authenticate",
    "create_key",
    "list_keys",
    "principal_of",
    "require_scope",
    "revoke_key",
]
