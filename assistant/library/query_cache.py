"""Query embeddings kept on disk, so a cold `qualify` need not load the model at all.

The engine's retrieval queries are templated (one per gap, verdict, role and industry), so a
few dozen vectors cover almost every run. They live in a small SQLite file per embedding: a
new query is one appended row (the JSON file this replaced was rewritten whole on every new
query, 189 ms once ~500 were cached), a lookup reads only the rows asked for, and several
processes can share it (WAL, short busy timeout). A file that cannot be read or written only
costs speed: lookups miss and writes are skipped, never an error.
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
BUSY_TIMEOUT_S = 0.5
_LOOKUP_CHUNK = 500  # well under SQLite's bound-variable limit


class QueryVectorStore:
    """query text -> vector for one embedding model, in `path` (created on first write)."""

    def __init__(self, path: Path, model: str, dimension: int) -> None:
        self.path = path
        self.model = model
        self.dimension = dimension
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._broken = False

    def get_many(self, texts: Iterable[str]) -> dict[str, tuple[float, ...]]:
        """The stored vectors among `texts` (unknown texts, or an unreadable file: none)."""
        wanted = list(dict.fromkeys(texts))
        found: dict[str, tuple[float, ...]] = {}
        with self._lock:
            connection = self._open(create=False)
            if connection is None:
                return found
            try:
                for start in range(0, len(wanted), _LOOKUP_CHUNK):
                    chunk = wanted[start : start + _LOOKUP_CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = connection.execute(
                        f"SELECT text, vector FROM vectors WHERE model = ? AND text IN ({marks})",
                        [self.model, *chunk],
                    )
                    found.update((text, _unpack(blob)) for text, blob in rows)
            except sqlite3.Error as exc:
                self._failed(exc)
        return {text: vector for text, vector in found.items() if len(vector) == self.dimension}

    def add(self, vectors: Mapping[str, tuple[float, ...]]) -> None:
        """Append new vectors (a text already stored is left as it is)."""
        rows = [(text, self.model, _pack(v)) for text, v in vectors.items() if len(v) == self.dimension]
        if rows:
            self._write("INSERT OR IGNORE INTO vectors VALUES (?, ?, ?)", rows)

    def get_answer(self, key: str) -> str | None:
        """A search answer stored under `key` (JSON), or None."""
        with self._lock:
            connection = self._open(create=False)
            if connection is None:
                return None
            try:
                row = connection.execute("SELECT hits FROM answers WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error as exc:
                self._failed(exc)
                return None
        return str(row[0]) if row else None

    def add_answer(self, key: str, hits: str) -> None:
        """Keep a search answer (JSON) under `key`; its key names the index state it came from."""
        self._write("INSERT OR IGNORE INTO answers VALUES (?, ?)", [(key, hits)])

    def _write(self, statement: str, rows: Sequence[tuple[object, ...]]) -> None:
        """One transaction of inserts; a file that cannot take it only costs speed."""
        with self._lock:
            connection = self._open(create=True)
            if connection is None:
                return
            try:
                with connection:
                    connection.executemany(statement, rows)
            except sqlite3.Error as exc:
                self._failed(exc)

    def close(self) -> None:
        """Close the file (tests and shutdown); the store reopens it when used again."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _open(self, *, create: bool) -> sqlite3.Connection | None:
        if self._connection is not None or self._broken:
            return self._connection
        if not create and not self.path.exists():
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS vectors "
                "(text TEXT NOT NULL, model TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, text))"
            )
            connection.execute(
                "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, hits TEXT NOT NULL)"
            )
        except (OSError, sqlite3.Error):
            self._broken = True
            return None
        self._connection = connection
        return connection

    def _failed(self, exc: sqlite3.Error) -> None:
        """Another process holding the file a moment too long costs this one lookup or write;
        anything else (a damaged file) ends its use for this process. Speed only, either way."""
        if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
            return
        self._give_up()

    def _give_up(self) -> None:
        """A damaged file: stop using it for this process."""
        if self._connection is not None:
            self._connection.close()
        self._connection, self._broken = None, True


def _pack(vector: tuple[float, ...]) -> bytes:
    return array("f", vector).tobytes()


def _unpack(blob: bytes) -> tuple[float, ...]:
    values = array("f")
    values.frombytes(blob)
    return tuple(values)


class BoundedCache(Generic[K, V]):
    """A thread-safe least-recently-used map of at most `size` entries (search answers)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
