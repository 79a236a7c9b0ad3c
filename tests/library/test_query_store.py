"""Persisted query vectors: a cold run reuses them; bad files cost speed, never correctness."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from assistant.library.embeddings import HashingEmbedder
from assistant.library.query_cache import QueryVectorStore


class Counting(HashingEmbedder):
    """A hashing embedder that counts the texts it really computes."""

    def __init__(self) -> None:
        super().__init__()
        self.computed = 0

    def _compute(self, texts: list[str]) -> list[list[float]]:
        self.computed += len(texts)
        return super()._compute(texts)


def test_round_trip_and_reuse(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    first = Counting()
    first.persist_queries(QueryVectorStore(path, first.name, first.dimension))
    vectors = first.embed_queries(["budget questions", "timeline questions"])
    assert path.exists() and first.computed == 2
    second = Counting()
    second.persist_queries(QueryVectorStore(path, second.name, second.dimension))
    again = second.embed_queries(["budget questions", "timeline questions", "new one"])
    assert second.computed == 1, "only the unseen query is embedded"
    for stored, original in zip(again[:2], vectors, strict=True):
        assert stored == pytest.approx(original, abs=1e-6)  # stored as float32


def test_a_new_query_is_one_appended_row(tmp_path: Path) -> None:
    store = QueryVectorStore(tmp_path / "q.sqlite3", "hashing", 3)
    for number in range(300):
        store.add({f"query {number}": (1.0, 0.0, float(number))})
    store.add({"query 5": (9.0, 9.0, 9.0)})  # a stored text is kept as it was
    assert store.get_many(["query 5", "query 299", "never asked"]) == {
        "query 5": (1.0, 0.0, 5.0),
        "query 299": (1.0, 0.0, 299.0),
    }
    store.close()
    with sqlite3.connect(tmp_path / "q.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM vectors").fetchone() == (300,)


def test_lookups_past_the_sql_variable_limit(tmp_path: Path) -> None:
    store = QueryVectorStore(tmp_path / "q.sqlite3", "hashing", 1)
    store.add({f"q{i}": (float(i),) for i in range(40_000)})
    found = store.get_many([f"q{i}" for i in range(40_000)])
    assert len(found) == 40_000 and found["q39999"] == (39999.0,)


def test_corrupt_or_foreign_files_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    path.write_text("{not a database", encoding="utf-8")
    damaged = QueryVectorStore(path, "hashing", 3)
    assert damaged.get_many(["a"]) == {}
    damaged.add({"a": (1.0, 0.0, 0.0)})  # skipped, not raised
    other = tmp_path / "other.sqlite3"
    QueryVectorStore(other, "other-model", 3).add({"a": (1.0, 0.0, 0.0)})
    assert QueryVectorStore(other, "hashing", 3).get_many(["a"]) == {}, "another model's vectors"
    assert QueryVectorStore(other, "other-model", 2).get_many(["a"]) == {}, "wrong dimension is dropped"


def test_unwritable_location_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    store = QueryVectorStore(blocker / "q.sqlite3", "hashing", 3)
    store.add({"a": (1.0, 0.0, 0.0)})
    assert store.get_many(["a"]) == {}


def _append(path: Path, worker: int) -> None:
    store = QueryVectorStore(path, "hashing", 2)
    for number in range(100):
        store.add({f"w{worker}-{number}": (float(worker), float(number))})


def test_processes_append_to_one_file(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    workers = [multiprocessing.get_context("spawn").Process(target=_append, args=(path, w)) for w in range(3)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
    found = QueryVectorStore(path, "hashing", 2).get_many([f"w{w}-{n}" for w in range(3) for n in range(100)])
    assert len(found) >= 250, "a writer that waits past the busy timeout skips that row (speed only)"
