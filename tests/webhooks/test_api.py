"""/v1/webhooks through the real app: scopes, isolation, validation, secrets, the log."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from models import ApiKey, Database, Delivery, Subscription
from notify import DeliveryWorker, WorkerConfig
from tests.notify.receiver import Receiver, Reply
from tests.notify.support import add_event, verify
from tests.webhooks.conftest import BASE_URL, in_loop_client

Client = httpx.AsyncClient
Headers = dict[str, str]


@pytest.fixture
def receiver() -> Any:
    with Receiver.start() as rx:
        yield rx


def worker_for(database: Database) -> DeliveryWorker:
    config = WorkerConfig(base_url=BASE_URL, allowed_networks=("127.0.0.0/8",), timeout_seconds=2)
    return DeliveryWorker(database, config, rng=random.Random(1))


async def create(client: Client, headers: Headers, url: str, **extra: Any) -> dict[str, Any]:
    response = await client.post("/v1/webhooks", json={"url": url, **extra}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_scopes(client: Client, alice: Headers, admin: Headers, database: Database) -> None:
    response = await client.get("/v1/webhooks")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    bad = await client.get("/v1/webhooks", headers={"Authorization": "Bearer gk_nope"})
    assert bad.status_code == 401
    assert (await client.get("/v1/webhooks", headers=alice)).status_code == 200
    assert (await client.get("/v1/webhooks", headers=admin)).status_code == 200


async def test_wrong_scope_is_403(client: Client, database: Database) -> None:
    """A key of a scope other than subscriber/admin (a future read-only scope) is refused."""
    secret = "gk_0123456789_" + "r" * 43
    async with database.transaction() as session:
        session.add(
            ApiKey(
                id="key_reader",
                prefix="0123456789",
                key_hash=hashlib.sha256(secret.encode()).hexdigest(),
                scope="reader",
            )
        )
    response = await client.get("/v1/webhooks", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_create_shows_the_secret_once(
    client: Client, alice: Headers, receiver: Receiver
) -> None:
    created = await create(
        client,
        alice,
        receiver.url("/hook"),
        event_types=["dataset.updated"],
        datasets=["fuzhou-work-reports"],
        description="newsroom",
    )
    assert created["secret"].startswith("whsec_") and len(created["secret"]) >= 6 + 32
    assert created["enabled"] is True and created["event_types"] == ["dataset.updated"]
    one = await client.get(f"/v1/webhooks/{created['id']}", headers=alice)
    assert one.status_code == 200 and "secret" not in one.json()
    listed = (await client.get("/v1/webhooks", headers=alice)).json()["items"]
    assert [w["id"] for w in listed] == [created["id"]] and "secret" not in listed[0]
    assert created["secret"] not in one.text + str(listed)


async def test_subscribers_only_see_their_own(
    client: Client, alice: Headers, bob: Headers, admin: Headers, receiver: Receiver
) -> None:
    mine = await create(client, alice, receiver.url("/a"))
    theirs = await create(client, bob, receiver.url("/b"))
    assert [w["id"] for w in (await client.get("/v1/webhooks", headers=alice)).json()["items"]] == [
        mine["id"]
    ]
    for method, suffix, body in [
        ("GET", "", None),
        ("PATCH", "", {"description": "x"}),
        ("DELETE", "", None),
        ("POST", "/rotate-secret", None),
        ("POST", "/ping", None),
        ("GET", "/deliveries", None),
        ("POST", "/recover", {"since": "2024-01-01T00:00:00Z"}),
    ]:
        response = await client.request(
            method, f"/v1/webhooks/{theirs['id']}{suffix}", headers=alice, json=body
        )
        assert response.status_code == 404, (method, suffix, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    every = (await client.get("/v1/webhooks", headers=admin)).json()["items"]
    assert {w["id"] for w in every} == {mine["id"], theirs["id"]}
    assert (await client.get(f"/v1/webhooks/{theirs['id']}", headers=bob)).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/hook",
        "http://172.16.0.1/hook",
        "http://192.168.0.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[fc00::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://167772161/",
        "http://0xa.0.0.1/",
        "ftp://hooks.example/",
        "file:///etc/passwd",
        "http://user:secret@127.0.0.1/",
    ],
)
async def test_hostile_urls_are_422(client: Client, alice: Headers, url: str) -> None:
    response = await client.post("/v1/webhooks", json={"url": url}, headers=alice)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert problem["title"] == "Webhook URL refused"
    assert problem["errors"][0]["field"] == "url" and problem["detail"]


async def test_names_resolving_to_loopback_are_422_without_the_allow_list(
    database: Database, alice: Headers
) -> None:
    from api.app import create_app
    from api.config import ApiConfig

    strict = create_app(database, ApiConfig(base_url=BASE_URL))
    async with in_loop_client(strict) as client:
        for url in ("http://localhost:8080/hook", "http://127.0.0.1/hook", "http://2130706433/"):
            response = await client.post("/v1/webhooks", json={"url": url}, headers=alice)
            assert response.status_code == 422, url
            assert "loopback" in response.json()["detail"]


async def test_validation_errors_are_problems(
    client: Client, alice: Headers, receiver: Receiver, database: Database
) -> None:
    bad_type = await client.post(
        "/v1/webhooks", json={"url": receiver.url("/"), "event_types": ["nope"]}, headers=alice
    )
    assert bad_type.status_code == 422 and "publication.created" in bad_type.json()["detail"]
    missing = await client.post("/v1/webhooks", json={"event_types": []}, headers=alice)
    assert missing.status_code == 400
    assert missing.headers["content-type"].startswith("application/problem+json")
    unknown_field = await client.post(
        "/v1/webhooks", json={"url": receiver.url("/"), "secret": "mine"}, headers=alice
    )
    assert unknown_field.status_code == 400
    created = await create(client, alice, receiver.url("/ok"))
    patched = await client.patch(
        f"/v1/webhooks/{created['id']}", json={"url": "http://10.1.2.3/"}, headers=alice
    )
    assert patched.status_code == 422
    async with database.session() as session:
        assert [s.url for s in await session.scalars(sa.select(Subscription))] == [
            receiver.url("/ok")
        ]


async def test_ping_rotate_and_verify(
    client: Client, alice: Headers, receiver: Receiver, database: Database
) -> None:
    created = await create(client, alice, receiver.url("/hook"), event_types=["dataset.updated"])
    other = await create(client, alice, receiver.url("/other"))
    worker = worker_for(database)
    ping = await client.post(f"/v1/webhooks/{created['id']}/ping", headers=alice)
    assert ping.status_code == 202
    rotated = await client.post(f"/v1/webhooks/{created['id']}/rotate-secret", headers=alice)
    assert rotated.status_code == 200
    new_secret = rotated.json()["secret"]
    assert new_secret != created["secret"]
    await worker.run_once()
    await worker.aclose()
    [got] = receiver.requests("/hook")
    assert receiver.requests("/other") == [] and other["id"]  # ping only for its webhook
    assert got.headers["webhook-id"] == ping.json()["delivery_id"]
    body = verify(new_secret, got.body, got.headers)
    verify(created["secret"], got.body, got.headers)  # the old one still verifies for 24 h
    assert body["type"] == "webhook.ping" and body["data"]["subscription_id"] == created["id"]


async def test_delivery_log_pagination_redeliver_recover(
    client: Client, alice: Headers, receiver: Receiver, database: Database
) -> None:
    created = await create(client, alice, receiver.url("/hook"))
    hook_id = created["id"]
    receiver.script("/hook", Reply(500, body=b"down for maintenance"))
    for n in range(5):
        await add_event(database, "publication.created", {"n": n})
    worker = worker_for(database)
    await worker.run_once()

    seen: list[dict[str, Any]] = []
    url = f"/v1/webhooks/{hook_id}/deliveries?limit=2"
    pages = 0
    while url:
        page = await client.get(url, headers=alice)
        assert page.status_code == 200
        seen.extend(page.json()["items"])
        pages += 1
        link = page.headers.get("link")
        if page.json()["next_cursor"]:
            assert link and link.endswith('rel="next"') and link.startswith(f"<{BASE_URL}/v1/")
            url = link[len(BASE_URL) + 1 : link.index(">")]
        else:
            assert link is None
            url = ""
    assert pages == 3 and len(seen) == 5
    stamps = [(d["created_at"], d["id"]) for d in seen]
    assert stamps == sorted(stamps, reverse=True)  # newest first, none twice
    failed = [d for d in seen if d["last_status_code"] == 500]
    assert len(failed) == 1
    assert failed[0]["attempts"][0]["response_excerpt"] == "down for maintenance"
    assert failed[0]["attempts"][0]["duration_ms"] is not None

    bad = await client.get(f"/v1/webhooks/{hook_id}/deliveries?cursor=garbage", headers=alice)
    assert bad.status_code == 400

    # redeliver a succeeded one: same webhook-id again
    target = next(d for d in seen if d["status"] == "succeeded")
    again = await client.post(
        f"/v1/webhooks/{hook_id}/deliveries/{target['id']}/redeliver", headers=alice
    )
    assert again.status_code == 202 and again.json() == {"requeued": 1}
    await worker.run_once()
    assert [r.headers["webhook-id"] for r in receiver.requests("/hook")].count(target["id"]) == 2
    missing = await client.post(
        f"/v1/webhooks/{hook_id}/deliveries/msg_nope/redeliver", headers=alice
    )
    assert missing.status_code == 404

    # recover: failed deliveries since a time come back
    async with database.transaction() as session:
        await session.execute(
            sa.update(Delivery).where(Delivery.id == failed[0]["id"]).values(status="failed")
        )
    since = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat()
    recovered = await client.post(
        f"/v1/webhooks/{hook_id}/recover", json={"since": since}, headers=alice
    )
    assert recovered.status_code == 202 and recovered.json() == {"requeued": 1}
    await worker.run_once()
    await worker.aclose()
    final = await client.get(f"/v1/webhooks/{hook_id}/deliveries?status=succeeded", headers=alice)
    assert len(final.json()["items"]) == 5
    naive = await client.post(
        f"/v1/webhooks/{hook_id}/recover", json={"since": "2024-01-01T00:00:00"}, headers=alice
    )
    assert naive.status_code == 422


async def test_disable_and_reenable(
    client: Client, alice: Headers, receiver: Receiver, database: Database
) -> None:
    created = await create(client, alice, receiver.url("/hook"))
    hook_id = created["id"]
    async with database.transaction() as session:
        await session.execute(
            sa.update(Subscription)
            .where(Subscription.id == hook_id)
            .values(
                enabled=False,
                disabled_reason="the endpoint answered 410 Gone",
                disabled_at=dt.datetime.now(dt.UTC),
                failing_since=dt.datetime.now(dt.UTC) - dt.timedelta(days=5),
            )
        )
    shown = (await client.get(f"/v1/webhooks/{hook_id}", headers=alice)).json()
    assert shown["enabled"] is False and "410" in shown["disabled_reason"]
    assert (await client.post(f"/v1/webhooks/{hook_id}/ping", headers=alice)).status_code == 409
    enabled = await client.patch(f"/v1/webhooks/{hook_id}", json={"enabled": True}, headers=alice)
    assert enabled.status_code == 200
    state = enabled.json()
    assert state["enabled"] is True
    assert state["disabled_reason"] is None and state["failing_since"] is None
    paused = await client.patch(f"/v1/webhooks/{hook_id}", json={"enabled": False}, headers=alice)
    assert paused.json()["disabled_reason"] == "disabled by its owner"
    gone = await client.delete(f"/v1/webhooks/{hook_id}", headers=alice)
    assert gone.status_code == 204
    assert (await client.get(f"/v1/webhooks/{hook_id}", headers=alice)).status_code == 404
