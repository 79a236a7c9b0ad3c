"""The renewal and upsell plan and its parts, as JSON prints them; every number is computed by code."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain import LLMUsage, Money
from assistant.knowledge.renewal_policy import ChurnRisk, HealthFactor, OwnerRole
from assistant.library.citations import Citation

Direction = Literal["positive", "neutral", "negative"]
MilestoneStatus = Literal["done", "on_schedule", "compressed", "overdue"]
PlayKind = Literal["seats", "capacity", "add_on", "premium_services"]
Side = Literal["ours", "customer"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HealthDriver(_Strict):
    """One factor of the health score, the points it earned and the fact behind it."""

    factor: HealthFactor | Literal["days_to_renewal"]
    direction: Direction
    weight: float = Field(description="Points this factor can add to the score.")
    points: float = Field(description="Points it added.")
    fact: str


class HealthAssessment(_Strict):
    score: float = Field(ge=0, le=100)
    churn_risk: ChurnRisk
    drivers: list[HealthDriver]
    reason: str = Field(description="Why the churn risk is what it is, in one sentence.")


class TimelineEntry(_Strict):
    """A milestone dated from the renewal; `nominal_date` is where its T-offset would put it."""

    key: str
    label: str
    days_before: int
    nominal_date: dt.date
    date: dt.date
    status: MilestoneStatus
    owners: list[OwnerRole]
    purpose: str = ""
    note: str = ""


class ExpansionPlay(_Strict):
    """One way to grow the second agreement, sized and justified by the facts."""

    kind: PlayKind
    title: str
    product: str | None = Field(default=None, description="Product line or package key.")
    size: str = Field(description="Seats, package tier or scope, in words.")
    seats: int | None = None
    annual_amount: Money | None = Field(default=None, description="Recurring value per year.")
    one_time_amount: Money | None = Field(default=None, description="Premium services, billed once.")
    outcome: str = Field(default="", description="What a services package leaves behind.")
    justification: list[str] = Field(min_length=1, description="The facts that drove the play.")
    owner: OwnerRole


class InvolvedPerson(_Strict):
    """Who to involve, when and why; ours from the roster, theirs from the stakeholders."""

    side: Side
    role: str
    name: str | None = Field(description="None when the roster has nobody for the role.")
    title: str = ""
    when: str = Field(description="Milestone or date to involve them by.")
    why: str


class TermOption(_Strict):
    name: str
    term_months: int
    annual_amount: Money
    total_contract_value: Money
    price_hold: bool
    includes: list[str] = Field(default_factory=list)


class NegotiationGuidance(_Strict):
    """Size and duration of the second agreement; the wording may come from an advisor."""

    recommended_term_months: int
    uplift_min_pct: float
    uplift_max_pct: float
    current_arr: Money
    expansion_arr: Money
    one_time_services: Money
    seat_floor: int = Field(description="Seats never to go below: today's active users.")
    options: list[TermOption]
    trades: list[str]
    guidance: list[str] = Field(default_factory=list)


class TalkingPoint(_Strict):
    text: str
    citation: Citation


class RenewalMetadata(_Strict):
    policy_version: str = ""
    elapsed_ms: float = 0.0
    llm: LLMUsage | None = None
    history_used: list[str] = Field(default_factory=list)


class RenewalPlan(_Strict):
    """What `sales-assistant renewal ACCOUNT --facts FILE --format json` prints."""

    account: str
    as_of: dt.date
    renewal_date: dt.date
    days_to_renewal: int = Field(description="Negative when the renewal date has passed.")
    health: HealthAssessment
    risk_narrative: str = ""
    timeline: list[TimelineEntry]
    expansion_plays: list[ExpansionPlay] = Field(default_factory=list)
    people: list[InvolvedPerson] = Field(default_factory=list)
    negotiation: NegotiationGuidance
    talking_points: list[TalkingPoint] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    engine: str = "offline"
    warnings: list[str] = Field(default_factory=list)
    metadata: RenewalMetadata = Field(default_factory=RenewalMetadata)
