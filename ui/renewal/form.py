"""The renewal facts form: widgets for each field, and the facts file they add up to.

The form writes the same YAML a CSM would upload and validates it with `parse_facts`, so a
typed form and an uploaded file are checked by one set of rules and fail with the same
per-field messages. Every widget is a `typed_renewal_*` key, kept for the session.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st
import yaml

from assistant.knowledge.load import Knowledge
from assistant.renewal.facts import RenewalFacts, parse_facts
from ui.renewal.tables import kept_table, load_table, stakeholder_rows, table_rows, usage_rows

FORM_SOURCE = "the form"
CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "MXN", "BRL", "JPY", "CHF", "SEK", "NOK", "DKK"]
P = "typed_renewal_"
DATES = ("contract_start", "contract_end", "as_of")
NUMBERS = (
    "arr_amount",
    "seats_purchased",
    "seats_active",
    "procurement_days",
    "uplift_cap_pct",
    "nps",
    "health_score",
    "support_open",
    "support_critical",
    "support_last_90_days",
    "support_escalations",
)
SUPPORT = ("open", "critical", "last_90_days", "escalations")
KEPT = "renewal_form_kept"  # fields of loaded facts the form has no widget for
KEPT_FIELDS = ("account", "renewal_date", "completed_milestones", "account_team")


def _defaults() -> dict[str, Any]:
    today = dt.date.today()
    return {
        "contract_start": today - dt.timedelta(days=365),
        "contract_end": today + dt.timedelta(days=180),
        "as_of": today,
        "arr_amount": None,
        "currency": "USD",
        "seats_purchased": None,
        "seats_active": None,
        "products": [],
        "region": None,
        "industry": None,
        "procurement_days": None,
        "uplift_cap_pct": None,
        "nps": None,
        "health_score": None,
        "open_issues": "",
        "notes": "",
        **{f"support_{name}": 0 for name in SUPPORT},
    }


def init_form() -> None:
    """Give every field its starting value once a session (kept from then on)."""
    for name, value in _defaults().items():
        st.session_state.setdefault(P + name, value)


def _number(column: Any, label: str, name: str, **limits: Any) -> None:
    column.number_input(label, key=P + name, persist_state="session", **limits)


def render_contract(knowledge: Knowledge) -> None:
    """Dates, money, seats and what they own."""
    first, second, third = st.columns(3)
    first.date_input("Contract start", key=P + "contract_start", persist_state="session")
    second.date_input("Contract end (renewal date)", key=P + "contract_end", persist_state="session")
    third.date_input(
        "Plan as of",
        key=P + "as_of",
        persist_state="session",
        help="The day the facts describe; the timeline counts from it.",
    )
    _number(first, "ARR (annual recurring revenue)", "arr_amount", min_value=0.0, step=1000.0, format="%.0f")
    currency = st.session_state.get(P + "currency")
    second.selectbox(
        "Currency",
        [*CURRENCIES, *([currency] if currency and currency not in CURRENCIES else [])],
        key=P + "currency",
        persist_state="session",
        accept_new_options=True,
    )
    _number(third, "Procurement lead time (days)", "procurement_days", min_value=0, max_value=365, step=1)
    _number(first, "Seats purchased", "seats_purchased", min_value=0, step=1)
    _number(second, "Seats active", "seats_active", min_value=0, step=1)
    _number(
        third, "Renewal uplift cap (% a year)", "uplift_cap_pct", min_value=0.0, max_value=100.0, step=0.5
    )
    _render_products_and_market(knowledge)


def _render_products_and_market(knowledge: Knowledge) -> None:
    """What they own, and the region and industry, picked from the knowledge files' own lists."""
    names = {product.key: product.name for product in knowledge.products.products}
    st.multiselect(
        "Products owned",
        list(names),
        format_func=lambda key: names.get(key, key),
        key=P + "products",
        persist_state="session",
    )
    industries = {item.key: item.label for item in knowledge.rubric.industries}
    region_column, industry_column = st.columns(2)
    region_column.selectbox(
        "Region",
        sorted(knowledge.roster.regions),
        key=P + "region",
        index=None,
        persist_state="session",
        placeholder="Not given",
    )
    industry_column.selectbox(
        "Industry",
        list(industries),
        format_func=lambda key: industries.get(key, key),
        key=P + "industry",
        index=None,
        persist_state="session",
        placeholder="Not given",
    )


def render_signals() -> None:
    """Health signals, support load, usage and stakeholders, open issues and notes."""
    nps_column, health_column, *support_columns = st.columns(6)
    _number(nps_column, "NPS", "nps", min_value=-100, max_value=100, step=1)
    _number(health_column, "CSM health score", "health_score", min_value=0.0, max_value=100.0, step=1.0)
    for column, name in zip(support_columns, SUPPORT, strict=True):
        _number(column, f"Tickets: {name.replace('_', ' ')}", f"support_{name}", min_value=0, step=1)
    st.markdown("**Usage metrics**")
    kept_table("usage")
    st.markdown("**Stakeholders**")
    kept_table("stakeholders")
    st.text_area("Open issues (one a line)", key=P + "open_issues", height=100, persist_state="session")
    st.text_area(
        "Notes (QBR prep, what the customer asked for…)", key=P + "notes", height=140, persist_state="session"
    )


def form_data() -> dict[str, Any]:
    """The form as a facts mapping; blank fields are left out so the facts' rules report them."""
    state = st.session_state
    value = {name: state.get(P + name) for name in (*DATES, *NUMBERS, "region", "industry")}
    data: dict[str, Any] = {
        name: value[name]
        for name in (
            "contract_start",
            "contract_end",
            "as_of",
            "seats_purchased",
            "seats_active",
            "region",
            "industry",
            "procurement_days",
            "uplift_cap_pct",
        )
    }
    if value["arr_amount"] is not None:
        data["arr"] = {"amount": value["arr_amount"], "currency": state.get(P + "currency")}
    data["products"] = list(state.get(P + "products") or [])
    data["support"] = {name: value[f"support_{name}"] for name in SUPPORT}
    data["health"] = {"nps": value["nps"], "health_score": value["health_score"]}
    for name in ("usage", "stakeholders"):
        latest = state.get(f"renewal_{name}_latest")
        data[name] = table_rows(latest) if latest is not None else []
    data["open_issues"] = [
        line.strip() for line in str(state.get(P + "open_issues", "")).splitlines() if line.strip()
    ]
    data["notes"] = str(state.get(P + "notes", "")).strip()
    return _without_blanks({**state.get(KEPT, {}), **data})


def _without_blanks(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {key: value for key, value in data.items() if value is not None}
    cleaned["health"] = {key: value for key, value in cleaned["health"].items() if value is not None}
    return cleaned


def kept_fields() -> str:
    """The loaded facts' fields the form shows no widget for, in words ("" when none)."""
    kept = st.session_state.get(KEPT, {})
    return ", ".join(name.replace("_", " ") for name in KEPT_FIELDS if name in kept)


def form_yaml(data: dict[str, Any]) -> str:
    """The form's facts as a YAML facts file (what Download facts gives, and what is validated)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def facts_from_form() -> tuple[RenewalFacts, str]:
    """The validated facts and their YAML; a FactsError lists every field to fix."""
    text = form_yaml(form_data())
    return parse_facts(text, FORM_SOURCE), text


def load_into_form(facts: RenewalFacts, knowledge: Knowledge) -> None:
    """Fill every field from facts (uploaded or saved), so they can be changed before planning."""
    state = st.session_state
    for name in (
        "contract_start",
        "contract_end",
        "seats_purchased",
        "seats_active",
        "procurement_days",
        "uplift_cap_pct",
    ):
        state[P + name] = getattr(facts, name)
    state[P + "region"] = facts.region if facts.region in knowledge.roster.regions else None
    state[P + "industry"] = facts.industry if knowledge.rubric.industry(facts.industry or "") else None
    state[P + "as_of"] = facts.as_of or dt.date.today()
    state[P + "arr_amount"] = float(facts.arr.amount)
    state[P + "currency"] = facts.arr.currency
    state[P + "products"] = list(facts.products)
    state[P + "nps"], state[P + "health_score"] = facts.health.nps, facts.health.health_score
    for name in SUPPORT:
        state[P + f"support_{name}"] = getattr(facts.support, name)
    state[P + "open_issues"] = "\n".join(facts.open_issues)
    state[P + "notes"] = facts.notes
    dumped = facts.model_dump(mode="json", include=set(KEPT_FIELDS), exclude_defaults=True)
    if facts.renewal_date == facts.contract_end:
        dumped.pop("renewal_date", None)
    state[KEPT] = {key: value for key, value in dumped.items() if value}
    load_table("usage", usage_rows(facts.usage))
    load_table("stakeholders", stakeholder_rows(facts.stakeholders))
