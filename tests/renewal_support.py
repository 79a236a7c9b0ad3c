"""Shared builders for the renewal tests: facts from a dict, and the demo account's facts file."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from assistant.renewal.advisor import RenewalDraft
from assistant.renewal.facts import RenewalFacts, parse_facts
from assistant.renewal.schemas import RenewalPlan
from assistant.settings import PROJECT_ROOT

HALVORSEN = PROJECT_ROOT / "examples" / "halvorsen-renewal-facts.yaml"

BASE: dict[str, Any] = {
    "account": "Northwind Clinics",
    "contract_start": "2025-06-01",
    "contract_end": "2026-06-01",
    "arr": "USD 100,000",
    "seats_purchased": 200,
    "seats_active": 170,
    "products": ["core_platform"],
    "health": {"nps": 20},
    "usage": [{"name": "Workflows in production", "value": 12, "trend": "flat"}],
    "stakeholders": [
        {"name": "Ada Park", "title": "COO", "role": "executive_sponsor", "sentiment": "positive"}
    ],
}


def facts_data(**changes: Any) -> dict[str, Any]:
    """The base facts with top-level fields replaced (None removes a field)."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def make_facts(**changes: Any) -> RenewalFacts:
    """Valid facts for a one-year contract; tests change only what they are about."""
    return parse_facts(yaml.safe_dump(facts_data(**changes)), "facts.yaml")


def draft_of(plan: RenewalPlan) -> RenewalDraft:
    """The computed plan as the advisor receives it, for building the advisor's prompt in tests."""
    return RenewalDraft(
        plan.account,
        plan.as_of,
        plan.days_to_renewal,
        plan.health,
        plan.timeline,
        plan.expansion_plays,
        plan.negotiation,
        plan.people,
    )
