"""The playbook library: the only chromadb importer; ingests playbooks and finds passages.

Writes are serialised per store by a process-wide lock (Streamlit sessions are threads of one
process); several processes sharing one index need a Chroma server (`ASSISTANT_CHROMA_URL`).
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import urlparse

from pydantic import BaseModel, Field

from assistant.embeddings import EmbeddingError, get_embedder
from assistant.playbook_docs import (
    PlaybookChunk,
    PlaybookDocError,
    load_many,
    pruned_sources,
    source_for,
    where_filter,
)
from assistant.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

T = TypeVar("T")
Progress = Callable[[int, int], None]
WRITE_BATCH = 256
REBUILD_HINT = "run `sales-assistant playbooks ingest --rebuild`"
EMBEDDING_FUNCTION_NAME = "sales_assistant_playbooks"
_STORE_LOCKS: dict[str, threading.Lock] = {}
_STORE_LOCKS_GUARD = threading.Lock()


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


@cache
def chroma_embedding_function_class() -> type[Any]:
    """Define and register the Chroma adapter on first use, keeping chromadb out of imports."""
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
    from chromadb.utils.embedding_functions import register_embedding_function

    @register_embedding_function
    class PlaybookEmbeddingFunction(EmbeddingFunction[Documents]):
        """Chroma's view of our embedders; its stored config names the model, never a path."""

        def __init__(self, embedding: str) -> None:
            self._embedder = get_embedder(embedding)  # the model itself loads on first use

        def __call__(self, input: Documents) -> Embeddings:
            return self._embedder.embed(list(input))  # type: ignore[return-value]

        @staticmethod
        def name() -> str:
            return EMBEDDING_FUNCTION_NAME

        def get_config(self) -> dict[str, Any]:
            return {"embedding": self._embedder.name, "dimension": self._embedder.dimension}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> PlaybookEmbeddingFunction:
            return PlaybookEmbeddingFunction(str(config["embedding"]))

        def default_space(self) -> Space:
            return "cosine"

        def supported_spaces(self) -> list[Space]:
            return ["cosine"]

    return PlaybookEmbeddingFunction


class PlaybookLibrary:
    """Index of playbook passages in Chroma, searchable by meaning with metadata filters."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.collection_name = f"{settings.collection}-{settings.embedding}"
        self._embedder = get_embedder(settings.embedding)
        self._where = settings.chroma_url or str(settings.chroma_dir.resolve())
        with _STORE_LOCKS_GUARD:
            self._write_lock = _STORE_LOCKS.setdefault(self._where, threading.Lock())
        self._open_lock = threading.Lock()
        self._client_handle: ClientAPI | None = None
        self._collection_handle: Collection | None = None

    def count(self) -> int:
        """Number of chunks in the index."""
        return self._run("counting chunks", lambda c: c.count())

    def search(
        self,
        query: str,
        *,
        k: int | None = None,
        kind: str | None = None,
        industry: str | None = None,
        product: str | None = None,
    ) -> list[PlaybookHit]:
        """The k passages closest to one query, best first."""
        return self.search_many([query], k=k, kind=kind, industry=industry, product=product)[0]

    def search_many(
        self,
        queries: Sequence[str],
        *,
        k: int | None = None,
        kind: str | None = None,
        industry: str | None = None,
        product: str | None = None,
    ) -> list[list[PlaybookHit]]:
        """Hits per query from one embedding call and one Chroma query; blank queries get []."""
        results: list[list[PlaybookHit]] = [[] for _ in queries]
        asked = [i for i, q in enumerate(queries) if q.strip()]
        vectors = self._embed([queries[i] for i in asked], queries=True) if asked else []
        live = [(i, v) for i, v in zip(asked, vectors, strict=True) if any(v)]
        if not live:
            return results
        where = where_filter(kind=kind, industry=industry, product=product)
        response = self._run(
            "searching",
            lambda c: c.query(
                query_embeddings=cast("list[Sequence[float]]", [v for _, v in live]),
                n_results=k or self.settings.retrieval_k,
                where=where,
                include=["documents", "metadatas", "distances"],
            ),
        )
        for row, (position, _) in enumerate(live):
            results[position] = _hits(response, row)
        return results

    def documents(self) -> list[DocumentInfo]:
        """Every indexed playbook with its chunk count, sorted by source."""
        got = self._run("listing documents", lambda c: c.get(include=["metadatas"]))
        grouped: dict[str, list[dict[str, Any]]] = {}
        for meta in got["metadatas"] or []:
            grouped.setdefault(str(meta.get("source", "")), []).append(dict(meta))
        return [_document_info(source, metas) for source, metas in sorted(grouped.items())]

    def ingest(
        self,
        paths: Sequence[Path],
        *,
        prune: bool = True,
        rebuild: bool = False,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Index files and folders idempotently; `progress(done, total)` counts chunks written.

        Unchanged files are no-ops (same doc_hash and chunk ids); a changed file replaces all
        its chunks; with `prune`, indexed files under the given folders (or given by name) that
        no longer exist are removed; `rebuild` drops the collection first.
        """
        with self._write_lock:
            if rebuild:
                self._drop_collection()
            loaded = load_many(paths)
            documents = {doc.source: doc for doc in loaded.documents}
            indexed = self._indexed()
            to_delete: list[str] = []
            to_write: list[PlaybookChunk] = []
            for doc in documents.values():
                old_hashes, old_ids = indexed.pop(doc.source, (set(), set()))
                if old_hashes != {doc.doc_hash} or old_ids != {c.id for c in doc.chunks}:
                    to_delete.extend(old_ids)
                    to_write.extend(doc.chunks)
            if prune:  # files gone from the given folders; files that failed to load stay
                gone = pruned_sources(paths, indexed.keys() - loaded.failed_sources)
                to_delete.extend(i for source in gone for i in indexed[source][1])
            self._write(to_delete, to_write, progress)
        chunks = sum(len(doc.chunks) for doc in documents.values())
        return IngestReport(
            documents=len(documents),
            chunks=chunks,
            added=len(to_write),
            unchanged=chunks - len(to_write),
            removed=len(to_delete),
            errors=loaded.errors,
        )

    def ensure_ready(self) -> IngestReport | None:
        """Index the shipped playbooks on first use; None when the index already has chunks."""
        if self.count() > 0:
            return None
        return self.ingest([self.settings.playbooks_dir])

    def delete_document(self, source: str) -> int:
        """Remove one playbook's chunks, named by source or by a path; returns how many."""
        where: dict[str, Any] = {"source": {"$in": list({source, source_for(Path(source))})}}
        with self._write_lock:
            got = self._run("finding a document", lambda c: c.get(where=where, include=[]))
            self._write(list(got["ids"]), [], None)
            return len(got["ids"])

    def _write(self, to_delete: list[str], to_write: list[PlaybookChunk], progress: Progress | None) -> None:
        """Delete, then embed and upsert in batches, reporting progress after each batch."""
        if to_delete:
            self._run("deleting chunks", partial(_delete, ids=to_delete))
        if progress:
            progress(0, len(to_write))
        for start in range(0, len(to_write), WRITE_BATCH):
            batch = to_write[start : start + WRITE_BATCH]
            vectors = self._embed([chunk.text for chunk in batch], queries=False)
            self._run("writing chunks", partial(_upsert, batch=batch, vectors=vectors))
            if progress:
                progress(start + len(batch), len(to_write))

    def _indexed(self) -> dict[str, tuple[set[str], set[str]]]:
        """(document hashes, chunk ids) per source currently in the index."""
        got = self._run("reading the index", lambda c: c.get(include=["metadatas"]))
        indexed: dict[str, tuple[set[str], set[str]]] = {}
        for chunk_id, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
            hashes, ids = indexed.setdefault(str(meta.get("source", "")), (set(), set()))
            hashes.add(str(meta.get("doc_hash", "")))
            ids.add(chunk_id)
        return indexed

    def _embed(self, texts: list[str], *, queries: bool) -> list[list[float]]:
        """Embed passages or (LRU-cached) queries; a broken model install is a RetrievalError."""
        try:
            return self._embedder.embed_queries(texts) if queries else self._embedder.embed(texts)
        except EmbeddingError as exc:
            raise RetrievalError(str(exc)) from exc

    def _run(self, action: str, operation: Callable[[Collection], T]) -> T:
        """Run a collection operation, reopening once if a rebuild elsewhere replaced it."""
        from chromadb.errors import NotFoundError

        with self._store_errors(action):
            try:
                return operation(self._collection())
            except NotFoundError:
                self._collection_handle = None
                return operation(self._collection())

    def _collection(self) -> Collection:
        """The collection for this embedding, created in cosine space if missing."""
        with self._open_lock:
            if self._collection_handle is None:
                function = chroma_embedding_function_class()(self.settings.embedding)
                self._collection_handle = self._client().get_or_create_collection(
                    self.collection_name,
                    embedding_function=function,
                    configuration={"hnsw": {"space": "cosine"}},
                )
            return self._collection_handle

    def _client(self) -> ClientAPI:
        """The Chroma client: HTTP when a server URL is set, else the embedded store."""
        if self._client_handle is None:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            options = ChromaSettings(anonymized_telemetry=False)
            if url := self.settings.chroma_url:
                parsed = urlparse(url if "://" in url else f"http://{url}")
                https = parsed.scheme == "https"
                port = parsed.port or (443 if https else 8000)
                host = parsed.hostname or "localhost"
                self._client_handle = chromadb.HttpClient(host=host, port=port, ssl=https, settings=options)
            else:
                self.settings.chroma_dir.mkdir(parents=True, exist_ok=True)
                self._client_handle = chromadb.PersistentClient(self._where, settings=options)
        return self._client_handle

    def _drop_collection(self) -> None:
        """Delete the collection; an embedded store too broken for that is wiped instead."""
        from chromadb.errors import NotFoundError

        try:
            with self._store_errors("dropping the collection"), suppress(NotFoundError):
                self._client().delete_collection(self.collection_name)
        except RetrievalError:
            if self.settings.chroma_url:
                raise
            self._wipe_embedded_store()
        self._collection_handle = None

    def _wipe_embedded_store(self) -> None:
        """Stop Chroma's cached system for this folder, then delete the folder."""
        from chromadb.api.shared_system_client import SharedSystemClient

        system = SharedSystemClient._identifier_to_system.pop(self._where, None)
        SharedSystemClient._identifier_to_refcount.pop(self._where, None)
        if system is not None:
            with suppress(Exception):  # a broken store may fail to stop cleanly
                system.stop()
        self._client_handle = None
        shutil.rmtree(self.settings.chroma_dir, ignore_errors=True)

    @contextmanager
    def _store_errors(self, action: str) -> Iterator[None]:
        """Turn Chroma, SQLite and network failures into a RetrievalError with a fix."""
        try:
            yield
        except (RetrievalError, PlaybookDocError):
            raise
        except Exception as exc:  # chroma raises many unrelated types; all mean "unusable"
            self._client_handle = self._collection_handle = None
            raise RetrievalError(self._explain(action, exc)) from exc

    def _explain(self, action: str, exc: Exception) -> str:
        """A message naming what failed and what the user should do."""
        detail = " ".join(str(exc).split())[:300] or type(exc).__name__
        if self.settings.chroma_url:
            return (
                f"The Chroma server at {self._where} failed while {action} ({detail}). Check "
                "that it runs (`chroma run --path DIR --port N`) or unset ASSISTANT_CHROMA_URL."
            )
        if "locked" in detail.lower() or "busy" in detail.lower():
            return (
                f"The playbook index at {self._where} is locked by another process ({detail}). "
                "Close that process, or share one index through a Chroma server "
                "(ASSISTANT_CHROMA_URL)."
            )
        return (
            f"The playbook index at {self._where} is corrupt or unreadable while {action} "
            f"({detail}). To fix it, {REBUILD_HINT}."
        )


def _delete(collection: Collection, ids: list[str]) -> None:
    """Delete chunks in batches Chroma accepts."""
    for start in range(0, len(ids), WRITE_BATCH * 4):
        collection.delete(ids=ids[start : start + WRITE_BATCH * 4])


def _upsert(collection: Collection, batch: list[PlaybookChunk], vectors: list[list[float]]) -> None:
    """Write one batch of embedded chunks."""
    collection.upsert(
        ids=[chunk.id for chunk in batch],
        embeddings=cast("list[Sequence[float]]", vectors),
        documents=[chunk.text for chunk in batch],
        metadatas=[chunk.metadata for chunk in batch],
    )


def _hits(response: Any, row: int) -> list[PlaybookHit]:
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


def _document_info(source: str, metas: list[dict[str, Any]]) -> DocumentInfo:
    """Document-level view of a source's chunk metadata."""
    first = min(metas, key=lambda m: int(m.get("chunk_index", 0)))
    per_chunk = {"section", "chunk_index", "source"}
    return DocumentInfo(
        source=source,
        title=str(first.get("title", "")),
        kind=str(first.get("kind", "")),
        chunks=len(metas),
        metadata={key: value for key, value in first.items() if key not in per_chunk},
    )
