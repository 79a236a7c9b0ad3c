"""Shipped vectors: current with the repository, equal to the model's, and enough for a first run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from assistant.library.embeddings import load_minilm
from assistant.library.vector_seed import VectorSeed, digest, seed_for, seed_path
from assistant.settings import PROJECT_ROOT, Settings
from scripts.build_vector_seed import seed_texts

REBUILD = "run `python scripts/build_vector_seed.py` after editing a shipped playbook or a query template"


def test_the_seed_holds_every_shipped_passage_and_templated_query() -> None:
    texts = seed_texts(Settings())
    missing = [text[:60] for text, found in zip(texts, _held(texts), strict=True) if not found]
    assert not missing, f"{len(missing)} texts have no shipped vector ({missing[:3]}): {REBUILD}"


def _held(texts: list[str]) -> list[bool]:
    found = seed_for("minilm").lookup(texts)
    return [i in found for i in range(len(texts))]


def test_shipped_vectors_are_the_models_vectors() -> None:
    texts = seed_texts(Settings())[::10]
    shipped = seed_for("minilm").lookup(texts)
    live = load_minilm().encode(texts)
    cosines = [float(np.dot(shipped[i], live[i])) for i in range(len(texts))]
    assert min(cosines) > 0.9999, REBUILD


def test_a_missing_or_damaged_seed_is_empty_not_an_error(tmp_path: Path) -> None:
    assert VectorSeed(tmp_path / "absent.npz").lookup(["a"]) == {}
    (tmp_path / "bad.npz").write_bytes(b"not a zip")
    assert len(VectorSeed(tmp_path / "bad.npz")) == 0
    assert digest("a") != digest("a ") and seed_path("minilm").is_file()


FIRST_RUN = """
import datetime as dt, json, sys
from assistant.library import embeddings
from assistant.runtime import Assistant
from assistant.settings import Settings
report = Assistant(Settings(embedding="minilm")).qualify(sys.stdin.read(), dt.date(2026, 11, 10))
print(json.dumps({"model_loaded": embeddings._MODEL is not None, "passages": len(report.citations)}))
"""


def test_a_first_run_on_shipped_playbooks_never_loads_the_model(tmp_path: Path) -> None:
    notes = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_RUN], input=notes, capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["model_loaded"] is False and result["passages"] > 0
