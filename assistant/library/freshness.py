"""Which playbook files are unchanged since the last ingest, told without parsing them.

Re-ingesting a library of 100,000 passages used to read and chunk every file to find the one
that changed. The manifest (assistant/library/manifest.py) now keeps, per document, a stamp of
the file it was read from: its size and modification time (with its PDF/DOCX sidecar's), and a
SHA-256 of its bytes (and the sidecar's, and the chunker version). A file whose size and time
match is not opened; one whose time moved but whose bytes hash the same is not parsed; only the
rest are read and chunked. A time is trusted only when it was at least `RACY_S` old when
recorded: a file rewritten within the same clock tick at the same size would otherwise look
unchanged (git calls such entries "racily clean"), so it is hashed on the next ingest instead.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.library.documents import CHUNKER_VERSION, source_for
from assistant.library.front_matter import BINARY_SUFFIXES, sidecar_path

RACY_S = 2.0
Stat = tuple[int, int, int, int]
"""(size, mtime in ns) of the file, then of its sidecar ((-1, -1) when it has none)."""


@dataclass(frozen=True)
class FileStamp:
    """What a document was read from: its stat (None when too recent to trust) and its bytes' hash."""

    stat: Stat | None
    digest: str

    def as_json(self) -> dict[str, Any]:
        return {"stat": list(self.stat) if self.stat else None, "sha256": self.digest}

    @staticmethod
    def from_json(value: object) -> FileStamp | None:
        """The stamp a manifest recorded; None for anything else (a stamp we cannot read is no stamp)."""
        if not isinstance(value, dict) or not isinstance(value.get("sha256"), str):
            return None
        stat = value.get("stat")
        if isinstance(stat, list) and len(stat) == 4 and all(isinstance(n, int) for n in stat):
            return FileStamp((stat[0], stat[1], stat[2], stat[3]), value["sha256"])
        return FileStamp(None, value["sha256"])


def file_stat(path: Path) -> Stat:
    """Size and modification time of a playbook file and of its sidecar, if it is a PDF or DOCX."""
    own = os.stat(path)
    side: tuple[int, int] = (-1, -1)
    if path.suffix.lower() in BINARY_SUFFIXES:
        try:
            found = os.stat(sidecar_path(path))
            side = (found.st_size, found.st_mtime_ns)
        except OSError:
            pass
    return (own.st_size, own.st_mtime_ns, *side)


def file_digest(path: Path) -> str:
    """SHA-256 of the chunker version, the file's bytes and its sidecar's: what its passages come from."""
    digest = hashlib.sha256(CHUNKER_VERSION.encode() + b"\0" + path.read_bytes())
    if path.suffix.lower() in BINARY_SUFFIXES and sidecar_path(path).is_file():
        digest.update(b"\0sidecar\0" + sidecar_path(path).read_bytes())
    return digest.hexdigest()


class Freshness:
    """Per file of one ingest: unchanged since the recorded stamp or not, and the stamp to record now."""

    def __init__(self, recorded: dict[str, FileStamp | None]) -> None:
        self._recorded = recorded
        self.stamps: dict[str, FileStamp] = {}
        """Per source read or passed over in this ingest: the stamp the manifest should hold next."""
        self.unchanged_sources: set[str] = set()

    def unchanged(self, path: Path) -> bool:
        """True when the file need not be read: its stat, else its bytes, match what was recorded."""
        source = source_for(path)
        before = self._recorded.get(source)
        try:
            stat = file_stat(path)
            if before is not None and before.stat is not None and before.stat == stat:
                self.stamps[source] = before
                self.unchanged_sources.add(source)
                return True
            now = FileStamp(stat if _settled(stat) else None, file_digest(path))
        except OSError:
            return False  # reading it will say what is wrong
        self.stamps[source] = now
        if before is not None and before.digest == now.digest:
            self.unchanged_sources.add(source)
            return True
        return False


def _settled(stat: Stat) -> bool:
    """Whether both times are old enough that a later rewrite would move them."""
    newest = max(stat[1], stat[3])
    return time.time_ns() - newest > RACY_S * 1e9
