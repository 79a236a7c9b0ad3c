"""People correct a criterion's status; the rubric, not the person, then decides score and verdict.

An override never rewrites what the notes said: the evidence, value and reason stay, the
status the notes gave is kept in `Override.previous`, and applying a new list of overrides
always starts again from those statuses, so an override can be withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assistant.domain import CRITERIA, CriterionName, Status
from assistant.knowledge.schemas import Rubric
from assistant.qualify.rubric import decide_verdict, find_gaps, score_statuses
from assistant.qualify.schemas import Override, QualificationReport

OVERRIDE_NOTE = "Override: "
"""Prefix of the warnings this module writes, so a new application can replace them."""


def statuses_from_notes(report: QualificationReport) -> dict[CriterionName, Status]:
    """The statuses the engine read from the notes, before any override recorded on the report."""
    statuses = {name: result.status for name, result in report.criteria.items()}
    for override in report.overrides:
        if override.previous is not None:
            statuses[override.criterion] = override.previous
    return statuses


def merge_override(current: Iterable[Override], new: Override, report: QualificationReport) -> list[Override]:
    """The override list after `new`: it replaces one on the same criterion, and a status equal
    to what the notes gave withdraws the override instead of recording a no-op."""
    kept = [override for override in current if override.criterion != new.criterion]
    if new.status == statuses_from_notes(report)[new.criterion]:
        return kept
    return [*kept, new]


def apply_overrides(
    report: QualificationReport, overrides: Iterable[Override], rubric: Rubric
) -> QualificationReport:
    """The report with these statuses overridden and score, verdict and gaps recomputed.

    Overrides already on `report` are undone first; the last override per criterion wins, and
    one equal to the status from the notes is dropped. Recommendations, questions and playbook
    passages stay as the run made them; a warning says when they no longer fit the new verdict.
    """
    from_notes = statuses_from_notes(report)
    latest = {o.criterion: o for o in overrides if o.status != from_notes[o.criterion]}
    statuses = {name: latest[name].status if name in latest else from_notes[name] for name in CRITERIA}
    score = score_statuses(statuses, rubric)
    verdict = decide_verdict(statuses, score, rubric)
    criteria = {
        name: result.model_copy(
            update={"status": statuses[name], "needs_review": result.needs_review and name not in latest}
        )
        for name, result in report.criteria.items()
    }
    recorded = [o.model_copy(update={"previous": from_notes[o.criterion]}) for o in latest.values()]
    updated = report.model_copy(
        update={
            "criteria": criteria,
            "score": score,
            "verdict": verdict,
            "gaps": find_gaps(statuses),
            "overrides": recorded,
            "review": [line for line in report.review if line.split(":", 1)[0] not in latest],
        }
    )
    updated.needs_review = bool(updated.review) or any(r.needs_review for r in criteria.values())
    kept_warnings = [w for w in report.warnings if not w.startswith(OVERRIDE_NOTE)]
    notices = override_notices(updated, from_notes, rubric) if recorded else []
    updated.warnings = kept_warnings + notices
    return updated


def override_notices(
    report: QualificationReport, from_notes: Mapping[CriterionName, Status], rubric: Rubric
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
        notices.append(
            f"{OVERRIDE_NOTE}the next questions and playbook passages were chosen for the gaps in "
            f"the notes ({planned}), not for the overridden statuses"
        )
    return notices
