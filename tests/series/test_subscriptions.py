"""Finer subscriptions: the change feed and webhooks filter dataset.updated events by
indicator_code, ref_area (name or code) and obs_kind, through the real ingest of the
fake column ("tell me when the GDP target of 抚州市 changes")."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import sqlalchemy as sa

from api.app import create_app
from api.auth import create_key
from api.config import ApiConfig
from models import ChangeEvent, Database, Delivery
from models.facets import facet_tokens, facets_text, filter_token, filters_match
from tests.api.conftest import make_client
from tests.changes.conftest import settled
from tests.fakesite.hanweb import HanwebSite
from tests.series.conftest import DATASET, Ingest

GDP_TARGET = {"indicator_codes": ["gdp"], "ref_areas": ["抚州市"], "obs_kinds": ["target"]}


def test_tokens_need_one_row_to_satisfy_the_whole_filter() -> None:
    rows = [
        {
            "indicator_code": "gdp",
            "ref_area": "抚州市",
            "ref_area_code": "361000",
            "obs_kind": "actual",
        },
        {
            "indicator_code": "cpi",
            "ref_area": "抚州市",
            "ref_area_code": "361000",
            "obs_kind": "target",
        },
    ]
    facets = facets_text(facet_tokens(rows))
    assert facets.startswith(" ") and facets.endswith(" ")
    assert filters_match({"indicator_codes": ["gdp"], "obs_kinds": ["actual"]}, facets)
    assert filters_match({"ref_areas": ["361000"], "obs_kinds": ["target"]}, facets)
    # gdp and target both occur, but never in one row
    assert not filters_match({"indicator_codes": ["gdp"], "obs_kinds": ["target"]}, facets)
    assert not filters_match({"ref_areas": ["赣州市"]}, facets)
    assert filters_match({"indicator_codes": ["pm25", "cpi"], "obs_kinds": []}, facets)
    assert filters_match({}, "")  # no filter: everything
    assert not filters_match(GDP_TARGET, "")  # a filter passes no event without facets
    assert filter_token(indicator_code="gdp", ref_area="抚州市") == "i=gdp|a=抚州市"
    assert filter_token() is None


@pytest.fixture
async def client(database: Database) -> AsyncIterator[httpx.AsyncClient]:
    config = ApiConfig(
        base_url="https://gongkai.test",
        rate_limit_per_minute=0,
        webhook_allowed_networks=("127.0.0.0/8",),
    )
    async with make_client(create_app(database, config)) as test_client:
        yield test_client


async def _subscriber(db: Database) -> dict[str, str]:
    async with db.transaction() as session:
        key = await create_key(session, scope="subscriber")
    return {"Authorization": f"Bearer {key.secret}"}


async def _deliveries(db: Database, subscription_id: str) -> list[int]:
    async with db.session() as session:
        ids = await session.scalars(
            sa.select(Delivery.event_id)
            .where(Delivery.subscription_id == subscription_id)
            .order_by(Delivery.event_id)
        )
        return list(ids)


async def _dataset_events(db: Database) -> list[ChangeEvent]:
    async with db.session() as session:
        events = await session.scalars(
            sa.select(ChangeEvent)
            .where(ChangeEvent.type == "dataset.updated")
            .order_by(ChangeEvent.id)
        )
        return [e for e in events if e.data["dataset"] == DATASET]


async def test_feed_and_webhooks_filter_by_indicator_area_and_kind(
    column: HanwebSite, ingest: Ingest, client: httpx.AsyncClient, database: Database
) -> None:
    headers = await _subscriber(database)
    hooks = {}
    for name, filters in {
        "gdp-target": GDP_TARGET,
        "gdp-actual-by-code": {
            "indicator_codes": ["gdp"],
            "ref_areas": ["361000"],
            "obs_kinds": ["actual"],
        },
        "cpi": {"indicator_codes": ["cpi"]},
        "everything": {},
    }.items():
        r = await client.post(
            "/v1/webhooks",
            json={
                "url": "http://127.0.0.1:9/hook",
                "event_types": ["dataset.updated"],
                "filters": filters,
            },
            headers=headers,
        )
        assert r.status_code == 201, r.text
        stored = r.json()["filters"]
        assert {k: v for k, v in stored.items() if v} == filters
        hooks[name] = r.json()["id"]
    r = await client.get(f"/v1/webhooks/{hooks['gdp-target']}", headers=headers)
    assert r.json()["filters"] == GDP_TARGET

    art = column.publish_report(2021)
    await ingest()  # a new report: GDP target and actual, CPI, everything changes
    column.revise(art, "增长3.9%,", "增长4%,")  # only the GDP actual of 2020 changes
    await ingest()
    column.revise(art, "居民消费价格上涨2.6%", "居民消费价格上涨2.5%")  # only CPI
    await ingest()
    await settled(database)
    new_report, gdp_revised, cpi_revised = (e.id for e in await _dataset_events(database))

    scorecard_events = {e.id for e in await _all_dataset_updates(database)} - {
        new_report,
        gdp_revised,
        cpi_revised,
    }
    assert await _deliveries(database, hooks["gdp-target"]) == [new_report]
    gdp_actual = await _deliveries(database, hooks["gdp-actual-by-code"])
    assert [e for e in gdp_actual if e not in scorecard_events] == [new_report, gdp_revised]
    assert [e for e in await _deliveries(database, hooks["cpi"]) if e not in scorecard_events] == [
        new_report,
        cpi_revised,
    ]
    assert len(await _deliveries(database, hooks["everything"])) == len(
        await _all_dataset_updates(database)
    )

    # The feed: the same filters as query parameters.
    async def feed(**params: str) -> list[int]:
        r = await client.get("/v1/changes", params={"types": "dataset.updated", **params})
        assert r.status_code == 200, r.text
        return [e["data"]["version"] for e in r.json()["events"] if e["data"]["dataset"] == DATASET]

    assert await feed(indicator_code="gdp", ref_area="抚州市", obs_kind="target") == [1]
    assert await feed(indicator_code="gdp", obs_kind="actual") == [1, 2]
    assert await feed(indicator_code="cpi", ref_area="361000") == [1, 3]
    assert await feed(ref_area="赣州市") == []
    r = await client.get("/v1/changes", params={"indicator_code": "gdp", "limit": 1})
    assert "indicator_code=gdp" in r.headers["Link"]
    r = await client.get("/v1/changes.atom", params={"indicator_code": "cpi"})
    assert r.status_code == 200 and r.text.count("<entry>") >= 2


async def _all_dataset_updates(db: Database) -> list[ChangeEvent]:
    async with db.session() as session:
        events = await session.scalars(
            sa.select(ChangeEvent).where(ChangeEvent.type == "dataset.updated")
        )
        return list(events)


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"obs_kind": "forecast"}, "obs_kind"),
        ({"ref_area": "x" * 101}, "ref_area"),
        ({"indicator_code": "gdp\x00"}, "indicator_code"),
    ],
)
async def test_bad_feed_filters_are_400(
    client: httpx.AsyncClient, params: dict[str, str], needle: str
) -> None:
    r = await client.get("/v1/changes", params=params)
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    assert needle in r.json()["detail"]


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"obs_kinds": ["forecast"]}, "obs_kinds"),
        ({"indicator_codes": [""]}, "indicator_codes"),
        ({"ref_areas": ["x" * 101]}, "ref_areas"),
        ({"colour": ["red"]}, "colour"),
    ],
)
async def test_bad_webhook_filters_are_refused_and_nothing_is_stored(
    client: httpx.AsyncClient, database: Database, filters: dict[str, list[str]], field: str
) -> None:
    headers = await _subscriber(database)
    r = await client.post(
        "/v1/webhooks", json={"url": "http://127.0.0.1:9/hook", "filters": filters}, headers=headers
    )
    assert r.status_code in (400, 422), r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert field in r.text
    assert (await client.get("/v1/webhooks", headers=headers)).json()["items"] == []
