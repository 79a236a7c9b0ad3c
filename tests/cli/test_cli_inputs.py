"""Every input format through `qualify` and `qualify-batch`: reports, call dates and CRM ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.settings import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "sources" / "fixtures"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")


@pytest.mark.parametrize(
    ("name", "options", "call_date"),
    [
        ("gong-call.json", [], "2026-11-10"),
        ("fireflies-call.json", [], "2026-11-12"),
        ("zoom-call.vtt", [], "2026-11-01"),
        ("teams-call.vtt", ["--format", "vtt"], "2026-11-01"),
        ("otter-call.txt", ["--format", "otter"], "2026-11-01"),
        ("notetaker-summary.md", ["--format", "markdown"], "2026-11-01"),
        ("salesforce-tasks.csv", ["--record", "00T5e00000AbCdEFGI"], "2026-11-12"),
        ("hubspot-notes.csv", ["--record", "51234567890"], "2026-11-10"),
        (
            "crm-generic.csv",
            ["--id-column", "Lead Id", "--notes-column", "Call Notes", "--date-column", "Met On"],
            "2026-11-10",
        ),
    ],
)
def test_each_format_qualifies_through_the_cli(name: str, options: list[str], call_date: str) -> None:
    """The file's own call date wins over --as-of, which dates the formats that carry none."""
    result = runner.invoke(
        app, ["qualify", str(FIXTURES / name), "--json", "--as-of", "2026-11-01", *options]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["metadata"]["call_date"] == call_date
    assert report["criteria"]["budget"]["status"] == "met" and report["verdict"] in (
        "sales_qualified",
        "nurture",
    )


def test_the_sellers_price_is_never_the_budget() -> None:
    """Gong says Jordan is Internal: 'our package starts at $60k' is not the prospect's budget."""
    result = runner.invoke(app, ["qualify", str(FIXTURES / "gong-call.json"), "--json"])
    evidence = json.loads(result.stdout)["criteria"]["budget"]["evidence"]
    assert evidence == ["Yes, we have $150k approved for this fiscal year."]


@pytest.mark.parametrize(
    ("name", "ids", "records"),
    [
        (
            "salesforce-tasks.csv",
            ["00T5e00000AbCdEFGH", "00T5e00000AbCdEFGI"],
            [
                {"Id": "00T5e00000AbCdEFGH", "WhoId": "00Q5e00000XyZaBCDE"},
                {"Id": "00T5e00000AbCdEFGI", "WhoId": "0035e00000QwErTYUI", "WhatId": "0065e00000PlMnBVCX"},
            ],
        ),
        ("hubspot-notes.csv", ["51234567890", "51234567891"], None),
        ("gong-call.json", ["7782342274025937895"], [{"callId": "7782342274025937895"}]),
        ("fireflies-call.json", ["01FF-FIXTURE-TEST"], [{"id": "01FF-FIXTURE-TEST"}]),
    ],
)
def test_batches_of_exports_carry_their_record_ids(
    name: str, ids: list[str], records: list[dict[str, str]] | None
) -> None:
    result = runner.invoke(app, ["qualify-batch", str(FIXTURES / name)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in rows] == ids and all("report" in row for row in rows)
    if records is not None:
        assert [row["record"] for row in rows] == records
    assert f"{len(ids)} qualified, 0 skipped" in result.stderr


def test_jsonl_lines_may_carry_record_ids(tmp_path: Path) -> None:
    path = tmp_path / "leads.jsonl"
    notes = (FIXTURES / "crm-generic.csv").read_text(encoding="utf-8").splitlines()[1].split(",", 1)[1]
    path.write_text(
        json.dumps({"id": "a", "notes": notes, "record": {"Id": "00Q5e00000XyZaBCDE", "bad": {"x": 1}}})
        + "\n"
    )
    result = runner.invoke(app, ["qualify-batch", str(path)])
    assert json.loads(result.stdout)["record"] == {"Id": "00Q5e00000XyZaBCDE"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["qualify", "hubspot-notes.csv"], r"holds 2 records \(51234567890, 51234567891\): pass --record ID"),
        (["qualify", "gong-call.json", "--format", "pdfx"], r"--format 'pdfx' is not a format"),
        (["qualify", "otter-call.txt", "--format", "gong"], r"not a readable Gong transcript export"),
        (["qualify-batch", "zoom-call.vtt"], r"holds one call \(vtt\): qualify it with"),
        (["qualify", "crm-generic.csv", "--notes-column", "Body"], r"no column 'Body' \(--notes-column\)"),
    ],
)
def test_clear_refusals(args: list[str], message: str) -> None:
    import re

    command, name, *rest = args
    result = runner.invoke(app, [command, str(FIXTURES / name), *rest])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert re.search(message, " ".join(result.stderr.split())), result.stderr


def test_a_truncated_gong_batch_is_refused_before_any_output(tmp_path: Path) -> None:
    path = tmp_path / "calls.json"
    path.write_bytes((FIXTURES / "gong-call.json").read_bytes()[:700])
    result = runner.invoke(app, ["qualify-batch", str(path)])
    assert result.exit_code == 2 and result.stdout == "" and "cut short" in result.stderr
