"""Expansion plays for the second agreement: seats, capacity, add-on lines and premium services.

Each play is sized by code from the facts and knowledge/renewal.yaml, and carries the facts
that justify it, so a renewal rep can defend every line of the proposal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from assistant.domain import Money
from assistant.extract.cues import compile_terms, find_hits
from assistant.extract.document import read_notes
from assistant.knowledge.load import Knowledge
from assistant.knowledge.renewal_policy import PackageTrigger, PremiumPackage, RenewalPolicy
from assistant.renewal.facts import RenewalFacts
from assistant.renewal.schemas import ExpansionPlay

MAX_EVIDENCE = 3
MIN_ADMINS = 2


@dataclass
class _Plays:
    plays: list[ExpansionPlay] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _money(amount: float, currency: str) -> Money:
    return Money(amount=round(amount), currency=currency)


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _num(value: float) -> str:
    """1780000 -> '1,780,000'; 2.5 -> '2.5'."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def find_signals(patterns: list[str], facts: RenewalFacts) -> list[str]:
    """Clauses of the notes, open issues and usage names that match, labelled by where they are."""
    if not patterns:
        return []
    pattern = compile_terms(tuple(patterns))
    sources = [
        ("notes", facts.notes),
        ("open issue", "\n".join(facts.open_issues)),
        ("usage metric", "\n".join(m.name for m in facts.usage)),
    ]
    found: list[str] = []
    for label, text in sources:
        for hit in find_hits(pattern, read_notes(text).clauses, skip_negated=True):
            line = f'{label}: "{hit.clause.text}"'
            if line not in found:
                found.append(line)
    return found[:MAX_EVIDENCE]


def seat_play(facts: RenewalFacts, policy: RenewalPolicy) -> ExpansionPlay | None:
    """More seats when utilisation is high: headroom above today's active users."""
    rule, used = policy.seat_expansion, facts.utilisation
    if used < rule.utilisation_above:
        return None
    target = math.ceil(facts.seats_active * (1 + rule.headroom) / rule.round_to) * rule.round_to
    extra = target - facts.seats_purchased
    if extra <= 0:
        return None
    currency = facts.arr.currency or policy.currency
    return ExpansionPlay(
        kind="seats",
        title=f"Add {extra} seats",
        size=f"{extra} seats ({facts.seats_purchased} → {target})",
        seats=extra,
        annual_amount=_money(extra * facts.seat_price, currency),
        owner="ae",
        justification=[
            f"{facts.seats_active:,} of {facts.seats_purchased:,} seats active ({_pct(used)}), at or above "
            f"the {_pct(rule.utilisation_above)} line",
            f"{_pct(rule.headroom)} headroom above active users, rounded up to {rule.round_to}: {target} seats",
            f"priced at today's seat price, {facts.arr.amount:,.0f} / {facts.seats_purchased:,} = "
            f"{facts.seat_price:,.2f} {currency} a seat a year",
        ],
    )


def capacity_plays(facts: RenewalFacts, policy: RenewalPolicy) -> list[ExpansionPlay]:
    """A usage metric near its limit: raise it before it blocks the customer."""
    plays = []
    for metric in facts.usage:
        if metric.limit is None or metric.value / metric.limit < policy.seat_expansion.metric_limit_above:
            continue
        used = f"{_num(metric.value)} of {_num(metric.limit)} {metric.unit}".strip()
        plays.append(
            ExpansionPlay(
                kind="capacity",
                title=f"Raise the {metric.name} limit",
                size=f"{used} used",
                justification=[
                    f"{metric.name}: {used} ({_pct(metric.value / metric.limit)}), trend {metric.trend}"
                ],
                owner="ae",
            )
        )
    return plays


def add_on_plays(facts: RenewalFacts, knowledge: Knowledge) -> list[ExpansionPlay]:
    """Add-on lines the customer lacks and the notes, open issues or usage point to."""
    plays = []
    for product in knowledge.products.products:
        if product.kind != "add_on" or product.key in facts.products:
            continue
        evidence = find_signals(product.signals, facts)
        if not evidence:
            continue
        sizing = knowledge.renewal.add_on(product.key)
        amount = (
            _money(facts.arr.amount * sizing.share_of_core_arr, facts.arr.currency or "") if sizing else None
        )
        size = (
            f"{_pct(sizing.share_of_core_arr)} of current ARR, for the {facts.seats_active:,} active users"
            if sizing
            else "to be scoped by the specialist AE"
        )
        plays.append(
            ExpansionPlay(
                kind="add_on",
                title=f"Add the {product.name}",
                product=product.key,
                size=size,
                annual_amount=amount,
                justification=evidence,
                owner="specialist_ae",
            )
        )
    return plays


def _triggers(facts: RenewalFacts, policy: RenewalPolicy, seats_added: int) -> dict[PackageTrigger, str]:
    """Which package triggers the facts set off, each with the fact that did."""
    fired: dict[PackageTrigger, str] = {}
    healthy = policy.health.utilisation.healthy_at
    if facts.utilisation < healthy:
        fired["low_utilisation"] = (
            f"utilisation {_pct(facts.utilisation)} is below the {_pct(healthy)} healthy line"
        )
    falling = [m.name for m in facts.usage if m.trend == "down"]
    if falling:
        fired["declining_usage"] = f"usage falling: {', '.join(falling)}"
    admins = [f"{p.name} {p.change}" for p in facts.stakeholders if p.role == "admin" and p.change != "none"]
    if admins:
        fired["admin_changed"] = f"administrators changed: {', '.join(admins)}"
    gone = [
        p.name
        for p in facts.stakeholders
        if p.role in ("champion", "executive_sponsor") and p.change == "left"
    ]
    if gone:
        fired["champion_left"] = f"champion or sponsor left: {', '.join(gone)}"
    if seats_added:
        fired["seat_growth"] = f"{seats_added} new seats proposed"
    return fired


def _package_size(package: PremiumPackage, facts: RenewalFacts, seats_added: int) -> tuple[int, str]:
    if package.size_by == "admins":
        admins = sum(1 for p in facts.stakeholders if p.role == "admin" and p.change != "left")
        return max(MIN_ADMINS, admins), "administrators"
    return max(0, facts.seats_purchased - facts.seats_active) + seats_added, "users"


def premium_plays(facts: RenewalFacts, policy: RenewalPolicy, seats_added: int) -> _Plays:
    """Rollout, training, configuration and certification packages the facts call for."""
    result, fired = _Plays(), _triggers(facts, policy, seats_added)
    currency = facts.arr.currency or policy.currency
    for package in policy.premium_packages:
        reasons = [fired[t] for t in package.triggers if t in fired] + find_signals(package.signals, facts)
        if not reasons:
            continue
        size, unit = _package_size(package, facts, seats_added)
        tier = next(t for t in package.tiers if t.up_to is None or size <= t.up_to)
        priced_in = currency if currency in tier.price else policy.currency
        if priced_in != currency:
            result.warnings.append(
                f"{package.name} has no {currency} list price; shown in {priced_in}: convert before quoting"
            )
        result.plays.append(
            ExpansionPlay(
                kind="premium_services",
                title=package.name,
                product=package.key,
                size=f"{tier.name}: {size} {unit}" if size else f"{tier.name}: scope to confirm",
                one_time_amount=_money(tier.price.get(priced_in, 0.0), priced_in),
                outcome=package.outcome.format(size=size),
                justification=reasons[:MAX_EVIDENCE],
                owner="csm",
            )
        )
    return result


def find_expansion(facts: RenewalFacts, knowledge: Knowledge) -> tuple[list[ExpansionPlay], list[str]]:
    """Every play, seats first, then capacity, add-ons and premium services."""
    policy = knowledge.renewal
    seats = seat_play(facts, policy)
    plays = [seats] if seats else []
    plays += capacity_plays(facts, policy) + add_on_plays(facts, knowledge)
    added = seats.seats if seats is not None and seats.seats else 0
    services = premium_plays(facts, policy, added)
    return plays + services.plays, list(dict.fromkeys(services.warnings))
