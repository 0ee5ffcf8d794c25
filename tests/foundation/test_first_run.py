"""What a new user meets first, as real processes: one database whatever the folder, named
where it matters; one-line errors before anything starts; warnings for misspelt settings;
`--version`; the two commands of the README's quick start, `make run` without dev tools."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import tomllib
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.helpers import free_port, gongkai_env, run_cli, start_cli, stop, wait_http

REPO = Path(__file__).resolve().parents[2]


def _one_error_line(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("gongkai: error: "), lines[0]
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


# --- the default database -----------------------------------------------------------------


def test_default_database_is_the_same_from_any_folder(tmp_path: Path) -> None:
    """A key created in one folder is listed from another; no ./var appears anywhere."""
    data_home = tmp_path / "data"
    env = gongkai_env(XDG_DATA_HOME=str(data_home))
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    created = run_cli("keys", "create", "--name", "first-run", env=env, cwd=str(one))
    assert created.returncode == 0, created.stderr
    listed = run_cli("keys", "list", env=env, cwd=str(two))
    assert listed.returncode == 0, listed.stderr
    assert "first-run" in listed.stdout
    assert (data_home / "gongkai" / "gongkai.db").is_file()
    assert not (one / "var").exists() and not (two / "var").exists()


def test_openapi_leaves_nothing_in_the_current_folder(tmp_path: Path) -> None:
    result = run_cli("openapi", "--output", "api.json", env=gongkai_env(), cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["api.json"]


@pytest.mark.parametrize("command", ["serve", "migrate", "export", "keys", "sources"])
def test_help_names_the_database(tmp_path: Path, command: str) -> None:
    data_home = tmp_path / "data"
    default = run_cli(command, "--help", env=gongkai_env(XDG_DATA_HOME=str(data_home)))
    assert default.returncode == 0, default.stderr
    flat = " ".join(default.stdout.split())  # argparse wraps the epilog
    assert f"Database: sqlite:///{data_home}/gongkai/gongkai.db" in flat
    assert "GONGKAI_DATABASE_URL" in flat
    chosen = run_cli(
        command,
        "--help",
        env=gongkai_env(GONGKAI_DATABASE_URL="postgresql://u:secret@db.internal/g"),
    )
    flat = " ".join(chosen.stdout.split())
    assert "Database: postgresql://u:***@db.internal/g" in flat
    assert "secret" not in chosen.stdout


def test_extract_help_points_at_the_schema_in_the_repository() -> None:
    result = run_cli("extract", "--help", env=gongkai_env())
    assert result.returncode == 0, result.stderr
    assert "docs/SCHEMA.md" in result.stdout
    assert "Database:" not in result.stdout  # extract opens none
    assert (REPO / "docs" / "SCHEMA.md").is_file()
    assert "docs/SCHEMA.md" in (REPO / "README.md").read_text(encoding="utf-8")


def test_migrate_and_empty_lists_name_the_database(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    env = gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{db}")
    migrated = run_cli("migrate", env=env)
    assert migrated.returncode == 0, migrated.stderr
    assert migrated.stdout.startswith(f"database sqlite:///{db} at revision ")
    for args, what in ((("keys", "list"), "API keys"), (("sources", "list"), "sources")):
        listed = run_cli(*args, env=env)
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout == ""
        assert listed.stderr == f"no {what} in sqlite:///{db}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "nosuch"), "no dataset 'nosuch' with a version to export in sqlite:///"),
        (("sources", "pause", "nosuch"), "no source named 'nosuch' in sqlite:///"),
        (("keys", "revoke", "key_nosuch"), "no key with id 'key_nosuch' in sqlite:///"),
    ],
)
def test_not_found_errors_name_the_database(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    db = tmp_path / "empty.db"
    result = run_cli(*args, env=gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{db}"))
    line = _one_error_line(result, message)
    assert line.endswith(str(db)), line


def test_unknown_source_names_the_database(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    result = run_cli(
        "ingest", "--source", "nosuch", env=gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{db}")
    )
    _one_error_line(
        result, f"no enabled source named 'nosuch' in sqlite:///{db} (have: fuzhou-work-reports)"
    )


# --- start-up checks ----------------------------------------------------------------------


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


@pytest.mark.parametrize("role", ["serve", "api"])
def test_busy_port_is_one_line_before_anything_starts(
    tmp_path: Path, busy_port: int, role: str
) -> None:
    db = tmp_path / "g.db"
    env = gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{db}", GONGKAI_PORT=str(busy_port))
    result = run_cli(role, env=env)
    _one_error_line(result, f"cannot listen on 127.0.0.1:{busy_port}", "already in use")
    assert not db.exists()  # not migrated, the sample not imported


def test_port_flag_is_checked_too(tmp_path: Path, busy_port: int) -> None:
    db = tmp_path / "g.db"
    result = run_cli(
        "serve", "--port", str(busy_port), env=gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{db}")
    )
    _one_error_line(result, f"127.0.0.1:{busy_port}", "--port")
    assert not db.exists()


def test_api_serves_on_the_socket_it_bound_ipv6_too(tmp_path: Path) -> None:
    port = free_port()
    env = gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{tmp_path / 'g.db'}")
    proc = start_cli("api", "--host", "::1", "--port", str(port), env=env)
    try:
        assert wait_http(f"http://[::1]:{port}/health", proc=proc).status_code == 200
    finally:
        code, _out, err = stop(proc)
    assert code == 0, err
    messages = [json.loads(line)["message"] for line in err.splitlines()]
    assert f"API at http://[::1]:{port}/ (documentation at /docs)" in messages


def test_unusable_listen_address_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    env = gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{db}", GONGKAI_HOST="192.0.2.1")
    result = run_cli("serve", "--port", str(free_port()), env=env)
    _one_error_line(result, "cannot listen on 192.0.2.1:")
    assert not db.exists()


BAD_SOURCES = {
    "not TOML": "[[source]\nname = ",
    "unknown adapter": '[[source]]\nname = "x"\nadapter = "dedecms"\nurl = "https://a.gov.cn/"\n',
    "no url": '[[source]]\nname = "x"\nadapter = "hanweb"\n',
}


@pytest.mark.parametrize("role", ["serve", "scheduler"])
@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_bad_sources_file_is_one_line_before_anything_starts(
    tmp_path: Path, role: str, case: str
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(BAD_SOURCES[case], encoding="utf-8")
    db = tmp_path / "g.db"
    env = gongkai_env(
        GONGKAI_DATABASE_URL=f"sqlite:///{db}",
        GONGKAI_SOURCES_FILE=str(sources),
        GONGKAI_PORT=str(free_port()),
    )
    result = run_cli(role, env=env)
    _one_error_line(result, str(sources))
    assert not db.exists()


def test_missing_sources_file_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    missing = tmp_path / "nowhere.toml"
    env = gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{db}", GONGKAI_SOURCES_FILE=str(missing))
    _one_error_line(run_cli("scheduler", env=env), str(missing))
    assert not db.exists()


# --- settings from the environment --------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "value"),
    [("GONGKAI_FETCH_MIN_DELAY", "-1"), ("GONGKAI_SHUTDOWN_GRACE_SECONDS", "-0.5")],
)
def test_negative_durations_are_refused(tmp_path: Path, variable: str, value: str) -> None:
    env = gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{tmp_path / 'g.db'}", **{variable: value})
    _one_error_line(run_cli("migrate", env=env), variable, "negative")


def test_misspelt_variable_warns_with_the_nearest_name(tmp_path: Path) -> None:
    env = gongkai_env(
        GONGKAI_DATABASE_URL=f"sqlite:///{tmp_path / 'g.db'}", GONGKAI_FETCH_MIN_DELAI="5"
    )
    result = run_cli("migrate", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines() == [
        "gongkai: warning: GONGKAI_FETCH_MIN_DELAI is not a Gongkai setting (ignored); "
        "did you mean GONGKAI_FETCH_MIN_DELAY?"
    ]


def test_misspelt_variable_in_dotenv_warns_too(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("GONGKAI_PROT=9000\n", encoding="utf-8")
    env = gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{tmp_path / 'g.db'}")
    result = run_cli("migrate", env=env, cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "GONGKAI_PROT is not a Gongkai setting" in result.stderr
    assert "did you mean GONGKAI_PORT?" in result.stderr


def test_version() -> None:
    result = run_cli("--version", env=gongkai_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"gongkai {version('gongkai')}"
    assert re.fullmatch(r"gongkai \d+\.\d+\.\d+\S*", result.stdout.strip())


# --- the quick start ----------------------------------------------------------------------


def test_quick_start_is_exactly_make_run_and_make_test() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Quick start") :]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).strip().splitlines()]
    assert commands == ["make run", "make test"]


DEV_TOOLS = ("mypy", "schemathesis", "polars", "pytest", "ruff", "hypothesis", "frictionless")


def _make_dry_run(target: str, venv: Path) -> str:
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", target, f"VENV={venv}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_make_run_installs_no_dev_tools(tmp_path: Path) -> None:
    """`make run` on a fresh machine installs the package alone; `make test` the dev extra."""
    run = _make_dry_run("run", tmp_path / "venv")
    installs = [line for line in run.splitlines() if "pip install" in line and "-e" in line]
    assert installs and all(line.rstrip().endswith("-e .") for line in installs), run
    assert "[dev]" not in run
    assert run.strip().splitlines()[-1].endswith("gongkai serve")
    test = _make_dry_run("test", tmp_path / "venv")
    assert '-e ".[dev]"' in test
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {re.split(r"[\[<>=~! ]", dep)[0].lower() for dep in project["dependencies"]}
    assert not runtime & set(DEV_TOOLS)
    assert set(DEV_TOOLS) <= {
        re.split(r"[\[<>=~! ]", dep)[0].lower() for dep in project["optional-dependencies"]["dev"]
    }
