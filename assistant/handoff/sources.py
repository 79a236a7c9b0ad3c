"""Build the sources a brief cites: notes as given, and a qualification report as citable text.

A qualification report is turned into plain text that contains each evidence quote verbatim,
so a "why they bought" line can cite the report itself, not only the call notes behind it.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.domain import CRITERIA, CriterionName, Money, Status
from assistant.handoff.schemas import SourceDocument, SourceInfo, SourceKind
from assistant.qualify.schemas import QualificationReport

KIND_WORDS: dict[SourceKind, str] = {
    "call_notes": "call notes",
    "deal_notes": "deal notes",
    "qualification": "qualification",
}


def default_label(kind: SourceKind, date: dt.date | None) -> str:
    """A short reference such as 'deal notes 2026-11-20'."""
    words = KIND_WORDS[kind]
    return f"{words} {date.isoformat()}" if date else words


def notes_source(
    text: str, kind: SourceKind, *, id: str, date: dt.date | None = None, label: str | None = None
) -> SourceDocument:
    """Call notes or deal notes as a citable source."""
    return SourceDocument(id=id, kind=kind, label=label or default_label(kind, date), text=text, date=date)


def _value_text(value: object) -> str:
    if isinstance(value, Money):
        currency = f"{value.currency} " if value.currency else ""
        return f"{currency}{value.amount:,.0f}"
    return "" if value is None else str(value)


def qualification_text(report: QualificationReport) -> str:
    """The report as lines of text; every evidence quote appears verbatim on its own line."""
    lines = [f"Qualification report: verdict {report.verdict}, score {report.score:g}"]
    for name in CRITERIA:
        result = report.criteria[name]
        value = _value_text(result.value)
        lines.append(f"{name}: {result.status}" + (f" ({value})" if value else ""))
        lines.extend(f"- evidence: {' '.join(quote.split())}" for quote in result.evidence)
    return "\n".join(lines) + "\n"


def qualification_source(
    report: QualificationReport, *, id: str = "qualification-1", date: dt.date | None = None
) -> SourceDocument:
    """A saved qualification report as a citable source (dated by its call date by default)."""
    when = date or (report.metadata.call_date if report.metadata else None)
    return SourceDocument(
        id=id,
        kind="qualification",
        label=default_label("qualification", when),
        text=qualification_text(report),
        date=when,
    )


def source_info(source: SourceDocument) -> SourceInfo:
    """What the brief lists about a source."""
    return SourceInfo(id=source.id, kind=source.kind, label=source.label, date=source.date)


_CRITERION_LINE = re.compile(r"^(title|problem|industry|size|budget|timeline): (met|partial|missing|unfit)\b")
_EVIDENCE_LINE = re.compile(r"^- evidence: (.+)$")


def qualification_evidence(source: SourceDocument) -> list[tuple[CriterionName, Status, str]]:
    """(criterion, status, quote) read back from a qualification source's text."""
    found: list[tuple[CriterionName, Status, str]] = []
    current: tuple[CriterionName, Status] | None = None
    for line in source.text.splitlines():
        criterion = _CRITERION_LINE.match(line)
        if criterion:
            current = (criterion.group(1), criterion.group(2))  # type: ignore[assignment]
            continue
        evidence = _EVIDENCE_LINE.match(line)
        if evidence and current:
            found.append((current[0], current[1], evidence.group(1)))
    return found


def free_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`... when a source already has that id (ids are what quotes cite)."""
    ident, number = wanted, 1
    while ident in taken:
        number += 1
        ident = f"{wanted}-{number}"
    return ident
