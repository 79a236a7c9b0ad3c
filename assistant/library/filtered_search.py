"""A filtered playbook search that seldom needs Chroma's own filter (see `nearest_matching`)."""

from __future__ import annotations

from typing import Any

from assistant.library.models import PlaybookHit, matches
from assistant.library.store import ChromaCollection

WIDEN = 8
"""A filtered search first takes the nearest max(WIDEN × k, MIN_WIDE) passages unfiltered."""
MIN_WIDE = 32


def nearest_matching(
    store: ChromaCollection, vectors: list[list[float]], k: int, where: dict[str, Any] | None
) -> list[list[PlaybookHit]]:
    """The k nearest passages meeting `where`, per vector. Chroma's own filter first reads every
    matching id from SQLite (145 ms at 100,000 passages for a kind a quarter of them have), so the
    nearest max(WIDEN × k, MIN_WIDE) are taken unfiltered and filtered here, which gives the same
    top k whenever k of them match; only a query with fewer matches among them asks Chroma's filter."""
    if where is None:
        return store.query(vectors, k, None)
    wide = max(WIDEN * k, MIN_WIDE)
    nearest = store.query(vectors, wide, None)
    rows = [[hit for hit in row if matches(where, hit.metadata)][:k] for row in nearest]
    short = [i for i, row in enumerate(rows) if len(row) < k and len(nearest[i]) == wide]
    if short:
        again = store.query([vectors[i] for i in short], k, where)
        for i, row in zip(short, again, strict=True):
            rows[i] = row
    return rows
