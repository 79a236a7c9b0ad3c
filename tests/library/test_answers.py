"""Search answers kept on disk: a cold process answers templated queries without Chroma, and any
change to the index (a write anywhere, a file cut short) makes it search again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from assistant.library.answers import answer_key, index_state, keep_answer, load_answer
from assistant.library.models import PlaybookHit
from assistant.library.query_cache import QueryVectorStore
from assistant.settings import PROJECT_ROOT

COLD_QUALIFY = """
import datetime as dt, json, sys
from assistant.runtime import Assistant
from assistant.settings import Settings
report = Assistant(Settings(embedding="hashing")).qualify(sys.stdin.read(), dt.date(2026, 11, 10))
payload = report.model_dump(mode="json")
payload["metadata"].pop("elapsed_ms", None)
print(json.dumps({"chromadb": "chromadb" in sys.modules, "report": payload}))
"""


def _cold(data_dir: Path) -> dict[str, object]:
    notes = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-c", COLD_QUALIFY],
        input=notes,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_second_process_answers_from_disk_without_importing_chromadb(tmp_path: Path) -> None:
    first, second = _cold(tmp_path), _cold(tmp_path)
    assert first["chromadb"] is True and second["chromadb"] is False
    assert second["report"] == first["report"] and first["report"]["citations"]  # type: ignore[index]


def test_the_index_state_changes_with_a_write_or_a_file_cut_short(tmp_path: Path) -> None:
    store = tmp_path / "chroma"
    (store / "segment").mkdir(parents=True)
    vectors = store / "segment" / "data_level0.bin"
    vectors.write_bytes(b"x" * 100)
    before = index_state("stamp-1", store)
    assert before is not None and before == index_state("stamp-1", store)
    assert index_state("stamp-2", store) != before, "another write"
    vectors.write_bytes(b"x" * 50)
    assert index_state("stamp-1", store) != before, "a vector file cut short"
    assert index_state(None, store) is None and index_state("s", tmp_path / "absent") is None


def test_answers_round_trip_and_damaged_ones_are_ignored(tmp_path: Path) -> None:
    kept = QueryVectorStore(tmp_path / "q.sqlite3", "hashing", 3)
    hit = PlaybookHit(
        source="playbooks/a.md", section="Budget", score=0.8, text="Ask who signs.", metadata={"kind": "x"}
    )
    key = answer_key("state", "playbooks-hashing", ["who signs"], [3, None, None, None])
    assert load_answer(kept, key) is None
    keep_answer(kept, key, [[hit], []])
    assert load_answer(kept, key) == [[hit], []]
    other = answer_key("state", "playbooks-hashing", ["who signs"], [5, None, None, None])
    assert other != key, "another k is another request"
    kept.add_answer(other, "{not json")
    assert load_answer(kept, other) is None
