"""The change feed: ``/v1/changes`` (cursor pages, long-poll, CloudEvents),
``/v1/changes/stream`` (SSE) and ``/v1/changes.atom``.

For the process wiring::

    from api.changes import close_change_waiter, prune_events
    Litestar(..., on_shutdown=[close_change_waiter])          # in create_app
    await prune_events(db, older_than_days=config.change_retention_days)  # scheduler
"""

from api.changes.retention import prune_events
from api.changes.waiter import close_change_waiter

__all__ = ["close_change_waiter", "prune_events"]
