"""Build assistant/library/seed/minilm.npz: MiniLM vectors of the shipped playbooks' passages and
of every templated retrieval query, so a first run and a cold job never load the model for them.

    python scripts/build_vector_seed.py

Run it after editing a shipped playbook, the rubric's industries or a query template;
tests/library/test_vector_seed.py fails until you do.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.knowledge.load import load_knowledge
from assistant.library.documents import load_many
from assistant.library.embeddings import load_minilm
from assistant.library.vector_seed import digest, seed_path
from assistant.runtime import templated_queries
from assistant.settings import Settings


def seed_texts(settings: Settings) -> list[str]:
    """The exact texts the embedder is given: each passage's text and each templated query."""
    passages = [
        chunk.text for document in load_many([settings.playbooks_dir]).documents for chunk in document.chunks
    ]
    queries = templated_queries(load_knowledge(settings.knowledge_dir))
    return list(dict.fromkeys([*passages, *queries]))


def main() -> None:
    texts = seed_texts(Settings())
    vectors = load_minilm().encode(texts).astype(np.float32)
    path = seed_path("minilm")
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, digests=np.array([digest(t) for t in texts]), vectors=vectors)
    print(f"{path}: {len(texts)} vectors, {path.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
