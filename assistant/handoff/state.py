"""The handoff graph's state: the input, what each node adds, and the output, kept apart."""

from __future__ import annotations

import datetime as dt
import operator
from typing import Annotated, NotRequired, TypedDict

from assistant.handoff.reading import DealReading
from assistant.handoff.schemas import (
    AgendaItem,
    Assignment,
    HoldoutAdvice,
    SourceDocument,
    TransitionBrief,
)
from assistant.library.passages import PlaybookPassage
from assistant.qualify.schemas import QualificationReport


class HandoffInput(TypedDict):
    account: str
    sources: list[SourceDocument]
    as_of: dt.date
    qualification: NotRequired[QualificationReport | None]


class HandoffUpdate(TypedDict, total=False):
    """What a node returns: the part of the state it computed (`warnings` accumulate)."""

    started: float
    documents: list[SourceDocument]
    reading: DealReading
    assignments: list[Assignment]
    holdout: HoldoutAdvice
    hits: dict[str, list[PlaybookPassage]]
    questions: list[str]
    internal_agenda: list[AgendaItem]
    intro_agenda: list[AgendaItem]
    warnings: Annotated[list[str], operator.add]
    brief: TransitionBrief


class HandoffState(HandoffInput, HandoffUpdate):
    """The run's state: the input plus whatever the nodes have computed so far."""


class HandoffOutput(TypedDict):
    brief: TransitionBrief
