"""The playbook library's Chroma side: the only module that imports chromadb, so every Chroma call is here.

Several processes may share one embedded store (two UI sessions and a batch on one data
directory): every Chroma call holds the store's `StoreGuard` (a thread lock plus a file lock
next to the store), an ingest or rebuild holds it from start to end so searchers see the old
library or the new one and never a mix, and a process reloads its cached store when another
one has written since (see `StoreGuard`). A Chroma server (`ASSISTANT_CHROMA_URL`) is the one
owner of its data, so only threads are serialised there.

No call grows with the library into one SQL statement: Chroma binds a variable per id (and per
metadata row) it reads, and SQLite refuses more than 32,766, so a library of 32,767 passages
could no longer be listed or re-ingested. Every read is paged (`READ_PAGE` rows per `get`,
sources asked for `SOURCES_PER_GET` at a time), deletes and upserts go in batches.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import cache, partial
from typing import TYPE_CHECKING, Any, TypeVar, cast

from assistant.errors import os_problem
from assistant.library.documents import PlaybookChunk, PlaybookDocError
from assistant.library.embeddings import get_embedder
from assistant.library.models import (
    DocumentInfo,
    Indexed,
    PlaybookHit,
    RetrievalError,
    documents_from_metadata,
    hits_from_response,
    index_by_source,
    server_address,
    sound_vector,
    store_error,
)
from assistant.library.store_files import readable_copy, write_problem
from assistant.library.store_guard import store_guard
from assistant.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

T = TypeVar("T")
WRITE_BATCH = 256
DELETE_BATCH = 1_024
READ_PAGE = 5_000
"""Rows per `get`: far below SQLite's 32,766 variables, and large enough that paging costs little."""
SOURCES_PER_GET = 500
EMBEDDING_FUNCTION_NAME = "sales_assistant_playbooks"


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


class ChromaCollection:
    """One collection of playbook passages in Chroma; each call holds the store's guard."""

    def __init__(self, settings: Settings, collection_name: str) -> None:
        """Find the store's guard; the client and collection open on first use, holding it."""
        self.settings = settings
        self.collection_name = collection_name
        self.read_only: str | None = None
        """Why the index's own folder cannot take writes, when a temporary copy is searched instead."""
        self._where = settings.chroma_url or str(settings.chroma_dir.resolve())
        if not settings.chroma_url and (problem := write_problem(settings.chroma_dir)) is not None:
            self.read_only = os_problem(problem)
            self._where = str(readable_copy(settings.chroma_dir, self.read_only))
        self.guard = store_guard(
            self._where, embedded=not settings.chroma_url, reload=partial(_forget_embedded_store, self._where)
        )
        self._epoch = self.guard.epoch
        self._client_handle: ClientAPI | None = None
        self._collection_handle: Collection | None = None

    def count(self) -> int:
        """Number of chunks in the collection."""
        return self._run("counting chunks", lambda c: c.count())

    def query(
        self, vectors: Sequence[Sequence[float]], n_results: int, where: dict[str, Any] | None
    ) -> list[list[PlaybookHit]]:
        """The n_results passages closest to each vector, best first, from one Chroma query."""
        response = self._run(
            "searching",
            lambda c: c.query(
                query_embeddings=cast("list[Sequence[float]]", list(vectors)),
                n_results=n_results,
                where=where,
                include=["documents", "metadatas", "distances"],
            ),
        )
        return [hits_from_response(response, row) for row in range(len(vectors))]

    def documents(self) -> list[DocumentInfo]:
        """Every indexed playbook with its chunk count, sorted by source (reads every passage's metadata)."""
        return documents_from_metadata(self._read("listing documents", include=["metadatas"])[1])

    def first_passages(self) -> list[dict[str, Any]]:
        """The metadata of each document's first passage (one row per document, not per passage)."""
        _, metadatas = self._read("listing documents", where={"chunk_index": 0}, include=["metadatas"])
        return metadatas

    def indexed(self) -> Indexed:
        """(document hashes, chunk ids) per source currently in the collection, read page by page."""
        ids, metadatas = self._read("reading the index", include=["metadatas"])
        return index_by_source(ids, metadatas)

    def indexed_sources(self, sources: Iterable[str]) -> Indexed:
        """(document hashes, chunk ids) of the given sources only, asked for a few hundred at a time."""
        wanted = sorted(set(sources))
        indexed: Indexed = {}
        for start in range(0, len(wanted), SOURCES_PER_GET):
            where = {"source": {"$in": wanted[start : start + SOURCES_PER_GET]}}
            ids, metadatas = self._read("reading the index", where=where, include=["metadatas"])
            indexed.update(index_by_source(ids, metadatas))
        return indexed

    def document_chunk_ids(self, where: dict[str, Any]) -> list[str]:
        """Ids of the chunks whose metadata matches `where` (one document's, by source)."""
        return self._read("finding a document", where=where, include=[])[0]

    def _read(self, action: str, **query: Any) -> tuple[list[str], list[dict[str, Any]]]:
        """Ids and metadatas of every row a `get` matches, READ_PAGE rows at a time, holding the store."""
        ids: list[str] = []
        metadatas: list[dict[str, Any]] = []
        with self.guard.hold():
            while True:
                got = self._run(action, partial(_get, limit=READ_PAGE, offset=len(ids), **query))
                ids.extend(got["ids"])
                metadatas.extend(dict(meta) for meta in got["metadatas"] or [])
                if len(got["ids"]) < READ_PAGE:
                    return ids, metadatas

    def unreadable_vectors(self, probes: Sequence[str] = (), samples: int = 16) -> int:
        """How many of a sample of passages (spread over the index, the last ones included) have no readable
        vector: Chroma answers searches from a vector file cut short with the wrong passages, but fails or
        returns zeros when asked for the lost vectors themselves. 0 for an empty or healthy index. The
        sample is `probes` (ids the manifest keeps) when given, else ids read at spread offsets."""
        picked = list(probes) or self.sample_ids(samples)
        if not picked:
            return 0
        got = self._run("checking the index", lambda c: c.get(ids=picked, include=["embeddings"]))
        stored = got["embeddings"] if got["embeddings"] is not None else []
        dimension = get_embedder(self.settings.embedding).dimension
        readable = [vector for vector in stored if vector is not None and sound_vector(vector, dimension)]
        return len(picked) - len(readable)

    def sample_ids(self, samples: int) -> list[str]:
        """Ids at `samples` offsets spread over the collection, and the last three (one page each, so the
        cost does not grow with the ids' number as reading them all did, though each offset is a scan)."""
        total = self.count()
        if total == 0:
            return []
        step = max(1, total // samples)
        offsets = [(offset, 1) for offset in range(0, max(0, total - 3), step)] + [(max(0, total - 3), 3)]
        picked: set[str] = set()
        for offset, limit in offsets:
            got = self._run("checking the index", partial(_get, limit=limit, offset=offset, include=[]))
            picked.update(got["ids"])
        return sorted(picked)

    def delete(self, ids: list[str]) -> None:
        """Delete chunks by id, in batches Chroma accepts."""
        self._run("deleting chunks", partial(_delete, ids=ids))

    def upsert(self, batch: list[PlaybookChunk], vectors: list[list[float]]) -> None:
        """Write one batch of embedded chunks."""
        self._run("writing chunks", partial(_upsert, batch=batch, vectors=vectors))

    def drop(self) -> None:
        """Delete the collection (call holding the guard); an embedded store too broken for that is wiped."""
        from chromadb.errors import NotFoundError

        self._forget_stale_handles()
        try:
            with self._store_errors("dropping the collection"), suppress(NotFoundError):
                self._client().delete_collection(self.collection_name)
        except RetrievalError:
            if self.settings.chroma_url:
                raise
            self._wipe_embedded_store()
        finally:
            self.guard.mark_written()
        self._collection_handle = None

    def _run(self, action: str, operation: Callable[[Collection], T]) -> T:
        """Run a collection operation holding the store, reopening once if a rebuild replaced it."""
        from chromadb.errors import NotFoundError

        with self._store_errors(action), self.guard.hold():
            self._forget_stale_handles()
            try:
                return operation(self._collection())
            except NotFoundError:
                self._collection_handle = None
                return operation(self._collection())

    def _forget_stale_handles(self) -> None:
        """Drop handles opened before this process reloaded the store (another process wrote)."""
        if self._epoch != self.guard.epoch:
            self._client_handle = self._collection_handle = None
            self._epoch = self.guard.epoch

    def _collection(self) -> Collection:
        """The collection for this embedding, created in cosine space if missing (call holding the store)."""
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
                host, port, https = server_address(url)
                self._client_handle = chromadb.HttpClient(host=host, port=port, ssl=https, settings=options)
            else:
                self.settings.chroma_dir.mkdir(parents=True, exist_ok=True)
                self._client_handle = chromadb.PersistentClient(self._where, settings=options)
        return self._client_handle

    def _wipe_embedded_store(self) -> None:
        """Stop Chroma's cached system for this folder, then delete the folder."""
        _forget_embedded_store(self._where)
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
            raise store_error(action, exc, self._where, server=bool(self.settings.chroma_url)) from exc


def _forget_embedded_store(where: str) -> None:
    """Stop this process's cached Chroma system for the folder, so the next client reads the disk afresh."""
    from chromadb.api.shared_system_client import SharedSystemClient

    system = SharedSystemClient._identifier_to_system.pop(where, None)
    SharedSystemClient._identifier_to_refcount.pop(where, None)
    if system is not None:
        with suppress(Exception):  # a broken store may fail to stop cleanly
            system.stop()


def _get(collection: Collection, **query: Any) -> Any:
    """One page of a `get` (a function, so each page's arguments are bound when it is made)."""
    return collection.get(**query)


def _delete(collection: Collection, ids: list[str]) -> None:
    """Delete chunks in batches Chroma accepts."""
    for start in range(0, len(ids), DELETE_BATCH):
        collection.delete(ids=ids[start : start + DELETE_BATCH])


def _upsert(collection: Collection, batch: list[PlaybookChunk], vectors: list[list[float]]) -> None:
    """Write one batch of embedded chunks."""
    collection.upsert(
        ids=[chunk.id for chunk in batch],
        embeddings=cast("list[Sequence[float]]", vectors),
        documents=[chunk.text for chunk in batch],
        metadatas=[chunk.metadata for chunk in batch],
    )


def preload_client_library() -> None:
    """Import chromadb without opening anything: a parent that forks workers calls this so each
    worker inherits the imported modules instead of importing them again."""
    import chromadb
    import chromadb.config
    import chromadb.errors  # noqa: F401
