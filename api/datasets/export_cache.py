"""Finished exports of numbered dataset versions, kept as files (bounded in bytes).

A version's CSV, NDJSON or JSON is byte-identical forever for the same options, so the
first download writes what it streams to a temporary file beside the cache; only when
the stream has ended normally is it renamed into place (``os.replace``, atomic: a
reader sees a whole file or none). Later downloads send that file. Files are named by
the export's strong ETag (content hash, format, options, format revision), so a changed
export format or a rebuilt database never finds an old file. When the folder holds more
than its bound, the least recently served files go first; several processes may share
the folder::

    cache = export_cache(state)                # None when disabled
    hit = cache.open(name)                     # (file, size) or None
    chunks = cache.tee(name, chunks)           # stream and keep

Settings: ``GONGKAI_EXPORT_CACHE_DIR`` and ``GONGKAI_EXPORT_CACHE_MB`` (README).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import time
from collections.abc import AsyncGenerator, AsyncIterator
from pathlib import Path
from typing import BinaryIO

from litestar.datastructures import State

from api.config import ApiConfig

#: bytes read from a cached file per chunk sent
READ_CHUNK = 1024 * 1024
#: a temporary file older than this (seconds) was left by a crash and is removed
STALE_TEMP_SECONDS = 3600.0
_TEMP_SUFFIX = ".tmp"


class ExportCache:
    """A folder of finished exports, at most ``max_bytes`` in all."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes

    def _path(self, name: str) -> Path:
        if not name or "/" in name or name.startswith("."):
            raise ValueError(f"not a cache file name: {name!r}")
        return self.folder / name

    def open(self, name: str) -> tuple[BinaryIO, int] | None:
        """The cached file ``name``, open, and its size; None when not cached. The
        open file stays readable even if an eviction removes its name meanwhile."""
        path = self._path(name)
        try:
            file = path.open("rb")
        except FileNotFoundError:
            return None
        size = os.fstat(file.fileno()).st_size
        with contextlib.suppress(OSError):
            os.utime(path)  # recently served: the last to be evicted
        return file, size

    async def tee(self, name: str, chunks: AsyncIterator[bytes]) -> AsyncGenerator[bytes, None]:
        """``chunks`` passed on, written to a temporary file meanwhile; renamed to
        ``name`` once the stream ended normally, removed if it did not (an error, a
        client that went away) or when the file would exceed the cache's bound."""
        final = self._path(name)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temp = self.folder / f".{name}.{os.getpid()}.{secrets.token_hex(4)}{_TEMP_SUFFIX}"
            file: BinaryIO | None = temp.open("wb")
        except OSError:
            file = None  # the cache folder is not writable: serve without keeping
        written = 0
        complete = False
        try:
            async for chunk in chunks:
                if file is not None:
                    written += len(chunk)
                    if written > self.max_bytes:
                        file.close()
                        temp.unlink(missing_ok=True)
                        file = None
                    else:
                        file.write(chunk)
                yield chunk
            complete = True
        finally:
            if file is not None:
                file.close()
                if complete:
                    try:
                        await asyncio.to_thread(_fsync_and_replace, temp, final)
                    except OSError:
                        temp.unlink(missing_ok=True)
                    else:
                        await asyncio.to_thread(self.evict)
                else:
                    temp.unlink(missing_ok=True)

    def evict(self) -> None:
        """Remove the least recently served files until the folder is within bound
        (and temporary files a crash left behind)."""
        files: list[tuple[float, int, Path]] = []
        now = time.time()
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(self.folder):
                try:
                    stat = entry.stat()
                except FileNotFoundError:
                    continue
                if entry.name.endswith(_TEMP_SUFFIX):
                    if now - stat.st_mtime > STALE_TEMP_SECONDS:
                        Path(entry.path).unlink(missing_ok=True)
                    continue
                files.append((stat.st_mtime, stat.st_size, Path(entry.path)))
        total = sum(size for _, size, _ in files)
        for _, size, path in sorted(files, key=lambda f: f[0]):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size

    def size(self) -> int:
        """Bytes of finished files in the folder."""
        with contextlib.suppress(FileNotFoundError):
            return sum(
                e.stat().st_size
                for e in os.scandir(self.folder)
                if not e.name.endswith(_TEMP_SUFFIX)
            )
        return 0


def _fsync_and_replace(temp: Path, final: Path) -> None:
    with temp.open("rb") as file:
        os.fsync(file.fileno())
    os.replace(temp, final)


async def file_chunks(file: BinaryIO) -> AsyncIterator[bytes]:
    """The file's bytes, :data:`READ_CHUNK` at a time (closed at the end or on error)."""
    try:
        while chunk := await asyncio.to_thread(file.read, READ_CHUNK):
            yield chunk
    finally:
        file.close()


def export_cache(state: State) -> ExportCache | None:
    """The app's export cache, None when the config names no folder or no bytes."""
    found: ExportCache | None = state.get("export_cache")
    if found is None:
        config: ApiConfig = state.config
        if not config.export_cache_dir or config.export_cache_bytes <= 0:
            return None
        found = ExportCache(Path(config.export_cache_dir).expanduser(), config.export_cache_bytes)
        state["export_cache"] = found
    return found
