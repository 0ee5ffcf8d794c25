"""``/v1/publications``: documents, their versions, raw bytes and text diffs.

    GET /v1/publications?source=&published_from=&published_to=&q=&flagged=&status=&limit=&cursor=
    GET /v1/publications/{id}
    GET /v1/publications/{id}/versions
    GET /v1/publications/{id}/versions/{n}
    GET /v1/publications/{id}/versions/{n}/diff?against={m}
    GET /v1/publications/{id}/versions/{n}/raw

A version never changes, so versions, diffs and raw bytes carry strong ETags and a year
of caching; lists and the publication itself are cached briefly.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from litestar.params import Parameter

from api.etag import (
    IMMUTABLE,
    SHORT,
    cache_headers,
    not_modified,
    not_modified_response,
    strong_etag,
)
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, next_link_headers
from api.params import (
    MIN_ZERO,
    PublicationIdPath,
    VersionNumberPath,
    bad_param,
    path_id,
    text_param,
)
from api.problems import Problem
from api.publications import service
from api.publications.schemas import (
    EXAMPLE_DIFF,
    EXAMPLE_PAGE,
    EXAMPLE_PUBLICATION,
    EXAMPLE_VERSION,
    EXAMPLE_VERSIONS,
    PublicationOut,
    PublicationPage,
    TextDiffOut,
    VersionList,
    VersionOut,
)
from api.publications.textdiff import diff_texts_compat
from api.responses import documented
from models import Database, PublicationVersion


def _pub_not_found(pid: str) -> Problem:
    return Problem(404, "Not found", f"no publication {pid!r}")


def _version_not_found(pid: str, n: int) -> Problem:
    return Problem(404, "Not found", f"publication {pid!r} has no version {n}")


#: A fetched government page may be defaced: shown from our origin it must not run its
#: scripts, load third-party resources or reach our cookies and storage. ``sandbox``
#: without ``allow-scripts`` gives it an opaque origin and no script; ``default-src 'none'``
#: lets nothing load (inline styles still apply, so the page stays readable).
RAW_PAGE_HEADERS = {
    "content-security-policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


class PublicationController(Controller):
    path = "/publications"
    tags = ["publications"]  # noqa: RUF012

    @get(
        "/",
        summary="List publications",
        description="Documents found on the watched columns, newest first (by published "
        "date, undated last). Filters combine with AND. Keyset pagination: follow "
        '`next_cursor` or the `Link: <...>; rel="next"` header.',
        responses=documented(PublicationPage, EXAMPLE_PAGE),
    )
    async def list_publications(
        self,
        state: State,
        request: Request[Any, Any, Any],
        source: Annotated[str | None, Parameter(description="Source name")] = None,
        published_from: Annotated[
            dt.date | None, Parameter(description="Published on or after (YYYY-MM-DD)")
        ] = None,
        published_to: Annotated[
            dt.date | None, Parameter(description="Published on or before (YYYY-MM-DD)")
        ] = None,
        q: Annotated[
            str | None, Parameter(description="Text the title contains", max_length=500)
        ] = None,
        flagged: Annotated[
            bool | None, Parameter(description="Only flagged (true) or unflagged (false)")
        ] = None,
        status: Annotated[
            Literal["active", "withdrawn"] | None, Parameter(description="Listing status")
        ] = None,
        limit: Annotated[
            int, Parameter(ge=1, le=MAX_LIMIT, description="Page size (1..1000)")
        ] = DEFAULT_LIMIT,
        cursor: Annotated[
            str | None, Parameter(description="Opaque cursor from the previous page")
        ] = None,
    ) -> Response[PublicationPage]:
        if published_from and published_to and published_from > published_to:
            raise bad_param("published_from", "must not be after published_to")
        filters = service.PublicationFilter(
            source=text_param("source", source),
            published_from=published_from,
            published_to=published_to,
            q=text_param("q", q),
            flagged=flagged,
            status=status,
        )
        db: Database = state.db
        async with db.session() as session:
            items, token = await service.list_publications(
                session, filters, limit=limit, cursor=text_param("cursor", cursor, max_length=2000)
            )
        headers = {"Cache-Control": SHORT, **next_link_headers(request, token)}
        return Response(PublicationPage(items=items, next_cursor=token), headers=headers)

    @get(
        "/{publication_id:str}",
        summary="Get a publication",
        description="One publication with the list of its versions.",
        responses=documented(PublicationOut, EXAMPLE_PUBLICATION, errors=(404,)),
    )
    async def get_publication(
        self, state: State, publication_id: PublicationIdPath
    ) -> Response[PublicationOut]:
        db: Database = state.db
        async with db.session() as session:
            found = await self._publication(session, publication_id)
            versions = await service.list_versions(session, publication_id)
        pub, source_name = found
        base = service.summary(pub, source_name)
        body = PublicationOut(
            **{f: getattr(base, f) for f in base.__struct_fields__},
            versions=[service.version_summary(v) for v in versions],
        )
        return Response(body, headers={"Cache-Control": SHORT})

    @get(
        "/{publication_id:str}/versions",
        summary="List versions of a publication",
        description="Every distinct state of the document, oldest first. A version is made "
        "only when the normalized text or the significant metadata changed.",
        responses=documented(VersionList, EXAMPLE_VERSIONS, errors=(404,)),
    )
    async def list_versions(
        self, state: State, publication_id: PublicationIdPath
    ) -> Response[VersionList]:
        db: Database = state.db
        async with db.session() as session:
            await self._publication(session, publication_id)
            versions = await service.list_versions(session, publication_id)
        body = VersionList(items=[service.version_summary(v) for v in versions])
        return Response(body, headers={"Cache-Control": SHORT})

    @get(
        "/{publication_id:str}/versions/{n:int}",
        summary="Get a publication version",
        description="The normalized text, metadata, attachments and integrity findings of "
        "one version. Each finding (`flags`) has its term or link, offsets into `text` (-1 "
        "when not in the text), its `weight` and the `evidence` that makes it (kind, weight, "
        "note; negative weights are evidence against); `flagged` is true when the weights "
        "add up to the threshold (1.0). Immutable: strong ETag, cached for a year.",
        responses=documented(VersionOut, EXAMPLE_VERSION, errors=(400, 404), not_modified=True),
    )
    async def get_version(
        self,
        state: State,
        request: Request[Any, Any, Any],
        publication_id: PublicationIdPath,
        n: VersionNumberPath,
    ) -> Response[Any]:
        db: Database = state.db
        async with db.session() as session:
            version = await self._version(session, publication_id, n)
        tag = strong_etag(version.content_hash, "version", publication_id, str(n))
        if not_modified(request, tag):
            return not_modified_response(tag, IMMUTABLE)
        return Response(service.version_out(version), headers=cache_headers(tag, IMMUTABLE))

    @get(
        "/{publication_id:str}/versions/{n:int}/diff",
        summary="Diff two publication versions",
        description="What changed in the text from version `against` (default n-1; 0 means "
        "the empty text) to version n: structured operations and a unified diff.",
        responses=documented(TextDiffOut, EXAMPLE_DIFF, errors=(400, 404), not_modified=True),
    )
    async def diff(
        self,
        state: State,
        request: Request[Any, Any, Any],
        publication_id: PublicationIdPath,
        n: VersionNumberPath,
        against: Annotated[
            int | None,
            Parameter(
                ge=0, le=2_147_483_647, description="Older version (default n-1)", **MIN_ZERO
            ),
        ] = None,
    ) -> Response[Any]:
        older = n - 1 if against is None else against
        db: Database = state.db
        async with db.session() as session:
            new = await self._version(session, publication_id, n)
            old = await self._version(session, publication_id, older) if older > 0 else None
        old_hash = old.content_hash if old is not None else "empty"
        tag = strong_etag(old_hash, new.content_hash, "diff", publication_id, str(older), str(n))
        if not_modified(request, tag):
            return not_modified_response(tag, IMMUTABLE)
        ops, paragraphs, unified = diff_texts_compat(
            old.text if old is not None else "", new.text, (f"v{older}", f"v{n}")
        )
        body = TextDiffOut(
            publication_id=publication_id,
            version=n,
            against=older,
            ops=ops,
            paragraphs_changed=paragraphs,
            unified=unified,
        )
        return Response(body, headers=cache_headers(tag, IMMUTABLE))

    @get(
        "/{publication_id:str}/versions/{n:int}/raw",
        summary="Raw bytes of a publication version",
        description="The page exactly as fetched, with its original content type when "
        "known. Immutable: the ETag is derived from the bytes' sha256. A fetched page is "
        "not ours to trust (a defaced one carries script): it is served sandboxed "
        "(`Content-Security-Policy: sandbox; default-src 'none'`), so it runs no script, "
        "loads nothing and gets no access to this origin.",
        responses=documented(
            bytes,
            "<!DOCTYPE html><html>...</html>",
            media_type="text/html",
            description="The fetched bytes (content type as fetched)",
            errors=(400, 404),
            not_modified=True,
        ),
    )
    async def raw(
        self,
        state: State,
        request: Request[Any, Any, Any],
        publication_id: PublicationIdPath,
        n: VersionNumberPath,
    ) -> Response[Any]:
        db: Database = state.db
        async with db.session() as session:
            version = await self._version(session, publication_id, n)
            if version.blob_sha256 is None:
                raise Problem(404, "Not found", "the raw bytes of this version were not kept")
            tag = strong_etag(version.blob_sha256, "raw")
            if not_modified(request, tag):
                return not_modified_response(tag, IMMUTABLE)
            found = await service.raw_content(session, version)
        if found is None:
            raise Problem(404, "Not found", "the raw bytes of this version were not kept")
        content, content_type = found
        # Set the header itself: Litestar would append a second charset to text/* types.
        headers = {
            **cache_headers(tag, IMMUTABLE),
            "content-type": content_type,
            **RAW_PAGE_HEADERS,
        }
        return Response(content, media_type=content_type, headers=headers)

    async def _publication(
        self, session: Any, publication_id: PublicationIdPath
    ) -> tuple[Any, str]:
        key = path_id(publication_id)
        found = await service.get_publication(session, key) if key else None
        if found is None:
            raise _pub_not_found(publication_id)
        return found

    async def _version(
        self, session: Any, publication_id: PublicationIdPath, n: int
    ) -> PublicationVersion:
        key = path_id(publication_id)
        version = await service.get_version(session, key, n) if key else None
        if version is None:
            raise _version_not_found(publication_id, n)
        return version
