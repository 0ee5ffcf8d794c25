"""A fake government website on loopback for tests: see :mod:`tests.fakesite.server`."""

from tests.fakesite.server import (
    CHALLENGE_BODY,
    FAIL_MODES,
    FakeSite,
    RemoteFakeSite,
    Reply,
    RequestRecord,
)

__all__ = ["CHALLENGE_BODY", "FAIL_MODES", "FakeSite", "RemoteFakeSite", "Reply", "RequestRecord"]
