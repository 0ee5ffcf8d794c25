"""``/v1/sources``: health and schedule of every watched column; admin actions.

GET  /v1/sources                      every source
GET  /v1/sources/{name}               one source
POST /v1/sources/{name}/check         check now          (admin key)
POST /v1/sources/{name}/pause|resume  stop/restart checks (admin key)
"""

from __future__ import annotations

import contextlib

from litestar import Controller, Response, get, post
from litestar.datastructures import State

from api.auth import require_scope
from api.control import SourceControl
from api.etag import SHORT
from api.params import SourceNamePath, path_id
from api.problems import Problem
from api.responses import documented
from api.sources import service
from api.sources.schemas import EXAMPLE_SOURCE, ActionAccepted, SourceList, SourceOut
from models import Database

_ADMIN = "Needs an API key with admin scope (`Authorization: Bearer KEY`)."


def _not_found(name: SourceNamePath) -> Problem:
    return Problem(404, "Not found", f"no source named {name!r}")


def _control(state: State) -> SourceControl:
    control: SourceControl = state.source_control
    return control


class SourceController(Controller):
    path = "/sources"
    tags = ["sources"]  # noqa: RUF012

    @get(
        "/",
        summary="List sources",
        description="Every watched disclosure column with its health (ok, failing, blocked), "
        "last check, last success, last error and anomaly, next scheduled run and whether "
        "it is paused or a sample.",
        responses=documented(SourceList, {"items": [EXAMPLE_SOURCE]}),
    )
    async def list_sources(self, state: State) -> Response[SourceList]:
        db: Database = state.db
        async with db.session() as session:
            rows = await service.list_sources(session)
        control = state.get("source_control")
        body = SourceList(items=[service.to_out(r, control) for r in rows])
        return Response(body, headers={"Cache-Control": SHORT})

    @get(
        "/{name:str}",
        summary="Get a source",
        description="One source by name: health, last check and success, last error and "
        "anomaly, next run, paused.",
        responses=documented(SourceOut, EXAMPLE_SOURCE, errors=(404,)),
    )
    async def get_source(self, state: State, name: SourceNamePath) -> Response[SourceOut]:
        db: Database = state.db
        key = path_id(name)
        async with db.session() as session:
            row = await service.get_source(session, key) if key else None
        if row is None:
            raise _not_found(name)
        body = service.to_out(row, state.get("source_control"))
        return Response(body, headers={"Cache-Control": "no-cache"})

    @post(
        "/{name:str}/check",
        status_code=202,
        summary="Check a source now",
        description=f"Queues a check of the source: a running scheduler (in any process) "
        f"picks it up within seconds. {_ADMIN}",
        guards=[require_scope("admin")],
        responses=documented(
            ActionAccepted,
            {"source": "fuzhou-work-reports", "action": "check", "status": "queued"},
            status=202,
            description="Accepted: the check is queued",
            errors=(401, 403, 404),
        ),
    )
    async def check(self, state: State, name: SourceNamePath) -> ActionAccepted:
        control = _control(state)
        await self._existing(state, name)
        try:
            await control.check_now(name)
        except KeyError:
            raise _not_found(name) from None
        return ActionAccepted(source=name, action="check", status="queued")

    @post(
        "/{name:str}/pause",
        status_code=200,
        summary="Pause a source",
        description=f"Stops scheduled checks until resumed; persisted. {_ADMIN}",
        guards=[require_scope("admin")],
        responses=documented(SourceOut, {**EXAMPLE_SOURCE, "paused": True}, errors=(401, 403, 404)),
    )
    async def pause(self, state: State, name: SourceNamePath) -> SourceOut:
        return await self._set_paused(state, name, paused=True)

    @post(
        "/{name:str}/resume",
        status_code=200,
        summary="Resume a source",
        description=f"Restarts scheduled checks of a paused source; persisted. {_ADMIN}",
        guards=[require_scope("admin")],
        responses=documented(SourceOut, EXAMPLE_SOURCE, errors=(401, 403, 404)),
    )
    async def resume(self, state: State, name: SourceNamePath) -> SourceOut:
        return await self._set_paused(state, name, paused=False)

    async def _existing(self, state: State, name: SourceNamePath) -> None:
        db: Database = state.db
        key = path_id(name)
        async with db.session() as session:
            if key is None or await service.get_source(session, key) is None:
                raise _not_found(name)

    async def _set_paused(self, state: State, name: str, *, paused: bool) -> SourceOut:
        control = _control(state)
        db: Database = state.db
        key = path_id(name)
        if key is None:
            raise _not_found(name)
        async with db.transaction() as session:
            row = await service.set_paused(session, key, paused)
            if row is None:
                raise _not_found(name)
        # A source known to the database but not scheduled here (e.g. disabled) raises
        # KeyError: the stored flag is what a scheduler reads when it (re)starts.
        with contextlib.suppress(KeyError):
            await (control.pause(name) if paused else control.resume(name))
        return service.to_out(row, control)
