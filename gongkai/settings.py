"""Gongkai's settings: one typed object, from ``GONGKAI_*`` variables and an optional TOML file.

    settings = load_settings()            # os.environ, then ./gongkai.toml if present
    settings.database_url, settings.port
    describe_database(settings.database_url)   # 'sqlite:////home/me/.local/share/gongkai/...'
    unknown_variables(os.environ)         # [('GONGKAI_PROT', 'GONGKAI_PORT')]

The default database is one file in the platform's user data directory
(``~/.local/share/gongkai/gongkai.db`` on Linux, honouring ``XDG_DATA_HOME``), so every
command finds the same data whatever folder it runs in.

Precedence: environment variable > ``./.env`` (``GONGKAI_*=value`` lines) > TOML file
(``GONGKAI_CONFIG_FILE``, default ``./gongkai.toml`` when it exists; keys are the field
names) > default. A bad value stops start-up with a :class:`SettingsError` naming the
variable.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec
import platformdirs
import sqlalchemy as sa

from models.db import DatabaseConfigError, normalize_url

ENV_PREFIX = "GONGKAI_"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("auto", "json", "text")


class SettingsError(ValueError):
    """A setting has a value Gongkai cannot use; the message names the variable."""


#: ``GONGKAI_*`` names that are not settings fields but are read elsewhere on purpose.
OTHER_VARIABLES = ("GONGKAI_CONFIG_FILE",)
#: Prefixes of the test suite's, the benchmarks' and CI's own variables.
OTHER_PREFIXES = ("GONGKAI_TEST_", "GONGKAI_BENCH_", "GONGKAI_CI_")


def _bundled_sources_file() -> str:
    return str(Path(__file__).resolve().parent / "data" / "sources.toml")


def default_database_path() -> Path:
    """The embedded database when ``GONGKAI_DATABASE_URL`` is not set: one file in the
    user data directory, not in the current folder (a command run from elsewhere would
    otherwise create an empty second database)."""
    return Path(platformdirs.user_data_dir("gongkai", appauthor=False)) / "gongkai.db"


def default_export_cache_dir() -> Path:
    """Where finished exports are kept when ``GONGKAI_EXPORT_CACHE_DIR`` is not set."""
    return Path(platformdirs.user_cache_dir("gongkai", appauthor=False)) / "exports"


def _default_database_url() -> str:
    return f"sqlite+aiosqlite:///{default_database_path()}"


def describe_database(url: str) -> str:
    """``url`` as shown to people: the password hidden, the async driver name dropped."""
    try:
        parsed = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        return url
    backend = parsed.get_backend_name()
    return parsed.set(drivername=backend).render_as_string(hide_password=True)


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    database_url: str = msgspec.field(default_factory=_default_database_url)
    sources_file: str = msgspec.field(default_factory=_bundled_sources_file)
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    log_format: str = "auto"
    #: the address clients use to reach the API, for links in feeds, webhooks and DCAT
    public_url: str = ""
    #: the authority of the feed's ``tag:`` ids (RFC 4151): a domain or e-mail address you
    #: own; set it once, since a changed authority makes every entry look new to readers
    feed_tag_authority: str = "gongkai.invalid"
    #: the address the DCAT catalogue gives as its contact point (empty: none)
    contact_email: str = ""
    #: import the bundled sample page as source `sample` on first start
    load_sample: bool = True
    #: obey robots.txt of the watched sites
    respect_robots: bool = True
    #: seconds between two requests to one host
    fetch_min_delay: float = 1.0
    user_agent: str = (
        "Gongkai/0.1 (+https://github.com/gongkai-data/gongkai; open-data change feed)"
    )
    #: read endpoints need an API key too
    require_key_for_reads: bool = False
    #: requests per minute per API key or client address (0: unlimited)
    rate_limit_per_minute: int = 600
    #: days a change-feed cursor stays valid
    change_retention_days: int = 90
    #: CIDRs webhooks may target despite the SSRF guard (local testing only)
    webhook_allowed_networks: tuple[str, ...] = ()
    #: seconds a stopping process gives in-flight work
    shutdown_grace_seconds: float = 20.0
    #: seconds a scheduler's lease on a source lasts without renewal (a dead process's
    #: sources are taken over after this)
    scheduler_lease_seconds: float = 300.0
    #: seconds a client has to send a request's headers and body (0: no limit); the
    #: answer may take longer (long-polls, SSE)
    request_receive_timeout: float = 10.0
    #: open connections one client address may hold (0: no limit)
    max_connections_per_address: int = 64
    #: PostgreSQL connections each pool of a process keeps (as many again under load;
    #: the page and export pool up to twice this)
    database_pool_size: int = 10
    #: folder of finished exports of numbered dataset versions (empty: the user cache
    #: directory's ``exports`` folder)
    export_cache_dir: str = ""
    #: megabytes the export cache may hold (0: no export cache)
    export_cache_mb: int = 2048

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")


_FIELDS = {name: ENV_PREFIX + name.upper() for name in Settings.__struct_fields__}


def _split_list(value: Any) -> Any:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


def _validate(settings: Settings) -> None:
    try:
        normalize_url(settings.database_url)
    except DatabaseConfigError as exc:
        raise SettingsError(f"GONGKAI_DATABASE_URL: {exc}") from None
    if not 0 < settings.port < 65536:
        raise SettingsError(f"GONGKAI_PORT: {settings.port} is not a TCP port (1-65535)")
    if settings.log_level.upper() not in LOG_LEVELS:
        raise SettingsError(
            f"GONGKAI_LOG_LEVEL: {settings.log_level!r} is not one of {', '.join(LOG_LEVELS)}"
        )
    if settings.log_format not in LOG_FORMATS:
        raise SettingsError(
            f"GONGKAI_LOG_FORMAT: {settings.log_format!r} is not one of {', '.join(LOG_FORMATS)}"
        )
    for cidr in settings.webhook_allowed_networks:
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            raise SettingsError(
                f"GONGKAI_WEBHOOK_ALLOWED_NETWORKS: {cidr!r} is not a CIDR network"
            ) from None
    if settings.database_pool_size < 1:
        raise SettingsError("GONGKAI_DATABASE_POOL_SIZE: must be at least 1")
    if settings.scheduler_lease_seconds < 3:
        raise SettingsError("GONGKAI_SCHEDULER_LEASE_SECONDS: must be at least 3")
    for name in (
        "change_retention_days",
        "rate_limit_per_minute",
        "fetch_min_delay",
        "shutdown_grace_seconds",
        "request_receive_timeout",
        "max_connections_per_address",
        "export_cache_mb",
    ):
        value = getattr(settings, name)
        if value < 0 or value != value:  # value != value: NaN
            raise SettingsError(f"{_FIELDS[name]}: must not be negative (got {value!r})")
    if not re.fullmatch(r"[A-Za-z0-9.-]+(@[A-Za-z0-9.-]+)?", settings.feed_tag_authority):
        raise SettingsError(
            "GONGKAI_FEED_TAG_AUTHORITY: must be a domain name or an e-mail address"
        )
    if settings.contact_email and not re.fullmatch(
        r"[^@\s]+@[^@\s]+\.[^@\s]+", settings.contact_email
    ):
        raise SettingsError("GONGKAI_CONTACT_EMAIL: not an e-mail address")
    if settings.public_url and not settings.public_url.startswith(("http://", "https://")):
        raise SettingsError("GONGKAI_PUBLIC_URL: must start with http:// or https://")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"GONGKAI_CONFIG_FILE: cannot read {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"GONGKAI_CONFIG_FILE: {path} is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise SettingsError(f"GONGKAI_CONFIG_FILE: {path} has unknown keys: {', '.join(unknown)}")
    return data


def read_dotenv(path: Path) -> dict[str, str]:
    """``GONGKAI_*`` assignments of a ``.env`` file (``KEY=value``, ``#`` comments, optional
    quotes and ``export``); other lines are ignored."""
    found: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return found
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read: {exc}") from None
    for line in lines:
        line = line.strip().removeprefix("export ").strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if key.startswith(ENV_PREFIX):
            found[key] = value
    return found


def unknown_variables(env: Mapping[str, str]) -> list[tuple[str, str | None]]:
    """The ``GONGKAI_*`` names in ``env`` that no part of Gongkai reads, each with the
    nearest known name when one is close (a misspelt variable is otherwise silently
    ignored and its default used).

    >>> unknown_variables({"GONGKAI_PROT": "8001", "GONGKAI_PORT": "8000"})
    [('GONGKAI_PROT', 'GONGKAI_PORT')]
    """
    known = [*_FIELDS.values(), *OTHER_VARIABLES]
    found: list[tuple[str, str | None]] = []
    for name in sorted(env):
        if not name.startswith(ENV_PREFIX) or name in known or name.startswith(OTHER_PREFIXES):
            continue
        # compared without the shared prefix, which would make every name look close
        suffixes = {k.removeprefix(ENV_PREFIX): k for k in known}
        near = difflib.get_close_matches(name.removeprefix(ENV_PREFIX), suffixes, n=1)
        found.append((name, suffixes[near[0]] if near else None))
    return found


def current_environment() -> dict[str, str]:
    """What settings are read from when no mapping is given: ``./.env`` below
    ``os.environ``."""
    return {**read_dotenv(Path(".env")), **os.environ}


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build the settings from ``environ`` (default ``os.environ`` plus ``./.env``), a TOML
    file and overrides."""
    env = current_environment() if environ is None else environ
    raw: dict[str, Any] = {}
    config_file = env.get("GONGKAI_CONFIG_FILE")
    if config_file:
        raw.update(_read_toml(Path(config_file)))
    elif Path("gongkai.toml").is_file():
        raw.update(_read_toml(Path("gongkai.toml")))
    for name, var in _FIELDS.items():
        if var in env:
            raw[name] = env[var]
    raw.update(overrides)
    if "webhook_allowed_networks" in raw:
        raw["webhook_allowed_networks"] = _split_list(raw["webhook_allowed_networks"])
    try:
        settings = msgspec.convert(raw, Settings, strict=False)
    except msgspec.ValidationError as exc:
        # msgspec says e.g. "Expected `int`, got `str` - at `$.port`"
        message = str(exc)
        found = re.search(r"\$\.(\w+)", message)
        field = found.group(1) if found else ""
        var = _FIELDS.get(field, "GONGKAI_*")
        raise SettingsError(
            f"{var}: {message.split(' - at ')[0]} (got {raw.get(field)!r})"
        ) from None
    _validate(settings)
    return settings
