"""Query and header parameters of the feed endpoints, and their documented errors.

Declared once here (with OpenAPI descriptions and examples) and used by the
controllers as annotations::

    async def list_changes(self, after: After = None, limit: Limit = 100): ...
"""

from __future__ import annotations

from typing import Annotated

from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.params import HeaderParameter, QueryParameter

from api.problems import PROBLEM_MEDIA_TYPE, ProblemDetail, rate_limited_response
from models import PUBLIC_EVENT_TYPES

GONE_TYPE = "https://gongkai.example/problems/cursor-expired"
BAD_CURSOR_TYPE = "https://gongkai.example/problems/invalid-cursor"
BAD_FILTER_TYPE = "https://gongkai.example/problems/invalid-filter"
MAX_LIMIT = 500
MAX_WAIT = 60
# issued "in 2100" (c1.812.40.4102444800), so the example never answers 410 as expired
CURSOR_EXAMPLE = "YzEuODEyLjQwLjQxMDI0NDQ4MDA"


def _types_pattern() -> str:
    """What :func:`api.changes.filters.parse_types` accepts: comma-separated known types
    or ``family.*``, blanks around them and empty items ignored."""
    families = sorted({t.split(".")[0] for t in PUBLIC_EVENT_TYPES})
    names = [t.replace(".", r"\.") for t in PUBLIC_EVENT_TYPES]
    item = "(" + "|".join([*(f"{f}\\.\\*" for f in families), *names]) + ")"
    # unambiguous (each blank can be matched one way only): no catastrophic backtracking
    one = rf"\s*({item}\s*)?"
    return f"^{one}(,{one})*$"


# The patterns and lengths below are declared in the schema only (schema_extra): the
# filters (api.changes.filters) check the values and say what is wrong in their own words.
TYPES_PATTERN = _types_pattern()
#: filters.parse_dataset: a slug, or empty for none
DATASET_PATTERN = r"^([a-z0-9][a-z0-9_-]{0,99})?$"
MAX_FACET = 100

PROBLEMS = {
    429: rate_limited_response(),
    400: ResponseSpec(
        ProblemDetail,
        description="Invalid cursor, filter, limit, wait or format",
        media_type=PROBLEM_MEDIA_TYPE,
        generate_examples=False,
    ),
    410: ResponseSpec(
        ProblemDetail,
        description="The cursor expired (older than the retention window): re-list and "
        "start again without a cursor",
        media_type=PROBLEM_MEDIA_TYPE,
        generate_examples=False,
        examples=[
            Example(
                summary="expired cursor",
                value={
                    "type": GONE_TYPE,
                    "title": "Cursor expired",
                    "status": 410,
                    "detail": "this cursor is older than the 90-day retention window ...",
                },
            )
        ],
    ),
}

After = Annotated[
    str | None,
    QueryParameter(
        name="after",
        description="The next_cursor of the previous page (or an SSE event id). "
        "Without it the feed starts at the oldest retained event.",
        examples=[Example(value=CURSOR_EXAMPLE)],
    ),
]
Types = Annotated[
    str | None,
    QueryParameter(
        name="types",
        description="Comma-separated event types; `family.*` selects a family "
        "(e.g. `publication.*,dataset.updated`).",
        examples=[Example(value="publication.*,dataset.updated")],
        schema_extra={"pattern": TYPES_PATTERN},
    ),
]
DatasetSlug = Annotated[
    str | None,
    QueryParameter(
        name="dataset",
        description="Only events about this dataset (slug; empty: any).",
        examples=[Example(value="fuzhou-work-reports")],
        schema_extra={"pattern": DATASET_PATTERN},
    ),
]
IndicatorCode = Annotated[
    str | None,
    QueryParameter(
        name="indicator_code",
        description="Only dataset.updated events with a changed row of this indicator.",
        examples=[Example(value="gdp")],
        schema_extra={"maxLength": MAX_FACET},
    ),
]
RefArea = Annotated[
    str | None,
    QueryParameter(
        name="ref_area",
        description="Only dataset.updated events with a changed row about this area "
        "(its name, e.g. 抚州市, or its GB/T 2260 code, e.g. 361000).",
        examples=[Example(value="抚州市")],
        schema_extra={"maxLength": MAX_FACET},
    ),
]
ObsKind = Annotated[
    str | None,
    QueryParameter(
        name="obs_kind",
        description="Only dataset.updated events with a changed row of this kind (empty: "
        "any); combined with the other row filters the same row must satisfy all of them.",
        examples=[Example(value="target")],
        schema_extra={"enum": ["actual", "target", ""]},
    ),
]
FormatName = Annotated[
    str | None,
    QueryParameter(
        name="format",
        description="`json` (default; also when empty) or `cloudevents` (each event as "
        "CloudEvents 1.0 JSON, type `org.gongkai.<event type>`).",
        examples=[Example(value="cloudevents")],
        schema_extra={"enum": ["json", "cloudevents", ""]},
    ),
]
Limit = Annotated[
    int,
    QueryParameter(
        name="limit",
        ge=1,
        le=MAX_LIMIT,
        description="Events per page (1-500)",
        examples=[Example(value=100)],
    ),
]
Wait = Annotated[
    float,
    QueryParameter(
        name="wait",
        ge=0,
        le=MAX_WAIT,
        description="Long-poll: seconds (0-60) to wait for a matching event when there "
        "is none yet; the answer comes as soon as one commits.",
        examples=[Example(value=30)],
    ),
]
LastEventId = Annotated[
    str | None,
    HeaderParameter(
        name="Last-Event-ID",
        description="Resume after this event id (takes precedence over `after`).",
        examples=[Example(value=CURSOR_EXAMPLE)],
    ),
]
