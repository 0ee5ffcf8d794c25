"""HTTP endpoints of the change feed (thin: parse, call the service, render).

- ``GET /v1/changes``: a page in commit order, ``next_cursor`` and ``Link: rel="next"``;
  ``wait=N`` long-polls; ``format=cloudevents`` renders CloudEvents 1.0.
- ``GET /v1/changes/stream``: Server-Sent Events, resumable with ``Last-Event-ID``.
- ``GET /v1/changes.atom``: the newest events as Atom 1.0.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

from litestar import Controller, Request, Response, get
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.response import ServerSentEvent

from api.auth.guards import resolve_principal
from api.changes.atom import ATOM_MEDIA_TYPE, render_atom
from api.changes.cursor import START, CursorError, Position, decode_cursor, encode_cursor
from api.changes.filters import (
    FeedFilter,
    FilterError,
    parse_dataset,
    parse_facet,
    parse_obs_kind,
    parse_types,
    types_param,
)
from api.changes.longpoll import wait_for_page
from api.changes.params import (
    BAD_CURSOR_TYPE,
    BAD_FILTER_TYPE,
    GONE_TYPE,
    PROBLEMS,
    After,
    DatasetSlug,
    FormatName,
    IndicatorCode,
    LastEventId,
    Limit,
    ObsKind,
    RefArea,
    Types,
    Wait,
)
from api.changes.render import cloud_event, feed_event
from api.changes.schemas import FEED_EXAMPLE, CloudEventPage, FeedPage
from api.changes.service import event_exists, read_latest
from api.changes.sse import HEARTBEAT_SECONDS, HEARTBEAT_STATE_KEY, Format, event_stream
from api.changes.waiter import change_waiter
from api.config import ApiConfig
from api.problems import Problem
from models import Database

_DAY = 86_400


async def reads_guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """With ``require_key_for_reads`` any valid key may read the feed; else anybody."""
    config: ApiConfig = connection.app.state.config
    if config.require_key_for_reads and await resolve_principal(connection) is None:
        raise Problem(
            401,
            "Unauthorized",
            "reading the change feed needs an API key (Authorization: Bearer KEY)",
            headers={"WWW-Authenticate": 'Bearer realm="gongkai"'},
        )


def _filters(
    types: str | None,
    dataset: str | None,
    indicator_code: str | None = None,
    ref_area: str | None = None,
    obs_kind: str | None = None,
) -> FeedFilter:
    try:
        return FeedFilter(
            types=parse_types(types),
            dataset=parse_dataset(dataset),
            indicator_code=parse_facet("indicator_code", indicator_code),
            ref_area=parse_facet("ref_area", ref_area),
            obs_kind=parse_obs_kind(obs_kind),
        )
    except FilterError as exc:
        raise Problem(400, "Invalid filter", str(exc), type_=BAD_FILTER_TYPE) from None


async def _start_position(db: Database, config: ApiConfig, token: str | None) -> Position:
    """Where to read from; 400 for a token that is no cursor, 410 when it expired.

    A cursor expires when it was handed out before the retention window and the event
    it names has been pruned: events after it may be gone too. While that event still
    exists nothing after it was pruned (pruning removes a prefix of the feed), so an
    idle but caught-up client keeps its place however old its cursor is.
    """
    if token is None or token == "":
        return START
    try:
        cursor = decode_cursor(token)
    except CursorError as exc:
        raise Problem(400, "Invalid cursor", str(exc), type_=BAD_CURSOR_TYPE) from None
    cutoff = time.time() - config.change_retention_days * _DAY
    if cursor.issued_at < cutoff and not await event_exists(db, cursor.position):
        raise Problem(
            410,
            "Cursor expired",
            f"this cursor is older than the {config.change_retention_days}-day retention "
            "window and events after it may have been pruned. Re-list the current state "
            "(GET /v1/datasets and the resources it links to), then read /v1/changes "
            "again without a cursor.",
            type_=GONE_TYPE,
        )
    return cursor.position


def _format(value: str | None) -> Format:
    if value in (None, "", "json"):
        return "json"
    if value == "cloudevents":
        return "cloudevents"
    raise Problem(400, "Invalid format", f"format must be json or cloudevents, not {value!r}")


def _next_link(config: ApiConfig, cursor: str, **params: Any) -> str:
    query = {"after": cursor, **{k: v for k, v in params.items() if v not in (None, "")}}
    return f'<{config.base_url.rstrip("/")}/v1/changes?{urlencode(query)}>; rel="next"'


class ChangesController(Controller):
    path = "/changes"
    tags = ["changes"]  # noqa: RUF012
    guards = [reads_guard]  # noqa: RUF012

    @get(
        "/",
        summary="Change feed",
        description="Events in commit order after the cursor `after`. Follow `next_cursor` "
        '(also in `Link: rel="next"`) until `has_more` is false; then poll, or pass '
        "`wait=N` to hold the request up to N seconds until a matching event commits. "
        "A cursor never skips an event, even when transactions commit out of order. "
        "A cursor older than the retention window answers 410 Gone.",
        responses={
            200: ResponseSpec(
                FeedPage | CloudEventPage,  # type: ignore[arg-type]
                description="A page of events",
                generate_examples=False,
                examples=[Example(summary="one dataset update", value=FEED_EXAMPLE)],
            ),
            **PROBLEMS,
        },
    )
    async def list_changes(
        self,
        state: State,
        after: After = None,
        limit: Limit = 100,
        types: Types = None,
        dataset: DatasetSlug = None,
        wait: Wait = 0,
        format: FormatName = None,
        indicator_code: IndicatorCode = None,
        ref_area: RefArea = None,
        obs_kind: ObsKind = None,
    ) -> Response[FeedPage | CloudEventPage]:
        fmt = _format(format)
        feed_filter = _filters(types, dataset, indicator_code, ref_area, obs_kind)
        config: ApiConfig = state.config
        db: Database = state.db
        position = await _start_position(db, config, after)
        page = await wait_for_page(
            db,
            change_waiter(state),
            after=position,
            feed_filter=feed_filter,
            limit=limit,
            wait=wait,
        )
        issued = int(time.time())
        base = config.base_url
        next_cursor = encode_cursor(page.position, issued_at=issued)
        body: FeedPage | CloudEventPage
        if fmt == "cloudevents":
            body = CloudEventPage(
                events=[cloud_event(e, base, issued_at=issued) for e in page.events],
                next_cursor=next_cursor,
                has_more=page.has_more,
            )
        else:
            body = FeedPage(
                events=[feed_event(e, base, issued_at=issued) for e in page.events],
                next_cursor=next_cursor,
                has_more=page.has_more,
            )
        link = _next_link(
            config,
            next_cursor,
            limit=limit if limit != 100 else None,
            types=types_param(feed_filter.types),
            dataset=feed_filter.dataset,
            indicator_code=feed_filter.indicator_code,
            ref_area=feed_filter.ref_area,
            obs_kind=feed_filter.obs_kind,
            format=fmt if fmt != "json" else None,
        )
        return Response(body, headers={"Link": link, "Cache-Control": "no-store"})

    @get(
        "/stream",
        summary="Change stream (Server-Sent Events)",
        description="`text/event-stream` of the same events: `id:` is the cursor, "
        "`event:` the event type, `data:` the JSON event (or a CloudEvent with "
        "`format=cloudevents`). Starts after `Last-Event-ID` (sent by browsers on "
        "reconnect) or `after`; sends `: keepalive` comments every 15 s of silence.",
        media_type="text/event-stream",
        responses={
            200: ResponseSpec(
                None,
                description="An endless event stream",
                media_type="text/event-stream",
                generate_examples=False,
                examples=[
                    Example(
                        summary="one event",
                        value="id: YzEuODEyLjQwLjQxMDI0NDQ4MDA\nevent: dataset.updated\n"
                        'data: {"cursor":"YzEuODEyLjQwLjQxMDI0NDQ4MDA","type":'
                        '"dataset.updated","timestamp":"2024-03-12T08:00:00Z","data":{}}\n\n',
                    )
                ],
            ),
            **PROBLEMS,
        },
    )
    async def stream_changes(
        self,
        request: Request[Any, Any, Any],
        state: State,
        after: After = None,
        last_event_id: LastEventId = None,
        types: Types = None,
        dataset: DatasetSlug = None,
        format: FormatName = None,
        indicator_code: IndicatorCode = None,
        ref_area: RefArea = None,
        obs_kind: ObsKind = None,
    ) -> ServerSentEvent:
        fmt = _format(format)
        feed_filter = _filters(types, dataset, indicator_code, ref_area, obs_kind)
        config: ApiConfig = state.config
        db: Database = state.db
        position = await _start_position(db, config, last_event_id or after)
        heartbeat = float(state.get(HEARTBEAT_STATE_KEY, HEARTBEAT_SECONDS))
        return ServerSentEvent(
            event_stream(
                db,
                change_waiter(state),
                after=position,
                feed_filter=feed_filter,
                base_url=config.base_url,
                fmt=fmt,
                heartbeat=heartbeat,
            )
        )


class AtomController(Controller):
    path = "/changes.atom"
    tags = ["changes"]  # noqa: RUF012
    guards = [reads_guard]  # noqa: RUF012

    @get(
        "/",
        summary="Change feed (Atom)",
        description="The newest events as an Atom 1.0 feed for feed readers, newest first. "
        "Each entry says in words what changed (e.g. `2024年目标: 地区生产总值增长 6% -> "
        "5.5%`) and links to the diff or the document.",
        media_type=ATOM_MEDIA_TYPE,
        responses={
            200: ResponseSpec(
                None,
                description="Atom 1.0 document",
                media_type=ATOM_MEDIA_TYPE,
                generate_examples=False,
                examples=[
                    Example(
                        summary="feed",
                        value='<?xml version="1.0" encoding="utf-8"?><feed '
                        'xmlns="http://www.w3.org/2005/Atom"><title>Gongkai</title>...</feed>',
                    )
                ],
            ),
            400: PROBLEMS[400],
            429: PROBLEMS[429],
        },
    )
    async def atom(
        self,
        state: State,
        types: Types = None,
        dataset: DatasetSlug = None,
        limit: Limit = 50,
        indicator_code: IndicatorCode = None,
        ref_area: RefArea = None,
        obs_kind: ObsKind = None,
    ) -> Response[bytes]:
        feed_filter = _filters(types, dataset, indicator_code, ref_area, obs_kind)
        config: ApiConfig = state.config
        events = await read_latest(state.db, feed_filter=feed_filter, limit=limit)
        query = urlencode(
            {
                k: v
                for k, v in {
                    "types": types_param(feed_filter.types),
                    "dataset": dataset,
                    "indicator_code": feed_filter.indicator_code,
                    "ref_area": feed_filter.ref_area,
                    "obs_kind": feed_filter.obs_kind,
                }.items()
                if v
            }
        )
        self_url = config.base_url.rstrip("/") + "/v1/changes.atom" + (f"?{query}" if query else "")
        body = render_atom(
            events, base_url=config.base_url, self_url=self_url,
            authority=config.feed_tag_authority, query=query,
        )  # fmt: skip
        return Response(body, media_type=f"{ATOM_MEDIA_TYPE}; charset=utf-8")
