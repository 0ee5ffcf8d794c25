"""The pages over HTTP (no browser): bad input gets one clear line, filters and keyset
pages, escaping and security headers, the XLSX download."""

from __future__ import annotations

import html
import io
import re
from collections.abc import AsyncIterator

import httpx
import openpyxl
import pytest
from markupsafe import escape
from openpyxl.utils.escape import unescape

from api.app import create_app
from api.config import ApiConfig
from api.datasets import xlsx
from models import Database
from tests.api.conftest import make_client
from tests.api.factories import make_dataset, make_publication, make_source, obs, publish
from tests.api.test_sources import usable_key
from tests.web.world import ONERROR_TEXT, SCRIPT_TEXT, World

pytestmark = pytest.mark.db
ALERT = re.compile(r'<p class="error" role="alert">(.*?)</p>', re.S)


@pytest.fixture
async def client(database: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(database, ApiConfig(base_url="https://gongkai.test", rate_limit_per_minute=0))
    async with make_client(app) as c:
        yield c


def error_line(answer: httpx.Response) -> str:
    found = ALERT.findall(answer.text)
    assert len(found) == 1, answer.text
    assert "\n" not in found[0]
    return html.unescape(found[0])


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/datasets/{slug}?sort=size", 400, "sort: one of id, time_period"),
        ("/datasets/{slug}?kind=guess", 400, "kind: actual or target"),
        ("/datasets/{slug}?version=99", 400, "version: a version number between 1 and 3"),
        ("/datasets/{slug}?version=abc", 400, "version: a version number"),
        ("/datasets/{slug}?cursor=garbage", 400, "invalid cursor"),
        ("/datasets/{slug}/diff?from=x&to=2", 400, "from: a version number between 0 and 3"),
        ("/datasets/{slug}/series?indicator=GDP!", 400, "indicator: an indicator code"),
        ("/datasets/{slug}/series", 400, "indicator"),
        ("/datasets/nothing-here", 404, "no dataset 'nothing-here'"),
        ("/publications/pub_missing", 404, "no publication 'pub_missing'"),
        ("/publications/{report}/versions/9", 404, "has no version 9"),
        ("/publications/{report}/versions/2/diff?against=2", 400, "against: an older version"),
        ("/changes?type=publication.eaten", 400, "type: unknown event type"),
        ("/changes?dataset=Not%20A%20Slug", 400, "dataset:"),
    ],
)
async def test_bad_input_one_line(
    client: httpx.AsyncClient, world: World, path: str, status: int, words: str
) -> None:
    answer = await client.get(path.format(slug=world.slug, report=world.report_id))
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("text/html")
    assert words in error_line(answer)


async def test_security_headers_and_escaping(client: httpx.AsyncClient, world: World) -> None:
    answer = await client.get(f"/publications/{world.defaced_id}")
    assert answer.status_code == 200
    csp = answer.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert str(escape(SCRIPT_TEXT)) in answer.text
    assert SCRIPT_TEXT not in answer.text
    assert ONERROR_TEXT not in answer.text
    # The only scripts are the pages' own file.
    assert re.findall(r"<script[^>]*>", answer.text) == [
        '<script src="/static/gongkai.js" defer></script>'.removesuffix("</script>")
    ]


async def test_pages_are_not_in_the_api_document(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/schema/openapi.json")).json()["paths"]
    assert "/v1/datasets/{slug}/versions/{n}/observations.xlsx" in paths
    pages = ("/datasets", "/publications", "/changes", "/sources", "/static")
    assert not [p for p in paths if p == "/" or p.startswith(pages)]


async def _big_dataset(db: Database, rows: int = 120) -> str:
    async with db.transaction() as session:
        source = await make_source(session, "many")
        pub = await make_publication(session, source, texts=["x"])
        ds = await make_dataset(session, "many", title="Many rows")
        await publish(
            session,
            ds,
            [
                obs(
                    f"o-{i:03d}",
                    pub.id,
                    obs_value=float(i % 37),
                    time_period=str(2000 + i % 5),
                    indicator_code="gdp" if i % 2 else "retail_sales",
                    indicator_zh="地区生产总值" if i % 2 else "社会消费品零售总额",
                    obs_kind="target" if i % 3 == 0 else "actual",
                )
                for i in range(rows)
            ],
        )
    return "many"


def row_ids(page: str) -> list[str]:
    return re.findall(r'<tr id="row-([^"]+)">', page)


async def test_keyset_pages_cover_every_row_once(
    client: httpx.AsyncClient, database: Database
) -> None:
    slug = await _big_dataset(database)
    for sort in ("id", "-obs_value", "time_period"):
        seen: list[str] = []
        url: str | None = f"/datasets/{slug}?sort={sort}"
        while url:
            answer = await client.get(url)
            assert answer.status_code == 200, answer.text
            seen += row_ids(answer.text)
            found = re.search(r'<a rel="next" href="([^"]+)"', answer.text)
            url = html.unescape(found.group(1)) if found else None
        assert len(seen) == 120 and len(set(seen)) == 120, sort


async def test_filters(client: httpx.AsyncClient, database: Database) -> None:
    slug = await _big_dataset(database)
    by_code = row_ids((await client.get(f"/datasets/{slug}?indicator=gdp&kind=target")).text)
    by_name = row_ids((await client.get(f"/datasets/{slug}?indicator=生产总值&kind=target")).text)
    expected = [f"o-{i:03d}" for i in range(120) if i % 2 and i % 3 == 0]
    assert by_code == by_name == expected
    in_2003 = row_ids((await client.get(f"/datasets/{slug}?year=2003&area=抚州市")).text)
    assert in_2003 == [f"o-{i:03d}" for i in range(120) if i % 5 == 3][:50]
    nowhere = await client.get(f"/datasets/{slug}?area=南昌市")
    assert row_ids(nowhere.text) == [] and "没有符合条件的数字" in nowhere.text


async def test_english_and_chinese_labels(client: httpx.AsyncClient, world: World) -> None:
    zh = (await client.get(f"/datasets/{world.slug}")).text
    en = (await client.get(f"/datasets/{world.slug}?lang=en")).text
    assert "下载" in zh and "Downloads" not in zh
    assert "Downloads" in en and '<html lang="en">' in en
    # Links on an English page stay English.
    assert f'href="/datasets/{world.slug}/series?indicator=gdp' in en
    assert "lang=en" in re.search(r'href="(/datasets/[^"]+/series[^"]+)"', en).group(1)  # type: ignore[union-attr]


# --------------------------------------------------------------------------- XLSX

RISKY = {
    "indicator_zh": '=HYPERLINK("http://evil","x")',
    "quote": "+1+1",
    "value_text": "-5",
    "unit_zh": "@SUM(A1)",
    "ref_area": "\t抚州市",
    "compare_scope": "\rcity",
}


async def _risky_dataset(db: Database) -> str:
    async with db.transaction() as session:
        source = await make_source(session, "risky")
        pub = await make_publication(session, source, texts=["x"])
        ds = await make_dataset(session, "risky")
        await publish(
            session,
            ds,
            [
                obs("o-risky", pub.id, obs_value=-50.0, obs_value_max=None, **RISKY),
                obs("o-plain", pub.id, obs_value=200000000000.0, obs_value_max=6.5),
            ],
        )
    return "risky"


async def test_xlsx_neutralises_formulas_and_keeps_numbers(
    client: httpx.AsyncClient, database: Database
) -> None:
    slug = await _risky_dataset(database)
    answer = await client.get(f"/v1/datasets/{slug}/versions/1/observations.xlsx")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="risky-v1.xlsx"' in answer.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    sheet = book["observations"]
    header = [c.value for c in sheet[1]]
    cells = {name: sheet.cell(row=2, column=i + 1) for i, name in enumerate(header)}
    for column, text in RISKY.items():
        cell = cells[column]
        # The data itself is unchanged (a CR is stored as _x000D_, which Excel decodes).
        assert unescape(cell.value) == text, column
        assert cell.data_type == "s", column  # a string, never a formula
        assert cell.quotePrefix, column  # and Excel treats it as text when edited
    assert cells["obs_value"].value == -50 and cells["obs_value"].data_type == "n"
    assert not cells["obs_value"].quotePrefix
    assert cells["obs_value_max"].value is None
    assert cells["char_start"].value == 10
    plain = {name: sheet.cell(row=3, column=i + 1) for i, name in enumerate(header)}
    assert plain["obs_value"].value == 200000000000
    assert plain["obs_value_max"].value == 6.5
    assert not plain["indicator_zh"].quotePrefix


async def test_xlsx_is_stable_and_cacheable(client: httpx.AsyncClient, world: World) -> None:
    url = f"/v1/datasets/{world.slug}/versions/1/observations.xlsx"
    first, second = await client.get(url), await client.get(url)
    assert first.content == second.content
    tag = first.headers["etag"]
    assert "immutable" in first.headers["cache-control"]
    again = await client.get(url, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    zh = await client.get(url + "?labels=zh")
    assert zh.headers["etag"] != tag
    header = next(
        openpyxl.load_workbook(io.BytesIO(zh.content))["observations"].iter_rows(values_only=True)
    )
    assert header[0] == "观测编号"
    latest = await client.get(f"/v1/datasets/{world.slug}/versions/latest/observations.xlsx")
    assert latest.status_code == 200 and "immutable" not in latest.headers["cache-control"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/v1/datasets/{slug}/versions/1/observations.xlsx?labels=fr", 400),
        ("/v1/datasets/{slug}/versions/99/observations.xlsx", 404),
        ("/v1/datasets/nope/versions/1/observations.xlsx", 404),
    ],
)
async def test_xlsx_bad_requests(
    client: httpx.AsyncClient, world: World, path: str, status: int
) -> None:
    answer = await client.get(path.format(slug=world.slug))
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("application/problem+json")


async def test_xlsx_goes_on_in_a_second_sheet_past_the_row_limit(
    client: httpx.AsyncClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx, "MAX_ROWS", 4)  # header + 3 rows per sheet
    answer = await client.get(f"/v1/datasets/{world.slug}/versions/3/observations.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(answer.content), read_only=True)
    assert book.sheetnames == ["observations", "observations 2", "observations 3"]
    sizes = [len(list(book[name].iter_rows(values_only=True))) for name in book.sheetnames]
    assert sizes == [4, 4, 2]  # 7 rows, each sheet with its header
    assert next(book["observations 2"].iter_rows(values_only=True))[0] == "observation_id"


async def test_pages_need_a_key_when_reads_do(database: Database, world: World) -> None:
    key = await usable_key(database, "subscriber")
    config = ApiConfig(require_key_for_reads=True, rate_limit_per_minute=0)
    async with make_client(create_app(database, config)) as client:
        for path in ("/", f"/datasets/{world.slug}", f"/publications/{world.report_id}"):
            answer = await client.get(path)
            assert answer.status_code == 401, path
            assert "requires an API key" in error_line(answer)
            assert (await client.get(path, headers={"X-API-Key": key})).status_code == 200
        # The stylesheet stays public, so the error page itself is styled.
        assert (await client.get("/static/gongkai.css")).status_code == 200


async def test_sources_say_health_and_last_error_in_words(
    client: httpx.AsyncClient, world: World
) -> None:
    for path in ("/sources", "/"):
        text = (await client.get(path)).text
        assert 'class="health health-failing">抓取失败</span>' in text, path
        assert "找不到网站地址 (可能没有网络, 或域名已变)" in text, path
    english = (await client.get("/sources?lang=en")).text
    assert "The site&#39;s address could not be found" in english
    assert "Name or service not known" in english  # the raw error stays available
    # The failure is in the feed too, in the feed's words.
    changes = (await client.get("/changes?type=source.failing")).text
    assert f"来源 {world.slug} 抓取失败" in changes
