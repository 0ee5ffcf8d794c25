"""What the API needs to know about its deployment (built by ``gongkai`` from Settings)."""

from __future__ import annotations

import msgspec


class ApiConfig(msgspec.Struct, kw_only=True, frozen=True):
    base_url: str = "http://127.0.0.1:8000"
    #: authority of the Atom feed's tag: ids; independent of base_url so that ids survive
    #: a change of host name
    feed_tag_authority: str = "gongkai.invalid"
    #: the DCAT catalogue's contact e-mail (empty: the contact point has a URL only)
    contact_email: str = ""
    require_key_for_reads: bool = False
    rate_limit_per_minute: int = 600
    change_retention_days: int = 90
    webhook_allowed_networks: tuple[str, ...] = ()
    #: roles of this process, for /ready ("api", "scheduler", "worker")
    roles: tuple[str, ...] = ("api",)
    #: folder of finished exports of numbered versions (empty: no export cache)
    export_cache_dir: str = ""
    #: bytes the export cache may hold
    export_cache_bytes: int = 2 * 1024**3
