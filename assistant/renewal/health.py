"""Health score and churn risk from the facts: each factor's points and the fact behind them.

A renewal rep must be able to read why an account is at risk and check it against the data,
so every driver carries the sentence of facts that produced its points.
"""

from __future__ import annotations

from collections import Counter

from assistant.knowledge.renewal_policy import ChurnRisk, HealthFactor, HealthPolicy
from assistant.renewal.facts import RenewalFacts, Stakeholder
from assistant.renewal.schemas import Direction, HealthAssessment, HealthDriver

TREND_CREDIT = {"up": 1.0, "flat": 0.6, "down": 0.0}
KEY_PEOPLE = ("champion", "executive_sponsor", "economic_buyer")
LOST_KEY_PERSON, REPLACED_KEY_PERSON, LOST_ADMIN, NEGATIVE_PERSON = 0.6, 0.3, 0.2, 0.25
UNKNOWN = 0.5


def _clip(text: str, limit: int = 120) -> str:
    """Shorten at a word boundary so a fact never ends mid-word."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _direction(credit: float, good: float = 0.75, bad: float = 0.5) -> Direction:
    return "positive" if credit >= good else "negative" if credit < bad else "neutral"


def _utilisation(facts: RenewalFacts, policy: HealthPolicy) -> tuple[float, Direction, str]:
    bands, used = policy.utilisation, facts.utilisation
    credit = min(1.0, max(0.0, (used - bands.zero_at) / (bands.healthy_at - bands.zero_at)))
    direction: Direction = (
        "positive" if used >= bands.healthy_at else "negative" if used < bands.churn_below else "neutral"
    )
    fact = f"{facts.seats_active:,} of {facts.seats_purchased:,} seats active ({_pct(used)})"
    if used < bands.churn_below:
        fact += f", below the {_pct(bands.churn_below)} churn line"
    return credit, direction, fact


def _usage_trend(facts: RenewalFacts) -> tuple[float, Direction, str]:
    if not facts.usage:
        return UNKNOWN, "neutral", "no usage metrics in the facts"
    credit = sum(TREND_CREDIT[m.trend] for m in facts.usage) / len(facts.usage)
    counts = Counter(m.trend for m in facts.usage)
    fact = ", ".join(f"{counts[t]} {t}" for t in ("up", "flat", "down") if counts[t])
    falling = [m.name for m in facts.usage if m.trend == "down"]
    fact = f"usage metrics: {fact}" + (f" (falling: {', '.join(falling)})" if falling else "")
    return credit, _direction(credit), fact


def _support(facts: RenewalFacts, policy: HealthPolicy) -> tuple[float, Direction, str]:
    rules, tickets = policy.support, facts.support
    lost = rules.per_critical * tickets.critical + rules.per_escalation * tickets.escalations
    lost += rules.per_extra_open * max(0, tickets.open - rules.open_allowed)
    credit = max(0.0, 1.0 - lost)
    fact = (
        f"{tickets.critical} open sev1/critical, {tickets.escalations} escalated, {tickets.open} open tickets "
        f"({tickets.last_90_days} in the last 90 days)"
    )
    return credit, _direction(credit), fact


def _sentiment(facts: RenewalFacts) -> tuple[float, Direction, str]:
    readings, parts = [], []
    if facts.health.nps is not None:
        readings.append((facts.health.nps + 100) / 200)
        parts.append(f"NPS {facts.health.nps:+d}")
    if facts.health.health_score is not None:
        readings.append(facts.health.health_score / 100)
        parts.append(f"CSM health score {facts.health.health_score:g}/100")
    if not readings:
        return UNKNOWN, "neutral", "no NPS or health score in the facts"
    credit = sum(readings) / len(readings)
    return credit, _direction(credit, good=0.65), ", ".join(parts)


def _replaced(person: Stakeholder, everyone: list[Stakeholder]) -> Stakeholder | None:
    """Someone in the same role who joined after this person left."""
    return next(
        (
            p
            for p in everyone
            if p.change == "joined"
            and p.role == person.role
            and (person.date is None or p.date is None or p.date >= person.date)
        ),
        None,
    )


def _stakeholders(facts: RenewalFacts) -> tuple[float, Direction, str]:
    people = facts.stakeholders
    if not people:
        return UNKNOWN, "neutral", "no stakeholders in the facts: sponsor and champion unknown"
    credit, notes = 1.0, []
    for person in people:
        role = person.role.replace("_", " ")
        when = f" ({person.date})" if person.date else ""
        if person.change == "left" and person.role in KEY_PEOPLE:
            successor = _replaced(person, people)
            credit -= REPLACED_KEY_PERSON if successor else LOST_KEY_PERSON
            after = f"; {successor.name} joined in the role" if successor else "; no successor named"
            notes.append(f"{role} {person.name} left{when}{after}")
        elif person.change == "left" and person.role == "admin":
            credit -= LOST_ADMIN
            notes.append(f"admin {person.name} left{when}")
        elif person.change != "left" and person.sentiment == "negative":
            credit -= NEGATIVE_PERSON
            notes.append(f"{role} {person.name} is negative")
    credit = max(0.0, credit)
    positive = [p.name for p in people if p.sentiment == "positive" and p.change != "left"]
    if not notes:
        notes.append(f"no key stakeholder lost; positive: {', '.join(positive) or 'none named'}")
    return credit, _direction(credit), "; ".join(notes)


def _open_issues(facts: RenewalFacts, policy: HealthPolicy) -> tuple[float, Direction, str]:
    count = len(facts.open_issues)
    credit = max(0.0, 1.0 - policy.per_open_issue * count)
    if not count:
        return credit, "positive", "no open issues listed"
    return credit, _direction(credit), f"{count} open issue(s), first: {_clip(facts.open_issues[0])}"


def _risk(score: float, days_to_renewal: int, policy: HealthPolicy) -> tuple[ChurnRisk, str]:
    thresholds = policy.churn_risk
    if score < thresholds.high_below:
        return "high", f"score {score:g} is below {thresholds.high_below:g}"
    if score < thresholds.medium_below:
        if days_to_renewal <= thresholds.escalate_within_days:
            return "high", (
                f"score {score:g} is below {thresholds.medium_below:g} with {days_to_renewal} days to renewal, "
                f"inside the {thresholds.escalate_within_days}-day window: too little time to fix it"
            )
        return "medium", f"score {score:g} is below {thresholds.medium_below:g}"
    return "low", f"score {score:g} is at or above {thresholds.medium_below:g}"


def assess_health(facts: RenewalFacts, policy: HealthPolicy, days_to_renewal: int) -> HealthAssessment:
    """Weighted factors -> a 0-100 score -> churn risk, with drivers ordered by points lost."""
    readings: dict[HealthFactor, tuple[float, Direction, str]] = {
        "utilisation": _utilisation(facts, policy),
        "usage_trend": _usage_trend(facts),
        "support": _support(facts, policy),
        "sentiment": _sentiment(facts),
        "stakeholders": _stakeholders(facts),
        "open_issues": _open_issues(facts, policy),
    }
    drivers = [
        HealthDriver(
            factor=factor,
            direction=direction,
            weight=policy.weights[factor],
            points=round(policy.weights[factor] * credit, 1),
            fact=fact,
        )
        for factor, (credit, direction, fact) in readings.items()
    ]
    drivers.sort(key=lambda d: d.points - d.weight)
    score = round(min(100.0, max(0.0, sum(d.points for d in drivers))), 1)
    risk, reason = _risk(score, days_to_renewal, policy)
    window = policy.churn_risk.escalate_within_days
    closing = "negative" if days_to_renewal <= window else "neutral"
    when = (
        f"{days_to_renewal} days to renewal"
        if days_to_renewal >= 0
        else (f"renewal date passed {-days_to_renewal} days ago")
    )
    drivers.append(HealthDriver(factor="days_to_renewal", direction=closing, weight=0, points=0, fact=when))
    return HealthAssessment(score=score, churn_risk=risk, drivers=drivers, reason=reason)
