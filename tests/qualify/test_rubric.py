"""Rubric edge cases: thresholds, each status, score arithmetic and every verdict rule."""

from __future__ import annotations

import pytest

from assistant.domain import CRITERIA, CriterionFinding, Money, Status
from assistant.knowledge.schemas import Rubric
from assistant.qualify.rubric import (
    budget_amount_status,
    decide_verdict,
    find_gaps,
    judge,
    score_statuses,
    size_status,
    timeline_status,
)


def statuses(**given: Status) -> dict[str, Status]:
    base: dict[str, Status] = dict.fromkeys(CRITERIA, "met")
    base.update(given)
    return base


@pytest.mark.parametrize(
    ("employees", "expected"),
    [(200, "met"), (5000, "met"), (199, "partial"), (50, "partial"), (49, "unfit"), (1, "unfit")],
)
def test_size_thresholds(rubric: Rubric, employees: int, expected: Status) -> None:
    assert size_status(employees, rubric) == expected


@pytest.mark.parametrize(
    ("amount", "approved", "expected"),
    [
        (25_000, True, "met"),
        (24_999, True, "partial"),
        (200_000, False, "partial"),
        (10_000, True, "partial"),
        (9_999, True, "unfit"),
        (5_000, False, "unfit"),
    ],
)
def test_budget_thresholds(rubric: Rubric, amount: float, approved: bool, expected: Status) -> None:
    assert budget_amount_status(amount, approved, rubric) == expected


@pytest.mark.parametrize(
    ("months", "expected"), [(0, "met"), (6, "met"), (6.5, "partial"), (12, "partial"), (12.5, "unfit")]
)
def test_timeline_thresholds(rubric: Rubric, months: float, expected: Status) -> None:
    assert timeline_status(months, rubric) == expected


def test_score_weights_and_partial_credit(rubric: Rubric) -> None:
    assert score_statuses(statuses(), rubric) == 100
    assert score_statuses(statuses(budget="partial"), rubric) == 92.5
    assert score_statuses(dict.fromkeys(CRITERIA, "missing"), rubric) == 0
    assert score_statuses(statuses(problem="unfit", size="missing"), rubric) == 60


def test_verdict_disqualifies_on_core_unfit(rubric: Rubric) -> None:
    for name in ("title", "problem", "industry", "size"):
        marks = statuses(**{name: "unfit"})
        assert decide_verdict(marks, score_statuses(marks, rubric), rubric) == "disqualified"


def test_verdict_budget_and_timeline_both_unfit(rubric: Rubric) -> None:
    both = statuses(budget="unfit", timeline="unfit")
    assert decide_verdict(both, score_statuses(both, rubric), rubric) == "disqualified"
    one = statuses(budget="unfit")
    assert decide_verdict(one, score_statuses(one, rubric), rubric) == "nurture"


def test_verdict_qualified_needs_title_problem_met_and_score(rubric: Rubric) -> None:
    assert decide_verdict(statuses(), 100, rubric) == "sales_qualified"
    partial_title = statuses(title="partial")
    assert decide_verdict(partial_title, score_statuses(partial_title, rubric), rubric) == "nurture"
    low = statuses(size="missing", budget="missing", timeline="partial")
    score = score_statuses(low, rubric)
    assert score < 70
    assert decide_verdict(low, score, rubric) == "nurture"


def test_gaps_list_missing_then_partial(rubric: Rubric) -> None:
    marks = statuses(budget="partial", timeline="missing", title="missing")
    assert find_gaps(marks) == ["title", "timeline", "budget"]


def test_judge_recomputes_numeric_criteria(rubric: Rubric) -> None:
    size = judge(CriterionFinding(criterion="size", proposed="met", employees=30), rubric)
    assert size.status == "unfit"
    money = Money(amount=70_000, currency="USD")
    budget = judge(CriterionFinding(criterion="budget", budget=money, budget_approved=False), rubric)
    assert budget.status == "partial"
    timeline = judge(CriterionFinding(criterion="timeline", proposed="met", months=14), rubric)
    assert timeline.status == "unfit"


def test_edited_threshold_changes_status(rubric: Rubric) -> None:
    stricter = rubric.model_copy(update={"size": rubric.size.model_copy(update={"met_min": 2000})})
    assert size_status(1500, rubric) == "met"
    assert size_status(1500, stricter) == "partial"
