"""``/health`` says the process is alive; ``/ready`` says it can do its work."""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from litestar import Controller, Response, get
from litestar.datastructures import State

from models import Database, DatabaseUnavailableError
from models.migrations import current_revision, head_revision


class Health(msgspec.Struct):
    status: str


class Readiness(msgspec.Struct):
    status: str
    database: str
    migrations: str
    checks: dict[str, str] = msgspec.field(default_factory=dict)


class HealthController(Controller):
    include_in_schema = True
    tags = ["operations"]  # noqa: RUF012

    @get("/health", summary="Liveness", description="Answers while the process runs.")
    async def health(self) -> Health:
        return Health(status="ok")

    @get(
        "/ready",
        summary="Readiness",
        description="200 when the database answers, migrations are at head and every "
        "role of this process (scheduler, worker) is running; 503 otherwise.",
    )
    async def ready(self, state: State) -> Response[Readiness]:
        db: Database = state.db
        report = Readiness(status="ready", database="ok", migrations="ok")
        try:
            current = await current_revision(db)
        except DatabaseUnavailableError as exc:
            report.database = str(exc)
            current = None
        head = head_revision()
        if report.database == "ok" and current != head:
            report.migrations = f"at {current or 'nothing'}, head is {head}"
        probes: dict[str, Callable[[], str]] = getattr(state, "readiness_probes", {})
        for name, probe in probes.items():
            report.checks[name] = probe()
        healthy = (
            report.database == "ok"
            and report.migrations == "ok"
            and all(v == "ok" for v in report.checks.values())
        )
        if not healthy:
            report.status = "not ready"
        return Response(report, status_code=200 if healthy else 503)
