"""robots.txt read as RFC 9309 reads it: wildcards, ``$`` anchors, the longest match wins."""

from __future__ import annotations

import pytest

from ingest.fetch import FetchRequest, RobotsDisallowedError
from ingest.fetch.robots import parse_robots
from tests.fakesite.server import FakeSite
from tests.fetch.conftest import MakeFetcher
from tests.fetch.test_fetcher import ARTICLE

SITE = "https://www.jxfz.gov.cn"


@pytest.mark.parametrize(
    ("robots", "path", "allowed"),
    [
        # A wildcard with an end anchor: attachments out, pages in.
        ("User-agent: *\nDisallow: /*.pdf$\n", "/module/download/a.pdf", False),
        ("User-agent: *\nDisallow: /*.pdf$\n", "/module/download/a.pdf.html", True),
        ("User-agent: *\nDisallow: /*.pdf$\n", "/art/2024/3/11/art_15702_4151515.html", True),
        # The longest match wins, whatever the order of the lines.
        ("User-agent: *\nDisallow: /col/\nAllow: /col/col3787/\n", "/col/col3787/index.html", True),
        ("User-agent: *\nAllow: /col/col3787/\nDisallow: /col/\n", "/col/col3787/index.html", True),
        ("User-agent: *\nDisallow: /col/\nAllow: /col/col3787/\n", "/col/col1/index.html", False),
        # A wildcard in the middle of a path.
        ("User-agent: *\nDisallow: /art/*/private/\n", "/art/2024/private/x.html", False),
        ("User-agent: *\nDisallow: /art/*/private/\n", "/art/2024/public/x.html", True),
        # Equal length: Allow is the least restrictive and wins (RFC 9309 2.2.2).
        ("User-agent: *\nDisallow: /page\nAllow: /page\n", "/page", True),
        # Our own group rather than "*"; product tokens match case-insensitively.
        ("User-agent: gongkai\nAllow: /\n\nUser-agent: *\nDisallow: /\n", "/a.html", True),
    ],
)
def test_rfc9309_matching(robots: str, path: str, allowed: bool) -> None:
    assert parse_robots(robots, "Gongkai").allows(SITE + path) is allowed


def test_crawl_delay_of_our_group_is_read_and_capped() -> None:
    assert parse_robots("User-agent: Gongkai\nCrawl-delay: 5\n", "Gongkai").crawl_delay() == 5.0
    assert parse_robots("User-agent: *\nCrawl-delay: 86400\n", "Gongkai").crawl_delay() == 60.0


async def test_the_watched_column_is_fetched_under_a_broader_disallow(
    site: FakeSite, make_fetcher: MakeFetcher
) -> None:
    site.set_robots("User-agent: *\nDisallow: /col/\nAllow: /col/col3787/\nDisallow: /*.pdf$\n")
    site.set("/col/col3787/index.html", ARTICLE)
    site.set("/col/col9/index.html", ARTICLE)
    site.set("/files/report.pdf", ARTICLE)
    fetch = make_fetcher()
    assert (await fetch(FetchRequest(site.url("/col/col3787/index.html")))).status == 200
    for blocked in ("/col/col9/index.html", "/files/report.pdf"):
        with pytest.raises(RobotsDisallowedError):
            await fetch(FetchRequest(site.url(blocked)))
        assert site.count(blocked) == 0
