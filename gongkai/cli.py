"""The ``gongkai`` command line: one module, one function per command.

    gongkai migrate            upgrade the database to the newest schema
    gongkai serve              migrate, then run the API (and, later, scheduler and worker)

Every command has ``--help``. Errors a user can fix (bad settings, an unreachable
database) print one line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from gongkai.logs import configure_logging
from gongkai.settings import Settings, SettingsError, load_settings
from models import Database, DatabaseConfigError, DatabaseUnavailableError


class UserError(Exception):
    """Something the user can fix; printed as one line, no traceback."""


def _run(coro: Coroutine[Any, Any, int]) -> int:
    return asyncio.run(coro)


async def _migrate(settings: Settings) -> Database:
    from models.migrations import upgrade

    db = Database(settings.database_url)
    await db.ping()
    await upgrade(db)
    return db


# --- commands -------------------------------------------------------------------


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    async def main() -> int:
        db = await _migrate(settings)
        from models.migrations import current_revision

        print(f"database at revision {await current_revision(db)}")
        await db.dispose()
        return 0

    return _run(main())


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from gongkai.runtime import serve

    if args.host:
        settings = _replace(settings, host=args.host)
    if args.port:
        settings = _replace(settings, port=args.port)
    return _run(serve(settings))


def _replace(settings: Settings, **changes: Any) -> Settings:
    import msgspec

    return msgspec.structs.replace(settings, **changes)


# --- parser -----------------------------------------------------------------------

Command = Callable[[argparse.Namespace, Settings], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai",
        description="Gongkai: an open-data change feed for government disclosure pages. "
        "Settings come from GONGKAI_* environment variables (see the README).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, func: Command, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    add("migrate", cmd_migrate, "Upgrade the database to the newest schema (safe to repeat).")
    p = add(
        "serve",
        cmd_serve,
        "Migrate, then run everything in one process: the API, the scheduler and a "
        "delivery worker (the embedded default).",
    )
    p.add_argument("--host", help="listen address (default: GONGKAI_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="listen port (default: GONGKAI_PORT or 8000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level, settings.log_format)
        func: Command = args.func
        return func(args, settings)
    except (SettingsError, DatabaseConfigError, DatabaseUnavailableError, UserError) as exc:
        print(f"gongkai: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
