"""What each ingest meant the embedded index to hold, so a half-written or damaged index is noticed.

Chroma gives no sign when its files are cut short or an ingest dies half way: searches simply
return fewer or wrong passages. So every write to the index is bracketed: `<store>.ingesting`
is written before the first change, and after the last one `<store>.manifest.json` records per
collection the passages it should now hold (per document: its hash and chunk count), written
atomically, and the marker is removed. On open, a marker still there (no ingest holds the store,
so none is running) or a passage count other than the manifest's is reported with the rebuild
command. An index built before manifests existed has none and is trusted until its next ingest.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assistant.errors import os_problem
from assistant.library.documents import PlaybookChunk
from assistant.library.models import REBUILD_HINT, Indexed, IndexStorageError
from assistant.text.files import atomic_write

MANIFEST_VERSION = 1
State = dict[str, tuple[str, set[str]]]
"""Per source: its document hash and the ids of its chunks."""


def intended_state(indexed: Indexed, to_delete: Iterable[str], to_write: Iterable[PlaybookChunk]) -> State:
    """What the index holds once `to_delete` are deleted and `to_write` written, per source."""
    gone = set(to_delete)
    state: State = {}
    for source, (hashes, ids) in indexed.items():
        if ids - gone:
            state[source] = (min(hashes, default=""), ids - gone)
    for chunk in to_write:
        source, doc_hash = str(chunk.metadata["source"]), str(chunk.metadata["doc_hash"])
        kept = state[source][1] if source in state and state[source][0] == doc_hash else set()
        state[source] = (doc_hash, kept | {chunk.id})
    return state


class IngestLedger:
    """The marker and manifest of one embedded store (`chroma_dir`), for one collection."""

    def __init__(self, chroma_dir: Path, collection: str) -> None:
        self.store = chroma_dir
        self.collection = collection
        self.manifest = chroma_dir.with_name(f"{chroma_dir.name}.manifest.json")
        self.marker = chroma_dir.with_name(f"{chroma_dir.name}.ingesting")

    def begin(self) -> None:
        """Say an ingest is under way, before the index changes (call holding the store)."""
        started = {"collection": self.collection, "pid": os.getpid(), "started": _now()}
        self._write(self.marker, started)

    def finish(self, state: State) -> None:
        """Record what the index now holds, then remove the marker (call holding the store)."""
        manifest = self._read() or {"version": MANIFEST_VERSION, "collections": {}}
        documents = {source: {"hash": h, "chunks": len(ids)} for source, (h, ids) in sorted(state.items())}
        chunks = len(set().union(*(ids for _, ids in state.values())))
        manifest["collections"][self.collection] = {
            "chunks": chunks,
            "documents": documents,
            "written": _now(),
        }
        self._write(self.manifest, manifest)
        self.marker.unlink(missing_ok=True)

    def problem(self, count: int) -> str | None:
        """Why the index cannot be trusted (an unfinished ingest, a passage count off), or None."""
        started = _json(self.marker)
        if started is not None and started.get("collection", self.collection) == self.collection:
            return (
                f"The playbook index at {self.store} is incomplete: an ingest started at "
                f"{started.get('started', '?')} did not finish (stopped, crashed or out of disk), so passages "
                f"may be missing. To fix it, {REBUILD_HINT}."
            )
        recorded = (self._read() or {}).get("collections", {}).get(self.collection)
        if not isinstance(recorded, dict) or recorded.get("chunks") == count:
            return None
        return (
            f"The playbook index at {self.store} holds {count} passages where the last ingest wrote "
            f"{recorded.get('chunks')}: its files were changed or cut short since. To fix it, {REBUILD_HINT}."
        )

    def _read(self) -> dict[str, Any] | None:
        manifest = _json(self.manifest)
        if manifest is None or manifest.get("version") != MANIFEST_VERSION:
            return None
        if not isinstance(manifest.get("collections"), dict):
            return None
        return manifest

    def _write(self, path: Path, content: dict[str, Any]) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, json.dumps(content, indent=1, sort_keys=True).encode("utf-8"))
        except OSError as exc:
            raise IndexStorageError(
                f"The playbook index at {self.store} was not changed: {os_problem(exc)}"
            ) from exc


def _json(path: Path) -> dict[str, Any] | None:
    """A JSON object from a file; None when it is missing or not one (a manifest cut short is no manifest)."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {} if path.name.endswith(".ingesting") else None  # a damaged marker still marks
    return content if isinstance(content, dict) else None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
