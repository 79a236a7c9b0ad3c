"""A note that takes too long to read is cut short, visibly: the criteria not read stay missing,
flagged for review, and a warning says why (the readers' linearity is measured in
bench/bench_note_size.py, not timed here)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.extract.document import read_notes
from assistant.knowledge.load import Knowledge
from assistant.qualify.engine import OfflineEngine
from assistant.runtime import Assistant
from assistant.settings import Settings

NOTES = (
    "Call with Jo Kim, CFO at Delta Bank (900 employees). Budget: $200k approved. Decision by end of Q1 2027."
)
CALL = dt.date(2026, 11, 10)


@pytest.mark.parametrize("budget", [1e-9, 1e-7])
def test_past_the_budget_criteria_are_flagged_not_guessed(budget: float, knowledge: Knowledge) -> None:
    extraction = OfflineEngine(time_budget_s=budget).extract(read_notes(NOTES * 200), CALL, knowledge, [])
    skipped = [name for name, f in extraction.findings.items() if f.reason.startswith("not read")]
    assert skipped, "a tiny budget leaves criteria unread"
    assert all(extraction.findings[name].needs_review for name in skipped)
    assert all(extraction.findings[name].proposed == "missing" for name in skipped)
    assert any("time budget" in warning for warning in extraction.warnings)


@pytest.mark.parametrize("budget", [None, 30.0])
def test_within_the_budget_every_criterion_is_read(budget: float | None, knowledge: Knowledge) -> None:
    extraction = OfflineEngine(time_budget_s=budget).extract(read_notes(NOTES), CALL, knowledge, [])
    assert not extraction.warnings
    assert extraction.findings["title"].proposed == "met"


def test_the_setting_reaches_reports(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_NOTE_TIME_BUDGET_S", "0.000000001")
    report = Assistant(Settings(embedding="hashing")).qualify(NOTES * 50, CALL)
    assert report.needs_review and any("time budget" in w for w in report.warnings)
    assert report.verdict != "sales_qualified", "an unread note is never handed to an AE"
