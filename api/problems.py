"""Every error answer is RFC 9457 ``application/problem+json``.

Handlers raise :class:`Problem` (or Litestar's own HTTP exceptions, converted here)::

    raise Problem(404, "Publication not found", f"no publication {pid!r}")
"""

from __future__ import annotations

import logging
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from api.allow import allow_header

PROBLEM_MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("gongkai.api")


class ProblemDetail(msgspec.Struct, omit_defaults=True):
    """An RFC 9457 problem document."""

    type: str
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: list[dict[str, Any]] | None = None


class Problem(Exception):
    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        *,
        type_: str = "about:blank",
        headers: dict[str, str] | None = None,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type_
        self.headers = headers or {}
        self.errors = errors


def _response(request: Request[Any, Any, Any], problem: Problem) -> Response[ProblemDetail]:
    body = ProblemDetail(
        type=problem.type,
        title=problem.title,
        status=problem.status,
        detail=problem.detail,
        instance=request.url.path,
        errors=problem.errors,
    )
    return Response(
        body,
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=problem.headers,
    )


def problem_handler(request: Request[Any, Any, Any], exc: Problem) -> Response[ProblemDetail]:
    return _response(request, exc)


def http_exception_handler(
    request: Request[Any, Any, Any], exc: HTTPException
) -> Response[ProblemDetail]:
    errors = None
    if isinstance(exc, ValidationException) and isinstance(exc.extra, list):
        errors = [e if isinstance(e, dict) else {"message": str(e)} for e in exc.extra]
    title = {
        400: "Bad request",
        401: "Unauthorized",
        403: "Forbidden",
        404: "Not found",
        405: "Method not allowed",
        429: "Too many requests",
    }.get(exc.status_code, "Error")
    detail = exc.detail if exc.detail and exc.detail != title else ""
    headers = dict(exc.headers or {})
    if exc.status_code == 405 and "allow" in headers:
        # The router lists its handlers' methods; HEAD is served wherever GET is.
        headers["allow"] = allow_header(m.strip() for m in headers["allow"].split(","))
    return _response(
        request, Problem(exc.status_code, title, detail, headers=headers, errors=errors)
    )


def unexpected_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[ProblemDetail]:
    log.exception("unhandled error", extra={"path": request.url.path})
    return _response(
        request,
        Problem(HTTP_500_INTERNAL_SERVER_ERROR, "Internal server error", "the error was logged"),
    )


EXCEPTION_HANDLERS: dict[int | type[Exception], Any] = {
    Problem: problem_handler,
    HTTPException: http_exception_handler,
    Exception: unexpected_handler,
}


def rate_limited_response() -> Any:
    """The OpenAPI ``ResponseSpec`` of the 429 every rate-limited operation can answer
    (see :mod:`api.ratelimit`), for ``responses={429: rate_limited_response()}``."""
    from litestar.openapi.datastructures import ResponseSpec
    from litestar.openapi.spec import Example

    return ResponseSpec(
        ProblemDetail,
        description="Too many requests for this key or address: retry after `Retry-After` seconds",
        media_type=PROBLEM_MEDIA_TYPE,
        generate_examples=False,
        examples=[
            Example(
                summary="rate limited",
                value={
                    "type": "about:blank",
                    "title": "Too many requests",
                    "status": 429,
                    "detail": "at most 600 requests per minute; retry in 12 s",
                },
            )
        ],
    )
