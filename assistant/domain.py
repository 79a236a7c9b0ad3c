"""The words every layer shares: criterion names, statuses, roles, verdicts, money, findings.

They sit below the jobs so the knowledge schemas, the offline readers and the LLM gateway can
name a criterion or an amount without importing a job; the report contract that uses them is
`assistant/qualify/schemas.py` (docs/contracts.md).
"""

from __future__ import annotations

from typing import Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field

CriterionName = Literal["title", "problem", "industry", "size", "budget", "timeline"]
CRITERIA: tuple[CriterionName, ...] = ("title", "problem", "industry", "size", "budget", "timeline")
Status = Literal["met", "partial", "missing", "unfit"]
Verdict = Literal["sales_qualified", "nurture", "disqualified"]
Role = Literal["specialist_ae", "sales_engineer", "industry_expert", "channel_ae", "csm", "renewal_rep"]
ROLES: tuple[Role, ...] = (
    "specialist_ae",
    "sales_engineer",
    "industry_expert",
    "channel_ae",
    "csm",
    "renewal_rep",
)


class Money(BaseModel):
    """An amount as the prospect gave it; ranges keep both ends, thresholds use the low end."""

    model_config = ConfigDict(extra="forbid")

    amount: float = Field(ge=0)
    currency: str | None = Field(default=None, description="ISO 4217 code when one was named.")
    amount_max: float | None = Field(default=None, ge=0)
    approximate: bool = False


CriterionValue: TypeAlias = Money | int | str | None


class LLMUsage(BaseModel):
    """Token, latency and cost figures of the model calls behind one report."""

    model_config = ConfigDict(extra="forbid")

    model: str
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float = 0.0
    cost_usd: float | None = None


class CriterionFinding(BaseModel):
    """What an engine read for one criterion, before the rubric judges it.

    Numeric facts (employees, budget amount and approval, months to decision) are kept apart
    from the proposed status so the rubric, not the engine or a model, applies the thresholds.
    """

    model_config = ConfigDict(extra="forbid")

    criterion: CriterionName
    proposed: Status = "missing"
    value: CriterionValue = None
    evidence: list[str] = Field(default_factory=list)
    confidence: float = Field(default=0.5, ge=0, le=1)
    reason: str = ""
    employees: int | None = None
    budget: Money | None = None
    budget_approved: bool | None = None
    months: float | None = None
    industry_key: str | None = None
    needs_review: bool = False
    review_reason: str = ""
