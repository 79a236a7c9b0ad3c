"""Engines read notes into findings; the graph takes any object with this shape."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Protocol

from assistant.domain import CriterionFinding, CriterionName, LLMUsage
from assistant.extract.document import NoteDocument
from assistant.extract.review import review_findings
from assistant.knowledge.load import Knowledge
from assistant.library.passages import PlaybookPassage
from assistant.qualify.criteria import criteria


@dataclass
class Extraction:
    """What an engine read from one set of notes."""

    findings: dict[CriterionName, CriterionFinding]
    engine: str
    warnings: list[str] = field(default_factory=list)
    next_questions: list[str] = field(default_factory=list)
    usage: LLMUsage | None = None
    disagreements: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)


class QualificationEngine(Protocol):
    """Anything that reads notes into findings: the offline rules, or an LLM."""

    name: str

    def extract(
        self,
        doc: NoteDocument,
        call_date: dt.date,
        knowledge: Knowledge,
        passages: list[PlaybookPassage],
    ) -> Extraction: ...


class OfflineEngine:
    """Rules, lexicons and the rubric: deterministic, no key, no network.

    Every reader is linear in the note's length, but a megabyte still takes seconds; past the
    time budget the criteria not yet read are left missing and flagged, with a warning, so one
    pasted export cannot hold a batch or the page for minutes.
    """

    name = "offline"

    def __init__(self, time_budget_s: float | None = None) -> None:
        self.time_budget_s = time_budget_s

    def extract(
        self,
        doc: NoteDocument,
        call_date: dt.date,
        knowledge: Knowledge,
        passages: list[PlaybookPassage],
    ) -> Extraction:
        """Read every criterion with its own reader."""
        rubric, started = knowledge.rubric, time.perf_counter()
        findings: dict[CriterionName, CriterionFinding] = {}
        skipped: list[CriterionName] = []
        for criterion in criteria():
            if self.time_budget_s is not None and time.perf_counter() - started > self.time_budget_s:
                skipped.append(criterion.name)
                findings[criterion.name] = _not_read(criterion.name, self.time_budget_s)
            else:
                findings[criterion.name] = criterion.read(doc, call_date, rubric)
        review_findings(doc, findings)
        warnings = [_budget_warning(skipped, self.time_budget_s)] if skipped else []
        return Extraction(findings=findings, engine=self.name, warnings=warnings)


def _not_read(name: CriterionName, budget_s: float | None) -> CriterionFinding:
    return CriterionFinding(
        criterion=name,
        reason="not read: the notes took longer than the time budget",
        needs_review=True,
        review_reason=f"not read within the {budget_s:g} s time budget (ASSISTANT_NOTE_TIME_BUDGET_S)",
    )


def _budget_warning(skipped: list[CriterionName], budget_s: float | None) -> str:
    return (
        f"the notes took longer than the {budget_s:g} s time budget to read: {', '.join(skipped)} "
        "not read (split the notes or keep the part with the call)"
    )
