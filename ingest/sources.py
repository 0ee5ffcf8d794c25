"""The sources file: which disclosure columns to watch, and extra datasets by filter.

    specs = load_sources_file("gongkai/data/sources.toml")
    specs.sources[0].interval_seconds   # "30m" -> 1800

Format (TOML)::

    [[source]]
    name = "fuzhou-work-reports"     # slug: letters, digits, - and _
    adapter = "hanweb"               # hanweb | trs | generic
    url = "https://www.jxfz.gov.cn/col/col3787/index.html"
    area = "抚州市"
    area_code = "361000"
    interval = "30m"                 # or cron = "0 */6 * * *"
    dataset = "fuzhou-work-reports"

    [[dataset]]                      # optional: a dataset selected by filter
    slug = "jiangxi-gdp"
    title = "GDP of Jiangxi cities"
    sources = ["fuzhou-work-reports"]        # empty or absent: every source
    indicator_codes = ["gdp"]                # empty or absent: every indicator

    [[dataset]]                      # optional: the scorecard of targets met and missed
    slug = "scorecard"
    kind = "scorecard"               # derived from the observations of `sources`
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

import msgspec

ADAPTERS = ("hanweb", "trs", "generic")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
#: never hit a government site more often than this, whatever the file says
MIN_INTERVAL_SECONDS = 10


class SourcesFileError(ValueError):
    """The sources file cannot be used; the message names the file and the entry."""


class SourceSpec(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    adapter: str
    url: str
    dataset: str
    area: str = ""
    area_code: str = ""
    interval_seconds: int | None = 1800
    cron: str | None = None
    enabled: bool = True
    title: str = ""
    options: dict[str, Any] = msgspec.field(default_factory=dict)


class DatasetSpec(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    slug: str
    title: str = ""
    description: str = ""
    sources: tuple[str, ...] = ()
    indicator_codes: tuple[str, ...] = ()
    #: ``observations`` (rows selected by the filter) or ``scorecard`` (targets and
    #: outcomes derived from the observations of ``sources``, see ingest/scorecard.py)
    kind: Literal["observations", "scorecard"] = "observations"

    def filter(self) -> dict[str, Any]:
        return {"sources": list(self.sources), "indicator_codes": list(self.indicator_codes)}


class SourcesFile(msgspec.Struct, frozen=True):
    sources: tuple[SourceSpec, ...]
    datasets: tuple[DatasetSpec, ...] = ()


def parse_interval(text: str) -> int:
    """``"30m"`` -> 1800; accepts s, m, h, d."""
    found = _INTERVAL.match(text)
    if not found:
        raise ValueError(f"interval {text!r} is not like 90s, 30m, 6h or 1d")
    return int(float(found.group(1)) * _UNIT_SECONDS[found.group(2)])


def _source(entry: dict[str, Any], where: str) -> SourceSpec:
    known = {
        "name", "adapter", "url", "dataset", "area", "area_code", "interval", "cron",
        "enabled", "title", "options",
    }  # fmt: skip
    unknown = sorted(set(entry) - known)
    if unknown:
        raise SourcesFileError(f"{where}: unknown keys {', '.join(unknown)}")
    for key in ("name", "adapter", "url"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise SourcesFileError(f"{where}: `{key}` is required (a string)")
    name = entry["name"]
    if not _SLUG.match(name):
        raise SourcesFileError(f"{where}: name {name!r} must be a lower-case slug")
    if entry["adapter"] not in ADAPTERS:
        raise SourcesFileError(
            f"{where} ({name}): adapter {entry['adapter']!r} is not one of {', '.join(ADAPTERS)}"
        )
    if not entry["url"].startswith(("http://", "https://")):
        raise SourcesFileError(f"{where} ({name}): url must be http(s)")
    dataset = entry.get("dataset", name)
    if not isinstance(dataset, str) or not _SLUG.match(dataset):
        raise SourcesFileError(f"{where} ({name}): dataset {dataset!r} must be a slug")
    cron = entry.get("cron")
    interval: int | None = None
    if cron is None:
        try:
            interval = parse_interval(str(entry.get("interval", "30m")))
        except ValueError as exc:
            raise SourcesFileError(f"{where} ({name}): {exc}") from None
        if interval < MIN_INTERVAL_SECONDS:
            raise SourcesFileError(
                f"{where} ({name}): interval below {MIN_INTERVAL_SECONDS}s is impolite"
            )
    elif not isinstance(cron, str) or len(cron.split()) != 5:
        raise SourcesFileError(f"{where} ({name}): cron {cron!r} needs five fields")
    try:
        return msgspec.convert(
            {
                "name": name,
                "adapter": entry["adapter"],
                "url": entry["url"].strip(),
                "dataset": dataset,
                "area": entry.get("area", ""),
                "area_code": str(entry.get("area_code", "")),
                "interval_seconds": interval,
                "cron": cron,
                "enabled": entry.get("enabled", True),
                "title": entry.get("title", ""),
                "options": entry.get("options", {}),
            },
            SourceSpec,
        )
    except msgspec.ValidationError as exc:
        raise SourcesFileError(f"{where} ({name}): {exc}") from None


def _dataset(entry: dict[str, Any], where: str) -> DatasetSpec:
    try:
        spec = msgspec.convert(entry, DatasetSpec)
    except msgspec.ValidationError as exc:
        raise SourcesFileError(f"{where}: {exc}") from None
    if not _SLUG.match(spec.slug):
        raise SourcesFileError(f"{where}: slug {spec.slug!r} must be a lower-case slug")
    return spec


def parse_sources(text: str, origin: str = "sources file") -> SourcesFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesFileError(f"{origin}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"source", "dataset"})
    if unknown:
        raise SourcesFileError(f"{origin}: unknown tables {', '.join(unknown)}")
    sources = tuple(
        _source(entry, f"{origin} [[source]] #{i + 1}")
        for i, entry in enumerate(data.get("source", []))
    )
    datasets = tuple(
        _dataset(entry, f"{origin} [[dataset]] #{i + 1}")
        for i, entry in enumerate(data.get("dataset", []))
    )
    names = [s.name for s in sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SourcesFileError(f"{origin}: source names used twice: {', '.join(duplicates)}")
    primary = {s.dataset for s in sources}
    clash = sorted(primary & {d.slug for d in datasets})
    if clash:
        raise SourcesFileError(
            f"{origin}: datasets {', '.join(clash)} are both a source's and a filter dataset"
        )
    return SourcesFile(sources=sources, datasets=datasets)


def load_sources_file(path: str | Path) -> SourcesFile:
    """Read and validate the sources file at ``path``."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"GONGKAI_SOURCES_FILE: cannot read {file}: {exc}") from None
    return parse_sources(text, str(file))
