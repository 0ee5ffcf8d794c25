"""``/v1/webhooks``: manage webhook subscriptions and read their delivery log.

Every endpoint needs an API key with ``subscriber`` scope (admin keys pass too).
Subscribers see and change only their own webhooks; admins see all.
"""

from __future__ import annotations

import urllib.parse
from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.params import Body, FromPath, Parameter

from api.auth import Principal, principal_of, require_scope
from api.config import ApiConfig
from api.problems import PROBLEM_MEDIA_TYPE, Problem, ProblemDetail
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
    401: _problem(401, "Unauthorized", "this endpoint needs an API key with subscriber scope"),
    403: _problem(403, "Forbidden", "this endpoint needs subscriber scope"),
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


def _principal(request: Request[Any, Any, Any]) -> Principal:
    principal = principal_of(request)
    if principal is None:  # the guard ran; this is only for the type checker
        raise Problem(401, "Unauthorized", "an API key is required")
    return principal


class WebhookController(Controller):
    path = "/webhooks"
    tags = ["webhooks"]  # noqa: RUF012
    guards = [require_scope("subscriber")]  # noqa: RUF012

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
            schemas.WebhookCreate, Body(examples=[schemas.CREATE_EXAMPLE, schemas.FILTERED_EXAMPLE])
        ],
    ) -> schemas.WebhookCreated:
        db: Database = state.db
        config: ApiConfig = state.config
        async with db.transaction() as session:
            return await service.create(
                session, _principal(request), data, config.webhook_allowed_networks
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
        data: Annotated[schemas.WebhookUpdate, Body(examples=[schemas.UPDATE_EXAMPLE])],
    ) -> schemas.Webhook:
        db: Database = state.db
        config: ApiConfig = state.config
        async with db.transaction() as session:
            return await service.update(
                session, _principal(request), webhook_id, data, config.webhook_allowed_networks
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
        "messages.",
        responses={
            200: _ok(schemas.SecretRotated, schemas.ROTATED_EXAMPLE, "The new secret"),
            **NOT_FOUND,
            **AUTH_ERRORS,
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
            400: _problem(400, "Bad cursor", "the cursor is not one this API gave out"),
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
            str | None, Parameter(description="from the previous page", max_length=500)
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
        data: Annotated[schemas.Recover, Body(examples=[schemas.RECOVER_EXAMPLE])],
    ) -> schemas.Requeued:
        db: Database = state.db
        async with db.transaction() as session:
            return await service.recover(session, _principal(request), webhook_id, data.since)
