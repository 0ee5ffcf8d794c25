"""Checks for query and path values that typed parameters cannot express.

Litestar already rejects values of the wrong type with a 400. What remains: text that
the databases refuse (PostgreSQL rejects NUL characters in text), version numbers beyond
the integer column, and the ``latest`` alias::

    q = text_param("q", q)                         # None stays None; NUL -> 400
    n = parse_version("n", "latest", latest=7)     # 7
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar.params import PathParameter

from api.problems import Problem

#: The largest version number the INTEGER columns hold.
MAX_VERSION = 2_147_483_647
MAX_TEXT = 500
VERSION_PATTERN = r"^(latest|[0-9]{1,10})$"
#: ``Parameter(ge=0, **MIN_ZERO)``: Litestar drops a falsy bound (``ge=0``) from the
#: schema, so the minimum is declared again explicitly.
MIN_ZERO: dict[str, Any] = {"schema_extra": {"minimum": 0}}


def bad_param(name: str, detail: str, source: str = "query") -> Problem:
    """A 400 problem naming parameter ``name``."""
    return Problem(
        400,
        "Bad request",
        f"{name}: {detail}",
        errors=[{"key": name, "source": source, "message": detail}],
    )


def text_param(name: str, value: str | None, *, max_length: int = MAX_TEXT) -> str | None:
    if value is None:
        return None
    if "\x00" in value:
        raise bad_param(name, "must not contain NUL characters")
    if len(value) > max_length:
        raise bad_param(name, f"at most {max_length} characters")
    return value


def path_id(value: str) -> str | None:
    """``value`` when it can name a stored row; None when it cannot (the caller 404s)."""
    if "\x00" in value or len(value) > 200:
        return None
    return value


def parse_version(name: str, value: str, *, latest: int) -> int | None:
    """The version number ``value`` names (``latest`` -> ``latest``).

    None when it cannot exist (0, beyond the column, or ``latest`` of an empty dataset):
    the caller answers 404. Malformed values are a 400 naming ``name``.
    """
    if value == "latest":
        return latest if latest > 0 else None
    if not value.isascii() or not value.isdigit():
        raise bad_param(name, "a version number (1, 2, ...) or 'latest'", source="path")
    number = int(value)
    if number < 1 or number > MAX_VERSION:
        return None
    return number


SlugPath = Annotated[str, PathParameter(description="Dataset slug, e.g. fuzhou-work-reports")]
PublicationIdPath = Annotated[str, PathParameter(description="Publication id (opaque)")]
SourceNamePath = Annotated[str, PathParameter(description="Source name")]
VersionNumberPath = Annotated[
    int, PathParameter(ge=1, le=MAX_VERSION, description="Version number (1, 2, ...)")
]
VersionRefPath = Annotated[
    str,
    PathParameter(pattern=VERSION_PATTERN, description="Version number (1, 2, ...) or `latest`"),
]
