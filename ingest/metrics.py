"""Prometheus metrics of the ingest side (served by the API process's ``/metrics``).

fetch = instrument(fetch)        # counts fetches by outcome, times them
"""

from __future__ import annotations

import time

from prometheus_client import Counter, Histogram

from ingest.check import CheckReport
from ingest.fetch.types import BlockedError, Fetch, FetchError, FetchRequest, FetchResult

FETCHES = Counter("gongkai_fetches_total", "HTTP fetches of watched sites by outcome", ["outcome"])
FETCH_SECONDS = Histogram(
    "gongkai_fetch_duration_seconds",
    "Duration of one fetch, retries included",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
VERSIONS = Counter("gongkai_publication_versions_total", "Publication versions created", ["kind"])
DATASET_VERSIONS = Counter("gongkai_dataset_versions_total", "Dataset versions created")
ANOMALIES = Counter("gongkai_fetch_anomalies_total", "Fetched pages that were not the document")
CHECKS = Counter("gongkai_source_checks_total", "Source checks by resulting health", ["health"])


def instrument(fetch: Fetch) -> Fetch:
    async def measured(request: FetchRequest) -> FetchResult:
        started = time.perf_counter()
        try:
            result = await fetch(request)
        except BlockedError:
            FETCHES.labels("blocked").inc()
            raise
        except FetchError:
            FETCHES.labels("error").inc()
            raise
        finally:
            FETCH_SECONDS.observe(time.perf_counter() - started)
        FETCHES.labels("not_modified" if result.not_modified else "ok").inc()
        return result

    return measured


def record_report(report: CheckReport) -> None:
    CHECKS.labels(report.health).inc()
    VERSIONS.labels("created").inc(len(report.new_publications))
    VERSIONS.labels("updated").inc(len(report.updated_publications))
    DATASET_VERSIONS.inc(len(report.dataset_versions))
    ANOMALIES.inc(len(report.anomalies))
