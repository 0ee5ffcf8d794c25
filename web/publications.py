"""Publication pages: metadata, versions, the text with its numbers, and version diffs.

    GET /publications/{id}                         the latest version
    GET /publications/{id}/versions/{n}?obs=ID     clause of observation ID highlighted
    GET /publications/{id}/versions/{n}/diff?against=m

The numbers shown in a version's text are the rows of the dataset version that this
publication version produced (its ``cause``), read with the API's observation query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from litestar import Controller, Request, get
from litestar.datastructures import State
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from api.datasets import service as datasets
from api.datasets.schemas import ObservationChangeOut
from api.observations import service as observations
from api.observations.schemas import ObservationOut
from api.pagination import MAX_LIMIT
from api.params import bad_param, path_id, text_param
from api.problems import Problem
from api.publications import service as publications
from api.sources import service as sources
from ingest.parse.structs import METADATA_KEYS
from models import Database, Dataset, DatasetVersion, Publication, PublicationVersion
from web.datasets import clause_link, describe_change
from web.highlight import highlight
from web.params import PathNumber, PathText, QueryNumber, QueryText
from web.render import page
from web.textdiff import inline_diff


def _caused_by(v: DatasetVersion, publication_id: str) -> int | None:
    """The publication version that made dataset version ``v``, when it was this one."""
    cause = v.cause or {}
    if cause.get("publication_id") == publication_id and isinstance(cause.get("version"), int):
        return int(cause["version"])
    return None


def dataset_version_for(
    versions: Sequence[DatasetVersion], publication_id: str, n: int
) -> int | None:
    """The dataset version holding publication version ``n``'s numbers.

    That is the newest dataset version made by this publication at a version <= n (a
    publication version whose numbers did not change made no dataset version).
    """
    best: tuple[int, int] | None = None
    for v in versions:
        made_by = _caused_by(v, publication_id)
        if made_by is not None and made_by <= n and (best is None or (made_by, v.version) > best):
            best = (made_by, v.version)
    return best[1] if best else None


@dataclass(frozen=True)
class Found:
    """A publication, its versions and the dataset its numbers are published in."""

    pub: Publication
    source: str
    versions: Sequence[PublicationVersion]
    dataset: Dataset | None
    dataset_versions: Sequence[DatasetVersion]

    def version(self, n: int) -> PublicationVersion:
        for v in self.versions:
            if v.version == n:
                return v
        raise Problem(404, "Not found", f"publication {self.pub.id!r} has no version {n}")


async def _find(session: AsyncSession, publication_id: str) -> Found:
    key = path_id(publication_id)
    found = await publications.get_publication(session, key) if key else None
    if found is None:
        raise Problem(404, "Not found", f"no publication {publication_id!r}")
    pub, source_name = found
    versions = await publications.list_versions(session, pub.id)
    source = await sources.get_source(session, source_name)
    dataset = await datasets.get_dataset(session, source.dataset_slug) if source else None
    dataset_versions = await datasets.list_versions(session, dataset) if dataset else []
    return Found(pub, source_name, versions, dataset, dataset_versions)


async def _numbers(db: Database, found: Found, number: int | None) -> list[ObservationOut]:
    """This publication's rows in dataset version ``number``."""
    if found.dataset is None or number is None:
        return []
    query = observations.ObservationQuery(
        dataset=found.dataset.slug,
        dataset_id=found.dataset.id,
        version=number,
        publication_id=found.pub.id,
    )
    rows: list[ObservationOut] = []
    cursor = None
    while True:
        result = await observations.find(db, query, limit=MAX_LIMIT, cursor=cursor)
        rows.extend(result.items)
        if result.next_cursor is None:
            return rows
        cursor = result.next_cursor


async def _number_changes(
    session: AsyncSession, found: Found, older: int, n: int
) -> list[ObservationChangeOut]:
    """This publication's observation changes from its version ``older`` to ``n``."""
    if found.dataset is None:
        return []
    new = dataset_version_for(found.dataset_versions, found.pub.id, n)
    old = dataset_version_for(found.dataset_versions, found.pub.id, older) or 0
    if new is None or new == old:
        return []
    result = await datasets.diff(session, found.dataset, new=new, old=old)
    # Versions in between may hold other publications' changes: keep this one's.
    return [
        c
        for c in (*result.changed, *result.added, *result.removed)
        if any(o is not None and o.publication_id == found.pub.id for o in (c.new, c.old))
    ]


class PublicationPages(Controller):
    path = "/publications/{publication_id:str}"

    @get("/", name="web:publication")
    async def latest(
        self, state: State, request: Request[Any, Any, Any], publication_id: PathText
    ) -> Template:
        return await self._show(state, request, publication_id, None, None)

    @get("/versions/{n:int}", name="web:publication-version")
    async def version(
        self,
        state: State,
        request: Request[Any, Any, Any],
        publication_id: PathText,
        n: PathNumber,
        obs: QueryText = None,
    ) -> Template:
        return await self._show(state, request, publication_id, n, text_param("obs", obs))

    async def _show(
        self,
        state: State,
        request: Request[Any, Any, Any],
        publication_id: PathText,
        n: int | None,
        selected: str | None,
    ) -> Template:
        async with state.db.session() as session:
            found = await _find(session, publication_id)
            version = found.version(n if n is not None else found.pub.latest_version)
            shown_in = dataset_version_for(found.dataset_versions, found.pub.id, version.version)
            rows = await _numbers(state.db, found, shown_in)
        flags = [f for f in (version.flags or []) if isinstance(f, dict)]
        fields = (version.meta or {}).get("fields") or {}
        return page(
            request,
            "publication.html",
            pub=found.pub,
            source=found.source,
            dataset=found.dataset,
            versions=found.versions,
            version=version,
            metadata=[(k, fields[k]) for k in METADATA_KEYS if fields.get(k)],
            pieces=highlight(version.text, rows, flags, selected=selected),
            flags=flags,
            rows=rows,
            dataset_version=shown_in,
            selected=selected,
        )

    @get("/versions/{n:int}/diff", name="web:publication-diff")
    async def diff(
        self,
        state: State,
        request: Request[Any, Any, Any],
        publication_id: PathText,
        n: PathNumber,
        against: QueryNumber = None,
    ) -> Template:
        older = n - 1 if against is None else against
        if older < 0 or older >= n:
            raise bad_param("against", f"an older version, 0 to {n - 1}")
        async with state.db.session() as session:
            found = await _find(session, publication_id)
            new = found.version(n)
            old = found.version(older) if older > 0 else None
            changes = await _number_changes(session, found, older, n)
        return page(
            request,
            "publication_diff.html",
            pub=found.pub,
            new=new,
            older=older,
            versions=found.versions,
            changes=changes,
            describe=describe_change,
            clause_link=clause_link,
            pieces=inline_diff(old.text if old is not None else "", new.text),
        )
