"""Real processes for end-to-end tests: `gongkai` roles against the fake Hanweb site."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fakesite.hanweb import HanwebSite
from tests.fakesite.server import FakeSite
from tests.helpers import free_port, gongkai_env, start_cli, stop, wait_http


@pytest.fixture
def server() -> Iterator[FakeSite]:
    with FakeSite.start(hang_seconds=3) as site:
        yield site


@pytest.fixture
def gov(server: FakeSite) -> HanwebSite:
    return HanwebSite(server)


def write_sources(path: Path, gov: HanwebSite, interval: str = "10s") -> Path:
    path.write_text(
        f"""
[[source]]
name = "fake-fuzhou"
adapter = "hanweb"
url = "{gov.column_url}"
area = "抚州市"
area_code = "361000"
interval = "{interval}"
dataset = "fake-fuzhou"
""",
        encoding="utf-8",
    )
    return path


class Processes:
    """Started `gongkai` processes; all stopped (SIGTERM) at the end of the test."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.running: list[tuple[str, subprocess.Popen[str]]] = []

    def start(self, role: str, env: dict[str, str]) -> subprocess.Popen[str]:
        proc = start_cli(role, env=env, cwd=str(self.cwd))
        self.running.append((role, proc))
        return proc

    def stop_all(self) -> list[tuple[str, int, str]]:
        results = []
        for role, proc in self.running:
            code, _out, err = stop(proc, timeout=30)
            results.append((role, code, err))
        self.running.clear()
        return results


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[Processes]:
    procs = Processes(tmp_path)
    yield procs
    procs.stop_all()


def base_env(db_url: str, sources: Path, port: int, **extra: str) -> dict[str, str]:
    return gongkai_env(
        GONGKAI_DATABASE_URL=db_url,
        GONGKAI_SOURCES_FILE=str(sources),
        GONGKAI_PORT=str(port),
        GONGKAI_FETCH_MIN_DELAY="0",
        GONGKAI_LOAD_SAMPLE="false",
        GONGKAI_WEBHOOK_ALLOWED_NETWORKS="127.0.0.0/8",
        GONGKAI_SCHEDULER_LEASE_SECONDS="5",
        GONGKAI_SHUTDOWN_GRACE_SECONDS="5",
        GONGKAI_PUBLIC_URL=f"http://127.0.0.1:{port}",
        **extra,
    )


def eventually(
    probe: Callable[[], Any], *, timeout: float, interval: float = 0.25, what: str = ""
) -> Any:
    """Poll ``probe`` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout}s: {what}")
        time.sleep(interval)


__all__ = ["base_env", "eventually", "free_port", "httpx", "wait_http", "write_sources"]
