"""Engines read notes into findings; the graph takes any object with this shape."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from assistant.extract.authority import read_title
from assistant.extract.budget import read_budget
from assistant.extract.document import NoteDocument
from assistant.extract.industry import read_industry
from assistant.extract.pain import read_problem
from assistant.extract.review import review_findings
from assistant.extract.size import read_size
from assistant.extract.timeline import read_timeline
from assistant.knowledge import Knowledge
from assistant.schemas import CriterionFinding, CriterionName, LLMUsage


@dataclass
class Extraction:
    """What an engine read from one set of notes."""

    findings: dict[CriterionName, CriterionFinding]
    engine: str
    warnings: list[str] = field(default_factory=list)
    next_questions: list[str] = field(default_factory=list)
    usage: LLMUsage | None = None
    disagreements: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PlaybookPassage:
    """A retrieved passage an engine may read (kept free of the retrieval library)."""

    source: str
    section: str
    text: str


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
            "title": read_title(doc, rubric),
            "problem": read_problem(doc),
            "industry": read_industry(doc, rubric),
            "size": read_size(doc),
            "budget": read_budget(doc),
            "timeline": read_timeline(doc, call_date),
        }
        review_findings(doc, findings)
        return Extraction(findings=findings, engine=self.name)
