"""The ``gongkai`` command line: one module, one function per command.

    gongkai serve                 everything in one process (API, scheduler, worker)
    gongkai api | scheduler | worker      one role each, for multi-process deployments
    gongkai migrate               upgrade the database schema (safe to repeat)
    gongkai ingest [--source NAME]        check sources once and print what was found
    gongkai ingest --file PAGE --url URL  import a saved page as if fetched from URL
    gongkai extract PATH          print the observations of a page or text file
    gongkai sources list|check|pause|resume
    gongkai keys create|list|revoke
    gongkai reextract [--dataset SLUG]
    gongkai export SLUG [--version N] [--format csv|ndjson|json] [-o FILE]
    gongkai openapi --output FILE

Every command has ``--help``; the help of a command that opens the database says which
one (``GONGKAI_DATABASE_URL``, by default a file in the user data directory). Errors a
user can fix (bad settings, an unreachable database, a missing file, a bad sources file,
a port already in use) print one line on stderr and exit with status 2; unknown
``GONGKAI_*`` variables print a warning naming the nearest known one.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import socket
import sys
import tempfile
import textwrap
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

import msgspec

from gongkai.logs import configure_logging
from gongkai.settings import (
    Settings,
    SettingsError,
    current_environment,
    describe_database,
    load_settings,
    unknown_variables,
)
from models import Database, DatabaseConfigError, DatabaseUnavailableError


class UserError(Exception):
    """Something the user can fix; printed as one line, no traceback."""


def _run(coro: Coroutine[Any, Any, int]) -> int:
    try:
        import uvloop  # the faster event loop, where the platform has it
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def _replace(settings: Settings, **changes: Any) -> Settings:
    return msgspec.structs.replace(settings, **{k: v for k, v in changes.items() if v})


def _in_database(settings: Settings) -> str:
    """Appended to "not found" errors: an empty result often means the wrong database."""
    return f" in {describe_database(settings.database_url)}"


@contextlib.asynccontextmanager
async def _opened(settings: Settings) -> AsyncIterator[Database]:
    """The migrated database for one command, disposed of afterwards."""
    from gongkai.runtime import prepare

    db = await prepare(settings)
    try:
        yield db
    finally:
        await db.dispose()


# --- processes --------------------------------------------------------------------------


def _check_sources_file(settings: Settings) -> None:
    from ingest.sources import SourcesFileError, load_sources_file

    try:
        load_sources_file(settings.sources_file)
    except SourcesFileError as exc:
        raise UserError(str(exc)) from None


def _listen_socket(host: str, port: int) -> socket.socket:
    """The API's listening socket, bound now so that a busy port is one line before
    anything starts; uvicorn serves on it (no gap for another process to take the port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            reason = "the port is already in use (set GONGKAI_PORT or --port)"
        else:
            reason = exc.strerror or str(exc)
        raise UserError(f"cannot listen on {host}:{port}: {reason}") from None
    sock.set_inheritable(True)
    return sock


def _roles_command(name: str) -> Callable[[argparse.Namespace, Settings], int]:
    def command(args: argparse.Namespace, settings: Settings) -> int:
        settings = _replace(
            settings, host=getattr(args, "host", None), port=getattr(args, "port", None)
        )
        # Checked before anything is imported, migrated or started.
        if name in ("serve", "scheduler"):
            _check_sources_file(settings)
        listener = None
        if name in ("serve", "api"):
            listener = _listen_socket(settings.host, settings.port)
        # Imported here: the API stack is heavy and `gongkai --help` should be quick.
        from gongkai.runtime import ALL_ROLES, Roles, run_roles

        roles = {
            "serve": ALL_ROLES,
            "api": Roles(api=True),
            "scheduler": Roles(scheduler=True),
            "worker": Roles(worker=True),
        }[name]
        load_sample = name in ("serve", "scheduler")
        return _run(run_roles(settings, roles, load_sample=load_sample, listener=listener))

    return command


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    async def main() -> int:
        from models.migrations import current_revision

        async with _opened(settings) as db:
            where = describe_database(settings.database_url)
            print(f"database {where} at revision {await current_revision(db)}")
        return 0

    return _run(main())


# --- ingest -------------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    if args.file:
        try:
            body = Path(args.file).read_bytes()
        except OSError as exc:
            raise UserError(f"cannot read {args.file}: {exc.strerror}") from None
        return _run(_ingest_file(args, body, settings))
    if args.url:
        raise UserError("--url goes with --file (to check a source, use --source NAME)")
    return _run(_ingest_sources(args, settings))


async def _ingest_file(args: argparse.Namespace, body: bytes, settings: Settings) -> int:
    from ingest.fetch.types import DecodeError
    from ingest.register import PageOrigin, import_page

    if not args.url:
        raise UserError("--file needs --url: the address the page was published at")
    if not args.url.startswith(("http://", "https://")):
        raise UserError(f"--url {args.url!r} must be an http(s) URL")
    async with _opened(settings) as db:
        origin = PageOrigin(
            url=args.url,
            source_name=args.source or "imported",
            area=args.area or "",
            area_code=args.area_code or "",
            dataset=args.dataset or args.source or "imported",
        )
        try:
            outcome = await import_page(db, body, origin)
        except DecodeError as exc:  # a binary file: one line, nothing stored
            raise UserError(f"cannot import {args.file}: {exc.reason}") from None
    if outcome.anomaly is not None:
        print(f"{args.file}: not stored: {outcome.anomaly.kind}: {outcome.anomaly.detail}")
        return 1
    if outcome.version is None:
        print(f"{outcome.publication_id}: unchanged ({outcome.title})")
    else:
        print(f"{outcome.publication_id}: version {outcome.version} ({outcome.title})")
        for slug, n in outcome.dataset_versions.items():
            print(f"  dataset {slug} -> version {n}")
        if outcome.flagged:
            print("  flagged: suspicious content (see the version's flags)")
    return 0


async def _ingest_sources(args: argparse.Namespace, settings: Settings) -> int:
    import sqlalchemy as sa

    from ingest.check import DatabaseValidators, check_source
    from ingest.fetch import Fetcher, FetcherConfig
    from ingest.register import register_sources
    from ingest.sources import SourcesFileError, load_sources_file
    from models import Source

    try:
        spec = load_sources_file(settings.sources_file)
    except SourcesFileError as exc:
        raise UserError(str(exc)) from None
    async with _opened(settings) as db:
        await register_sources(db, spec)
        async with db.session() as session:
            query = sa.select(Source.name).where(Source.enabled.is_(True)).order_by(Source.name)
            names = list((await session.scalars(query)).all())
        if args.source:
            if args.source not in names:
                raise UserError(
                    f"no enabled source named {args.source!r}{_in_database(settings)} "
                    f"(have: {', '.join(names) or 'none'})"
                )
            names = [args.source]
        config = FetcherConfig(
            user_agent=settings.user_agent,
            min_delay_seconds=settings.fetch_min_delay,
            respect_robots=settings.respect_robots,
        )
        worst = 0
        async with Fetcher(config, state=DatabaseValidators(db)) as fetch:
            for name in names:
                report = await check_source(db, name, fetch)
                print(report.summary())
                for line in report.errors + report.anomalies:
                    print(f"  {line}")
                if report.health != "ok":
                    worst = 1
        return worst


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.indicators import run_extract_cli, run_structure_cli

    if args.structure:
        return run_structure_cli(args.path, year=args.year, out=sys.stdout)
    return run_extract_cli(
        args.path,
        area=args.area or "",
        area_code=args.area_code or "",
        year=args.year,
        fmt=args.format,
        out=sys.stdout,
        withheld=args.withheld,
    )


def cmd_reextract(args: argparse.Namespace, settings: Settings) -> int:
    async def main() -> int:
        from gongkai.progress import Progress
        from ingest.reextract import reextract

        bar = Progress("re-extracting")
        try:
            async with _opened(settings) as db:
                report = await reextract(db, dataset=args.dataset, progress=bar.update)
        finally:
            bar.close()
        print(f"{report.publications} publications re-extracted")
        for slug, n in report.dataset_versions.items():
            print(f"  dataset {slug} -> version {n}")
        if not report.dataset_versions:
            print("  no dataset changed")
        return 0

    return _run(main())


# --- export -------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    async def main() -> int:
        import sqlalchemy as sa

        from api.datasets.exports import csv_chunks, json_chunks, ndjson_chunks
        from gongkai.progress import Progress
        from models import Dataset, DatasetVersion
        from models.dataset_queries import rows_of

        async with _opened(settings) as db:
            async with db.session() as session:
                dataset = await session.scalar(
                    sa.select(Dataset).where(Dataset.slug == args.dataset)
                )
                if dataset is None or dataset.latest_version == 0:
                    raise UserError(
                        f"no dataset {args.dataset!r} with a version to export"
                        + _in_database(settings)
                    )
                if args.version == "latest":
                    number = dataset.latest_version
                elif args.version.isdigit():
                    number = int(args.version)
                else:
                    raise UserError(f"--version {args.version!r}: a version number or latest")
                version = await session.scalar(
                    sa.select(DatasetVersion).where(
                        DatasetVersion.dataset_id == dataset.id, DatasetVersion.version == number
                    )
                )
            if version is None:
                raise UserError(
                    f"dataset {args.dataset!r} has no version {args.version}"
                    + _in_database(settings)
                )
            schema = rows_of(dataset)
            if args.format == "csv":
                chunks = csv_chunks(
                    db,
                    dataset.id,
                    dataset.slug,
                    number,
                    bom=args.bom,
                    labels=args.labels,
                    schema=schema,
                )
            elif args.format == "ndjson":
                chunks = ndjson_chunks(db, dataset.id, dataset.slug, number, schema)
            else:
                chunks = json_chunks(db, dataset.id, dataset.slug, number, schema)
            output = args.output or f"{dataset.slug}-v{number}.{args.format}"
            bar = Progress(f"exporting {output}")
            written = 0
            try:
                with open(output, "wb") as out:  # noqa: ASYNC230 - a local file, written in order
                    async for chunk in chunks:
                        out.write(chunk)
                        written += chunk.count(b"\n")
                        bar.update(min(written, version.row_count), version.row_count)
            finally:
                bar.close()
            print(f"wrote {output} ({version.row_count} rows, dataset {dataset.slug} v{number})")
            return 0

    return _run(main())


# --- sources ------------------------------------------------------------------------------


def cmd_sources(args: argparse.Namespace, settings: Settings) -> int:
    async def main() -> int:
        import sqlalchemy as sa

        from api.control import DatabaseSourceControl
        from models import Source

        async with _opened(settings) as db:
            if args.action == "list":
                async with db.session() as session:
                    rows = (await session.scalars(sa.select(Source).order_by(Source.name))).all()
                if not rows:
                    print(f"no sources{_in_database(settings)}", file=sys.stderr)
                for s in rows:
                    state = "paused" if s.paused else ("disabled" if not s.enabled else s.health)
                    last = s.last_check_at.isoformat() if s.last_check_at else "never"
                    print(f"{s.name}\t{state}\t{s.adapter}\t{last}\t{s.url}")
                return 0
            if not args.name:
                raise UserError(f"sources {args.action} needs a source NAME")
            control = DatabaseSourceControl(db)
            action = {"check": control.check_now, "pause": control.pause, "resume": control.resume}
            try:
                await action[args.action](args.name)
            except KeyError:
                raise UserError(f"no source named {args.name!r}{_in_database(settings)}") from None
            done = {
                "check": "check requested; a running scheduler picks it up within seconds",
                "pause": "paused",
                "resume": "resumed",
            }
            print(f"{args.name}: {done[args.action]}")
            return 0

    return _run(main())


# --- keys ---------------------------------------------------------------------------------


def cmd_keys(args: argparse.Namespace, settings: Settings) -> int:
    async def main() -> int:
        from api.auth import create_key, list_keys, revoke_key

        async with _opened(settings) as db:
            if args.action == "create":
                async with db.transaction() as session:
                    key = await create_key(session, scope=args.scope, name=args.name or "")
                print(f"id:     {key.id}\nscope:  {key.scope}\nkey:    {key.secret}")
                print(
                    "Store the key now: it is not kept and cannot be shown again.", file=sys.stderr
                )
            elif args.action == "list":
                async with db.session() as session:
                    keys = await list_keys(session)
                    if not keys:
                        print(f"no API keys{_in_database(settings)}", file=sys.stderr)
                    for info in keys:
                        revoked = (
                            f"revoked {info.revoked_at.isoformat()}"
                            if info.revoked_at
                            else "active"
                        )
                        print(f"{info.id}\t{info.scope}\t{revoked}\t{info.prefix}\t{info.name}")
            else:
                if not args.id:
                    raise UserError("keys revoke needs the key ID (see `gongkai keys list`)")
                async with db.transaction() as session:
                    found = await revoke_key(session, args.id)
                if not found:
                    raise UserError(f"no key with id {args.id!r}{_in_database(settings)}")
                print(f"{args.id}: revoked")
            return 0

    return _run(main())


# --- openapi ------------------------------------------------------------------------------


def openapi_bytes() -> bytes:
    from api.app import create_app
    from api.openapi import openapi_json_bytes

    # The document depends only on the code; the database is never opened (and its
    # folder is a temporary one: nothing is left in the current folder).
    with tempfile.TemporaryDirectory(prefix="gongkai-openapi-") as folder:
        unused = Database(f"sqlite+aiosqlite:///{folder}/unused.db")
        return openapi_json_bytes(create_app(unused))


def cmd_openapi(args: argparse.Namespace, settings: Settings) -> int:
    data = openapi_bytes()
    if args.output and args.output != "-":
        Path(args.output).write_bytes(data)
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(data.decode())
    return 0


# --- parser -------------------------------------------------------------------------------

Command = Callable[[argparse.Namespace, Settings], int]

#: Commands that never open the database (their help names none).
_NO_DATABASE = ("extract", "openapi")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gongkai")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _database_epilog() -> str:
    try:
        url = describe_database(load_settings().database_url)
    except SettingsError as exc:
        return f"Database: none usable ({exc})."
    return f"Database: {url} (set GONGKAI_DATABASE_URL to use another)."


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps descriptions without breaking a path or URL at its hyphens."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(
            " ".join(text.split()),
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=False,
        )


def build_parser() -> argparse.ArgumentParser:
    database = _database_epilog()
    parser = argparse.ArgumentParser(
        prog="gongkai",
        formatter_class=_HelpFormatter,
        description="Gongkai: an open-data change feed for government disclosure pages. "
        "Settings come from GONGKAI_* environment variables (see the README).",
        epilog=database,
    )
    parser.add_argument("--version", action="version", version=f"gongkai {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, func: Command, help_: str) -> argparse.ArgumentParser:
        epilog = None if name in _NO_DATABASE else database
        p = sub.add_parser(
            name, help=help_, description=help_, epilog=epilog, formatter_class=_HelpFormatter
        )
        p.set_defaults(func=func)
        return p

    role_help = {
        "serve": "Migrate, then run everything in one process: the API, the ingest scheduler "
        "and a webhook delivery worker (the embedded default). Imports the bundled sample "
        "on first start.",
        "api": "Run only the HTTP API (several may run side by side on PostgreSQL).",
        "scheduler": "Run only the ingest scheduler (several may run: source leases keep "
        "each check to one process).",
        "worker": "Run only a webhook delivery worker (several may run on PostgreSQL).",
    }
    for name in ("serve", "api", "scheduler", "worker"):
        p = add(name, _roles_command(name), role_help[name])
        if name in ("serve", "api"):
            p.add_argument("--host", help="listen address (default: GONGKAI_HOST or 127.0.0.1)")
            p.add_argument("--port", type=int, help="listen port (default: GONGKAI_PORT or 8000)")

    add("migrate", cmd_migrate, "Upgrade the database to the newest schema (safe to repeat).")

    p = add(
        "ingest",
        cmd_ingest,
        "Check every enabled source (or one) once and print what was found; or, with "
        "--file and --url, import a saved page as if it had been fetched from URL.",
    )
    p.add_argument("--source", help="source name (with --file: the source to file it under)")
    p.add_argument("--file", help="a saved HTML page to import")
    p.add_argument("--url", help="with --file: the URL the page was published at")
    p.add_argument("--area", help="with --file and a new source: the area (e.g. 抚州市)")
    p.add_argument("--area-code", help="with --file and a new source: GB/T 2260 code")
    p.add_argument("--dataset", help="with --file and a new source: the dataset slug")

    p = add(
        "extract",
        cmd_extract,
        "Print the observations (the columns of docs/SCHEMA.md, the observation schema) "
        "of an HTML page or a text file. Needs no database.",
    )
    p.add_argument("path", help="an HTML page or a plain-text file")
    p.add_argument("--area", help="the area the numbers are about (e.g. 抚州市)")
    p.add_argument("--area-code", help="its GB/T 2260 code (e.g. 361000)")
    p.add_argument("--year", type=int, help="the report year (default: from the title)")
    p.add_argument("--format", choices=("csv", "json", "ndjson"), default="csv")
    p.add_argument(
        "--structure",
        action="store_true",
        help="print the document's parts (class, period, character range) instead",
    )
    p.add_argument(
        "--withheld",
        action="store_true",
        help="print instead the rows the precision gate withheld (not published), each "
        "with the rule that withheld it (column withheld_rule)",
    )

    p = add(
        "export",
        cmd_export,
        "Write a dataset version to a file, byte for byte what the API serves (with a "
        "progress display).",
    )
    p.add_argument("dataset", help="the dataset slug")
    p.add_argument("--version", default="latest", help="a version number or latest")
    p.add_argument("--format", choices=("csv", "ndjson", "json"), default="csv")
    p.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 BOM (Excel)")
    p.add_argument("--labels", choices=("codes", "en", "zh"), default="codes", help="CSV header")
    p.add_argument("--output", "-o", help="file to write (default: SLUG-vN.FORMAT)")

    p = add("sources", cmd_sources, "List sources, or request a check, pause or resume one.")
    p.add_argument("action", choices=("list", "check", "pause", "resume"))
    p.add_argument("name", nargs="?", help="the source name (not for list)")

    p = add("keys", cmd_keys, "Create, list or revoke API keys (keys are shown once).")
    p.add_argument("action", choices=("create", "list", "revoke"))
    p.add_argument("id", nargs="?", help="for revoke: the key id")
    p.add_argument("--scope", choices=("admin", "subscriber"), default="subscriber")
    p.add_argument("--name", help="for create: a label for the key")

    p = add(
        "reextract",
        cmd_reextract,
        "Re-run the extractor over stored versions; new dataset versions only where "
        "observations change.",
    )
    p.add_argument("--dataset", help="only this dataset (default: all)")

    p = add("openapi", cmd_openapi, "Write the OpenAPI document the code generates.")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name, near in unknown_variables(current_environment()):
        hint = f"; did you mean {near}?" if near else ""
        print(f"gongkai: warning: {name} is not a Gongkai setting (ignored){hint}", file=sys.stderr)
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
