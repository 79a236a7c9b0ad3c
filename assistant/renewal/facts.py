"""The account facts a renewal plan starts from, validated with messages a CSM can act on.

Facts arrive as YAML or JSON written by people (a CSM's export, a renewal rep's notes), so a
bad file must say which field is wrong and why in plain words, never a pydantic traceback.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from assistant.domain import Money
from assistant.extract.numbers import find_money
from assistant.renewal.facts_errors import FactsError, describe_errors
from assistant.text.yaml_load import load_yaml

Trend = Literal["up", "flat", "down"]
StakeholderRole = Literal[
    "executive_sponsor", "champion", "economic_buyer", "admin", "user", "procurement", "other"
]
Sentiment = Literal["positive", "neutral", "negative"]
Change = Literal["joined", "left", "none"]
MAX_ACTIVE_OVER_PURCHASED = 2.0

__all__ = [
    "FactsError",
    "RenewalFacts",
    "Stakeholder",
    "SupportSummary",
    "UsageMetric",
    "load_facts",
    "parse_facts",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class UsageMetric(_Strict):
    """One product usage figure, e.g. workflows in production, trending up."""

    name: str = Field(min_length=1)
    value: float = Field(ge=0)
    unit: str = ""
    trend: Trend = "flat"
    limit: float | None = Field(default=None, gt=0, description="Contracted or plan limit, if any.")


class SupportSummary(_Strict):
    open: int = Field(default=0, ge=0)
    critical: int = Field(default=0, ge=0, validation_alias=AliasChoices("critical", "sev1"))
    last_90_days: int = Field(default=0, ge=0)
    escalations: int = Field(default=0, ge=0)


class HealthSignals(_Strict):
    nps: int | None = Field(default=None, ge=-100, le=100)
    health_score: float | None = Field(default=None, ge=0, le=100)


class Stakeholder(_Strict):
    """A person on the customer side and what changed about them."""

    name: str = Field(min_length=1)
    title: str = ""
    role: StakeholderRole = "other"
    sentiment: Sentiment = "neutral"
    change: Change = "none"
    date: dt.date | None = Field(default=None, description="When the change happened.")


class RenewalFacts(_Strict):
    """Everything the renewal plan is computed from; free text stays data, never instructions."""

    account: str | None = Field(default=None, min_length=1)
    region: str | None = Field(default=None, description="Roster region code (NA, EMEA, LATAM, APAC).")
    industry: str | None = Field(default=None, description="Industry key of rubric.yaml.")
    contract_start: dt.date
    contract_end: dt.date
    renewal_date: dt.date | None = Field(default=None, description="Defaults to contract_end.")
    as_of: dt.date | None = Field(default=None, description="Date the facts describe; defaults to today.")
    arr: Money
    seats_purchased: int = Field(ge=1)
    seats_active: int = Field(ge=0)
    products: list[str] = Field(default_factory=list, description="Owned product line keys.")
    usage: list[UsageMetric] = Field(default_factory=list)
    support: SupportSummary = Field(default_factory=SupportSummary)
    health: HealthSignals = Field(default_factory=HealthSignals)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    open_issues: list[str] = Field(default_factory=list)
    notes: str = ""
    procurement_days: int | None = Field(default=None, ge=0, le=365)
    uplift_cap_pct: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Contractual price protection: the most the renewal price may rise, in percent a year.",
    )
    completed_milestones: list[str] = Field(default_factory=list)
    account_team: dict[str, str] = Field(default_factory=dict, description="Role -> roster name.")
    _source: str = PrivateAttr(default="facts")

    @field_validator("arr", mode="before")
    @classmethod
    def _read_money(cls, value: Any) -> Any:
        """Accept 240000 with `currency`, 'USD 240k', '$240,000' or {amount, currency}."""
        if isinstance(value, bool):
            raise ValueError(f"expected an amount such as 'USD 240,000', got {value!r}")
        if isinstance(value, int | float):
            return {"amount": value}
        if isinstance(value, str):
            found = find_money(value)
            if len(found) != 1:
                raise ValueError(f"expected an amount such as 'USD 240,000', got {value!r}")
            return {"amount": found[0].value, "currency": found[0].currency}
        return value

    @model_validator(mode="before")
    @classmethod
    def _currency_field(cls, data: Any) -> Any:
        """A top-level `currency` completes a plain-number ARR."""
        if isinstance(data, dict) and "currency" in data:
            data = dict(data)
            currency = data.pop("currency")
            arr = data.get("arr")
            if isinstance(arr, int | float) and not isinstance(arr, bool):
                data["arr"] = {"amount": arr, "currency": currency}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> RenewalFacts:
        if self.arr.currency is None:
            raise ValueError("arr: no currency: write it as 'USD 240,000' or add `currency: USD`")
        self.arr.currency = self.arr.currency.upper()
        if self.contract_end <= self.contract_start:
            raise ValueError(
                f"contract_end ({self.contract_end}) is not after contract_start ({self.contract_start})"
            )
        if self.renewal_date is None:
            self.renewal_date = self.contract_end
        if self.renewal_date < self.contract_start:
            raise ValueError(
                f"renewal_date ({self.renewal_date}) is before contract_start ({self.contract_start})"
            )
        if self.seats_active > self.seats_purchased * MAX_ACTIVE_OVER_PURCHASED:
            raise ValueError(
                f"seats_active ({self.seats_active:,}) is more than twice seats_purchased "
                f"({self.seats_purchased:,}): check the numbers"
            )
        return self

    @property
    def source(self) -> str:
        """Where the facts came from (a file name), for messages about them."""
        return self._source

    @property
    def renewal(self) -> dt.date:
        """The date the timeline counts back from (contract_end unless given)."""
        return self.renewal_date or self.contract_end

    @property
    def utilisation(self) -> float:
        """Active seats over purchased seats."""
        return self.seats_active / self.seats_purchased

    @property
    def seat_price(self) -> float:
        """Current annual price of one seat, from the ARR."""
        return self.arr.amount / self.seats_purchased


def parse_facts(text: str, name: str) -> RenewalFacts:
    """Validate facts given as YAML or JSON text; `name` labels every message (a file name)."""
    try:
        data = json.loads(text) if name.lower().endswith(".json") else load_yaml(text)
    except json.JSONDecodeError as exc:
        raise FactsError(
            name, [f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"]
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise FactsError(name, [f"malformed YAML{where}: {getattr(exc, 'problem', exc)}"]) from exc
    if not isinstance(data, dict):
        raise FactsError(name, ["expected a mapping of fields (contract_start, contract_end, arr, ...)"])
    try:
        facts = RenewalFacts.model_validate(data)
    except ValidationError as exc:
        raise FactsError(name, describe_errors(exc, data)) from exc
    facts._source = name
    return facts


def load_facts(path: Path) -> RenewalFacts:
    """Read and validate a facts file (YAML, or JSON by extension)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise FactsError(str(path), ["file not found"]) from exc
    except UnicodeDecodeError as exc:
        raise FactsError(
            str(path), [f"is not UTF-8 text (bad byte at offset {exc.start}); re-save it as UTF-8"]
        ) from exc
    except OSError as exc:
        raise FactsError(str(path), [f"cannot read the file ({exc.strerror or exc})"]) from exc
    return parse_facts(text, str(path))
