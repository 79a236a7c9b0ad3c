"""What the saved qualifications say about the team's discovery, for the Insights page.

Pure functions over saved records: verdicts over time, the criteria most often missing (the
questions SDRs forget to ask), recommendations by role, overrides by criterion, and the
overridden reports exported as labelled cases in the format of the evaluation set, so a team
grows its own regression cases from the corrections its people make.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import yaml
from pydantic import BaseModel, ConfigDict

from assistant.domain import CRITERIA, ROLES
from assistant.qualify.schemas import QualificationReport


class QualificationRecord(Protocol):
    """The parts of a saved history record the insights read."""

    @property
    def id(self) -> int: ...
    @property
    def account_name(self) -> str: ...
    @property
    def created_at(self) -> dt.datetime: ...
    @property
    def payload(self) -> dict[str, Any]: ...
    @property
    def source_text(self) -> str | None: ...


class VerdictWeek(BaseModel):
    """How many qualifications ended in each verdict during one ISO week."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    week: dt.date
    sales_qualified: int = 0
    nurture: int = 0
    disqualified: int = 0


class CountRow(BaseModel):
    """One bar of a chart: a label and how often it happened."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    count: int
    share: float


class TeamInsights(BaseModel):
    """Everything the Insights page charts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reports: int
    verdicts_by_week: list[VerdictWeek]
    missing_criteria: list[CountRow]
    recommendations_by_role: list[CountRow]
    overrides_by_criterion: list[CountRow]


def readable_reports(
    records: Iterable[QualificationRecord],
) -> list[tuple[QualificationRecord, QualificationReport]]:
    """Saved records whose payload still validates as a report (older or foreign ones are skipped)."""
    readable = []
    for record in records:
        try:
            readable.append((record, QualificationReport.model_validate(record.payload)))
        except ValueError:
            continue
    return readable


def summarise(records: Sequence[QualificationRecord]) -> TeamInsights:
    """The charts' numbers over every readable qualification in `records`."""
    pairs = readable_reports(records)
    reports = [report for _, report in pairs]
    missing: Counter[str] = Counter(
        name for report in reports for name in CRITERIA if report.criteria[name].status == "missing"
    )
    roles: Counter[str] = Counter(rec.role for report in reports for rec in report.recommendations)
    overridden = Counter(str(item.get("criterion", "?")) for report in reports for item in _overrides(report))
    return TeamInsights(
        reports=len(reports),
        verdicts_by_week=_verdicts_by_week(pairs),
        missing_criteria=_rows(missing, len(reports), CRITERIA),
        recommendations_by_role=_rows(roles, len(reports), ROLES),
        overrides_by_criterion=_rows(overridden, len(reports), CRITERIA),
    )


def _overrides(report: QualificationReport) -> list[Mapping[str, Any]]:
    """The overrides saved with a report, as plain mappings (absent on older reports)."""
    items = getattr(report, "overrides", None) or []
    return [item.model_dump() if isinstance(item, BaseModel) else dict(item) for item in items]


def _week_of(record: QualificationRecord, report: QualificationReport) -> dt.date:
    """Monday of the call's week (the save date when the report has no call date)."""
    day = report.metadata.call_date if report.metadata else record.created_at.date()
    return day - dt.timedelta(days=day.weekday())


def _verdicts_by_week(pairs: Sequence[tuple[QualificationRecord, QualificationReport]]) -> list[VerdictWeek]:
    """Verdict counts per week, oldest week first, weeks without calls left out."""
    weeks: dict[dt.date, Counter[str]] = {}
    for record, report in pairs:
        weeks.setdefault(_week_of(record, report), Counter())[report.verdict] += 1
    return [VerdictWeek(week=week, **counts) for week, counts in sorted(weeks.items())]


def _rows(counts: Counter[str], total: int, order: Sequence[str]) -> list[CountRow]:
    """Count rows for every known label (zeros included, so charts keep their axes), most first."""
    labels = list(order) + sorted(set(counts) - set(order))
    rows = [
        CountRow(
            label=label,
            count=counts.get(label, 0),
            share=round(counts.get(label, 0) / total, 3) if total else 0.0,
        )
        for label in labels
    ]
    return sorted(rows, key=lambda row: (-row.count, labels.index(row.label)))


def overrides_as_cases(records: Sequence[QualificationRecord]) -> dict[str, list[dict[str, Any]]]:
    """Reports a person corrected, as labelled cases in the evaluation set's format.

    The corrected report is taken as gold: a person reviewed every criterion when overriding
    one, and the statuses they left alone are the ones they accepted. Reports without their
    notes cannot become cases (the notes are the input) and are skipped.
    """
    cases = []
    for record, report in readable_reports(records):
        if not _overrides(report) or not record.source_text:
            continue
        gold: dict[str, Any] = {name: report.criteria[name].status for name in CRITERIA}
        gold["verdict"] = report.verdict
        gold["roles"] = sorted({rec.role for rec in report.recommendations})
        gold["roles_not"] = []
        call_date = report.metadata.call_date if report.metadata else record.created_at.date()
        cases.append(
            {"id": f"override-{record.id}", "call_date": call_date, "notes": record.source_text, "gold": gold}
        )
    return {"cases": cases}


class _LiteralDumper(yaml.SafeDumper):
    """Writes multi-line strings as `|` blocks, as the evaluation set does for its notes."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _represent_text)


def cases_to_yaml(cases: dict[str, list[dict[str, Any]]]) -> str:
    """The exported cases as YAML that the evaluation scorer reads."""
    header = "# Cases exported from reviewed overrides (gold = the corrected report).\n"
    body = yaml.dump(cases, Dumper=_LiteralDumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body
