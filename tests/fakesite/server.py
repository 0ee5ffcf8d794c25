"""A real HTTP server on loopback that plays a (misbehaving) government website in tests.

It knows nothing about Hanweb or TRS: it serves whatever bytes you register, and can be
switched into the failure modes real sites show. Page builders live elsewhere
(``tests/fakesite/pages.py``) and compose sites on top of this API.

In the test process (a background thread)::

    from tests.fakesite.server import FakeSite, Reply

    with FakeSite.start() as site:                     # 127.0.0.1, ephemeral port
        site.set("/col/col1/index.html", "<html>…</html>")          # str -> utf-8, charset set
        site.set("/old.html", "<p>政府</p>".encode("gbk"))            # bytes -> no charset header
        site.set("/a.html", b"...", etag='"v1"', last_modified="Mon, 11 Mar 2024 00:00:00 GMT")
        site.set("/data", b"...", method="POST", headers={"X-Foo": "1"}, status=200, delay=0.1)
        site.handle("/dyn", lambda req: Reply(200, req.body), method="POST")  # in-process only
        site.set_robots("User-agent: *\\nDisallow: /private/\\n")
        site.fail("/a.html", "500", times=2)          # next 2 requests fail, then normal again
        site.fail(None, "timeout")                     # every path hangs (global switch)
        site.heal()                                    # clear all failure switches
        site.url("/a.html")                            # "http://127.0.0.1:PORT/a.html"
        site.requests("/a.html")                       # [RequestRecord(...)], headers lowercased
        site.count("/a.html"), site.max_in_flight      # politeness assertions
        site.reset_stats()

Failure modes (``FAIL_MODES``): ``"500"``, ``"503"`` (add ``headers={"Retry-After": "2"}``
to taste), ``"timeout"`` (hold the connection without answering until ``hang_seconds`` or
shutdown), ``"challenge"`` (HTTP 412 + JavaScript cookie/reload page), ``"challenge200"``
(the same page with HTTP 200), ``"empty"`` (200 with no body), ``"truncated"`` (announce
twice the Content-Length, send half, close), ``"reset"`` (close without answering).

As its own process (for end-to-end tests with real processes)::

    python -m tests.fakesite.server --port 0 --routes-file routes.json [--url-file url.txt]

It prints ``FAKESITE_URL http://127.0.0.1:PORT`` on its first stdout line (and writes the
URL to ``--url-file``). ``routes.json`` is ``{"routes": [ROUTE, ...], "robots": "...",
"failures": [FAILURE, ...]}``. Switches are flipped over HTTP, all JSON, under
``/__control/`` (never recorded, never affected by failure modes):

* ``POST /__control/route``  ROUTE = ``{"path", "method", "body" | "body_b64", "status",
  "headers", "content_type", "etag", "last_modified", "delay"}``
* ``POST /__control/remove`` ``{"path", "method"}``
* ``POST /__control/fail``   FAILURE = ``{"path": str | null, "mode", "times", "headers",
  "body" | "body_b64"}``; ``POST /__control/mode`` is the same with ``path`` null
* ``POST /__control/heal``   ``{"path": str | null}`` (null clears every switch)
* ``POST /__control/robots`` ``{"text": str | null}``
* ``GET  /__control/requests?path=&method=`` -> ``{"requests": [RECORD, ...]}``
* ``GET  /__control/stats``  -> ``{"max_in_flight", "in_flight", "counts": {path: n}}``
* ``POST /__control/reset-stats``, ``POST /__control/reset`` (routes, switches and stats)

:class:`RemoteFakeSite` wraps that API with the same method names, and
``RemoteFakeSite.spawn()`` starts the process for you.
"""

from __future__ import annotations

import argparse
import base64
import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

FAIL_MODES = (
    "500",
    "503",
    "timeout",
    "challenge",
    "challenge200",
    "empty",
    "truncated",
    "reset",
)

#: What a JS anti-bot interstitial looks like: tiny, computes a cookie, reloads.
CHALLENGE_BODY = (
    b'<!DOCTYPE html><html><head><meta charset="utf-8"><title></title>'
    b"<script>var _0x3f=['cookie','reload'];(function(){var t=(new Date()).getTime();"
    b"document.cookie='_ws_token='+(t*7%1000003)+';path=/';"
    b"setTimeout(function(){location.reload();},50);})();</script></head>"
    b"<body><noscript>\xe8\xaf\xb7\xe5\xbc\x80\xe5\x90\xafJavaScript\xe5\xb9\xb6\xe5\x88"
    b"\xb7\xe6\x96\xb0\xe8\xaf\xa5\xe9\xa1\xb5</noscript></body></html>"
)

CONTROL_PREFIX = "/__control/"


@dataclass
class Reply:
    """What a dynamic handler returns."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class RequestRecord:
    """One request the site received (control requests excluded)."""

    method: str
    path: str
    """Path including the query string, as sent."""
    headers: dict[str, str]
    """Header names lowercased."""
    body: bytes
    started: float
    """``time.monotonic()`` when handling began."""
    ended: float | None = None
    answered: float | None = None
    """``time.monotonic()`` just before the answer was written: the client cannot have
    seen the answer earlier (``ended`` may lag when the server thread is descheduled)."""

    @property
    def path_only(self) -> str:
        return self.path.split("?", 1)[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "headers": self.headers,
            "body_b64": base64.b64encode(self.body).decode("ascii"),
            "started": self.started,
            "ended": self.ended,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RequestRecord:
        return cls(
            method=data["method"],
            path=data["path"],
            headers=dict(data["headers"]),
            body=base64.b64decode(data["body_b64"]),
            started=float(data["started"]),
            ended=data["ended"],
        )


Handler = Callable[[RequestRecord], Reply]


@dataclass
class Route:
    method: str
    path: str
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    handler: Handler | None = None


@dataclass
class Failure:
    mode: str
    remaining: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None


def _body_bytes(spec: dict[str, Any]) -> bytes:
    if spec.get("body_b64") is not None:
        return base64.b64decode(spec["body_b64"])
    body = spec.get("body")
    return body.encode("utf-8") if isinstance(body, str) else b""


class FakeSite:
    """A content-agnostic HTTP server on 127.0.0.1 with failure switches and a request log."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, hang_seconds: float = 30.0):
        self.host = host
        self.hang_seconds = hang_seconds
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._routes: dict[tuple[str, str], Route] = {}
        self._failures: dict[str | None, Failure] = {}
        self._records: list[RequestRecord] = []
        self._in_flight = 0
        self._max_in_flight = 0
        self._server = _Server((host, port), _RequestHandler, self)
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------

    @classmethod
    def start(
        cls, host: str = "127.0.0.1", port: int = 0, *, hang_seconds: float = 30.0
    ) -> FakeSite:
        """Create a site and serve it from a daemon thread."""
        site = cls(host, port, hang_seconds=hang_seconds)
        site._thread = threading.Thread(
            target=site.serve_forever, name=f"fakesite-{site.port}", daemon=True
        )
        site._thread.start()
        return site

    def serve_forever(self) -> None:
        """Serve in the calling thread until :meth:`stop` (used by the process mode)."""
        self._server.serve_forever(poll_interval=0.05)

    def stop(self) -> None:
        """Stop serving; hanging requests are released and their connections closed."""
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeSite:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # -- content -----------------------------------------------------------------------

    def set(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str | None = None,
        method: str = "GET",
        etag: str | None = None,
        last_modified: str | None = None,
        delay: float = 0.0,
    ) -> None:
        """Serve ``body`` at ``path`` (exact path+query first, then the path alone).

        A ``str`` body is sent as UTF-8 with ``charset=utf-8``; ``bytes`` are sent as
        ``text/html`` *without* a charset unless ``content_type`` says otherwise.
        ``etag``/``last_modified`` make the route answer 304 to matching conditional
        requests. ``delay`` holds each answer back (to make requests overlap).
        """
        if isinstance(body, str):
            raw = body.encode("utf-8")
            ctype = content_type or "text/html; charset=utf-8"
        else:
            raw = body
            ctype = content_type or "text/html"
        merged = {"Content-Type": ctype}
        merged.update(headers or {})
        route = Route(method.upper(), path, raw, status, merged, etag, last_modified, delay)
        with self._lock:
            self._routes[(route.method, path)] = route

    def handle(
        self, path: str, handler: Handler, *, method: str = "GET", delay: float = 0.0
    ) -> None:
        """Answer ``path`` by calling ``handler(record)`` (in-process sites only)."""
        route = Route(method.upper(), path, delay=delay, handler=handler)
        with self._lock:
            self._routes[(route.method, path)] = route

    def remove(self, path: str, *, method: str = "GET") -> None:
        with self._lock:
            self._routes.pop((method.upper(), path), None)

    def set_robots(self, text: str | None) -> None:
        """Serve ``text`` as /robots.txt, or 404 it when None."""
        if text is None:
            self.remove("/robots.txt")
        else:
            self.set("/robots.txt", text, content_type="text/plain; charset=utf-8")

    # -- switches ----------------------------------------------------------------------

    def fail(
        self,
        path: str | None,
        mode: str,
        *,
        times: int | None = None,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
    ) -> None:
        """Make ``path`` (or every path when None) misbehave; ``times`` limits how often."""
        if mode not in FAIL_MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {FAIL_MODES}")
        with self._lock:
            self._failures[path] = Failure(mode, times, dict(headers or {}), body)

    def heal(self, path: str | None = None, *, everything: bool | None = None) -> None:
        """Clear the switch for ``path``; with no argument clear every switch."""
        with self._lock:
            if path is None and everything is not False:
                self._failures.clear()
            else:
                self._failures.pop(path, None)

    # -- observations ------------------------------------------------------------------

    def requests(
        self, path: str | None = None, *, method: str | None = None
    ) -> list[RequestRecord]:
        """Recorded requests; ``path`` without ``?`` matches any query on that path."""
        with self._lock:
            records = list(self._records)
        return [r for r in records if _matches(r, path, method)]

    def count(self, path: str | None = None, *, method: str | None = None) -> int:
        return len(self.requests(path, method=method))

    @property
    def max_in_flight(self) -> int:
        """Most requests handled at the same time since start or :meth:`reset_stats`."""
        with self._lock:
            return self._max_in_flight

    @property
    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight

    def stats(self) -> dict[str, Any]:
        with self._lock:
            counts: dict[str, int] = {}
            for record in self._records:
                counts[record.path] = counts.get(record.path, 0) + 1
            return {
                "max_in_flight": self._max_in_flight,
                "in_flight": self._in_flight,
                "counts": counts,
            }

    def reset_stats(self) -> None:
        with self._lock:
            self._records.clear()
            self._max_in_flight = self._in_flight

    def reset(self) -> None:
        """Forget routes, switches and statistics (the server keeps running)."""
        with self._lock:
            self._routes.clear()
            self._failures.clear()
            self._records.clear()
            self._max_in_flight = self._in_flight

    # -- used by the request handler ---------------------------------------------------

    def _begin(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)

    def _end(self, record: RequestRecord) -> None:
        with self._lock:
            self._in_flight -= 1
            record.ended = time.monotonic()

    def _lookup(self, method: str, path: str) -> tuple[Route | None, Failure | None]:
        path_only = path.split("?", 1)[0]
        with self._lock:
            route = None
            for key_method in (method, "GET") if method == "HEAD" else (method,):
                route = self._routes.get((key_method, path)) or self._routes.get(
                    (key_method, path_only)
                )
                if route is not None:
                    break
            failure = None
            for key in (path, path_only, None):
                candidate = self._failures.get(key)
                if candidate is not None:
                    if candidate.remaining is not None:
                        candidate.remaining -= 1
                        if candidate.remaining <= 0:
                            del self._failures[key]
                    failure = candidate
                    break
        return route, failure

    def _hang(self, seconds: float) -> None:
        """Wait, but wake up at shutdown (so stopping never waits for a hung request)."""
        self._stopping.wait(seconds)

    # -- control API (also used by process mode) ---------------------------------------

    def _control(self, method: str, path: str, payload: dict[str, Any]) -> tuple[int, Any]:
        parsed = urllib.parse.urlsplit(path)
        name = parsed.path[len(CONTROL_PREFIX) :]
        query = dict(urllib.parse.parse_qsl(parsed.query))
        if method == "GET" and name == "requests":
            records = self.requests(query.get("path") or None, method=query.get("method"))
            return 200, {"requests": [r.to_json() for r in records]}
        if method == "GET" and name == "stats":
            return 200, self.stats()
        if method != "POST":
            return 405, {"error": "use POST"}
        if name == "route":
            self.set(
                payload["path"],
                _body_bytes(payload),
                status=int(payload.get("status", 200)),
                headers=payload.get("headers"),
                content_type=payload.get("content_type"),
                method=payload.get("method", "GET"),
                etag=payload.get("etag"),
                last_modified=payload.get("last_modified"),
                delay=float(payload.get("delay", 0.0)),
            )
        elif name == "remove":
            self.remove(payload["path"], method=payload.get("method", "GET"))
        elif name in ("fail", "mode"):
            target = payload.get("path") if name == "fail" else None
            mode = payload.get("mode")
            if mode is None:
                self.heal(target, everything=target is None)
            else:
                has_body = payload.get("body") is not None or payload.get("body_b64") is not None
                self.fail(
                    target,
                    mode,
                    times=payload.get("times"),
                    headers=payload.get("headers"),
                    body=_body_bytes(payload) if has_body else None,
                )
        elif name == "heal":
            target = payload.get("path")
            self.heal(target, everything=target is None)
        elif name == "robots":
            self.set_robots(payload.get("text"))
        elif name == "reset-stats":
            self.reset_stats()
        elif name == "reset":
            self.reset()
        else:
            return 404, {"error": f"unknown control {name!r}"}
        return 200, {"ok": True}

    def load(self, spec: dict[str, Any]) -> None:
        """Apply a routes-file document (``routes``, ``robots``, ``failures``)."""
        for route in spec.get("routes", []):
            self._control("POST", CONTROL_PREFIX + "route", route)
        if "robots" in spec:
            self.set_robots(spec["robots"])
        for failure in spec.get("failures", []):
            self._control("POST", CONTROL_PREFIX + "fail", failure)


def _matches(record: RequestRecord, path: str | None, method: str | None) -> bool:
    if method is not None and record.method != method.upper():
        return False
    if path is None:
        return True
    if "?" in path:
        return record.path == path
    return record.path_only == path


def _not_modified(route: Route, headers: dict[str, str]) -> bool:
    inm = headers.get("if-none-match")
    if inm is not None:
        if route.etag is None:
            return False
        wanted = {tag.strip().removeprefix("W/") for tag in inm.split(",")}
        return "*" in wanted or route.etag.removeprefix("W/") in wanted
    ims = headers.get("if-modified-since")
    if ims is not None and route.last_modified is not None:
        try:
            return parsedate_to_datetime(route.last_modified) <= parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
    return False


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], site: FakeSite
    ) -> None:
        self.site = site
        super().__init__(address, handler)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeGov/1.0"
    # Idle keep-alive connections give up after this, so threads do not pile up.
    timeout = 30
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def _read_body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length and length.isdigit():
            return self.rfile.read(int(length))
        return b""

    def _send(
        self, status: int, headers: dict[str, str], body: bytes, *, length: int | None = None
    ) -> None:
        record: RequestRecord | None = getattr(self, "record", None)
        if record is not None and record.answered is None:
            record.answered = time.monotonic()
        self.send_response(status)
        names = {name.lower() for name in headers}
        for name, value in headers.items():
            self.send_header(name, value)
        if "content-length" not in names and status != 304:
            self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)

    def _dispatch(self) -> None:
        site = self.server.site
        body = self._read_body()
        if self.path.startswith(CONTROL_PREFIX):
            try:
                payload = json.loads(body or b"{}")
                status, answer = site._control(self.command, self.path, payload)
            except (KeyError, ValueError, TypeError) as exc:
                status, answer = 400, {"error": str(exc)}
            data = json.dumps(answer).encode("utf-8")
            self._send(status, {"Content-Type": "application/json"}, data)
            return

        record = RequestRecord(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            started=time.monotonic(),
        )
        self.record = record
        site._begin(record)
        try:
            self._answer(site, record)
        finally:
            site._end(record)

    def _answer(self, site: FakeSite, record: RequestRecord) -> None:
        route, failure = site._lookup(record.method, record.path)
        if route is not None and route.delay > 0:
            site._hang(route.delay)
        if failure is not None:
            self._fail(site, failure)
            return
        if route is None:
            self._send(404, {"Content-Type": "text/html; charset=utf-8"}, b"<h1>404</h1>")
            return
        if route.handler is not None:
            try:
                reply = route.handler(record)
            except Exception as exc:  # a broken test handler should show, not hang the client
                reply = Reply(500, f"handler failed: {exc!r}".encode(), {"X-Fakesite-Error": "1"})
            self._send(reply.status, reply.headers, reply.body)
            return
        headers = dict(route.headers)
        if route.etag is not None:
            headers["ETag"] = route.etag
        if route.last_modified is not None:
            headers["Last-Modified"] = route.last_modified
        if route.method == "GET" and _not_modified(route, record.headers):
            headers.pop("Content-Type", None)
            self._send(304, headers, b"")
            return
        self._send(route.status, headers, route.body)

    def _fail(self, site: FakeSite, failure: Failure) -> None:
        mode = failure.mode
        html = {"Content-Type": "text/html; charset=utf-8"}
        if mode in ("500", "503"):
            body = failure.body if failure.body is not None else b"<h1>Server Error</h1>"
            self._send(int(mode), {**html, **failure.headers}, body)
        elif mode in ("challenge", "challenge200"):
            body = failure.body if failure.body is not None else CHALLENGE_BODY
            status = 412 if mode == "challenge" else 200
            self._send(status, {**html, **failure.headers}, body)
        elif mode == "empty":
            self._send(200, {**html, **failure.headers}, b"")
        elif mode == "truncated":
            body = failure.body if failure.body is not None else b"<html>" + b"x" * 4000
            half = body[: len(body) // 2]
            self._send(200, {**html, **failure.headers}, half, length=len(body))
            self._drop()
        elif mode == "timeout":
            site._hang(site.hang_seconds)
            self._drop()
        elif mode == "reset":
            self._drop()

    def _drop(self) -> None:
        """Close the connection abruptly without (the rest of) an answer."""
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


# -- remote control ------------------------------------------------------------------


class RemoteFakeSite:
    """Drive a FakeSite running in another process through its ``/__control/`` API."""

    def __init__(self, base_url: str, process: subprocess.Popen[bytes] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._process = process

    @classmethod
    def spawn(
        cls,
        routes_file: str | Path | None = None,
        *,
        hang_seconds: float = 30.0,
        timeout: float = 10.0,
    ) -> RemoteFakeSite:
        """Start ``python -m tests.fakesite.server`` and wait until it listens."""
        args = [sys.executable, "-m", "tests.fakesite.server", "--port", "0"]
        args += ["--hang-seconds", str(hang_seconds)]
        if routes_file is not None:
            args += ["--routes-file", str(routes_file)]
        root = Path(__file__).resolve().parents[2]
        process = subprocess.Popen(args, cwd=root, stdout=subprocess.PIPE)
        assert process.stdout is not None
        ready: list[str] = []
        reader = threading.Thread(
            target=lambda: ready.append(process.stdout.readline().decode()),  # type: ignore[union-attr]
            daemon=True,
        )
        reader.start()
        reader.join(timeout)
        if not ready or not ready[0].startswith("FAKESITE_URL "):
            process.kill()
            raise RuntimeError(f"fake site did not start: {ready!r}")
        return cls(ready[0].split()[1], process)

    def stop(self) -> None:
        """Terminate the process started by :meth:`spawn` (no-op for attached sites)."""
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None

    def __enter__(self) -> RemoteFakeSite:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def _call(self, method: str, name: str, payload: dict[str, Any] | None = None) -> Any:
        data = json.dumps(payload).encode("utf-8") if payload is not None else None
        req = urllib.request.Request(
            self.base_url + CONTROL_PREFIX + name,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())

    def set(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str | None = None,
        method: str = "GET",
        etag: str | None = None,
        last_modified: str | None = None,
        delay: float = 0.0,
    ) -> None:
        payload: dict[str, Any] = {
            "path": path,
            "status": status,
            "headers": headers,
            "content_type": content_type,
            "method": method,
            "etag": etag,
            "last_modified": last_modified,
            "delay": delay,
        }
        if isinstance(body, str):
            payload["body"] = body
            payload["content_type"] = content_type or "text/html; charset=utf-8"
        else:
            payload["body_b64"] = base64.b64encode(body).decode("ascii")
        self._call("POST", "route", payload)

    def remove(self, path: str, *, method: str = "GET") -> None:
        self._call("POST", "remove", {"path": path, "method": method})

    def set_robots(self, text: str | None) -> None:
        self._call("POST", "robots", {"text": text})

    def fail(
        self,
        path: str | None,
        mode: str,
        *,
        times: int | None = None,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
    ) -> None:
        payload: dict[str, Any] = {"path": path, "mode": mode, "times": times, "headers": headers}
        if body is not None:
            payload["body_b64"] = base64.b64encode(body).decode("ascii")
        self._call("POST", "fail", payload)

    def heal(self, path: str | None = None) -> None:
        self._call("POST", "heal", {"path": path})

    def requests(
        self, path: str | None = None, *, method: str | None = None
    ) -> list[RequestRecord]:
        query = urllib.parse.urlencode(
            {k: v for k, v in {"path": path, "method": method}.items() if v}
        )
        answer = self._call("GET", "requests" + (f"?{query}" if query else ""))
        return [RequestRecord.from_json(r) for r in answer["requests"]]

    def count(self, path: str | None = None, *, method: str | None = None) -> int:
        return len(self.requests(path, method=method))

    def stats(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", "stats")
        return result

    @property
    def max_in_flight(self) -> int:
        return int(self.stats()["max_in_flight"])

    def reset_stats(self) -> None:
        self._call("POST", "reset-stats", {})

    def reset(self) -> None:
        self._call("POST", "reset", {})


@contextmanager
def running(site: FakeSite) -> Iterator[FakeSite]:
    """``with running(FakeSite.start()) as site:`` — stop even when the test fails."""
    try:
        yield site
    finally:
        site.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fake government website for tests")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--routes-file", type=Path)
    parser.add_argument("--url-file", type=Path)
    parser.add_argument("--hang-seconds", type=float, default=30.0)
    args = parser.parse_args(argv)

    site = FakeSite(args.host, args.port, hang_seconds=args.hang_seconds)
    if args.routes_file is not None:
        site.load(json.loads(args.routes_file.read_text(encoding="utf-8")))

    def _terminate(signum: int, frame: object) -> None:
        # shutdown() blocks until serve_forever returns, so it must run on another thread.
        threading.Thread(target=site.stop, daemon=True).start()

    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    url = f"http://{args.host}:{site.port}"
    if args.url_file is not None:
        args.url_file.write_text(url + "\n", encoding="utf-8")
    print(f"FAKESITE_URL {url}", flush=True)
    site.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
