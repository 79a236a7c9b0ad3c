"""What an ingest must delete and write, and what the index holds after, from what is known before it.

What is known comes from the manifest when it is sound (`Known.trusted`): then only the passages
of the documents being replaced or pruned are looked up in Chroma, by source. Otherwise (no
manifest, a Chroma server, an index the manifest does not match) the whole index is read back,
page by page, as before manifests existed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.library.documents import LoadResult, PlaybookChunk, PlaybookDocument, pruned_sources
from assistant.library.freshness import FileStamp
from assistant.library.manifest import Recorded, State, next_probes, state_of
from assistant.library.models import Indexed, IngestReport, changed_chunks

IdsOf = Callable[[Collection[str]], Indexed]
"""(document hashes, chunk ids) in the index for the given sources."""


@dataclass
class Known:
    """What the index holds before an ingest, and how to look up the passages of some sources."""

    state: State
    ids_of: IdsOf
    trusted: bool
    """True when `state` is the manifest's (sound); False when it was read back from the index."""
    probes: list[str] = field(default_factory=list)

    @staticmethod
    def read_back(indexed: Indexed, probes: list[str]) -> Known:
        """Known from the whole index, read passage by passage (and probes sampled from it)."""
        lookup: IdsOf = lambda sources: {s: indexed[s] for s in sources if s in indexed}  # noqa: E731
        return Known(state_of(indexed), lookup, trusted=False, probes=probes)


@dataclass
class IngestPlan:
    """Chunk ids to delete, chunks to write, the report, and what the index holds afterwards."""

    to_delete: list[str]
    to_write: list[PlaybookChunk]
    report: IngestReport
    state: State = field(default_factory=dict)
    probes: list[str] = field(default_factory=list)


def plan_ingest(
    loaded: LoadResult,
    known: Known,
    paths: Sequence[Path],
    *,
    prune: bool,
    unchanged: Collection[str] = (),
    stamps: dict[str, FileStamp] | None = None,
) -> IngestPlan:
    """Plan an ingest of `paths`: `loaded` are the documents read; `unchanged` the sources whose files
    were passed over unread (their stamps match the manifest's).

    Unchanged files are no-ops (same doc_hash and chunk ids); a changed file replaces all its
    chunks; with `prune`, indexed files under the given folders (or given by name) that no
    longer exist are removed, while files that failed to load keep their chunks.
    """
    stamps = stamps or {}
    documents = {doc.source: doc for doc in loaded.documents}
    unchanged = set(unchanged) - documents.keys()
    gone = _gone_sources(loaded, known, paths, documents.keys(), unchanged) if prune else []
    indexed = known.ids_of({*documents, *gone})
    to_delete, to_write = changed_chunks(documents.values(), indexed)
    to_delete.extend(i for source in gone for i in indexed.get(source, (set(), set()))[1])
    state = _next_state(known, documents.values(), gone, unchanged, stamps)
    chunks = sum(len(doc.chunks) for doc in documents.values()) + sum(
        known.state[s].chunks for s in unchanged
    )
    report = IngestReport(
        documents=len(documents) + len(unchanged),
        chunks=chunks,
        added=len(to_write),
        unchanged=chunks - len(to_write),
        removed=len(to_delete),
        errors=loaded.errors,
    )
    probes = next_probes(known.probes, to_delete, [chunk.id for chunk in to_write])
    return IngestPlan(to_delete, to_write, report, state, probes)


def _gone_sources(
    loaded: LoadResult, known: Known, paths: Sequence[Path], read: Collection[str], unchanged: Collection[str]
) -> list[str]:
    """Indexed sources under the given paths whose files are gone, or whose links are now refused;
    files that failed to load keep their chunks."""
    seen = set(read) | set(unchanged) | loaded.failed_sources
    gone = pruned_sources(paths, known.state.keys() - seen)
    gone += sorted((loaded.refused_sources & known.state.keys()) - set(read) - set(gone))
    return gone


def _next_state(
    known: Known,
    documents: Iterable[PlaybookDocument],
    gone: list[str],
    unchanged: set[str],
    stamps: dict[str, FileStamp],
) -> dict[str, Recorded]:
    """What the manifest records after this ingest: each kept document's hash, count and file stamp."""
    state = {source: recorded for source, recorded in known.state.items() if source not in gone}
    for source in unchanged:
        state[source] = replace(known.state[source], file=stamps.get(source))
    for doc in documents:
        state.pop(doc.source, None)
        if doc.chunks:
            state[doc.source] = Recorded(doc.doc_hash, len(doc.chunks), stamps.get(doc.source))
    return state
