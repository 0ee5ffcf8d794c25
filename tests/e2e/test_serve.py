"""The whole product with real processes: a revised number on a government site reaches
a webhook subscriber, the change feed and the CSV; a dead site turns the source failing.

On SQLite it runs `gongkai serve` (all roles in one process); on PostgreSQL `gongkai api`,
`gongkai scheduler` and `gongkai worker` as separate processes.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from standardwebhooks import Webhook

from tests.e2e.conftest import Processes, base_env, eventually, write_sources
from tests.fakesite.hanweb import SEED_ART, HanwebSite
from tests.helpers import free_port, run_cli, wait_http
from tests.notify.receiver import Receiver

INTERVAL = 10  # seconds: the shortest interval a source may have


def _events(receiver: Receiver, event_type: str) -> list[dict]:  # type: ignore[type-arg]
    found = []
    for request in receiver.requests("/hook"):
        body = json.loads(request.body)
        if body["type"] == event_type:
            found.append((request, body))
    return found  # type: ignore[return-value]


async def test_revision_reaches_subscriber_feed_and_csv(
    backend: str,
    tmp_path: Path,
    gov: HanwebSite,
    processes: Processes,
    database_url: str,
) -> None:
    port = free_port()
    env = base_env(database_url, write_sources(tmp_path / "sources.toml", gov), port)
    api = f"http://127.0.0.1:{port}"

    key = run_cli("keys", "create", "--scope", "subscriber", env=env)
    assert key.returncode == 0, key.stderr
    secret_key = next(
        line.split()[-1] for line in key.stdout.splitlines() if line.startswith("key:")
    )

    if backend == "postgresql":
        for role in ("api", "scheduler", "worker"):
            processes.start(role, env)
    else:
        processes.start("serve", env)
    proc = processes.running[0][1]
    ready = wait_http(f"{api}/ready", proc=proc, timeout=40)
    assert ready.status_code in (200, 503)

    with Receiver.start() as receiver:
        created = httpx.post(
            f"{api}/v1/webhooks",
            json={
                "url": receiver.url("/hook"),
                "event_types": ["dataset.updated", "source.failing"],
            },
            headers={"Authorization": f"Bearer {secret_key}"},
        )
        assert created.status_code == 201, created.text
        webhook_secret = created.json()["secret"]

        def dataset_version() -> int:
            answer = httpx.get(f"{api}/v1/datasets/fake-fuzhou")
            return answer.json()["latest_version"] if answer.status_code == 200 else 0

        eventually(lambda: dataset_version() >= 1, timeout=3 * INTERVAL, what="first check")
        v1_csv = httpx.get(f"{api}/v1/datasets/fake-fuzhou/versions/1/observations.csv")
        assert v1_csv.status_code == 200 and "6.3" in v1_csv.text

        gov.revise(SEED_ART, "增长6.3%", "增长6.5%")
        updates = eventually(
            lambda: [
                b for _r, b in _events(receiver, "dataset.updated") if b["data"]["version"] == 2
            ],
            timeout=INTERVAL + 15,
            what="dataset.updated for version 2 at the receiver",
        )
        data = updates[0]["data"]
        changed = [c for c in data["changes"] if c["change"] == "changed"]
        assert len(changed) == 1
        assert changed[0]["indicator_code"] == "gdp" and changed[0]["measure"] == "growth"
        assert (changed[0]["old"]["obs_value"], changed[0]["new"]["obs_value"]) == (6.3, 6.5)
        assert data["links"]["diff"].startswith(api)

        wh = Webhook(webhook_secret)
        for received, _body in _events(receiver, "dataset.updated"):
            wh.verify(received.body, received.headers)  # raises when the signature is wrong

        feed = httpx.get(f"{api}/v1/changes", params={"types": "dataset.updated"}).json()
        versions = [e["data"]["version"] for e in feed["events"] if e["type"] == "dataset.updated"]
        assert 2 in versions

        latest = httpx.get(f"{api}/v1/datasets/fake-fuzhou/versions/latest/observations.csv")
        assert "6.5" in latest.text
        again = httpx.get(f"{api}/v1/datasets/fake-fuzhou/versions/1/observations.csv")
        assert again.content == v1_csv.content

        gov.server.fail(None, "500")
        eventually(
            lambda: _events(receiver, "source.failing"),
            timeout=INTERVAL + 20,
            what="source.failing at the receiver",
        )
        source = httpx.get(f"{api}/v1/sources/fake-fuzhou").json()
        assert source["health"] == "failing"
        after = httpx.get(f"{api}/v1/datasets/fake-fuzhou/versions/latest/observations.csv")
        assert after.content == latest.content  # nothing stored was lost

    for role, code, err in processes.stop_all():
        assert code == 0, f"{role} exited {code}: {err[-2000:]}"
