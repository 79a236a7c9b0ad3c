"""The renewal plan speaks from the account's own history, keeps the procurement lead time it states,
and words counts and dates plainly."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from assistant.handoff import OfflineDealReader
from assistant.handoff.context import HandoffContext
from assistant.handoff.graph import build_brief
from assistant.knowledge.load import Knowledge
from assistant.knowledge.renewal_policy import RenewalPolicy
from assistant.renewal.account_points import ACCOUNT_SOURCES
from assistant.renewal.facts import load_facts
from assistant.renewal.graph import build_plan
from assistant.renewal.render import render_markdown
from assistant.renewal.timeline import plan_timeline
from assistant.settings import Settings
from assistant.text.wording import counted, days_left, plain_counts
from tests.handoff_support import halvorsen_sources
from tests.renewal_support import HALVORSEN, make_facts

D = dt.date


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("renewal-history"), embedding="hashing")


def test_talking_points_open_with_the_accounts_wins_and_the_goal_they_meet(
    knowledge: Knowledge, settings: Settings
) -> None:
    context = HandoffContext(knowledge, OfflineDealReader(), settings)
    brief = build_brief(
        "Halvorsen Regional Bank", halvorsen_sources(), context=context, as_of=D(2026, 11, 20)
    )
    history = {"transition": brief.model_dump(mode="json")}
    plan = build_plan(load_facts(HALVORSEN), knowledge=knowledge, settings=settings, history=history)
    points = [(p.text, p.citation.source) for p in plan.talking_points]
    assert [source for _, source in points] == [
        "account notes",
        "account notes",
        "transition brief",
        "account facts",
    ]
    assert "down from 19 days to 6" in points[0][0]
    assert "smoothest in years" in points[1][0]
    assert (
        points[2][0]
        == "Agreed at onboarding: Commercial onboarding cut from 19 days to under 7 days by the end of Q3 2027."
    )
    assert points[3][0].startswith(
        "Adoption: 331 of 350 seats in use (95%); Workflows in production: 38 workflows"
    )
    notes = load_facts(HALVORSEN).notes
    assert all(p.citation.text in notes for p in plan.talking_points[:2]), "wins are the CSM's own words"
    assert not any("slipped" in text or "left in June" in text for text, _ in points), "a setback is no win"
    markdown = render_markdown(plan)
    assert '1. account notes, section "renewal facts as of 2029-08-07"' in markdown


def test_without_history_or_wins_the_points_are_adoption_only(
    knowledge: Knowledge, settings: Settings
) -> None:
    facts = make_facts(seats_active=190, notes="Their CFO asked about a 3-year term. Weekly use slipped.")
    plan = build_plan(facts, knowledge=knowledge, settings=settings, as_of=D(2026, 1, 5))
    assert [p.text for p in plan.talking_points] == ["Adoption: 190 of 200 seats in use (95%)."]
    assert all(p.citation.source in ACCOUNT_SOURCES for p in plan.talking_points)


def test_the_proposal_goes_out_the_procurement_lead_time_before_the_renewal(
    knowledge: Knowledge, settings: Settings
) -> None:
    plan = build_plan(load_facts(HALVORSEN), knowledge=knowledge, settings=settings)
    proposal = next(e for e in plan.timeline if e.key == "proposal")
    assert (plan.renewal_date - proposal.date).days >= 90
    assert (
        "Procurement needs 90 days: the proposal goes out on 2029-10-16, 90 days before the renewal date."
        in plan.negotiation.guidance
    )


def test_a_lead_time_the_dates_cannot_keep_is_said_with_what_to_do(knowledge: Knowledge) -> None:
    policy: RenewalPolicy = knowledge.renewal
    renewal = D(2027, 3, 1)
    entries, warnings = plan_timeline(renewal, renewal - dt.timedelta(days=70), policy, procurement_days=90)
    proposal = next(e for e in entries if e.key == "proposal")
    ahead = (renewal - proposal.date).days
    assert ahead < 90
    assert (
        f"procurement needs 90 days, but the proposal goes out on {proposal.date}, only {counted(ahead, 'day')} "
        "before the renewal date: ask their procurement for a fast track now, or agree a short extension of the "
        "current contract"
    ) in warnings


def test_counts_and_past_dates_are_worded_plainly(knowledge: Knowledge, settings: Settings) -> None:
    facts = make_facts(open_issues=["SSO mapping broken.", "Exports time out."])
    overdue = build_plan(facts, knowledge=knowledge, settings=settings, as_of=D(2026, 6, 19))
    markdown = render_markdown(overdue)
    assert "(18 days overdue on 2026-06-19)" in markdown
    assert "2 open issues, first" in markdown
    assert not re.search(r"\w\(s\)|-18\b", markdown + " ".join(overdue.warnings))
    assert (counted(1, "issue"), counted(2, "issue"), counted(1_200, "day")) == (
        "1 issue",
        "2 issues",
        "1,200 days",
    )
    assert (days_left(160), days_left(0), days_left(-18)) == ("160 days left", "due today", "18 days overdue")
    assert (
        plain_counts("4 open issue(s); 1 milestone(s) compressed") == "4 open issues; 1 milestone compressed"
    )
