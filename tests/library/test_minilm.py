"""The NumPy MiniLM gives sentence-transformers' vectors, and the embedder never imports torch."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from assistant.library.embeddings import MINILM_DIMENSION, get_embedder, load_minilm, minilm_model_path

TEXTS = [
    "who approves the budget",
    "Hospital budgets: ask which committee approves capital spend before the fiscal year.",
    "¿Quién firma la compra y cuándo se decide?",
    "SOC 2 Type II, HIPAA BAA, data residency in the EU",
    "word " * 400,  # past the 256-token window: cut like sentence-transformers cuts it
    "a",
    "",
]


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    sentence_transformers = pytest.importorskip("sentence_transformers")
    model = sentence_transformers.SentenceTransformer(str(minilm_model_path()), device="cpu")
    vectors: np.ndarray = model.encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    return vectors


def test_vectors_match_sentence_transformers(reference: np.ndarray) -> None:
    ours = load_minilm().encode(TEXTS)
    assert ours.shape == (len(TEXTS), MINILM_DIMENSION)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() > 0.9999, cosines
    assert np.abs(ours - reference).max() < 1e-4


def test_batches_sorted_by_length_keep_the_input_order(reference: np.ndarray) -> None:
    ours = np.array(get_embedder("minilm").embed(TEXTS))
    assert ((ours * reference).sum(axis=1) > 0.9999).all()


def test_embedding_a_query_imports_neither_torch_nor_sentence_transformers() -> None:
    code = (
        "import sys; from assistant.library.embeddings import get_embedder; "
        "get_embedder('minilm').embed(['who approves the budget']); "
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"
