"""A reporter's journey in a real browser: home -> dataset -> a number -> its highlighted
clause -> the diff that changed it -> CSV and XLSX downloads -> the Atom feed.

No page may log a console error, fail a request, answer an HTTP error or try to reach
another origin.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest
from playwright.async_api import Page, expect

from tests.web.conftest import Watch, screenshot
from tests.web.world import World

pytestmark = pytest.mark.db
ATOM = "{http://www.w3.org/2005/Atom}"


def clean(watch: Watch) -> None:
    assert watch.problems() == {}, watch.problems()


async def download(page: Page, watch: Watch, selector: str, tmp_path: Path) -> Path:
    link = page.locator(selector)
    href = await link.get_attribute("href")
    assert href
    watch.downloads.add(page.url.split("/datasets/")[0] + href)
    async with page.expect_download() as info:
        await link.click()
    dl = await info.value
    target = tmp_path / dl.suggested_filename
    await dl.save_as(target)
    return target


async def test_journey(
    browse: tuple[Page, Watch], site: str, world: World, tmp_path: Path, backend: str
) -> None:
    page, watch = browse
    shots = backend == "sqlite"  # one set of screenshots per run

    # Home: what is watched, the latest changes in words, the datasets.
    await page.goto(site + "/")
    await expect(page.locator("h1")).to_have_text("公开 Gongkai")
    await expect(page.locator(".events")).to_contain_text("全市地区生产总值增长 6.3% -> 6.5%")
    if shots:
        await screenshot(page, "home")
    await page.locator(f'a[href="/datasets/{world.slug}"]').first.click()
    await page.wait_for_load_state("load")

    # Dataset: the latest version's table; the GDP actual for 2023 is 6.5% now.
    await expect(page).to_have_url(f"{site}/datasets/{world.slug}")
    row = page.locator("table.rows tbody tr", has_text="2023").filter(has_text="6.5%")
    await expect(row).to_have_count(1)
    if shots:
        await screenshot(page, "dataset")
    await row.locator("a.num-link").click()
    await page.wait_for_load_state("load")

    # Publication: the clause is highlighted and the number is the target of the link.
    await expect(page).to_have_url(
        f"{site}/publications/{world.report_id}/versions/2?obs=" + page.url.split("obs=")[1]
    )
    clause = page.locator("mark.clause")
    await expect(clause).to_have_count(1)
    await expect(clause).to_contain_text("全市地区生产总值增长6.5%")
    target = page.locator(".doc a.num:target")
    await expect(target).to_have_text("6.5%")
    # Focus shows the observation; the popover names the indicator.
    await target.focus()
    popover = page.locator("#" + (await target.get_attribute("aria-describedby") or ""))
    await expect(popover).to_be_visible()
    await expect(popover).to_contain_text("地区生产总值")
    await expect(page.locator("dl.meta")).to_contain_text("抚州市人民政府")
    if shots:
        await screenshot(page, "publication")
    # A click on the number opens its row in the dataset, and back.
    await target.click()
    await page.wait_for_load_state("load")
    await expect(page.locator("table.rows tr:target")).to_contain_text("6.5%")
    await page.go_back(wait_until="load")
    await expect(page.locator("mark.clause")).to_contain_text("6.5%")

    # The diff that changed it: numbers first, then the text with the change emphasised.
    await page.locator(f'a[href="/publications/{world.report_id}/versions/2/diff"]').click()
    await page.wait_for_load_state("load")
    await expect(page.locator("ul.words")).to_contain_text(
        "2023年实际: 全市地区生产总值增长 6.3% -> 6.5%"
    )
    await expect(page.locator("ul.words")).to_contain_text(
        "2024年目标: 全市地区生产总值增长 6%左右 -> 5.5%左右"
    )
    await expect(page.locator(".doc del.num-change").first).to_have_text("6.3")
    await expect(page.locator(".doc ins.num-change").first).to_have_text("6.5")
    if shots:
        await screenshot(page, "publication-diff")

    # Downloads from the dataset page, read back with real readers.
    await page.goto(f"{site}/datasets/{world.slug}")
    csv_file = await download(page, watch, 'a[href$="/observations.csv"]', tmp_path)
    rows = list(csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8"))))
    gdp = [r for r in rows if r["indicator_code"] == "gdp" and r["time_period"] == "2023"]
    assert {r["obs_value"] for r in gdp} == {"6.5", "6.3"}  # the report and the defaced page
    xlsx_file = await download(page, watch, 'a[href$="/observations.xlsx"]', tmp_path)
    sheet = openpyxl.load_workbook(xlsx_file, read_only=True)["observations"]
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert table[0][:3] == ["observation_id", "dataset", "publication_id"]
    assert len(table) - 1 == len(rows)
    value_col = table[0].index("obs_value")
    assert sorted(r[value_col] for r in table[1:]) == sorted(float(r["obs_value"]) for r in rows)

    # The Atom link on the changes page answers a feed with the change in words.
    await page.goto(site + "/changes")
    href = await page.locator('a[type="application/atom+xml"]').get_attribute("href")
    assert href == "/v1/changes.atom"
    answer = await page.request.get(site + href)
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(await answer.body())
    summaries = " ".join(e.findtext(f"{ATOM}summary") or "" for e in feed.iter(f"{ATOM}entry"))
    assert "6.3% -> 6.5%" in summaries
    clean(watch)
