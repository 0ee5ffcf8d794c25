"""The fake site itself: its switches, and running it as a separate process."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import httpx
import pytest

from tests.fakesite.server import FakeSite, RemoteFakeSite


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_routes_query_fallback_and_404(site: FakeSite):
    site.set("/list.jsp", "any query")
    site.set("/list.jsp?page=2", "page two")
    assert _get(site.url("/list.jsp?page=2")) == (200, b"page two")
    assert _get(site.url("/list.jsp?page=9")) == (200, b"any query")
    assert _get(site.url("/nothing"))[0] == 404
    assert site.count("/list.jsp") == 2
    assert site.count("/list.jsp?page=2") == 1


def test_fail_times_then_heals_itself(site: FakeSite):
    site.set("/a", "ok")
    site.fail("/a", "500", times=2)
    assert [_get(site.url("/a"))[0] for _ in range(3)] == [500, 500, 200]
    site.fail(None, "challenge")
    status, body = _get(site.url("/a"))
    assert status == 412 and b"document.cookie" in body
    site.heal()
    assert _get(site.url("/a")) == (200, b"ok")
    with pytest.raises(ValueError):
        site.fail("/a", "explode")


def test_conditional_answers(site: FakeSite):
    site.set("/a", "ok", etag='"e1"', last_modified="Mon, 11 Mar 2024 08:00:00 GMT")
    assert _get(site.url("/a"), {"If-None-Match": '"e1"'})[0] == 304
    assert _get(site.url("/a"), {"If-None-Match": '"e0"'})[0] == 200
    assert _get(site.url("/a"), {"If-Modified-Since": "Tue, 12 Mar 2024 00:00:00 GMT"})[0] == 304
    assert _get(site.url("/a"), {"If-Modified-Since": "Sun, 10 Mar 2024 00:00:00 GMT"})[0] == 200


async def test_stop_releases_hanging_requests():
    site = FakeSite.start(hang_seconds=30)
    site.set("/a", "ok")
    site.fail("/a", "timeout")
    async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
        import asyncio
        import time

        pending = asyncio.ensure_future(client.get(site.url("/a")))
        await asyncio.sleep(0.2)
        started = time.monotonic()
        await asyncio.to_thread(site.stop)
        with pytest.raises(httpx.HTTPError):
            await pending
        assert time.monotonic() - started < 3


def test_separate_process_with_routes_file_and_control_api(tmp_path: Path):
    routes = tmp_path / "routes.json"
    routes.write_text(
        json.dumps(
            {
                "routes": [{"path": "/a.html", "body": "<p>你好</p>"}],
                "robots": "User-agent: *\nDisallow: /x/\n",
            }
        ),
        encoding="utf-8",
    )
    with RemoteFakeSite.spawn(routes) as remote:
        assert _get(remote.url("/a.html")) == (200, "<p>你好</p>".encode())
        assert b"Disallow: /x/" in _get(remote.url("/robots.txt"))[1]
        remote.set("/b.bin", b"\xb9\xfa", content_type="text/plain")
        remote.fail("/a.html", "500", times=1)
        assert _get(remote.url("/a.html"))[0] == 500
        assert _get(remote.url("/b.bin"), {"User-Agent": "probe"}) == (200, b"\xb9\xfa")
        records = remote.requests("/b.bin")
        assert records[0].headers["user-agent"] == "probe"
        assert remote.count("/a.html") == 2
        assert remote.max_in_flight == 1
        remote.reset()
        assert _get(remote.url("/a.html"))[0] == 404
