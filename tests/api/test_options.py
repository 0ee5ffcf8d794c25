"""``OPTIONS`` and ``405`` name exactly the methods each path serves, on every path of the
app's route table (RFC 9110 9.3.7 and 15.5.6): the methods of the handlers mounted there,
``HEAD`` wherever ``GET`` is (api/head.py serves it), and ``OPTIONS`` itself. ``OPTIONS``
needs no key, also where the path's handlers do (a CORS preflight never carries one)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.routes import HTTPRoute

from api.app import create_app
from api.config import ApiConfig
from models import Database
from tests.api.conftest import make_client

PROBED = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _concrete(route: HTTPRoute) -> str:
    """The route's path with every parameter filled with a value of its type."""
    path = route.path_format
    for name, definition in route.path_parameters.items():
        value = "1" if definition.type is int else "app.css" if name == "file_path" else "x1"
        path = path.replace("{" + name + "}", value)
    return path


def _mounted(route: HTTPRoute) -> set[str]:
    """The methods of the handlers declared on this route (not Litestar's OPTIONS)."""
    return {
        method
        for handler in route.route_handlers
        if handler.handler_name != "options_handler"
        for method in handler.http_methods
    }


def _expected(route: HTTPRoute) -> set[str]:
    mounted = _mounted(route)
    return mounted | {"OPTIONS"} | ({"HEAD"} if "GET" in mounted else set())


def _allow(response: httpx.Response) -> set[str]:
    return {m.strip() for m in response.headers.get("allow", "").split(",") if m.strip()}


def _routes(app: Litestar) -> list[HTTPRoute]:
    return [r for r in app.routes if isinstance(r, HTTPRoute)]


@pytest.mark.parametrize("require_key_for_reads", [False, True])
async def test_every_path_allows_exactly_what_it_serves(
    database: Database, require_key_for_reads: bool
) -> None:
    config = ApiConfig(
        base_url="http://127.0.0.1",
        rate_limit_per_minute=0,
        require_key_for_reads=require_key_for_reads,
    )
    app = create_app(database, config)
    routes = _routes(app)
    assert len(routes) >= 50
    # The app declares no OPTIONS handler of its own: Litestar's generated one is answered
    # by api.allow.options_middleware.
    assert not any("OPTIONS" in _mounted(r) for r in routes)
    wrong: list[tuple[Any, ...]] = []
    checked_405 = 0
    async with make_client(app) as http:
        for route in routes:
            path, expected = _concrete(route), _expected(route)
            options = await http.options(path)
            if options.status_code not in (200, 204) or _allow(options) != expected:
                wrong.append(("OPTIONS", path, options.status_code, _allow(options), expected))
            for method in PROBED:
                if method in expected:
                    continue
                refused = await http.request(method, path)
                checked_405 += 1
                if refused.status_code != 405 or _allow(refused) != expected:
                    wrong.append((method, path, refused.status_code, _allow(refused), expected))
    assert not wrong, wrong
    assert checked_405 > 200


async def test_head_is_not_allowed_where_get_is_not_served(database: Database) -> None:
    app = create_app(database, ApiConfig(base_url="http://127.0.0.1", rate_limit_per_minute=0))
    async with make_client(app) as http:
        head = await http.head("/v1/sources/fuzhou/check")
        options = await http.options("/v1/sources/fuzhou/check")
    assert head.status_code == 405
    assert _allow(head) == _allow(options) == {"OPTIONS", "POST"}


async def test_a_preflight_without_a_key_is_answered_on_guarded_paths(database: Database) -> None:
    """No CORS is configured, so a preflight is a plain OPTIONS: 204 and the Allow, no
    Access-Control-* grant, and no 401 from the subscriber guard of /v1/webhooks."""
    app = create_app(database, ApiConfig(base_url="http://127.0.0.1", rate_limit_per_minute=0))
    preflight = {"Origin": "https://news.example", "Access-Control-Request-Method": "PATCH"}
    async with make_client(app) as http:
        answer = await http.options("/v1/webhooks/wh_1", headers=preflight)
        unknown = await http.options("/v1/no-such-thing", headers=preflight)
        read = await http.get("/v1/webhooks/wh_1")
    assert answer.status_code == 204, answer.text
    assert _allow(answer) == {"DELETE", "GET", "HEAD", "OPTIONS", "PATCH"}
    assert answer.content == b""
    assert not [h for h in answer.headers if h.startswith("access-control-")]
    assert unknown.status_code == 404
    assert read.status_code == 401  # the handlers behind it still need a key
