"""The renewal graph's state: the input, what each node adds, and the output, kept apart."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping
from typing import Annotated, Any, TypedDict

from assistant.library.passages import PlaybookPassage
from assistant.renewal.advisor import RenewalAdvice
from assistant.renewal.facts import RenewalFacts
from assistant.renewal.schemas import (
    ExpansionPlay,
    HealthAssessment,
    InvolvedPerson,
    NegotiationGuidance,
    RenewalPlan,
    TimelineEntry,
)


class RenewalInput(TypedDict):
    account: str
    facts: RenewalFacts
    as_of: dt.date
    history: Mapping[str, Any] | None


class RenewalUpdate(TypedDict, total=False):
    """What a node returns: the part of the state it computed (`warnings` accumulate)."""

    checked_facts: RenewalFacts
    started: float
    days_to_renewal: int
    health: HealthAssessment
    timeline: list[TimelineEntry]
    plays: list[ExpansionPlay]
    negotiation: NegotiationGuidance
    people: list[InvolvedPerson]
    passages: list[PlaybookPassage]
    advice: RenewalAdvice
    warnings: Annotated[list[str], operator.add]
    plan: RenewalPlan


class RenewalState(RenewalInput, RenewalUpdate):
    """The run's state: the input plus whatever the nodes have computed so far."""


class RenewalOutput(TypedDict):
    plan: RenewalPlan
