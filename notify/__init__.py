"""Webhook delivery: Standard Webhooks signing, retries, an SSRF-safe transport and the
delivery log. ``notify`` imports ``models`` only.

    from notify import DeliveryWorker, WorkerConfig, queue_stats

    worker = DeliveryWorker(db, WorkerConfig(base_url="https://gongkai.example"))
    stop = asyncio.Event()
    await worker.run(stop)                  # in `gongkai worker` / `gongkai serve`
    worker.status()                         # "ok" while running, for /ready
    await queue_stats(db)                   # QueueStats(due, oldest_due_age_seconds)

For the API: :func:`validate_webhook_url` (the SSRF check, raises :class:`UnsafeUrlError`),
:func:`generate_secret`, :func:`disable_subscription`, :func:`requeue`.
Own process: ``python -m notify --database-url URL --base-url URL``.
"""

from notify.clock import Clock, SystemClock
from notify.config import WorkerConfig
from notify.queue import QueueStats, disable_subscription, queue_stats, requeue
from notify.signing import generate_secret, signed_headers
from notify.ssrf import AddressPolicy, UnsafeUrlError, validate_url
from notify.worker import DeliveryWorker


async def validate_webhook_url(url: str, allowed_networks: tuple[str, ...] = ()) -> None:
    """Refuse (``UnsafeUrlError``) a webhook URL that is not http(s) to a public address."""
    await validate_url(url, AddressPolicy(allowed_networks))


__all__ = [
    "AddressPolicy",
    "Clock",
    "DeliveryWorker",
    "QueueStats",
    "SystemClock",
    "UnsafeUrlError",
    "WorkerConfig",
    "disable_subscription",
    "generate_secret",
    "queue_stats",
    "requeue",
    "signed_headers",
    "validate_webhook_url",
]
