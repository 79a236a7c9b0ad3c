"""Size and duration of the second agreement: term options, uplift bounds, trades, seat floor.

The playbook asks for options rather than one number (current scope for a year, a multi-year
term with a price hold, an expanded renewal) and for trades rather than concessions; the
policy in knowledge/renewal.yaml sets the term and uplift per churn risk.
"""

from __future__ import annotations

from assistant.domain import Money
from assistant.knowledge.renewal_policy import NegotiationPolicy, TermRule
from assistant.renewal.facts import RenewalFacts
from assistant.renewal.schemas import (
    ExpansionPlay,
    HealthAssessment,
    NegotiationGuidance,
    TermOption,
    TimelineEntry,
)
from assistant.renewal.timeline import procurement_line

ONE_YEAR, MIN_MULTI_YEAR = 12, 24


def _money(amount: float, currency: str) -> Money:
    return Money(amount=round(amount), currency=currency)


def _total(plays: list[ExpansionPlay], currency: str, *, one_time: bool) -> float:
    """Sum of the plays' amounts in the account's currency (other currencies are quoted apart)."""
    amounts = [p.one_time_amount if one_time else p.annual_amount for p in plays]
    return sum(a.amount for a in amounts if a is not None and a.currency == currency)


def _option(
    name: str,
    months: int,
    annual: float,
    currency: str,
    hold: bool,
    includes: list[str],
    one_time: float = 0.0,
) -> TermOption:
    return TermOption(
        name=name,
        term_months=months,
        annual_amount=_money(annual, currency),
        total_contract_value=_money(annual * months / 12 + one_time, currency),
        price_hold=hold,
        includes=includes,
    )


def capped_uplift(facts: RenewalFacts, rule: TermRule) -> tuple[float, float]:
    """The policy's uplift bounds, held under any price protection the contract promised."""
    if facts.uplift_cap_pct is None:
        return rule.uplift_min, rule.uplift_max
    cap = facts.uplift_cap_pct / 100
    return min(rule.uplift_min, cap), min(rule.uplift_max, cap)


def _options(
    facts: RenewalFacts, rule: TermRule, expansion: float, services: float, plays: list[ExpansionPlay]
) -> list[TermOption]:
    currency, arr = facts.arr.currency or "", facts.arr.amount
    uplift_min, uplift_max = capped_uplift(facts, rule)
    multi = rule.term_months if rule.term_months > ONE_YEAR else MIN_MULTI_YEAR
    options = [
        _option(
            "One year, current scope",
            ONE_YEAR,
            arr * (1 + uplift_max),
            currency,
            False,
            [f"{facts.seats_purchased:,} seats", *facts.products],
        ),
        _option(
            f"{multi} months, current scope, price held",
            multi,
            arr * (1 + uplift_min),
            currency,
            True,
            [f"{facts.seats_purchased:,} seats", *facts.products],
        ),
    ]
    if expansion or services:
        growth = [p.title for p in plays if p.annual_amount or p.one_time_amount]
        options.append(
            _option(
                f"{rule.term_months} months, expanded",
                rule.term_months,
                arr * (1 + uplift_min) + expansion,
                currency,
                rule.price_hold,
                growth,
                one_time=services,
            )
        )
    return options


def guide_negotiation(
    facts: RenewalFacts, health: HealthAssessment, plays: list[ExpansionPlay], policy: NegotiationPolicy
) -> NegotiationGuidance:
    """Term, uplift, options and trades for the account's churn risk; every amount computed here."""
    rule = policy.by_risk[health.churn_risk]
    currency = facts.arr.currency or ""
    expansion = _total(plays, currency, one_time=False)
    services = _total(plays, currency, one_time=True)
    uplift_min, uplift_max = capped_uplift(facts, rule)
    return NegotiationGuidance(
        recommended_term_months=rule.term_months,
        uplift_min_pct=round(uplift_min * 100, 1),
        uplift_max_pct=round(uplift_max * 100, 1),
        current_arr=facts.arr,
        expansion_arr=_money(expansion, currency),
        one_time_services=_money(services, currency),
        seat_floor=facts.seats_active,
        options=_options(facts, rule, expansion, services, plays),
        trades=list(policy.trades),
    )


def _amount(money: Money) -> str:
    return f"{money.amount:,.0f} {money.currency or ''}".strip()


def guidance_lines(
    facts: RenewalFacts,
    health: HealthAssessment,
    negotiation: NegotiationGuidance,
    plays: list[ExpansionPlay],
    timeline: list[TimelineEntry],
) -> list[str]:
    """The negotiation advice in words, built from the computed figures (the offline wording)."""
    lines = [_opening(health, negotiation)]
    seats = next((p for p in plays if p.kind == "seats"), None)
    if seats and seats.annual_amount:
        lines.append(
            f"Sign the {seats.seats} extra seats with the renewal, {_amount(seats.annual_amount)} a year "
            "at today's seat price."
        )
    if negotiation.one_time_services.amount:
        titles = ", ".join(p.title.lower() for p in plays if p.kind == "premium_services")
        lines.append(
            f"Offer the {titles} ({_amount(negotiation.one_time_services)} one-time) as options with "
            "outcomes at the business review, not as hours in the proposal."
        )
    lines.append(
        f"Never go below {negotiation.seat_floor:,} seats (today's active users); if asked to cut, "
        "offer an adoption plan instead."
    )
    if facts.uplift_cap_pct is not None:
        lines.append(
            f"The contract caps the renewal uplift at {facts.uplift_cap_pct:g}% a year: every option "
            "above stays within it."
        )
    procurement = procurement_line(facts.renewal, timeline, facts.procurement_days)
    return [*lines, procurement] if procurement else lines


def _opening(health: HealthAssessment, negotiation: NegotiationGuidance) -> str:
    """The opening position for the account's churn risk, with the figures it rests on."""
    months, risk = negotiation.recommended_term_months, health.churn_risk
    uplift = f"{negotiation.uplift_min_pct:g}-{negotiation.uplift_max_pct:g}%"
    weak = [d.factor.replace("_", " ") for d in health.drivers if d.direction == "negative"][:2]
    return {
        "low": f"Healthy account (score {health.score:g}): propose {months} months with a price hold and an "
        f"uplift of {uplift} on the current scope; the customer has evidence of value to trade for term.",
        "medium": f"Medium risk (score {health.score:g}): open with the fix plan for {', '.join(weak) or 'the weak spots'}, "
        f"then offer {months} months with a price hold; keep the uplift within {uplift}.",
        "high": f"High risk (score {health.score:g}): renew for {months} months at the current price with a dated "
        "success plan; escalate to our executive sponsor before the proposal; no concession without a trade.",
    }[risk]
