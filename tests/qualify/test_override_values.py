"""Overrides that set a value: the rubric's thresholds judge it, a stated status wins, and the
notes' reading comes back when the override is withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from assistant.domain import CriterionName, Money, Status
from assistant.knowledge.load import Knowledge
from assistant.qualify.override_values import OverrideValueError, judge_value
from assistant.qualify.overrides import apply_overrides
from assistant.qualify.render import report_to_markdown
from assistant.qualify.schemas import Override, QualificationReport
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, Settings
from assistant.text.markdown import escape_inline

CALL = dt.date(2026, 11, 10)
HALVORSEN = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("criterion", "text", "status", "value"),
    [
        ("size", "450 employees", "met", 450),
        ("size", "120", "partial", 120),
        ("size", "about 30 people", "unfit", 30),
        ("size", "~2k", "met", 2000),
        ("budget", "120000 USD approved", "met", Money(amount=120000, currency="USD")),
        ("budget", "120000 USD", "partial", Money(amount=120000, currency="USD")),
        ("budget", "$150k, not yet approved", "partial", Money(amount=150000, currency="USD")),
        ("budget", "$8k", "unfit", Money(amount=8000, currency="USD")),
        ("timeline", "2027-03-31", "met", "2027-03-31"),
        ("timeline", "2027-09-30", "partial", "2027-09-30"),
        ("timeline", "2028-06-01", "unfit", "2028-06-01"),
        ("timeline", "end of Q1 2027", "met", "2027-03-31"),
        ("industry", "Hospitality", "partial", "Hospitality"),
        ("industry", "gambling", "unfit", "Gambling and casinos"),
        ("industry", "a regional hospital group", "met", "Healthcare"),
    ],
)
def test_a_value_is_judged_by_the_rubric_thresholds(
    knowledge: Knowledge, criterion: CriterionName, text: str, status: Status, value: object
) -> None:
    result = judge_value(criterion, text, knowledge.rubric, CALL)
    assert (result.status, result.value) == (status, value)
    assert result.reason


@pytest.mark.parametrize(
    ("criterion", "text", "message"),
    [
        ("size", "lots of people", "no number of employees"),
        ("budget", "plenty", "no amount"),
        ("timeline", "someday", "no date"),
        ("industry", "zzz", "no industry of the rubric"),
        ("title", "CFO", "give a status too"),
    ],
)
def test_a_value_that_cannot_be_read_says_what_would_be(
    knowledge: Knowledge, criterion: CriterionName, text: str, message: str
) -> None:
    with pytest.raises(OverrideValueError, match=message):
        judge_value(criterion, text, knowledge.rubric, CALL)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"criterion": "size", "reason": "x"}, "give a status, a value, or both"),
        ({"criterion": "size", "value": "  ", "reason": "x"}, "give a status, a value, or both"),
        ({"criterion": "title", "value": "CFO", "reason": "x"}, "give a status too"),
        ({"criterion": "problem", "value": "churn", "reason": "x"}, "give a status too"),
    ],
)
def test_an_override_needs_a_status_or_a_judged_value(fields: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Override.model_validate(fields)


@pytest.fixture(scope="module")
def qualified(tmp_path_factory: pytest.TempPathFactory) -> QualificationReport:
    assistant = Assistant(Settings(data_dir=tmp_path_factory.mktemp("data"), embedding="hashing"))
    return assistant.qualify(HALVORSEN, CALL)


@pytest.mark.parametrize(
    ("override", "status", "value", "verdict"),
    [
        (
            Override(criterion="size", value="45 employees", reason="the bank is a 45-person spin-off"),
            "unfit",
            45,
            "disqualified",
        ),
        (
            Override(criterion="size", value="45", status="met", reason="group headcount counts"),
            "met",
            45,
            "sales_qualified",
        ),
        (
            Override(criterion="budget", value="$20k", reason="cut"),
            "partial",
            Money(amount=20000, currency="USD"),
            "sales_qualified",
        ),
        (
            Override(criterion="timeline", value="2028-06-01", reason="pushed out"),
            "unfit",
            "2028-06-01",
            "nurture",
        ),
        (
            Override(criterion="title", value="Analyst", status="partial", reason="wrong contact"),
            "partial",
            "Analyst",
            "nurture",
        ),
    ],
)
def test_a_value_override_rescores_and_withdraws_cleanly(
    qualified: QualificationReport,
    knowledge: Knowledge,
    override: Override,
    status: Status,
    value: object,
    verdict: str,
) -> None:
    report = apply_overrides(qualified, [override], knowledge.rubric, knowledge.questions, 6)
    result = report.criteria[override.criterion]
    assert (result.status, result.value, report.verdict) == (status, value, verdict)
    assert result.evidence == qualified.criteria[override.criterion].evidence
    [recorded] = report.overrides
    assert recorded.previous == qualified.criteria[override.criterion].status
    assert recorded.previous_value == qualified.criteria[override.criterion].value
    assert f"(value {escape_inline(override.value or '')})" in report_to_markdown(report)
    copy = QualificationReport.model_validate_json(report.model_dump_json())
    assert copy == report
    assert apply_overrides(copy, [], knowledge.rubric, knowledge.questions, 6) == qualified


def test_a_value_that_cannot_be_read_fails_the_application(
    qualified: QualificationReport, knowledge: Knowledge
) -> None:
    with pytest.raises(ValueError, match="no number of employees"):
        apply_overrides(qualified, [Override(criterion="size", value="many", reason="x")], knowledge.rubric)


def test_overrides_saved_before_values_still_load_and_apply(
    qualified: QualificationReport, knowledge: Knowledge
) -> None:
    saved = {
        "criterion": "budget",
        "status": "missing",
        "reason": "Budget was for 2025",
        "by": "Sam",
        "at": "2026-11-12T09:30:00Z",
        "previous": "met",
    }
    old = Override.model_validate(saved)
    assert old.value is None and old.previous_value is None
    report = apply_overrides(qualified, [old], knowledge.rubric)
    assert report.criteria["budget"].status == "missing"
    assert report.criteria["budget"].value == qualified.criteria["budget"].value
