"""Health score, churn risk and drivers: each driver names the fact that moved the score."""

from __future__ import annotations

from assistant.knowledge.load import Knowledge
from assistant.renewal.health import assess_health
from assistant.renewal.negotiation import guide_negotiation
from assistant.renewal.schemas import HealthAssessment, HealthDriver
from tests.renewal_support import make_facts

HEALTHY = {
    "seats_active": 190,
    "health": {"nps": 60, "health_score": 85},
    "usage": [
        {"name": "Workflows in production", "value": 40, "trend": "up"},
        {"name": "Monthly active users", "value": 185, "trend": "up"},
    ],
}
AT_RISK = {
    "seats_active": 90,
    "health": {"nps": -20},
    "usage": [{"name": "Monthly active users", "value": 80, "trend": "down"}],
    "support": {"open": 12, "critical": 2, "escalations": 1},
    "stakeholders": [
        {
            "name": "Ada Park",
            "title": "COO",
            "role": "executive_sponsor",
            "change": "left",
            "date": "2026-02-01",
        },
        {"name": "Bo Chen", "title": "IT Director", "role": "economic_buyer", "sentiment": "negative"},
    ],
    "open_issues": ["Data export requested by finance", "SSO outage last month"],
}


def driver(health: HealthAssessment, factor: str) -> HealthDriver:
    return next(d for d in health.drivers if d.factor == factor)


def test_healthy_account_scores_low_risk(knowledge: Knowledge) -> None:
    health = assess_health(make_facts(**HEALTHY), knowledge.renewal.health, 200)
    assert health.churn_risk == "low" and health.score >= 85
    assert driver(health, "utilisation").fact == "190 of 200 seats active (95%)"
    assert driver(health, "utilisation").direction == "positive"
    assert health.score == round(sum(d.points for d in health.drivers), 1)


def test_at_risk_account_lists_what_is_wrong_first(knowledge: Knowledge) -> None:
    health = assess_health(make_facts(**AT_RISK), knowledge.renewal.health, 200)
    assert health.churn_risk == "high" and health.score < 50
    assert "below the 60% churn line" in driver(health, "utilisation").fact
    stakeholders = driver(health, "stakeholders")
    assert "executive sponsor Ada Park left (2026-02-01); no successor named" in stakeholders.fact
    assert "economic buyer Bo Chen is negative" in stakeholders.fact
    assert "2 open sev1/critical" in driver(health, "support").fact
    assert "falling: Monthly active users" in driver(health, "usage_trend").fact
    lost = [d.weight - d.points for d in health.drivers if d.factor != "days_to_renewal"]
    assert lost == sorted(lost, reverse=True), "drivers are ordered by points lost"


def test_replaced_champion_costs_less_than_a_lost_one(knowledge: Knowledge) -> None:
    left = [{"name": "Tom", "role": "champion", "change": "left", "date": "2026-01-10"}]
    lost = assess_health(make_facts(stakeholders=left), knowledge.renewal.health, 200)
    replaced = assess_health(
        make_facts(
            stakeholders=[
                *left,
                {"name": "Eva", "role": "champion", "change": "joined", "date": "2026-02-01"},
            ]
        ),
        knowledge.renewal.health,
        200,
    )
    assert driver(replaced, "stakeholders").points > driver(lost, "stakeholders").points
    assert "Eva joined in the role" in driver(replaced, "stakeholders").fact


def test_medium_risk_close_to_renewal_counts_as_high(knowledge: Knowledge) -> None:
    facts = make_facts(
        seats_active=130, health={"nps": 0}, support={"critical": 1}, open_issues=["Slow reports"]
    )
    far = assess_health(facts, knowledge.renewal.health, 150)
    near = assess_health(facts, knowledge.renewal.health, 20)
    assert far.churn_risk == "medium" and near.churn_risk == "high"
    assert "too little time" in near.reason
    assert driver(near, "days_to_renewal").direction == "negative"


def test_missing_sentiment_is_scored_as_unknown_not_bad(knowledge: Knowledge) -> None:
    health = assess_health(make_facts(health={}), knowledge.renewal.health, 200)
    sentiment = driver(health, "sentiment")
    assert sentiment.fact == "no NPS or health score in the facts"
    assert sentiment.points == sentiment.weight / 2


def test_term_follows_the_risk(knowledge: Knowledge) -> None:
    policy = knowledge.renewal
    healthy = make_facts(**HEALTHY)
    low = guide_negotiation(healthy, assess_health(healthy, policy.health, 200), [], policy.negotiation)
    risky = make_facts(**AT_RISK)
    high = guide_negotiation(risky, assess_health(risky, policy.health, 200), [], policy.negotiation)
    assert low.recommended_term_months == 36 and low.uplift_max_pct == 7
    assert high.recommended_term_months == 12 and high.uplift_max_pct == 0
    assert high.seat_floor == 90, "never below today's active users"
    one_year = low.options[0]
    assert one_year.term_months == 12 and one_year.annual_amount.amount == 107_000
    held = low.options[1]
    assert held.price_hold and held.total_contract_value.amount == 103_000 * 3
