"""Engines read notes into findings; the graph takes any object with this shape."""

from __future__ import annotations

import datetime as dt
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
    """Rules, lexicons and the rubric: deterministic, no key, no network."""

    name = "offline"

    def extract(
        self,
        doc: NoteDocument,
        call_date: dt.date,
        knowledge: Knowledge,
        passages: list[PlaybookPassage],
    ) -> Extraction:
        """Read every criterion with its own reader."""
        rubric = knowledge.rubric
        findings: dict[CriterionName, CriterionFinding] = {
            criterion.name: criterion.read(doc, call_date, rubric) for criterion in criteria()
        }
        review_findings(doc, findings)
        return Extraction(findings=findings, engine=self.name)
