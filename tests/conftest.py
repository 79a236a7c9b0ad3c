"""Shared fixtures: the shipped knowledge, and settings that keep state in a temp dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant.knowledge import Knowledge, load_knowledge
from assistant.knowledge_schemas import Rubric
from assistant.settings import PROJECT_ROOT

KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
EVAL_CASES = PROJECT_ROOT.parent / "shared" / "eval" / "dev.yaml"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge(KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def rubric(knowledge: Knowledge) -> Rubric:
    return knowledge.rubric


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test writes to the user's real data directory."""
    data_dir = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
    return data_dir


LLM_MODEL = os.environ.get("ASSISTANT_TEST_MODEL", "openai/tiny")
LLM_API_BASE = os.environ.get("ASSISTANT_TEST_API_BASE", "http://127.0.0.1:8089/v1")


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, object]:
    """Cassettes replay the model's HTTP; keys never reach them; bodies must match exactly."""
    return {
        "filter_headers": ["authorization", "api-key", "x-api-key", "openai-organization"],
        "match_on": ["method", "scheme", "host", "port", "path", "body"],
        "decode_compressed_response": True,
    }
