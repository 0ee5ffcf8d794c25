"""``/v1/webhooks``: manage webhook subscriptions and read their delivery log.

Every endpoint needs an API key with ``subscriber`` scope (admin keys pass too).
Subscribers see and change only their own webhooks; admins see all.
"""

from __future__ import annotations

import urllib.parse
from typing import Annotated, Any, TypeVar

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.datastructures import State
from litestar.exceptions import ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.params import Body, FromPath, Parameter

from api.auth import Principal, principal_of, require_scope
from api.config import ApiConfig
from api.problems import (
    PROBLEM_MEDIA_TYPE,
    Problem,
    ProblemDetail,
    http_exception_handler,
    problem_handler,
    rate_limited_response,
)
from api.webhooks import schemas, service
from models import Database


def _problem(status: int, title: str, detail: str) -> ResponseSpec:
    return ResponseSpec(
        data_container=ProblemDetail,
        media_type=PROBLEM_MEDIA_TYPE,
        description=title,
        generate_examples=False,
        examples=[
            Example(
                summary=title,
                value={"type": "about:blank", "title": title, "status": status, "detail": detail},
            )
        ],
    )


def _ok(container: Any, example: Example, description: str) -> ResponseSpec:
    return ResponseSpec(
        data_container=container,
        description=description,
        generate_examples=False,
        examples=[example],
    )


AUTH_ERRORS = {
    # Every operation answers a malformed id or body with a problem+json 400.
    400: _problem(400, "Bad request", "Validation failed for path parameter webhook_id"),
    401: _problem(401, "Unauthorized", "this endpoint needs an API key with subscriber scope"),
    403: _problem(403, "Forbidden", "this endpoint needs subscriber scope"),
    429: rate_limited_response(),
}
NOT_FOUND = {404: _problem(404, "Webhook not found", "no webhook 'sub_…'")}
INVALID = {
    422: _problem(
        422,
        "Webhook URL refused",
        "refused address: 10.0.0.5 is private. Webhooks must be http(s) URLs of publicly "
        "reachable hosts.",
    ),
    400: _problem(400, "Bad request", "Validation failed for POST /v1/webhooks"),
}
DISABLED = {409: _problem(409, "Webhook disabled", "the webhook is disabled (…)")}


# The body structs refuse unknown fields (forbid_unknown_fields); say so in the schema.
CLOSED: dict[str, Any] = {"schema_extra": {"additional_properties": False}}


T = TypeVar("T", bound=msgspec.Struct)


async def strict(request: Request[Any, Any, Any], data: T) -> T:
    """``data`` decoded again from the raw body, strictly: Litestar converts bodies
    leniently (``0`` and ``"false"`` would pass as booleans, ``"1"`` as a number); the
    published schema promises exact JSON types."""
    try:
        return msgspec.json.decode(await request.body(), type=type(data))
    except msgspec.ValidationError as exc:
        raise Problem(400, "Bad request", f"invalid body: {exc}") from None


def _invalid_body(
    request: Request[Any, Any, Any], exc: ValidationException
) -> Response[ProblemDetail]:
    # A missing or empty body reaches us as a bare "'data'"; say what is needed instead.
    if isinstance(exc.extra, list) and any(
        isinstance(e, dict) and e.get("key") == "data" and e.get("message") == "'data'"
        for e in exc.extra
    ):
        detail = "this request needs a JSON object as its body (see the schema)"
        return problem_handler(request, Problem(400, "Bad request", detail))
    return http_exception_handler(request, exc)


def _too_deep(request: Request[Any, Any, Any], _: RecursionError) -> Response[ProblemDetail]:
    # msgspec raises RecursionError on JSON nested past the interpreter's depth limit
    # (about 1,000 levels); no webhook body nests more than two.
    detail = "the JSON body is nested too deeply"
    return problem_handler(request, Problem(400, "Bad request", detail))


def _principal(request: Request[Any, Any, Any]) -> Principal:
    principal = principal_of(request)
    if principal is None:  # the guard ran; this is only for the type checker
        raise Problem(401, "Unauthorized", "an API key is required")
    return principal


class WebhookController(Controller):
    path = "/webhooks"
    tags = ["webhooks"]  # noqa: RUF012
    guards = [require_scope("subscriber")]  # noqa: RUF012
    exception_handlers = {  # noqa: RUF012
        RecursionError: _too_deep,
        ValidationException: _invalid_body,
    }

    @post(
        "/",
        status_code=201,
        summary="Create a webhook",
        description="Registers an endpoint for signed event deliveries (Standard Webhooks). "
        "The answer holds the signing secret, shown only this once. The URL must be http(s) "
        "and every address its host resolves to must be public (no loopback, private, "
        "link-local or similar); otherwise the answer is 422. `filters` narrows deliveries "
        "to dataset.updated events with a changed row of the given indicator codes, areas "
        "(name or code) and kinds.",
        responses={
            201: _ok(schemas.WebhookCreated, schemas.CREATED_EXAMPLE, "Created"),
            **INVALID,
            **AUTH_ERRORS,
        },
    )
    async def create(
        self,
        request: Request[Any, Any, Any],
        state: State,
        data: Annotated[
            schemas.WebhookCreate,
            Body(examples=[schemas.CREATE_EXAMPLE, schemas.FILTERED_EXAMPLE], **CLOSED),
        ],
    ) -> schemas.WebhookCreated:
        db: Database = state.db
        config: ApiConfig = state.config
        async with db.transaction() as session:
            return await service.create(
                session,
                _principal(request),
                await strict(request, data),
                config.webhook_allowed_networks,
            )

    @get(
        "/",
        summary="List webhooks",
        description="Your webhooks (all webhooks for an admin key), oldest first. "
        "Secrets are never listed.",
        responses={200: _ok(schemas.WebhookList, schemas.LIST_EXAMPLE, "Webhooks"), **AUTH_ERRORS},
    )
    async def list_webhooks(
        self, request: Request[Any, Any, Any], state: State
    ) -> schemas.WebhookList:
        db: Database = state.db
        async with db.session() as session:
            return schemas.WebhookList(items=await service.list_owned(session, _principal(request)))

    @get(
        "/{webhook_id:str}",
        summary="Get a webhook",
        description="One webhook, with its state (enabled, why it was disabled, failing since). "
        "The secret is not shown again.",
        responses={
            200: _ok(schemas.Webhook, schemas.WEBHOOK_EXAMPLE, "The webhook"),
            **NOT_FOUND,
            **AUTH_ERRORS,
        },
    )
    async def get_webhook(
        self, request: Request[Any, Any, Any], state: State, webhook_id: FromPath[str]
    ) -> schemas.Webhook:
        db: Database = state.db
        async with db.session() as session:
            return service.view(await service.owned(session, webhook_id, _principal(request)))

    @patch(
        "/{webhook_id:str}",
        summary="Change a webhook",
        description="Changes the given fields. A new URL is checked like at creation. "
        '`{"enabled": false}` pauses deliveries (pending ones fail and can be recovered); '
        '`{"enabled": true}` re-enables a disabled webhook and clears its failure state.',
        responses={
            200: _ok(schemas.Webhook, schemas.WEBHOOK_EXAMPLE, "The changed webhook"),
            **INVALID,
            **NOT_FOUND,
            **AUTH_ERRORS,
        },
    )
    async def update(
        self,
        request: Request[Any, Any, Any],
        state: State,
        webhook_id: FromPath[str],
        data: Annotated[schemas.WebhookUpdate, Body(examples=[schemas.UPDATE_EXAMPLE], **CLOSED)],
    ) -> schemas.Webhook:
        db: Database = state.db
        config: ApiConfig = state.config
        async with db.transaction() as session:
            return await service.update(
                session,
                _principal(request),
                webhook_id,
                await strict(request, data),
                config.webhook_allowed_networks,
            )

    @delete(
        "/{webhook_id:str}",
        summary="Delete a webhook",
        description="Deletes the webhook and its delivery log. Nothing more is sent.",
        responses={**NOT_FOUND, **AUTH_ERRORS},
    )
    async def delete_webhook(
        self, request: Request[Any, Any, Any], state: State, webhook_id: FromPath[str]
    ) -> None:
        db: Database = state.db
        async with db.transaction() as session:
            await service.delete(session, _principal(request), webhook_id)

    @post(
        "/{webhook_id:str}/rotate-secret",
        status_code=200,
        summary="Rotate the signing secret",
        description="Creates a new secret, shown once. For 24 hours every delivery carries "
        "two signatures (new and previous secret), so receivers can switch without losing "
        "messages. Only the webhook's owner may rotate its secret: an admin key gets 403 on "
        "someone else's webhook (it can disable or delete it), so no key but the owner's "
        "ever sees a subscriber's signing secret.",
        responses={
            200: _ok(schemas.SecretRotated, schemas.ROTATED_EXAMPLE, "The new secret"),
            **NOT_FOUND,
            **AUTH_ERRORS,
            403: _problem(403, "Forbidden", "only the webhook's owner can rotate its secret"),
        },
    )
    async def rotate_secret(
        self, request: Request[Any, Any, Any], state: State, webhook_id: FromPath[str]
    ) -> schemas.SecretRotated:
        db: Database = state.db
        async with db.transaction() as session:
            return await service.rotate(session, _principal(request), webhook_id)

    @post(
        "/{webhook_id:str}/ping",
        status_code=202,
        summary="Send a test event",
        description="Queues a `webhook.ping` event for this webhook only.",
        responses={
            202: _ok(schemas.PingSent, schemas.PING_EXAMPLE, "Queued"),
            **DISABLED,
            **NOT_FOUND,
            **AUTH_ERRORS,
        },
    )
    async def ping(
        self, request: Request[Any, Any, Any], state: State, webhook_id: FromPath[str]
    ) -> schemas.PingSent:
        db: Database = state.db
        async with db.transaction() as session:
            return await service.ping(session, _principal(request), webhook_id)

    @get(
        "/{webhook_id:str}/deliveries",
        summary="The delivery log",
        description="Deliveries to this webhook, newest first, each with every attempt "
        "(time, HTTP status, duration, the first kilobyte of the answer, error). Keyset "
        'pagination: follow `next_cursor` or the `Link: rel="next"` header.',
        responses={
            200: _ok(schemas.DeliveryPage, schemas.DELIVERIES_EXAMPLE, "A page of deliveries"),
            400: _problem(
                400,
                "Bad request",
                "invalid cursor: not a cursor of this API; pass the cursor of the previous "
                "page unchanged",
            ),
            **NOT_FOUND,
            **AUTH_ERRORS,
        },
    )
    async def deliveries(
        self,
        request: Request[Any, Any, Any],
        state: State,
        webhook_id: FromPath[str],
        limit: Annotated[int, Parameter(ge=1, le=200, description="page size")] = 50,
        cursor: Annotated[
            str | None,
            Parameter(
                description="from the previous page (opaque)",
                max_length=500,
                pattern="^[A-Za-z0-9_-]*$",
            ),
        ] = None,
        status: Annotated[
            str | None,
            Parameter(
                description="only deliveries in this state", pattern="^(pending|succeeded|failed)$"
            ),
        ] = None,
    ) -> Response[schemas.DeliveryPage]:
        db: Database = state.db
        config: ApiConfig = state.config
        async with db.session() as session:
            page = await service.deliveries(
                session, _principal(request), webhook_id, limit=limit, cursor=cursor, status=status
            )
        headers = {}
        if page.next_cursor:
            query = {"limit": str(limit), "cursor": page.next_cursor}
            if status:
                query["status"] = status
            link = (
                f"{config.base_url.rstrip('/')}/v1/webhooks/{urllib.parse.quote(webhook_id)}"
                f"/deliveries?{urllib.parse.urlencode(query)}"
            )
            headers["Link"] = f'<{link}>; rel="next"'
        return Response(page, headers=headers)

    @post(
        "/{webhook_id:str}/deliveries/{delivery_id:str}/redeliver",
        status_code=202,
        summary="Send a delivery again",
        description="Queues the delivery for an attempt now, with the same `webhook-id`, "
        "as a fresh round of retries.",
        responses={
            202: _ok(schemas.Requeued, schemas.REQUEUED_EXAMPLE, "Queued"),
            **DISABLED,
            **NOT_FOUND,
            **AUTH_ERRORS,
        },
    )
    async def redeliver(
        self,
        request: Request[Any, Any, Any],
        state: State,
        webhook_id: FromPath[str],
        delivery_id: FromPath[str],
    ) -> schemas.Requeued:
        db: Database = state.db
        async with db.transaction() as session:
            return await service.redeliver(session, _principal(request), webhook_id, delivery_id)

    @post(
        "/{webhook_id:str}/recover",
        status_code=202,
        summary="Re-send failed deliveries",
        description="Queues every failed delivery created since `since` (RFC 3339) again, "
        "e.g. after an outage of your endpoint or after re-enabling it.",
        responses={
            202: _ok(schemas.Requeued, schemas.REQUEUED_EXAMPLE, "Queued"),
            400: _problem(400, "Bad request", "this request needs a JSON object as its body"),
            **DISABLED,
            **NOT_FOUND,
            **AUTH_ERRORS,
        },
    )
    async def recover(
        self,
        request: Request[Any, Any, Any],
        state: State,
        webhook_id: FromPath[str],
        data: Annotated[schemas.Recover, Body(examples=[schemas.RECOVER_EXAMPLE], **CLOSED)],
    ) -> schemas.Requeued:
        db: Database = state.db
        async with db.transaction() as session:
            body = await strict(request, data)
            return await service.recover(session, _principal(request), webhook_id, body.since)
