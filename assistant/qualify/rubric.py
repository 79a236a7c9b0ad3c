"""Statuses to score to verdict under the rubric: pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.domain import CRITERIA, CriterionFinding, CriterionName, Status, Verdict
from assistant.knowledge.schemas import Rubric
from assistant.qualify.schemas import CriterionResult


def score_statuses(statuses: Mapping[CriterionName, Status], rubric: Rubric) -> float:
    """Weighted credit of each status, scaled to 0-100 so edited weights need not sum to 100."""
    total = sum(rubric.weights[name] for name in CRITERIA)
    earned = sum(rubric.weights[name] * rubric.status_credit.get(statuses[name], 0.0) for name in CRITERIA)
    return round(100.0 * earned / total, 2)


def decide_verdict(statuses: Mapping[CriterionName, Status], score: float, rubric: Rubric) -> Verdict:
    """Apply the verdict rules of SPEC section 2 in order: disqualify, qualify, else nurture."""
    rules = rubric.verdict
    if any(statuses[name] == "unfit" for name in rules.disqualify_if_unfit):
        return "disqualified"
    for group in rules.disqualify_if_all_unfit:
        if group and all(statuses[name] == "unfit" for name in group):
            return "disqualified"
    qualifies = (
        all(statuses[name] == "met" for name in rules.qualified_requires_met)
        and not any(status == "unfit" for status in statuses.values())
        and score >= rules.qualified_min_score
    )
    return "sales_qualified" if qualifies else "nurture"


def find_gaps(statuses: Mapping[CriterionName, Status]) -> list[CriterionName]:
    """Criteria still to discover: missing first, then partial, in rubric order."""
    missing = [name for name in CRITERIA if statuses[name] == "missing"]
    partial = [name for name in CRITERIA if statuses[name] == "partial"]
    return missing + partial


def size_status(employees: int, rubric: Rubric) -> Status:
    """Employees against the size thresholds."""
    if employees >= rubric.size.met_min:
        return "met"
    return "partial" if employees >= rubric.size.partial_min else "unfit"


def budget_amount_status(amount: float, approved: bool, rubric: Rubric) -> Status:
    """A stated year-one amount: met when approved and large enough, unfit when too small."""
    if amount < rubric.budget.unfit_below:
        return "unfit"
    if amount >= rubric.budget.met_min and approved:
        return "met"
    return "partial"


def timeline_status(months: float, rubric: Rubric) -> Status:
    """Months from the call date to the decision against the timeline thresholds."""
    if months <= rubric.timeline.met_within_months + 0.05:
        return "met"
    if months <= rubric.timeline.partial_within_months + 0.05:
        return "partial"
    return "unfit"


def judge(finding: CriterionFinding, rubric: Rubric) -> CriterionResult:
    """Turn what an engine read into a status; numeric criteria always go through thresholds."""
    status, reason = finding.proposed, finding.reason
    if finding.criterion == "size" and finding.employees is not None:
        status = size_status(finding.employees, rubric)
        reason = f"{finding.employees:,} employees ({_size_band(status, rubric)})"
    elif finding.criterion == "budget" and finding.budget is not None:
        approved = bool(finding.budget_approved)
        status = budget_amount_status(finding.budget.amount, approved, rubric)
        reason = _budget_reason(status, finding, rubric)
    elif finding.criterion == "timeline" and finding.months is not None:
        status = timeline_status(finding.months, rubric)
    return CriterionResult(
        status=status,
        value=finding.value,
        evidence=list(finding.evidence) if status != "missing" or finding.evidence else [],
        confidence=finding.confidence,
        reason=reason,
        needs_review=finding.needs_review,
        review_reason=finding.review_reason,
    )


def _size_band(status: Status, rubric: Rubric) -> str:
    if status == "met":
        return f"at least {rubric.size.met_min}"
    if status == "partial":
        return f"{rubric.size.partial_min} to {rubric.size.met_min - 1}"
    return f"under {rubric.size.partial_min}"


def _budget_reason(status: Status, finding: CriterionFinding, rubric: Rubric) -> str:
    assert finding.budget is not None
    amount = f"{finding.budget.amount:,.0f} {finding.budget.currency or ''}".strip()
    if status == "unfit":
        return f"{amount} is under the {rubric.budget.unfit_below:,.0f} minimum"
    if status == "met":
        return f"{amount} approved (at least {rubric.budget.met_min:,.0f})"
    if finding.budget.amount < rubric.budget.met_min:
        return f"{amount} is under the {rubric.budget.met_min:,.0f} the rubric asks for"
    return f"{amount} not yet approved"
