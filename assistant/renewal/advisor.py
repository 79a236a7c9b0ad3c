"""Advisors turn the computed plan into words: talking points, negotiation wording, risk narrative.

The graph takes any object with the `RenewalAdvisor` shape: the offline rules here, or the
LLM advisor. Numbers are never the advisor's: they come from the plan parts it is given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from assistant.domain import LLMUsage
from assistant.knowledge.load import Knowledge
from assistant.library.passages import PlaybookPassage
from assistant.renewal.facts import RenewalFacts
from assistant.renewal.negotiation import guidance_lines
from assistant.renewal.schemas import (
    ExpansionPlay,
    HealthAssessment,
    InvolvedPerson,
    NegotiationGuidance,
    TalkingPoint,
    TimelineEntry,
)
from assistant.renewal.talking_points import select_talking_points, situation_cues
from assistant.text.wording import counted

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class RenewalDraft:
    """The plan parts code computed, which an advisor puts into words."""

    account: str
    as_of: dt.date
    days_to_renewal: int
    health: HealthAssessment
    timeline: list[TimelineEntry]
    plays: list[ExpansionPlay]
    negotiation: NegotiationGuidance
    people: list[InvolvedPerson]


@dataclass
class RenewalAdvice:
    """What an advisor adds to the plan."""

    talking_points: list[TalkingPoint]
    guidance: list[str]
    risk_narrative: str
    engine: str
    warnings: list[str] = field(default_factory=list)
    usage: LLMUsage | None = None


class RenewalAdvisor(Protocol):
    """Anything that words a renewal plan: the offline rules, or an LLM."""

    name: str

    def advise(
        self, facts: RenewalFacts, draft: RenewalDraft, passages: list[PlaybookPassage], knowledge: Knowledge
    ) -> RenewalAdvice: ...


def admins_changed(facts: RenewalFacts) -> bool:
    """Whether the customer's administrators changed (a certification cue)."""
    return any(p.role == "admin" and p.change != "none" for p in facts.stakeholders)


def risk_narrative(draft: RenewalDraft) -> str:
    """The churn risk, its main drivers and the time left, in two or three sentences."""
    health = draft.health
    weak = [f"{d.factor.replace('_', ' ')} ({d.fact})" for d in health.drivers if d.direction == "negative"]
    strong = [f"{d.factor.replace('_', ' ')} ({d.fact})" for d in health.drivers if d.direction == "positive"]
    parts = [f"{health.churn_risk.capitalize()} churn risk: health {health.score:g}/100 ({health.reason})."]
    if weak:
        parts.append(f"Risks: {'; '.join(weak[:3])}.")
    if strong:
        parts.append(f"Strengths: {'; '.join(strong[:2])}.")
    compressed = [e for e in draft.timeline if e.status in ("compressed", "overdue")]
    if draft.days_to_renewal < 0:
        parts.append(f"The renewal date passed {counted(-draft.days_to_renewal, 'day')} ago.")
    elif compressed:
        parts.append(
            f"{counted(draft.days_to_renewal, 'day')} to renewal; {counted(len(compressed), 'milestone')} compressed."
        )
    else:
        parts.append(f"{draft.days_to_renewal} days to renewal; every milestone is on schedule.")
    return " ".join(parts)


class OfflineRenewalAdvisor:
    """Rules and retrieved passages: deterministic, no key, no network."""

    name = "offline"

    def advise(
        self, facts: RenewalFacts, draft: RenewalDraft, passages: list[PlaybookPassage], knowledge: Knowledge
    ) -> RenewalAdvice:
        """Talking points picked from the passages; guidance and narrative from the computed figures."""
        cues = situation_cues(draft.health, draft.plays, admins_changed(facts))
        return RenewalAdvice(
            talking_points=select_talking_points(passages, cues),
            guidance=guidance_lines(facts, draft.health, draft.negotiation, draft.plays, draft.timeline),
            risk_narrative=risk_narrative(draft),
            engine=self.name,
        )
