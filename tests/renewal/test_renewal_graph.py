"""The renewal graph end to end: real Chroma in a temp dir, the shipped playbooks, real nodes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from assistant.knowledge.load import Knowledge
from assistant.library.playbook_library import PlaybookLibrary
from assistant.renewal.account_points import ACCOUNT_SOURCES
from assistant.renewal.advisor import OfflineRenewalAdvisor
from assistant.renewal.context import RenewalContext
from assistant.renewal.facts import FactsError, load_facts
from assistant.renewal.graph import build_plan, build_renewal_graph, compile_renewal_graph, renewal_input
from assistant.renewal.schemas import RenewalPlan
from assistant.settings import Settings
from tests.renewal_support import HALVORSEN, make_facts

NODES = [
    "check_facts",
    "assess_health",
    "plan_timeline",
    "find_expansion",
    "guide_negotiation",
    "involve_people",
    "retrieve_playbooks",
    "advise",
    "compose_plan",
]


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("renewal"), embedding="hashing")


@pytest.fixture(scope="module")
def library(settings: Settings) -> PlaybookLibrary:
    library = PlaybookLibrary(settings)
    library.ensure_ready()
    return library


@pytest.fixture(scope="module")
def halvorsen(knowledge: Knowledge, settings: Settings, library: PlaybookLibrary) -> RenewalPlan:
    return build_plan(load_facts(HALVORSEN), knowledge=knowledge, settings=settings, library=library)


def playbook_text(settings: Settings) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in settings.playbooks_dir.glob("*.md"))


def test_demo_plan_is_dated_scored_and_sized(halvorsen: RenewalPlan) -> None:
    plan = halvorsen
    assert (plan.account, plan.as_of, plan.renewal_date) == (
        "Halvorsen Regional Bank",
        dt.date(2029, 8, 7),
        dt.date(2030, 1, 14),
    )
    assert plan.days_to_renewal == 160 and plan.engine == "offline"
    assert plan.health.churn_risk == "medium"
    review = plan.timeline[0]
    assert (review.key, review.status, review.date, review.days_before) == (
        "internal_review",
        "compressed",
        plan.as_of,
        210,
    )
    assert all(e.date >= plan.as_of for e in plan.timeline)
    assert [e.status for e in plan.timeline[1:]] == ["on_schedule"] * 4
    kinds = {p.kind for p in plan.expansion_plays}
    assert {"seats", "add_on", "premium_services"} <= kinds
    seats = next(p for p in plan.expansion_plays if p.kind == "seats")
    # 331 of 350 active (95%): 331 * 1.15 = 380.65 -> rounded up to 385 -> 35 more at 172,000 / 350 a seat
    assert seats.size == "35 seats (350 → 385)"
    assert seats.annual_amount is not None and seats.annual_amount.amount == 17_200
    assert any(p.product == "analytics" for p in plan.expansion_plays)
    assert plan.negotiation.recommended_term_months == 24
    assert plan.negotiation.guidance, "the offline advisor words the guidance"
    assert any("procurement takes 90 days" in w for w in plan.warnings)


def test_talking_points_are_verbatim_and_cited(halvorsen: RenewalPlan, settings: Settings) -> None:
    text = playbook_text(settings)
    own = [p for p in halvorsen.talking_points if p.citation.source in ACCOUNT_SOURCES]
    playbook = halvorsen.talking_points[len(own) :]
    assert own and halvorsen.talking_points[: len(own)] == own, "the account's own history comes first"
    assert len(playbook) >= 3
    for point in playbook:
        assert point.text in text
        assert point.citation.source.startswith("playbooks/")
    sources = {c.source for c in halvorsen.citations}
    assert "playbooks/renewal-playbook.md" in sources
    assert all(Path(settings.playbooks_dir.parent, s).exists() for s in sources)
    assert any("certification" in p.text for p in halvorsen.talking_points), "administrators changed"


def test_plan_round_trips_as_json(halvorsen: RenewalPlan) -> None:
    payload = halvorsen.model_dump(mode="json")
    assert payload["renewal_date"] == "2030-01-14"
    assert payload["metadata"]["policy_version"] == "2026.1"
    assert RenewalPlan.model_validate_json(halvorsen.model_dump_json()) == halvorsen


def stream_nodes(
    knowledge: Knowledge, settings: Settings, library: PlaybookLibrary, **given: Any
) -> list[str]:
    graph = compile_renewal_graph()
    context = RenewalContext(knowledge, OfflineRenewalAdvisor(), settings, library)
    chunks = graph.stream(renewal_input(**given), context=context, stream_mode="updates")
    return [node for chunk in chunks for node in chunk]


def test_a_past_renewal_routes_to_the_overdue_plan(
    knowledge: Knowledge, settings: Settings, library: PlaybookLibrary
) -> None:
    facts = make_facts()
    as_of = facts.renewal + dt.timedelta(days=12)
    nodes = stream_nodes(knowledge, settings, library, facts=facts, as_of=as_of)
    assert "plan_overdue" in nodes and "plan_timeline" not in nodes
    plan = build_plan(facts, knowledge=knowledge, settings=settings, library=library, as_of=as_of)
    assert plan.days_to_renewal == -12
    assert plan.warnings[0].startswith("overdue: renewal date passed 12 days ago")
    assert {e.status for e in plan.timeline} == {"overdue"}


def test_stream_follows_the_declared_shape(
    knowledge: Knowledge, settings: Settings, library: PlaybookLibrary
) -> None:
    facts = make_facts()
    nodes = stream_nodes(knowledge, settings, library, facts=facts, as_of=dt.date(2026, 1, 5))
    assert nodes == NODES
    assert set(NODES) | {"plan_overdue"} <= set(build_renewal_graph().compile().get_graph().nodes)


def test_history_adds_criteria_industry_and_presale_people(
    knowledge: Knowledge, settings: Settings, library: PlaybookLibrary
) -> None:
    history = {
        "qualification": {
            "criteria": {"industry": {"status": "met", "value": "Healthcare"}},
            "recommendations": [
                {"role": "industry_expert", "name": "Dr. Leila Haddad", "reason": "HIPAA BAA asked"}
            ],
        },
        "transition": {
            "internal_meeting": {"success_criteria": ["Month-end close under 5 days", "3 teams live"]}
        },
    }
    facts = make_facts(open_issues=["The HIPAA audit needs a signed BAA update"])
    plan = build_plan(
        facts,
        knowledge=knowledge,
        settings=settings,
        library=library,
        as_of=dt.date(2026, 1, 5),
        history=history,
    )
    review = next(e for e in plan.timeline if e.key == "executive_business_review")
    assert "present outcomes against: Month-end close under 5 days; 3 teams live" in review.note
    expert = next(p for p in plan.people if p.role == "industry_expert")
    assert expert.name == "Dr. Leila Haddad"
    assert plan.metadata.history_used == ["qualification", "transition"]


def test_without_a_library_the_plan_still_comes_with_a_warning(
    knowledge: Knowledge, settings: Settings
) -> None:
    plan = build_plan(make_facts(), knowledge=knowledge, settings=settings, as_of=dt.date(2026, 1, 5))
    assert all(p.citation.source in ACCOUNT_SOURCES for p in plan.talking_points) and plan.citations == []
    assert "no playbook library: talking points cannot be cited" in plan.warnings


def test_bad_facts_stop_the_graph_with_the_facts_error(knowledge: Knowledge, settings: Settings) -> None:
    with pytest.raises(FactsError, match="unknown product line 'widgets'"):
        build_plan(make_facts(products=["widgets"]), knowledge=knowledge, settings=settings)
    with pytest.raises(FactsError, match="account: missing"):
        build_plan(make_facts(account=None), knowledge=knowledge, settings=settings)


def test_the_caller_names_the_account(knowledge: Knowledge, settings: Settings) -> None:
    plan = build_plan(
        make_facts(),
        knowledge=knowledge,
        settings=settings,
        account="Northwind Health",
        as_of=dt.date(2026, 1, 5),
    )
    assert plan.account == "Northwind Health"
    assert any("the facts name 'Northwind Clinics'" in w for w in plan.warnings)


def test_contractual_price_protection_caps_every_option(settings: Settings, knowledge: Knowledge) -> None:
    """The won-deal notes promised a 3% cap: no option may price the renewal above it."""
    facts = load_facts(HALVORSEN)
    assert facts.uplift_cap_pct == 3
    uncapped = facts.model_copy(update={"uplift_cap_pct": None})
    capped_plan = build_plan(facts, knowledge=knowledge, settings=settings)
    free_plan = build_plan(uncapped, knowledge=knowledge, settings=settings)
    assert capped_plan.negotiation.uplift_max_pct <= 3 < free_plan.negotiation.uplift_max_pct
    one_year = capped_plan.negotiation.options[0]
    assert one_year.annual_amount.amount <= facts.arr.amount * 1.03 + 0.01
    assert any("caps the renewal uplift at 3%" in line for line in capped_plan.negotiation.guidance)
