"""One Chroma store used by threads and processes at once, safely (see `StoreGuard`)."""

from __future__ import annotations

import os
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.library.models import RetrievalError

STORE_LOCK_TIMEOUT_S = 120.0


class StoreGuard:
    """Serialises every use of one Chroma store: threads by a lock, processes by a file lock.

    Why: Chroma's embedded store keeps its vector index in memory per process, so two UI
    sessions and a batch on one data directory would read stale vectors (hits whose rows a
    re-index deleted), overwrite each other's index files, or search a half-rebuilt library.
    So every read and write holds `<store>.lock` (ingest and rebuild hold it throughout, which
    makes them atomic to searchers: the old library or the new one, never a mix), and every
    write leaves a new random stamp in `<store>.stamp`; a process that finds a stamp it has not
    seen calls `reload` (which drops its cached store) before touching the store, and bumps
    `epoch` so each library reopens its handles. With a Chroma server (`embedded=False`) the
    server is the one owner: only threads are serialised and nothing is stamped.
    """

    def __init__(self, where: str, *, embedded: bool, reload: Callable[[], None]) -> None:
        self.where = where
        self.epoch = 0
        self._thread_lock = threading.RLock()
        self._file_lock = (
            FileLock(f"{where}.lock", timeout=STORE_LOCK_TIMEOUT_S, thread_local=False) if embedded else None
        )
        self._stamp = Path(f"{where}.stamp")
        self._seen: str | None = None
        self._reload = reload

    @contextmanager
    def hold(self) -> Iterator[None]:
        """The store to ourselves, caught up with writes other processes made (re-entrant)."""
        with self._thread_lock:
            if self._file_lock is None:
                yield
                return
            self._stamp.parent.mkdir(parents=True, exist_ok=True)
            try:
                _acquire_with_backoff(self._file_lock)
            except Timeout as exc:
                raise RetrievalError(
                    f"The playbook index at {self.where} is busy: another process (a re-index?) has held "
                    f"it for over {STORE_LOCK_TIMEOUT_S:g} s. Try again when it finishes."
                ) from exc
            try:
                self._catch_up()
                yield
            finally:
                self._file_lock.release()

    def current_stamp(self) -> str | None:
        """The last write's stamp, read without the lock ("" before any write); None with a Chroma
        server, whose writes by others leave no stamp here. A reader that keys a cache on it sees
        the old library or the new one, as a search under the lock would."""
        if self._file_lock is None:
            return None
        try:
            return self._stamp.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""
        except OSError:
            return None

    def mark_written(self) -> None:
        """Tell other processes the store changed (call while holding it)."""
        if self._file_lock is None:
            return
        token = uuid.uuid4().hex
        handle, temp = tempfile.mkstemp(dir=self._stamp.parent, prefix=".chroma-stamp-")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(token)
        os.replace(temp, self._stamp)
        self._seen = token

    def _catch_up(self) -> None:
        stamp = ""
        with suppress(FileNotFoundError):
            stamp = self._stamp.read_text(encoding="utf-8")
        if self._seen is not None and stamp != self._seen:
            self._reload()
            self.epoch += 1
        self._seen = stamp


FIRST_WAIT_S, LONGEST_WAIT_S = 0.0005, 0.05


def _acquire_with_backoff(lock: FileLock) -> None:
    """Take the file lock, retrying after 0.5 ms, then 1, 2, 4 … up to 50 ms: a search holds it
    for a millisecond or two, so filelock's fixed 50 ms poll left a second batch process idle
    most of the time (two processes ran at 0.94x of one)."""
    deadline = time.monotonic() + STORE_LOCK_TIMEOUT_S
    wait = FIRST_WAIT_S
    while True:
        try:
            lock.acquire(blocking=False)
            return
        except Timeout:
            if time.monotonic() >= deadline:
                raise
        time.sleep(wait)
        wait = min(wait * 2, LONGEST_WAIT_S)


_GUARDS: dict[str, StoreGuard] = {}
_GUARDS_LOCK = threading.Lock()


def store_guard(where: str, *, embedded: bool, reload: Callable[[], None]) -> StoreGuard:
    """The one guard of this store in this process (Streamlit sessions and batch threads share it)."""
    with _GUARDS_LOCK:
        if where not in _GUARDS:
            _GUARDS[where] = StoreGuard(where, embedded=embedded, reload=reload)
        return _GUARDS[where]
