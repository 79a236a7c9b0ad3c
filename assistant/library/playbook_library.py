"""The playbook library: ingests playbooks and finds passages; its Chroma calls are in `store`.

The library embeds passages and queries here, and keeps the index in line with the playbook
files; `ChromaCollection` (assistant/library/store.py) holds the store's guard around each call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.library.answers import answer_key, index_state, keep_answer, load_answer
from assistant.library.documents import PlaybookChunk, load_many, source_for, where_filter
from assistant.library.embeddings import EmbeddingError, get_embedder
from assistant.library.filtered_search import nearest_matching
from assistant.library.freshness import Freshness
from assistant.library.ingest_plan import IngestPlan, Known, plan_ingest
from assistant.library.manifest import PROBES, IngestLedger, State, next_probes
from assistant.library.models import (
    REBUILD_HINT,
    DocumentInfo,
    IndexStorageError,
    IngestReport,
    PlaybookHit,
    RetrievalError,
    documents_from_metadata,
)
from assistant.library.query_cache import BoundedCache, QueryVectorStore
from assistant.library.store import WRITE_BATCH, ChromaCollection
from assistant.library.store_files import remove_unused_segments
from assistant.settings import Settings

Progress = Callable[[int, int], None]

__all__ = [  # the public names, including those defined in assistant.library.models
    "REBUILD_HINT",
    "DocumentInfo",
    "IndexStorageError",
    "IngestReport",
    "PlaybookHit",
    "PlaybookLibrary",
    "Progress",
    "RetrievalError",
]


SEARCH_CACHE_SIZE = 2_048


class PlaybookLibrary:
    """Index of playbook passages in Chroma, searchable by meaning with metadata filters."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.collection_name = f"{settings.collection}-{settings.embedding}"
        self._embedder = get_embedder(settings.embedding)
        self._kept = QueryVectorStore(
            settings.data_dir / f"query-vectors-{settings.embedding}.sqlite3",
            self._embedder.name,
            self._embedder.dimension,
        )
        if settings.embedding == "minilm":  # hashing vectors cost less to make than to look up
            self._embedder.persist_queries(self._kept)
        self._store = ChromaCollection(settings, self.collection_name)
        self._ledger = (
            None if settings.chroma_url else IngestLedger(settings.chroma_dir, self.collection_name)
        )
        self._checked_epoch: int | None = None
        self._answers: BoundedCache[tuple[object, ...], tuple[tuple[PlaybookHit, ...], ...]] = BoundedCache(
            SEARCH_CACHE_SIZE
        )

    @property
    def read_only(self) -> str | None:
        """Why the index's folder cannot take writes, while a temporary copy of it is searched; else None."""
        return self._store.read_only

    def verify(self) -> None:
        """Refuse an index that is not what the last ingest wrote: an unfinished ingest, a passage count off,
        or passages whose vectors cannot be read (a truncated vector file). Checked once per store change."""
        with self._store.guard.hold():
            if self._checked_epoch == self._store.guard.epoch:
                return
            count = self._store.count()
            problem = self._ledger.problem(count) if self._ledger else None
            probes = self._ledger.probes() if self._ledger else []
            if problem is None and count and (wrong := self._store.unreadable_vectors(probes=probes)):
                problem = (
                    f"The playbook index at {self.settings.chroma_dir} is damaged: {wrong} of the passages it "
                    f"was asked for have no readable vector (a vector file cut short?), so searches would "
                    f"return the wrong passages. To fix it, {REBUILD_HINT}."
                )
            if problem is not None:
                raise RetrievalError(problem)
            self._checked_epoch = self._store.guard.epoch

    def count(self) -> int:
        """Number of chunks in the index."""
        return self._store.count()

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
        """Hits per query from one embedding call and one Chroma query; blank queries get [].

        Answers are remembered per (queries, filters, the index's write stamp): a batch asks the
        same few templated queries for note after note, and a write anywhere changes the stamp."""
        stamp = self._store.guard.current_stamp()
        key = (stamp, tuple(queries), k, kind, industry, product)
        if stamp is not None and (known := self._answers.get(key)) is not None:
            return [list(row) for row in known]
        state = index_state(stamp, self.settings.chroma_dir) if self._ledger and not self.read_only else None
        kept = answer_key(state, self.collection_name, queries, key[2:]) if state else None
        results = (load_answer(self._kept, kept) if kept else None) or self._search(
            queries, k=k, kind=kind, industry=industry, product=product
        )
        if kept:
            keep_answer(self._kept, kept, results)
        if stamp is not None:
            self._answers.put(key, tuple(tuple(row) for row in results))
        return results

    def _search(
        self,
        queries: Sequence[str],
        *,
        k: int | None,
        kind: str | None,
        industry: str | None,
        product: str | None,
    ) -> list[list[PlaybookHit]]:
        results: list[list[PlaybookHit]] = [[] for _ in queries]
        self.verify()
        asked = [i for i, q in enumerate(queries) if q.strip()]
        vectors = self._embed([queries[i] for i in asked], queries=True) if asked else []
        live = [(i, v) for i, v in zip(asked, vectors, strict=True) if any(v)]
        if not live:
            return results
        where = where_filter(kind=kind, industry=industry, product=product)
        hits = nearest_matching(self._store, [v for _, v in live], k or self.settings.retrieval_k, where)
        for row, (position, _) in enumerate(live):
            results[position] = hits[row]
        return results

    def prepare_queries(self, queries: Sequence[str]) -> None:
        """Embed queries ahead of use into the query store (shipped vectors cost nothing)."""
        if queries:
            self._embed(list(queries), queries=True)

    def documents(self) -> list[DocumentInfo]:
        """Every indexed playbook with its chunk count, sorted by source. With a sound manifest only each
        document's first passage is read (the counts are the manifest's); else every passage, page by page."""
        self.verify()
        with self._store.guard.hold():
            recorded = self._ledger.recorded(self._store.count()) if self._ledger else None
            if recorded is not None:
                firsts = self._store.first_passages()
                if len(firsts) == len(recorded) and {str(m.get("source")) for m in firsts} == recorded.keys():
                    return documents_from_metadata(firsts, {s: r.chunks for s, r in recorded.items()})
            return self._store.documents()

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
        with self._store.guard.hold():
            self._refuse_writes()
            if rebuild:
                self._begin()
                self._store.drop()
            known = self._known()
            fresh = Freshness({s: r.file for s, r in known.state.items()} if known.trusted else {})
            loaded = load_many(paths, fresh.unchanged)
            plan = plan_ingest(
                loaded, known, paths, prune=prune, unchanged=fresh.unchanged_sources, stamps=fresh.stamps
            )
            if plan.to_delete or plan.to_write:
                self._begin()
            self._write(plan.to_delete, plan.to_write, progress)
            if rebuild or self._changes(plan, known):
                self._finish(plan.state, plan.probes, rebuild=rebuild)
        return plan.report

    def _changes(self, plan: IngestPlan, known: Known) -> bool:
        """Whether the manifest must be written: passages, stamps or probes changed, or it was not sound."""
        if plan.to_delete or plan.to_write or not known.trusted or plan.state != known.state:
            return True
        return self._ledger is not None and plan.probes != self._ledger.probes()

    def looks_indexed(self) -> bool:
        """Whether an ingest has finished into this store, read from its manifest without opening
        Chroma (a cold job that the stored answers serve then never imports it); else asks Chroma."""
        store_files = self.settings.chroma_dir.is_dir() and any(self.settings.chroma_dir.iterdir())
        if self._ledger is not None and not self.read_only and store_files and self._ledger.recorded_chunks():
            return True
        return self.count() > 0

    def ensure_ready(self) -> IngestReport | None:
        """Index the shipped playbooks on first use; None when the index already has chunks (and is sound)."""
        if self.count() > 0:
            self.verify()
            return None
        return self.ingest([self.settings.playbooks_dir])

    def delete_document(self, source: str) -> int:
        """Remove one playbook's chunks, named by source or by a path; returns how many."""
        where: dict[str, Any] = {"source": {"$in": list({source, source_for(Path(source))})}}
        with self._store.guard.hold():
            self._refuse_writes()
            ids = self._store.document_chunk_ids(where)
            known = self._known()
            if ids:
                self._begin()
            self._write(ids, [], None)
            state = {s: r for s, r in known.state.items() if s not in where["source"]["$in"]}
            self._finish(state, next_probes(known.probes, ids, []), rebuild=False)
            return len(ids)

    def _known(self) -> Known:
        """What the index holds: the manifest's record when it is sound, else the index read back."""
        recorded = self._ledger.recorded(self._store.count()) if self._ledger else None
        if recorded is not None and self._ledger is not None:
            probes = self._ledger.probes()  # a manifest from before probes gets some, once
            return Known(
                recorded, self._store.indexed_sources, True, probes or self._store.sample_ids(PROBES)
            )
        return Known.read_back(self._store.indexed(), self._store.sample_ids(PROBES))

    def _refuse_writes(self) -> None:
        """An index searched from a temporary copy is never changed: the change would be lost."""
        if self.read_only:
            raise IndexStorageError(
                f"The playbook index at {self.settings.chroma_dir} cannot be changed: {self.read_only}. Nothing "
                "was indexed; the index is not damaged."
            )

    def _begin(self) -> None:
        """Mark an ingest under way, just before the index's first change: a crash from here on is noticed."""
        if self._ledger is not None:
            self._ledger.begin()

    def _finish(self, state: State, probes: list[str], *, rebuild: bool) -> None:
        """Record what the index now holds; after a rebuild, delete the old collection's segment folder."""
        if self._ledger is None:
            return
        self._ledger.finish(state, probes)
        self._checked_epoch = self._store.guard.epoch
        if rebuild:
            remove_unused_segments(self.settings.chroma_dir)

    def _write(self, to_delete: list[str], to_write: list[PlaybookChunk], progress: Progress | None) -> None:
        """Delete, then embed and upsert in batches, reporting progress after each batch."""
        if progress:
            progress(0, len(to_write))
        if not to_delete and not to_write:
            return
        try:
            if to_delete:
                self._store.delete(to_delete)
            for start in range(0, len(to_write), WRITE_BATCH):
                batch = to_write[start : start + WRITE_BATCH]
                vectors = self._embed([chunk.text for chunk in batch], queries=False)
                self._store.upsert(batch, vectors)
                if progress:
                    progress(start + len(batch), len(to_write))
        finally:
            self._store.guard.mark_written()

    def _embed(self, texts: list[str], *, queries: bool) -> list[list[float]]:
        """Embed passages or (LRU-cached) queries; a broken model install is a RetrievalError."""
        try:
            return self._embedder.embed_queries(texts) if queries else self._embedder.embed(texts)
        except EmbeddingError as exc:
            raise RetrievalError(str(exc)) from exc
