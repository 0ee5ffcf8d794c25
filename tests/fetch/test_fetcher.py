"""The Fetcher against a real HTTP server on loopback (no mocked httpx)."""

from __future__ import annotations

import asyncio
import gzip
import random
import socket

import pytest

from ingest.fetch import (
    BlockedError,
    BodyTooLargeError,
    FetchError,
    FetchRequest,
    MemoryConditionalStore,
    RobotsDisallowedError,
    UnsafeURLError,
)
from tests.fakesite.server import FakeSite, Reply, RequestRecord
from tests.fetch.conftest import FakeTime, MakeFetcher

ARTICLE = (
    "<html><head><title>政府工作报告</title></head>"
    "<body><p>抚州市2024年政府工作报告</p></body></html>"
)

# -- basics ----------------------------------------------------------------------------


async def test_sends_gongkai_user_agent_and_decodes(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/a.html", ARTICLE)
    fetch = make_fetcher()
    result = await fetch(FetchRequest(site.url("/a.html")))
    assert result.status == 200
    assert result.text == ARTICLE
    assert result.encoding == "utf-8"
    assert result.body == ARTICLE.encode()
    assert result.url == site.url("/a.html")
    assert result.headers["content-type"] == "text/html; charset=utf-8"
    ua = site.requests("/a.html")[0].headers["user-agent"]
    assert ua.startswith("Gongkai/") and "+https://" in ua


async def test_empty_200_is_an_empty_document(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/e.html", ARTICLE)
    site.fail("/e.html", "empty")
    result = await make_fetcher()(FetchRequest(site.url("/e.html")))
    assert (result.status, result.body, result.text) == (200, b"", "")


async def test_post_form_is_sent_and_303_turns_into_get(site: FakeSite, make_fetcher: MakeFetcher):
    def dataproxy(req: RequestRecord) -> Reply:
        return Reply(200, b"<datastore>" + req.body + b"</datastore>", {"Content-Type": "text/xml"})

    site.handle("/module/web/jpage/dataproxy.jsp", dataproxy, method="POST")
    fetch = make_fetcher()
    result = await fetch(
        FetchRequest(
            site.url("/module/web/jpage/dataproxy.jsp?col=1"),
            method="POST",
            form={"startrecord": "1", "endrecord": "45"},
        )
    )
    assert result.text == "<datastore>startrecord=1&endrecord=45</datastore>"

    site.handle("/form", lambda req: Reply(303, b"", {"Location": "/done"}), method="POST")
    site.set("/done", "done")
    result = await fetch(FetchRequest(site.url("/form"), method="POST", form={"a": "1"}))
    assert result.text == "done"
    assert [r.method for r in site.requests("/done")] == ["GET"]


# -- robots.txt ------------------------------------------------------------------------


async def test_robots_disallow_is_honoured_and_fetched_once(
    site: FakeSite, make_fetcher: MakeFetcher
):
    site.set_robots("User-agent: Gongkai\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n")
    site.set("/private/x.html", ARTICLE)
    site.set("/public.html", ARTICLE)
    fetch = make_fetcher()
    with pytest.raises(RobotsDisallowedError):
        await fetch(FetchRequest(site.url("/private/x.html")))
    assert site.count("/private/x.html") == 0
    # Our own group applies, not the "*" one that disallows everything.
    assert (await fetch(FetchRequest(site.url("/public.html")))).status == 200
    assert site.count("/robots.txt") == 1


async def test_robots_star_group_applies_to_us(site: FakeSite, make_fetcher: MakeFetcher):
    site.set_robots("User-agent: OtherBot\nDisallow:\n\nUser-agent: *\nDisallow: /col/\n")
    site.set("/col/col1/index.html", ARTICLE)
    with pytest.raises(RobotsDisallowedError):
        await make_fetcher()(FetchRequest(site.url("/col/col1/index.html")))
    assert site.count("/col/col1/index.html") == 0


async def test_robots_can_be_switched_off(site: FakeSite, make_fetcher: MakeFetcher):
    site.set_robots("User-agent: *\nDisallow: /\n")
    site.set("/a.html", ARTICLE)
    result = await make_fetcher(respect_robots=False)(FetchRequest(site.url("/a.html")))
    assert result.status == 200
    assert site.count("/robots.txt") == 0


@pytest.mark.parametrize("status", [401, 403, 404])
async def test_robots_4xx_means_allowed(site: FakeSite, make_fetcher: MakeFetcher, status: int):
    site.set("/robots.txt", "User-agent: *\nDisallow: /\n", status=status)
    site.set("/a.html", ARTICLE)
    assert (await make_fetcher()(FetchRequest(site.url("/a.html")))).status == 200


async def test_robots_5xx_disallows_until_error_ttl_expires(
    site: FakeSite, make_fetcher: MakeFetcher, fake_time: FakeTime
):
    site.set("/a.html", ARTICLE)
    site.set_robots("User-agent: *\nAllow: /\n")
    site.fail("/robots.txt", "500")
    fetch = make_fetcher(robots_error_ttl_seconds=60)
    with pytest.raises(RobotsDisallowedError, match="500"):
        await fetch(FetchRequest(site.url("/a.html")))
    assert site.count("/a.html") == 0
    site.heal()
    with pytest.raises(RobotsDisallowedError):  # still cached
        await fetch(FetchRequest(site.url("/a.html")))
    fake_time.advance(61)
    assert (await fetch(FetchRequest(site.url("/a.html")))).status == 200
    assert site.count("/robots.txt") == 2


async def test_robots_crawl_delay_raises_the_pause(
    site: FakeSite, make_fetcher: MakeFetcher, fake_time: FakeTime
):
    site.set_robots("User-agent: *\nCrawl-delay: 4\n")
    site.set("/a.html", ARTICLE)
    fetch = make_fetcher(min_delay_seconds=1.0)
    await fetch(FetchRequest(site.url("/a.html")))
    await fetch(FetchRequest(site.url("/a.html")))
    # robots.txt -> page (wait 4) -> page (wait 4)
    assert fake_time.sleeps == [4.0, 4.0]


# -- politeness ------------------------------------------------------------------------


async def test_one_request_in_flight_per_host_and_min_delay(
    site: FakeSite, make_fetcher: MakeFetcher, fake_time: FakeTime
):
    for i in range(4):
        # Each answer takes 50 ms, so unserialised requests would overlap.
        site.set(f"/p{i}.html", ARTICLE, delay=0.05)
    fetch = make_fetcher(respect_robots=False, min_delay_seconds=2.5)
    results = await asyncio.gather(
        *(fetch(FetchRequest(site.url(f"/p{i}.html"))) for i in range(4))
    )
    assert [r.status for r in results] == [200] * 4
    assert site.max_in_flight == 1
    assert fake_time.sleeps == [2.5, 2.5, 2.5]


async def test_delay_counts_time_already_passed(
    site: FakeSite, make_fetcher: MakeFetcher, fake_time: FakeTime
):
    site.set("/a.html", ARTICLE)
    fetch = make_fetcher(respect_robots=False, min_delay_seconds=1.0)
    await fetch(FetchRequest(site.url("/a.html")))
    fake_time.advance(0.75)
    await fetch(FetchRequest(site.url("/a.html")))
    fake_time.advance(5)
    await fetch(FetchRequest(site.url("/a.html")))
    assert fake_time.sleeps == [pytest.approx(0.25)]


async def test_the_site_sees_overlap_without_a_fetcher(site: FakeSite):
    """Guard for the test above: the fake site does measure concurrency."""
    import httpx

    site.set("/slow", ARTICLE, delay=0.1)
    async with httpx.AsyncClient(trust_env=False) as client:
        await asyncio.gather(*(client.get(site.url("/slow")) for _ in range(3)))
    assert site.max_in_flight >= 2


# -- retries ---------------------------------------------------------------------------


async def test_retries_500_then_succeeds_with_jittered_backoff(
    site: FakeSite, make_fetcher: MakeFetcher, fake_time: FakeTime
):
    site.set("/a.html", ARTICLE)
    site.fail("/a.html", "500", times=2)
    fetch = make_fetcher(
        respect_robots=False,
        max_retries=3,
        min_delay_seconds=0,
        backoff_base=1.0,
        rng=random.Random(7),
    )
    result = await fetch(FetchRequest(site.url("/a.html")))
    assert result.text == ARTICLE
    assert site.count("/a.html") == 3
    assert len(fake_time.sleeps) == 2
    assert 0 <= fake_time.sleeps[0] <= 1.0 and 0 <= fake_time.sleeps[1] <= 2.0


async def test_retries_exhausted_is_a_fetch_error(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/a.html", ARTICLE)
    site.fail("/a.html", "500")
    fetch = make_fetcher(respect_robots=False, max_retries=2)
    with pytest.raises(FetchError) as info:
        await fetch(FetchRequest(site.url("/a.html")))
    assert info.value.status == 500
    assert "3 attempt" in info.value.reason
    assert site.count("/a.html") == 3


async def test_4xx_is_not_retried(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/gone.html", "gone", status=404)
    with pytest.raises(FetchError) as info:
        await make_fetcher(respect_robots=False)(FetchRequest(site.url("/gone.html")))
    assert info.value.status == 404
    assert not isinstance(info.value, BlockedError)
    assert site.count("/gone.html") == 1


async def test_retry_after_on_503_is_honoured(
    site: FakeSite, make_fetcher: MakeFetcher, fake_time: FakeTime
):
    site.set("/a.html", ARTICLE)
    site.fail("/a.html", "503", times=1, headers={"Retry-After": "7"})
    fetch = make_fetcher(respect_robots=False, min_delay_seconds=0)
    assert (await fetch(FetchRequest(site.url("/a.html")))).status == 200
    assert fake_time.sleeps == [7.0]


async def test_retry_after_longer_than_backoff_max_gives_up(
    site: FakeSite, make_fetcher: MakeFetcher
):
    site.set("/a.html", ARTICLE)
    site.fail("/a.html", "503", headers={"Retry-After": "3600"})
    with pytest.raises(FetchError, match="3600") as info:
        await make_fetcher(respect_robots=False)(FetchRequest(site.url("/a.html")))
    assert info.value.status == 503
    assert site.count("/a.html") == 1


async def test_timeout_is_retried_then_fails(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/a.html", ARTICLE)
    site.fail("/a.html", "timeout")
    fetch = make_fetcher(respect_robots=False, read_timeout=0.2, max_retries=1)
    with pytest.raises(FetchError, match="timed out") as info:
        await fetch(FetchRequest(site.url("/a.html")))
    assert info.value.status is None
    assert site.count("/a.html") == 2


async def test_connection_reset_is_retried(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/a.html", ARTICLE)
    site.fail("/a.html", "reset", times=1)
    result = await make_fetcher(respect_robots=False)(FetchRequest(site.url("/a.html")))
    assert result.text == ARTICLE
    assert site.count("/a.html") == 2


async def test_connection_refused_is_a_fetch_error_after_retries(
    make_fetcher: MakeFetcher, fake_time: FakeTime
):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on that port any more.
    fetch = make_fetcher(respect_robots=False, max_retries=2, min_delay_seconds=0)
    with pytest.raises(FetchError, match="ConnectError") as info:
        await fetch(FetchRequest(f"http://127.0.0.1:{port}/a.html"))
    assert "3 attempt" in info.value.reason
    assert len(fake_time.sleeps) == 2


async def test_truncated_body_is_a_fetch_error(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/a.html", ARTICLE)
    site.fail("/a.html", "truncated")
    with pytest.raises(FetchError, match="network error"):
        await make_fetcher(respect_robots=False, max_retries=1)(FetchRequest(site.url("/a.html")))
    assert site.count("/a.html") == 2


# -- blocked ---------------------------------------------------------------------------


async def test_412_challenge_is_blocked_and_not_retried(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/a.html", ARTICLE)
    site.fail("/a.html", "challenge")
    with pytest.raises(BlockedError) as info:
        await make_fetcher(respect_robots=False)(FetchRequest(site.url("/a.html")))
    assert info.value.status == 412
    assert site.count("/a.html") == 1


async def test_200_challenge_page_is_blocked(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/a.html", ARTICLE)
    site.fail("/a.html", "challenge200")
    with pytest.raises(BlockedError) as info:
        await make_fetcher(respect_robots=False)(FetchRequest(site.url("/a.html")))
    assert info.value.status == 200


async def test_challenge_on_5xx_is_blocked_not_retried(site: FakeSite, make_fetcher: MakeFetcher):
    jsl = (
        b"<script>document.cookie=('__jsl_clearance=1.5|0|x');"
        b"location.href=location.pathname</script>"
    )
    site.set("/a.html", jsl, status=521)
    with pytest.raises(BlockedError):
        await make_fetcher(respect_robots=False)(FetchRequest(site.url("/a.html")))
    assert site.count("/a.html") == 1


# -- conditional requests --------------------------------------------------------------


async def test_conditional_get_gives_not_modified(site: FakeSite, make_fetcher: MakeFetcher):
    lm = "Mon, 11 Mar 2024 08:00:00 GMT"
    site.set("/a.html", ARTICLE, etag='"v1"', last_modified=lm)
    store = MemoryConditionalStore()
    fetch = make_fetcher(respect_robots=False, state=store)
    first = await fetch(FetchRequest(site.url("/a.html")))
    assert (first.status, first.not_modified, first.etag) == (200, False, '"v1"')
    assert await store.get(site.url("/a.html")) == ('"v1"', lm)

    second = await fetch(FetchRequest(site.url("/a.html")))
    assert second.not_modified is True
    assert (second.status, second.body, second.text) == (304, b"", None)
    sent = site.requests("/a.html")[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == lm

    # The page changes: new ETag, a full answer, and the store follows.
    site.set("/a.html", ARTICLE + "<p>更新</p>", etag='"v2"', last_modified=lm)
    third = await fetch(FetchRequest(site.url("/a.html")))
    assert third.status == 200 and "更新" in (third.text or "")
    assert (await store.get(site.url("/a.html")))[0] == '"v2"'


async def test_last_modified_alone_is_enough(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/a.html", ARTICLE, last_modified="Mon, 11 Mar 2024 08:00:00 GMT")
    fetch = make_fetcher(respect_robots=False)
    await fetch(FetchRequest(site.url("/a.html")))
    assert (await fetch(FetchRequest(site.url("/a.html")))).not_modified


async def test_unconditional_request_sends_no_validators(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/a.html", ARTICLE, etag='"v1"')
    fetch = make_fetcher(respect_robots=False)
    await fetch(FetchRequest(site.url("/a.html")))
    again = await fetch(FetchRequest(site.url("/a.html"), conditional=False))
    assert again.status == 200 and again.text == ARTICLE
    assert "if-none-match" not in site.requests("/a.html")[1].headers


# -- size limit ------------------------------------------------------------------------


async def test_body_over_limit_is_refused(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/big.html", b"x" * 5000)
    with pytest.raises(BodyTooLargeError):
        await make_fetcher(respect_robots=False, max_body_bytes=1000)(
            FetchRequest(site.url("/big.html"))
        )


async def test_size_limit_applies_while_streaming_decoded_bytes(
    site: FakeSite, make_fetcher: MakeFetcher
):
    # 200 kB of zeros gzip to ~200 bytes: Content-Length passes, the stream must not.
    bomb = gzip.compress(b"0" * 200_000)
    site.set("/bomb.html", bomb, headers={"Content-Encoding": "gzip"})
    fetch = make_fetcher(respect_robots=False, max_body_bytes=50_000)
    with pytest.raises(BodyTooLargeError, match="body exceeds"):
        await fetch(FetchRequest(site.url("/bomb.html")))
    ok = await make_fetcher(respect_robots=False)(FetchRequest(site.url("/bomb.html")))
    assert len(ok.body) == 200_000


# -- encodings through the whole path --------------------------------------------------

# 镕/堃 are GBK but not GB2312; 𠀀 (U+20000) exists only in GB18030 (four bytes).
LEGACY = "抚州市人民政府关于朱镕基同志和王堃同志的通知，附件𠀀。" * 3


async def test_gbk_page_with_meta_gb2312_and_no_header_charset(
    site: FakeSite, make_fetcher: MakeFetcher
):
    html = (
        f'<html><head><meta charset="gb2312"><title>通知</title></head><body>{LEGACY}</body></html>'
    )
    site.set("/gb.html", html.encode("gb18030"))  # bytes: served without charset
    result = await make_fetcher(respect_robots=False)(FetchRequest(site.url("/gb.html")))
    assert site.requests("/gb.html") and "charset" not in result.headers["content-type"]
    assert result.encoding == "gb18030"
    assert result.text == html


async def test_http_equiv_meta_is_read(site: FakeSite, make_fetcher: MakeFetcher):
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK">'
        f"</head><body>{LEGACY}</body></html>"
    )
    site.set("/gbk.html", html.encode("gb18030"))
    result = await make_fetcher(respect_robots=False)(FetchRequest(site.url("/gbk.html")))
    assert result.text == html


async def test_gbk_page_without_any_declaration_is_detected(
    site: FakeSite, make_fetcher: MakeFetcher
):
    html = f"<html><head><title>通知</title></head><body><p>{LEGACY}</p></body></html>"
    site.set("/nodecl.html", html.encode("gbk", errors="ignore"))
    result = await make_fetcher(respect_robots=False)(FetchRequest(site.url("/nodecl.html")))
    assert result.encoding == "gb18030"
    assert "朱镕基" in (result.text or "") and "王堃" in (result.text or "")


async def test_utf8_bom_wins_over_header(site: FakeSite, make_fetcher: MakeFetcher):
    html = "<html><body>抚州市人民政府</body></html>"
    site.set("/bom.html", b"\xef\xbb\xbf" + html.encode(), content_type="text/html; charset=gbk")
    result = await make_fetcher(respect_robots=False)(FetchRequest(site.url("/bom.html")))
    assert (result.text, result.encoding) == (html, "utf-8")


async def test_header_charset_wins_over_meta(site: FakeSite, make_fetcher: MakeFetcher):
    html = '<html><head><meta charset="gb2312"></head><body>抚州市人民政府办公室</body></html>'
    site.set("/mixed.html", html.encode("utf-8"), content_type="text/html; charset=UTF-8")
    result = await make_fetcher(respect_robots=False)(FetchRequest(site.url("/mixed.html")))
    assert (result.text, result.encoding) == (html, "utf-8")


async def test_binary_attachment_has_no_text(site: FakeSite, make_fetcher: MakeFetcher):
    pdf = b"%PDF-1.4\n\x00\x01\x02binary"
    site.set("/f.pdf", pdf, content_type="application/pdf")
    result = await make_fetcher(respect_robots=False)(FetchRequest(site.url("/f.pdf")))
    assert (result.body, result.text, result.encoding) == (pdf, None, None)


# -- hostile URLs and redirects --------------------------------------------------------


@pytest.mark.parametrize(
    "make_url",
    [
        lambda base: "file:///etc/passwd",
        lambda base: "javascript:alert(document.cookie)",
        lambda base: base.replace("http://", "http://user:pass@") + "/a.html",
        lambda base: base + "/" + "a" * 2100,
        lambda base: "http:///a.html",
        lambda base: "ftp://127.0.0.1/a.html",
        lambda base: base + "/a.html\r\nX-Injected: 1",
        lambda base: "/a.html",
        lambda base: "http://127.0.0.1:99999/a.html",
    ],
    ids=[
        "file",
        "javascript",
        "credentials",
        "overlong",
        "no-host",
        "ftp",
        "crlf",
        "relative",
        "bad-port",
    ],
)
async def test_hostile_urls_are_refused_without_a_request(
    site: FakeSite, make_fetcher: MakeFetcher, make_url
):
    site.set("/a.html", ARTICLE)
    with pytest.raises(UnsafeURLError) as info:
        await make_fetcher()(FetchRequest(make_url(site.base_url)))
    assert isinstance(info.value, FetchError) and info.value.reason
    assert site.count() == 0


async def test_redirect_is_followed(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/old.html", b"", status=301, headers={"Location": "/new.html"})
    site.set("/new.html", ARTICLE)
    result = await make_fetcher()(FetchRequest(site.url("/old.html")))
    assert result.url == site.url("/new.html")
    assert result.text == ARTICLE


@pytest.mark.parametrize("target", ["file:///etc/passwd", "javascript:alert(1)", "ftp://x/y"])
async def test_redirect_to_non_http_scheme_is_refused(
    site: FakeSite, make_fetcher: MakeFetcher, target: str
):
    site.set("/r.html", b"", status=302, headers={"Location": target})
    with pytest.raises(UnsafeURLError, match="refused redirect"):
        await make_fetcher(respect_robots=False)(FetchRequest(site.url("/r.html")))
    assert site.count("/r.html") == 1


async def test_redirect_target_is_checked_against_robots(site: FakeSite, make_fetcher: MakeFetcher):
    site.set_robots("User-agent: *\nDisallow: /private/\n")
    site.set("/r.html", b"", status=302, headers={"Location": "/private/p.html"})
    site.set("/private/p.html", ARTICLE)
    with pytest.raises(RobotsDisallowedError, match="redirect target"):
        await make_fetcher()(FetchRequest(site.url("/r.html")))
    assert site.count("/private/p.html") == 0


async def test_redirect_loop_stops_after_five(site: FakeSite, make_fetcher: MakeFetcher):
    site.set("/loop", b"", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        await make_fetcher(respect_robots=False)(FetchRequest(site.url("/loop")))
    assert site.count("/loop") == 6
