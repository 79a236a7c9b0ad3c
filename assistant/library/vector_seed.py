"""Vectors shipped with the code: the shipped playbooks' passages and every templated query.

A first run indexes the shipped playbooks and a cold `qualify`, `handoff` or `renewal` embeds
its templated queries; with these vectors neither loads the model. The file is built from the
repository by `scripts/build_vector_seed.py` (keys are SHA-256 digests of the exact text the
embedder is given); `tests/library/test_vector_seed.py` fails when a playbook or a query
template changes without a rebuild, and checks a sample against the model itself. Texts the
seed does not hold (an edited playbook, an uploaded one, a new query) are embedded as usual.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

import numpy as np

SEED_DIR = Path(__file__).parent / "seed"
_SEEDS: dict[str, VectorSeed] = {}
_LOCK = threading.Lock()


def digest(text: str) -> str:
    """The seed's key for a text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class VectorSeed:
    """A read-only digest -> vector table for one embedding, loaded on first lookup."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._rows: dict[str, int] | None = None
        self._vectors: np.ndarray[Any, np.dtype[np.float32]] | None = None

    def lookup(self, texts: list[str]) -> dict[int, list[float]]:
        """Vectors for the positions of `texts` the seed holds."""
        rows = self._load()
        found: dict[int, list[float]] = {}
        for position, text in enumerate(texts):
            row = rows.get(digest(text))
            if row is not None and self._vectors is not None:
                found[position] = self._vectors[row].tolist()
        return found

    def __len__(self) -> int:
        return len(self._load())

    def _load(self) -> dict[str, int]:
        if self._rows is None:
            try:
                with np.load(self.path) as data:
                    keys, vectors = data["digests"], data["vectors"]
            except (OSError, ValueError, KeyError):
                keys, vectors = np.array([], dtype="U64"), np.zeros((0, 0), dtype=np.float32)
            self._vectors = vectors.astype(np.float32)
            self._rows = {str(key): row for row, key in enumerate(keys)}
        return self._rows


def seed_path(embedding: str) -> Path:
    """Where the seed for an embedding lives (only MiniLM has one: hashing costs nothing)."""
    return SEED_DIR / f"{embedding}.npz"


def seed_for(embedding: str) -> VectorSeed:
    """The process-wide seed of an embedding (empty when the file is missing or unreadable)."""
    with _LOCK:
        if embedding not in _SEEDS:
            _SEEDS[embedding] = VectorSeed(seed_path(embedding))
        return _SEEDS[embedding]
