"""The embedded index's folder as files: can it take writes, a read-only copy, and leftover segments.

Chroma writes to its folder even to count passages, so on a read-only data directory, or a
full disk, opening the index fails. `qualify` then searches a temporary copy of the index,
made once per process and removed at exit; nothing is indexed or saved while that lasts.

Each `playbooks ingest --rebuild` deletes the collection, but Chroma leaves the deleted
collection's vector segment folder (`<uuid>/`) on disk, so every rebuild leaked a copy of the
index; `remove_unused_segments` deletes the folders Chroma's own catalogue no longer names.
"""

from __future__ import annotations

import atexit
import errno
import os
import re
import shutil
import sqlite3
import tempfile
import threading
from contextlib import closing
from pathlib import Path

from assistant.errors import os_problem, storage_problem
from assistant.library.models import IndexStorageError

DATABASE = "chroma.sqlite3"
MAX_COPY_BYTES = 500_000_000
"""A larger index is not copied to be searched read-only: the report goes without passages instead."""
_SEGMENT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_COPIES: dict[Path, Path] = {}
_COPIES_LOCK = threading.Lock()


def write_problem(chroma_dir: Path) -> OSError | None:
    """Why the embedded index at `chroma_dir` cannot take writes (read-only, full, not permitted), or None."""
    if problem := storage_problem(chroma_dir):
        return problem
    lock = chroma_dir.with_name(f"{chroma_dir.name}.lock")
    for path in (chroma_dir.parent, chroma_dir, chroma_dir / DATABASE, lock):
        if path.exists() and not os.access(path, os.W_OK):
            return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    return None


def readable_copy(chroma_dir: Path, problem: str) -> Path:
    """A temporary copy of the index to search while its own folder cannot take writes (one per process)."""
    source = chroma_dir.resolve()
    with _COPIES_LOCK:
        if source in _COPIES and _COPIES[source].exists():
            return _COPIES[source]
        if not (source / DATABASE).is_file():
            raise IndexStorageError(
                f"The playbook index at {chroma_dir} cannot be created: {problem}. Point ASSISTANT_DATA_DIR "
                "at a writable folder, or free some space, and the playbooks are indexed on the next run."
            )
        size = sum(path.stat().st_size for path in source.rglob("*") if path.is_file())
        if size > MAX_COPY_BYTES:
            raise IndexStorageError(
                f"The playbook index at {chroma_dir} cannot be opened: {problem}, and at {size:,} bytes it is "
                "too large to search from a temporary copy. The index is not damaged: do not delete it."
            )
        _COPIES[source] = _copy(source, chroma_dir, problem)
        return _COPIES[source]


def _copy(source: Path, chroma_dir: Path, problem: str) -> Path:
    """Copy the index folder to a fresh temporary folder that is removed when the process ends."""
    try:
        folder = Path(tempfile.mkdtemp(prefix="sales-assistant-index-"))
    except OSError as exc:
        raise IndexStorageError(f"The playbook index at {chroma_dir} cannot be opened: {problem}") from exc
    atexit.register(shutil.rmtree, folder, True)
    try:
        shutil.copytree(source, folder / "chroma")
    except OSError as exc:
        raise IndexStorageError(
            f"The playbook index at {chroma_dir} cannot be opened: {problem}; nor can it be copied to "
            f"search it read-only ({os_problem(exc)}). The index is not damaged: do not delete it."
        ) from exc
    return folder / "chroma"


def unused_segments(chroma_dir: Path) -> list[Path]:
    """Segment folders Chroma's catalogue no longer names; none when the catalogue cannot be read."""
    database = chroma_dir / DATABASE
    if not database.is_file():
        return []
    try:
        with closing(sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)) as catalogue:
            named = {str(row[0]) for row in catalogue.execute("SELECT id FROM segments")}
    except sqlite3.Error:
        return []  # a layout we do not know: delete nothing
    if not named:
        return []
    return sorted(
        path
        for path in chroma_dir.iterdir()
        if path.is_dir() and _SEGMENT.match(path.name) and path.name not in named
    )


def remove_unused_segments(chroma_dir: Path) -> int:
    """Delete leftover segment folders (after a rebuild, holding the store); returns how many."""
    removed = 0
    for folder in unused_segments(chroma_dir):
        shutil.rmtree(folder, ignore_errors=True)
        removed += not folder.exists()
    return removed
