"""What each ingest meant the embedded index to hold, so a half-written or damaged index is noticed.

Chroma gives no sign when its files are cut short or an ingest dies half way: searches simply
return fewer or wrong passages. So every write to the index is bracketed: `<store>.ingesting`
is written before the first change, and after the last one `<store>.manifest.json` records per
collection the passages it should now hold (per document: its hash and chunk count), written
atomically, and the marker is removed. On open, a marker still there (no ingest holds the store,
so none is running) or a passage count other than the manifest's is reported with the rebuild
command. An index built before manifests existed has none and is trusted until its next ingest.

The manifest is also what makes a re-ingest incremental: when it is sound (no marker, and the
index holds the passages it says), an ingest takes each document's hash, chunk count and file
stamp (assistant/library/freshness.py) from it instead of reading every passage's metadata back
from Chroma, and reads only the files whose stamp moved.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import os_problem
from assistant.library.freshness import FileStamp
from assistant.library.models import REBUILD_HINT, Indexed, IndexStorageError
from assistant.text.files import atomic_write

MANIFEST_VERSION = 1
PROBES = 16
"""Passage ids the manifest keeps for `verify` to read the vectors of."""


@dataclass(frozen=True)
class Recorded:
    """One indexed document as the manifest records it."""

    hash: str
    chunks: int
    file: FileStamp | None = None


State = dict[str, Recorded]
"""Per source: its document hash, its passage count and the stamp of the file it was read from."""


def state_of(indexed: Indexed) -> State:
    """The state of an index read back passage by passage (when no sound manifest says it)."""
    return {source: Recorded(min(hashes, default=""), len(ids)) for source, (hashes, ids) in indexed.items()}


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

    def finish(self, state: State, probes: Sequence[str] = ()) -> None:
        """Record what the index now holds (and a few passage ids to check its vectors by), then remove
        the marker (call holding the store)."""
        manifest = self._read() or {"version": MANIFEST_VERSION, "collections": {}}
        documents = {source: _entry(recorded) for source, recorded in sorted(state.items())}
        manifest["collections"][self.collection] = {
            "chunks": sum(recorded.chunks for recorded in state.values()),
            "documents": documents,
            "probes": list(probes),
            "written": _now(),
        }
        self._write(self.manifest, manifest)
        self.marker.unlink(missing_ok=True)

    def recorded(self, count: int) -> State | None:
        """What the last ingest recorded, when the index is sound and holds `count` passages as it says;
        None when it cannot be trusted (or there is no manifest): then the index itself must be read."""
        if self.problem(count) is not None:
            return None
        collection = (self._read() or {}).get("collections", {}).get(self.collection)
        documents = collection.get("documents") if isinstance(collection, dict) else None
        if not isinstance(documents, dict):
            return None
        state: State = {}
        for source, entry in documents.items():
            if not isinstance(entry, dict) or not isinstance(entry.get("hash"), str):
                return None
            if not isinstance(entry.get("chunks"), int) or entry["chunks"] < 1:
                return None
            state[source] = Recorded(entry["hash"], entry["chunks"], FileStamp.from_json(entry.get("file")))
        return state if sum(r.chunks for r in state.values()) == count else None

    def recorded_chunks(self) -> int:
        """Passages the last finished ingest recorded (0 with no manifest or an unfinished ingest),
        read from the files alone: whether the index holds what it says is `problem`'s to judge."""
        if _json(self.marker) is not None:
            return 0
        collection = (self._read() or {}).get("collections", {}).get(self.collection)
        chunks = collection.get("chunks") if isinstance(collection, dict) else None
        return chunks if isinstance(chunks, int) else 0

    def probes(self) -> list[str]:
        """Passage ids spread over the index in the order they were written, the last ones included
        (see `next_probes`); [] when the manifest has none."""
        collection = (self._read() or {}).get("collections", {}).get(self.collection)
        probes = collection.get("probes") if isinstance(collection, dict) else None
        return [str(p) for p in probes] if isinstance(probes, list) else []

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
            atomic_write(path, json.dumps(content, sort_keys=True, separators=(",", ":")).encode("utf-8"))
        except OSError as exc:
            raise IndexStorageError(
                f"The playbook index at {self.store} was not changed: {os_problem(exc)}"
            ) from exc


def next_probes(before: Sequence[str], deleted: Iterable[str], written: Sequence[str]) -> list[str]:
    """The probes after an ingest: those still in the index, then some of the passages written (in
    the order written, so the last ones, at the end of the vector file, are always among them)."""
    gone = set(deleted)
    kept = [probe for probe in before if probe not in gone]
    probes = (
        kept + [i for i in written[:: max(1, len(written) // PROBES)] if i not in kept] + list(written[-3:])
    )
    probes = list(dict.fromkeys(probes))
    if len(probes) <= PROBES:
        return probes
    head = probes[:-3]
    return head[:: -(-len(head) // (PROBES - 3))] + probes[-3:]


def _entry(recorded: Recorded) -> dict[str, Any]:
    entry: dict[str, Any] = {"hash": recorded.hash, "chunks": recorded.chunks}
    if recorded.file is not None:
        entry["file"] = recorded.file.as_json()
    return entry


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
