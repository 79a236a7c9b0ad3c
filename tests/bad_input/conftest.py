"""Each bad-input test gets copies of knowledge/ and playbooks/, its own data directory, the fast
hashing embedding, and the kind's settings, all through ASSISTANT_* variables as a user sets them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT
from tests.bad_input.cases import DIRECTORY, MISSING, Kind
from tests.bad_input.faults import Check, Env, apply, copy_tree

CALL = dt.date(2026, 11, 10)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _isolated_data_dir: Path) -> Env:
    made = Env(
        knowledge=copy_tree(PROJECT_ROOT / "knowledge", tmp_path / "knowledge"),
        playbooks=copy_tree(PROJECT_ROOT / "playbooks", tmp_path / "playbooks"),
        data_dir=_isolated_data_dir,
        files=tmp_path / "files",
    )
    made.files.mkdir()
    monkeypatch.setenv("ASSISTANT_KNOWLEDGE_DIR", str(made.knowledge))
    monkeypatch.setenv("ASSISTANT_PLAYBOOKS_DIR", str(made.playbooks))
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")
    return made


@pytest.fixture
def broken(env: Env, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> BrokenFor:
    return BrokenFor(env, monkeypatch, request)


class BrokenFor:
    """Applies a kind to the environment: its settings, then its fault."""

    def __init__(self, env: Env, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
        self.env, self._monkeypatch, self._request = env, monkeypatch, request

    def __call__(self, kind: Kind) -> Check:
        for name, value in kind.settings.items():
            self._monkeypatch.setenv(name, value)
        if kind.fault is None:
            return lambda: None
        return apply(kind.fault, self.env, self._monkeypatch, self._request)


def notes_path(env: Env, kind: Kind) -> Path:
    """Where the kind's file lies (a folder or nothing for those two kinds)."""
    data = kind.file_bytes()
    assert data is not None
    path = env.files / kind.name
    if data == DIRECTORY:
        path.mkdir()
    elif data != MISSING:
        path.write_bytes(data)
    return path


def baseline(env: Env, notes: str) -> dict[str, object]:
    """Verdict, score and statuses the clean notes get in this environment."""
    report = Assistant(env.settings()).qualify(notes, CALL)
    return verdict_of(report.model_dump(mode="json"))


def verdict_of(report: dict[str, object]) -> dict[str, object]:
    criteria = report["criteria"]
    assert isinstance(criteria, dict)
    return {
        "verdict": report["verdict"],
        "score": report["score"],
        "statuses": {name: result["status"] for name, result in criteria.items()},
    }
