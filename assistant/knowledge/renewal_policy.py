"""The renewal policy enablement edits in knowledge/renewal.yaml: milestones, health, sizing, terms.

Every number a renewal plan shows (offsets, weights, thresholds, prices, uplift bounds) comes
from this file, so a sales leader changes the plan's rules without a code change.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.knowledge.schemas import check_patterns

HealthFactor = Literal["utilisation", "usage_trend", "support", "sentiment", "stakeholders", "open_issues"]
HEALTH_FACTORS: tuple[HealthFactor, ...] = (
    "utilisation",
    "usage_trend",
    "support",
    "sentiment",
    "stakeholders",
    "open_issues",
)
ChurnRisk = Literal["low", "medium", "high"]
OwnerRole = Literal["renewal_rep", "csm", "ae", "specialist_ae", "sales_engineer", "executive_sponsor"]
PackageTrigger = Literal[
    "low_utilisation", "declining_usage", "admin_changed", "seat_growth", "champion_left"
]
SizeUnit = Literal["users", "admins"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Milestone(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    days_before: int = Field(ge=0, le=730, description="Days before the renewal date (T-minus).")
    owners: list[OwnerRole] = Field(min_length=1)
    purpose: str = ""


class UtilisationBands(_Strict):
    healthy_at: float = Field(gt=0, le=2, description="Active/purchased at or above this scores fully.")
    churn_below: float = Field(gt=0, le=2, description="Below this is a churn signal (playbook: 60%).")
    zero_at: float = Field(ge=0, le=2, description="At or below this the factor scores nothing.")

    @model_validator(mode="after")
    def _ordered(self) -> UtilisationBands:
        if not self.zero_at < self.churn_below <= self.healthy_at:
            raise ValueError("expected zero_at < churn_below <= healthy_at")
        return self


class SupportPenalties(_Strict):
    per_critical: float = Field(ge=0, le=1, description="Share of the factor lost per open sev1 ticket.")
    per_escalation: float = Field(ge=0, le=1)
    open_allowed: int = Field(ge=0, description="Open tickets that cost nothing.")
    per_extra_open: float = Field(ge=0, le=1)


class ChurnThresholds(_Strict):
    high_below: float = Field(ge=0, le=100)
    medium_below: float = Field(ge=0, le=100)
    escalate_within_days: int = Field(
        ge=0, description="A medium risk this close to the renewal counts as high: no time left to fix it."
    )

    @model_validator(mode="after")
    def _ordered(self) -> ChurnThresholds:
        if self.high_below > self.medium_below:
            raise ValueError("high_below must not exceed medium_below")
        return self


class HealthPolicy(_Strict):
    weights: dict[HealthFactor, float]
    utilisation: UtilisationBands
    support: SupportPenalties
    per_open_issue: float = Field(ge=0, le=1)
    churn_risk: ChurnThresholds

    @field_validator("weights")
    @classmethod
    def _cover_factors(cls, value: dict[HealthFactor, float]) -> dict[HealthFactor, float]:
        missing = [name for name in HEALTH_FACTORS if name not in value]
        if missing:
            raise ValueError(f"weights missing for {', '.join(missing)}")
        if any(weight < 0 for weight in value.values()) or abs(sum(value.values()) - 100) > 0.01:
            raise ValueError("weights must be non-negative and add up to 100")
        return value


class SeatExpansion(_Strict):
    utilisation_above: float = Field(gt=0, le=2, description="Propose more seats at or above this.")
    headroom: float = Field(ge=0, le=2, description="Growth room above active seats.")
    round_to: int = Field(ge=1)
    metric_limit_above: float = Field(gt=0, le=2, description="A usage metric this close to its limit.")


class AddOnSizing(_Strict):
    product: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="A product key of products.yaml.")
    share_of_core_arr: float = Field(gt=0, le=5, description="Annual price as a share of the current ARR.")


class PackageTier(_Strict):
    name: str
    up_to: int | None = Field(default=None, ge=1, description="Largest size this tier covers; none = no cap.")
    price: dict[str, float] = Field(min_length=1, description="List price by ISO currency code.")


class PremiumPackage(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    outcome: str = Field(description="What the package leaves behind; {size} is the sized count.")
    triggers: list[PackageTrigger] = Field(default_factory=list)
    signals: list[str] = Field(default_factory=list, description="Regexes over notes and open issues.")
    size_by: SizeUnit
    tiers: list[PackageTier] = Field(min_length=1)

    _valid = field_validator("signals")(check_patterns)

    @field_validator("tiers")
    @classmethod
    def _last_tier_uncapped(cls, value: list[PackageTier]) -> list[PackageTier]:
        if value[-1].up_to is not None:
            raise ValueError("the last tier must have no up_to, so every size fits a tier")
        return value


class TermRule(_Strict):
    term_months: int = Field(ge=1, le=120)
    uplift_min: float = Field(ge=-0.5, le=1)
    uplift_max: float = Field(ge=-0.5, le=1)
    price_hold: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> TermRule:
        if self.uplift_min > self.uplift_max:
            raise ValueError("uplift_min must not exceed uplift_max")
        return self


class NegotiationPolicy(_Strict):
    by_risk: dict[ChurnRisk, TermRule]
    trades: list[str] = Field(min_length=1, description="What a concession should buy.")

    @field_validator("by_risk")
    @classmethod
    def _cover_risks(cls, value: dict[ChurnRisk, TermRule]) -> dict[ChurnRisk, TermRule]:
        missing = [risk for risk in ("low", "medium", "high") if risk not in value]
        if missing:
            raise ValueError(f"by_risk missing for {', '.join(missing)}")
        return value


class RenewalPolicy(_Strict):
    """knowledge/renewal.yaml: how plans are dated, scored, sized and negotiated."""

    version: str
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="Fallback currency for list prices.")
    milestones: list[Milestone] = Field(min_length=1)
    standard_procurement_days: int = Field(ge=0, description="Longer procurement moves every date earlier.")
    overdue_window_days: int = Field(
        ge=1, description="A lapsed renewal's recovery plan spans this many days."
    )
    health: HealthPolicy
    seat_expansion: SeatExpansion
    add_ons: list[AddOnSizing] = Field(default_factory=list)
    premium_packages: list[PremiumPackage] = Field(default_factory=list)
    negotiation: NegotiationPolicy

    @field_validator("milestones")
    @classmethod
    def _distinct_offsets(cls, value: list[Milestone]) -> list[Milestone]:
        keys = [m.key for m in value]
        if len(set(keys)) != len(keys):
            raise ValueError("milestone keys must be unique")
        return sorted(value, key=lambda m: -m.days_before)

    def add_on(self, product: str) -> AddOnSizing | None:
        """Sizing rule for an add-on product line, if the policy prices it."""
        return next((item for item in self.add_ons if item.product == product), None)


def unknown_products(policy: RenewalPolicy, known: set[str]) -> list[str]:
    """Add-on keys the policy prices that products.yaml does not define (checked on load)."""
    return [item.product for item in policy.add_ons if item.product not in known]
