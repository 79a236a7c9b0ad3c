"""Models of what enablement edits in knowledge/: rubric, roster, product lines, partners, signals."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.domain import CRITERIA, CriterionName, Role, Status


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def check_patterns(patterns: list[str]) -> list[str]:
    """Reject a pattern that does not compile, so a typo fails at load, not mid-qualification."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"invalid pattern {pattern!r}: {exc}") from exc
    return patterns


class VerdictRules(_Strict):
    qualified_min_score: float = Field(ge=0, le=100)
    qualified_requires_met: list[CriterionName]
    disqualify_if_unfit: list[CriterionName]
    disqualify_if_all_unfit: list[list[CriterionName]] = Field(default_factory=list)


class SizeThresholds(_Strict):
    met_min: int = Field(ge=1, description="Employees at or above this meet the rubric.")
    partial_min: int = Field(ge=1, description="Below this the company is too small (unfit).")

    @model_validator(mode="after")
    def _ordered(self) -> SizeThresholds:
        if self.partial_min > self.met_min:
            raise ValueError("partial_min must not exceed met_min")
        return self


class BudgetThresholds(_Strict):
    met_min: float = Field(ge=0, description="Year-one amount at or above this (any currency).")
    unfit_below: float = Field(ge=0, description="Amounts under this place the lead outside.")

    @model_validator(mode="after")
    def _ordered(self) -> BudgetThresholds:
        if self.unfit_below > self.met_min:
            raise ValueError("unfit_below must not exceed met_min")
        return self


class TimelineThresholds(_Strict):
    met_within_months: float = Field(gt=0)
    partial_within_months: float = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> TimelineThresholds:
        if self.partial_within_months < self.met_within_months:
            raise ValueError("partial_within_months must not be less than met_within_months")
        return self


class TitleTiers(_Strict):
    """Regular expressions (case-insensitive) for job titles, by the status they earn."""

    met: list[str]
    partial: list[str]
    unfit: list[str]

    _valid = field_validator("met", "partial", "unfit")(check_patterns)


class IndustryDef(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    tier: Literal["target", "other", "excluded"]
    keywords: list[str] = Field(min_length=1, description="Regular expressions, case-insensitive.")

    _valid = field_validator("keywords")(check_patterns)


class Rubric(_Strict):
    """The qualification rubric of SPEC section 2, every number editable."""

    version: str
    weights: dict[CriterionName, float]
    status_credit: dict[Status, float]
    verdict: VerdictRules
    size: SizeThresholds
    budget: BudgetThresholds
    timeline: TimelineThresholds
    titles: TitleTiers
    industries: list[IndustryDef] = Field(min_length=1)

    @field_validator("weights")
    @classmethod
    def _weights_cover_criteria(cls, value: dict[CriterionName, float]) -> dict[CriterionName, float]:
        missing = [name for name in CRITERIA if name not in value]
        if missing:
            raise ValueError(f"weights missing for {', '.join(missing)}")
        if any(weight < 0 for weight in value.values()):
            raise ValueError("weights must not be negative")
        if sum(value.values()) <= 0:
            raise ValueError("weights must add up to more than 0")
        return value

    def industry(self, key: str) -> IndustryDef | None:
        """The industry definition with this key, if any."""
        return next((item for item in self.industries if item.key == key), None)


PersonRole = Literal[
    "sdr",
    "ae",
    "specialist_ae",
    "sales_engineer",
    "industry_expert",
    "channel_ae",
    "csm",
    "renewal_rep",
]


class Person(_Strict):
    name: str = Field(min_length=1)
    role: PersonRole
    title: str = ""
    email: str = ""
    regions: list[str] = Field(default_factory=list)
    industries: list[str] = Field(default_factory=list, description="Industry keys of the rubric.")
    product_lines: list[str] = Field(default_factory=list, description="Product line keys.")
    specialties: list[str] = Field(default_factory=list, description="Signal topic keys.")
    languages: list[str] = Field(default_factory=lambda: ["en"])


class Roster(_Strict):
    """The demo team; `regions` maps a region code to places that mark a buyer as being there."""

    people: list[Person] = Field(min_length=1)
    regions: dict[str, list[str]] = Field(default_factory=dict)
    default_region: str = ""

    def by_role(self, role: PersonRole) -> list[Person]:
        """Everyone holding this role, in roster order."""
        return [person for person in self.people if person.role == role]


class ProductLine(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    kind: Literal["core", "add_on", "services"]
    description: str
    sold_by: PersonRole
    signals: list[str] = Field(default_factory=list, description="Needs this line answers (regex).")

    _valid = field_validator("signals")(check_patterns)


class ProductCatalog(_Strict):
    products: list[ProductLine] = Field(min_length=1)


class PartnerTier(_Strict):
    name: str
    requirements: list[str]
    benefits: list[str]


class PartnerProgram(_Strict):
    tiers: list[PartnerTier] = Field(min_length=1)
    partner_types: list[str]
    rules_of_engagement: list[str]


class SignalTopic(_Strict):
    """A topic that calls a role in (SPEC section 3), and the phrases that reveal it."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    role: Role
    label: str
    patterns: list[str] = Field(min_length=1, description="Regular expressions, case-insensitive.")
    needs_industry_expert: bool = Field(
        default=False, description="Only fires when a roster expert covers the lead's industry."
    )

    _valid = field_validator("patterns")(check_patterns)


class SignalBook(_Strict):
    topics: list[SignalTopic] = Field(min_length=1)
