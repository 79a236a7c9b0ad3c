"""`qualify --save --account` and `accounts list/show/export`, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.history import AccountExport, AccountHistory
from assistant.settings import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _history_env(history_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI reads the history from ASSISTANT_DATABASE_URL, as a team would configure it."""
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", history_url)


def _qualify_and_save(account: str) -> dict[str, object]:
    result = runner.invoke(
        app, ["qualify", "--save", "--account", account, str(EXAMPLE), "--json", "--as-of", "2026-11-10"]
    )
    assert result.exit_code == 0, result.output
    assert "Saved to the history of" in result.stderr
    report: dict[str, object] = json.loads(result.stdout)  # stdout stays pure JSON
    return report


def test_a_saved_qualification_shows_under_any_spelling(history_url: str) -> None:
    report = _qualify_and_save("Halvorsen Regional Bank")
    _qualify_and_save("halvorsen regional bank inc.")

    shown = runner.invoke(app, ["accounts", "show", "The Halvorsen Regional Bank, Inc"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("Halvorsen Regional Bank (key 'halvorsen regional bank'")
    assert shown.stdout.count("Qualification 2026-11-10") == 2
    assert shown.stdout.count("offline") == 2

    with AccountHistory(history_url) as history:
        first, _second = history.records("Halvorsen Regional Bank")
    assert first.payload == report
    assert first.source_text == EXAMPLE.read_text(encoding="utf-8")


def test_show_json_lists_records_without_payloads() -> None:
    _qualify_and_save("Halvorsen Regional Bank")
    shown = runner.invoke(app, ["accounts", "show", "halvorsen regional bank", "--json"])
    assert shown.exit_code == 0, shown.output
    body = json.loads(shown.stdout)
    assert body["account"]["latest_verdict"] == "sales_qualified"
    assert [(r["id"], r["kind"], r["title"]) for r in body["records"]] == [
        (1, "qualification", "Qualification 2026-11-10")
    ]
    assert "payload" not in body["records"][0]


def test_list_shows_counts_and_latest_verdict() -> None:
    assert "No accounts saved yet" in runner.invoke(app, ["accounts", "list"]).stdout
    _qualify_and_save("Halvorsen Regional Bank")

    table = runner.invoke(app, ["accounts", "list"])
    assert table.exit_code == 0, table.output
    assert "Halvorsen" in table.stdout and "SALES QUALIFIED" in table.stdout

    rows = json.loads(runner.invoke(app, ["accounts", "list", "--json"]).stdout)
    assert [(r["name"], r["counts"]["qualification"], r["counts"]["brief"]) for r in rows] == [
        ("Halvorsen Regional Bank", 1, 0)
    ]


def test_export_writes_the_whole_account(tmp_path: Path) -> None:
    _qualify_and_save("Halvorsen Regional Bank")
    target = tmp_path / "halvorsen.json"

    result = runner.invoke(app, ["accounts", "export", "Halvorsen Regional Bank Inc", "--out", str(target)])

    assert result.exit_code == 0, result.output
    exported = AccountExport.model_validate_json(target.read_text(encoding="utf-8"))
    assert exported.account.name == "Halvorsen Regional Bank"
    assert exported.records[0].payload["verdict"] == "sales_qualified"
    to_stdout = runner.invoke(app, ["accounts", "export", "halvorsen regional bank"])
    assert AccountExport.model_validate_json(to_stdout.stdout).records == exported.records


@pytest.mark.parametrize("command", ["show", "export"])
def test_unknown_account_names_close_matches(command: str) -> None:
    _qualify_and_save("Halvorsen Regional Bank")
    result = runner.invoke(app, ["accounts", command, "Halverson Regional"])
    assert result.exit_code == 2
    assert "no account named 'Halverson Regional'" in result.stderr
    assert "did you mean 'Halvorsen Regional Bank'?" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("flags", "message"),
    [(["--save"], "needs --account NAME"), (["--account", "Acme"], "add --save")],
)
def test_save_and_account_go_together(history_url: str, flags: list[str], message: str) -> None:
    result = runner.invoke(app, ["qualify", *flags, str(EXAMPLE)])
    assert result.exit_code == 2
    assert message in result.output
    with AccountHistory(history_url) as history:
        assert history.accounts() == []


def test_an_unreachable_history_is_one_readable_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", "postgresql://sdr:hunter2@127.0.0.1:1/sales")
    for args in (["accounts", "list"], ["qualify", "--save", "--account", "Acme", str(EXAMPLE)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert "cannot reach the history database" in result.stderr
        assert "hunter2" not in result.output and "Traceback" not in result.output


def test_a_saved_record_is_reprinted_in_markdown_by_its_id() -> None:
    _qualify_and_save("Halvorsen Regional Bank")
    notes = PROJECT_ROOT / "tests" / "handoff" / "deal_notes" / "slack-one-liner.txt"
    briefed = runner.invoke(
        app, ["handoff", "Halvorsen Regional Bank", "--notes", str(notes), "--as-of", "2026-12-05"]
    )
    assert briefed.exit_code == 0, briefed.output
    listed = json.loads(runner.invoke(app, ["accounts", "show", "Halvorsen Regional Bank", "--json"]).stdout)
    ids = {r["kind"]: r["id"] for r in listed["records"]}

    brief = runner.invoke(app, ["accounts", "print", str(ids["brief"])])
    assert brief.exit_code == 0, brief.output
    assert brief.stdout.rstrip() == briefed.stdout.rstrip(), "the saved brief reprints as it was printed"
    assert (
        brief.stdout.startswith("# Transition brief: Halvorsen Regional Bank") and "## TL;DR" in brief.stdout
    )
    report = runner.invoke(app, ["accounts", "show", str(ids["qualification"])])
    assert report.exit_code == 0, report.output
    assert report.stdout.startswith("# Qualification: Halvorsen Regional Bank\n\n**Sales qualified**")
    as_json = runner.invoke(app, ["accounts", "print", str(ids["brief"]), "--json"])
    assert json.loads(as_json.stdout)["tldr"][0]["text"].startswith("Deal: Core Platform")

    notes_record = runner.invoke(app, ["accounts", "print", str(ids["deal_notes"])])
    assert notes_record.exit_code != 0 and "holds deal notes, not a qualification" in notes_record.output
    missing = runner.invoke(app, ["accounts", "print", "999"])
    assert missing.exit_code != 0 and "no record 999" in missing.output
