"""The `gongkai` command as a real process: help, migrate, serve, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.cli import build_parser
from models import Database
from tests.helpers import free_port, gongkai_env, run_cli, start_cli, stop, wait_http

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = run_cli(command, "--help", env=gongkai_env())
    assert result.returncode == 0, result.stderr
    assert "usage: gongkai " + command in result.stdout


def test_migrate_on_empty_sqlite_file_then_again(tmp_path: Path) -> None:
    env = gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{tmp_path / 'fresh' / 'g.db'}")
    first = run_cli("migrate", env=env)
    assert first.returncode == 0, first.stderr
    second = run_cli("migrate", env=env)
    assert second.returncode == 0, second.stderr
    assert first.stdout == second.stdout
    assert "revision" in second.stdout


async def test_migrate_against_the_test_database(database: Database, database_url: str) -> None:
    result = run_cli("migrate", env=gongkai_env(GONGKAI_DATABASE_URL=database_url))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://root@localhost/x", "unsupported database"),
        ("::nonsense::", "malformed database URL"),
        ("postgresql://postgres@127.0.0.1:1/none", "cannot connect"),
        ("postgresql://postgres@no-such-host.invalid/none", "cannot connect"),
    ],
)
def test_bad_database_gives_one_line(url: str, expected: str) -> None:
    result = run_cli("migrate", env=gongkai_env(GONGKAI_DATABASE_URL=url))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("gongkai: error: ")
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_serve_answers_health_and_ready(tmp_path: Path) -> None:
    port = free_port()
    env = gongkai_env(
        GONGKAI_DATABASE_URL=f"sqlite:///{tmp_path / 'serve.db'}",
        GONGKAI_PORT=str(port),
        GONGKAI_LOAD_SAMPLE="false",
    )
    proc = start_cli("serve", env=env, cwd=str(tmp_path))
    try:
        health = wait_http(f"http://127.0.0.1:{port}/health", proc=proc)
        assert health.status_code == 200
        assert health.json() == {"status": "ok"}
        ready = wait_http(f"http://127.0.0.1:{port}/ready", proc=proc)
        assert ready.status_code == 200, ready.text
        assert ready.json()["migrations"] == "ok"
    finally:
        code, _out, err = stop(proc)
    assert code == 0, err
    # the first thing serve says is which database it works on
    first = json.loads(err.splitlines()[0])
    assert first["message"] == (
        f"starting api+scheduler+worker on database sqlite:///{tmp_path / 'serve.db'}"
    )
    messages = [json.loads(line)["message"] for line in err.splitlines()]
    assert f"API at http://127.0.0.1:{port}/ (documentation at /docs)" in messages
