"""The qualify graph's state: the input, what each node adds, and the output, kept apart."""

from __future__ import annotations

import datetime as dt
import operator
from typing import Annotated, TypedDict

from assistant.domain import CriterionName, Role, Verdict
from assistant.extract.document import NoteDocument
from assistant.library.passages import PlaybookPassage
from assistant.qualify.engine import Extraction
from assistant.qualify.questions import RetrievalPlan
from assistant.qualify.schemas import CriterionResult, QualificationReport, Recommendation


class QualifyInput(TypedDict):
    notes: str
    call_date: dt.date


class QualifyUpdate(TypedDict, total=False):
    """What a node returns: the part of the state it computed (`warnings` accumulate)."""

    started: float
    document: NoteDocument
    extraction: Extraction
    criteria: dict[CriterionName, CriterionResult]
    score: float
    verdict: Verdict
    gaps: list[CriterionName]
    roles: list[Role]
    recommendations: list[Recommendation]
    plan: RetrievalPlan
    passages: list[list[PlaybookPassage]]
    warnings: Annotated[list[str], operator.add]
    report: QualificationReport


class QualifyState(QualifyInput, QualifyUpdate):
    """The run's state: the input plus whatever the nodes have computed so far."""


class QualifyOutput(TypedDict):
    report: QualificationReport
