"""Persisted query vectors: a cold run reuses them; bad files cost speed, never correctness."""

from __future__ import annotations

from pathlib import Path

from assistant.library.embeddings import HashingEmbedder
from assistant.library.query_cache import QueryVectorStore


def test_round_trip_and_reuse(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    first = HashingEmbedder()
    first.persist_queries(QueryVectorStore(path, first.name, first.dimension))
    vectors = first.embed_queries(["budget questions", "timeline questions"])
    assert path.exists()

    class Counting(HashingEmbedder):
        calls = 0

        def embed(self, texts: list[str]) -> list[list[float]]:
            Counting.calls += len(texts)
            return super().embed(texts)

    second = Counting()
    second.persist_queries(QueryVectorStore(path, second.name, second.dimension))
    again = second.embed_queries(["budget questions", "timeline questions", "new one"])
    assert Counting.calls == 1, "only the unseen query is embedded"
    assert [list(v) for v in again[:2]] == [list(v) for v in vectors]


def test_corrupt_or_foreign_files_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    path.write_text("{not json", encoding="utf-8")
    assert QueryVectorStore(path, "hashing", 1024).load() == {}
    path.write_text('{"model": "other", "vectors": {"a": [1.0]}}', encoding="utf-8")
    assert QueryVectorStore(path, "hashing", 1024).load() == {}
    path.write_text('{"model": "hashing", "vectors": {"a": [1.0]}}', encoding="utf-8")
    assert QueryVectorStore(path, "hashing", 1024).load() == {}, "wrong dimension is dropped"


def test_unwritable_location_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    QueryVectorStore(blocker / "q.json", "hashing", 3).save({"a": (1.0, 0.0, 0.0)})
