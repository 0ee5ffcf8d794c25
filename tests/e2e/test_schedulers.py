"""Three scheduler processes on one database: a source is never fetched twice at once,
is checked about once per interval (not three times), and is not left unchecked when the
process holding its lease is killed."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import sqlalchemy as sa

from models import Database, Source
from models.migrations import upgrade
from tests.e2e.conftest import Processes, base_env, eventually, write_sources
from tests.fakesite.hanweb import SEED_ART, HanwebSite
from tests.helpers import free_port

INTERVAL = 10
LEASE = 10  # generous: a process stalled by a loaded machine must not lose its lease
CHECK_SECONDS = 1.5  # the detail page answers slowly, so overlapping checks would show


def overlaps(gov: HanwebSite) -> list[tuple[str, str]]:
    """Pairs of requests that were both waiting for their answer at the same moment.

    Measured from arrival to the moment the answer was about to be written: a client
    cannot act on an answer before that, so only truly concurrent fetches count (the
    site's own in-flight counter also covers the write, which a descheduled server
    thread can stretch past the client's next step)."""
    spans = [(r.path, r.started, r.answered) for r in gov.server.requests() if r.answered]
    return [
        (a[0], b[0])
        for i, a in enumerate(spans)
        for b in spans[i + 1 :]
        if a[1] < b[2] and b[1] < a[2]  # type: ignore[operator]
    ]


async def test_three_schedulers_share_one_source(
    backend: str, tmp_path: Path, gov: HanwebSite, processes: Processes, database_url: str
) -> None:
    url = database_url
    db = Database(url)
    await upgrade(db)
    doc = gov.docs[SEED_ART]
    gov.server.set(doc.path, gov.detail_html(doc), delay=CHECK_SECONDS)
    env = base_env(url, write_sources(tmp_path / "sources.toml", gov), free_port())
    env["GONGKAI_SCHEDULER_LEASE_SECONDS"] = str(LEASE)

    async def lease() -> tuple[str | None, object]:
        async with db.session() as session:
            row = (await session.execute(sa.select(Source.lease_owner, Source.last_check_at))).one()
        return row[0], row[1]

    pid: int | None = None
    try:
        for _ in range(3):
            processes.start("scheduler", env)
        started = time.monotonic()
        column = gov.column_path
        eventually(lambda: gov.server.count(column) >= 1, timeout=30, what="first check")
        time.sleep(2.5 * INTERVAL)
        elapsed = time.monotonic() - started
        checks = gov.server.count(column)
        assert overlaps(gov) == [], "two checks of one source ran at once"
        assert 2 <= checks <= elapsed / INTERVAL + 2, (checks, elapsed)

        # Kill whichever process is in the middle of a check, holding the lease.
        holder = None
        deadline = time.monotonic() + 3 * INTERVAL
        while holder is None and time.monotonic() < deadline:
            owner, _ = await lease()
            holder = owner
            time.sleep(0.05)
        assert holder is not None, "no check seen in progress"
        pid = int(holder.rsplit(":", 1)[1])
        os.kill(pid, signal.SIGKILL)
        killed_at = time.monotonic()
        before = gov.server.count(column)
        eventually(
            lambda: gov.server.count(column) > before,
            timeout=INTERVAL + LEASE + 10,  # interval + lease expiry + margin
            what="another scheduler takes over the dead process's source",
        )
        assert time.monotonic() - killed_at < INTERVAL + LEASE + 10
        owner, _ = await lease()
        assert owner is None or not owner.endswith(f":{pid}")

        # SIGTERM in the middle of a check: the survivors finish, release, exit 0
        processes.running = [(role, p) for role, p in processes.running if p.pid != pid]
        eventually(lambda: gov.server.in_flight > 0, timeout=2 * INTERVAL, what="a check")
        for _role, code, err in processes.stop_all():
            assert code == 0, err[-2000:]
        owner, _ = await lease()
        assert owner is None, "a stopped scheduler kept its lease"
    finally:
        processes.running = [(role, p) for role, p in processes.running if p.pid != pid]
        for _role, code, err in processes.stop_all():
            assert code == 0, err[-2000:]
        await db.dispose()


def test_the_overlap_detector_sees_concurrent_fetches(gov: HanwebSite) -> None:
    import threading
    import urllib.request

    doc = gov.docs[SEED_ART]
    gov.server.set(doc.path, gov.detail_html(doc), delay=0.5)
    url = gov.url(SEED_ART)
    threads = [threading.Thread(target=lambda: urllib.request.urlopen(url).read()) for _ in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps(gov) == [(doc.path, doc.path)]
    gov.server.reset_stats()
    urllib.request.urlopen(url).read()
    urllib.request.urlopen(url).read()
    assert overlaps(gov) == []
