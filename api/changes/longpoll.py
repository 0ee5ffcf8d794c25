"""Read a page, and when it is empty wait for a commit (long-poll), within a deadline::

page = await wait_for_page(db, waiter, after=pos, feed_filter=f, limit=100, wait=30)
"""

from __future__ import annotations

import asyncio

from api.changes.cursor import Position
from api.changes.filters import FeedFilter
from api.changes.service import Page, read_page
from api.changes.waiter import ChangeWaiter
from models import Database

#: Re-read at least this often even without a wake-up (lost notifications, and on
#: PostgreSQL events held back by an older transaction that itself wrote no event).
RECHECK_SECONDS = 1.0


async def wait_for_page(
    db: Database,
    waiter: ChangeWaiter,
    *,
    after: Position,
    feed_filter: FeedFilter,
    limit: int,
    wait: float,
) -> Page:
    """The next page; if it is empty, wait up to ``wait`` s for one that is not.

    The returned position may be past ``after`` even with no events: a filtered read
    moves over the events that did not match.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    while True:
        ticket = waiter.ticket()
        page = await read_page(db, after=after, feed_filter=feed_filter, limit=limit)
        if page.events or page.has_more:
            return page
        after = page.position
        remaining = deadline - loop.time()
        if remaining <= 0 or waiter.closed:
            return page
        await waiter.wait(ticket, within=min(remaining, RECHECK_SECONDS))
