"""The home page, the change feed in words and the sources' health.

    GET /                      what Gongkai watches, the latest changes, the datasets
    GET /changes?type=&dataset=
    GET /sources

Events are worded by ``api.changes.words``, the same sentences as the Atom feed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from litestar import Controller, Request, get
from litestar.datastructures import State
from litestar.response import Template

from api.changes.filters import (
    FeedFilter,
    FilterError,
    parse_dataset,
    parse_types,
    types_param,
)
from api.changes.service import read_latest
from api.changes.words import describe_event, event_title
from api.datasets import service as datasets
from api.params import bad_param
from api.sources import service as sources
from api.sources.schemas import SourceOut
from models import PUBLIC_EVENT_TYPES, ChangeEvent, Database
from web.params import QueryText
from web.render import page

FEED_SIZE = 50
HOME_FEED_SIZE = 10


@dataclass(frozen=True)
class EventView:
    type: str
    at: Any
    title: str
    words: list[str]
    link: str | None


def _link(event: ChangeEvent) -> str | None:
    data = event.data or {}
    pid, n = data.get("publication_id"), data.get("version")
    if event.type == "dataset.updated" and data.get("dataset") and isinstance(n, int):
        return f"/datasets/{data['dataset']}/diff?from={data.get('previous_version') or 0}&to={n}"
    if event.type == "publication.updated" and pid and isinstance(n, int):
        return f"/publications/{pid}/versions/{n}/diff"
    if event.type.startswith("publication.") and pid and isinstance(n, int):
        return f"/publications/{pid}/versions/{n}"
    if event.type.startswith("source.") and data.get("source"):
        return "/sources"
    return None


def event_view(event: ChangeEvent) -> EventView:
    data = event.data or {}
    return EventView(
        type=event.type,
        at=event.occurred_at,
        title=event_title(event.type, data),
        words=describe_event(event.type, data).splitlines(),
        link=_link(event),
    )


# What a fetch error says, in words a reporter can act on; the raw text is shown too.
_ERRORS: list[tuple[re.Pattern[str], tuple[str, str]]] = [
    (
        re.compile(r"Name or service not known|nodename nor servname|getaddrinfo|No address", re.I),
        (
            "找不到网站地址 (可能没有网络, 或域名已变)",
            "The site's address could not be found (no network, or the domain changed)",
        ),
    ),
    (
        re.compile(r"timed? ?out|Timeout", re.I),
        ("网站长时间没有响应", "The site did not answer in time"),
    ),
    (
        re.compile(r"Connection refused|ConnectError|connection reset", re.I),
        ("无法连接到网站", "Could not connect to the site"),
    ),
    (
        re.compile(r"robots", re.I),
        ("网站的 robots.txt 不允许抓取", "The site's robots.txt forbids fetching"),
    ),
    (
        re.compile(r"blocked|challenge|HTTP 412|HTTP 403", re.I),
        (
            "网站拦截了抓取 (验证页面或拒绝访问)",
            "The site blocked the fetch (a challenge page or access denied)",
        ),
    ),
    (re.compile(r"HTTP 404|HTTP 410"), ("页面已不存在", "The page no longer exists")),
    (re.compile(r"HTTP 5\d\d"), ("网站服务器出错", "The site's server failed")),
]


def error_in_words(error: str | None, lang: str) -> str | None:
    if not error:
        return None
    for pattern, words in _ERRORS:
        if pattern.search(error):
            return words[0 if lang == "zh" else 1]
    return ("抓取失败" if lang == "zh" else "The check failed") + f": {error}"


async def _sources(state: State) -> list[SourceOut]:
    db: Database = state.db
    async with db.session() as session:
        rows = await sources.list_sources(session)
    # Disabled ones too (removed from the sources file, or fed by import like the
    # sample): their documents and numbers are still here; the page says they are not
    # checked.
    return [sources.to_out(s, state.source_control) for s in rows]


class FeedPages(Controller):
    path = "/"

    @get("/", name="web:home")
    async def home(self, state: State, request: Request[Any, Any, Any]) -> Template:
        db: Database = state.db
        async with db.session() as session:
            found = await datasets.list_datasets(session)
        events = await read_latest(db, feed_filter=FeedFilter(), limit=HOME_FEED_SIZE)
        return page(
            request,
            "home.html",
            sources=await _sources(state),
            events=[event_view(e) for e in events],
            datasets=found,
            error_in_words=error_in_words,
        )

    @get("/changes", name="web:changes")
    async def changes(
        self,
        state: State,
        request: Request[Any, Any, Any],
        type: QueryText = None,
        dataset: QueryText = None,
    ) -> Template:
        try:
            types = parse_types(type)
        except FilterError as exc:
            raise bad_param("type", str(exc)) from None
        try:
            feed_filter = FeedFilter(types=types, dataset=parse_dataset(dataset))
        except FilterError as exc:
            raise bad_param("dataset", str(exc)) from None
        db: Database = state.db
        events = await read_latest(db, feed_filter=feed_filter, limit=FEED_SIZE)
        async with db.session() as session:
            found = await datasets.list_datasets(session)
        atom = "/v1/changes.atom"
        query = urlencode(
            {k: v for k, v in {"types": types_param(types), "dataset": dataset}.items() if v}
        )
        return page(
            request,
            "changes.html",
            events=[event_view(e) for e in events],
            types=PUBLIC_EVENT_TYPES,
            chosen_type=type or "",
            chosen_dataset=dataset or "",
            datasets=[d for d, _ in found],
            atom=f"{atom}?{query}" if query else atom,
        )

    @get("/sources", name="web:sources")
    async def sources_page(self, state: State, request: Request[Any, Any, Any]) -> Template:
        return page(
            request,
            "sources.html",
            sources=await _sources(state),
            error_in_words=error_in_words,
        )
