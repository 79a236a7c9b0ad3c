"""Insights over saved qualifications: weeks, missing criteria, roles, exported cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
import yaml

from assistant.qualify.insights import cases_to_yaml, overrides_as_cases, summarise
from assistant.runtime import Assistant
from assistant.settings import Settings

NOTES = {
    "strong": (
        "Call with Dana Lee, CFO at Corvid Manufacturing (1,500 employees). Invoice matching is manual "
        "and cost $120k in late fees. Budget: $200k approved. Wants to sign by end of Q1 2027. "
        "Asked about SSO and the SAP integration."
    ),
    "thin": "Spoke with Sam, an analyst at a logistics firm. Interested in dashboards.",
}


@dataclass(frozen=True)
class Record:
    id: int
    account_name: str
    created_at: dt.datetime
    payload: dict[str, Any]
    source_text: str | None = None
    kind: str = field(default="qualification")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(Settings(data_dir=tmp_path_factory.mktemp("data"), embedding="hashing"))


def _record(assistant: Assistant, ident: int, key: str, day: dt.date) -> Record:
    report = assistant.qualify(NOTES[key], call_date=day)
    created = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    return Record(ident, f"Account {ident}", created, report.model_dump(mode="json"), NOTES[key])


def test_summary_counts_verdicts_per_week_and_missing_criteria(assistant: Assistant) -> None:
    records = [
        _record(assistant, 1, "strong", dt.date(2026, 11, 2)),
        _record(assistant, 2, "thin", dt.date(2026, 11, 4)),
        _record(assistant, 3, "thin", dt.date(2026, 11, 12)),
    ]
    insights = summarise(records)
    assert insights.reports == 3
    assert [week.week for week in insights.verdicts_by_week] == [dt.date(2026, 11, 2), dt.date(2026, 11, 9)]
    first = insights.verdicts_by_week[0]
    assert first.sales_qualified + first.nurture + first.disqualified == 2
    missing = {row.label: row.count for row in insights.missing_criteria}
    assert missing["budget"] == 2 and missing["timeline"] == 2
    assert insights.missing_criteria[0].count >= insights.missing_criteria[-1].count
    roles = {row.label: row.count for row in insights.recommendations_by_role}
    assert roles["sales_engineer"] >= 1


def test_unreadable_payloads_are_skipped_not_fatal(assistant: Assistant) -> None:
    good = _record(assistant, 1, "strong", dt.date(2026, 11, 2))
    broken = Record(2, "Broken", good.created_at, {"verdict": "maybe"})
    assert summarise([good, broken]).reports == 1


def test_reports_without_overrides_export_no_cases(assistant: Assistant) -> None:
    records = [_record(assistant, 1, "strong", dt.date(2026, 11, 2))]
    exported = overrides_as_cases(records)
    assert exported == {"cases": []}
    assert yaml.safe_load(cases_to_yaml(exported)) == {"cases": []}


def test_empty_history_has_zero_rows_with_every_axis() -> None:
    insights = summarise([])
    assert insights.reports == 0
    assert len(insights.missing_criteria) == 6
    assert all(row.share == 0.0 for row in insights.recommendations_by_role)
