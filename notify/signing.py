"""Standard Webhooks signing (https://www.standardwebhooks.com/).

    secret = generate_secret()                       # "whsec_" + base64 of 32 random bytes
    headers = signed_headers(secret, "msg_1", 1700000000, body)
    # {"webhook-id": "msg_1", "webhook-timestamp": "1700000000",
    #  "webhook-signature": "v1,<base64 HMAC-SHA256 of 'msg_1.1700000000.<body>'>"}

During the 24 h after a rotation both the new and the previous secret sign, and the
signatures are space-separated, so receivers verifying either secret accept the message.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Iterable

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32


def generate_secret() -> str:
    """A fresh signing secret: ``whsec_`` + standard base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def secret_key(secret: str) -> bytes:
    """The HMAC key of ``secret``: the bytes the base64 after ``whsec_`` encodes."""
    encoded = secret.removeprefix(SECRET_PREFIX)
    try:
        # Tolerate secrets stored without padding (b64decode ignores surplus "=").
        key = base64.b64decode(encoded + "==", validate=False)
    except binascii.Error as exc:
        raise ValueError("a webhook secret must be whsec_ followed by base64") from exc
    if not key:
        raise ValueError("empty webhook secret")
    return key


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """One ``v1,<base64>`` signature of ``msg_id.timestamp.body``."""
    signed = b"%s.%d.%s" % (msg_id.encode(), timestamp, body)
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_header(secrets_: Iterable[str], msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value: one signature per secret, space-separated."""
    return " ".join(sign(s, msg_id, timestamp, body) for s in secrets_)


def signed_headers(
    secret: str, msg_id: str, timestamp: int, body: bytes, *, previous_secret: str | None = None
) -> dict[str, str]:
    """The three Standard Webhooks headers for one attempt."""
    keys = [secret] if previous_secret is None else [secret, previous_secret]
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header(keys, msg_id, timestamp, body),
    }
