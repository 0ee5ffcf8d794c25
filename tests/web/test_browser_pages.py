"""Every page in a real browser: axe-core finds no serious or critical violation, the
keyboard alone reaches every link and control, nothing fails or leaves the server; and
a defaced publication's markup is shown as text and never runs.
"""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from tests.web.conftest import Watch, run_axe, screenshot, tab_reaches_everything
from tests.web.world import ONERROR_TEXT, SCRIPT_TEXT, SPAM_TERM, World

pytestmark = pytest.mark.db


def pages(world: World) -> dict[str, str]:
    """Screenshot name -> path of every kind of page."""
    report, slug = world.report_id, world.slug
    return {
        "home": "/",
        "dataset": f"/datasets/{slug}",
        "dataset-filtered": f"/datasets/{slug}?indicator=gdp&kind=actual&sort=-obs_value&lang=en",
        "dataset-diff": f"/datasets/{slug}/diff?from=1&to=2",
        "series": f"/datasets/{slug}/series?indicator=gdp&area=抚州市&measure=growth",
        "publication": f"/publications/{report}",
        "publication-diff": f"/publications/{report}/versions/2/diff",
        "publication-flagged": f"/publications/{world.defaced_id}",
        "changes": "/changes?type=dataset.updated",
        "sources": "/sources",
        "not-found": "/datasets/no-such-dataset",
        "home-en": "/?lang=en",
    }


async def test_every_page_accessible_by_axe_and_keyboard(
    browse: tuple[Page, Watch], site: str, world: World, backend: str
) -> None:
    page, watch = browse
    violations: dict[str, object] = {}
    unreachable: dict[str, list[str]] = {}
    for name, path in pages(world).items():
        answer = await page.goto(site + path)
        assert answer is not None
        assert answer.status == (404 if name == "not-found" else 200), path
        csp = answer.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        if backend == "sqlite" and name not in ("not-found", "dataset-filtered", "home-en"):
            await screenshot(page, name)
        if found := await run_axe(page):
            violations[path] = found
        if missing := await tab_reaches_everything(page):
            unreachable[path] = missing
    assert violations == {}
    assert unreachable == {}
    # The 404 page is the only expected HTTP error (Chromium logs it on the console too).
    assert watch.http_errors == [f"404 {site}/datasets/no-such-dataset"]
    watch.http_errors = []
    watch.console_errors = [e for e in watch.console_errors if "404" not in e]
    assert watch.problems() == {}


async def test_english_labels(browse: tuple[Page, Watch], site: str, world: World) -> None:
    page, _ = browse
    await page.goto(f"{site}/datasets/{world.slug}?lang=en")
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await expect(page.locator("#dl")).to_contain_text("Downloads")
    # Links keep the language; the switch goes back to Chinese.
    await page.get_by_role("navigation").get_by_role("link", name="Home", exact=True).click()
    await expect(page).to_have_url(f"{site}/?lang=en")
    await page.get_by_role("link", name="中文").click()
    await expect(page.locator("html")).to_have_attribute("lang", "zh-CN")


async def test_defaced_text_is_shown_as_text(
    browse: tuple[Page, Watch], site: str, world: World
) -> None:
    page, watch = browse
    dialogs: list[str] = []
    page.on("dialog", lambda d: dialogs.append(d.message))
    await page.goto(f"{site}/publications/{world.defaced_id}")
    doc = page.locator(".doc")
    text = await doc.text_content() or ""
    assert SCRIPT_TEXT in text
    assert ONERROR_TEXT in text
    assert await doc.locator("script, img").count() == 0
    assert await page.evaluate("() => document.querySelectorAll('img').length") == 0
    # The gambling brand is marked as spam with the reason beside it.
    spam = doc.locator("mark.spam")
    await expect(spam).to_have_text(SPAM_TERM)
    await expect(doc.locator(".flag-reason")).to_contain_text("垃圾词")
    await expect(page.locator(".flag-box")).to_contain_text(SPAM_TERM)
    await page.wait_for_timeout(200)
    assert dialogs == []
    assert watch.problems() == {}


async def test_docs_render_offline(browse: tuple[Page, Watch], site: str, backend: str) -> None:
    """/docs, /schema and /schema/swagger draw Swagger UI from the vendored files."""
    page, watch = browse
    for path in ("/docs", "/schema", "/schema/swagger"):
        await page.goto(site + path)
        await expect(page.locator(".swagger-ui .info .title").first).to_contain_text("Gongkai")
        await expect(page.locator(".opblock-tag").first).to_be_visible()
        if path == "/docs" and backend == "sqlite":
            await screenshot(page, "docs", full_page=False)
    assert watch.problems() == {}
