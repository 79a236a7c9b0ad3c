"""Query embeddings kept on disk, so a cold `qualify` need not load the model at all.

The engine's retrieval queries are templated (one per gap, verdict, role and industry), so a
few dozen vectors cover almost every run; loading them takes milliseconds where importing
sentence-transformers and torch takes seconds.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

MAX_PERSISTED = 512


class QueryVectorStore:
    """A JSON file of query -> vector for one embedding model; unreadable files are ignored."""

    def __init__(self, path: Path, model: str, dimension: int) -> None:
        self.path = path
        self.model = model
        self.dimension = dimension

    def load(self) -> dict[str, tuple[float, ...]]:
        """Saved vectors, or nothing when the file is missing, corrupt or for another model."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("model") != self.model:
            return {}
        vectors = data.get("vectors", {})
        return {
            text: tuple(float(x) for x in vector)
            for text, vector in vectors.items()
            if isinstance(vector, list) and len(vector) == self.dimension
        }

    def save(self, vectors: dict[str, tuple[float, ...]]) -> None:
        """Write atomically (temp file, then rename) so concurrent runs never read half a file."""
        recent = dict(list(vectors.items())[-MAX_PERSISTED:])
        payload = {"model": self.model, "vectors": {t: list(v) for t, v in recent.items()}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".query-cache-")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(payload, file)
            os.replace(temp, self.path)
        except OSError:
            return  # a cache that cannot be written only costs speed
