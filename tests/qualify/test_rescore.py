"""Saved reports re-scored under an edited rubric: real qualifications, a real SQLite history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.history import AccountHistory
from assistant.knowledge.schemas import Rubric
from assistant.qualify.overrides import apply_overrides
from assistant.qualify.rescore import Reading, preview_rescore, rescore_report
from assistant.qualify.schemas import Override, QualificationReport
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, Settings

CALL_DATE = dt.date(2026, 11, 10)
HALVORSEN = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
# Title, problem, industry and size met; no budget or timeline: exactly 70, the qualifying score.
ACME = (
    "Call with Dana Ruiz, VP Finance at Acme Logistics (about 300 employees). Invoice matching is "
    "manual and the team loses two days at every month-end close."
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(Settings(data_dir=tmp_path_factory.mktemp("rescore"), embedding="hashing"))


@pytest.fixture
def history(tmp_path: Path) -> Iterator[AccountHistory]:
    with AccountHistory(f"sqlite:///{tmp_path / 'history.sqlite3'}") as opened:
        yield opened


def edited(rubric: Rubric, **changes: dict[str, Any]) -> Rubric:
    data = rubric.model_dump()
    for group, values in changes.items():
        data[group] = {**data[group], **values}
    return Rubric.model_validate(data)


def test_raising_the_size_threshold_moves_a_borderline_lead_to_nurture(
    assistant: Assistant, history: AccountHistory, rubric: Rubric
) -> None:
    acme = assistant.qualify(ACME, CALL_DATE)
    assert (acme.verdict, acme.score) == ("sales_qualified", 70.0)
    history.save("Acme Logistics", "qualification", acme, source_text=ACME)
    history.save(
        "Halvorsen Regional Bank",
        "qualification",
        assistant.qualify(HALVORSEN, CALL_DATE),
        source_text=HALVORSEN,
    )
    preview = preview_rescore(
        history.all_records("qualification"), rubric, edited(rubric, size={"met_min": 500})
    )
    by_account = {row.account: row for row in preview.reports}
    acme_row = by_account["Acme Logistics"]
    assert (acme_row.old_verdict, acme_row.new_verdict, acme_row.changed) == (
        "sales_qualified",
        "nurture",
        True,
    )
    assert (acme_row.old_score, acme_row.new_score) == (70.0, 62.5)
    assert acme_row.changes == ["size: met → partial"]
    assert not by_account["Halvorsen Regional Bank"].changed  # 1,200 employees still meet 500
    assert [row.account for row in preview.changed] == ["Acme Logistics"]


def test_an_unedited_rubric_changes_nothing(
    assistant: Assistant, history: AccountHistory, rubric: Rubric
) -> None:
    for notes in (ACME, HALVORSEN):
        history.save("Account", "qualification", assistant.qualify(notes, CALL_DATE), source_text=notes)
    preview = preview_rescore(history.all_records(), rubric, rubric)
    assert all(not row.changes and row.old_score == row.new_score for row in preview.reports)
    assert [row.old_verdict for row in preview.reports] == [row.saved_verdict for row in preview.reports]


def test_numbers_are_rejudged_from_saved_values(assistant: Assistant, rubric: Rubric) -> None:
    report = assistant.qualify(HALVORSEN, CALL_DATE)  # $180k approved, sign by end of Q1 2027
    stricter = edited(rubric, budget={"met_min": 200_000}, timeline={"met_within_months": 3})
    result = rescore_report(report, rubric, stricter)  # no notes: values and metadata.call_date only
    assert result.changes == ["budget: met → partial", "timeline: met → partial"]
    assert result.new.score == 85.0 and result.new.verdict == "sales_qualified"


def test_excluding_an_industry_disqualifies_with_or_without_the_notes(
    assistant: Assistant, rubric: Rubric
) -> None:
    report = assistant.qualify(HALVORSEN, CALL_DATE)
    data = rubric.model_dump()
    for industry in data["industries"]:
        if industry["key"] == "financial_services":
            industry["tier"] = "excluded"
    excluded = Rubric.model_validate(data)
    from_values = rescore_report(report, rubric, excluded)
    assert from_values.new.verdict == "disqualified" and from_values.changes == ["industry: met → unfit"]
    from_notes = rescore_report(report, rubric, excluded, Reading(None, CALL_DATE))
    assert from_notes.new.verdict == "disqualified"


def test_a_keyword_edit_is_seen_only_by_rereading_the_notes(
    assistant: Assistant, history: AccountHistory, rubric: Rubric
) -> None:
    notes = "Spoke with the COO of Brightwater Shipyards (800 employees). Welding QA reports are on paper."
    report = assistant.qualify(notes, CALL_DATE)
    assert report.criteria["industry"].status == "missing"
    data = rubric.model_dump()
    data["industries"][0]["keywords"].append("shipyards?")  # financial_services, just to prove the point
    wider = Rubric.model_validate(data)
    history.save("Brightwater", "qualification", report, source_text=notes)
    history.save("Brightwater copy", "qualification", report)
    rows = {row.account: row for row in preview_rescore(history.all_records(), rubric, wider).reports}
    assert rows["Brightwater"].changes == ["industry: missing → met"]
    assert rows["Brightwater copy"].changes == []


def test_saved_overrides_keep_deciding(assistant: Assistant, history: AccountHistory, rubric: Rubric) -> None:
    acme = assistant.qualify(ACME, CALL_DATE)
    override = Override(
        criterion="budget", status="met", reason="CFO confirmed $90k approved by email.", by="lead"
    )
    overridden = apply_overrides(acme, [override], rubric)
    assert overridden.score == 85.0
    history.save("Acme Logistics", "qualification", overridden, source_text=ACME)
    row = preview_rescore(history.all_records(), rubric, edited(rubric, size={"met_min": 500})).reports[0]
    assert row.overrides == 1 and row.changes == ["size: met → partial"]
    assert (row.new_score, row.new_verdict, row.changed) == (77.5, "sales_qualified", False)


def test_an_override_on_the_edited_criterion_still_applies(assistant: Assistant, rubric: Rubric) -> None:
    override = Override(criterion="size", status="partial", reason="Only 120 work in the buying unit.")
    report = apply_overrides(assistant.qualify(ACME, CALL_DATE), [override], rubric)
    result = rescore_report(report, rubric, edited(rubric, size={"met_min": 500}), Reading(None, CALL_DATE))
    assert result.changes == ["size: met → partial (the saved override to partial still applies)"]
    assert result.old.score == result.new.score == 62.5


def test_unreadable_payloads_are_skipped_with_a_reason(history: AccountHistory, rubric: Rubric) -> None:
    history.save("Broken Co", "qualification", {"verdict": "maybe"})
    history.save("Notes Co", "deal_notes", {"text": "not a qualification"})
    preview = preview_rescore(history.all_records(), rubric, rubric)
    assert preview.reports == []
    assert preview.skipped and preview.skipped[0].startswith("Broken Co (record 1): not a readable report")


def test_report_from_before_metadata_uses_the_saved_date(rubric: Rubric) -> None:
    payload = QualificationReport.model_validate(
        {
            "criteria": {
                "title": {"status": "met", "value": "CFO"},
                "problem": {"status": "met"},
                "industry": {"status": "met", "value": "Healthcare"},
                "size": {"status": "met", "value": 250},
                "budget": {"status": "missing"},
                "timeline": {"status": "met", "value": "2027-02-01"},
            },
            "score": 85.0,
            "verdict": "sales_qualified",
        }
    )
    result = rescore_report(
        payload, rubric, edited(rubric, timeline={"met_within_months": 1}), Reading(None, CALL_DATE)
    )
    assert result.changes == ["timeline: met → partial"]
