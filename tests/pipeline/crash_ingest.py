"""Helper process for the crash test: ingests one source with an extractor that signals
and then hangs inside the version's transaction, waiting to be killed.

    python -m tests.pipeline.crash_ingest DATABASE_URL SOURCE MARKER_FILE
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any

from ingest.check import check_source
from ingest.fetch import Fetcher, FetcherConfig
from ingest.store import ExtractContext
from models import Database


def hanging_extractor(marker: Path) -> Any:
    def extract(text: str, context: ExtractContext) -> list[dict[str, Any]]:
        marker.write_text(context.publication_id)
        time.sleep(120)  # blocks the event loop on purpose: the process dies right here
        return []

    return extract


async def main(url: str, source: str, marker: str) -> None:
    db = Database(url)
    async with Fetcher(FetcherConfig(min_delay_seconds=0)) as fetch:
        await check_source(db, source, fetch, extractor=hanging_extractor(Path(marker)))


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
