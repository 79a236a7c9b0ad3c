"""The README walkthrough with a model configured: qualify, handoff and renewal all through litellm.

The cassette under tests/cassettes/test_walkthrough_llm/ was recorded against llama.cpp's server
over the tiny Gemma 3 270M GGUF (scripts/record_cassettes.sh); CI replays it (record mode none).
The tiny model's answers are weak, so this proves the wiring and the labels: each job ran its
model call, verified what came back, and says which engine answered.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.handoff import TransitionBrief
from assistant.history import AccountHistory
from assistant.qualify.schemas import QualificationReport
from assistant.renewal.schemas import RenewalPlan
from assistant.settings import PROJECT_ROOT, load_settings
from tests.conftest import LLM_API_BASE, LLM_MODEL

EXAMPLES = PROJECT_ROOT / "examples"
ACCOUNT = "Halvorsen Regional Bank"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _llm_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")
    monkeypatch.setenv("ASSISTANT_MODEL", LLM_MODEL)
    monkeypatch.setenv("ASSISTANT_API_BASE", LLM_API_BASE)
    monkeypatch.setenv("ASSISTANT_MAX_RETRIES", "0")
    monkeypatch.setenv("ASSISTANT_TIMEOUT_S", "600")


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.vcr
def test_walkthrough_through_the_llm_engine() -> None:
    report = QualificationReport.model_validate_json(
        run(
            "qualify",
            "--save",
            "--account",
            ACCOUNT,
            str(EXAMPLES / "halvorsen-discovery-call.txt"),
            "--as-of",
            "2026-11-10",
            "--json",
        )
    )
    brief = TransitionBrief.model_validate_json(
        run(
            "handoff",
            ACCOUNT,
            "--notes",
            str(EXAMPLES / "halvorsen-won-deal-notes.md"),
            "--as-of",
            "2026-11-20",
            "--format",
            "json",
        )
    )
    plan = RenewalPlan.model_validate_json(
        run(
            "renewal",
            ACCOUNT,
            "--facts",
            str(EXAMPLES / "halvorsen-renewal-facts.yaml"),
            "--format",
            "json",
        )
    )
    engine = f"litellm:{LLM_MODEL}"
    for result in (report, brief, plan):
        assert result.engine == engine or any("offline" in w for w in result.warnings), result.warnings
    assert brief.metadata.llm is not None and brief.metadata.llm.calls >= 1
    assert plan.metadata.llm is not None and plan.metadata.llm.calls >= 1
    with AccountHistory.from_settings(load_settings()) as history:
        saved = {record.kind: record.engine for record in history.records(ACCOUNT)}
    assert saved["qualification"] == report.engine and saved["brief"] == brief.engine
    assert saved["renewal_plan"] == plan.engine
