"""Per-client backoff on wrong UI passwords, so the password cannot be guessed at machine speed.

Streamlit sessions are threads of one process, so the failures live in one process-wide table
keyed by the client's address (a new browser session from the same address shares the count).
The first few failures cost nothing; after that each one doubles the wait, up to five minutes,
and while a client waits its attempts are not even checked. A right password clears its count.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

FREE_FAILURES = 5
FIRST_WAIT_S = 2.0
MAX_WAIT_S = 300.0
MAX_CLIENTS = 10_000  # a flood of addresses cannot grow the table without bound


@dataclass
class _Record:
    failures: int = 0
    locked_until: float = 0.0


@dataclass
class LoginThrottle:
    """Failures and lock-outs per client; thread-safe; the clock is injectable for tests."""

    clock: Callable[[], float] = time.monotonic
    _records: dict[str, _Record] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_s(self, client: str) -> float:
        """Seconds this client must wait before its next attempt is checked (0 when it may try)."""
        with self._lock:
            record = self._records.get(client)
            return max(0.0, record.locked_until - self.clock()) if record else 0.0

    def failed(self, client: str) -> float:
        """Count a wrong password; the wait it now costs."""
        with self._lock:
            if client not in self._records and len(self._records) >= MAX_CLIENTS:
                self._records.pop(next(iter(self._records)))
            record = self._records.setdefault(client, _Record())
            record.failures += 1
            extra = record.failures - FREE_FAILURES
            wait = 0.0 if extra < 0 else min(MAX_WAIT_S, FIRST_WAIT_S * 2**extra)
            record.locked_until = self.clock() + wait
            return wait

    def tracked(self) -> int:
        """How many clients have failures on record."""
        with self._lock:
            return len(self._records)

    def clear(self) -> None:
        """Forget every failure (a restart does the same)."""
        with self._lock:
            self._records.clear()

    def succeeded(self, client: str) -> None:
        """A right password clears the client's count."""
        with self._lock:
            self._records.pop(client, None)
