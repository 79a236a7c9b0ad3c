"""Shared fixtures: the shipped knowledge, and settings that keep state in a temp dir."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant.knowledge.load import Knowledge, load_knowledge
from assistant.knowledge.schemas import Rubric
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
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    """Cassettes live in tests/cassettes/<test module>/, wherever the test module sits."""
    return str(Path(__file__).parent / "cassettes" / request.module.__name__.rsplit(".", 1)[-1])


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, object]:
    """Cassettes replay the model's HTTP; keys never reach them; bodies must match exactly."""
    return {
        "filter_headers": ["authorization", "api-key", "x-api-key", "openai-organization"],
        "match_on": ["method", "scheme", "host", "port", "path", "body"],
        "decode_compressed_response": True,
    }


@pytest.fixture(params=["sqlite", "postgresql"])
def history_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty account-history database: SQLite in a temp dir, or a fresh PostgreSQL database.

    PostgreSQL comes from ASSISTANT_TEST_DATABASE_URL (a server where we may create databases);
    unset, those params skip, or fail when ASSISTANT_REQUIRE_POSTGRES=1 (CI). Each test gets its
    own uniquely named database, dropped afterwards, so tests never see each other's rows.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'history.sqlite3'}"
        return
    server = os.environ.get("ASSISTANT_TEST_DATABASE_URL")
    if not server:
        reason = "ASSISTANT_TEST_DATABASE_URL is unset: no PostgreSQL server for the history tests"
        if os.environ.get("ASSISTANT_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason + " (ASSISTANT_REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    import sqlalchemy as sa

    from assistant.history.database import parse_url

    admin_url = parse_url(server)
    database = f"assistant_test_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{database}"')
        yield admin_url.set(database=database).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    finally:
        admin.dispose()


@pytest.fixture
def editable_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Copies of playbooks/ and knowledge/ a test may change, named by ASSISTANT_* (the UI reads env),
    with the fast hashing embedding; the shipped files are never touched."""
    import shutil

    playbooks, knowledge_dir = tmp_path / "playbooks", tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "playbooks", playbooks)
    shutil.copytree(KNOWLEDGE_DIR, knowledge_dir)
    monkeypatch.setenv("ASSISTANT_PLAYBOOKS_DIR", str(playbooks))
    monkeypatch.setenv("ASSISTANT_KNOWLEDGE_DIR", str(knowledge_dir))
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")
    return playbooks, knowledge_dir
