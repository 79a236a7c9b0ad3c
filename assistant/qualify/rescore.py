"""Re-score saved qualification reports under an edited rubric, so enablement sees what would change.

Which reading is re-judged, and why. A saved report keeps the values the rubric judged (the
employees, the budget as Money, the decision date, the industry's label) and those came from
code, so size, budget, timeline and the industry's tier are re-judged from them, under the
current rubric ("now") and the edited one ("if saved"). Re-reading the notes instead would
also re-run today's readers, or for a report an LLM made replace the model's reading with the
rules', and mix changes that have nothing to do with the rubric into the preview.

Patterns are the exception: which industry keywords match, and which title tier a contact
earns, depend on the words around them ("not the decision maker", "they sell to banks"). Where
the notes were saved, the offline readers read them under both rubrics and the edited reading
is taken only where the two differ; without notes the saved title is matched against the
patterns. Either way an unedited rubric changes nothing. Overrides people saved on a report
are applied again on both sides, so they keep deciding what they decided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, Field, ValidationError

from assistant.domain import CRITERIA, CriterionName, Money, Status, Verdict
from assistant.extract.authority import read_title
from assistant.extract.budget import read_budget
from assistant.extract.cues import compile_terms
from assistant.extract.dates import months_between
from assistant.extract.document import NoteDocument, read_notes
from assistant.extract.industry import read_industry
from assistant.history import SavedRecord
from assistant.knowledge.schemas import IndustryDef, Rubric
from assistant.qualify.overrides import apply_overrides, statuses_from_notes
from assistant.qualify.rubric import budget_amount_status, size_status, timeline_status
from assistant.qualify.schemas import QualificationReport
from assistant.text.decoding import InputError, clean_notes
from assistant.text.fold import fold

_TIER_STATUS: dict[str, Status] = {"target": "met", "other": "partial", "excluded": "unfit"}
_TITLE_TIERS: tuple[Status, ...] = ("unfit", "met", "partial")

Judgments = tuple[Status | None, Status | None]
"""(under the current rubric, under the edited one); None keeps the saved status."""


class RescoredReport(BaseModel):
    """One saved report under the current and the edited rubric."""

    record_id: int
    account: str
    saved_at: dt.datetime
    saved_verdict: Verdict = Field(description="The verdict stored with the report.")
    old_score: float = Field(description="Score under the current rubric.")
    new_score: float = Field(description="Score under the edited rubric.")
    old_verdict: Verdict
    new_verdict: Verdict
    changed: bool = Field(description="Whether the edit changes the verdict.")
    changes: list[str] = Field(default_factory=list, description="Criteria whose status the edit changes.")
    overrides: int = Field(default=0, description="Overrides kept from the saved report.")


class RescorePreview(BaseModel):
    """Every saved qualification re-scored, plus records that could not be read."""

    reports: list[RescoredReport]
    skipped: list[str] = Field(default_factory=list)

    @property
    def changed(self) -> list[RescoredReport]:
        """The reports whose verdict the edit changes."""
        return [report for report in self.reports if report.changed]


@dataclass(frozen=True)
class Reading:
    """What a report can be re-judged from besides its values: the saved notes, and the call date."""

    notes: NoteDocument | None
    call_date: dt.date | None


@dataclass(frozen=True)
class Rescored:
    """A report under the current rubric, under the edited one, and the criteria that differ."""

    old: QualificationReport
    new: QualificationReport
    changes: list[str]


def preview_rescore(
    records: Iterable[SavedRecord], current: Rubric, edited: Rubric, *, max_note_chars: int = 1_000_000
) -> RescorePreview:
    """Re-score each saved qualification report under `current` and `edited`."""
    reports: list[RescoredReport] = []
    skipped: list[str] = []
    for record in records:
        if record.kind != "qualification":
            continue
        try:
            report = QualificationReport.model_validate(record.payload)
        except ValidationError as exc:
            skipped.append(
                f"{record.account_name} (record {record.id}): not a readable report ({exc.error_count()} errors)"
            )
            continue
        result = rescore_report(report, current, edited, reading_of(report, record, max_note_chars))
        reports.append(
            RescoredReport(
                record_id=record.id,
                account=record.account_name,
                saved_at=record.created_at,
                saved_verdict=report.verdict,
                old_score=result.old.score,
                new_score=result.new.score,
                old_verdict=result.old.verdict,
                new_verdict=result.new.verdict,
                changed=result.old.verdict != result.new.verdict,
                changes=result.changes,
                overrides=len(report.overrides),
            )
        )
    return RescorePreview(reports=reports, skipped=skipped)


def rescore_report(
    report: QualificationReport, current: Rubric, edited: Rubric, reading: Reading | None = None
) -> Rescored:
    """The report under both rubrics (overrides re-applied), and a line per criterion that differs."""
    reading = reading or Reading(None, report.metadata.call_date if report.metadata else None)
    from_notes = statuses_from_notes(report)
    old_statuses, new_statuses = dict(from_notes), dict(from_notes)
    for name in CRITERIA:
        old, new = _judgments(name, report, current, edited, reading)
        old_statuses[name] = old or from_notes[name]
        new_statuses[name] = new or from_notes[name]
    old_report, new_report = _with(report, old_statuses, current), _with(report, new_statuses, edited)
    changes = [
        f"{name}: {old_statuses[name]} → {new_statuses[name]}{_overridden(report, name)}"
        for name in CRITERIA
        if old_statuses[name] != new_statuses[name]
    ]
    return Rescored(old_report, new_report, changes)


def reading_of(report: QualificationReport, record: SavedRecord, max_note_chars: int = 1_000_000) -> Reading:
    """The saved notes split into clauses (if any), and the date relative dates counted from."""
    call_date = report.metadata.call_date if report.metadata else record.created_at.date()
    if not record.source_text:
        return Reading(None, call_date)
    try:
        text, _ = clean_notes(record.source_text, max_note_chars)
    except InputError:
        return Reading(None, call_date)
    return Reading(read_notes(text), call_date)


def _with(
    report: QualificationReport, statuses: dict[CriterionName, Status], rubric: Rubric
) -> QualificationReport:
    """The report with these statuses read from the notes, its overrides applied under `rubric`."""
    criteria = {
        name: result.model_copy(update={"status": statuses[name]}) for name, result in report.criteria.items()
    }
    from_notes = report.model_copy(update={"criteria": criteria, "overrides": []})
    return apply_overrides(from_notes, report.overrides, rubric)


def _overridden(report: QualificationReport, name: CriterionName) -> str:
    """A note that a person's override still decides this criterion."""
    overrides = [o for o in report.overrides if o.criterion == name]
    if not overrides:
        return ""
    last = overrides[-1]
    to = last.status or f"the value {last.value}"
    return f" (the saved override to {to} still applies)"


def _judgments(
    name: CriterionName, report: QualificationReport, current: Rubric, edited: Rubric, reading: Reading
) -> Judgments:
    """How each rubric judges one criterion of a saved report."""
    value = report.criteria[name].value
    if name == "size" and isinstance(value, int):
        return size_status(value, current), size_status(value, edited)
    if name == "budget" and isinstance(value, Money):
        approved = _approved(report, reading)
        return budget_amount_status(value.amount, approved, current), budget_amount_status(
            value.amount, approved, edited
        )
    if name == "timeline":
        months = _months(value, reading.call_date)
        return (
            (None, None)
            if months is None
            else (timeline_status(months, current), timeline_status(months, edited))
        )
    if name == "industry":
        return _industry(value, current, edited, reading)
    if name == "title":
        return _title(value, current, edited, reading)
    return None, None


def _industry(value: object, current: Rubric, edited: Rubric, reading: Reading) -> Judgments:
    """The saved industry's tier in each rubric; a keyword edit that changes what the notes say wins."""
    old = new = None
    if isinstance(value, str) and (industry := _industry_of(value, current)) is not None:
        same = edited.industry(industry.key) or _industry_of(value, edited)
        old, new = _TIER_STATUS[industry.tier], _TIER_STATUS[same.tier] if same else "missing"
    if reading.notes is not None:
        before, after = read_industry(reading.notes, current), read_industry(reading.notes, edited)
        if (before.industry_key, before.proposed) != (after.industry_key, after.proposed):
            new = after.proposed
    return old, new


def _industry_of(label: str, rubric: Rubric) -> IndustryDef | None:
    """The rubric industry a saved label names: by label or key, else by its keywords."""
    wanted = fold(label)
    named = [item for item in rubric.industries if wanted in (fold(item.label), item.key)]
    if named:
        return named[0]
    return next(
        (item for item in rubric.industries if compile_terms(tuple(item.keywords)).search(wanted)), None
    )


def _title(value: object, current: Rubric, edited: Rubric, reading: Reading) -> Judgments:
    """The saved status stands unless the edited title patterns read the contact differently."""
    if reading.notes is not None:
        before, after = (
            read_title(reading.notes, current).proposed,
            read_title(reading.notes, edited).proposed,
        )
    elif isinstance(value, str):
        before, after = _title_tier(value, current), _title_tier(value, edited)
    else:
        return None, None
    return (None, after) if before != after else (None, None)


def _approved(report: QualificationReport, reading: Reading) -> bool:
    """Whether the saved budget was approved: from how the rubric judged it, else from the notes."""
    reason = report.criteria["budget"].reason
    if "not yet approved" in reason:
        return False
    if statuses_from_notes(report)["budget"] == "met" or " approved" in reason:
        return True
    if reading.notes is not None:
        return bool(read_budget(reading.notes).budget_approved)
    return False  # never approved on a guess: an unknown approval cannot earn "met"


def _months(value: object, call_date: dt.date | None) -> float | None:
    """Months from the call to the decision: a saved ISO date against the call date, or a count."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, str) or call_date is None:
        return None
    try:
        decided = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return round(months_between(call_date, decided), 1)


def _title_tier(value: str, rubric: Rubric) -> Status:
    """The tier a saved title text matches (unfit first, as the reader ranks them)."""
    folded = fold(value)
    tiers = {"met": rubric.titles.met, "partial": rubric.titles.partial, "unfit": rubric.titles.unfit}
    for tier in _TITLE_TIERS:
        if tiers[tier] and compile_terms(tuple(tiers[tier])).search(folded):
            return tier
    return "missing"
