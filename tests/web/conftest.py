"""Fixtures for the page tests: the world, the app on a real loopback port, and headless
Chromium (the system's, driven by Playwright) with a watch on every request.

The browser runs offline in effect: a route handler lets requests to the test server
through and aborts (and records) any other, so a page that tried to reach a CDN fails
its test. Console errors, page errors, failed requests and HTTP errors are recorded too.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, BrowserContext, Page, Route, async_playwright

from models import Database
from tests.changes.conftest import build_app, serve
from tests.web.world import World, build_world

CHROMIUM = os.environ.get("GONGKAI_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
# The README's screenshots are rewritten only on request (`make screenshots` sets
# GONGKAI_TEST_SCREENSHOTS=1), so that a test run leaves the checkout as it found it; the
# pages are still shot, into a temporary folder.
SCREENSHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("GONGKAI_TEST_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / f"gongkai-screenshots-{os.getpid()}"
)


@pytest.fixture
async def world(database: Database) -> World:
    return await build_world(database)


@pytest.fixture
async def site(database: Database, world: World) -> AsyncIterator[str]:
    """The app on the test database at http://127.0.0.1:PORT (after the world is built)."""
    async with serve(build_app(database)) as url:
        yield url


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        await browser.close()


@dataclass
class Watch:
    """What went wrong while a page was open."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    downloads: set[str] = field(default_factory=set)

    def problems(self) -> dict[str, list[str]]:
        failed = [
            f
            for f in self.failed
            if f.split(" ", 1)[0] not in self.downloads and not _dropped_favicon(f)
        ]
        found = {
            "console errors": self.console_errors,
            "failed requests": failed,
            "HTTP errors": self.http_errors,
            "external requests": self.external,
        }
        return {k: v for k, v in found.items() if v}


def _dropped_favicon(failure: str) -> bool:
    """The browser fetches the favicon on its own and drops the fetch (ERR_ABORTED) when
    the test navigates on before it finished: not a failure of the page. A favicon that
    fails any other way, or answers an HTTP error, is still reported."""
    url, _, reason = failure.partition(" ")
    return urlsplit(url).path.endswith("/favicon.svg") and reason == "net::ERR_ABORTED"


async def watched(context: BrowserContext, origin: str) -> tuple[Page, Watch]:
    watch = Watch(origin)
    local = urlsplit(origin).netloc

    async def route(r: Route) -> None:
        url = r.request.url
        if urlsplit(url).netloc == local or url.startswith(("data:", "blob:")):
            await r.continue_()
        else:
            watch.external.append(url)
            await r.abort()

    await context.route("**/*", route)
    page = await context.new_page()
    page.on(
        "console",
        lambda m: watch.console_errors.append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    page.on("requestfailed", lambda r: watch.failed.append(f"{r.url} {r.failure}"))

    def response(r: Any) -> None:
        if r.status >= 400:
            watch.http_errors.append(f"{r.status} {r.url}")

    page.on("response", response)
    return page, watch


@pytest.fixture
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    ctx = await browser.new_context(accept_downloads=True, locale="zh-CN")
    yield ctx
    await ctx.close()


@pytest.fixture
async def browse(context: BrowserContext, site: str) -> tuple[Page, Watch]:
    return await watched(context, site)


async def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    # Evaluated by the driver, not added as a <script>: the page's CSP allows no
    # inline script, and the test must not weaken it.
    await page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = await page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


async def tab_reaches_everything(page: Page, limit: int = 400) -> list[str]:
    """Press Tab through the page; the focusable elements that were never reached."""
    count: int = await page.evaluate(
        """() => {
          const all = document.querySelectorAll(
            'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]');
          let n = 0;
          for (const el of all) {
            if (el.getAttribute('tabindex') === '-1' || el.disabled) continue;
            if (!el.getClientRects().length) continue;   // not rendered (e.g. closed popover)
            el.setAttribute('data-kbd', String(n++));
          }
          return n;
        }"""
    )
    reached: set[str] = set()
    await page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(min(limit, count + 5)):
        await page.keyboard.press("Tab")
        mark = await page.evaluate(
            "() => document.activeElement && document.activeElement.getAttribute('data-kbd')"
        )
        if mark is not None:
            reached.add(mark)
        if len(reached) == count:
            break
    missing: list[str] = await page.evaluate(
        """(reached) => [...document.querySelectorAll('[data-kbd]')]
            .filter(el => !reached.includes(el.getAttribute('data-kbd')))
            .map(el => el.outerHTML.slice(0, 120))""",
        sorted(reached),
    )
    return missing


async def screenshot(page: Page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
