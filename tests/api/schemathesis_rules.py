"""What the schemathesis tests share: every check schemathesis has, and the few refusals of
schema-valid input that the published schema cannot express, each named here with why.

A generated request that is valid by the schema must be accepted (``positive_data_acceptance``)
unless the answer is one of :func:`judged`'s refusals, which the operations' descriptions
document and which no OpenAPI 3.1 schema can state:

- an opaque cursor (``cursor``, ``after``): any string of the alphabet is schema-valid, only
  the server's own tokens decode (400 "invalid cursor"; an expired one is a 410);
- one parameter depending on another, which parameter schemas cannot say (see
  :data:`CROSS_PARAMETER`): ``/v1/series`` needs ``ref_area`` or ``ref_area_code``;
  ``version`` on ``/v1/observations`` needs ``dataset``; ``published_from`` must not be
  after ``published_to``;
- a webhook URL must resolve to public addresses, event types must exist, dataset slugs
  must not be blank: judged by the service (422, with the reason).

Every other check runs on those answers too, and every check runs on all other answers.
"""

from __future__ import annotations

import json
from typing import Any

from schemathesis.checks import CHECKS, load_all_checks

load_all_checks()
ALL_CHECKS = CHECKS.get_all()
WITHOUT_ACCEPTANCE = [c for c in ALL_CHECKS if c.__name__ != "positive_data_acceptance"]
assert len(ALL_CHECKS) == len(WITHOUT_ACCEPTANCE) + 1 >= 14

CURSOR_PARAMS = {"cursor", "after"}
#: (path, the parameter the 400 names, words of its detail)
CROSS_PARAMETER = {
    ("/v1/series", "ref_area", "give ref_area or ref_area_code"),
    ("/v1/series.csv", "ref_area", "give ref_area or ref_area_code"),
    ("/v1/observations", "version", "needs `dataset`"),
    ("/v1/publications", "published_from", "must not be after published_to"),
}
CURSOR_PROBLEM = "https://gongkai.example/problems/invalid-cursor"


def _problem(response: Any) -> dict[str, Any]:
    try:
        body = json.loads(response.content)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def judged(case: Any, response: Any) -> bool:
    """Whether ``response`` refuses ``case`` for a reason the schema cannot express."""
    status = response.status_code
    if status not in (400, 410, 422):
        return False
    problem = _problem(response)
    keys = {e.get("key") for e in problem.get("errors") or [] if isinstance(e, dict)}
    query = case.query or {}
    if CURSOR_PARAMS & set(query) and (
        problem.get("type") == CURSOR_PROBLEM
        or (keys and keys <= CURSOR_PARAMS)
        or (status == 410 and problem.get("title") == "Cursor expired")
    ):
        return True
    path = case.operation.path
    detail = str(problem.get("detail", ""))
    if status == 400 and any(
        path == where and keys == {key} and words in detail for where, key, words in CROSS_PARAMETER
    ):
        return True
    webhook_bodies = case.operation.method.lower() in ("post", "patch") and path in (
        "/v1/webhooks",
        "/v1/webhooks/{webhook_id}",
    )
    return webhook_bodies and status == 422


def checks_for(case: Any, response: Any) -> list[Any]:
    return WITHOUT_ACCEPTANCE if judged(case, response) else ALL_CHECKS
