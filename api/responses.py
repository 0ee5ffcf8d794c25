"""OpenAPI response documentation shared by the controllers.

Every endpoint documents its success body with an example and the problem+json errors
it can answer::

    @get("/{name:str}", responses=documented(SourceOut, EXAMPLE, errors=(404,)))
"""

from __future__ import annotations

from typing import Any

from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example

from api.problems import PROBLEM_MEDIA_TYPE, ProblemDetail

_PROBLEM_TEXT = {
    400: ("Bad request", "a parameter is malformed or out of range; `errors` names it"),
    401: ("Unauthorized", "no API key, or an unknown or revoked one"),
    403: ("Forbidden", "the API key lacks the scope this endpoint needs"),
    404: ("Not found", "no such resource"),
    429: ("Too many requests", "the rate limit is used up; retry after Retry-After seconds"),
    503: ("Service unavailable", "the scheduler is not wired into this process"),
}


def problem_spec(status: int) -> ResponseSpec:
    title, text = _PROBLEM_TEXT[status]
    example: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": text,
        "instance": "/v1/...",
    }
    if status == 400:
        example["errors"] = [{"key": "limit", "source": "query", "message": "at most 1000"}]
    return ResponseSpec(
        data_container=ProblemDetail,
        description=f"{title}: {text} (application/problem+json, RFC 9457)",
        media_type=PROBLEM_MEDIA_TYPE,
        generate_examples=False,
        examples=[Example(summary=title, value=example)],
    )


def documented(
    body: Any,
    example: Any,
    *,
    status: int = 200,
    description: str = "Success",
    media_type: str = "application/json",
    errors: tuple[int, ...] = (400,),
    not_modified: bool = False,
) -> dict[int, ResponseSpec]:
    """Responses of one operation: the success body with ``example`` and its errors."""
    responses = {
        status: ResponseSpec(
            data_container=body,
            description=description,
            media_type=media_type,
            generate_examples=False,
            examples=[Example(summary="Example", value=example)],
        ),
    }
    if not_modified:
        responses[304] = ResponseSpec(
            data_container=None,
            description="Not modified: the If-None-Match ETag still matches (no body)",
        )
    # Every operation can answer 400 (a malformed parameter, path or body), and answers it
    # as problem+json: documenting it here keeps the framework's own 400 schema out.
    for code in dict.fromkeys((400, *errors, 429)):
        responses[code] = problem_spec(code)
    return responses
