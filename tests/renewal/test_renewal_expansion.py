"""Expansion plays sized from the facts, and who to involve from the roster."""

from __future__ import annotations

import datetime as dt

from assistant.knowledge.load import Knowledge
from assistant.renewal.expansion import find_expansion
from assistant.renewal.facts import load_facts
from assistant.renewal.health import assess_health
from assistant.renewal.people import involve_people
from assistant.renewal.schemas import ExpansionPlay
from assistant.renewal.timeline import plan_timeline
from tests.renewal_support import HALVORSEN, make_facts


def plays_by_title(plays: list[ExpansionPlay]) -> dict[str, ExpansionPlay]:
    return {play.title: play for play in plays}


def test_high_utilisation_proposes_headroom_at_todays_seat_price(knowledge: Knowledge) -> None:
    plays, _ = find_expansion(make_facts(seats_active=180), knowledge)
    seats = next(p for p in plays if p.kind == "seats")
    # 180 active * 1.15 = 207 -> rounded up to 210 -> 10 more than the 200 bought
    assert seats.seats == 10 and seats.size == "10 seats (200 → 210)"
    assert seats.annual_amount is not None and seats.annual_amount.amount == 5_000  # 100,000 / 200 a seat
    assert seats.annual_amount.currency == "USD"
    assert "180 of 200 seats active (90%)" in seats.justification[0]


def test_no_seat_play_below_the_line(knowledge: Knowledge) -> None:
    plays, _ = find_expansion(make_facts(seats_active=150), knowledge)
    assert not any(p.kind == "seats" for p in plays)


def test_add_on_from_the_notes_is_sized_from_arr(knowledge: Knowledge) -> None:
    facts = make_facts(
        notes="The CFO wants dashboards for the board instead of spreadsheets.", arr="EUR 200,000"
    )
    play = next(p for p in find_expansion(facts, knowledge)[0] if p.kind == "add_on")
    assert play.product == "analytics"
    assert play.annual_amount is not None
    assert (play.annual_amount.amount, play.annual_amount.currency) == (36_000, "EUR")  # 18% of ARR
    assert play.justification == ['notes: "The CFO wants dashboards for the board instead of spreadsheets."']


def test_owned_or_negated_add_ons_are_not_proposed(knowledge: Knowledge) -> None:
    owned = make_facts(products=["core_platform", "analytics"], notes="They love the dashboards.")
    assert not any(p.kind == "add_on" for p in find_expansion(owned, knowledge)[0])
    negated = make_facts(notes="They do not need dashboards.")
    assert not any(p.kind == "add_on" for p in find_expansion(negated, knowledge)[0])


def test_premium_packages_from_facts_and_tiers_by_size(knowledge: Knowledge) -> None:
    facts = make_facts(
        seats_purchased=600,
        seats_active=300,
        arr="USD 300,000",
        stakeholders=[
            {"name": "Lee", "role": "admin", "change": "left"},
            {"name": "Kim", "role": "admin", "change": "joined"},
        ],
    )
    plays, _ = find_expansion(facts, knowledge)
    titles = plays_by_title(plays)
    rollout = titles["Rollout package"]
    assert rollout.size.startswith("extended") and "300 users" in rollout.size  # 300 inactive seats > 200
    assert rollout.one_time_amount is not None and rollout.one_time_amount.amount == 42_000
    assert "utilisation 50% is below the 80% healthy line" in rollout.justification
    assert "administrators changed: Lee left, Kim joined" in titles["Certification package"].justification


def test_unpriced_currency_falls_back_with_a_warning(knowledge: Knowledge) -> None:
    facts = make_facts(arr="JPY 12,000,000", notes="They asked for admin training.")
    plays, warnings = find_expansion(facts, knowledge)
    training = plays_by_title(plays)["Training package"]
    assert training.one_time_amount is not None and training.one_time_amount.currency == "USD"
    assert any("no JPY list price" in w for w in warnings)


def test_capacity_play_when_a_metric_nears_its_limit(knowledge: Knowledge) -> None:
    facts = make_facts(
        usage=[{"name": "API calls", "value": 950000, "limit": 1000000, "unit": "calls", "trend": "up"}]
    )
    play = next(p for p in find_expansion(facts, knowledge)[0] if p.kind == "capacity")
    assert play.size == "950,000 of 1,000,000 calls used"


def test_demo_account_people(knowledge: Knowledge) -> None:
    facts = load_facts(HALVORSEN)
    assert facts.as_of is not None
    days = (facts.renewal - facts.as_of).days
    health = assess_health(facts, knowledge.renewal.health, days)
    timeline, _ = plan_timeline(
        facts.renewal, facts.as_of, knowledge.renewal, procurement_days=facts.procurement_days
    )
    plays, _ = find_expansion(facts, knowledge)
    people, warnings = involve_people(facts, knowledge, health, timeline, plays)
    ours = {(p.role, p.name) for p in people if p.side == "ours"}
    assert ("renewal_rep", "Natalie Chen") in ours and ("csm", "Olivia Brooks") in ours
    assert ("specialist_ae", "Priya Nair") in ours, "the analytics play calls in the analytics specialist"
    assert ("sales_engineer", "Kenji Watanabe") in ours and ("sales_engineer", "Aisha Bello") in ours
    renewal_rep = next(p for p in people if p.role == "renewal_rep")
    assert renewal_rep.when == f"Internal renewal review ({facts.as_of})"
    theirs = {p.name for p in people if p.side == "customer"}
    assert {"Elena Vik", "Ingrid Halvorsen", "Martin Olsen", "Erik Dahl"} <= theirs
    assert "Tom Becker" not in theirs, "the champion who left is not someone to involve"
    assert warnings == []


def test_high_risk_asks_for_an_executive_sponsor(knowledge: Knowledge) -> None:
    facts = make_facts(
        seats_active=60,
        health={"nps": -40},
        support={"critical": 2},
        stakeholders=[{"name": "Tom", "role": "champion", "change": "left"}],
        account_team={"renewal_rep": "Nobody Known"},
    )
    health = assess_health(facts, knowledge.renewal.health, 100)
    timeline, _ = plan_timeline(facts.renewal, dt.date(2026, 2, 20), knowledge.renewal)
    people, warnings = involve_people(facts, knowledge, health, timeline, [])
    sponsor = next(p for p in people if p.role == "executive_sponsor")
    assert sponsor.name is None and sponsor.side == "ours"
    champion = next(p for p in people if p.role == "champion")
    assert champion.name is None and "Tom left" in champion.why
    assert any("'Nobody Known'" in w for w in warnings)
