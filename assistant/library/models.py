"""The chromadb-free half of the playbook library: result models, index bookkeeping, messages,
and the guard that lets several processes share one embedded store.

`assistant.library.store` talks to Chroma; `assistant.library.playbook_library` re-exports the public names
defined here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pydantic import BaseModel, Field

from assistant.errors import storage_failure
from assistant.library.documents import PlaybookChunk, PlaybookDocument

REBUILD_HINT = "run `sales-assistant playbooks ingest --rebuild`"

Indexed = dict[str, tuple[set[str], set[str]]]
"""(document hashes, chunk ids) per source currently in the index."""


class PlaybookHit(BaseModel):
    """One passage found for a query, where it came from and how close it is (0 to 1)."""

    source: str
    section: str
    score: float
    text: str
    metadata: dict[str, str | int | float | bool]


class IngestReport(BaseModel):
    """What an ingest did, in chunks, so a second identical run shows added=0."""

    documents: int = Field(description="Files read and chunked in this run.")
    chunks: int = Field(description="Chunks those files now have in the index.")
    added: int = Field(description="Chunks embedded and written.")
    unchanged: int = Field(description="Chunks of unchanged files, left as they were.")
    removed: int = Field(description="Chunks deleted: replaced, pruned or dropped files.")
    errors: list[str] = Field(default_factory=list, description="One line per file skipped.")


class DocumentInfo(BaseModel):
    """One indexed playbook as the library preview lists it."""

    source: str
    title: str
    kind: str
    chunks: int
    metadata: dict[str, Any]


class RetrievalError(Exception):
    """The index cannot be used; the message names the problem and what to do."""


class IndexStorageError(RetrievalError):
    """The index's disk cannot take writes (full, read-only, not permitted): no damage, nothing to delete.

    A qualification then runs without playbook passages, with a warning, rather than not at all.
    """


def index_by_source(ids: Sequence[str], metadatas: Sequence[Mapping[str, Any]]) -> Indexed:
    """Group the chunk ids and document hashes of a Chroma `get` by source."""
    indexed: Indexed = {}
    for chunk_id, meta in zip(ids, metadatas, strict=True):
        hashes, chunk_ids = indexed.setdefault(str(meta.get("source", "")), (set(), set()))
        hashes.add(str(meta.get("doc_hash", "")))
        chunk_ids.add(chunk_id)
    return indexed


def changed_chunks(
    documents: Iterable[PlaybookDocument], indexed: Indexed
) -> tuple[list[str], list[PlaybookChunk]]:
    """Old chunk ids to delete and chunks to write: a document whose hash or ids changed is replaced."""
    to_delete: list[str] = []
    to_write: list[PlaybookChunk] = []
    for doc in documents:
        old_hashes, old_ids = indexed.get(doc.source, (set(), set()))
        if old_hashes != {doc.doc_hash} or old_ids != {c.id for c in doc.chunks}:
            to_delete.extend(old_ids)
            to_write.extend(doc.chunks)
    return to_delete, to_write


def hits_from_response(response: Any, row: int) -> list[PlaybookHit]:
    """PlaybookHits of one query row of a Chroma response, best first."""
    rows = zip(
        response["documents"][row], response["metadatas"][row], response["distances"][row], strict=True
    )
    hits = [
        PlaybookHit(
            source=str(meta.get("source", "")),
            section=str(meta.get("section", "")),
            score=min(1.0, max(0.0, 1.0 - float(distance))),
            text=text or "",
            metadata={k: v for k, v in meta.items() if isinstance(v, (str, int, float, bool))},
        )
        for text, meta, distance in rows
    ]
    return sorted(hits, key=lambda hit: -hit.score)


def documents_from_metadata(
    metadatas: Iterable[Mapping[str, Any]], counts: Mapping[str, int] | None = None
) -> list[DocumentInfo]:
    """One DocumentInfo per source of a Chroma `get`, sorted by source; passages counted from the rows,
    or taken from `counts` when the rows are only each document's first passage."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for meta in metadatas:
        grouped.setdefault(str(meta.get("source", "")), []).append(dict(meta))
    return [
        _document_info(source, metas, counts[source] if counts else len(metas))
        for source, metas in sorted(grouped.items())
    ]


def _document_info(source: str, metas: list[dict[str, Any]], chunks: int) -> DocumentInfo:
    """Document-level view of a source's chunk metadata."""
    first = min(metas, key=lambda m: int(m.get("chunk_index", 0)))
    per_chunk = {"section", "chunk_index", "source"}
    return DocumentInfo(
        source=source,
        title=str(first.get("title", "")),
        kind=str(first.get("kind", "")),
        chunks=chunks,
        metadata={key: value for key, value in first.items() if key not in per_chunk},
    )


def server_address(url: str) -> tuple[str, int, bool]:
    """(host, port, https) of a Chroma server URL; a bare `host:port` means plain HTTP."""
    parsed = urlparse(url if "://" in url else f"http://{url}")
    https = parsed.scheme == "https"
    port = parsed.port or (443 if https else 8000)
    return parsed.hostname or "localhost", port, https


def store_error(action: str, exc: Exception, where: str, *, server: bool) -> RetrievalError:
    """The error to raise for a failed store call: its message names what failed and what to do."""
    if not server and (problem := storage_failure(exc, Path(where))):
        return IndexStorageError(
            f"The playbook index at {where} cannot be used while {action}: {problem}. The index is not "
            "damaged: do not delete it."
        )
    return RetrievalError(explain_store_error(action, exc, where, server=server))


def explain_store_error(action: str, exc: Exception, where: str, *, server: bool) -> str:
    """A message naming what failed and what the user should do."""
    detail = " ".join(str(exc).split())[:300] or type(exc).__name__
    if server:
        return (
            f"The Chroma server at {where} failed while {action} ({detail}). Check "
            "that it runs (`chroma run --path DIR --port N`) or unset ASSISTANT_CHROMA_URL."
        )
    if "locked" in detail.lower() or "busy" in detail.lower():
        return (
            f"The playbook index at {where} is locked by another process ({detail}). "
            "Close that process, or share one index through a Chroma server "
            "(ASSISTANT_CHROMA_URL)."
        )
    return (
        f"The playbook index at {where} is corrupt or unreadable while {action} "
        f"({detail}). To fix it, {REBUILD_HINT}, or delete the folder {where} (the playbooks are "
        "indexed again on the next run)."
    )


def matches(where: Mapping[str, Any] | None, metadata: Mapping[str, object]) -> bool:
    """Whether a passage's metadata meets a `where_filter` clause (the shapes it builds: equality,
    `$and`, `$or`), as Chroma would judge it."""
    if where is None:
        return True
    if "$and" in where:
        return all(matches(clause, metadata) for clause in where["$and"])
    if "$or" in where:
        return any(matches(clause, metadata) for clause in where["$or"])
    return all(key in metadata and metadata[key] == value for key, value in where.items())


def sound_vector(vector: Iterable[float], dimension: int) -> bool:
    """A stored vector as the embedder makes them: the right length, finite, not all zeros."""
    values = [float(value) for value in vector]
    return len(values) == dimension and all(math.isfinite(v) for v in values) and any(values)
