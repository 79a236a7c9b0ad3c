"""The README walkthrough through the CLI: qualify --save, then handoff and renewal, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.handoff import TransitionBrief
from assistant.history import AccountHistory
from assistant.renewal.account_points import ACCOUNT_SOURCES
from assistant.renewal.schemas import RenewalPlan
from assistant.settings import PROJECT_ROOT

EXAMPLES = PROJECT_ROOT / "examples"
CALL = EXAMPLES / "halvorsen-discovery-call.txt"
DEAL = EXAMPLES / "halvorsen-won-deal-notes.md"
FACTS = EXAMPLES / "halvorsen-renewal-facts.yaml"
ACCOUNT = "Halvorsen Regional Bank"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _history_env(history_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", history_url)


def invoke(*args: str) -> tuple[str, str]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def qualify_saved() -> None:
    invoke("qualify", "--save", "--account", ACCOUNT, str(CALL), "--as-of", "2026-11-10", "--json")


def test_handoff_cites_the_saved_call_and_the_deal_notes(history_url: str) -> None:
    qualify_saved()
    stdout, stderr = invoke(
        "handoff",
        "halvorsen regional bank inc.",
        "--notes",
        str(DEAL),
        "--as-of",
        "2026-11-20",
        "--format",
        "json",
    )
    brief = TransitionBrief.model_validate_json(stdout)
    assert brief.account == ACCOUNT  # the name as first saved, not the spelling typed
    kinds = {source.kind for source in brief.sources}
    assert kinds == {"call_notes", "deal_notes", "qualification"}
    lines = [line for section in (brief.why_they_bought, brief.commitments) for line in section]
    cited = {ref.source_id.split("-")[0] for line in lines for ref in line.sources}
    assert {"call", "deal"} <= cited
    assert "Saved to the history of Halvorsen Regional Bank" in stderr
    with AccountHistory(history_url) as history:
        kinds_saved = [record.kind for record in history.records(ACCOUNT)]
    assert kinds_saved == ["qualification", "deal_notes", "brief"]


def test_handoff_markdown_has_every_section_and_running_twice_cites_each_note_once(history_url: str) -> None:
    qualify_saved()
    invoke("handoff", ACCOUNT, "--notes", str(DEAL), "--as-of", "2026-11-20")
    stdout, _ = invoke("handoff", ACCOUNT, "--notes", str(DEAL), "--as-of", "2026-11-20")
    for heading in (
        "## Account snapshot",
        "## Why they bought",
        "## Stakeholders",
        "## Commitments",
        "## Success criteria",
        "## First 90 days",
        "## Technical context",
        "## Risks",
        "## Open items",
        "transition meeting",
        "intro call",
        "## Team",
        "holdout",
    ):
        assert heading.lower() in stdout.lower(), heading
    with AccountHistory(history_url) as history:
        assert len(history.records(ACCOUNT, "deal_notes")) == 1
        assert len(history.records(ACCOUNT, "brief")) == 2


def test_handoff_for_an_unknown_account_without_notes_names_close_matches() -> None:
    qualify_saved()
    result = runner.invoke(app, ["handoff", "Halvorsen Regional"])
    assert result.exit_code == 2
    assert "Halvorsen Regional Bank" in result.stderr and "Traceback" not in result.output


def test_renewal_plan_in_json_and_markdown_is_saved_with_its_facts(history_url: str) -> None:
    qualify_saved()
    invoke("handoff", ACCOUNT, "--notes", str(DEAL), "--as-of", "2026-11-20")
    stdout, _ = invoke("renewal", ACCOUNT, "--facts", str(FACTS), "--format", "json")
    plan = RenewalPlan.model_validate_json(stdout)
    assert plan.renewal_date.isoformat() == "2030-01-14"
    assert plan.timeline and all(entry.date >= plan.as_of for entry in plan.timeline)
    assert plan.talking_points and all(
        point.citation.source.startswith("playbooks/") or point.citation.source in ACCOUNT_SOURCES
        for point in plan.talking_points
    )
    markdown, _ = invoke("renewal", ACCOUNT, "--facts", str(FACTS), "--no-save")
    assert "| Date | Offset | Milestone |" in markdown and "## Expansion plays" in markdown
    with AccountHistory(history_url) as history:
        kinds = [record.kind for record in history.records(ACCOUNT)]
    assert kinds.count("renewal_plan") == 1 and kinds.count("renewal_facts") == 1


def test_renewal_with_a_bad_facts_file_names_the_field(tmp_path: Path) -> None:
    broken = tmp_path / "facts.yaml"
    broken.write_text("account: Acme\ncontract_start: 2026-01-01\nseats_purchased: lots\n", encoding="utf-8")
    result = runner.invoke(app, ["renewal", "Acme", "--facts", str(broken)])
    assert result.exit_code == 2
    assert "contract_end" in result.stderr and "seats_purchased" in result.stderr
    assert "Traceback" not in result.output


def test_renewal_output_file_and_a_facts_file_for_another_account_warns(tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    result = runner.invoke(
        app, ["renewal", "Another Bank", "--facts", str(FACTS), "--out", str(out), "--no-save"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Renewal plan: Another Bank")
    assert "names 'Halvorsen Regional Bank'" in result.stderr


def test_handoff_json_round_trips_through_the_history(history_url: str) -> None:
    qualify_saved()
    stdout, _ = invoke("handoff", ACCOUNT, "--notes", str(DEAL), "--as-of", "2026-11-20", "--format", "json")
    exported, _ = invoke("accounts", "export", ACCOUNT)
    saved = [record for record in json.loads(exported)["records"] if record["kind"] == "brief"]
    assert TransitionBrief.model_validate(saved[0]["payload"]) == TransitionBrief.model_validate_json(stdout)


def test_handoff_email_copy_has_the_tldr_and_no_citations() -> None:
    notes = PROJECT_ROOT / "tests" / "handoff" / "deal_notes" / "slack-one-liner.txt"
    stdout, stderr = invoke(
        "handoff", "Acme", "--notes", str(notes), "--as-of", "2026-12-05", "--format", "email"
    )
    assert stdout.startswith(
        "Subject: Handoff: Acme\n\nTL;DR\n- Deal: Core Platform, Analytics Add-on; $84k ARR"
    )
    assert "[deal notes" not in stdout and "\\$" not in stdout
    assert "Saved to the history of Acme" in stderr, "the record saved is the cited brief"
    markdown, _ = invoke("handoff", "Acme", "--as-of", "2026-12-05", "--no-save")
    assert "## TL;DR" in markdown and "[deal notes slack-one-liner.txt]" in markdown
