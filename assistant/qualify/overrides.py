"""People correct a criterion's status or value; the rubric, not the person, then decides score and verdict.

An override never rewrites what the notes said: the evidence stays, the status (and, for a value
override, the value and reason) the notes gave is kept on the `Override`, and applying a new list
of overrides always starts again from those readings, so an override can be withdrawn. A value
is judged by the rubric's thresholds (`override_values.py`); a status given with it wins.

The gaps change with the statuses, so, given the question bank, the next questions are asked
again for the new gaps, the same way the run asks them (`questions.choose_questions`) but
without retrieval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from assistant.domain import CRITERIA, CriterionName, Status
from assistant.knowledge.questions import QuestionBank
from assistant.knowledge.schemas import Rubric
from assistant.qualify.override_values import judge_value
from assistant.qualify.questions import asking_for, choose_questions
from assistant.qualify.rubric import decide_verdict, find_gaps, score_statuses
from assistant.qualify.schemas import JUDGED_VALUES, CriterionResult, Override, QualificationReport

OVERRIDE_NOTE = "Override: "
"""Prefix of the warnings this module writes, so a new application can replace them."""
DEFAULT_QUESTIONS = 6
"""Questions asked after an override when the caller names no limit (the settings' default)."""


def readings_from_notes(report: QualificationReport) -> dict[CriterionName, CriterionResult]:
    """Each criterion as the engine read it from the notes, before any override on the report."""
    readings = dict(report.criteria)
    for override in report.overrides:
        if override.previous is None:
            continue
        update: dict[str, object] = {"status": override.previous}
        if override.value is not None:
            update |= {"value": override.previous_value, "reason": override.previous_reason}
        readings[override.criterion] = readings[override.criterion].model_copy(update=update)
    return readings


def statuses_from_notes(report: QualificationReport) -> dict[CriterionName, Status]:
    """The statuses the engine read from the notes, before any override recorded on the report."""
    return {name: result.status for name, result in readings_from_notes(report).items()}


def _changes(override: Override, from_notes: Mapping[CriterionName, Status]) -> bool:
    """A value always changes the reading; a bare status only when it differs from the notes'."""
    return override.value is not None or override.status != from_notes[override.criterion]


def merge_override(current: Iterable[Override], new: Override, report: QualificationReport) -> list[Override]:
    """The override list after `new`: it replaces one on the same criterion, and a status equal
    to what the notes gave (with no value) withdraws the override instead of recording a no-op."""
    kept = [override for override in current if override.criterion != new.criterion]
    return [*kept, new] if _changes(new, statuses_from_notes(report)) else kept


def overridden_reading(
    override: Override, notes: CriterionResult, rubric: Rubric, call_date: dt.date
) -> CriterionResult:
    """The criterion after one override: its status (stated, or judged from its value) and value.

    Raises `OverrideValueError` (a ValueError) when the value cannot be read for its criterion.
    """
    if override.value is None:
        assert override.status is not None  # Override's own validator: a status or a value
        return notes.model_copy(update={"status": override.status, "needs_review": False})
    if override.criterion in JUDGED_VALUES:
        judged = judge_value(override.criterion, override.value, rubric, call_date)
        value, status, reason = judged.value, judged.status, judged.reason
    else:
        value, status, reason = override.value, notes.status, notes.reason
    if override.status is not None and override.status != status:
        reason = (
            f"{reason}; set to {override.status} by hand" if reason else f"set to {override.status} by hand"
        )
        status = override.status
    return notes.model_copy(
        update={"status": status, "value": value, "reason": reason, "needs_review": False}
    )


def apply_overrides(
    report: QualificationReport,
    overrides: Iterable[Override],
    rubric: Rubric,
    questions: QuestionBank | None = None,
    limit: int = DEFAULT_QUESTIONS,
) -> QualificationReport:
    """The report with these overrides applied and score, verdict and gaps recomputed.

    Overrides already on `report` are undone first; the last override per criterion wins, and
    one equal to the status from the notes is dropped. With the question bank the next questions
    follow the new gaps; recommendations and playbook passages stay as the run made them, and a
    warning says when they no longer fit.
    """
    readings = readings_from_notes(report)
    from_notes = {name: result.status for name, result in readings.items()}
    latest = {o.criterion: o for o in overrides if _changes(o, from_notes)}
    criteria = _overridden_criteria(report, readings, latest, rubric)
    statuses = {name: result.status for name, result in criteria.items()}
    recorded = [_recorded(o, readings[o.criterion]) for o in latest.values()]
    score = score_statuses(statuses, rubric)
    updated = report.model_copy(
        update={
            "criteria": criteria,
            "score": score,
            "verdict": decide_verdict(statuses, score, rubric),
            "gaps": find_gaps(statuses),
            "overrides": recorded,
            "review": [line for line in report.review if line.split(":", 1)[0] not in latest],
        }
    )
    updated.needs_review = bool(updated.review) or any(r.needs_review for r in criteria.values())
    asked_again = questions is not None and _gap_statuses(updated) != _gap_statuses(report)
    if questions is not None and asked_again:
        updated.next_questions = ask_again(updated, rubric, questions, limit)
    kept_warnings = [w for w in report.warnings if not w.startswith(OVERRIDE_NOTE)]
    notices = override_notices(updated, from_notes, rubric, asked_again=asked_again) if recorded else []
    updated.warnings = kept_warnings + notices
    return updated


def _overridden_criteria(
    report: QualificationReport,
    readings: Mapping[CriterionName, CriterionResult],
    latest: Mapping[CriterionName, Override],
    rubric: Rubric,
) -> dict[CriterionName, CriterionResult]:
    """Each criterion as read from the notes, or as its override sets it (dates count from the call)."""
    call_date = report.metadata.call_date if report.metadata else dt.date.today()
    return {
        name: overridden_reading(latest[name], readings[name], rubric, call_date)
        if name in latest
        else readings[name]
        for name in CRITERIA
    }


def _recorded(override: Override, notes: CriterionResult) -> Override:
    """The override as kept on the report: with what the notes said, so it can be withdrawn."""
    update: dict[str, object] = {"previous": notes.status}
    if override.value is not None:
        update |= {"previous_value": notes.value, "previous_reason": notes.reason}
    return override.model_copy(update=update)


def _gap_statuses(report: QualificationReport) -> dict[CriterionName, Status]:
    return {name: report.criteria[name].status for name in report.gaps}


def ask_again(report: QualificationReport, rubric: Rubric, questions: QuestionBank, limit: int) -> list[str]:
    """The next questions for the report's gaps from the question bank, in the notes' language."""
    language = report.metadata.language if report.metadata else "en"
    return choose_questions(asking_for(report.criteria, rubric, language), questions, rubric, limit)


def override_notices(
    report: QualificationReport,
    from_notes: Mapping[CriterionName, Status],
    rubric: Rubric,
    *,
    asked_again: bool = False,
) -> list[str]:
    """What a rep must know once an override moved the verdict or the gaps the run planned for."""
    before = decide_verdict(from_notes, score_statuses(from_notes, rubric), rubric)
    notices: list[str] = []
    if before == "disqualified" and report.verdict != "disqualified":
        notices.append(
            f"{OVERRIDE_NOTE}the notes disqualified this lead, so no specialists were recommended; "
            "the recommendations stay as the run made them: choose specialists by hand, or "
            "qualify notes that show the corrected facts"
        )
    if report.verdict == "disqualified" and before != "disqualified" and report.recommendations:
        notices.append(
            f"{OVERRIDE_NOTE}the lead is now disqualified; the specialists listed were recommended "
            "before the override: do not bring them in unless the override is withdrawn"
        )
    gaps_before = find_gaps(from_notes)
    if set(gaps_before) != set(report.gaps):
        planned = ", ".join(gaps_before) or "none"
        if asked_again:
            now = ", ".join(report.gaps) or "none"
            notices.append(
                f"{OVERRIDE_NOTE}the next questions follow the overridden gaps ({now}), from the question "
                f"bank; the playbook passages were chosen for the gaps in the notes ({planned})"
            )
        else:
            notices.append(
                f"{OVERRIDE_NOTE}the next questions and playbook passages were chosen for the gaps in "
                f"the notes ({planned}), not for the overridden statuses"
            )
    return notices
