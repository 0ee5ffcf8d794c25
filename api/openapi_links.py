"""OpenAPI ``links``: how the ids in one answer name the resources of the next request.

The OpenAPI document says, for each answer that carries ids, which operations take them
and from where (a runtime expression such as ``$response.body#/items/0/slug``): a client
generator, a reader of the spec and a stateful tester (schemathesis, in
``tests/api/test_stateful_schemathesis.py``) all follow the same table::

    add_links(doc)  # doc: the OpenAPI document as a dict, changed in place

Operations are named by method and path here; the document's own ``operationId`` is
looked up when the links are written, so a renamed handler cannot leave a dangling link
(:func:`add_links` raises on an operation the document does not hold).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Link:
    name: str
    target: str
    """``"GET /v1/datasets/{slug}"``: the operation the ids are passed to."""
    parameters: dict[str, str]
    description: str = ""


@dataclass(frozen=True)
class Source:
    operation: str
    """``"GET /v1/datasets"``: the operation whose answer carries the ids."""
    status: str
    links: list[Link] = field(default_factory=list)


_DATASET = "GET /v1/datasets/{slug}"
_DATASET_VERSIONS = "GET /v1/datasets/{slug}/versions"
_DATASET_VERSION = "GET /v1/datasets/{slug}/versions/{n}"
_EXPORTS = {
    "Diff": "GET /v1/datasets/{slug}/versions/{n}/diff",
    "Csv": "GET /v1/datasets/{slug}/versions/{n}/observations.csv",
    "Json": "GET /v1/datasets/{slug}/versions/{n}/observations.json",
    "Ndjson": "GET /v1/datasets/{slug}/versions/{n}/observations.ndjson",
    "Xlsx": "GET /v1/datasets/{slug}/versions/{n}/observations.xlsx",
    "DataPackage": "GET /v1/datasets/{slug}/versions/{n}/datapackage.json",
}
_PUBLICATION = "GET /v1/publications/{publication_id}"
_PUB_VERSIONS = "GET /v1/publications/{publication_id}/versions"
_PUB_VERSION = "GET /v1/publications/{publication_id}/versions/{n}"
_PUB_RAW = "GET /v1/publications/{publication_id}/versions/{n}/raw"
_PUB_DIFF = "GET /v1/publications/{publication_id}/versions/{n}/diff"
_SOURCE = "GET /v1/sources/{name}"
_SERIES = "GET /v1/series"
_OBSERVATIONS = "GET /v1/observations"
_WEBHOOK = "/v1/webhooks/{webhook_id}"


def _version_links(slug: str, n: str, what: str) -> list[Link]:
    links = [
        Link(
            f"Get{what}",
            _DATASET_VERSION,
            {"slug": slug, "n": n},
            f"The {what.lower()} version's metadata",
        )
    ]
    links += [
        Link(f"{name}Of{what}", target, {"slug": slug, "n": n}) for name, target in _EXPORTS.items()
    ]
    return links


def _publication_links(pid: str) -> list[Link]:
    return [Link("GetPublication", _PUBLICATION, {"publication_id": pid})]


def _webhook_links(hook: str) -> list[Link]:
    p = {"webhook_id": hook}
    return [
        Link("GetWebhook", f"GET {_WEBHOOK}", p),
        Link("UpdateWebhook", f"PATCH {_WEBHOOK}", p),
        Link("DeleteWebhook", f"DELETE {_WEBHOOK}", p),
        Link("ListDeliveries", f"GET {_WEBHOOK}/deliveries", p),
        Link("Ping", f"POST {_WEBHOOK}/ping", p),
        Link("Recover", f"POST {_WEBHOOK}/recover", p),
        Link("RotateSecret", f"POST {_WEBHOOK}/rotate-secret", p),
    ]


LINKS: list[Source] = [
    Source(
        "GET /v1/datasets",
        "200",
        [
            Link("GetDataset", _DATASET, {"slug": "$response.body#/items/0/slug"}),
            *_version_links(
                "$response.body#/items/0/slug", "$response.body#/items/0/latest_version", "Latest"
            ),
        ],
    ),
    Source(
        _DATASET,
        "200",
        [
            Link("ListVersions", _DATASET_VERSIONS, {"slug": "$response.body#/slug"}),
            Link(
                "SearchObservations",
                _OBSERVATIONS,
                {"query.dataset": "$response.body#/slug"},
                "The dataset's rows, newest version",
            ),
            *_version_links("$response.body#/slug", "$response.body#/latest_version", "Latest"),
        ],
    ),
    Source(
        _DATASET_VERSIONS,
        "200",
        _version_links(
            "$response.body#/items/0/dataset", "$response.body#/items/0/version", "Newest"
        ),
    ),
    Source(
        _DATASET_VERSION,
        "200",
        [
            Link(
                f"{name}",
                target,
                {"slug": "$response.body#/dataset", "n": "$response.body#/version"},
            )
            for name, target in _EXPORTS.items()
        ],
    ),
    Source(
        "GET /v1/publications",
        "200",
        [
            *_publication_links("$response.body#/items/0/id"),
            *(
                Link(
                    name,
                    target,
                    {
                        "publication_id": "$response.body#/items/0/id",
                        "n": "$response.body#/items/0/latest_version",
                    },
                )
                for name, target in (
                    ("GetLatestVersion", _PUB_VERSION),
                    ("LatestRaw", _PUB_RAW),
                    ("LatestDiff", _PUB_DIFF),
                )
            ),
        ],
    ),
    Source(
        _PUBLICATION,
        "200",
        [
            Link("ListVersions", _PUB_VERSIONS, {"publication_id": "$response.body#/id"}),
            *(
                Link(
                    name,
                    target,
                    {"publication_id": "$response.body#/id", "n": "$response.body#/latest_version"},
                )
                for name, target in (
                    ("GetLatestVersion", _PUB_VERSION),
                    ("LatestRaw", _PUB_RAW),
                    ("LatestDiff", _PUB_DIFF),
                )
            ),
        ],
    ),
    Source(
        _PUB_VERSIONS,
        "200",
        [
            Link(
                name,
                target,
                {
                    "publication_id": "$request.path.publication_id",
                    "n": "$response.body#/items/0/version",
                },
            )
            for name, target in (
                ("GetVersion", _PUB_VERSION),
                ("Raw", _PUB_RAW),
                ("Diff", _PUB_DIFF),
            )
        ],
    ),
    Source(
        "GET /v1/sources",
        "200",
        [Link("GetSource", _SOURCE, {"name": "$response.body#/items/0/name"})],
    ),
    Source(
        _SOURCE,
        "200",
        [
            Link("GetDataset", _DATASET, {"slug": "$response.body#/dataset"}),
            Link("Check", "POST /v1/sources/{name}/check", {"name": "$response.body#/name"}),
            Link("Pause", "POST /v1/sources/{name}/pause", {"name": "$response.body#/name"}),
            Link("Resume", "POST /v1/sources/{name}/resume", {"name": "$response.body#/name"}),
        ],
    ),
    Source(
        _OBSERVATIONS,
        "200",
        [
            *_publication_links("$response.body#/items/0/publication_id"),
            Link("GetDataset", _DATASET, {"slug": "$response.body#/items/0/dataset"}),
            # (no link to the series: a row's indicator_code is empty when the indicator
            # is not in the catalogue; the scorecard's rows link there instead)
        ],
    ),
    Source(
        "GET /v1/indicators",
        "200",
        [
            Link(
                "SearchObservations",
                _OBSERVATIONS,
                {"query.indicator_code": "$response.body#/items/0/code"},
            ),
        ],
    ),
    Source(
        "GET /v1/series",
        "200",
        _publication_links("$response.body#/items/0/publication_id"),
    ),
    Source(
        "GET /v1/scorecard",
        "200",
        [
            *_publication_links("$response.body#/items/0/target_publication_id"),
            Link(
                "Series",
                _SERIES,
                {
                    "query.indicator_code": "$response.body#/items/0/indicator_code",
                    "query.measure": "$response.body#/items/0/measure",
                    "query.ref_area_code": "$response.body#/items/0/ref_area_code",
                },
                "The first target's indicator in its area over the years",
            ),
        ],
    ),
    Source(
        "GET /v1/changes",
        "200",
        [
            Link(
                "NextPage",
                "GET /v1/changes",
                {"query.after": "$response.body#/next_cursor"},
                "The events after this page",
            )
        ],
    ),
    Source("POST /v1/webhooks", "201", _webhook_links("$response.body#/id")),
    Source("GET /v1/webhooks", "200", _webhook_links("$response.body#/items/0/id")),
    Source(
        f"GET {_WEBHOOK}/deliveries",
        "200",
        [
            Link(
                "Redeliver",
                f"POST {_WEBHOOK}/deliveries/{{delivery_id}}/redeliver",
                {
                    "webhook_id": "$request.path.webhook_id",
                    "delivery_id": "$response.body#/items/0/id",
                },
            )
        ],
    ),
    Source(
        f"POST {_WEBHOOK}/ping",
        "202",
        [
            Link(
                "RedeliverPing",
                f"POST {_WEBHOOK}/deliveries/{{delivery_id}}/redeliver",
                {
                    "webhook_id": "$request.path.webhook_id",
                    "delivery_id": "$response.body#/delivery_id",
                },
            ),
            Link(
                "ListDeliveries",
                f"GET {_WEBHOOK}/deliveries",
                {"webhook_id": "$request.path.webhook_id"},
            ),
        ],
    ),
]


def _operation(doc: dict[str, Any], name: str) -> dict[str, Any]:
    method, path = name.split(" ", 1)
    try:
        operation: dict[str, Any] = doc["paths"][path][method.lower()]
    except KeyError:
        raise KeyError(f"OpenAPI links: the document has no operation {name}") from None
    return operation


def add_links(doc: dict[str, Any]) -> dict[str, Any]:
    """Write :data:`LINKS` into ``doc``'s responses (idempotent); returns ``doc``."""
    for source in LINKS:
        response = _operation(doc, source.operation)["responses"][source.status]
        links: dict[str, Any] = {}
        for link in source.links:
            entry: dict[str, Any] = {
                "operationId": _operation(doc, link.target)["operationId"],
                "parameters": dict(link.parameters),
            }
            if link.description:
                entry["description"] = link.description
            links[link.name] = entry
        response["links"] = links
    return doc
