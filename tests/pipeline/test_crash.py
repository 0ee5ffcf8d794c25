"""Killing the process in the middle of an ingest leaves no partial version."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from models import Blob, ChangeEvent, Database, Observation, Publication, PublicationVersion
from tests.pipeline.conftest import Checker


async def count(db: Database, model: type) -> int:
    async with db.session() as session:
        return await session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


async def test_sigkill_inside_the_version_transaction_leaves_nothing(
    check: Checker, database_url: str, tmp_path: Path
) -> None:
    marker = tmp_path / "inside-transaction"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.pipeline.crash_ingest",
            database_url,
            check.source,
            str(marker),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
            assert time.monotonic() < deadline, "the ingest never reached the extractor"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    for model in (Publication, PublicationVersion, Observation, ChangeEvent, Blob):
        assert await count(check.db, model) == 0, model.__name__

    report = await check()
    assert len(report.new_publications) == 1
    assert [v.version for v in await check.versions()] == [1]
    assert await count(check.db, Observation) > 0
