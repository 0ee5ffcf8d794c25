"""How a delivery worker behaves; built by ``gongkai`` from its settings.

WorkerConfig(base_url="https://gongkai.example")                 # production defaults
WorkerConfig(base_url=..., allowed_networks=("127.0.0.0/8",))     # loopback receivers
"""

from __future__ import annotations

import msgspec

DEFAULT_USER_AGENT = "Gongkai-Webhooks/0.1 (+https://www.standardwebhooks.com/)"


class WorkerConfig(msgspec.Struct, kw_only=True, frozen=True):
    #: the public address of the API, for the absolute links in payloads
    base_url: str = "http://127.0.0.1:8000"
    #: CIDRs webhooks may reach despite the SSRF guard (local testing only)
    allowed_networks: tuple[str, ...] = ()
    user_agent: str = DEFAULT_USER_AGENT
    #: the whole attempt (connect, send, first kilobyte of the answer) must fit in this
    timeout_seconds: float = 15.0
    #: deliveries in flight at once to one subscription, across every worker
    max_per_endpoint: int = 4
    #: deliveries in flight at once in this worker
    concurrency: int = 64
    #: most deliveries one claim transaction takes
    batch_size: int = 100
    #: how long a claim protects a delivery; a crashed worker's claims expire after this.
    #: Longer than ``timeout_seconds`` so a slow live attempt is never taken over.
    claim_seconds: float = 60.0
    #: how often (at most) to give back the claims of dead workers (PostgreSQL; see
    #: :mod:`notify.liveness`): their deliveries stop counting and are due again. Also
    #: 0.1 s after a claim that held work back (endpoints full). ``claim_seconds`` or more:
    #: never (dead workers' claims then count until their lease ends)
    reap_seconds: float = 1.0
    #: how often to look for due deliveries without a wake-up (retries, SQLite)
    poll_seconds: float = 0.5
    #: LISTEN for new events on PostgreSQL (the poll stays as the fallback)
    listen: bool = True
    #: an endpoint failing continuously for this long is disabled
    disable_after_seconds: float = 5 * 24 * 3600.0
    max_body_bytes: int = 20_000
    excerpt_bytes: int = 1024

    def __post_init__(self) -> None:
        if self.claim_seconds <= self.timeout_seconds:
            raise ValueError("claim_seconds must be longer than timeout_seconds")
        if self.max_per_endpoint < 1 or self.concurrency < 1 or self.batch_size < 1:
            raise ValueError("max_per_endpoint, concurrency and batch_size must be positive")
