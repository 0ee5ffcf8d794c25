"""Small helpers the tests share: free ports, running `gongkai` as a real process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def gongkai_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update({k: v for k, v in os.environ.items() if k.startswith("GONGKAI_TEST_")})
    env["GONGKAI_LOG_FORMAT"] = "json"
    env.update(extra)
    return env


def run_cli(*args: str, env: Mapping[str, str], cwd: str | None = None, timeout: float = 60):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *args],
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_cli(*args: str, env: Mapping[str, str], cwd: str | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "gongkai", *args],
        env=dict(env),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_http(
    url: str, *, timeout: float = 30, proc: subprocess.Popen[str] | None = None
) -> httpx.Response:
    """Poll ``url`` until it answers (any status) or fail with the process's output."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            _out, err = proc.communicate()
            raise AssertionError(f"process exited {proc.returncode}: {err[-3000:]}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.HTTPError as exc:
            last = exc
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {timeout}s: {last}")


def stop(proc: subprocess.Popen[str], timeout: float = 15) -> tuple[int, str, str]:
    if proc.poll() is None:
        proc.terminate()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    return proc.returncode, out, err
