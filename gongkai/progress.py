"""A progress display for long CLI work: a bar on a terminal, periodic lines otherwise.

bar = Progress("re-extracting")
for i in range(n): ...; bar.update(i + 1, n)
bar.close()
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(
        self, label: str, *, stream: TextIO | None = None, every_seconds: float = 5
    ) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.every = every_seconds
        self.started = time.monotonic()
        self._last = 0.0

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.tty and now - self._last < self.every and done != total:
            return
        self._last = now
        rate = done / max(now - self.started, 1e-9)
        eta = (total - done) / rate if rate and total else 0
        share = done / total if total else 1.0
        if self.tty:
            filled = int(share * 30)
            bar = "#" * filled + "-" * (30 - filled)
            self.stream.write(f"\r{self.label} [{bar}] {done}/{total} {rate:.1f}/s eta {eta:.0f}s ")
        else:
            self.stream.write(f"{self.label}: {done}/{total} ({share:.0%}), {rate:.1f}/s\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
