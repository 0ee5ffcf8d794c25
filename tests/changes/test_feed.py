"""GET /v1/changes over real HTTP on both backends: paging, filters, errors, CloudEvents."""

from __future__ import annotations

import time

import httpx
import pytest

from api.auth.keys import create_key
from api.changes import service
from api.changes.cursor import START, Position, decode_cursor, encode_cursor
from models import Database
from tests.changes.conftest import BASE_URL, add_event, build_app, serve
from tests.changes.helpers import read_all

PROBLEM = "application/problem+json"


async def test_pages_follow_the_cursor_and_link(database: Database, client: httpx.AsyncClient):
    for n in range(5):
        await add_event(database, title=f"p{n}")
    first = await client.get("/v1/changes", params={"limit": 2})
    assert first.status_code == 200
    body = first.json()
    assert [e["data"]["title"] for e in body["events"]] == ["p0", "p1"]
    assert body["has_more"] is True
    assert body["next_cursor"] == body["events"][-1]["cursor"]
    link = first.headers["link"]
    assert link.startswith(f"<{BASE_URL}/v1/changes?after={body['next_cursor']}")
    assert 'rel="next"' in link and "limit=2" in link

    second = await client.get("/v1/changes", params={"limit": 2, "after": body["next_cursor"]})
    assert [e["data"]["title"] for e in second.json()["events"]] == ["p2", "p3"]
    rest, cursor = await read_all(client, second.json()["next_cursor"])
    assert [e["data"]["title"] for e in rest] == ["p4"]
    caught_up = (await client.get("/v1/changes", params={"after": cursor})).json()
    assert caught_up["events"] == [] and caught_up["has_more"] is False
    assert decode_cursor(caught_up["next_cursor"]).position == decode_cursor(cursor).position


async def test_event_shape_is_the_envelope(database: Database, client: httpx.AsyncClient):
    await add_event(
        database,
        "publication.updated",
        title="报告",
        links={"diff": "/v1/publications/p1/diff?from=1&to=2"},
    )
    (event,) = (await client.get("/v1/changes")).json()["events"]
    assert event["type"] == "publication.updated"
    assert event["timestamp"].endswith("Z")
    assert event["event_id"].startswith("evt_")
    # Links come out absolute, exactly as webhooks send them.
    assert event["data"]["links"]["diff"] == f"{BASE_URL}/v1/publications/p1/diff?from=1&to=2"


async def test_types_filter_with_families(database: Database, client: httpx.AsyncClient):
    await add_event(database, "publication.created", title="a")
    await add_event(database, "dataset.updated", dataset="d1", version=2)
    await add_event(database, "publication.flagged", title="b")
    await add_event(database, "source.failing", source="s")
    events, _ = await read_all(client, types="publication.*")
    assert [e["type"] for e in events] == ["publication.created", "publication.flagged"]
    events, _ = await read_all(client, types="dataset.updated,source.failing")
    assert [e["type"] for e in events] == ["dataset.updated", "source.failing"]


async def test_dataset_filter_moves_the_cursor_past_other_events(
    database: Database, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
):
    # A small scan window makes the bounded scan visible with few rows.
    monkeypatch.setattr(service, "SCAN_WINDOW", 3)
    monkeypatch.setattr(service, "MAX_SCAN", 6)
    for n in range(10):
        await add_event(database, "dataset.updated", dataset="other", version=n)
    await add_event(database, "dataset.updated", dataset="mine", version=1)
    for n in range(10):
        await add_event(database, "dataset.updated", dataset="other", version=n + 10)

    first = (await client.get("/v1/changes", params={"dataset": "mine"})).json()
    # 6 non-matching events scanned, none matched: empty page, cursor moved, more to come.
    assert first["events"] == [] and first["has_more"] is True
    assert decode_cursor(first["next_cursor"]).position > START
    events, cursor = await read_all(client, first["next_cursor"], dataset="mine")
    assert [(e["data"]["dataset"], e["data"]["version"]) for e in events] == [("mine", 1)]
    # The final cursor is past every event, so a new match is the only thing after it.
    await add_event(database, "dataset.updated", dataset="mine", version=2)
    later, _ = await read_all(client, cursor, dataset="mine")
    assert [e["data"]["version"] for e in later] == [2]


async def test_filtered_page_stops_at_limit_without_skipping(
    database: Database, client: httpx.AsyncClient
):
    for n in range(6):
        await add_event(database, "dataset.updated", dataset="mine" if n % 2 else "x", version=n)
    page = (await client.get("/v1/changes", params={"dataset": "mine", "limit": 2})).json()
    assert [e["data"]["version"] for e in page["events"]] == [1, 3]
    assert page["has_more"] is True
    rest, _ = await read_all(client, page["next_cursor"], dataset="mine", limit=2)
    assert [e["data"]["version"] for e in rest] == [5]


BAD_INPUT = [
    ({"after": "not-a-cursor!"}, "cursor"),
    ({"after": encode_cursor(START)[:-3] + "@@@"}, "cursor"),
    ({"types": "publication.exploded"}, "publication.exploded"),
    ({"types": "nothing.*"}, "nothing."),
    ({"dataset": "NOT A SLUG"}, "slug"),
    ({"limit": "0"}, "limit"),
    ({"limit": "501"}, "limit"),
    ({"limit": "many"}, "limit"),
    ({"wait": "61"}, "wait"),
    ({"wait": "-1"}, "wait"),
    ({"format": "xml"}, "format"),
]


async def test_bad_input_is_a_400_problem(database: Database, client: httpx.AsyncClient):
    # One test for all cases: each one needs only the running app, not a fresh database.
    for params, fragment in BAD_INPUT:
        response = await client.get("/v1/changes", params=params)
        assert response.status_code == 400, (params, response.text)
        assert response.headers["content-type"].startswith(PROBLEM), params
        problem = response.json()
        assert problem["status"] == 400 and problem["title"], params
        assert fragment in response.text, params
    for path in ("/v1/changes/stream", "/v1/changes.atom"):
        response = await client.get(path, params={"types": "bogus"})
        assert response.status_code == 400 and response.headers["content-type"].startswith(PROBLEM)


async def test_cloudevents_format(database: Database, client: httpx.AsyncClient):
    await add_event(database, "dataset.updated", dataset="fz", version=3, links={"diff": "/d"})
    await add_event(database, "publication.created", publication_id="pub_1", title="t")
    body = (await client.get("/v1/changes", params={"format": "cloudevents"})).json()
    dataset_event, publication_event = body["events"]
    for ce in body["events"]:
        assert ce["specversion"] == "1.0"
        assert ce["source"] == f"{BASE_URL}/v1/changes"
        assert ce["id"].startswith("evt_")
        assert ce["datacontenttype"] == "application/json"
        assert ce["time"].endswith("Z")
        assert decode_cursor(ce["gongkaicursor"])
    assert dataset_event["type"] == "org.gongkai.dataset.updated"
    assert dataset_event["subject"] == "fz"
    assert dataset_event["data"]["links"]["diff"] == f"{BASE_URL}/d"
    assert publication_event["type"] == "org.gongkai.publication.created"
    assert publication_event["subject"] == "pub_1"
    assert body["next_cursor"] == publication_event["gongkaicursor"]
    # The same event keeps its id across reads (clients de-duplicate on it).
    again = (await client.get("/v1/changes", params={"format": "cloudevents"})).json()
    assert [e["id"] for e in again["events"]] == [e["id"] for e in body["events"]]
    assert (
        "format=cloudevents"
        in (await client.get("/v1/changes", params={"format": "cloudevents"})).headers["link"]
    )


async def test_old_cursor_of_a_pruned_event_is_gone(database: Database, client: httpx.AsyncClient):
    kept = await add_event(database, title="kept")
    long_ago = int(time.time()) - 91 * 86_400
    # An old cursor naming an event that no longer exists: events after it may be gone.
    pruned = encode_cursor(Position(kept.xact_id, kept.id + 1000), issued_at=long_ago)
    gone = await client.get("/v1/changes", params={"after": pruned})
    assert gone.status_code == 410
    assert gone.headers["content-type"].startswith(PROBLEM)
    problem = gone.json()
    assert problem["type"].endswith("/cursor-expired")
    assert "/v1/datasets" in problem["detail"] and "without a cursor" in problem["detail"]
    # The stream refuses it the same way.
    assert (await client.get("/v1/changes/stream", params={"after": pruned})).status_code == 410

    # An equally old cursor whose event still exists is fine: nothing after it was pruned.
    idle = encode_cursor(Position(kept.xact_id, kept.id), issued_at=long_ago)
    assert (await client.get("/v1/changes", params={"after": idle})).status_code == 200
    # A recent cursor is fine whatever it names.
    fresh = encode_cursor(Position(kept.xact_id, kept.id + 1000))
    assert (await client.get("/v1/changes", params={"after": fresh})).status_code == 200


async def test_retention_window_comes_from_config(database: Database):
    app = build_app(database, change_retention_days=1)
    async with serve(app) as url, httpx.AsyncClient(base_url=url) as client:
        two_days = encode_cursor(Position(0, 999), issued_at=int(time.time()) - 2 * 86_400)
        assert (await client.get("/v1/changes", params={"after": two_days})).status_code == 410


async def test_reads_need_a_key_when_configured(database: Database):
    async with database.transaction() as session:
        key = await create_key(session, scope="subscriber", name="reader")
    app = build_app(database, require_key_for_reads=True)
    async with serve(app) as url, httpx.AsyncClient(base_url=url) as client:
        for path in ("/v1/changes", "/v1/changes.atom", "/v1/changes/stream"):
            refused = await client.get(path)
            assert refused.status_code == 401, path
            assert refused.headers["content-type"].startswith(PROBLEM)
        allowed = await client.get("/v1/changes", headers={"Authorization": f"Bearer {key.secret}"})
        assert allowed.status_code == 200


async def test_webhook_events_stay_out_of_the_public_feed(
    database: Database, client: httpx.AsyncClient
) -> None:
    await add_event(database, "webhook.ping", title="private")
    await add_event(database, "webhook.disabled", title="private")
    await add_event(database, "publication.created", title="public")
    events = (await client.get("/v1/changes")).json()["events"]
    assert [e["type"] for e in events] == ["publication.created"]
    refused = await client.get("/v1/changes", params={"types": "webhook.ping"})
    assert refused.status_code == 400
