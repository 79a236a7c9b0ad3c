"""The renewal graph: check facts, score health, date the timeline, size expansion, advise, compose.

Dependencies (knowledge, advisor, playbook library, settings) arrive as the run's context, so
the LLM advisor plugs in without touching the graph. A renewal date already passed routes to
the overdue recovery plan instead of the counted-back timeline.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime

from assistant.knowledge.load import Knowledge
from assistant.library.citations import Citation, cite
from assistant.library.passages import PassageSearch, PlaybookPassage
from assistant.renewal import prior
from assistant.renewal.account_points import account_points
from assistant.renewal.advisor import OfflineRenewalAdvisor, RenewalAdvice, RenewalAdvisor, RenewalDraft
from assistant.renewal.checks import check_against_knowledge, data_warnings
from assistant.renewal.context import RenewalContext
from assistant.renewal.expansion import find_expansion as size_expansion
from assistant.renewal.facts import FactsError, RenewalFacts
from assistant.renewal.health import assess_health as score_health
from assistant.renewal.negotiation import guide_negotiation as negotiate
from assistant.renewal.people import involve_people as pick_people
from assistant.renewal.schemas import HealthAssessment, RenewalMetadata, RenewalPlan
from assistant.renewal.state import RenewalInput, RenewalOutput, RenewalState, RenewalUpdate
from assistant.renewal.talking_points import renewal_queries
from assistant.renewal.timeline import days_between, plan_overdue, plan_timeline
from assistant.settings import Settings
from assistant.text.wording import plain_counts


def check_facts(state: RenewalState, runtime: Runtime[RenewalContext]) -> RenewalUpdate:
    """Check the facts against the catalog and policy; fill the industry from the qualification."""
    knowledge, facts = runtime.context.knowledge, state["facts"]
    check_against_knowledge(facts, knowledge)
    industry = facts.industry or prior.industry_from_history(state["history"], knowledge.rubric)
    if industry != facts.industry:
        facts = facts.model_copy(update={"industry": industry})
    return {
        "checked_facts": facts,
        "started": time.perf_counter(),
        "days_to_renewal": days_between(state["as_of"], facts.renewal),
        "warnings": data_warnings(facts, state["as_of"]),
    }


def assess_health(state: RenewalState, runtime: Runtime[RenewalContext]) -> RenewalUpdate:
    """Score health and churn risk from the facts and the policy's weights."""
    policy = runtime.context.knowledge.renewal.health
    return {"health": score_health(state["checked_facts"], policy, state["days_to_renewal"])}


def plan_timeline_node(state: RenewalState, runtime: Runtime[RenewalContext]) -> RenewalUpdate:
    """Date the milestones back from the renewal, compressing those already missed."""
    facts = state["checked_facts"]
    timeline, warnings = plan_timeline(
        facts.renewal,
        state["as_of"],
        runtime.context.knowledge.renewal,
        procurement_days=facts.procurement_days,
        completed=facts.completed_milestones,
    )
    timeline = prior.with_success_criteria(timeline, prior.success_criteria(state["history"]))
    return {"timeline": timeline, "warnings": warnings}


def plan_overdue_node(state: RenewalState, runtime: Runtime[RenewalContext]) -> RenewalUpdate:
    """A renewal date already passed: a recovery plan that starts today."""
    facts = state["checked_facts"]
    timeline, warnings = plan_overdue(
        facts.renewal, state["as_of"], runtime.context.knowledge.renewal, completed=facts.completed_milestones
    )
    return {"timeline": timeline, "warnings": warnings}


def find_expansion(state: RenewalState, runtime: Runtime[RenewalContext]) -> RenewalUpdate:
    """Seats, capacity, add-on lines and premium services the facts call for, sized."""
    plays, warnings = size_expansion(state["checked_facts"], runtime.context.knowledge)
    return {"plays": plays, "warnings": warnings}


def guide_negotiation(state: RenewalState, runtime: Runtime[RenewalContext]) -> RenewalUpdate:
    """Term options, uplift bounds and trades for the churn risk."""
    policy = runtime.context.knowledge.renewal.negotiation
    return {"negotiation": negotiate(state["checked_facts"], state["health"], state["plays"], policy)}


def involve_people(state: RenewalState, runtime: Runtime[RenewalContext]) -> RenewalUpdate:
    """Our team from the roster and theirs from the stakeholders, each with when and why."""
    people, warnings = pick_people(
        state["checked_facts"], runtime.context.knowledge, state["health"], state["timeline"], state["plays"]
    )
    people += prior.presale_people(state["history"], people)
    return {"people": people, "warnings": warnings}


def retrieve_playbooks(state: RenewalState, runtime: Runtime[RenewalContext]) -> RenewalUpdate:
    """Renewal and services passages for the account's situation (any kind if none is tagged)."""
    library = runtime.context.library
    if library is None:
        return {"passages": [], "warnings": ["no playbook library: talking points cannot be cited"]}
    queries, k = renewal_queries(state["health"], state["plays"]), runtime.context.settings.retrieval_k
    found: dict[tuple[str, str], PlaybookPassage] = {}
    for kind in dict.fromkeys(q.kind for q in queries):
        texts = [q.text for q in queries if q.kind == kind]
        rows = library.search_many(texts, k=k, kind=kind)
        if kind and not any(rows):
            rows = library.search_many(texts, k=k)
        for hit in (hit for row in rows for hit in row):
            found.setdefault((hit.source, hit.section), PlaybookPassage(hit.source, hit.section, hit.text))
    return {"passages": list(found.values())}


def advise(state: RenewalState, runtime: Runtime[RenewalContext]) -> RenewalUpdate:
    """Let the injected advisor word the talking points, guidance and risk narrative."""
    draft = RenewalDraft(
        account=state["account"],
        as_of=state["as_of"],
        days_to_renewal=state["days_to_renewal"],
        health=state["health"],
        timeline=state["timeline"],
        plays=state["plays"],
        negotiation=state["negotiation"],
        people=state["people"],
    )
    context = runtime.context
    advice = context.advisor.advise(state["checked_facts"], draft, state["passages"], context.knowledge)
    return {"advice": advice, "warnings": list(advice.warnings)}


def _citations(advice: RenewalAdvice, passages: list[PlaybookPassage]) -> list[Citation]:
    """Each passage a talking point came from, once, with its trimmed text."""
    cited = {(p.citation.source, p.citation.section) for p in advice.talking_points}
    return [cite(p) for p in passages if (p.source, p.section) in cited]


def _plainly_worded(health: HealthAssessment) -> HealthAssessment:
    """The health drivers as the plan shows them: '4 open issues', never '4 open issue(s)'. (The advisor
    has already read them as computed, so a model's request stays what it was.)"""
    drivers = [d.model_copy(update={"fact": plain_counts(d.fact)}) for d in health.drivers]
    return health.model_copy(update={"drivers": drivers, "reason": plain_counts(health.reason)})


def compose_plan(state: RenewalState, runtime: Runtime[RenewalContext]) -> RenewalOutput:
    """Assemble the plan; every number in it was computed by the nodes above."""
    advice, facts = state["advice"], state["checked_facts"]
    negotiation = state["negotiation"].model_copy(update={"guidance": advice.guidance})
    metadata = RenewalMetadata(
        policy_version=runtime.context.knowledge.renewal.version,
        elapsed_ms=round((time.perf_counter() - state["started"]) * 1000, 1),
        llm=advice.usage,
        history_used=prior.records_used(state["history"]),
    )
    plan = RenewalPlan(
        account=state["account"],
        as_of=state["as_of"],
        renewal_date=facts.renewal,
        days_to_renewal=state["days_to_renewal"],
        health=_plainly_worded(state["health"]),
        risk_narrative=plain_counts(advice.risk_narrative),
        timeline=state["timeline"],
        expansion_plays=state["plays"],
        people=state["people"],
        negotiation=negotiation,
        talking_points=account_points(facts, state["history"]) + advice.talking_points,
        citations=_citations(advice, state["passages"]),
        engine=advice.engine,
        warnings=list(dict.fromkeys(plain_counts(w) for w in state.get("warnings", []))),
        metadata=metadata,
    )
    return {"plan": plan}


def route_by_renewal_date(state: RenewalState) -> Literal["plan_timeline", "plan_overdue"]:
    """A renewal date already passed gets the recovery plan, not the counted-back timeline."""
    return "plan_overdue" if state["days_to_renewal"] < 0 else "plan_timeline"


def build_renewal_graph() -> StateGraph[RenewalState, RenewalContext, RenewalInput, RenewalOutput]:
    """The graph's shape; compile it with or without a checkpointer."""
    graph = StateGraph(
        RenewalState, context_schema=RenewalContext, input_schema=RenewalInput, output_schema=RenewalOutput
    )
    steps = [
        ("check_facts", check_facts),
        ("assess_health", assess_health),
        ("plan_timeline", plan_timeline_node),
        ("plan_overdue", plan_overdue_node),
        ("find_expansion", find_expansion),
        ("guide_negotiation", guide_negotiation),
        ("involve_people", involve_people),
        ("retrieve_playbooks", retrieve_playbooks),
        ("advise", advise),
        ("compose_plan", compose_plan),
    ]
    for name, node in steps:
        graph.add_node(name, node)
    graph.add_edge(START, "check_facts")
    graph.add_edge("check_facts", "assess_health")
    graph.add_conditional_edges("assess_health", route_by_renewal_date)
    graph.add_edge("plan_timeline", "find_expansion")
    graph.add_edge("plan_overdue", "find_expansion")
    for before, after in zip(
        ["find_expansion", "guide_negotiation", "involve_people", "retrieve_playbooks", "advise"],
        ["guide_negotiation", "involve_people", "retrieve_playbooks", "advise", "compose_plan"],
        strict=True,
    ):
        graph.add_edge(before, after)
    graph.add_edge("compose_plan", END)
    return graph


@cache
def compile_renewal_graph() -> CompiledStateGraph[RenewalState, RenewalContext, RenewalInput, RenewalOutput]:
    """The compiled graph, built once per process and shared by every run."""
    return build_renewal_graph().compile()


def renewal_input(
    facts: RenewalFacts,
    *,
    as_of: dt.date | None = None,
    history: Mapping[str, Any] | None = None,
    account: str | None = None,
) -> RenewalInput:
    """The graph's input: the account named by the caller or the facts, dated as_of > facts > today."""
    name = account or facts.account
    if not name:
        raise FactsError(
            facts.source, ["account: missing (name the account on the command line or in the facts)"]
        )
    return {
        "account": name,
        "facts": facts,
        "as_of": as_of or facts.as_of or dt.date.today(),
        "history": history,
    }


def build_plan(
    facts: RenewalFacts,
    *,
    knowledge: Knowledge,
    settings: Settings,
    advisor: RenewalAdvisor | None = None,
    library: PassageSearch | None = None,
    as_of: dt.date | None = None,
    history: Mapping[str, Any] | None = None,
    account: str | None = None,
) -> RenewalPlan:
    """Run the renewal graph once and return the plan (offline advisor unless one is given)."""
    context = RenewalContext(knowledge, advisor or OfflineRenewalAdvisor(), settings, library)
    result = compile_renewal_graph().invoke(
        renewal_input(facts, as_of=as_of, history=history, account=account), context=context
    )
    plan: RenewalPlan = result["plan"]
    if account and facts.account and account != facts.account:
        plan.warnings.append(f"the facts name {facts.account!r}; this plan is for {account!r}")
    return plan
