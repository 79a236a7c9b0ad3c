"""Search answers kept on disk, so a new process answers the templated queries without Chroma.

A cold `qualify` asks a handful of templated queries whose answers only change when the index
does; opening Chroma (importing it alone takes most of a second) to repeat them is the largest
part of its start. Answers are stored in the query store's SQLite file under a key that names
the index state they came from: the index's write stamp (new on every ingest, by any process)
and the name and size of every file of the embedded store, so an index whose files were cut
short or replaced since misses the cache and is searched, and checked, as before. Chroma
rewrites its files on every open, so their times are not part of the key. With a Chroma
server there is no local state to name, and nothing is kept.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from assistant.library.models import PlaybookHit
from assistant.library.query_cache import QueryVectorStore

Answer = list[list[PlaybookHit]]


def index_state(stamp: str | None, chroma_dir: Path) -> str | None:
    """A digest of the write stamp and the store's file names and sizes; None when there is none."""
    if stamp is None or not chroma_dir.is_dir():
        return None
    try:
        files = sorted(
            (str(path.relative_to(chroma_dir)), path.stat().st_size)
            for path in chroma_dir.rglob("*")
            if path.is_file()
        )
    except OSError:
        return None
    return hashlib.sha256(json.dumps([stamp, files]).encode("utf-8")).hexdigest()


def answer_key(state: str, collection: str, queries: Sequence[str], filters: Sequence[object]) -> str:
    """The store's key for one search request against one index state."""
    request = json.dumps([state, collection, list(queries), list(filters)], default=str)
    return hashlib.sha256(request.encode("utf-8")).hexdigest()


def load_answer(store: QueryVectorStore, key: str) -> Answer | None:
    """The stored answer, or None (not stored, or unreadable: then the index is searched)."""
    text = store.get_answer(key)
    if text is None:
        return None
    try:
        rows = json.loads(text)
        return [[PlaybookHit.model_validate(hit) for hit in row] for row in rows]
    except (ValueError, TypeError, ValidationError):
        return None


def keep_answer(store: QueryVectorStore, key: str, answer: Answer) -> None:
    """Store an answer for the next process."""
    store.add_answer(key, json.dumps([[hit.model_dump(mode="json") for hit in row] for row in answer]))
